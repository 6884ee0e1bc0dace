package io.github.dlref.cli;

import io.github.dlref.data.io.DataFormatException;
import io.github.dlref.train.Checkpoint;
import io.github.dlref.train.DataConfig;
import io.github.dlref.train.Evaluation;
import io.github.dlref.train.MetricsFiles;
import io.github.dlref.train.PreparedData;
import io.github.dlref.train.SavedModel;
import io.github.dlref.train.Seeds;
import io.github.dlref.train.TrainingConfig;
import io.github.dlref.train.TrainingDivergedException;
import io.github.dlref.train.TrainingRun;
import io.github.dlref.verify.oracle.SpecConversion;
import io.github.dlref.verify.oracle.spec.SpecParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
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
 * metrics (CSV, JSON), a PNG plot of the loss and accuracy curves, a checkpoint and the trained model
 * ({@value #MODEL_FILE}, a {@link SavedModel} that {@code dlref evaluate} and {@code dlref predict} read) into the
 * output directory ({@code RunDirectories}: by default the next free {@code runs/train/<n>}), showing a progress
 * bar per epoch (on standard error, when a console is attached) and one table row per epoch.
 *
 * <p>Defaults: Iris, a 4-64-3 ReLU network, Adam (PyTorch's convention, learning rate 0.001), batch size
 * {@value #DEFAULT_BATCH_SIZE}, {@value #DEFAULT_EPOCHS} epochs: 600 Adam steps on Iris's 90 training samples,
 * a few seconds. (Batch 64 and 10 epochs, the defaults of {@code compare} and {@code search}, give Iris only 20
 * steps, too few to learn it.)
 * {@code --resume} continues from a checkpoint bit for bit; {@code --spec} trains a spec file ({@code dlref.spec.v1},
 * converted by {@link SpecConversion}).
 *
 * <p>Exit status: 0 on success; 1 when training diverges or a file cannot be read or written; 2 for a usage
 * error (an unknown option or value, a value out of range, a missing dataset directory or file) or a malformed
 * data file (a CSV or IDX file whose content cannot be parsed, named with its line and column or offset).
 */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = Dlref.Version.class, sortOptions = false,
        defaultValueProvider = TrainCommand.Defaults.class, modelTransformer = TrainCommand.OutNote.class,
        description = {"Train a classifier (MLP) with mini-batch gradient descent: per batch zero the gradients, "
                + "forward, loss, backward, step (the dl-optimization training procedure).",
            "Writes metrics.csv, metrics.json, training.png, checkpoint/ and model.json into the output directory.",
            "Without options: Iris, 4-64-3 ReLU, Adam lr 0.001, batch 16, 100 epochs (a few seconds)."},
        footer = {"", "Exit status: 0 success, 1 training diverged or an I/O error, 2 usage error or a malformed data "
                + "file.",
            "Example: dlref train --dataset fashion-mnist --hidden 256 --batch-size 64 --epochs 10 --out runs/fm"})
public final class TrainCommand implements Callable<Integer> {

    /** Options that may be given together with {@code --resume} (the others come from the checkpoint). */
    static final Set<String> RESUME_OPTIONS = Set.of("--resume", "--out", "--force", "--epochs", "--no-progress",
            "--plot-width", "--plot-height", "--help", "--version");

    /** Options that may be given together with {@code --spec} (the others come from the spec). */
    static final Set<String> SPEC_OPTIONS = Set.of("--spec", "--out", "--force", "--epochs", "--no-progress",
            "--plot-width", "--plot-height", "--help", "--version", "--dataset", "--data", "--label-column", "--header", "--limit",
            "--validation-fraction", "--test-fraction");

    /**
     * While training, the metrics files and the plot are rewritten after an epoch when this much time has passed
     * since they were last written (rendering a plot takes a fraction of a second); they are always written at
     * the end. The checkpoint is written after every epoch.
     */
    static final long REFRESH_NANOS = 10_000_000_000L;

    /** The width the console lines of {@code train} fit (the header lines are wrapped to it). */
    static final int WIDTH = 80;

    /** The trained model's file in the output directory, written at the end ({@link SavedModel#save(Path)}). */
    public static final String MODEL_FILE = "model.json";

    /** The default number of epochs of {@code train}. */
    public static final int DEFAULT_EPOCHS = 100;

    /** The default batch size of {@code train} (the shared {@code --batch-size} option's default is 64). */
    public static final int DEFAULT_BATCH_SIZE = 16;

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

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "" + DEFAULT_EPOCHS, order = 40,
            description = "Number of epochs (default: ${DEFAULT-VALUE}; with --resume: the total, default the "
                    + "checkpoint's).")
    private int epochs;

    @Mixin
    private OutDirectoryOptions outDirectory = new OutDirectoryOptions();

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
     * @return 0 on success
     * @throws ParameterException for a usage error (exit status 2)
     * @throws IOException if a data file cannot be read (exit status 1; 2 for a malformed one,
     *     {@link DataFormatException})
     * @throws TrainingDivergedException if training diverges (exit status 1)
     */
    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        output.checkPlotSize(cl);
        TrainingRun trainingRun;
        Path outDir;
        if (resume != null) {
            rejectOptions(cl, RESUME_OPTIONS, "--resume takes the configuration from the checkpoint");
            Path dir = Checkpoint.locate(resume).orElseThrow(() -> new ParameterException(cl, "--resume " + resume
                    + ": no checkpoint there (expected a complete checkpoint in " + resume + " or "
                    + resume.resolve("checkpoint") + ")"));
            Checkpoint checkpoint = Checkpoint.load(dir);
            boolean epochsGiven = cl.getParseResult().hasMatchedOption("--epochs");
            int total = epochsGiven ? checkEpochs(cl) : checkpoint.config().epochs();
            if (total <= checkpoint.epochsCompleted()) {
                throw new ParameterException(cl, "--resume: the checkpoint already has "
                        + checkpoint.epochsCompleted() + " epochs; give --epochs greater than that to continue");
            }
            PreparedData prepared = checkpoint.prepareData();
            trainingRun = TrainingRun.resume(checkpoint, prepared, total);
            Path parent = dir.toAbsolutePath().normalize().getParent();
            Path out = outDirectory.out;
            outDir = out == null || out.toAbsolutePath().normalize().equals(parent) ? parent
                    : outDirectory.prepare(cl);
        } else if (specFile != null) {
            rejectOptions(cl, SPEC_OPTIONS, "--spec gives the model, optimizer, schedule, batch size and seeds");
            io.github.dlref.verify.oracle.spec.Spec parsed = SpecParser.parse(specFile);
            DataConfig dataOverride = cl.getParseResult().hasMatchedOption("--dataset") ? data.config() : null;
            Integer epochCount = cl.getParseResult().hasMatchedOption("--epochs") ? checkEpochs(cl) : null;
            TrainingConfig config = SpecConversion.fromSpec(parsed, dataOverride, data.validationFraction,
                    data.testFraction, epochCount);
            config.data().checkAvailable();
            trainingRun = TrainingRun.start(config, config.prepareData());
            outDir = outDirectory.prepare(cl);
        } else {
            TrainingConfig config = optimizer.config(cl, data, model, run, checkEpochs(cl));
            config.data().checkAvailable();
            PreparedData prepared = config.prepareData();
            trainingRun = TrainingRun.start(config, prepared);
            outDir = outDirectory.prepare(cl);
        }
        return train(trainingRun, outDir, cl.getOut());
    }

    private int train(TrainingRun trainingRun, Path outDir, PrintWriter stdout) {
        TrainingConfig config = trainingRun.config();
        PreparedData prepared = trainingRun.data();
        stdout.print(wrap("data:      ", prepared.description()));
        stdout.println("model:     " + config.model().describe(prepared.numFeatures(), prepared.numClasses()) + " ("
                + trainingRun.model().parameterCount() + " parameters)");
        stdout.print(wrap("optimizer: ", config.optimizer().describe() + ", schedule " + config.schedule().describe()
                + ", batch size " + config.batchSize() + ", " + describeSeeds(config)
                + (config.l1() > 0 ? ", l1 " + config.l1() : "") + (config.l2() > 0 ? ", l2 " + config.l2() : "")
                + (config.clipping() != null ? ", " + config.clipping().describe() : "")));
        if (trainingRun.epochsCompleted() > 0) {
            stdout.println("resuming after epoch " + trainingRun.epochsCompleted() + " of " + config.epochs());
        }
        ConsoleReporter reporter = new ConsoleReporter(stdout, output.progressStream(),
                Math.max(1, config.epochs() - trainingRun.epochsCompleted()));
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
                    throw new UncheckedIOException(e);
                }
            });
            Evaluation test = trainingRun.evaluate(prepared.test());
            Reports.writeRun(outDir, trainingRun, test, output.plotWidth, output.plotHeight);
            SavedModel.save(trainingRun, outDir.resolve(MODEL_FILE));
            if (test.samples() > 0) {
                stdout.printf(Locale.ROOT, "test: loss %.6f, accuracy %s (%d samples)%n", test.loss(),
                        ConsoleReporter.accuracy(test.accuracy()), test.samples());
            }
            stdout.println("wrote " + outDir + ":");
            stdout.println("       " + MetricsFiles.CSV_FILE + ", " + MetricsFiles.JSON_FILE + ", "
                    + MetricsFiles.PLOT_FILE + ", checkpoint/, " + MODEL_FILE);
            stdout.println("next:  dlref evaluate --model " + outDir);
            stdout.println("       dlref predict --model " + outDir + " --data FILE.csv");
            stdout.flush();
            return CommandLine.ExitCode.OK;
        } catch (IOException | UncheckedIOException e) {
            throw CommandErrors.cannotWrite("the output", e);
        } finally {
            reporter.closeBar(); // a bar still shown after an error
        }
    }

    /** Adds what {@code --resume} does to {@code --out}'s help text (the shared mixin's text names no resume). */
    static final class OutNote implements CommandLine.IModelTransformer {

        /** Creates the transformer (picocli instantiates it). */
        OutNote() {
        }

        /**
         * Notes the default output directory of {@code --resume} in {@code --out}'s description.
         *
         * @param commandSpec the specification of {@code train}
         * @return the same specification, {@code --out} saying {@code with --resume: the checkpoint's parent}
         */
        @Override
        public CommandSpec transform(CommandSpec commandSpec) {
            return OutDirectoryOptions.withOutNote(commandSpec, "with --resume: the checkpoint's parent");
        }
    }

    /** The defaults of {@code train} that differ from those of the shared option mixins. */
    static final class Defaults implements CommandLine.IDefaultValueProvider {

        /** Creates the provider (picocli instantiates it). */
        Defaults() {
        }

        /**
         * The default of an option, where {@code train} has its own.
         *
         * @param argSpec the option
         * @return {@value TrainCommand#DEFAULT_BATCH_SIZE} for {@code --batch-size}; otherwise {@code null} (the
         *     option's own default)
         */
        @Override
        public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
            return argSpec instanceof OptionSpec o && o.longestName().equals("--batch-size")
                    ? Integer.toString(DEFAULT_BATCH_SIZE) : null;
        }
    }

    /**
     * A labelled line wrapped at spaces to fit {@value #WIDTH} columns, continuation lines indented as far as the
     * label (a word longer than a line, such as a long path, stays whole).
     *
     * @param label the label, such as {@code "data:      "}
     * @param text the text
     * @return the lines, each ending with a line break
     */
    static String wrap(String label, String text) {
        StringBuilder sb = new StringBuilder(label);
        int lineLength = label.length();
        boolean first = true;
        for (String word : text.split(" ")) {
            if (!first && lineLength + 1 + word.length() > WIDTH) {
                sb.append(System.lineSeparator()).append(" ".repeat(label.length()));
                lineLength = label.length();
                first = true;
            }
            if (!first) {
                sb.append(' ');
                lineLength++;
            }
            sb.append(word);
            lineLength += word.length();
            first = false;
        }
        return sb.append(System.lineSeparator()).toString();
    }

    private String describeSeeds(TrainingConfig config) {
        return config.seeds().equals(Seeds.of(run.seed)) ? "seed " + run.seed : config.seeds().toString();
    }

    private int checkEpochs(CommandLine cl) {
        return CommandErrors.atLeast(cl, "--epochs", epochs, 1);
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
}
