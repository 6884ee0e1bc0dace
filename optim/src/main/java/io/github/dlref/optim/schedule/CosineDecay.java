package io.github.dlref.optim.schedule;

/**
 * Cosine annealing (Loshchilov and Hutter, SGDR, 2017) from {@code initial} to {@code minimum} over
 * {@code period} steps: {@code lr(t) = minimum + (initial - minimum) (1 + cos(pi t / T)) / 2}, computed in
 * the order of PyTorch's {@code CosineAnnealingLR} closed form,
 * {@code minimum + (initial - minimum) * (1 + cos(PI * t / T)) / 2}.
 *
 * <p>After the period the frameworks differ: PyTorch's {@code CosineAnnealingLR} keeps following the cosine
 * (the rate rises again towards {@code initial} at {@code 2T}; {@link AfterPeriod#CONTINUE}), while Keras's
 * {@code CosineDecay} and Optax's {@code cosine_decay_schedule} clamp {@code t} to {@code T} and stay at the
 * minimum ({@link AfterPeriod#HOLD}). Keras and Optax parameterize the minimum as a fraction
 * {@code alpha = minimum / initial} and compute {@code initial * ((1 - alpha) c + alpha)}; equal in exact
 * arithmetic.
 *
 * @param initial {@code lr(0)}, finite, {@code >= 0}
 * @param minimum {@code lr(T)}, finite, {@code >= 0}
 * @param period {@code T >= 1}
 * @param afterPeriod what happens for {@code t > T}
 */
public record CosineDecay(double initial, double minimum, long period, AfterPeriod afterPeriod)
        implements LearningRateSchedule {

    /** Behaviour after the period. */
    public enum AfterPeriod {
        /** Keep following the cosine (PyTorch {@code CosineAnnealingLR}). */
        CONTINUE,
        /** Stay at the minimum (Keras {@code CosineDecay}, Optax {@code cosine_decay_schedule}). */
        HOLD
    }

    /**
     * Validates the parameters.
     *
     * @param initial {@code lr(0)}
     * @param minimum {@code lr(T)}
     * @param period {@code T}
     * @param afterPeriod what happens for {@code t > T}
     * @throws IllegalArgumentException naming the parameter, its value and the valid range
     */
    public CosineDecay {
        Steps.nonNegative("CosineDecay", "initial", initial);
        Steps.nonNegative("CosineDecay", "minimum", minimum);
        Steps.positive("CosineDecay", "period", period);
        if (afterPeriod == null) {
            throw new IllegalArgumentException("CosineDecay: afterPeriod must not be null");
        }
    }

    /**
     * PyTorch's {@code CosineAnnealingLR(T_max, eta_min)} with base rate {@code initial}.
     *
     * @param initial the base learning rate
     * @param tMax {@code T_max}
     * @param etaMin {@code eta_min}
     * @return the schedule
     */
    public static CosineDecay pytorch(double initial, long tMax, double etaMin) {
        return new CosineDecay(initial, etaMin, tMax, AfterPeriod.CONTINUE);
    }

    /**
     * Keras's {@code CosineDecay(initial_learning_rate, decay_steps, alpha)} (no warm-up; see {@link Warmup}).
     *
     * @param initial {@code initial_learning_rate}
     * @param decaySteps {@code decay_steps}
     * @param alpha the minimum as a fraction of {@code initial}, in {@code [0, 1]}
     * @return the schedule
     */
    public static CosineDecay keras(double initial, long decaySteps, double alpha) {
        if (!(alpha >= 0.0 && alpha <= 1.0)) {
            throw new IllegalArgumentException("CosineDecay: alpha must be in [0, 1], got " + alpha);
        }
        return new CosineDecay(initial, alpha * initial, decaySteps, AfterPeriod.HOLD);
    }

    @Override
    public double learningRate(long step) {
        Steps.check("CosineDecay", step);
        long t = afterPeriod == AfterPeriod.HOLD ? Math.min(step, period) : step;
        return minimum + (initial - minimum) * (1.0 + StrictMath.cos(Math.PI * t / period)) / 2.0;
    }
}
