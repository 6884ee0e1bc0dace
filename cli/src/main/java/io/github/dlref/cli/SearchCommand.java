package io.github.dlref.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlref.data.io.DataFormatException;
import io.github.dlref.train.DataSource;
import io.github.dlref.train.ModelConfig;
import io.github.dlref.train.PreparedData;
import io.github.dlref.train.RandomSearch;
import io.github.dlref.train.SearchSpace;
import io.github.dlref.verify.oracle.SpecConversion;
import io.github.dlref.train.TrainingConfig;
import io.github.dlref.verify.oracle.spec.SpecWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dlref search}: random hyper-parameter search ({@link RandomSearch}): {@code --trials} configurations with
 * a log-uniform learning rate and weight decay, a uniform hidden width and dropout, each trained for
 * {@code --epochs} and scored on the validation split; prints the table sorted by score and writes it
 * ({@value #CSV_FILE}, {@value #JSON_FILE}) and the best configuration as a spec file ({@value #SPEC_FILE}, format
 * {@code dlref.spec.v1}) that {@code dlref train --spec} trains again, bit for bit.
 *
 * <p>Exit status: 0 on success; 1 when a file cannot be read or written; 2 for a usage error or a malformed
 * data file (one line on standard error, printed by the commands' shared error handler).
 */
@Command(name = "search", mixinStandardHelpOptions = true, versionProvider = Dlref.Version.class, sortOptions = false,
        description = {"Random hyper-parameter search (Bergstra and Bengio 2012): log-uniform learning rate and weight "
                + "decay, uniform hidden width and dropout; each trial scored on the validation split.",
            "Writes search.csv, search.json and the best configuration as best.spec.json (for dlref train --spec)."},
        footer = {"", "Exit status: 0 success, 1 an I/O error, 2 usage error or a malformed data file.",
            "Example: dlref search --dataset spiral --trials 20 --epochs 30 --lr-range 1e-4,1"})
public final class SearchCommand implements Callable<Integer> {

    /** The table's file name. */
    public static final String CSV_FILE = "search.csv";

    /** The JSON file's name. */
    public static final String JSON_FILE = "search.json";

    /** The best configuration's spec file name. */
    public static final String SPEC_FILE = "best.spec.json";

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
            description = "Epochs per trial (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--trials", paramLabel = "N", defaultValue = "20", order = 43,
            description = "Number of trials (default: ${DEFAULT-VALUE}).")
    private int trials;

    @Option(names = "--search-seed", paramLabel = "S", defaultValue = "1", order = 44,
            description = "Seed of the hyper-parameter draws (default: ${DEFAULT-VALUE}).")
    private long searchSeed;

    @Option(names = "--lr-range", paramLabel = "MIN,MAX", split = ",", defaultValue = "1e-4,1e-1", order = 45,
            description = "Learning-rate range, drawn log-uniformly (default: ${DEFAULT-VALUE}).")
    private double[] lrRange;

    @Option(names = "--weight-decay-range", paramLabel = "MIN,MAX", split = ",", defaultValue = "1e-6,1e-2",
            order = 46, description = "Weight-decay range, drawn log-uniformly; 0,0 for none (default: "
                    + "${DEFAULT-VALUE}).")
    private double[] weightDecayRange;

    @Option(names = "--hidden-range", paramLabel = "MIN,MAX", split = ",", defaultValue = "16,256", order = 47,
            description = "Hidden-width range, drawn uniformly; every hidden layer of --hidden gets the drawn width "
                    + "(default: ${DEFAULT-VALUE}).")
    private int[] hiddenRange;

    @Option(names = "--dropout-max", paramLabel = "P", defaultValue = "0.5", order = 48,
            description = "Largest drop probability, drawn uniformly from [0, P] (default: ${DEFAULT-VALUE}).")
    private double dropoutMax;

    @Mixin
    private OutDirectoryOptions outDirectory = new OutDirectoryOptions();

    @Mixin
    private OutputOptions output = new OutputOptions();

    /** Creates the command (picocli instantiates it). */
    public SearchCommand() {
    }

    /**
     * Runs the search and writes its files.
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
        for (String searched : List.of("--lr", "--weight-decay", "--dropout")) {
            if (cl.getParseResult().hasMatchedOption(searched)) {
                throw new ParameterException(cl, searched + " is searched; give its range instead (--lr-range, "
                        + "--weight-decay-range, --dropout-max)");
            }
        }
        CommandErrors.atLeast(cl, "--epochs", epochs, 1);
        CommandErrors.atLeast(cl, "--trials", trials, 1);
        pair(cl, "--lr-range", lrRange.length);
        pair(cl, "--weight-decay-range", weightDecayRange.length);
        pair(cl, "--hidden-range", hiddenRange.length);
        SearchSpace space = new SearchSpace(lrRange[0], lrRange[1], weightDecayRange[0], weightDecayRange[1],
                hiddenRange[0], hiddenRange[1], dropoutMax);
        TrainingConfig base = optimizer.config(cl, data, model, run, epochs);
        if (base.optimizer().kind() == io.github.dlref.train.OptimizerKind.RPROP && space.weightDecayMax() > 0) {
            throw new ParameterException(cl, "search: rprop has no weight decay (as PyTorch's Rprop); give "
                    + "--weight-decay-range 0,0");
        }
        if (base.model().hidden().isEmpty()) {
            throw new ParameterException(cl, "search: the model has no hidden layer for the searched width; "
                    + "give --hidden");
        }
        base.data().checkAvailable();
        PreparedData prepared = base.prepareData();
        ModelConfig m = base.model();
        ModelConfig widest = new ModelConfig(java.util.Collections.nCopies(m.hidden().size(), hiddenRange[1]),
                m.activation(), m.dropout(), m.batchNorm(), m.init());
        try {
            widest.checkSize(prepared.numFeatures(), prepared.numClasses());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, "--hidden-range " + hiddenRange[0] + "," + hiddenRange[1] + ": the widest"
                    + " trial's " + e.getMessage().replaceFirst("^model: ", "model ") + " (lower the range's maximum)");
        }
        if (prepared.validation().size() == 0) {
            throw new ParameterException(cl, "search: trials are scored on the validation set, which is empty; "
                    + "give --validation-fraction > 0");
        }
        Path outDir = outDirectory.prepare(cl);
        stdout.println("data:  " + prepared.description());
        stdout.println("search: " + trials + " trials, " + epochs + " epochs each, "
                + CommandErrors.name(base.optimizer().kind()) + " (" + CommandErrors.name(base.optimizer().preset())
                + "), lr in [" + lrRange[0] + ", " + lrRange[1] + "] and weight decay in [" + weightDecayRange[0]
                + ", " + weightDecayRange[1] + "] log-uniform, hidden width in [" + hiddenRange[0] + ", " + hiddenRange[1]
                + "], dropout in [0, " + dropoutMax + "], search seed " + searchSeed);
        ConsoleReporter progress = new ConsoleReporter(stdout, output.progressStream(), false,
                trials * epochs);
        List<RandomSearch.Trial> sorted = RandomSearch.run(base, prepared, space, trials, searchSeed, progress,
                t -> {
                    stdout.printf(Locale.ROOT, "trial %d/%d: lr %.4g, weight decay %.4g, hidden %d, dropout %.3f -> "
                            + "validation accuracy %s%n", t.index(), trials, t.point().learningRate(),
                            t.point().weightDecay(), t.point().hidden(), t.point().dropout(),
                            t.diverged() != null ? "diverged" : ConsoleReporter.accuracy(t.score()));
                    stdout.flush();
                });
        stdout.println();
        stdout.print(Reports.searchTable(sorted));
        try {
            Files.writeString(outDir.resolve(CSV_FILE), RandomSearch.csv(sorted), StandardCharsets.UTF_8);
            Files.writeString(outDir.resolve(JSON_FILE), json(sorted), StandardCharsets.UTF_8);
            String wrote = outDir.resolve(CSV_FILE) + ", " + JSON_FILE;
            RandomSearch.Trial best = sorted.get(0);
            io.github.dlref.verify.oracle.spec.Spec bestSpec = null;
            String noSpec = null;
            if (base.data().source() == DataSource.IRIS || base.data().source() == DataSource.SPIRAL) {
                try {
                    bestSpec = SpecConversion.toSpec(best.config(), prepared);
                } catch (IllegalArgumentException e) {
                    noSpec = e.getMessage().replaceFirst("^spec: ", "");
                }
            }
            if (bestSpec != null) {
                SpecWriter.write(bestSpec, outDir.resolve(SPEC_FILE));
                wrote += ", " + SPEC_FILE + " (train it again with: dlref train --spec " + outDir.resolve(SPEC_FILE) + ")";
            } else if (noSpec != null) {
                stdout.println("best configuration not written as a spec: " + noSpec + "; " + JSON_FILE + " holds it");
            } else {
                stdout.println("best configuration not written as a spec: the spec format has no "
                        + CommandErrors.name(base.data().source()) + " dataset; "
                        + JSON_FILE + " holds it");
            }
            stdout.println("wrote " + wrote);
            stdout.flush();
            return CommandLine.ExitCode.OK;
        } catch (IOException | UncheckedIOException e) {
            throw CommandErrors.cannotWrite("the output", e);
        }
    }

    private static void pair(CommandLine cl, String option, int length) {
        if (length != 2) {
            throw new ParameterException(cl, option + " needs two values MIN,MAX, got " + length);
        }
    }

    private static String json(List<RandomSearch.Trial> sorted) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode rows = root.putArray("trials");
        int rank = 1;
        for (RandomSearch.Trial t : sorted) {
            ObjectNode row = rows.addObject();
            row.put("rank", rank++);
            row.put("trial", t.index());
            row.put("learning_rate", t.point().learningRate());
            row.put("weight_decay", t.point().weightDecay());
            row.put("hidden", t.point().hidden());
            row.put("dropout", t.point().dropout());
            putNumber(row, "validation_accuracy", t.score());
            putNumber(row, "validation_loss", t.validationLoss());
            putNumber(row, "train_loss", t.trainLoss());
            if (t.diverged() != null) {
                row.put("diverged", t.diverged());
            }
            row.set("config", mapper.valueToTree(t.config()));
        }
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static void putNumber(ObjectNode node, String key, double v) {
        if (Double.isNaN(v)) {
            node.putNull(key);
        } else {
            node.put(key, v);
        }
    }
}
