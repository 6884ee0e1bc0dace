package io.github.dlref.optim.schedule;

/**
 * Polynomial decay from {@code initial} to {@code end} over {@code decaySteps} steps, then constant:
 * {@code lr(t) = (initial - end) * (1 - min(t, T) / T)^power + end}, in the order of Keras's
 * {@code PolynomialDecay} (without cycle) and Optax's {@code polynomial_schedule}. With {@code end = 0} it is
 * PyTorch's {@code PolynomialLR} closed form {@code base_lr * (1 - min(T, t) / T) ** power} (bit for bit:
 * subtracting and adding 0 is exact).
 *
 * @param initial {@code lr(0)}, finite, {@code >= 0}
 * @param end {@code lr(t)} for {@code t >= T}, finite, {@code >= 0}
 * @param decaySteps {@code T >= 1}
 * @param power the exponent, finite, {@code >= 0}
 */
public record PolynomialDecay(double initial, double end, long decaySteps, double power)
        implements LearningRateSchedule {

    /**
     * Validates the parameters.
     *
     * @param initial {@code lr(0)}
     * @param end the final learning rate
     * @param decaySteps {@code T}
     * @param power the exponent
     * @throws IllegalArgumentException naming the parameter, its value and the valid range
     */
    public PolynomialDecay {
        Steps.nonNegative("PolynomialDecay", "initial", initial);
        Steps.nonNegative("PolynomialDecay", "end", end);
        Steps.positive("PolynomialDecay", "decaySteps", decaySteps);
        Steps.nonNegative("PolynomialDecay", "power", power);
    }

    @Override
    public double learningRate(long step) {
        Steps.check("PolynomialDecay", step);
        double fraction = 1.0 - (double) Math.min(step, decaySteps) / decaySteps;
        return (initial - end) * StrictMath.pow(fraction, power) + end;
    }
}
