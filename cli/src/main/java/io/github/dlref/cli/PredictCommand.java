package io.github.dlref.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlref.data.io.CsvTable;
import io.github.dlref.math.Matrix;
import io.github.dlref.train.SavedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dlref predict --model RUN --data FILE.csv}: the predicted class and the class probabilities of every row
 * of a CSV file of raw features, computed by a saved model ({@link SavedModel#predict(Matrix)}: the preprocessing
 * saved with the model, the network in evaluation mode, the softmax, the argmax with the lowest class on ties).
 *
 * <p>Output on standard output: CSV (default; a header {@code row,class,label,p_<label>...}, then one line per
 * input row; probabilities in Java's shortest round-trip decimal form) or JSON ({@code --format json}: an object
 * with {@code model}, {@code classes} and {@code predictions}, each with {@code row}, {@code line},
 * {@code class}, {@code label} and {@code probabilities}). {@code row} counts data rows from 1; {@code line} is
 * the line in the input file.
 *
 * <p>Exit status: 0 on success; 1 if a file cannot be read; 2 for a usage error (a missing model or data file, a
 * model file that is not valid) or a malformed data file: a value that is not a number, a row with another number
 * of fields, or another number of columns than the model's features, in one line naming the file, line and
 * column.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, versionProvider = Dlref.Version.class,
        sortOptions = false,
        description = {"Predict the class and the class probabilities of each row of a CSV file of raw features, "
                + "with a model dlref train saved (its preprocessing is applied)."},
        footer = {"", "Exit status: 0 success, 1 an I/O error, 2 usage error or a malformed file.",
            "Example: dlref predict --model runs/train/1 --data new-flowers.csv"})
public final class PredictCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The output formats of {@code predict}. */
    enum Format {
        /** Comma-separated values with a header. */
        CSV,
        /** One JSON object. */
        JSON
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "RUN", required = true, order = 0,
            description = "A run directory (holding model.json, as dlref train writes it) or a model file.")
    private Path model;

    @Option(names = "--data", paramLabel = "FILE", required = true, order = 1,
            description = "A CSV file with one row per sample and the model's raw features as columns (no label).")
    private Path data;

    @Option(names = "--header", order = 2, description = "The first line of --data is a header.")
    private boolean header;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv", order = 3,
            description = "csv or json (default: ${DEFAULT-VALUE}).")
    private Format format = Format.CSV;

    /** Creates the command (picocli instantiates it). */
    public PredictCommand() {
    }

    /**
     * Predicts and prints.
     *
     * @return 0 on success
     * @throws IOException if a file cannot be read (exit status 1; 2 for a malformed one)
     */
    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        Path modelFile = ModelInputs.modelFile(cl, model);
        SavedModel saved = ModelInputs.load(cl, modelFile);
        CsvTable table = ModelInputs.readCsv(cl, data, header);
        ModelInputs.checkColumns(table, saved.inputs(), "the model's " + saved.inputs() + " features");
        SavedModel.Prediction p = saved.predict(table.values());
        PrintWriter out = cl.getOut();
        out.print(format == Format.JSON ? json(modelFile, saved.classLabels(), table, p) + "\n"
                : csv(saved.classLabels(), p));
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    /**
     * The predictions as CSV: {@code row,class,label,p_<label 0>,...}, one line per sample.
     *
     * @param labels the class names
     * @param p the prediction
     * @return the text, each line ending with a line break
     */
    static String csv(List<String> labels, SavedModel.Prediction p) {
        StringBuilder sb = new StringBuilder("row,class,label");
        for (String l : labels) {
            sb.append(",p_").append(csvField(l));
        }
        sb.append('\n');
        int[] classes = p.classes();
        Matrix probabilities = p.probabilities();
        for (int i = 0; i < classes.length; i++) {
            sb.append(i + 1).append(',').append(classes[i]).append(',').append(csvField(p.labels().get(i)));
            for (int c = 0; c < labels.size(); c++) {
                sb.append(',').append(probabilities.get(i, c));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /**
     * The predictions as JSON (see the class documentation).
     *
     * @param modelFile the model file
     * @param labels the class names
     * @param table the input, for the line numbers
     * @param p the prediction
     * @return the JSON text
     * @throws IOException if it cannot be rendered
     */
    static String json(Path modelFile, List<String> labels, CsvTable table, SavedModel.Prediction p)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", modelFile.toString());
        ArrayNode classes = root.putArray("classes");
        labels.forEach(classes::add);
        ArrayNode predictions = root.putArray("predictions");
        int[] predicted = p.classes();
        for (int i = 0; i < predicted.length; i++) {
            ObjectNode o = predictions.addObject();
            o.put("row", i + 1);
            o.put("line", table.line(i));
            o.put("class", predicted[i]);
            o.put("label", p.labels().get(i));
            ArrayNode probabilities = o.putArray("probabilities");
            for (int c = 0; c < labels.size(); c++) {
                probabilities.add(p.probabilities().get(i, c));
            }
        }
        return JSON.writeValueAsString(root);
    }
}
