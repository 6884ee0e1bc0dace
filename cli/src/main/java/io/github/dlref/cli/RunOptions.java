package io.github.dlref.cli;

import io.github.dlref.train.OptimizerConfig;
import io.github.dlref.train.ScheduleConfig;
import io.github.dlref.train.Seeds;
import io.github.dlref.train.TrainingConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The batch size and seed ({@code --batch-size}, {@code --seed}): a picocli mixin shared by {@code train},
 * {@code compare} and {@code search}.
 */
final class RunOptions {

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "64", order = 41,
            description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", order = 42,
            description = "Seed of every generator of the run (default: ${DEFAULT-VALUE}).")
    long seed;

    /** Creates the option group (picocli fills it). */
    RunOptions() {
    }

    /**
     * The batch size, checked.
     *
     * @param cl the command line, for the error
     * @return the batch size
     * @throws CommandLine.ParameterException if it is below 1
     */
    int checkedBatchSize(CommandLine cl) {
        return CommandErrors.atLeast(cl, "--batch-size", batchSize, 1);
    }

    /**
     * The configuration of the data and model options, this batch size and seed, the given optimizer and number
     * of epochs, a constant learning rate and no penalty.
     *
     * @param cl the command line, for errors
     * @param data the data options
     * @param model the model options
     * @param optimizer the optimizer
     * @param epochs the number of epochs, {@code >= 1}
     * @return the configuration
     * @throws IllegalArgumentException if a value is out of range (the message names the setting)
     * @throws CommandLine.ParameterException if the batch size is below 1
     */
    TrainingConfig config(CommandLine cl, DataOptions data, ModelOptions model, OptimizerConfig optimizer,
            int epochs) {
        return new TrainingConfig(data.config(), model.config(), optimizer, ScheduleConfig.CONSTANT, 0.0, 0.0, epochs,
                checkedBatchSize(cl), Seeds.of(seed));
    }
}
