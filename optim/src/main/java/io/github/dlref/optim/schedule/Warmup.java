package io.github.dlref.optim.schedule;

/**
 * Linear warm-up followed by another schedule: for {@code t < W},
 * {@code lr(t) = start + (after(0) - start) * (t / W)}; for {@code t >= W}, {@code lr(t) = after(t - W)}
 * (the second schedule starts its own count at the end of the warm-up, like Optax's
 * {@code join_schedules} and Keras's {@code CosineDecay} with {@code warmup_steps}, whose warm-up is
 * {@code (target - initial) * (t / W) + initial}).
 *
 * @param start {@code lr(0)}, finite, {@code >= 0}
 * @param warmupSteps {@code W >= 1}
 * @param after the schedule after the warm-up, not null
 */
public record Warmup(double start, long warmupSteps, LearningRateSchedule after) implements LearningRateSchedule {

    /**
     * Validates the parameters.
     *
     * @param start {@code lr(0)}
     * @param warmupSteps {@code W}
     * @param after the schedule after the warm-up
     * @throws IllegalArgumentException naming the parameter, its value and the valid range
     */
    public Warmup {
        Steps.nonNegative("Warmup", "start", start);
        Steps.positive("Warmup", "warmupSteps", warmupSteps);
        if (after == null) {
            throw new IllegalArgumentException("Warmup: after must not be null");
        }
    }

    @Override
    public double learningRate(long step) {
        Steps.check("Warmup", step);
        if (step >= warmupSteps) {
            return after.learningRate(step - warmupSteps);
        }
        return start + (after.learningRate(0) - start) * ((double) step / warmupSteps);
    }
}
