package io.github.dlref.train;

import io.github.dlref.optim.schedule.Constant;
import io.github.dlref.optim.schedule.CosineDecay;
import io.github.dlref.optim.schedule.ExponentialDecay;
import io.github.dlref.optim.schedule.InverseTimeDecay;
import io.github.dlref.optim.schedule.LearningRateSchedule;
import io.github.dlref.optim.schedule.StepDecay;
import java.util.Locale;
import java.util.Objects;

/**
 * A learning-rate schedule over epochs: the rate of epoch {@code e} (counting from 0) is
 * {@code schedule.learningRate(e)}, set before the epoch's first step (a {@code LearningRateScheduler} stepped
 * once per epoch, as PyTorch's epoch schedulers are).
 *
 * @param kind the schedule
 * @param gamma the decay factor ({@link ScheduleKind#STEP}, {@link ScheduleKind#EXPONENTIAL}: in {@code (0, 1]}),
 *     or the decay rate ({@link ScheduleKind#INVERSE_TIME}: {@code >= 0}); {@code null} for the default
 *     ({@value #DEFAULT_STEP_GAMMA} for step, {@value #DEFAULT_EXPONENTIAL_GAMMA} for exponential,
 *     {@value #DEFAULT_DECAY_RATE} for inverse time)
 * @param stepSize epochs per decay of {@link ScheduleKind#STEP}, {@code >= 1}
 * @param minLearningRate the final rate of {@link ScheduleKind#COSINE}, {@code >= 0}
 */
public record ScheduleConfig(ScheduleKind kind, Double gamma, int stepSize, double minLearningRate) {

    /** PyTorch {@code StepLR}'s default gamma. */
    public static final double DEFAULT_STEP_GAMMA = 0.1;

    /** The app's default gamma of the exponential schedule. */
    public static final double DEFAULT_EXPONENTIAL_GAMMA = 0.9;

    /** The app's default decay rate of the inverse-time schedule. */
    public static final double DEFAULT_DECAY_RATE = 1.0;

    /** The app's default step size of the step schedule. */
    public static final int DEFAULT_STEP_SIZE = 10;

    /** A constant learning rate. */
    public static final ScheduleConfig CONSTANT = new ScheduleConfig(ScheduleKind.CONSTANT, null, DEFAULT_STEP_SIZE, 0.0);

    /**
     * Validates.
     *
     * @param kind the schedule
     * @param gamma the factor or rate, or {@code null}
     * @param stepSize the step size
     * @param minLearningRate the cosine schedule's final rate
     * @throws IllegalArgumentException naming the setting, its value and the valid range
     */
    public ScheduleConfig {
        Objects.requireNonNull(kind, "schedule: kind must not be null");
        if (stepSize < 1) {
            throw new IllegalArgumentException("schedule: step size must be >= 1 epoch, got " + stepSize);
        }
        if (!(minLearningRate >= 0 && Double.isFinite(minLearningRate))) {
            throw new IllegalArgumentException("schedule: minimum learning rate must be finite and >= 0, got "
                    + minLearningRate);
        }
        if (gamma != null) {
            if (kind == ScheduleKind.INVERSE_TIME) {
                if (!(gamma >= 0 && Double.isFinite(gamma))) {
                    throw new IllegalArgumentException("schedule: inverse-time decay rate (gamma) must be finite and "
                            + ">= 0, got " + gamma);
                }
            } else if (kind == ScheduleKind.STEP || kind == ScheduleKind.EXPONENTIAL) {
                if (!(gamma > 0 && gamma <= 1)) {
                    throw new IllegalArgumentException("schedule: gamma must be in (0, 1], got " + gamma);
                }
            } else {
                throw new IllegalArgumentException("schedule: gamma applies to step, exponential and inverse_time, "
                        + "not " + kind.name().toLowerCase(Locale.ROOT));
            }
        }
    }

    /**
     * The default settings of a kind.
     *
     * @param kind the schedule
     * @return the configuration
     */
    public static ScheduleConfig of(ScheduleKind kind) {
        return new ScheduleConfig(kind, null, DEFAULT_STEP_SIZE, 0.0);
    }

    /**
     * The schedule over epochs.
     *
     * @param initial the initial learning rate {@code lr0}
     * @param epochs the run's number of epochs (the cosine period), {@code >= 1}
     * @return the schedule
     */
    public LearningRateSchedule create(double initial, int epochs) {
        return switch (kind) {
            case CONSTANT -> new Constant(initial);
            case STEP -> new StepDecay(initial, stepSize, gamma != null ? gamma : DEFAULT_STEP_GAMMA);
            case EXPONENTIAL -> ExponentialDecay.perStep(initial, gamma != null ? gamma : DEFAULT_EXPONENTIAL_GAMMA);
            case INVERSE_TIME -> InverseTimeDecay.bpOptimizers(initial, gamma != null ? gamma : DEFAULT_DECAY_RATE);
            case COSINE -> CosineDecay.pytorch(initial, Math.max(1, epochs), minLearningRate);
        };
    }

    /**
     * A short description, for example {@code step(10, 0.1)}.
     *
     * @return the description
     */
    public String describe() {
        return switch (kind) {
            case CONSTANT -> "constant";
            case STEP -> "step(" + stepSize + ", " + (gamma != null ? gamma : DEFAULT_STEP_GAMMA) + ")";
            case EXPONENTIAL -> "exponential(" + (gamma != null ? gamma : DEFAULT_EXPONENTIAL_GAMMA) + ")";
            case INVERSE_TIME -> "inverse_time(" + (gamma != null ? gamma : DEFAULT_DECAY_RATE) + ")";
            case COSINE -> "cosine(min " + minLearningRate + ")";
        };
    }
}
