package io.github.dlref.cli;

import io.github.dlref.train.OptimizerConfig;
import io.github.dlref.train.OptimizerKind;
import io.github.dlref.train.ScheduleConfig;
import io.github.dlref.train.ScheduleKind;
import io.github.dlref.train.TrainingConfig;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The optimizer, schedule and regularization options ({@code --optimizer}, {@code --preset}, {@code --lr}, ...,
 * {@code --schedule}, ..., {@code --l1}, {@code --l2}): a picocli mixin shared by {@code train} and
 * {@code search}.
 */
final class OptimizerOptions {

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam", order = 20,
            description = "sgd, momentum, nesterov, adagrad, rmsprop, adam or adamw (default: ${DEFAULT-VALUE}).")
    OptimizerKind kind = OptimizerKind.ADAM;

    @Mixin
    PresetOption preset = new PresetOption();

    @Option(names = "--lr", paramLabel = "RATE", order = 22,
            description = "Learning rate (default: the preset's, else 0.01 for sgd kinds and adagrad, 0.001 for "
                    + "rmsprop and adam).")
    Double lr;

    @Option(names = "--momentum", paramLabel = "MU", order = 23,
            description = "Momentum of momentum/nesterov (default 0.9) or rmsprop (default 0).")
    Double momentum;

    @Option(names = "--beta1", paramLabel = "B", order = 24, description = "Adam's beta1 (default 0.9).")
    Double beta1;

    @Option(names = "--beta2", paramLabel = "B", order = 25,
            description = "Adam's beta2 (default 0.999), or RMSprop's square-average decay (alpha/rho).")
    Double beta2;

    @Option(names = "--eps", paramLabel = "EPS", order = 26, description = "Epsilon (default: the preset's).")
    Double eps;

    @Option(names = "--weight-decay", paramLabel = "LAMBDA", order = 27,
            description = "Weight decay: coupled L2 (PyTorch's weight_decay), decoupled for adamw.")
    Double weightDecay;

    @Option(names = "--schedule", paramLabel = "NAME", defaultValue = "constant", order = 28,
            preprocessor = DashedEnumNames.class,
            description = "Per-epoch learning-rate schedule: constant, step, exponential, inverse-time or cosine "
                    + "(default: ${DEFAULT-VALUE}).")
    ScheduleKind schedule = ScheduleKind.CONSTANT;

    @Option(names = "--gamma", paramLabel = "G", order = 29,
            description = "step/exponential: decay factor (default 0.1/0.9); inverse-time: decay rate (default 1).")
    Double gamma;

    @Option(names = "--step-size", paramLabel = "EPOCHS", defaultValue = "10", order = 30,
            description = "step: epochs per decay (default: ${DEFAULT-VALUE}).")
    int stepSize;

    @Option(names = "--min-lr", paramLabel = "RATE", defaultValue = "0", order = 31,
            description = "cosine: the final learning rate (default: ${DEFAULT-VALUE}).")
    double minLr;

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
        return new OptimizerConfig(kind, preset.preset, lr, momentum, beta1, beta2, eps, weightDecay);
    }

    /**
     * The schedule configuration the options describe.
     *
     * @return the configuration
     * @throws IllegalArgumentException if a value is out of range
     */
    ScheduleConfig scheduleConfig() {
        return new ScheduleConfig(schedule, gamma, stepSize, minLr);
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
     * @throws IllegalArgumentException if a value is out of range (the message names the setting)
     * @throws CommandLine.ParameterException if the batch size is below 1
     */
    TrainingConfig config(CommandLine cl, DataOptions data, ModelOptions model, RunOptions run, int epochs) {
        return run.config(cl, data, model, optimizerConfig(), epochs).withSchedule(scheduleConfig())
                .withPenalties(l1, l2);
    }
}
