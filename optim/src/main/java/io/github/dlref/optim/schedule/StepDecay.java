package io.github.dlref.optim.schedule;

/**
 * Step decay: {@code lr(t) = initial * gamma^floor(t / stepSize)}, computed as
 * {@code initial * StrictMath.pow(gamma, t / stepSize)} with integer division. This is PyTorch's {@code StepLR}
 * closed form ({@code base_lr * gamma ** (last_epoch // step_size)}), Keras's and Optax's
 * {@code ExponentialDecay} / {@code exponential_decay} with {@code staircase=True}, and the "step"
 * (阶梯) decay bp-optimizers lists.
 *
 * @param initial the learning rate for {@code t < stepSize}, finite, {@code >= 0}
 * @param stepSize the period {@code s >= 1}
 * @param gamma the factor per period, finite, {@code >= 0}
 */
public record StepDecay(double initial, long stepSize, double gamma) implements LearningRateSchedule {

    /**
     * Validates the parameters.
     *
     * @param initial the initial learning rate
     * @param stepSize the period
     * @param gamma the factor per period
     * @throws IllegalArgumentException naming the parameter, its value and the valid range
     */
    public StepDecay {
        Steps.nonNegative("StepDecay", "initial", initial);
        Steps.positive("StepDecay", "stepSize", stepSize);
        Steps.nonNegative("StepDecay", "gamma", gamma);
    }

    @Override
    public double learningRate(long step) {
        Steps.check("StepDecay", step);
        return initial * StrictMath.pow(gamma, step / stepSize);
    }
}
