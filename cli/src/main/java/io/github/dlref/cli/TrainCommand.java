package io.github.dlref.cli;

import io.github.dlref.data.io.DataFormatException;
import io.github.dlref.train.Activation;
import io.github.dlref.train.Checkpoint;
import io.github.dlref.cli.ConsoleReporter;
import io.github.dlref.train.DataConfig;
import io.github.dlref.train.DataSource;
import io.github.dlref.train.Evaluation;
import io.github.dlref.train.InitScheme;
import io.github.dlref.train.MetricsFiles;
import io.github.dlref.train.ModelConfig;
import io.github.dlref.train.OptimizerConfig;
import io.github.dlref.train.OptimizerKind;
import io.github.dlref.cli.Plots;
import io.github.dlref.train.Preset;
import io.github.dlref.train.PreparedData;
import io.github.dlref.train.ScheduleConfig;
import io.github.dlref.train.ScheduleKind;
import io.github.dlref.train.Seeds;
import io.github.dlref.verify.oracle.SpecConversion;
import io.github.dlref.train.TrainingConfig;
import io.github.dlref.train.TrainingDivergedException;
import io.github.dlref.train.TrainingRun;
import io.github.dlref.verify.oracle.spec.SpecException;
import io.github.dlref.verify.oracle.spec.SpecParser;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dlref train}: trains a classifier with the app's training loop ({@link TrainingRun}) and writes the
 * metrics (CSV, JSON), a PNG plot of the loss and accuracy curves and a checkpoint into the output directory,
 * showing a progress bar per epoch (on standard error, when a console is attached) and one table row per epoch.
 * {@code --resume} continues from a checkpoint bit for bit; {@code --spec} trains a spec file ({@code dlref.spec.v1},
 * converted by {@link SpecConversion}).
 *
 * <p>Exit status: 0 on success; 1 when training diverges or a file cannot be read or written; 2 for a usage
 * error (an unknown option or value, a value out of range, a missing dataset directory or file) or a malformed
 * data file (a CSV or IDX file whose content cannot be parsed, named with its line and column or offset).
 */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = Dlref.Version.class, sortOptions = false,
        description = {"Train a classifier (MLP) with mini-batch gradient descent: per batch zero the gradients, "
                + "forward, loss, backward, step (the dl-optimization training procedure).",
            "Writes metrics.csv, metrics.json, training.png and checkpoint/ into the output directory."},
        footer = {"", "Exit status: 0 success, 1 training diverged or an I/O error, 2 usage error or a malformed data "
                + "file.",
            "Example: dlref train --dataset fashion-mnist --hidden 256 --optimizer adam --epochs 10 --out runs/fm"})
public final class TrainCommand implements Callable<Integer> {

    /** Options that may be given together with {@code --resume} (the others come from the checkpoint). */
    static final Set<String> RESUME_OPTIONS = Set.of("--resume", "--out", "--epochs", "--no-progress", "--plot-width",
            "--plot-height", "--help", "--version");

    /** Options that may be given together with {@code --spec} (the others come from the spec). */
    static final Set<String> SPEC_OPTIONS = Set.of("--spec", "--out", "--epochs", "--no-progress", "--plot-width",
            "--plot-height", "--help", "--version", "--dataset", "--data", "--label-column", "--header", "--limit",
            "--validation-fraction", "--test-fraction");

    /**
     * While training, the metrics files and the plot are rewritten after an epoch when this much time has passed
     * since they were last written (rendering a plot takes a fraction of a second); they are always written at
     * the end. The checkpoint is written after every epoch.
     */
    static final long REFRESH_NANOS = 10_000_000_000L;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions data = new DataOptions();

    @Mixin
    private ModelOptions model = new ModelOptions();

    @Mixin
    private OptimizerOptions optimizer = new OptimizerOptions();

    @Mixin
    private RunOptions run = new RunOptions();

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", order = 40,
            description = "Number of epochs (default: ${DEFAULT-VALUE}; with --resume: the total, default the "
                    + "checkpoint's).")
    private int epochs;

    @Option(names = "--out", paramLabel = "DIR", order = 50,
            description = "Output directory (default: dlref-train; with --resume: the checkpoint's parent).")
    private Path out;

    @Option(names = "--spec", paramLabel = "FILE", order = 0,
            description = "Train the model, initialization, loss, regularization, optimizer, schedule, batch size, "
                    + "seeds and data of a spec file (dlref.spec.v1, as dlref search writes it); data options given "
                    + "here replace its data.")
    private Path specFile;

    @Option(names = "--resume", paramLabel = "DIR", order = 51,
            description = "Continue from a checkpoint directory (or an output directory holding checkpoint/); the "
                    + "configuration comes from the checkpoint.")
    private Path resume;

    @Mixin
    private OutputOptions output = new OutputOptions();

    /** Creates the command (picocli instantiates it). */
    public TrainCommand() {
    }

    /**
     * Trains and writes the output files.
     *
     * @return 0 on success, 1 if training diverged or a file could not be read or written, 2 for a malformed
     *     data file
     * @throws ParameterException for a usage error (exit status 2)
     */
    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        PrintWriter stdout = cl.getOut();
        PrintWriter stderr = cl.getErr();
        output.checkPlotSize(cl);
        TrainingRun trainingRun;
        Path outDir;
        try {
            if (resume != null) {
                rejectOptions(cl, RESUME_OPTIONS, "--resume takes the configuration from the checkpoint");
                Path dir = Files.isRegularFile(resume.resolve(Checkpoint.STATE_FILE)) ? resume
                        : resume.resolve("checkpoint");
                if (!Files.isRegularFile(dir.resolve(Checkpoint.STATE_FILE))) {
                    throw new ParameterException(cl, "--resume " + resume + ": no checkpoint there (expected "
                            + dir.resolve(Checkpoint.STATE_FILE) + ")");
                }
                Checkpoint checkpoint = Checkpoint.load(dir);
                boolean epochsGiven = cl.getParseResult().hasMatchedOption("--epochs");
                int total = epochsGiven ? checkEpochs(cl, epochs) : checkpoint.config().epochs();
                if (total <= checkpoint.epochsCompleted()) {
                    throw new ParameterException(cl, "--resume: the checkpoint already has "
                            + checkpoint.epochsCompleted() + " epochs; give --epochs greater than that to continue");
                }
                checkpoint.config().data().checkAvailable();
                PreparedData prepared = checkpoint.config().prepareData();
                trainingRun = TrainingRun.resume(checkpoint, prepared, total);
                outDir = out != null ? out : dir.toAbsolutePath().getParent();
            } else if (specFile != null) {
                rejectOptions(cl, SPEC_OPTIONS, "--spec gives the model, optimizer, schedule, batch size and seeds");
                io.github.dlref.verify.oracle.spec.Spec parsed = SpecParser.parse(specFile);
                DataConfig dataOverride = cl.getParseResult().hasMatchedOption("--dataset") ? data.config() : null;
                Integer epochCount = cl.getParseResult().hasMatchedOption("--epochs") ? checkEpochs(cl, epochs) : null;
                TrainingConfig config = SpecConversion.fromSpec(parsed, dataOverride, data.validationFraction,
                        data.testFraction, epochCount);
                config.data().checkAvailable();
                trainingRun = TrainingRun.start(config, config.prepareData());
                outDir = out != null ? out : Path.of("dlref-train");
            } else {
                TrainingConfig config = config(cl, checkEpochs(cl, epochs));
                config.data().checkAvailable();
                PreparedData prepared = config.prepareData();
                trainingRun = TrainingRun.start(config, prepared);
                outDir = out != null ? out : Path.of("dlref-train");
            }
        } catch (IllegalArgumentException | SpecException e) {
            throw new ParameterException(cl, e.getMessage(), e);
        } catch (DataFormatException e) {
            // a malformed data file is invalid input, as a malformed spec is for run: one line, status 2
            stderr.println("dlref train: " + e.getMessage());
            stderr.flush();
            return CommandLine.ExitCode.USAGE;
        } catch (IOException e) {
            stderr.println("dlref train: " + e.getMessage());
            stderr.flush();
            return CommandLine.ExitCode.SOFTWARE;
        }
        return train(trainingRun, outDir, stdout, stderr);
    }

    private int train(TrainingRun trainingRun, Path outDir, PrintWriter stdout, PrintWriter stderr) {
        TrainingConfig config = trainingRun.config();
        PreparedData prepared = trainingRun.data();
        stdout.println("data:      " + prepared.description());
        stdout.println("model:     " + config.model().describe(prepared.numFeatures(), prepared.numClasses()) + " ("
                + trainingRun.model().parameterCount() + " parameters)");
        stdout.println("optimizer: " + config.optimizer().describe() + ", schedule " + config.schedule().describe()
                + ", batch size " + config.batchSize() + ", " + describeSeeds(config)
                + (config.l1() > 0 ? ", l1 " + config.l1() : "") + (config.l2() > 0 ? ", l2 " + config.l2() : ""));
        if (trainingRun.epochsCompleted() > 0) {
            stdout.println("resuming after epoch " + trainingRun.epochsCompleted() + " of " + config.epochs());
        }
        ConsoleReporter reporter = new ConsoleReporter(stdout, output.progressStream());
        reporter.printHeader();
        Path checkpointDir = outDir.resolve("checkpoint");
        try {
            Files.createDirectories(outDir);
            long[] lastFiles = {System.nanoTime()};
            trainingRun.runToEnd(reporter, () -> {
                try {
                    trainingRun.checkpoint().save(checkpointDir);
                    long now = System.nanoTime();
                    if (now - lastFiles[0] >= REFRESH_NANOS) {
                        Reports.writeRun(outDir, trainingRun, null, output.plotWidth, output.plotHeight);
                        lastFiles[0] = now;
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Evaluation test = trainingRun.evaluate(prepared.test());
            Reports.writeRun(outDir, trainingRun, test, output.plotWidth, output.plotHeight);
            if (test.samples() > 0) {
                stdout.printf(Locale.ROOT, "test: loss %.6f, accuracy %s (%d samples)%n", test.loss(),
                        ConsoleReporter.percent(test.accuracy()), test.samples());
            }
            stdout.println("wrote " + outDir.resolve(MetricsFiles.CSV_FILE) + ", " + MetricsFiles.JSON_FILE + ", "
                    + MetricsFiles.PLOT_FILE + ", checkpoint/");
            stdout.flush();
            return CommandLine.ExitCode.OK;
        } catch (TrainingDivergedException e) {
            reporter.closeBar();
            stderr.println("dlref train: " + e.getMessage());
            stderr.flush();
            return CommandLine.ExitCode.SOFTWARE;
        } catch (IOException | java.io.UncheckedIOException e) {
            reporter.closeBar();
            stderr.println("dlref train: cannot write the output: " + e.getMessage());
            stderr.flush();
            return CommandLine.ExitCode.SOFTWARE;
        }
    }

    private String describeSeeds(TrainingConfig config) {
        return config.seeds().equals(Seeds.of(run.seed)) ? "seed " + run.seed : config.seeds().toString();
    }

    private static int checkEpochs(CommandLine cl, int value) {
        if (value < 1) {
            throw new ParameterException(cl, "--epochs must be >= 1, got " + value);
        }
        return value;
    }

    private static void rejectOptions(CommandLine cl, Set<String> allowed, String why) {
        Set<String> given = new TreeSet<>();
        for (OptionSpec o : cl.getParseResult().matchedOptions()) {
            if (!allowed.contains(o.longestName())) {
                given.add(o.longestName());
            }
        }
        if (!given.isEmpty()) {
            throw new ParameterException(cl, why + "; these options cannot be combined with it: "
                    + String.join(", ", given));
        }
    }

    /**
     * The configuration the options describe.
     *
     * @param cl the command line, for error messages
     * @param epochCount the number of epochs
     * @return the configuration
     * @throws IllegalArgumentException if a value is out of range (the message names the setting)
     */
    TrainingConfig config(CommandLine cl, int epochCount) {
        return new TrainingConfig(data.config(), model.config(), optimizer.optimizerConfig(),
                optimizer.scheduleConfig(), optimizer.l1, optimizer.l2, epochCount, run.checkedBatchSize(cl), Seeds.of(run.seed));
    }

    // ------------------------------------------------------------------------------------------
    // Option groups shared by train, compare and search

    /**
     * Lower-case, dash-separated names of enum constants ({@code FASHION_MNIST} is {@code fashion-mnist}) and a
     * converter that accepts them (also with underscores, in any case) and rejects others with the list of valid
     * names.
     */
    static final class Names {

        private Names() {
        }

        static String of(Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static <E extends Enum<E>> String all(Class<E> type) {
            return Arrays.stream(type.getEnumConstants()).map(Names::of).collect(Collectors.joining(", "));
        }

        static <E extends Enum<E>> E parse(Class<E> type, String what, String value) {
            String key = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(key)) {
                    return e;
                }
            }
            throw new CommandLine.TypeConversionException("unknown " + what + " '" + value + "'; expected one of "
                    + all(type));
        }
    }

    /** Converts {@code --dataset}. */
    static final class DataSourceConverter implements CommandLine.ITypeConverter<DataSource> {
        @Override
        public DataSource convert(String value) {
            return Names.parse(DataSource.class, "dataset", value);
        }
    }

    /** Converts {@code --activation}. */
    static final class ActivationConverter implements CommandLine.ITypeConverter<Activation> {
        @Override
        public Activation convert(String value) {
            return Names.parse(Activation.class, "activation", value);
        }
    }

    /** Converts {@code --init}. */
    static final class InitConverter implements CommandLine.ITypeConverter<InitScheme> {
        @Override
        public InitScheme convert(String value) {
            return Names.parse(InitScheme.class, "initialization", value);
        }
    }

    /** Converts {@code --optimizer}. */
    static final class OptimizerConverter implements CommandLine.ITypeConverter<OptimizerKind> {
        @Override
        public OptimizerKind convert(String value) {
            return Names.parse(OptimizerKind.class, "optimizer", value);
        }
    }

    /** Converts {@code --preset}. */
    static final class PresetConverter implements CommandLine.ITypeConverter<Preset> {
        @Override
        public Preset convert(String value) {
            return Names.parse(Preset.class, "preset", value);
        }
    }

    /** Converts {@code --schedule}. */
    static final class ScheduleConverter implements CommandLine.ITypeConverter<ScheduleKind> {
        @Override
        public ScheduleKind convert(String value) {
            return Names.parse(ScheduleKind.class, "schedule", value);
        }
    }

    /** Converts {@code --hidden}: comma-separated widths, or {@code none} for a linear classifier. */
    static final class HiddenConverter implements CommandLine.ITypeConverter<List<Integer>> {
        @Override
        public List<Integer> convert(String value) {
            List<Integer> widths = new ArrayList<>();
            if (value.isBlank() || value.trim().equalsIgnoreCase("none")) {
                return widths;
            }
            for (String part : value.split(",")) {
                try {
                    widths.add(Integer.parseInt(part.trim()));
                } catch (NumberFormatException e) {
                    throw new CommandLine.TypeConversionException("hidden widths must be comma-separated integers "
                            + "(or 'none'), got '" + value + "'");
                }
            }
            return widths;
        }
    }

    /** The data options ({@code --dataset}, {@code --data}, ...), shared by train, compare and search. */
    public static final class DataOptions {

        @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "iris", order = 1,
                converter = DataSourceConverter.class,
                description = "iris (embedded), spiral (CS231n, generated), fashion-mnist, or csv "
                        + "(default: ${DEFAULT-VALUE}).")
        DataSource dataset = DataSource.IRIS;

        @Option(names = "--data", paramLabel = "PATH", order = 2,
                description = "fashion-mnist: the directory of its IDX files (default: "
                        + "/usr/share/datasets/fashion-mnist); csv: the file.")
        String path;

        @Option(names = "--label-column", paramLabel = "N", order = 3,
                description = "csv: the 0-based column of the class labels (default: the last).")
        Integer labelColumn;

        @Option(names = "--header", order = 4, description = "csv: the first line is a header.")
        boolean header;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "0", order = 5,
                description = "fashion-mnist and csv: read at most N samples per file (default: all).")
        int limit;

        @Option(names = "--validation-fraction", paramLabel = "F", order = 6,
                description = "Fraction held out for validation (default: 0.2; fashion-mnist 0.1 of its training "
                        + "part).")
        Double validationFraction;

        @Option(names = "--test-fraction", paramLabel = "F", order = 7,
                description = "Fraction held out for testing (default: 0.2; fashion-mnist has its own test part).")
        Double testFraction;

        /** Creates the option group (picocli fills it). */
        public DataOptions() {
        }

        DataConfig config() {
            return new DataConfig(dataset, path, labelColumn, header, limit, validationFraction, testFraction);
        }
    }

    /** The model options ({@code --hidden}, {@code --activation}, ...), shared by train, compare and search. */
    public static final class ModelOptions {

        @Option(names = "--hidden", paramLabel = "W[,W...]", defaultValue = "64", order = 10,
                converter = HiddenConverter.class,
                description = "Hidden layer widths, comma-separated, or 'none' (default: ${DEFAULT-VALUE}).")
        List<Integer> hidden = List.of(64);

        @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu", order = 11,
                converter = ActivationConverter.class,
                description = "relu, tanh, sigmoid or leaky-relu (default: ${DEFAULT-VALUE}).")
        Activation activation = Activation.RELU;

        @Option(names = "--dropout", paramLabel = "P", defaultValue = "0", order = 12,
                description = "Drop probability after each hidden activation, in [0, 1) (default: ${DEFAULT-VALUE}).")
        double dropout;

        @Option(names = "--batch-norm", order = 13, description = "Batch normalization after each hidden linear layer.")
        boolean batchNorm;

        @Option(names = "--init", paramLabel = "NAME", defaultValue = "pytorch", order = 14,
                converter = InitConverter.class,
                description = "pytorch (U(-1/sqrt(in), 1/sqrt(in))), xavier or kaiming (default: ${DEFAULT-VALUE}).")
        InitScheme init = InitScheme.PYTORCH;

        /** Creates the option group (picocli fills it). */
        public ModelOptions() {
        }

        ModelConfig config() {
            return new ModelConfig(hidden, activation, dropout, batchNorm, init);
        }
    }

    /** The optimizer, schedule and regularization options, shared by train and search. */
    public static final class OptimizerOptions {

        @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam", order = 20,
                converter = OptimizerConverter.class,
                description = "sgd, momentum, nesterov, adagrad, rmsprop, adam or adamw (default: ${DEFAULT-VALUE}).")
        OptimizerKind kind = OptimizerKind.ADAM;

        @Option(names = "--preset", paramLabel = "NAME", defaultValue = "pytorch", order = 21,
                converter = PresetConverter.class,
                description = "Whose defaults and formulas: pytorch, keras or optax (default: ${DEFAULT-VALUE}).")
        Preset preset = Preset.PYTORCH;

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
                converter = ScheduleConverter.class,
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
        public OptimizerOptions() {
        }

        OptimizerConfig optimizerConfig() {
            return new OptimizerConfig(kind, preset, lr, momentum, beta1, beta2, eps, weightDecay);
        }

        ScheduleConfig scheduleConfig() {
            return new ScheduleConfig(schedule, gamma, stepSize, minLr);
        }
    }

    /** The batch size and seed, shared by train, compare and search. */
    public static final class RunOptions {

        @Option(names = "--batch-size", paramLabel = "B", defaultValue = "64", order = 41,
                description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "42", order = 42,
                description = "Seed of every generator of the run (default: ${DEFAULT-VALUE}).")
        long seed;

        /** Creates the option group (picocli fills it). */
        public RunOptions() {
        }

        int checkedBatchSize(CommandLine cl) {
            if (batchSize < 1) {
                throw new ParameterException(cl, "--batch-size must be >= 1, got " + batchSize);
            }
            return batchSize;
        }
    }

    /** Progress and plot options, shared by train, compare and search. */
    public static final class OutputOptions {

        @Option(names = "--no-progress", order = 60,
                description = "No progress bar (it is shown only when a console is attached anyway).")
        boolean noProgress;

        @Option(names = "--plot-width", paramLabel = "PX", defaultValue = "" + Plots.DEFAULT_WIDTH, order = 61,
                description = "Plot width in pixels (default: ${DEFAULT-VALUE}).")
        int plotWidth = Plots.DEFAULT_WIDTH;

        @Option(names = "--plot-height", paramLabel = "PX", defaultValue = "" + Plots.DEFAULT_HEIGHT, order = 62,
                description = "Plot height in pixels (default: ${DEFAULT-VALUE}).")
        int plotHeight = Plots.DEFAULT_HEIGHT;

        /** Creates the option group (picocli fills it). */
        public OutputOptions() {
        }

        /**
         * The stream for the progress bar: standard error when a console is attached and {@code --no-progress}
         * was not given, otherwise none (so redirected output and tests get no control characters).
         */
        PrintStream progressStream() {
            return !noProgress && System.console() != null ? System.err : null;
        }

        void checkPlotSize(CommandLine cl) {
            if (plotWidth < 100 || plotHeight < 100) {
                throw new ParameterException(cl, "--plot-width and --plot-height must be >= 100 pixels, got "
                        + plotWidth + "x" + plotHeight);
            }
        }
    }
}
