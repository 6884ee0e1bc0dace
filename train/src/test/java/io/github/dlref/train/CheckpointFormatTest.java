package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlref.data.io.DataFormatException;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.io.ModelFile;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint directory format read back after edits: every refusal of {@link Checkpoint#load(Path)} names the
 * file and says what is wrong (manifest lines, missing or changed files, the state file's keys and types, the
 * optimizer's buffers, the preprocessing file), the accepted spellings of non-finite numbers, how a checkpoint
 * directory is located, and the refusals of the record itself and of a resume whose dropout layers differ.
 * One checkpoint (a spiral run with dropout, batch norm, Adam and a step schedule, one epoch) is written once and
 * copied for each edit.
 */
class CheckpointFormatTest {

    @TempDir
    static Path shared;

    static Path saved;

    static final ObjectMapper JSON = new ObjectMapper();

    private int edits;

    @TempDir
    Path tmp;

    @BeforeAll
    static void writeOnce() throws IOException {
        TrainingConfig config = Configs.everyState(1);
        TrainingRun run = TrainingRun.start(config, Configs.prepare(config));
        run.runToEnd();
        saved = shared.resolve("saved");
        run.checkpoint().save(saved);
    }

    /** A copy of the saved generation in the first format (the files directly in the directory, no manifest). */
    Path legacyCopy(String name) throws IOException {
        Path generation = Checkpoint.current(saved).orElseThrow();
        Path legacy = Files.createDirectories(tmp.resolve(name));
        try (Stream<Path> files = Files.list(generation)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals(Checkpoint.MANIFEST_FILE)) {
                    Files.copy(f, legacy.resolve(f.getFileName()));
                }
            }
        }
        return legacy;
    }

    /** A copy of the whole checkpoint directory (one generation with its manifest). */
    Path generationCopy(String name) throws IOException {
        Path generation = Checkpoint.current(saved).orElseThrow();
        Path dir = tmp.resolve(name);
        Path copy = Files.createDirectories(dir.resolve(generation.getFileName().toString()));
        try (Stream<Path> files = Files.list(generation)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    /** Replaces the first match of {@code from} in the state file of a legacy copy. */
    Path edited(String name, String from, String to) throws IOException {
        Path legacy = legacyCopy(name);
        Path state = legacy.resolve(Checkpoint.STATE_FILE);
        String text = Files.readString(state, StandardCharsets.UTF_8);
        String changed = text.replaceFirst(from, to);
        assertNotEquals(text, changed, "the state file matches " + from);
        Files.writeString(state, changed, StandardCharsets.UTF_8);
        return legacy;
    }

    /** Edits the state file of a legacy copy as a JSON tree. */
    Path edited(String name, Consumer<ObjectNode> edit) throws IOException {
        Path legacy = legacyCopy(name);
        Path state = legacy.resolve(Checkpoint.STATE_FILE);
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(state, StandardCharsets.UTF_8));
        edit.accept(root);
        Files.writeString(state, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root),
                StandardCharsets.UTF_8);
        return legacy;
    }

    /** Expects {@code load} to refuse the directory with exactly {@code file: problem}. */
    static void refused(Path dir, Path file, String problem) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> Checkpoint.load(dir));
        assertEquals(file + ": " + problem, e.getMessage());
    }

    void stateRefused(Consumer<ObjectNode> edit, String problem) throws IOException {
        Path legacy = edited("edit" + (++edits), edit);
        refused(legacy, legacy.resolve(Checkpoint.STATE_FILE), problem);
    }

    static ObjectNode obj(JsonNode node, String key) {
        return (ObjectNode) node.get(key);
    }

    static ObjectNode firstParameter(ObjectNode root) {
        return (ObjectNode) root.get("optimizer").get("parameters").get(0);
    }

    static ObjectNode firstRow(ObjectNode root) {
        return (ObjectNode) root.get("history").get(0);
    }

    @Test
    void theStateFilesKeysAndTypesAreChecked() throws IOException {
        stateRefused(r -> r.put("format", "other"), "\"format\" must be \"dlref-checkpoint\"");
        stateRefused(r -> r.remove("format"), "\"format\" must be \"dlref-checkpoint\"");
        stateRefused(r -> r.put("version", 2), "unsupported \"version\" 2 (this program reads version 1)");
        stateRefused(r -> r.remove("epochs_completed"), "missing key \"epochs_completed\"");
        stateRefused(r -> r.putNull("epochs_completed"), "missing key \"epochs_completed\"");
        stateRefused(r -> r.put("epochs_completed", 1.0), "\"epochs_completed\" must be an integer >= 0, got 1.0");
        stateRefused(r -> r.put("epochs_completed", 3_000_000_000L),
                "\"epochs_completed\" must be an integer >= 0, got 3000000000");
        stateRefused(r -> r.put("epochs_completed", -1), "\"epochs_completed\" must be an integer >= 0, got -1");
        stateRefused(r -> firstParameter(r).put("step", 1.5), "\"step\" must be an integer, got 1.5");
        stateRefused(r -> obj(obj(r, "loader"), "rng").put("seed", new BigInteger("100000000000000000000")),
                "\"seed\" must be an integer, got 100000000000000000000");
        stateRefused(r -> obj(r, "optimizer").put("name", 5), "\"name\" must be a string, got 5");
        stateRefused(r -> r.put("dropout", 5), "\"dropout\" must be an array, got NUMBER");
        stateRefused(r -> obj(r, "loader").put("rng", 5), "a generator state must be an object, got NUMBER");
        stateRefused(r -> obj(obj(r, "loader"), "rng").put("have_next_next_gaussian", 1),
                "\"have_next_next_gaussian\" must be true or false, got 1");
        stateRefused(r -> ((ArrayNode) firstParameter(r).get("buffers")).insert(0, 5),
                "\"buffers\" of '0.weight' must hold strings, got 5");
        stateRefused(r -> ((ArrayNode) r.get("class_labels")).insert(0, 1), "\"class_labels\" must hold strings, got 1");
        stateRefused(r -> {
            r.putNull("class_labels");
            r.putArray("data_files");
        }, "\"data_files\" needs \"class_labels\"");
        stateRefused(r -> firstRow(r).put("train_loss", "Inf"),
                "\"train_loss\" must be a number (or \"NaN\", \"Infinity\", \"-Infinity\"), got \"Inf\"");
        stateRefused(r -> firstRow(r).putArray("train_loss").add(1),
                "\"train_loss\" must be a number (or \"NaN\", \"Infinity\", \"-Infinity\"), got [1]");
    }

    @Test
    void nonFiniteNumbersAndOptionalKeysAreRead() throws IOException {
        Checkpoint inf = Checkpoint.load(edited("inf", r -> firstRow(r).put("train_loss", "Infinity")));
        assertEquals(Double.POSITIVE_INFINITY, inf.history().get(0).trainLoss());
        Checkpoint minus = Checkpoint.load(edited("minus", r -> firstRow(r).put("seconds", "-Infinity")));
        assertEquals(Double.NEGATIVE_INFINITY, minus.history().get(0).seconds());
        Checkpoint nan = Checkpoint.load(edited("nan", r -> obj(r, "optimizer").put("learning_rate", "NaN")));
        assertTrue(Double.isNaN(nan.optimizer().learningRate()));
        Checkpoint noBest = Checkpoint.load(edited("best", r -> r.putNull("best")));
        assertTrue(noBest.best().isEmpty());
        Checkpoint noFit = Checkpoint.load(edited("labels", r -> r.putNull("class_labels")));
        assertTrue(noFit.data().isEmpty());
        Checkpoint fit = Checkpoint.load(legacyCopy("fit"));
        assertEquals(List.of("0", "1", "2"), fit.data().orElseThrow().classLabels());
        assertEquals(Checkpoint.load(saved).history(), fit.history());
    }

    @Test
    void theOptimizerAndPreprocessingFilesMustHoldWhatTheStateNames() throws IOException {
        Path legacy = edited("buffer", "\"exp_avg\"", "\"nope\"");
        refused(legacy, legacy.resolve(Checkpoint.OPTIMIZER_FILE), "missing buffer '0.weight/nope'");

        Path fit = legacyCopy("fit");
        Path pre = fit.resolve(Checkpoint.PREPROCESSING_FILE);
        ModelFile.write(Map.of("shift", Matrix.zeros(1, 2)), pre);
        refused(fit, pre, "expected the matrices 'shift' and 'scale', found [shift]");
        ModelFile.write(Map.of("scale", Matrix.rowVector(1, 1)), pre);
        refused(fit, pre, "expected the matrices 'shift' and 'scale', found [scale]");

        Path dirs = legacyCopy("dirs");
        Files.delete(dirs.resolve(Checkpoint.MODEL_FILE));
        Files.createDirectory(dirs.resolve(Checkpoint.MODEL_FILE));
        refused(dirs, dirs.resolve(Checkpoint.MODEL_FILE), "not a regular file");
    }

    @Test
    void theManifestIsCheckedLineByLine() throws Exception {
        Path dir = generationCopy("manifest");
        Path generation = Checkpoint.current(dir).orElseThrow();
        Path manifest = generation.resolve(Checkpoint.MANIFEST_FILE);
        assertEquals(Checkpoint.load(saved).history(), Checkpoint.load(dir).history());
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);

        for (String bad : List.of("abc 1 model.bin", lines.get(0).replaceFirst(" [0-9]+ ", " x "),
                lines.get(0).replaceFirst(" [^ ]+$", " ../model.bin"), lines.get(0) + " extra")) {
            Files.writeString(manifest, bad + "\n", StandardCharsets.UTF_8);
            refused(dir, manifest, "line 1: expected '<sha256> <size> <file>'");
        }
        Files.writeString(manifest, lines.get(0) + "\n" + "0".repeat(64) + " 3 gone.bin\n", StandardCharsets.UTF_8);
        refused(dir, manifest, "line 2: gone.bin is missing");

        String first = lines.get(0);
        String name = first.substring(first.lastIndexOf(' ') + 1);
        long size = Files.size(generation.resolve(name));
        Files.writeString(manifest, first.replaceFirst(" [0-9]+ ", " " + (size + 1) + " ") + "\n",
                StandardCharsets.UTF_8);
        refused(dir, generation.resolve(name), "does not match " + manifest + " (size " + size + ", expected "
                + (size + 1) + "; the file was changed or damaged after the checkpoint was written)");
        Files.writeString(manifest, "0".repeat(64) + first.substring(64) + "\n", StandardCharsets.UTF_8);
        refused(dir, generation.resolve(name), "does not match " + manifest + " (size " + size + ", expected "
                + size + "; the file was changed or damaged after the checkpoint was written)");

        for (String left : List.of(Checkpoint.STATE_FILE, Checkpoint.MODEL_FILE, Checkpoint.OPTIMIZER_FILE)) {
            StringBuilder sb = new StringBuilder();
            for (String line : lines) {
                if (!line.endsWith(" " + left)) {
                    sb.append(line).append('\n');
                }
            }
            Files.writeString(manifest, sb.toString(), StandardCharsets.UTF_8);
            refused(dir, manifest, "must list checkpoint.json, model.bin and optimizer.bin");
        }
    }

    @Test
    void checkpointDirectoriesAreLocated() throws IOException {
        assertEquals(Optional.of(saved), Checkpoint.locate(saved));
        Path run = Files.createDirectories(tmp.resolve("run"));
        assertEquals(Optional.empty(), Checkpoint.locate(run));
        Path inside = generationCopy("run/checkpoint");
        assertEquals(Optional.of(inside), Checkpoint.locate(run));
        Path legacy = legacyCopy("legacy");
        assertEquals(Optional.of(legacy), Checkpoint.locate(legacy));
        assertEquals(Optional.of(legacy), Checkpoint.current(legacy));
        Path file = Files.writeString(tmp.resolve("file"), "x", StandardCharsets.UTF_8);
        assertEquals(Optional.empty(), Checkpoint.locate(file));
        assertEquals(Optional.empty(), Checkpoint.current(file));
        assertEquals(Optional.empty(), Checkpoint.current(tmp.resolve("absent")));

        NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> Checkpoint.load(file));
        assertEquals(file + ": not a checkpoint directory", missing.getMessage());
        // a generation without a manifest is an interrupted save
        Path interrupted = Files.createDirectories(tmp.resolve("interrupted").resolve("00000001"));
        NoSuchFileException none = assertThrows(NoSuchFileException.class,
                () -> Checkpoint.load(interrupted.getParent()));
        assertEquals(interrupted.getParent() + ": no complete checkpoint (no generation with a MANIFEST)",
                none.getMessage());
        assertFalse(Checkpoint.locate(interrupted.getParent()).isPresent());
    }

    @Test
    void theRecordAndAResumeRefuseInconsistentState() throws IOException {
        Checkpoint c = Checkpoint.load(saved);
        assertEquals("Checkpoint: epochs completed (-1) must be >= 0 and equal the number of history rows (0)",
                assertThrows(IllegalArgumentException.class, () -> new Checkpoint(c.config(), -1, c.model(),
                        c.optimizer(), c.loader(), c.dropout(), List.of())).getMessage());
        assertEquals("Checkpoint: epochs completed (2) must be >= 0 and equal the number of history rows (1)",
                assertThrows(IllegalArgumentException.class, () -> new Checkpoint(c.config(), 2, c.model(),
                        c.optimizer(), c.loader(), c.dropout(), c.history())).getMessage());
        assertEquals("Checkpoint: the best epoch (2) must be <= the epochs completed (1)",
                assertThrows(IllegalArgumentException.class, () -> c.withBest(Optional.of(new BestWeights(2, 0.5,
                        c.model())))).getMessage());
        assertEquals(1, c.withBest(Optional.of(new BestWeights(1, 0.5, c.model()))).best().orElseThrow().epoch());
        assertEquals("BestWeights: epoch must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new BestWeights(0, 0.5, c.model())).getMessage());

        // the everyState model has two dropout layers
        assertEquals(2, c.dropout().size());
        Checkpoint noDropout = new Checkpoint(c.config(), 1, c.model(), c.optimizer(), c.loader(), List.of(),
                c.history());
        PreparedData data = c.prepareData();
        assertEquals("checkpoint: it has 0 dropout generators, the model has 2",
                assertThrows(IllegalArgumentException.class, () -> TrainingRun.resume(noDropout, data, 2))
                        .getMessage());
        assertEquals(2, TrainingRun.resume(c, data, 2).config().epochs());
    }

    @Test
    void aFitWithAnotherNumberOfFeaturesIsADifference() {
        Checkpoint.DataFit two = new Checkpoint.DataFit(Preprocessing.identity(2), List.of("a", "b"));
        assertEquals(Optional.of("the data have 3 features, the checkpoint 2"),
                two.difference(new Checkpoint.DataFit(Preprocessing.identity(3), List.of("a", "b"))));
        assertEquals(Optional.empty(), two.difference(new Checkpoint.DataFit(Preprocessing.identity(2),
                List.of("a", "b"))));
        assertEquals(Optional.of("feature 1's standardization scale is 1.0 in the checkpoint and 2.0 now"),
                two.difference(new Checkpoint.DataFit(new Preprocessing(Matrix.zeros(1, 2), Matrix.rowVector(1, 2)),
                        List.of("a", "b"))));
        assertEquals(Optional.of("feature 0's standardization shift is 0.0 in the checkpoint and -0.0 now"),
                two.difference(new Checkpoint.DataFit(new Preprocessing(Matrix.rowVector(-0.0, 0),
                        Matrix.rowVector(1, 1)), List.of("a", "b"))));
    }

    @Test
    void l1AndL2PenaltiesChangeTheTrainedWeights() throws IOException {
        TrainingConfig plain = Configs.iris(1, OptimizerConfig.of(OptimizerKind.SGD, Preset.PYTORCH)
                .withLearningRate(0.1));
        TrainingConfig l1 = new TrainingConfig(plain.data(), plain.model(), plain.optimizer(), plain.schedule(), 0.01,
                0.0, 1, plain.batchSize(), plain.seeds());
        PreparedData data = plain.prepareData();
        TrainingRun a = TrainingRun.start(plain, data);
        TrainingRun b = TrainingRun.start(l1, data);
        TrainingConfig l2 = new TrainingConfig(plain.data(), plain.model(), plain.optimizer(), plain.schedule(), 0.0,
                0.01, 1, plain.batchSize(), plain.seeds());
        TrainingRun c = TrainingRun.start(l2, data);
        assertEquals(a.model().stateDict(), b.model().stateDict(), "the same initial weights");
        assertEquals(a.model().stateDict(), c.model().stateDict(), "the same initial weights");
        a.runToEnd();
        b.runToEnd();
        c.runToEnd();
        assertNotEquals(a.model().stateDict(), b.model().stateDict());
        assertNotEquals(a.model().stateDict(), c.model().stateDict());
        assertNotEquals(b.model().stateDict(), c.model().stateDict());
    }
}
