package io.github.dlref.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a training run writes besides its checkpoint: the metrics as CSV and JSON, and the PNG plot of the
 * loss and accuracy curves.
 *
 * <p>Numbers are written with Java's {@code Double.toString}, which reads back to the same double. The CSV has
 * the header {@value #CSV_HEADER} and one row per epoch; a missing value (no validation set) is an empty field.
 * The JSON holds the same rows under {@code epochs} (missing values as {@code null}), with the configuration,
 * the data, model and optimizer descriptions and, once training has finished, the test-set score.
 */
public final class MetricsFiles {

    /** The CSV header line. */
    public static final String CSV_HEADER =
            "epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,learning_rate,seconds";

    /** The CSV file's name in the output directory. */
    public static final String CSV_FILE = "metrics.csv";

    /** The JSON file's name in the output directory. */
    public static final String JSON_FILE = "metrics.json";

    /** The plot's file name in the output directory. */
    public static final String PLOT_FILE = "training.png";

    private static final ObjectMapper JSON = new ObjectMapper();

    private MetricsFiles() {
    }

    /**
     * The CSV text.
     *
     * @param history the rows
     * @return the header and one line per row, each ending in {@code \n}
     */
    public static String csv(List<EpochMetrics> history) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (EpochMetrics m : history) {
            sb.append(m.epoch()).append(',').append(num(m.trainLoss())).append(',').append(num(m.trainAccuracy()))
                    .append(',').append(num(m.validationLoss())).append(',').append(num(m.validationAccuracy()))
                    .append(',').append(num(m.learningRate())).append(',').append(num(m.seconds())).append('\n');
        }
        return sb.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /**
     * The JSON document.
     *
     * @param run the run
     * @param test the test-set score, or {@code null} before the end
     * @return the pretty-printed JSON text
     * @throws IOException if serialization fails
     */
    public static String json(TrainingRun run, Evaluation test) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.set("config", JSON.valueToTree(run.config()));
        root.put("data", run.data().description());
        root.put("model", run.config().model().describe(run.data().numFeatures(), run.data().numClasses()));
        root.put("parameters", run.model().parameterCount());
        root.put("optimizer", run.config().optimizer().describe());
        root.put("schedule", run.config().schedule().describe());
        ArrayNode rows = root.putArray("epochs");
        for (EpochMetrics m : run.history()) {
            ObjectNode row = rows.addObject();
            row.put("epoch", m.epoch());
            put(row, "train_loss", m.trainLoss());
            put(row, "train_accuracy", m.trainAccuracy());
            put(row, "validation_loss", m.validationLoss());
            put(row, "validation_accuracy", m.validationAccuracy());
            put(row, "learning_rate", m.learningRate());
            put(row, "seconds", m.seconds());
        }
        if (test != null) {
            ObjectNode t = root.putObject("test");
            put(t, "loss", test.loss());
            put(t, "accuracy", test.accuracy());
            t.put("samples", test.samples());
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static void put(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }


    /**
     * Writes {@value #CSV_FILE} and {@value #JSON_FILE} into a directory (the command line adds the plot
     * {@value #PLOT_FILE}).
     *
     * @param dir the output directory (must exist)
     * @param run the run
     * @param test the test-set score, or {@code null} before the end
     * @throws IOException if a file cannot be written
     */
    public static void writeAll(Path dir, TrainingRun run, Evaluation test) throws IOException {
        Files.writeString(dir.resolve(CSV_FILE), csv(run.history()), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(JSON_FILE), json(run, test), StandardCharsets.UTF_8);
    }
}
