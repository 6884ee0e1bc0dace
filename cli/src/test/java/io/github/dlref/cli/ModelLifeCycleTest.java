package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlref.cli.TrainCommandTest.CliRun;
import io.github.dlref.data.Dataset;
import io.github.dlref.data.io.Iris;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dlref train}, then {@code evaluate} and {@code predict} on the model it saved. */
class ModelLifeCycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static Path run;

    @BeforeAll
    static void train() {
        run = tmp.resolve("run");
        CliRun r = CliRun.of("train", "--epochs", "30", "--hidden", "8", "--out", run.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("dlref evaluate --model " + run), r.out());
    }

    /** Every Iris sample: four raw features, then the class index when {@code withLabel}. */
    private static Path irisCsv(String name, boolean withLabel) throws IOException {
        Dataset iris = Iris.load();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < iris.size(); i++) {
            for (int j = 0; j < 4; j++) {
                sb.append(j == 0 ? "" : ",").append(iris.features().get(i, j));
            }
            sb.append(withLabel ? "," + iris.label(i) : "").append('\n');
        }
        return Files.writeString(tmp.resolve(name), sb.toString());
    }

    private static void assertFits80(String text) {
        for (String line : text.lines().toList()) {
            assertTrue(line.length() <= 80, line.length() + " columns: " + line);
        }
    }

    @Test
    void evaluateScoresTheRunsOwnTestSplitAsTrainingDid() throws IOException {
        CliRun r = CliRun.of("evaluate", "--model", run.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode e = JSON.readTree(r.out());
        JsonNode test = JSON.readTree(run.resolve("metrics.json").toFile()).get("test");
        assertEquals(test.get("loss").asDouble(), e.get("loss").asDouble());
        assertEquals(test.get("accuracy").asDouble(), e.get("accuracy").asDouble());
        assertEquals(30, e.get("samples").asInt());
        // precision and recall from the printed confusion matrix, by hand
        long[][] m = new long[3][3];
        long total = 0;
        long diagonal = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[i][j] = e.get("confusion").get(i).get(j).asLong();
                total += m[i][j];
            }
            diagonal += m[i][i];
        }
        assertEquals(30, total);
        assertEquals((double) diagonal / total, e.get("accuracy").asDouble());
        for (int c = 0; c < 3; c++) {
            JsonNode cls = e.get("classes").get(c);
            assertEquals(Iris.CLASS_NAMES.get(c), cls.get("label").asText());
            long row = m[c][0] + m[c][1] + m[c][2];
            long col = m[0][c] + m[1][c] + m[2][c];
            assertEquals(row, cls.get("support").asLong());
            assertEquals((double) m[c][c] / row, cls.get("recall").asDouble());
            if (col > 0) {
                assertEquals((double) m[c][c] / col, cls.get("precision").asDouble());
            } else {
                assertTrue(cls.get("precision").isNull());
            }
        }

        Path png = tmp.resolve("confusion.png");
        CliRun table = CliRun.of("evaluate", "--model", run.resolve("model.json").toString(), "--plot",
                png.toString());
        assertEquals(0, table.exit(), table.err());
        assertFits80(table.out());
        assertTrue(table.out().contains("accuracy: "), table.out());
        assertTrue(table.out().contains("versicolor"), table.out());
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() >= 3 * ConfusionPlot.CELL && image.getHeight() >= 3 * ConfusionPlot.CELL);
    }

    @Test
    void evaluateOnACsvAgreesWithPredictOnTheSameRows() throws IOException {
        CliRun e = CliRun.of("evaluate", "--model", run.toString(), "--data", irisCsv("labelled.csv", true).toString(),
                "--format", "json");
        assertEquals(0, e.exit(), e.err());
        JsonNode evaluation = JSON.readTree(e.out());
        assertEquals(150, evaluation.get("samples").asInt());

        CliRun p = CliRun.of("predict", "--model", run.toString(), "--data", irisCsv("features.csv", false).toString());
        assertEquals(0, p.exit(), p.err());
        List<String> lines = p.out().lines().toList();
        assertEquals("row,class,label,p_setosa,p_versicolor,p_virginica", lines.get(0));
        assertEquals(151, lines.size());
        Dataset iris = Iris.load();
        long[][] counted = new long[3][3];
        for (int i = 0; i < 150; i++) {
            String[] f = lines.get(i + 1).split(",");
            assertEquals(Integer.toString(i + 1), f[0]);
            int predicted = Integer.parseInt(f[1]);
            assertEquals(Iris.CLASS_NAMES.get(predicted), f[2]);
            double[] probabilities = {Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5])};
            assertEquals(1.0, probabilities[0] + probabilities[1] + probabilities[2], 1e-12, lines.get(i + 1));
            for (double q : probabilities) {
                assertTrue(q <= probabilities[predicted], "the class has the largest probability: " + lines.get(i + 1));
            }
            counted[iris.label(i)][predicted]++;
        }
        for (int i = 0; i < 3; i++) {
            long[] row = new long[3];
            for (int j = 0; j < 3; j++) {
                row[j] = evaluation.get("confusion").get(i).get(j).asLong();
            }
            assertArrayEquals(counted[i], row, "row " + i + ": " + Arrays.toString(row));
        }

        CliRun json = CliRun.of("predict", "--model", run.toString(), "--data", tmp.resolve("features.csv").toString(),
                "--format", "json");
        assertEquals(0, json.exit(), json.err());
        JsonNode predictions = JSON.readTree(json.out()).get("predictions");
        assertEquals(150, predictions.size());
        for (int i = 0; i < 150; i++) {
            String[] f = lines.get(i + 1).split(",");
            assertEquals(Integer.parseInt(f[1]), predictions.get(i).get("class").asInt());
            assertEquals(Double.parseDouble(f[4]), predictions.get(i).get("probabilities").get(1).asDouble());
            assertEquals(i + 1, predictions.get(i).get("line").asInt());
        }
    }

    @Test
    void tenClassesFitEightyColumns() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            sb.append(i % 7).append(',').append(i % 13).append(',').append(i % 10).append('\n');
        }
        Path csv = Files.writeString(tmp.resolve("ten.csv"), sb.toString());
        Path ten = tmp.resolve("ten");
        CliRun r = CliRun.of("train", "--dataset", "csv", "--data", csv.toString(), "--epochs", "1", "--hidden", "4",
                "--out", ten.toString());
        assertEquals(0, r.exit(), r.err());
        CliRun e = CliRun.of("evaluate", "--model", ten.toString());
        assertEquals(0, e.exit(), e.err());
        assertFits80(e.out().replace(ten.toString(), "runs/train/1"));
        List<String> lines = e.out().lines().toList();
        assertEquals("true \\ predicted    0    1    2    3    4    5    6    7    8    9",
                lines.get(lines.size() - 11));
        // the confusion rows add up to the 200 test samples
        long total = 0;
        for (String row : lines.subList(lines.size() - 10, lines.size())) {
            String[] f = row.trim().split("\\s+");
            assertEquals(11, f.length, row);
            for (int j = 1; j < 11; j++) {
                total += Long.parseLong(f[j]);
            }
        }
        assertEquals(200, total);
    }

    private static void assertOneLine(CliRun r, String command, String expected) {
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals(List.of("dlref " + command + ": " + expected), r.err().lines().toList());
        assertEquals("", r.out());
    }

    @Test
    void badInputIsOneLineNamingTheFileLineAndColumn() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.csv"), "5.1,3.5,1.4,0.2\n6.7,3.0,x,2.3\n");
        assertOneLine(CliRun.of("predict", "--model", run.toString(), "--data", bad.toString()), "predict",
                bad + ", line 2, column 3: 'x' is not a number");
        Path narrow = Files.writeString(tmp.resolve("narrow.csv"), "5.1,3.5,1.4\n");
        assertOneLine(CliRun.of("predict", "--model", run.toString(), "--data", narrow.toString()), "predict",
                narrow + ", line 1: expected 4 columns (the model's 4 features), got 3");
        assertOneLine(CliRun.of("evaluate", "--model", run.toString(), "--data", narrow.toString()), "evaluate",
                narrow + ", line 1: expected 5 columns (4 features and a label), got 3");
        Path label = Files.writeString(tmp.resolve("label.csv"), "5.1,3.5,1.4,0.2,0\n6.7,3.0,5.2,2.3,3\n");
        assertOneLine(CliRun.of("evaluate", "--model", run.toString(), "--data", label.toString()), "evaluate",
                label + ", line 2, column 5: label 3.0 is not an integer in [0, 3)");
        Path missing = tmp.resolve("missing");
        assertOneLine(CliRun.of("predict", "--model", missing.toString(), "--data", bad.toString()), "predict",
                "--model " + missing + ": no such file or directory");
        assertOneLine(CliRun.of("evaluate", "--model", tmp.toString()), "evaluate",
                "--model " + tmp + ": no model.json in this directory (dlref train writes one into its output "
                        + "directory)");
        Path notAModel = Files.writeString(tmp.resolve("not-a-model.json"), "{}");
        assertOneLine(CliRun.of("predict", "--model", notAModel.toString(), "--data", bad.toString()), "predict",
                "--model: " + notAModel + ": not a dlref model file (\"format\" must be \"dlref-model\")");
        Path alone = Files.createDirectories(tmp.resolve("alone"));
        Files.copy(run.resolve("model.json"), alone.resolve("model.json"));
        assertOneLine(CliRun.of("evaluate", "--model", alone.toString()), "evaluate", "--model "
                + alone.resolve("model.json") + ": no checkpoint/ beside it to rebuild the run's data from; give "
                + "--data FILE.csv");
        assertEquals(2, CliRun.of("predict", "--model", run.toString()).exit(), "--data is required");
        Path nowhere = tmp.resolve("nowhere/cm.png");
        CliRun plot = CliRun.of("evaluate", "--model", run.toString(), "--plot", nowhere.toString());
        assertEquals(1, plot.exit(), plot.err());
        assertEquals(List.of("dlref evaluate: cannot write " + nowhere + ": " + nowhere + ": no such file"),
                plot.err().lines().toList());
        assertEquals("", plot.out());
    }
}
