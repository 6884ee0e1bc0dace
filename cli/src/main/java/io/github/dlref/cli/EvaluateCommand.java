package io.github.dlref.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlref.data.Dataset;
import io.github.dlref.data.io.CsvTable;
import io.github.dlref.train.Checkpoint;
import io.github.dlref.train.ConfusionMatrix;
import io.github.dlref.train.Evaluation;
import io.github.dlref.train.PreparedData;
import io.github.dlref.train.SavedModel;
import io.github.dlref.train.TrainingConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
 * {@code dlref evaluate --model RUN [--data FILE.csv]}: scores a saved model ({@link SavedModel}) on a labelled
 * set and prints the loss (mean cross-entropy), the accuracy, each class's precision, recall and support, and the
 * confusion matrix (rows = true class, columns = predicted class), as a table of at most 80 columns (for up to
 * ten classes) or as JSON; {@code --plot FILE} also draws the confusion matrix as a PNG ({@code ConfusionPlot}).
 *
 * <p>The set: without {@code --data}, the test split of the data the model was trained on, rebuilt from the
 * configuration in the run's {@code checkpoint/} beside the model file (same seed, same split; the model's saved
 * preprocessing must be the one fitted on that split's training part, bit for bit, else the model is refused as
 * not belonging to that run); with {@code --data}, a CSV file of raw features and a label column holding class
 * indices {@code 0 .. C-1} in the model's class order, preprocessed with the model's saved preprocessing.
 *
 * <p>Exit status: 0 on success; 1 if a file cannot be read or written; 2 for a usage error (a missing model,
 * data file or run configuration, a model file that is not valid) or a malformed data file (named with its line
 * and column).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = Dlref.Version.class,
        sortOptions = false,
        description = {"Score a trained model: loss, accuracy, per-class precision and recall, and the confusion "
                + "matrix, on the test split of the data it was trained on or on a CSV file."},
        footer = {"", "Exit status: 0 success, 1 an I/O error, 2 usage error or a malformed file.",
            "Example: dlref evaluate --model runs/train/1 --plot confusion.png"})
public final class EvaluateCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The widest table row: the per-class and confusion tables are laid out to fit this many columns. */
    static final int WIDTH = 80;

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "RUN", required = true, order = 0,
            description = "A run directory (holding model.json and checkpoint/, as dlref train writes it) or a "
                    + "model file.")
    private Path model;

    @Option(names = "--data", paramLabel = "FILE", order = 1,
            description = "A CSV file of raw features and class indices 0..C-1 (default: the test split of the "
                    + "run's own data).")
    private Path data;

    @Option(names = "--label-column", paramLabel = "N", order = 2,
            description = "--data: the 0-based column of the class indices (default: the last).")
    private Integer labelColumn;

    @Option(names = "--header", order = 3, description = "--data: the first line is a header.")
    private boolean header;

    @Option(names = "--plot", paramLabel = "FILE", order = 4,
            description = "Also draw the confusion matrix into this PNG file.")
    private Path plot;

    @Mixin
    private FormatOption format = new FormatOption();

    /** Creates the command (picocli instantiates it). */
    public EvaluateCommand() {
    }

    /**
     * Scores the model and prints the result.
     *
     * @return 0 on success
     * @throws IOException if a file cannot be read (exit status 1; 2 for a malformed one)
     */
    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (data == null && (labelColumn != null || header)) {
            throw new ParameterException(cl, "--label-column and --header describe a --data file; give --data");
        }
        Path modelFile = ModelInputs.modelFile(cl, model);
        SavedModel saved = ModelInputs.load(cl, modelFile);
        Evaluation evaluation;
        String description;
        if (data == null) {
            Checkpoint checkpoint = runCheckpoint(cl, modelFile);
            TrainingConfig config = checkpoint.config();
            PreparedData prepared = runData(cl, modelFile, saved, checkpoint);
            evaluation = saved.evaluatePreprocessed(prepared.test());
            description = CommandErrors.name(config.data().source()) + ", the run's seeded test split, "
                    + prepared.test().size() + " samples";
        } else {
            CsvTable table = ModelInputs.readCsv(cl, data, header);
            int column = labelColumn == null ? table.cols() - 1 : labelColumn;
            if (column < 0 || column >= table.cols()) {
                throw new ParameterException(cl, "--label-column must be in [0, " + table.cols() + ") for " + data
                        + ", got " + column);
            }
            ModelInputs.checkColumns(table, saved.inputs() + 1, saved.inputs() + " features and a label");
            Dataset raw = table.toClassification(column, saved.classes());
            evaluation = saved.evaluate(raw);
            description = data + " (" + raw.size() + " samples)";
        }
        if (plot != null) {
            try {
                ConfusionPlot.write(plot, evaluation.confusion(), saved.classLabels(), "Confusion matrix: "
                        + saved.modelConfig().describe(saved.inputs(), saved.classes()) + ", "
                        + evaluation.samples() + " samples");
            } catch (IOException e) {
                throw CommandErrors.cannotWrite(plot, e);
            }
        }
        PrintWriter out = cl.getOut();
        if (format.json()) {
            out.println(json(modelFile, description, saved.classLabels(), evaluation));
        } else {
            out.print(table(modelFile, saved, description, evaluation));
            if (plot != null) {
                out.println("wrote " + plot);
            }
        }
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    /** The checkpoint of the run beside the model file. */
    private static Checkpoint runCheckpoint(CommandLine cl, Path modelFile) throws IOException {
        Path checkpoint = modelFile.toAbsolutePath().getParent().resolve("checkpoint");
        if (Checkpoint.locate(checkpoint).isEmpty()) {
            throw new ParameterException(cl, "--model " + modelFile + ": no checkpoint/ beside it to rebuild the "
                    + "run's data from; give --data FILE.csv");
        }
        return Checkpoint.load(checkpoint);
    }

    /** The run's own data, rebuilt from its configuration, checked against the model. */
    private static PreparedData runData(CommandLine cl, Path modelFile, SavedModel saved, Checkpoint checkpoint)
            throws IOException {
        PreparedData prepared = checkpoint.prepareData();
        if (!sameBits(prepared.preprocessing().shift().toRowMajorArray(),
                saved.preprocessing().shift().toRowMajorArray())
                || !sameBits(prepared.preprocessing().scale().toRowMajorArray(),
                        saved.preprocessing().scale().toRowMajorArray())) {
            throw new ParameterException(cl, "--model " + modelFile + ": its preprocessing is not the one of the "
                    + "run beside it (the model was not trained on that data); give --data");
        }
        if (prepared.test().size() == 0) {
            throw new ParameterException(cl, "--model " + modelFile + ": the run has no test split (test "
                    + "fraction 0); give --data FILE.csv");
        }
        return prepared;
    }

    private static boolean sameBits(double[] a, double[] b) {
        return Arrays.equals(a, b);
    }

    /**
     * The report as text: the model, the data, loss and accuracy, a per-class table and the confusion matrix.
     *
     * @param modelFile the model file
     * @param saved the model
     * @param description the data's description
     * @param e the evaluation
     * @return the lines, each ending with a line break
     */
    static String table(Path modelFile, SavedModel saved, String description, Evaluation e) {
        StringBuilder sb = new StringBuilder();
        sb.append("model:    ").append(modelFile).append(" (")
                .append(saved.modelConfig().describe(saved.inputs(), saved.classes())).append(")\n");
        sb.append("data:     ").append(description).append('\n');
        sb.append(String.format(Locale.ROOT, "loss:     %.6f (mean cross-entropy)%n", e.loss()));
        ConfusionMatrix m = e.confusion();
        long correct = 0;
        for (int c = 0; c < m.numClasses(); c++) {
            correct += m.correct(c);
        }
        sb.append("accuracy: ").append(ConsoleReporter.accuracy(e.accuracy())).append(" (").append(correct)
                .append(" of ").append(e.samples()).append(")\n\n");
        List<String> labels = saved.classLabels();
        int nameWidth = "class".length();
        for (String l : labels) {
            nameWidth = Math.max(nameWidth, Math.min(l.length(), 24));
        }
        String rowFormat = "%3s  %-" + nameWidth + "s  %9s  %9s  %7s%n";
        sb.append(String.format(Locale.ROOT, rowFormat, "#", "class", "precision", "recall", "support"));
        for (int c = 0; c < m.numClasses(); c++) {
            sb.append(String.format(Locale.ROOT, rowFormat, c, clip(labels.get(c), 24),
                    ConsoleReporter.accuracy(m.precision(c)), ConsoleReporter.accuracy(m.recall(c)), m.support(c)));
        }
        sb.append('\n');
        int cell = 3;
        for (int i = 0; i < m.numClasses(); i++) {
            cell = Math.max(cell, Integer.toString(i).length());
            for (int j = 0; j < m.numClasses(); j++) {
                cell = Math.max(cell, Long.toString(m.count(i, j)).length());
            }
        }
        String lead = "true \\ predicted";
        if (lead.length() + m.numClasses() * (cell + 2) > WIDTH) {
            sb.append("confusion matrix: ").append(m.numClasses()).append(" classes do not fit 80 columns; "
                    + "see --format json or --plot\n");
            return sb.toString();
        }
        sb.append("confusion matrix (rows: true class #, columns: predicted class #)\n");
        sb.append(lead);
        for (int j = 0; j < m.numClasses(); j++) {
            sb.append(String.format(Locale.ROOT, "  %" + cell + "d", j));
        }
        sb.append('\n');
        for (int i = 0; i < m.numClasses(); i++) {
            sb.append(String.format(Locale.ROOT, "%" + lead.length() + "d", i));
            for (int j = 0; j < m.numClasses(); j++) {
                sb.append(String.format(Locale.ROOT, "  %" + cell + "d", m.count(i, j)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    /**
     * The report as JSON: {@code model}, {@code data}, {@code samples}, {@code loss}, {@code accuracy},
     * {@code classes} (index, label, precision, recall, support; an undefined precision or recall is
     * {@code null}) and {@code confusion} (rows = true class, columns = predicted class).
     *
     * @param modelFile the model file
     * @param description the data's description
     * @param labels the class names
     * @param e the evaluation
     * @return the JSON text
     * @throws IOException if it cannot be rendered
     */
    static String json(Path modelFile, String description, List<String> labels, Evaluation e) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", modelFile.toString());
        root.put("data", description);
        root.put("samples", e.samples());
        putNumber(root, "loss", e.loss());
        putNumber(root, "accuracy", e.accuracy());
        ConfusionMatrix m = e.confusion();
        ArrayNode classes = root.putArray("classes");
        for (int c = 0; c < m.numClasses(); c++) {
            ObjectNode o = classes.addObject();
            o.put("index", c);
            o.put("label", labels.get(c));
            putNumber(o, "precision", m.precision(c));
            putNumber(o, "recall", m.recall(c));
            o.put("support", m.support(c));
        }
        ArrayNode confusion = root.putArray("confusion");
        for (long[] row : m.toArray()) {
            ArrayNode r = confusion.addArray();
            for (long v : row) {
                r.add(v);
            }
        }
        return JSON.writeValueAsString(root);
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }
}
