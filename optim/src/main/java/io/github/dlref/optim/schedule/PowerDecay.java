package io.github.dlref.optim.schedule;

/**
 * Power decay: {@code lr(t) = k / t^power} for {@code t >= 1}; with {@code power = 1/2} the
 * {@code k / sqrt(t)} decay, one of the "power" (幂函数) forms bp-optimizers lists (computed with
 * {@link Math#sqrt} when {@code power = 0.5}, else {@link StrictMath#pow}).
 *
 * <p>Undefined at {@code t = 0}: use {@code shifted(1)} to start at {@code k} (PyTorch's
 * {@code LambdaLR(lambda e: 1 / sqrt(e + 1))} with base rate {@code k}).
 *
 * @param k the learning rate at {@code t = 1}, finite, {@code >= 0}
 * @param power the exponent, finite, {@code >= 0}
 */
public record PowerDecay(double k, double power) implements LearningRateSchedule {

    /**
     * Validates the parameters.
     *
     * @param k the learning rate at {@code t = 1}
     * @param power the exponent
     * @throws IllegalArgumentException naming the parameter, its value and the valid range
     */
    public PowerDecay {
        Steps.nonNegative("PowerDecay", "k", k);
        Steps.nonNegative("PowerDecay", "power", power);
    }

    /**
     * {@code k / sqrt(t)}.
     *
     * @param k the learning rate at {@code t = 1}
     * @return the schedule
     */
    public static PowerDecay inverseSqrt(double k) {
        return new PowerDecay(k, 0.5);
    }

    @Override
    public double learningRate(long step) {
        if (step < 1) {
            throw new IllegalArgumentException("PowerDecay: step must be >= 1 (k / t^power is undefined at t = 0;"
                    + " use shifted(1) to start at k), got " + step);
        }
        double t = step;
        return k / (power == 0.5 ? Math.sqrt(t) : StrictMath.pow(t, power));
    }
}
