package io.github.dlref.optim.schedule;

/**
 * Cosine annealing with warm restarts (SGDR, Loshchilov and Hutter 2017), PyTorch's
 * {@code CosineAnnealingWarmRestarts} stepped once per step without an epoch argument (torch 1.13): the
 * {@code i}-th period lasts {@code T_i = T_0 T_mult^i} steps, and within it, at {@code T_cur} steps after its
 * start,
 *
 * <pre>
 *   lr = etaMin + (initial - etaMin) (1 + cos(pi T_cur / T_i)) / 2
 * </pre>
 *
 * computed in PyTorch's order. {@code T_cur} and {@code T_i} are found exactly in integers (PyTorch's
 * recursive {@code T_cur += 1}, restart when {@code T_cur >= T_i}).
 *
 * @param initial the rate at each restart, finite, {@code >= 0}
 * @param period {@code T_0 >= 1}
 * @param periodMultiplier {@code T_mult >= 1}
 * @param etaMin the floor, finite, {@code >= 0}
 */
public record CosineWarmRestarts(double initial, long period, long periodMultiplier, double etaMin)
        implements LearningRateSchedule {

    /**
     * Validates the parameters.
     *
     * @param initial the rate at each restart
     * @param period {@code T_0}
     * @param periodMultiplier {@code T_mult}
     * @param etaMin the floor
     * @throws IllegalArgumentException naming the parameter, its value and the valid range
     */
    public CosineWarmRestarts {
        Steps.nonNegative("CosineWarmRestarts", "initial", initial);
        Steps.positive("CosineWarmRestarts", "period", period);
        Steps.positive("CosineWarmRestarts", "periodMultiplier", periodMultiplier);
        Steps.nonNegative("CosineWarmRestarts", "etaMin", etaMin);
    }

    @Override
    public double learningRate(long step) {
        Steps.check("CosineWarmRestarts", step);
        long current = step;
        long length = period;
        if (periodMultiplier == 1) {
            current = step % period;
        } else {
            while (current >= length) {
                current -= length;
                length = Math.multiplyExact(length, periodMultiplier);
            }
        }
        return etaMin + (initial - etaMin) * (1 + Math.cos(Math.PI * current / length)) / 2;
    }
}
