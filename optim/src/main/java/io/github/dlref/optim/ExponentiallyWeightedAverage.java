package io.github.dlref.optim;

/**
 * An exponentially weighted (moving) average of a scalar series with bias correction, as bp-optimizers
 * defines it: {@code v_0 = 0}, {@code v_t = beta v_{t-1} + (1 - beta) theta_t}, and the corrected estimate
 * {@code v_t / (1 - beta^t)}.
 *
 * <p>Because {@code v_0 = 0}, the raw average starts far too low: {@code v_1 = (1 - beta) theta_1}, only
 * 10% of {@code theta_1} for {@code beta = 0.9}. The weights of {@code v_t} on
 * {@code theta_t, theta_{t-1}, ..., theta_1} are {@code (1 - beta) beta^i} and sum to {@code 1 - beta^t};
 * dividing by that sum makes them sum to 1, so a constant series is reproduced exactly from the first step
 * on (up to rounding). The average reflects roughly the last {@code 1 / (1 - beta)} values
 * ({@link #effectiveWindow()}). Adam's {@code m_hat} and {@code v_hat} are this correction applied to
 * gradients and squared gradients.
 *
 * <p>Arithmetic: {@code beta * v + (1 - beta) * theta}; the correction divides by
 * {@code 1 - StrictMath.pow(beta, t)}.
 */
public final class ExponentiallyWeightedAverage {

    private final double beta;
    private double value;
    private long count;

    /**
     * Creates an average at {@code v_0 = 0}.
     *
     * @param beta the weight of the past, in {@code [0, 1)}
     * @throws IllegalArgumentException if {@code beta} is outside {@code [0, 1)}
     */
    public ExponentiallyWeightedAverage(double beta) {
        this.beta = Check.unitInterval("ExponentiallyWeightedAverage", "beta", beta);
    }

    /**
     * Adds the next value of the series: {@code v_t = beta v_{t-1} + (1 - beta) theta_t}.
     *
     * @param theta {@code theta_t}, finite
     * @return the raw (biased) average {@code v_t}
     * @throws IllegalArgumentException if {@code theta} is not finite
     */
    public double update(double theta) {
        if (!Double.isFinite(theta)) {
            throw new IllegalArgumentException("ExponentiallyWeightedAverage: value " + (count + 1)
                    + " must be finite, got " + theta);
        }
        value = beta * value + (1.0 - beta) * theta;
        count++;
        return value;
    }

    /**
     * The raw average {@code v_t} (0 before the first update).
     *
     * @return {@code v_t}
     */
    public double value() {
        return value;
    }

    /**
     * The bias-corrected average {@code v_t / (1 - beta^t)}.
     *
     * @return the corrected average
     * @throws IllegalStateException before the first update ({@code 0 / 0})
     */
    public double biasCorrected() {
        if (count == 0) {
            throw new IllegalStateException("ExponentiallyWeightedAverage: no value yet; the bias correction "
                    + "v_0 / (1 - beta^0) is 0 / 0");
        }
        return value / (1.0 - StrictMath.pow(beta, count));
    }

    /**
     * The number of values added, {@code t}.
     *
     * @return {@code t}
     */
    public long count() {
        return count;
    }

    /**
     * The weight of the past.
     *
     * @return {@code beta}
     */
    public double beta() {
        return beta;
    }

    /**
     * The number of recent values the average roughly reflects, {@code 1 / (1 - beta)} (bp-optimizers).
     *
     * @return {@code 1 / (1 - beta)}
     */
    public double effectiveWindow() {
        return 1.0 / (1.0 - beta);
    }
}
