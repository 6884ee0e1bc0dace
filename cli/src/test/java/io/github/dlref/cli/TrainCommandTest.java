package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlref.train.Checkpoint;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    /** The outcome of one in-process run of the {@code dlref} command line (also used by the compare and search tests). */
    record CliRun(int exit, String out, String err) {

        static CliRun of(String... args) {
            picocli.CommandLine cl = Dlref.commandLine(io.github.dlref.verify.examples.ExampleCatalog::standard);
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            cl.setOut(new java.io.PrintWriter(out));
            cl.setErr(new java.io.PrintWriter(err));
            int exit = cl.execute(args);
            return new CliRun(exit, out.toString(), err.toString());
        }
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @TempDir
    Path tmp;

    @Test
    void trainsAndWritesTheTableTheMetricsThePlotAndACheckpoint() throws IOException {
        Path out = tmp.resolve("run");
        CliRun r = CliRun.of("train", "--dataset", "iris", "--hidden", "8", "--epochs", "3", "--batch-size", "16",
                "--lr", "0.05", "--plot-width", "640", "--plot-height", "360", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("epoch  train_loss  train_acc    val_loss    val_acc"), r.out());
        List<String> rows = r.out().lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+\\.\\d{6}\\s+[01]\\.\\d{4}\\s+.*")).toList();
        assertEquals(3, rows.size(), r.out());
        assertTrue(r.out().contains("test: loss"), r.out());
        assertEquals("", r.err(), "no progress bar or other noise without a console");

        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(4, csv.size(), "header and one row per epoch: " + csv);
        assertEquals("epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,learning_rate,seconds",
                csv.get(0));
        for (int e = 1; e <= 3; e++) {
            String[] f = csv.get(e).split(",", -1);
            assertEquals(7, f.length, csv.get(e));
            assertEquals(Integer.toString(e), f[0]);
            assertEquals(0.05, Double.parseDouble(f[5]));
        }

        byte[] png = Files.readAllBytes(out.resolve("training.png"));
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8));
        BufferedImage image = ImageIO.read(out.resolve("training.png").toFile());
        assertEquals(640, image.getWidth());
        assertEquals(360, image.getHeight());

        JsonNode json = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(3, json.get("epochs").size());
        assertEquals(30, json.get("test").get("samples").asInt());
        double accuracy = json.get("test").get("accuracy").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1, "test accuracy " + accuracy);
        Path current = Checkpoint.current(out.resolve("checkpoint")).orElseThrow();
        assertTrue(Files.isRegularFile(current.resolve("checkpoint.json")));
        assertTrue(Files.isRegularFile(current.resolve("model.bin")));
        assertTrue(Files.isRegularFile(current.resolve("optimizer.bin")));
    }

    private static final String[] EVERY_STATE = {"--dataset", "spiral", "--hidden", "16,8", "--activation", "tanh",
        "--dropout", "0.2", "--batch-norm", "--optimizer", "momentum", "--lr", "0.1", "--schedule", "step",
        "--step-size", "2", "--gamma", "0.5", "--l2", "0.001", "--batch-size", "32", "--seed", "5"};

    private static String[] with(String[] base, String... more) {
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /** The CSV without the wall-clock column. */
    private static String results(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve("metrics.csv")).stream()
                .map(l -> l.substring(0, l.lastIndexOf(','))).collect(Collectors.joining("\n"));
    }

    @Test
    void resumeGivesTheSameBitsAsAnUninterruptedRun() throws IOException {
        Path whole = tmp.resolve("whole");
        Path split = tmp.resolve("split");
        assertEquals(0, CliRun.of(with(with(new String[] {"train"}, EVERY_STATE), "--epochs", "5", "--out",
                whole.toString())).exit());
        CliRun first = CliRun.of(with(with(new String[] {"train"}, EVERY_STATE), "--epochs", "2", "--out",
                split.toString()));
        assertEquals(0, first.exit(), first.err());
        CliRun resumed = CliRun.of("train", "--resume", split.toString(), "--epochs", "5");
        assertEquals(0, resumed.exit(), resumed.err());
        assertTrue(resumed.out().contains("resuming after epoch 2 of 5"), resumed.out());
        assertEquals(3, resumed.out().lines().filter(l -> l.matches("\\s+[345]\\s+\\d+\\.\\d{6}\\s+.*")).count(),
                resumed.out());

        assertArrayEquals(Files.readAllBytes(currentCheckpoint(whole).resolve("model.bin")),
                Files.readAllBytes(currentCheckpoint(split).resolve("model.bin")));
        assertArrayEquals(Files.readAllBytes(currentCheckpoint(whole).resolve("optimizer.bin")),
                Files.readAllBytes(currentCheckpoint(split).resolve("optimizer.bin")));
        assertEquals(results(whole), results(split));
        JsonNode a = new ObjectMapper().readTree(whole.resolve("metrics.json").toFile()).get("test");
        JsonNode b = new ObjectMapper().readTree(split.resolve("metrics.json").toFile()).get("test");
        assertEquals(a.get("loss").asDouble(), b.get("loss").asDouble());
    }

    @Test
    void aDifferentSeedGivesDifferentWeights() throws IOException {
        // the resume test above compares files that must differ when the computation differs
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, CliRun.of("train", "--epochs", "1", "--seed", "1", "--out", a.toString()).exit());
        assertEquals(0, CliRun.of("train", "--epochs", "1", "--seed", "2", "--out", b.toString()).exit());
        assertTrue(!Arrays.equals(Files.readAllBytes(currentCheckpoint(a).resolve("model.bin")),
                Files.readAllBytes(currentCheckpoint(b).resolve("model.bin"))));
    }

    private static void assertUsageError(CliRun r, String... fragments) {
        assertEquals(2, r.exit(), r.out() + r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "expected '" + f + "' in:\n" + r.err());
        }
    }

    @Test
    void badOptionsAreUsageErrorsWithClearMessages() {
        Path out = tmp.resolve("never");
        assertUsageError(CliRun.of("train", "--optimizer", "adamx", "--out", out.toString()),
                "unknown optimizer 'adamx'", "sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, nadam, radam, "
                        + "adamax, adadelta, rprop, asgd");
        assertUsageError(CliRun.of("train", "--epochs", "-3", "--out", out.toString()), "--epochs must be >= 1, got -3");
        assertUsageError(CliRun.of("train", "--dataset", "fashion-mnist", "--data", tmp.resolve("nowhere").toString(),
                "--out", out.toString()), "Fashion-MNIST directory", "nowhere", "does not exist");
        assertUsageError(CliRun.of("train", "--dataset", "csv", "--data", tmp.resolve("missing.csv").toString(),
                "--out", out.toString()), "CSV file", "missing.csv", "does not exist");
        assertUsageError(CliRun.of("train", "--dropout", "1", "--out", out.toString()),
                "dropout (drop probability) must be in [0, 1), got 1.0");
        assertUsageError(CliRun.of("train", "--optimizer", "adam", "--momentum", "0.9", "--out", out.toString()),
                "momentum applies to sgd, momentum, nesterov and rmsprop, not adam");
        assertUsageError(CliRun.of("train", "--batch-size", "0", "--out", out.toString()), "--batch-size must be >= 1");
        assertUsageError(CliRun.of("train", "--schedule", "sometimes", "--out", out.toString()), "unknown schedule");
        assertUsageError(CliRun.of("train", "--hidden", "8,x", "--out", out.toString()), "comma-separated integers");
        assertUsageError(CliRun.of("train", "--resume", tmp.resolve("nothing").toString()), "no checkpoint there");
        assertUsageError(CliRun.of("train", "--spec", tmp.resolve("none.json").toString()), "no such file");
        assertTrue(Files.notExists(out), "nothing is written on a usage error");
    }

    @Test
    void sizesAreCheckedBeforeAnythingIsAllocated() {
        Path out = tmp.resolve("never-big");
        // 4-1000000000-3: 4e9 + 1e9 weights and biases, then 3e9 + 3: 8000000003 parameters
        CliRun big = CliRun.of("train", "--hidden", "1000000000", "--out", out.toString());
        assertUsageError(big, "model: 4-1000000000-3 relu has 8000000003 parameters, more than the limit of 50000000");
        assertEquals(1, big.err().lines().count(), big.err());
        assertUsageError(CliRun.of("train", "--plot-width", "100000", "--plot-height", "100000", "--out",
                out.toString()), "--plot-width and --plot-height must be 100 to 8192 pixels, got 100000x100000");
        assertTrue(Files.notExists(out), "nothing is written when a size is refused");
    }

    @Test
    void aMalformedDataFileIsAnInputErrorWithOneLineNamingFileLineAndColumn() throws IOException {
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, "0.5,1.5,0\n2.0,oops,1\n");
        for (String command : List.of("train", "compare", "search")) {
            Path out = tmp.resolve("never-" + command);
            CliRun r = CliRun.of(command, "--dataset", "csv", "--data", csv.toString(), "--epochs", "1", "--out",
                    out.toString());
            assertEquals(2, r.exit(), command + ": " + r.out() + r.err());
            assertEquals(List.of("dlref " + command + ": " + csv + ", line 2, column 2: 'oops' is not a number"),
                    r.err().lines().toList(), command);
            assertTrue(Files.notExists(out), command + ": nothing is written for invalid input");
        }
    }

    @Test
    void resumeRefusesOptionsThatWouldChangeTheRun() throws IOException {
        Path out = tmp.resolve("r");
        assertEquals(0, CliRun.of("train", "--epochs", "1", "--out", out.toString()).exit());
        assertUsageError(CliRun.of("train", "--resume", out.toString(), "--lr", "0.5", "--epochs", "2"),
                "--resume takes the configuration from the checkpoint", "--lr");
        assertUsageError(CliRun.of("train", "--resume", out.toString(), "--epochs", "1"),
                "already has 1 epochs");
    }

    @Test
    void divergenceExitsWithOne() {
        CliRun r = CliRun.of("train", "--optimizer", "sgd", "--lr", "1e300", "--epochs", "3", "--out",
                tmp.resolve("d").toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.err().contains("training diverged"), r.err());
    }

    private static Path currentCheckpoint(Path runDir) throws IOException {
        return Checkpoint.current(runDir.resolve("checkpoint")).orElseThrow();
    }
}
