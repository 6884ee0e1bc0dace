package io.github.dlref.train;

import io.github.dlref.optim.schedule.Constant;
import io.github.dlref.optim.schedule.CosineDecay;
import io.github.dlref.optim.schedule.CosineWarmRestarts;
import io.github.dlref.optim.schedule.CyclicSchedule;
import io.github.dlref.optim.schedule.ExponentialDecay;
import io.github.dlref.optim.schedule.InverseTimeDecay;
import io.github.dlref.optim.schedule.LearningRateSchedule;
import io.github.dlref.optim.schedule.OneCycle;
import io.github.dlref.optim.schedule.ReduceLearningRateOnPlateau;
import io.github.dlref.optim.schedule.StaircaseInverseTimeDecay;
import io.github.dlref.optim.schedule.StepDecay;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A learning-rate schedule over epochs: the rate of epoch {@code e} (counting from 0) is
 * {@code schedule.learningRate(e)}, set before the epoch's first step (a {@code LearningRateScheduler} stepped
 * once per epoch, as PyTorch's epoch schedulers are). {@link ScheduleKind#REDUCE_ON_PLATEAU} is not a function of
 * the epoch: {@link TrainingRun} drives it with {@link #plateauSettings()} and the monitored loss.
 *
 * <p>The settings of the later kinds are {@code null} unless given (then the framework's default applies), and a
 * setting given for a kind it does not apply to is refused with its name. Which shared setting means what:
 * <ul>
 *   <li>{@code gamma}: the factor of step and exponential; the decay rate of inverse_time and
 *       inverse_time_staircase; the per-epoch amplitude factor of cyclic's {@code exp_range} mode.</li>
 *   <li>{@code stepSize} (epochs): step's period, inverse_time_staircase's {@code decay_steps},
 *       cosine_warm_restarts' first period {@code T_0}, cyclic's {@code step_size_up}.</li>
 *   <li>{@code minLearningRate}: cosine's and cosine_warm_restarts' {@code eta_min}, cyclic's {@code base_lr},
 *       reduce_on_plateau's {@code min_lr}.</li>
 * </ul>
 *
 * @param kind the schedule
 * @param gamma the decay factor ({@link ScheduleKind#STEP}, {@link ScheduleKind#EXPONENTIAL}: in {@code (0, 1]}),
 *     the decay rate ({@link ScheduleKind#INVERSE_TIME}, {@link ScheduleKind#INVERSE_TIME_STAIRCASE}: {@code >= 0}),
 *     or the factor of cyclic's {@code exp_range} mode ({@code >= 0}); {@code null} for the default
 *     ({@value #DEFAULT_STEP_GAMMA} for step, {@value #DEFAULT_EXPONENTIAL_GAMMA} for exponential,
 *     {@value #DEFAULT_DECAY_RATE} for the inverse-time kinds, {@value #DEFAULT_CYCLIC_GAMMA} for cyclic)
 * @param stepSize epochs per decay of {@link ScheduleKind#STEP} and {@link ScheduleKind#INVERSE_TIME_STAIRCASE}, the
 *     first period of {@link ScheduleKind#COSINE_WARM_RESTARTS}, the rising half of {@link ScheduleKind#CYCLIC};
 *     {@code >= 1}
 * @param minLearningRate the floor: final rate of {@link ScheduleKind#COSINE}, {@code eta_min} of warm restarts,
 *     {@code base_lr} of cyclic, {@code min_lr} of reduce-on-plateau; finite, {@code >= 0}
 * @param stepSizeDown cyclic's falling half in epochs, finite, {@code > 0}, or {@code null} for {@code stepSize}
 * @param cyclicMode cyclic's amplitude policy, or {@code null} for {@code TRIANGULAR}
 * @param periodMultiplier warm restarts' {@code T_mult >= 1}, or {@code null} for 1
 * @param pctStart one-cycle's fraction of the cycle spent rising, in {@code [0, 1]}, or {@code null} for 0.3
 * @param divFactor one-cycle's {@code max_lr / initial_lr}, finite, {@code > 0}, or {@code null} for 25
 * @param finalDivFactor one-cycle's {@code initial_lr / min_lr}, finite, {@code > 0}, or {@code null} for 1e4
 * @param anneal one-cycle's annealing, or {@code null} for {@code COS}
 * @param threePhase one-cycle's three-phase form, or {@code null} for {@code false}
 * @param factor reduce-on-plateau's factor, in {@code [0, 1)}, or {@code null} for 0.1
 * @param patience reduce-on-plateau's bad epochs tolerated, {@code >= 0}, or {@code null} for 10
 * @param threshold reduce-on-plateau's least significant improvement, finite, {@code >= 0}, or {@code null} for 1e-4
 * @param thresholdMode reduce-on-plateau's threshold mode, or {@code null} for {@code RELATIVE}
 * @param mode reduce-on-plateau's direction, or {@code null} for {@code MIN} (lower loss is better)
 * @param cooldown reduce-on-plateau's epochs after a reduction without counting, {@code >= 0}, or {@code null}
 *     for 0
 */
public record ScheduleConfig(ScheduleKind kind, Double gamma, int stepSize, double minLearningRate,
        Double stepSizeDown, CyclicSchedule.Mode cyclicMode, Integer periodMultiplier, Double pctStart,
        Double divFactor, Double finalDivFactor, OneCycle.Anneal anneal, Boolean threePhase, Double factor,
        Integer patience, Double threshold, ReduceLearningRateOnPlateau.ThresholdMode thresholdMode,
        ReduceLearningRateOnPlateau.Mode mode, Integer cooldown) {

    /** PyTorch {@code StepLR}'s default gamma. */
    public static final double DEFAULT_STEP_GAMMA = 0.1;

    /** The app's default gamma of the exponential schedule. */
    public static final double DEFAULT_EXPONENTIAL_GAMMA = 0.9;

    /** The app's default decay rate of the inverse-time schedules. */
    public static final double DEFAULT_DECAY_RATE = 1.0;

    /** PyTorch {@code CyclicLR}'s default gamma (used by its {@code exp_range} mode only). */
    public static final double DEFAULT_CYCLIC_GAMMA = 1.0;

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
     * @param minLearningRate the floor
     * @param stepSizeDown cyclic's falling half or {@code null}
     * @param cyclicMode cyclic's mode or {@code null}
     * @param periodMultiplier warm restarts' {@code T_mult} or {@code null}
     * @param pctStart one-cycle's rising fraction or {@code null}
     * @param divFactor one-cycle's div factor or {@code null}
     * @param finalDivFactor one-cycle's final div factor or {@code null}
     * @param anneal one-cycle's annealing or {@code null}
     * @param threePhase one-cycle's three-phase form or {@code null}
     * @param factor reduce-on-plateau's factor or {@code null}
     * @param patience reduce-on-plateau's patience or {@code null}
     * @param threshold reduce-on-plateau's threshold or {@code null}
     * @param thresholdMode reduce-on-plateau's threshold mode or {@code null}
     * @param mode reduce-on-plateau's mode or {@code null}
     * @param cooldown reduce-on-plateau's cooldown or {@code null}
     * @throws IllegalArgumentException naming the setting, its value and the valid range, or a setting that does
     *     not apply to the kind
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
        String name = kind.name().toLowerCase(Locale.ROOT);
        if (gamma != null) {
            if (kind == ScheduleKind.INVERSE_TIME || kind == ScheduleKind.INVERSE_TIME_STAIRCASE) {
                if (!(gamma >= 0 && Double.isFinite(gamma))) {
                    throw new IllegalArgumentException("schedule: inverse-time decay rate (gamma) must be finite and "
                            + ">= 0, got " + gamma);
                }
            } else if (kind == ScheduleKind.STEP || kind == ScheduleKind.EXPONENTIAL) {
                if (!(gamma > 0 && gamma <= 1)) {
                    throw new IllegalArgumentException("schedule: gamma must be in (0, 1], got " + gamma);
                }
            } else if (kind == ScheduleKind.CYCLIC && cyclicMode == CyclicSchedule.Mode.EXP_RANGE) {
                if (!(gamma >= 0 && Double.isFinite(gamma))) {
                    throw new IllegalArgumentException("schedule: cyclic exp_range gamma must be finite and >= 0, got "
                            + gamma);
                }
            } else {
                throw new IllegalArgumentException("schedule: gamma applies to step, exponential, inverse_time, "
                        + "inverse_time_staircase and cyclic with mode exp_range, not " + name
                        + (kind == ScheduleKind.CYCLIC ? " with mode " + (cyclicMode == null ? "triangular"
                                : cyclicMode.name().toLowerCase(Locale.ROOT)) : ""));
            }
        }
        only(kind, ScheduleKind.CYCLIC, "step size down", stepSizeDown);
        only(kind, ScheduleKind.CYCLIC, "cyclic mode", cyclicMode);
        only(kind, ScheduleKind.COSINE_WARM_RESTARTS, "period multiplier", periodMultiplier);
        for (Object[] s : new Object[][] {{"pct start", pctStart}, {"div factor", divFactor},
                {"final div factor", finalDivFactor}, {"anneal", anneal}, {"three phase", threePhase}}) {
            only(kind, ScheduleKind.ONE_CYCLE, (String) s[0], s[1]);
        }
        for (Object[] s : new Object[][] {{"factor", factor}, {"patience", patience}, {"threshold", threshold},
                {"threshold mode", thresholdMode}, {"mode", mode}, {"cooldown", cooldown}}) {
            only(kind, ScheduleKind.REDUCE_ON_PLATEAU, (String) s[0], s[1]);
        }
        if (stepSizeDown != null && !(stepSizeDown > 0 && Double.isFinite(stepSizeDown))) {
            throw new IllegalArgumentException("schedule: step size down must be finite and > 0, got " + stepSizeDown);
        }
        if (periodMultiplier != null && periodMultiplier < 1) {
            throw new IllegalArgumentException("schedule: period multiplier must be >= 1, got " + periodMultiplier);
        }
        if (pctStart != null && !(pctStart >= 0 && pctStart <= 1)) {
            throw new IllegalArgumentException("schedule: pct start must be in [0, 1], got " + pctStart);
        }
        positive("div factor", divFactor);
        positive("final div factor", finalDivFactor);
        if (factor != null && !(factor >= 0 && factor < 1)) {
            throw new IllegalArgumentException("schedule: factor must be in [0, 1), got " + factor);
        }
        if (patience != null && patience < 0) {
            throw new IllegalArgumentException("schedule: patience must be >= 0, got " + patience);
        }
        if (threshold != null && !(threshold >= 0 && Double.isFinite(threshold))) {
            throw new IllegalArgumentException("schedule: threshold must be finite and >= 0, got " + threshold);
        }
        if (cooldown != null && cooldown < 0) {
            throw new IllegalArgumentException("schedule: cooldown must be >= 0, got " + cooldown);
        }
    }

    /**
     * A schedule of the first five kinds (every setting of the later kinds {@code null}).
     *
     * @param kind the schedule
     * @param gamma the factor or rate, or {@code null}
     * @param stepSize the step size
     * @param minLearningRate the floor
     * @throws IllegalArgumentException as the canonical constructor
     */
    public ScheduleConfig(ScheduleKind kind, Double gamma, int stepSize, double minLearningRate) {
        this(kind, gamma, stepSize, minLearningRate, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    private static void only(ScheduleKind kind, ScheduleKind owner, String setting, Object value) {
        if (value != null && kind != owner) {
            throw new IllegalArgumentException("schedule: " + setting + " applies to "
                    + owner.name().toLowerCase(Locale.ROOT) + " only, not " + kind.name().toLowerCase(Locale.ROOT));
        }
    }

    private static void positive(String setting, Double value) {
        if (value != null && !(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException("schedule: " + setting + " must be finite and > 0, got " + value);
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
     * Reduce-on-plateau with the given settings (each {@code null} for PyTorch's default) and the other settings'
     * defaults.
     *
     * @param factor the factor or {@code null}
     * @param patience the patience or {@code null}
     * @param threshold the threshold or {@code null}
     * @param thresholdMode the threshold mode or {@code null}
     * @param mode the mode or {@code null}
     * @param cooldown the cooldown or {@code null}
     * @param minLearningRate {@code min_lr}, finite, {@code >= 0}
     * @return the configuration
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static ScheduleConfig reduceOnPlateau(Double factor, Integer patience, Double threshold,
            ReduceLearningRateOnPlateau.ThresholdMode thresholdMode, ReduceLearningRateOnPlateau.Mode mode,
            Integer cooldown, double minLearningRate) {
        return new ScheduleConfig(ScheduleKind.REDUCE_ON_PLATEAU, null, DEFAULT_STEP_SIZE, minLearningRate, null, null,
                null, null, null, null, null, null, factor, patience, threshold, thresholdMode, mode, cooldown);
    }

    /**
     * The settings of {@link ScheduleKind#REDUCE_ON_PLATEAU}: PyTorch's defaults ({@code Settings.pytorch()}: mode
     * min, factor 0.1, patience 10, threshold 1e-4 relative, cooldown 0, eps 1e-8) with the given ones and
     * {@code min_lr = minLearningRate}.
     *
     * @return the settings
     * @throws IllegalStateException if the kind is not {@link ScheduleKind#REDUCE_ON_PLATEAU}
     */
    public ReduceLearningRateOnPlateau.Settings plateauSettings() {
        if (kind != ScheduleKind.REDUCE_ON_PLATEAU) {
            throw new IllegalStateException("schedule: " + kind.name().toLowerCase(Locale.ROOT) + " has no plateau "
                    + "settings");
        }
        ReduceLearningRateOnPlateau.Settings s = ReduceLearningRateOnPlateau.Settings.pytorch();
        s = s.withMode(mode != null ? mode : s.mode()).withFactor(factor != null ? factor : s.factor())
                .withPatience(patience != null ? patience : s.patience())
                .withThreshold(threshold != null ? threshold : s.threshold(),
                        thresholdMode != null ? thresholdMode : s.thresholdMode())
                .withCooldown(cooldown != null ? cooldown : s.cooldown());
        return s.withMinLearningRate(minLearningRate);
    }

    /**
     * The schedule over epochs.
     *
     * <p>{@link ScheduleKind#ONE_CYCLE} is PyTorch's {@code OneCycleLR(max_lr = initial, total_steps = epochs)}
     * for epochs {@code 0 .. epochs - 1}; from epoch {@code epochs} on (the scheduler's step after the last epoch,
     * whose rate no update of the run uses) it keeps the rate of the last epoch, where PyTorch would extend the
     * last phase (linear annealing can extrapolate below 0 there).
     *
     * @param initial the initial learning rate {@code lr0}
     * @param epochs the run's number of epochs (the cosine period, the one-cycle length), {@code >= 1}
     * @return the schedule
     * @throws IllegalArgumentException if the one-cycle phases do not fit the number of epochs (the message names
     *     the phase)
     * @throws IllegalStateException for {@link ScheduleKind#REDUCE_ON_PLATEAU}, which is not a function of the
     *     epoch ({@link #plateauSettings()})
     */
    public LearningRateSchedule create(double initial, int epochs) {
        return switch (kind) {
            case CONSTANT -> new Constant(initial);
            case STEP -> new StepDecay(initial, stepSize, gamma != null ? gamma : DEFAULT_STEP_GAMMA);
            case EXPONENTIAL -> ExponentialDecay.perStep(initial, gamma != null ? gamma : DEFAULT_EXPONENTIAL_GAMMA);
            case INVERSE_TIME -> InverseTimeDecay.bpOptimizers(initial, gamma != null ? gamma : DEFAULT_DECAY_RATE);
            case COSINE -> CosineDecay.pytorch(initial, Math.max(1, epochs), minLearningRate);
            case INVERSE_TIME_STAIRCASE -> new StaircaseInverseTimeDecay(initial,
                    gamma != null ? gamma : DEFAULT_DECAY_RATE, stepSize);
            case ONE_CYCLE -> oneCycle(initial, epochs);
            case COSINE_WARM_RESTARTS -> new CosineWarmRestarts(initial, stepSize,
                    periodMultiplier != null ? periodMultiplier : 1, minLearningRate);
            case CYCLIC -> new CyclicSchedule(minLearningRate, initial, stepSize,
                    stepSizeDown != null ? stepSizeDown : stepSize,
                    cyclicMode != null ? cyclicMode : CyclicSchedule.Mode.TRIANGULAR,
                    gamma != null ? gamma : DEFAULT_CYCLIC_GAMMA);
            case REDUCE_ON_PLATEAU -> throw new IllegalStateException("schedule: reduce_on_plateau follows the "
                    + "monitored loss, not the epoch; use plateauSettings()");
        };
    }

    private LearningRateSchedule oneCycle(double initial, int epochs) {
        OneCycle defaults = OneCycle.pytorch(1.0, 10);
        OneCycle cycle;
        try {
            cycle = new OneCycle(initial, Math.max(1, epochs), pctStart != null ? pctStart : defaults.pctStart(),
                    anneal != null ? anneal : defaults.anneal(),
                    divFactor != null ? divFactor : defaults.divFactor(),
                    finalDivFactor != null ? finalDivFactor : defaults.finalDivFactor(),
                    threePhase != null ? threePhase : defaults.threePhase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("schedule: one_cycle over " + epochs + " epochs: " + e.getMessage(), e);
        }
        long last = cycle.totalSteps() - 1;
        return epoch -> cycle.learningRate(Math.min(epoch, last));
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
            case INVERSE_TIME_STAIRCASE -> "inverse_time_staircase(" + (gamma != null ? gamma : DEFAULT_DECAY_RATE)
                    + " every " + stepSize + ")";
            case ONE_CYCLE -> describeOneCycle();
            case COSINE_WARM_RESTARTS -> "cosine_warm_restarts(T_0 " + stepSize + ", T_mult "
                    + (periodMultiplier != null ? periodMultiplier : 1) + ", min " + minLearningRate + ")";
            case CYCLIC -> "cyclic(" + (cyclicMode != null ? cyclicMode : CyclicSchedule.Mode.TRIANGULAR).name()
                    .toLowerCase(Locale.ROOT) + ", base " + minLearningRate + ", up " + stepSize + ", down "
                    + (stepSizeDown != null ? stepSizeDown : (double) stepSize)
                    + (cyclicMode == CyclicSchedule.Mode.EXP_RANGE ? ", gamma "
                            + (gamma != null ? gamma : DEFAULT_CYCLIC_GAMMA) : "") + ")";
            case REDUCE_ON_PLATEAU -> describePlateau();
        };
    }

    private String describeOneCycle() {
        OneCycle d = OneCycle.pytorch(1.0, 10);
        return "one_cycle(pct_start " + (pctStart != null ? pctStart : d.pctStart()) + ", div "
                + (divFactor != null ? divFactor : d.divFactor()) + ", final_div "
                + (finalDivFactor != null ? finalDivFactor : d.finalDivFactor()) + ", "
                + (anneal != null ? anneal : d.anneal()).name().toLowerCase(Locale.ROOT)
                + (threePhase != null && threePhase ? ", three-phase" : "") + ")";
    }

    private String describePlateau() {
        ReduceLearningRateOnPlateau.Settings s = plateauSettings();
        List<String> parts = new ArrayList<>();
        parts.add(s.mode().name().toLowerCase(Locale.ROOT));
        parts.add("factor " + s.factor());
        parts.add("patience " + s.patience());
        parts.add("threshold " + s.threshold() + " " + (s.thresholdMode()
                == ReduceLearningRateOnPlateau.ThresholdMode.RELATIVE ? "rel" : "abs"));
        parts.add("cooldown " + s.cooldown());
        parts.add("min " + s.minLearningRate());
        return "reduce_on_plateau(" + String.join(", ", parts) + ")";
    }
}
