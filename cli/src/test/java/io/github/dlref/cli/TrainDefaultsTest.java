package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlref.cli.TrainCommandTest.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dlref train} without options: a model that clearly learns Iris, in a few seconds. */
class TrainDefaultsTest {

    @TempDir
    Path tmp;

    @Test
    void theDefaultRunLearnsIrisAndSavesItsModel() throws IOException {
        Path out = tmp.resolve("run");
        long start = System.nanoTime();
        CliRun r = CliRun.of("train", "--out", out.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, r.exit(), r.err());
        assertTrue(seconds < 60, "the default run took " + seconds + " s");
        assertTrue(r.out().contains("batch size 16"), r.out());
        List<String> rows = r.out().lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+\\.\\d{6}\\s+.*")).toList();
        assertEquals(100, rows.size(), r.out());

        JsonNode test = new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).get("test");
        assertEquals(30, test.get("samples").asInt());
        double accuracy = test.get("accuracy").asDouble();
        assertTrue(accuracy >= 0.93, "default test accuracy " + accuracy + " must be at least 0.93");
        assertTrue(Files.isRegularFile(out.resolve("model.json")));

        // every line fits 80 columns (with the default output directory's name in place of the test's
        // temporary one)
        for (String line : r.out().lines().toList()) {
            String shown = line.replace(out.toString(), "runs/train/12");
            assertTrue(shown.length() <= 80, shown.length() + " columns: " + shown);
        }
        assertTrue(r.out().contains("data:      Iris: 90 train, 30 validation, 30 test"), r.out());
    }

    @Test
    void wrapKeepsEveryWordAndIndentsContinuationLines() {
        String text = "a".repeat(30) + " " + "b".repeat(30) + " " + "c".repeat(30) + " " + "d".repeat(90);
        List<String> lines = TrainCommand.wrap("label: ", text).lines().toList();
        assertEquals(List.of("label: " + "a".repeat(30) + " " + "b".repeat(30), "       " + "c".repeat(30),
                "       " + "d".repeat(90)), lines);
        assertEquals(List.of("label: short text"), TrainCommand.wrap("label: ", "short text").lines().toList());
    }

    @Test
    void theEpochRowShowsValidationLossAndAccuracy() throws IOException {
        Path out = tmp.resolve("run");
        CliRun r = CliRun.of("train", "--epochs", "2", "--hidden", "4", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("epoch  train_loss  train_acc    val_loss    val_acc          lr   seconds"),
                r.out());
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        List<String> rows = r.out().lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+\\.\\d{6}\\s+.*")).toList();
        for (int e = 1; e <= 2; e++) {
            String[] f = csv.get(e).split(",");
            String[] shown = rows.get(e - 1).trim().split("\\s+");
            // validation loss with six decimals; both accuracies as the CSV's fractions, with four decimals
            assertEquals(String.format(java.util.Locale.ROOT, "%.6f", Double.parseDouble(f[3])), shown[3]);
            assertEquals(String.format(java.util.Locale.ROOT, "%.4f", Double.parseDouble(f[2])), shown[2]);
            assertEquals(String.format(java.util.Locale.ROOT, "%.4f", Double.parseDouble(f[4])), shown[4]);
        }
    }
}
