package io.github.dlref.optim.schedule;

/**
 * A constant learning rate, {@code lr(t) = value} (Optax {@code constant_schedule}; no PyTorch scheduler).
 *
 * @param value the learning rate, finite, {@code >= 0}
 */
public record Constant(double value) implements LearningRateSchedule {

    /**
     * Validates the value.
     *
     * @param value the learning rate
     * @throws IllegalArgumentException if it is negative or not finite
     */
    public Constant {
        Steps.nonNegative("Constant", "value", value);
    }

    @Override
    public double learningRate(long step) {
        Steps.check("Constant", step);
        return value;
    }
}
