package io.github.dlref.cli;

import io.github.dlref.data.io.DataFormatException;
import io.github.dlref.train.OptimizerComparison;
import io.github.dlref.train.OptimizerConfig;
import io.github.dlref.train.OptimizerKind;
import io.github.dlref.train.PreparedData;
import io.github.dlref.train.ScheduleConfig;
import io.github.dlref.train.ScheduleKind;
import io.github.dlref.train.SearchStrategies;
import io.github.dlref.train.TrainingConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dlref compare}: trains the same model on the same data from the same initial weights with several
 * optimizers (each at its default learning rate, or at every learning rate of {@code --lrs}) and schedules, and
 * writes one plot of their loss and validation-accuracy curves ({@value #PLOT_FILE}) and their metrics
 * ({@value #CSV_FILE}); then runs cs231n-opt-bp's three strategies (random search, random local search, following
 * the gradient) on the multiclass SVM loss of a linear classifier on the same training set
 * ({@value #STRATEGIES_PLOT_FILE}, {@value #STRATEGIES_CSV_FILE}). Prints both tables.
 *
 * <p>Exit status: 0 on success (a diverging optimizer is a result, shown in the table); 1 when a file cannot be
 * read or written; 2 for a usage error or a malformed data file.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = Dlref.Version.class,
        sortOptions = false,
        description = {"Compare optimizers, learning rates and schedules on one problem from the same initial "
                + "weights (one plot, one table), and cs231n's random search, random local search and following the "
                + "gradient on one loss."},
        footer = {"", "Exit status: 0 success, 1 an I/O error, 2 usage error or a malformed data file.",
            "Example: dlref compare --dataset spiral --hidden 100 --optimizers sgd --lrs 10,1,0.1,0.01 --epochs 20"})
public final class CompareCommand implements Callable<Integer> {

    /** The comparison plot's file name. */
    public static final String PLOT_FILE = "compare.png";

    /** The comparison metrics' file name. */
    public static final String CSV_FILE = "compare.csv";

    /** The strategies plot's file name. */
    public static final String STRATEGIES_PLOT_FILE = "strategies.png";

    /** The strategies' curves' file name. */
    public static final String STRATEGIES_CSV_FILE = "strategies.csv";

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions data = new DataOptions();

    @Mixin
    private ModelOptions model = new ModelOptions();

    @Option(names = "--optimizers", paramLabel = "NAME[,NAME...]", split = ",", order = 20,
            defaultValue = "sgd,momentum,adagrad,rmsprop,adam",
            description = "Optimizers to compare, of sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, nadam, "
                    + "radam, adamax, adadelta, rprop and asgd (default: ${DEFAULT-VALUE}).")
    private List<OptimizerKind> optimizers = new ArrayList<>();

    @Mixin
    private PresetOption preset = new PresetOption();

    @Option(names = "--lrs", paramLabel = "RATE[,RATE...]", split = ",", order = 22,
            description = "Learning rates; every optimizer runs at each (default: each optimizer's default).")
    private List<Double> learningRates = new ArrayList<>();

    @Option(names = "--schedules", paramLabel = "NAME[,NAME...]", split = ",", defaultValue = "constant", order = 23,
            preprocessor = DashedEnumNames.class,
            description = "Schedules (with their default settings), of constant, step, exponential, inverse-time, "
                    + "cosine, inverse-time-staircase, one-cycle, cosine-warm-restarts, cyclic and reduce-on-plateau; "
                    + "every optimizer runs with each (default: ${DEFAULT-VALUE}).")
    private List<ScheduleKind> schedules = new ArrayList<>();

    @Mixin
    private RunOptions run = new RunOptions();

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", order = 40,
            description = "Epochs per run (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--strategy-iterations", paramLabel = "N", defaultValue = "200", order = 44,
            description = "Iterations of each cs231n strategy; 0 skips them (default: ${DEFAULT-VALUE}).")
    private int strategyIterations;

    @Option(names = "--strategy-scale", paramLabel = "STD", defaultValue = "0.1", order = 45,
            description = "Standard deviation of the random weights (default: ${DEFAULT-VALUE}).")
    private double strategyScale;

    @Option(names = "--strategy-step", paramLabel = "STD", defaultValue = "0.05", order = 46,
            description = "Standard deviation of a local-search step (default: ${DEFAULT-VALUE}).")
    private double strategyStep;

    @Option(names = "--strategy-lr", paramLabel = "RATE", defaultValue = "0.1", order = 47,
            description = "Step size of following the gradient (default: ${DEFAULT-VALUE}).")
    private double strategyLearningRate;

    @Mixin
    private OutDirectoryOptions outDirectory = new OutDirectoryOptions();

    @Mixin
    private OutputOptions output = new OutputOptions();

    /** Creates the command (picocli instantiates it). */
    public CompareCommand() {
    }

    /**
     * Runs the comparison and writes its files.
     *
     * @return 0 on success
     * @throws ParameterException for a usage error (exit status 2)
     * @throws IOException if a data file cannot be read (exit status 1; 2 for a malformed one,
     *     {@link DataFormatException})
     */
    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        PrintWriter stdout = cl.getOut();
        output.checkPlotSize(cl);
        CommandErrors.atLeast(cl, "--epochs", epochs, 1);
        if (optimizers.isEmpty()) {
            throw new ParameterException(cl, "--optimizers needs at least one optimizer");
        }
        CommandErrors.atLeast(cl, "--strategy-iterations", strategyIterations, 0);
        TrainingConfig base = run.config(cl, data, model, OptimizerConfig.of(optimizers.get(0), preset.preset),
                epochs);
        List<OptimizerComparison.Variant> variants = new ArrayList<>();
        for (OptimizerKind kind : optimizers) {
            for (ScheduleKind schedule : schedules) {
                if (learningRates.isEmpty()) {
                    variants.add(OptimizerComparison.Variant.of(OptimizerConfig.of(kind, preset.preset),
                            ScheduleConfig.of(schedule)));
                }
                for (double lr : learningRates) {
                    variants.add(OptimizerComparison.Variant.of(OptimizerConfig.of(kind, preset.preset)
                            .withLearningRate(lr), ScheduleConfig.of(schedule)));
                }
            }
        }
        SearchStrategies.Settings strategySettings = strategyIterations == 0 ? null
                : new SearchStrategies.Settings(strategyIterations, strategyScale, strategyStep,
                        strategyLearningRate, run.seed);
        base.data().checkAvailable();
        PreparedData prepared = base.prepareData();
        Path outDir = outDirectory.prepare(cl);
        stdout.println("data:  " + prepared.description());
        stdout.println("model: " + base.model().describe(prepared.numFeatures(), prepared.numClasses()) + ", "
                + epochs + " epochs, batch size " + base.batchSize() + ", seed " + run.seed
                + ", the same initial weights for every run");
        ConsoleReporter progress = new ConsoleReporter(stdout, output.progressStream(), false,
                variants.size() * epochs);
        List<OptimizerComparison.Result> results = OptimizerComparison.run(base, prepared, variants, progress);
        stdout.println();
        stdout.print(Reports.comparisonTable(results));
        try {
            Plots.write(outDir.resolve(PLOT_FILE), output.plotWidth, output.plotHeight, Reports.panels(results));
            Files.writeString(outDir.resolve(CSV_FILE), csv(results), StandardCharsets.UTF_8);
            String wrote = outDir.resolve(PLOT_FILE) + ", " + CSV_FILE;
            if (strategySettings != null) {
                List<SearchStrategies.Curve> curves = SearchStrategies.run(prepared.train(), strategySettings);
                stdout.println();
                stdout.print(Reports.strategiesTable(curves));
                Plots.write(outDir.resolve(STRATEGIES_PLOT_FILE), output.plotWidth, output.plotHeight,
                        List.of(Reports.strategiesPanel(curves)));
                Files.writeString(outDir.resolve(STRATEGIES_CSV_FILE), strategiesCsv(curves), StandardCharsets.UTF_8);
                wrote += ", " + STRATEGIES_PLOT_FILE + ", " + STRATEGIES_CSV_FILE;
            }
            stdout.println("wrote " + wrote);
            stdout.flush();
            return CommandLine.ExitCode.OK;
        } catch (IOException | UncheckedIOException e) {
            throw CommandErrors.cannotWrite("the output", e);
        }
    }

    private static String csv(List<OptimizerComparison.Result> results) {
        StringBuilder sb = new StringBuilder("optimizer,epoch,train_loss,train_accuracy,validation_loss,"
                + "validation_accuracy,learning_rate\n");
        for (OptimizerComparison.Result r : results) {
            for (var m : r.history()) {
                sb.append('"').append(r.variant().label()).append("\",").append(m.epoch()).append(',')
                        .append(m.trainLoss()).append(',').append(m.trainAccuracy()).append(',')
                        .append(num(m.validationLoss())).append(',').append(num(m.validationAccuracy())).append(',')
                        .append(m.learningRate()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String strategiesCsv(List<SearchStrategies.Curve> curves) {
        StringBuilder sb = new StringBuilder("iteration");
        for (SearchStrategies.Curve c : curves) {
            sb.append(',').append(c.name().replace(' ', '_'));
        }
        sb.append('\n');
        for (int i = 0; i < curves.get(0).losses().length; i++) {
            sb.append(i + 1);
            for (SearchStrategies.Curve c : curves) {
                sb.append(',').append(c.losses()[i]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
