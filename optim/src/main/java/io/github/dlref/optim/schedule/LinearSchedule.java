package io.github.dlref.optim.schedule;

/**
 * Linear interpolation from {@code start} to {@code end} over {@code steps} steps, then constant:
 * {@code lr(t) = start + (end - start) * (min(t, T) / T)} (Optax's {@code linear_schedule}; PyTorch's
 * {@code LinearLR(start_factor, end_factor, total_iters)} with {@code start = base * start_factor},
 * {@code end = base * end_factor}, equal in exact arithmetic to PyTorch's
 * {@code base * (start_factor + (end_factor - start_factor) * min(T, t) / T)}).
 *
 * @param start {@code lr(0)}, finite, {@code >= 0}
 * @param end {@code lr(t)} for {@code t >= T}, finite, {@code >= 0}
 * @param steps {@code T >= 1}
 */
public record LinearSchedule(double start, double end, long steps) implements LearningRateSchedule {

    /**
     * Validates the parameters.
     *
     * @param start {@code lr(0)}
     * @param end the final learning rate
     * @param steps {@code T}
     * @throws IllegalArgumentException naming the parameter, its value and the valid range
     */
    public LinearSchedule {
        Steps.nonNegative("LinearSchedule", "start", start);
        Steps.nonNegative("LinearSchedule", "end", end);
        Steps.positive("LinearSchedule", "steps", steps);
    }

    @Override
    public double learningRate(long step) {
        Steps.check("LinearSchedule", step);
        return start + (end - start) * ((double) Math.min(step, steps) / steps);
    }
}
