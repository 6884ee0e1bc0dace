package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlref.data.Dataset;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.io.ModelFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model file read back after edits: every refusal of {@link SavedModel#load(Path)} by its exact message (the
 * architecture's integers, the class labels, the tensors it must and must not hold, the preprocessing), and the
 * shape checks of {@link SavedModel#evaluate} and {@link SavedModel#evaluatePreprocessed}. The file is the one of a
 * one-epoch Iris run (4-16-3, ReLU), written once.
 */
class SavedModelFileTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    static Path saved;

    @TempDir
    Path tmp;

    @BeforeAll
    static void writeOnce() throws IOException {
        TrainingConfig config = Configs.iris(1, OptimizerConfig.of(OptimizerKind.SGD, Preset.PYTORCH)
                .withLearningRate(0.1));
        TrainingRun run = TrainingRun.start(config, config.prepareData());
        run.runToEnd();
        saved = shared.resolve("iris.model.json");
        SavedModel.save(run, saved);
    }

    Path edited(Consumer<ObjectNode> edit) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(saved, StandardCharsets.UTF_8));
        edit.accept(root);
        Path file = tmp.resolve("m" + System.nanoTime() + ".json");
        Files.writeString(file, JSON.writeValueAsString(root), StandardCharsets.UTF_8);
        return file;
    }

    static void refused(Path file, String problem) {
        IOException e = assertThrows(IOException.class, () -> SavedModel.load(file));
        assertEquals(file + ": " + problem, e.getMessage());
    }

    void refused(Consumer<ObjectNode> edit, String problem) throws IOException {
        refused(edited(edit), problem);
    }

    static ObjectNode arch(ObjectNode root) {
        return (ObjectNode) root.get("architecture");
    }

    /** Replaces the tensors by the saved ones after {@code change}. */
    static Consumer<ObjectNode> tensors(Consumer<Map<String, Matrix>> change) {
        return root -> {
            try {
                Map<String, Matrix> t = new LinkedHashMap<>(ModelFile.decode(Base64.getDecoder().decode(
                        root.get("tensors").asText()), Path.of("t")));
                change.accept(t);
                root.put("tensors", Base64.getEncoder().encodeToString(ModelFile.encode(t)));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    @Test
    void theArchitectureAndLabelsAreChecked() throws IOException {
        Path array = tmp.resolve("array.json");
        Files.writeString(array, "[1]", StandardCharsets.UTF_8);
        refused(array, "not a dlref model file (\"format\" must be \"dlref-model\")");
        refused(r -> r.remove("format"), "not a dlref model file (\"format\" must be \"dlref-model\")");
        refused(r -> r.remove("architecture"), "missing key \"architecture\"");
        refused(r -> arch(r).putNull("model"), "missing key \"model\"");
        for (Object bad : new Object[] {0, -1, 1.5, 3_000_000_000L, "4"}) {
            String shown = bad instanceof String ? "\"4\"" : String.valueOf(bad);
            refused(r -> arch(r).set("inputs", JSON.valueToTree(bad)),
                    "\"architecture.inputs\" must be an integer >= 1, got " + shown);
            refused(r -> arch(r).set("classes", JSON.valueToTree(bad)),
                    "\"architecture.classes\" must be an integer >= 1, got " + shown);
        }
        refused(r -> r.put("class_labels", "setosa"), "\"class_labels\" must be an array of strings");
        refused(r -> r.putArray("class_labels").add(1).add("b").add("c"),
                "\"class_labels\" must be an array of strings, got 1");
        refused(r -> r.remove("tensors"), "missing key \"tensors\"");

        refused(r -> ((ObjectNode) arch(r).get("model")).putArray("hidden").add(0),
                "invalid model: $.architecture.model: model: every hidden width must be >= 1, got [0]");
        IOException type = assertThrows(IOException.class, () -> SavedModel.load(edited(r ->
                ((ObjectNode) arch(r).get("model")).put("hidden", "wide"))));
        assertTrue(type.getMessage().contains(": invalid model: $.architecture.model.hidden"), type.getMessage());
    }

    @Test
    void theTensorsMustBeTheModelsAndThePreprocessing() throws IOException {
        refused(tensors(t -> t.put("other", Matrix.rowVector(1))),
                "unexpected tensor 'other' (expected model/<name>, preprocessing/shift and preprocessing/scale)");
        refused(tensors(t -> t.remove("preprocessing/shift")), "missing tensor 'preprocessing/shift'");
        refused(tensors(t -> t.remove("preprocessing/scale")), "missing tensor 'preprocessing/scale'");
        refused(tensors(t -> t.put("preprocessing/scale", Matrix.rowVector(1, 0, 1, 1))),
                "invalid preprocessing: Preprocessing: scale[1] must be finite and non-zero, got 0.0");
        // unchanged tensors load
        assertEquals(3, SavedModel.load(edited(tensors(t -> { }))).classLabels().size());
    }

    @Test
    void scoringChecksTheDataAgainstTheModel() throws IOException {
        SavedModel m = SavedModel.load(saved);
        Dataset regression = Dataset.regression(Matrix.zeros(2, 4), Matrix.zeros(2, 1));
        assertEquals("SavedModel.evaluate: rawData must have class labels, got regression targets",
                assertThrows(IllegalArgumentException.class, () -> m.evaluate(regression)).getMessage());
        assertEquals("SavedModel.evaluatePreprocessed: inputs must have class labels, got regression targets",
                assertThrows(IllegalArgumentException.class, () -> m.evaluatePreprocessed(regression)).getMessage());
        Dataset five = Dataset.classification(Matrix.zeros(2, 5), new int[] {0, 1}, 3);
        assertEquals("SavedModel.evaluate: rawData: expected 4 features and 3 classes (the model's), got 5 features "
                + "and 3 classes", assertThrows(IllegalArgumentException.class, () -> m.evaluate(five)).getMessage());
        Dataset twoClasses = Dataset.classification(Matrix.zeros(2, 4), new int[] {0, 1}, 2);
        assertEquals("SavedModel.evaluatePreprocessed: inputs: expected 4 features and 3 classes (the model's), got 4 "
                + "features and 2 classes", assertThrows(IllegalArgumentException.class,
                () -> m.evaluatePreprocessed(twoClasses)).getMessage());
        Dataset fits = Dataset.classification(Matrix.zeros(2, 4), new int[] {0, 1}, 3);
        assertEquals(2, m.evaluatePreprocessed(fits).samples());
    }
}
