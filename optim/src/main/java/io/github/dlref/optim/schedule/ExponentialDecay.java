package io.github.dlref.optim.schedule;

/**
 * Continuous exponential decay: {@code lr(t) = initial * rate^(t / decaySteps)}, computed as
 * {@code initial * StrictMath.pow(rate, t / decaySteps)} (floating-point division). With {@code decaySteps = 1}
 * this is PyTorch's {@code ExponentialLR} closed form ({@code base_lr * gamma ** last_epoch}); in general
 * Keras's {@code ExponentialDecay} and Optax's {@code exponential_decay} without staircase (with staircase
 * use {@link StepDecay}); bp-optimizers' "exponential" (指数) decay.
 *
 * @param initial {@code lr(0)}, finite, {@code >= 0}
 * @param rate the factor per {@code decaySteps} steps, finite, {@code >= 0}
 * @param decaySteps the steps per factor, finite, {@code > 0}
 */
public record ExponentialDecay(double initial, double rate, double decaySteps) implements LearningRateSchedule {

    /**
     * Validates the parameters.
     *
     * @param initial {@code lr(0)}
     * @param rate the factor per {@code decaySteps} steps
     * @param decaySteps the steps per factor
     * @throws IllegalArgumentException naming the parameter, its value and the valid range
     */
    public ExponentialDecay {
        Steps.nonNegative("ExponentialDecay", "initial", initial);
        Steps.nonNegative("ExponentialDecay", "rate", rate);
        Steps.positive("ExponentialDecay", "decaySteps", decaySteps);
    }

    /**
     * PyTorch's {@code ExponentialLR(gamma)}: {@code initial * gamma^t}.
     *
     * @param initial {@code lr(0)}
     * @param gamma the factor per step
     * @return the schedule
     */
    public static ExponentialDecay perStep(double initial, double gamma) {
        return new ExponentialDecay(initial, gamma, 1.0);
    }

    @Override
    public double learningRate(long step) {
        Steps.check("ExponentialDecay", step);
        return initial * StrictMath.pow(rate, step / decaySteps);
    }
}
