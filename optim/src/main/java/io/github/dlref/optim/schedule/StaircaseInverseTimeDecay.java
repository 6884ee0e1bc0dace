package io.github.dlref.optim.schedule;

/**
 * Keras's {@code InverseTimeDecay} with {@code staircase=True}: {@code lr(t) = initial / (1 + decayRate *
 * floor(t / decaySteps))}, constant within each block of {@code decaySteps} steps. Without staircase use
 * {@link InverseTimeDecay}; Keras's {@code ExponentialDecay} with {@code staircase=True} (integer
 * {@code decay_steps}) is {@link StepDecay}.
 *
 * @param initial {@code lr(0)}, finite, {@code >= 0}
 * @param decayRate the decay rate, finite, {@code >= 0}
 * @param decaySteps the block length, finite, {@code > 0}
 */
public record StaircaseInverseTimeDecay(double initial, double decayRate, double decaySteps)
        implements LearningRateSchedule {

    /**
     * Validates the parameters.
     *
     * @param initial {@code lr(0)}
     * @param decayRate the decay rate
     * @param decaySteps the block length
     * @throws IllegalArgumentException naming the parameter, its value and the valid range
     */
    public StaircaseInverseTimeDecay {
        Steps.nonNegative("StaircaseInverseTimeDecay", "initial", initial);
        Steps.nonNegative("StaircaseInverseTimeDecay", "decayRate", decayRate);
        Steps.positive("StaircaseInverseTimeDecay", "decaySteps", decaySteps);
    }

    @Override
    public double learningRate(long step) {
        Steps.check("StaircaseInverseTimeDecay", step);
        return initial / (1.0 + decayRate * Math.floor(step / decaySteps));
    }
}
