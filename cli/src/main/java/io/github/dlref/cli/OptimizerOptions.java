package io.github.dlref.cli;

import io.github.dlref.optim.schedule.CyclicSchedule;
import io.github.dlref.optim.schedule.OneCycle;
import io.github.dlref.optim.schedule.ReduceLearningRateOnPlateau;
import io.github.dlref.train.ClippingConfig;
import io.github.dlref.train.OptimizerConfig;
import io.github.dlref.train.OptimizerKind;
import io.github.dlref.train.ScheduleConfig;
import io.github.dlref.train.ScheduleKind;
import io.github.dlref.train.TrainingConfig;
import java.util.EnumSet;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The optimizer, schedule, clipping and regularization options ({@code --optimizer}, {@code --preset},
 * {@code --lr}, ..., {@code --schedule}, ..., {@code --clip-norm}, {@code --clip-value}, {@code --l1},
 * {@code --l2}): a picocli mixin shared by {@code train} and {@code search}. Every value is checked by the
 * library's configuration records ({@link OptimizerConfig}, {@link ScheduleConfig}, {@link ClippingConfig}), whose
 * messages name the setting; a setting given for an optimizer or schedule it does not apply to is refused.
 */
final class OptimizerOptions {

    /** The clipping forms of {@code --clip-form} (of {@code --clip-norm}). */
    enum ClipForm {
        /** PyTorch's {@code clip_grad_norm_}. */
        PYTORCH(ClippingConfig.Form.PYTORCH_NORM),
        /** Keras's per-tensor {@code clipnorm}. */
        KERAS(ClippingConfig.Form.KERAS_NORM),
        /** Keras's {@code global_clipnorm}. */
        KERAS_GLOBAL(ClippingConfig.Form.KERAS_GLOBAL_NORM),
        /** Optax's {@code clip_by_global_norm}. */
        OPTAX(ClippingConfig.Form.OPTAX_GLOBAL_NORM);

        private final ClippingConfig.Form form;

        ClipForm(ClippingConfig.Form form) {
            this.form = form;
        }
    }

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam", order = 20,
            description = "sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, nadam, radam, adamax, adadelta, "
                    + "rprop or asgd (default: ${DEFAULT-VALUE}). Full-batch L-BFGS: dlref run.")
    OptimizerKind kind = OptimizerKind.ADAM;

    @Mixin
    PresetOption preset = new PresetOption();

    @Option(names = "--lr", paramLabel = "RATE", order = 22,
            description = "Learning rate (default: the preset's, else 0.01 for sgd kinds and adagrad, 0.001 for "
                    + "rmsprop, adam and optax's nadam and radam; rprop: the initial step size).")
    Double lr;

    @Option(names = "--momentum", paramLabel = "MU", order = 23,
            description = "Momentum of momentum/nesterov (default 0.9) or rmsprop (default 0).")
    Double momentum;

    @Option(names = "--beta1", paramLabel = "B", order = 24,
            description = "beta1 of adam, adamw, nadam, radam and adamax (default 0.9).")
    Double beta1;

    @Option(names = "--beta2", paramLabel = "B", order = 25,
            description = "beta2 of adam, adamw, nadam and radam (default 0.999), adamax's infinity-norm decay "
                    + "(0.999), or rmsprop's square-average decay (alpha/rho).")
    Double beta2;

    @Option(names = "--eps", paramLabel = "EPS", order = 26, description = "Epsilon (default: the preset's).")
    Double eps;

    @Option(names = "--weight-decay", paramLabel = "LAMBDA", order = 27,
            description = "Weight decay: coupled L2 (PyTorch's weight_decay), decoupled for adamw; not rprop.")
    Double weightDecay;

    @Option(names = "--momentum-decay", paramLabel = "PSI", order = 27,
            description = "nadam: psi of mu_t = beta1 (1 - 0.5 0.96^(t psi)) (default: 0.004 pytorch, 1 keras).")
    Double momentumDecay;

    @Option(names = "--rho", paramLabel = "RHO", order = 27,
            description = "adadelta: decay of both averages (default: 0.9 pytorch, 0.95 keras).")
    Double rho;

    @Option(names = "--etas", paramLabel = "MINUS,PLUS", split = ",", hideParamSyntax = true, order = 27,
            description = "rprop: step-size factors after a sign change and while it holds (default: 0.5,1.2).")
    List<Double> etas;

    @Option(names = "--step-sizes", paramLabel = "MIN,MAX", split = ",", hideParamSyntax = true, order = 27,
            description = "rprop: smallest and largest step size (default: 1e-6,50).")
    List<Double> stepSizes;

    @Option(names = "--lambd", paramLabel = "L", order = 27, description = "asgd: decay term (default 1e-4).")
    Double lambd;

    @Option(names = "--alpha", paramLabel = "A", order = 27,
            description = "asgd: power of eta = lr / (1 + lambd lr t)^alpha (default 0.75).")
    Double alpha;

    @Option(names = "--t0", paramLabel = "T", order = 27,
            description = "asgd: step after which averaging starts (default 1e6).")
    Double t0;

    @Option(names = "--schedule", paramLabel = "NAME", defaultValue = "constant", order = 28,
            preprocessor = DashedEnumNames.class,
            description = "Per-epoch learning-rate schedule: constant, step, exponential, inverse-time, cosine, "
                    + "inverse-time-staircase, one-cycle, cosine-warm-restarts, cyclic or reduce-on-plateau "
                    + "(default: ${DEFAULT-VALUE}).")
    ScheduleKind schedule = ScheduleKind.CONSTANT;

    @Option(names = "--gamma", paramLabel = "G", order = 29,
            description = "step/exponential: decay factor (default 0.1/0.9); inverse-time(-staircase): decay rate "
                    + "(default 1); cyclic with exp-range: factor per epoch (default 1).")
    Double gamma;

    @Option(names = "--step-size", paramLabel = "EPOCHS", defaultValue = "10", order = 30,
            description = "step: epochs per decay; inverse-time-staircase: epochs per block; cosine-warm-restarts: "
                    + "first period T_0; cyclic: rising epochs (default: ${DEFAULT-VALUE}).")
    int stepSize;

    @Option(names = "--min-lr", paramLabel = "RATE", defaultValue = "0", order = 31,
            description = "cosine, cosine-warm-restarts: the final rate; cyclic: base_lr; reduce-on-plateau: min_lr "
                    + "(default: ${DEFAULT-VALUE}).")
    double minLr;

    @Option(names = "--step-size-down", paramLabel = "EPOCHS", order = 31,
            description = "cyclic: falling epochs (default: --step-size).")
    Double stepSizeDown;

    @Option(names = "--cyclic-mode", paramLabel = "MODE", order = 31, preprocessor = DashedEnumNames.class,
            description = "cyclic: triangular, triangular2 or exp-range (default: triangular).")
    CyclicSchedule.Mode cyclicMode;

    @Option(names = "--period-multiplier", paramLabel = "N", order = 31,
            description = "cosine-warm-restarts: T_mult, each period N times the last (default 1).")
    Integer periodMultiplier;

    @Option(names = "--pct-start", paramLabel = "F", order = 31,
            description = "one-cycle: fraction of the epochs spent rising (default 0.3).")
    Double pctStart;

    @Option(names = "--div-factor", paramLabel = "F", order = 31,
            description = "one-cycle: lr / starting rate (default 25).")
    Double divFactor;

    @Option(names = "--final-div-factor", paramLabel = "F", order = 31,
            description = "one-cycle: starting rate / final rate (default 1e4).")
    Double finalDivFactor;

    @Option(names = "--anneal", paramLabel = "HOW", order = 31,
            description = "one-cycle: cos or linear (default: cos).")
    OneCycle.Anneal anneal;

    @Option(names = "--three-phase", order = 31, description = "one-cycle: PyTorch's three-phase form.")
    Boolean threePhase;

    @Option(names = "--patience", paramLabel = "N", order = 31,
            description = "reduce-on-plateau: epochs without improvement before a reduction (default 10).")
    Integer patience;

    @Option(names = "--factor", paramLabel = "F", order = 31,
            description = "reduce-on-plateau: factor of a reduction (default 0.1).")
    Double factor;

    @Option(names = "--threshold", paramLabel = "D", order = 31,
            description = "reduce-on-plateau: least significant improvement (default 1e-4).")
    Double threshold;

    @Option(names = "--threshold-mode", paramLabel = "MODE", order = 31,
            description = "reduce-on-plateau: relative or absolute threshold (default: relative).")
    ReduceLearningRateOnPlateau.ThresholdMode thresholdMode;

    @Option(names = "--plateau-mode", paramLabel = "MODE", order = 31,
            description = "reduce-on-plateau: min (the monitored loss should fall) or max (default: min).")
    ReduceLearningRateOnPlateau.Mode plateauMode;

    @Option(names = "--cooldown", paramLabel = "N", order = 31,
            description = "reduce-on-plateau: epochs after a reduction without counting (default 0).")
    Integer cooldown;

    @Option(names = "--clip-norm", paramLabel = "C", order = 32,
            description = "Clip the gradients to norm C after backward, in the --clip-form form.")
    Double clipNorm;

    @Option(names = "--clip-form", paramLabel = "FORM", order = 32, preprocessor = DashedEnumNames.class,
            description = "--clip-norm's form: pytorch (clip_grad_norm_, global), keras (clipnorm, per tensor), "
                    + "keras-global (global_clipnorm) or optax (clip_by_global_norm) (default: pytorch).")
    ClipForm clipForm;

    @Option(names = "--clip-value", paramLabel = "C", order = 32,
            description = "Clip every gradient element to [-C, C] after backward (clip_grad_value_, clipvalue).")
    Double clipValue;

    @Option(names = "--l1", paramLabel = "LAMBDA", defaultValue = "0", order = 32,
            description = "L1 penalty lambda sum|W| on the weights, added to the loss (default: ${DEFAULT-VALUE}).")
    double l1;

    @Option(names = "--l2", paramLabel = "LAMBDA", defaultValue = "0", order = 33,
            description = "L2 penalty (lambda/2) sum W^2 on the weights, added to the loss (default: "
                    + "${DEFAULT-VALUE}).")
    double l2;

    /** Creates the option group (picocli fills it). */
    OptimizerOptions() {
    }

    /**
     * The optimizer configuration the options describe.
     *
     * @return the configuration
     * @throws IllegalArgumentException if a value is out of range or does not apply to the optimizer
     */
    OptimizerConfig optimizerConfig() {
        List<Double> e = pair("--etas", etas);
        List<Double> s = pair("--step-sizes", stepSizes);
        return new OptimizerConfig(kind, preset.preset, lr, momentum, beta1, beta2, eps, weightDecay, momentumDecay,
                rho, e.get(0), e.get(1), s.get(0), s.get(1), lambd, alpha, t0);
    }

    private void onlyFor(CommandLine cl, String option, EnumSet<ScheduleKind> kinds) {
        if (cl.getParseResult().hasMatchedOption(option) && !kinds.contains(schedule)) {
            List<String> names = kinds.stream().map(OptimizerOptions::dashed).toList();
            throw new IllegalArgumentException("schedule: " + option + " applies to "
                    + String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1)
                    + ", not " + dashed(schedule));
        }
    }

    private static String dashed(ScheduleKind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static List<Double> pair(String option, List<Double> values) {
        if (values == null) {
            return java.util.Arrays.asList(null, null);
        }
        if (values.size() != 2) {
            throw new IllegalArgumentException(option + " takes two values separated by a comma, got "
                    + values.size());
        }
        return values;
    }

    /**
     * The gradient clipping the options describe.
     *
     * @return the clipping, or {@code null} for none
     * @throws IllegalArgumentException if both bounds are given, {@code --clip-form} is given without
     *     {@code --clip-norm}, or a bound is out of range
     */
    ClippingConfig clippingConfig() {
        if (clipNorm != null && clipValue != null) {
            throw new IllegalArgumentException("--clip-norm and --clip-value cannot be combined; give one");
        }
        if (clipForm != null && clipNorm == null) {
            throw new IllegalArgumentException("--clip-form applies to --clip-norm only");
        }
        if (clipValue != null) {
            return new ClippingConfig(ClippingConfig.Form.VALUE, clipValue);
        }
        return clipNorm == null ? null : new ClippingConfig((clipForm != null ? clipForm : ClipForm.PYTORCH).form,
                clipNorm);
    }

    /**
     * The schedule configuration the options describe.
     *
     * @return the configuration
     * @throws IllegalArgumentException if a value is out of range
     */
    ScheduleConfig scheduleConfig() {
        return new ScheduleConfig(schedule, gamma, stepSize, minLr, stepSizeDown, cyclicMode, periodMultiplier,
                pctStart, divFactor, finalDivFactor, anneal, threePhase, factor, patience, threshold, thresholdMode,
                plateauMode, cooldown);
    }

    /**
     * The training configuration of the shared options: data, model, batch size and seed, and this optimizer,
     * schedule and penalties.
     *
     * @param cl the command line, for errors
     * @param data the data options
     * @param model the model options
     * @param run the batch size and seed
     * @param epochs the number of epochs, {@code >= 1}
     * @return the configuration
     * @throws IllegalArgumentException if a value is out of range, or --min-lr or --step-size is given for a schedule
     *     that does not read it (the message names the setting)
     * @throws CommandLine.ParameterException if the batch size is below 1
     */
    TrainingConfig config(CommandLine cl, DataOptions data, ModelOptions model, RunOptions run, int epochs) {
        // --min-lr and --step-size have defaults, so the schedule's record cannot tell whether they were given
        onlyFor(cl, "--min-lr", EnumSet.of(ScheduleKind.COSINE, ScheduleKind.COSINE_WARM_RESTARTS, ScheduleKind.CYCLIC,
                ScheduleKind.REDUCE_ON_PLATEAU));
        onlyFor(cl, "--step-size", EnumSet.of(ScheduleKind.STEP, ScheduleKind.INVERSE_TIME_STAIRCASE,
                ScheduleKind.COSINE_WARM_RESTARTS, ScheduleKind.CYCLIC));
        return run.config(cl, data, model, optimizerConfig(), epochs).withSchedule(scheduleConfig())
                .withPenalties(l1, l2).withClipping(clippingConfig());
    }
}
