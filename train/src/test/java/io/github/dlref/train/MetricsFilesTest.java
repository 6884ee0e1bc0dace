package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MetricsFiles}: the CSV text written out for a hand-made history (a missing value is an empty field), and
 * the JSON document of a one-epoch Iris run without a validation set (missing values {@code null}; every number
 * reads back to the same double; the test score only when given).
 */
class MetricsFilesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void csvHasTheHeaderAndOneLinePerEpochWithEmptyFieldsForMissingValues() {
        List<EpochMetrics> history = List.of(new EpochMetrics(1, 0.5, 0.75, Double.NaN, Double.NaN, 0.1, 2.5),
                new EpochMetrics(2, 0.25, 1.0, 0.125, 0.5, 0.05, 3.0));
        assertEquals("epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,learning_rate,seconds\n"
                + "1,0.5,0.75,,,0.1,2.5\n"
                + "2,0.25,1.0,0.125,0.5,0.05,3.0\n", MetricsFiles.csv(history));
        assertEquals(MetricsFiles.CSV_HEADER + "\n", MetricsFiles.csv(List.of()));
        // Double.toString reads back to the same double
        double third = 1.0 / 3;
        assertEquals(MetricsFiles.CSV_HEADER + "\n3,0.3333333333333333,1.0E-20,-0.0,0.0,1.0E300,0.0\n",
                MetricsFiles.csv(List.of(new EpochMetrics(3, third, 1e-20, -0.0, 0.0, 1e300, 0.0))));
        assertEquals("metrics.csv", MetricsFiles.CSV_FILE);
        assertEquals("metrics.json", MetricsFiles.JSON_FILE);
        assertEquals("training.png", MetricsFiles.PLOT_FILE);
    }

    static TrainingRun oneEpochWithoutValidation() throws IOException {
        TrainingConfig config = new TrainingConfig(new DataConfig(DataSource.IRIS, null, null, false, 0, 0.0, null),
                new ModelConfig(List.of(16), Activation.RELU, 0.0, false, InitScheme.PYTORCH),
                OptimizerConfig.of(OptimizerKind.SGD, Preset.PYTORCH).withLearningRate(0.1),
                ScheduleConfig.CONSTANT, 0.0, 0.0, 1, 16, Seeds.of(7L));
        TrainingRun run = TrainingRun.start(config, config.prepareData());
        run.runToEnd();
        return run;
    }

    @Test
    void jsonHoldsTheDescriptionsTheRowsAndTheTestScore(@TempDir Path dir) throws IOException {
        TrainingRun run = oneEpochWithoutValidation();
        EpochMetrics m = run.history().get(0);
        int[] labels = {0, 0};
        int[] predicted = {0, 1};
        Evaluation test = new Evaluation(0.25, 0.5, 2, predicted, ConfusionMatrix.of(labels, predicted, 3));
        String text = MetricsFiles.json(run, test);
        assertTrue(text.endsWith("}\n"));
        JsonNode root = JSON.readTree(text);
        assertEquals(List.of("config", "data", "model", "parameters", "optimizer", "schedule", "epochs", "test"),
                iterable(root.fieldNames()));
        assertEquals(JSON.valueToTree(run.config()), root.get("config"));
        assertEquals("Iris: 120 train, 0 validation, 30 test, 4 features (standardized on the training part), "
                + "3 classes", root.get("data").asText());
        assertEquals("4-16-3 relu", root.get("model").asText());
        // 4 x 16 + 16 + 16 x 3 + 3
        assertEquals(131, root.get("parameters").asInt());
        assertEquals("sgd(pytorch) lr=0.1", root.get("optimizer").asText());
        assertEquals("constant", root.get("schedule").asText());
        assertEquals(1, root.get("epochs").size());
        JsonNode row = root.get("epochs").get(0);
        assertEquals(1, row.get("epoch").asInt());
        assertEquals(m.trainLoss(), row.get("train_loss").doubleValue());
        assertEquals(m.trainAccuracy(), row.get("train_accuracy").doubleValue());
        assertTrue(row.get("validation_loss").isNull(), "no validation set: null");
        assertTrue(row.get("validation_accuracy").isNull());
        assertEquals(0.1, row.get("learning_rate").doubleValue());
        assertEquals(m.seconds(), row.get("seconds").doubleValue());
        assertEquals(0.25, root.get("test").get("loss").doubleValue());
        assertEquals(0.5, root.get("test").get("accuracy").doubleValue());
        assertEquals(2, root.get("test").get("samples").asInt());

        JsonNode before = JSON.readTree(MetricsFiles.json(run, null));
        assertTrue(before.get("test") == null, "no test score before the end");
        Evaluation empty = new Evaluation(Double.NaN, Double.NaN, 0, new int[0],
                ConfusionMatrix.of(new int[0], new int[0], 3));
        JsonNode nan = JSON.readTree(MetricsFiles.json(run, empty)).get("test");
        assertTrue(nan.get("loss").isNull());
        assertTrue(nan.get("accuracy").isNull());
        assertEquals(0, nan.get("samples").asInt());

        MetricsFiles.writeAll(dir, run, test);
        assertEquals(MetricsFiles.csv(run.history()), Files.readString(dir.resolve("metrics.csv"),
                StandardCharsets.UTF_8));
        assertEquals(text, Files.readString(dir.resolve("metrics.json"), StandardCharsets.UTF_8));
    }

    static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
