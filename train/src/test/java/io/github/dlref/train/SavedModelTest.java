package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.data.Dataset;
import io.github.dlref.data.io.Iris;
import io.github.dlref.data.synthetic.Spiral;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.io.ModelFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedModelTest {

    @TempDir
    Path tmp;

    /** The raw (unscaled) test features of a small dataset, split exactly as {@link DataConfig#prepare} does. */
    private static Matrix rawTest(TrainingConfig config, Dataset all) {
        int n = all.size();
        int validation = (int) Math.round(DataConfig.DEFAULT_VALIDATION_FRACTION * n);
        int test = (int) Math.round(DataConfig.DEFAULT_TEST_FRACTION * n);
        return all.split(n - validation - test, validation, config.seeds().split()).test().features();
    }

    private static void assertSameBits(Matrix expected, Matrix actual) {
        assertEquals(expected.shape(), actual.shape());
        for (int k = 0; k < expected.size(); k++) {
            assertEquals(Double.doubleToRawLongBits(expected.getFlat(k)), Double.doubleToRawLongBits(actual.getFlat(k)),
                    "element " + k);
        }
    }

    @Test
    void aLoadedModelPredictsRawFeaturesBitForBitAsTheRun() throws IOException {
        // dropout, batch norm (running statistics are buffers) and a standardized spiral
        TrainingConfig config = Configs.everyState(3);
        TrainingRun run = TrainingRun.start(config, Configs.prepare(config));
        run.runToEnd(TrainingListener.NONE, () -> { });
        Path file = tmp.resolve("spiral.model.json");
        SavedModel.save(run, file);

        SavedModel loaded = SavedModel.load(file);
        Matrix raw = rawTest(config, Spiral.generate(DataConfig.SPIRAL_POINTS_PER_CLASS, DataConfig.SPIRAL_CLASSES,
                config.seeds().data()));
        // the saved preprocessing maps the raw features to the run's own test inputs
        assertSameBits(run.data().test().features(), loaded.preprocessing().apply(raw));
        SavedModel.Prediction p = loaded.predict(raw);
        assertSameBits(Evaluator.outputs(run.model(), run.data().test().features()), p.logits());
        assertArrayEquals(run.evaluate(run.data().test()).predictions(), p.classes());
        assertEquals(List.of("0", "1", "2"), loaded.classLabels());
        for (int i = 0; i < p.classes().length; i++) {
            assertEquals(Integer.toString(p.classes()[i]), p.labels().get(i));
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                sum += p.probabilities().get(i, c);
            }
            assertEquals(1.0, sum, 1e-15, "row " + i);
        }
        // nothing left behind by the atomic write
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void irisPredictionsCarryTheSpeciesNames() throws IOException {
        TrainingConfig config = Configs.iris(5, OptimizerConfig.of(OptimizerKind.ADAM, Preset.PYTORCH)
                .withLearningRate(0.01));
        TrainingRun run = TrainingRun.start(config, Configs.prepare(config));
        run.runToEnd(TrainingListener.NONE, () -> { });
        Path file = tmp.resolve("iris.json");
        SavedModel.save(run, file);
        SavedModel.save(run, file); // replacing an existing file
        SavedModel loaded = SavedModel.load(file);
        assertEquals(Iris.CLASS_NAMES, loaded.classLabels());
        assertEquals(4, loaded.inputs());
        assertEquals(3, loaded.classes());
        assertEquals(config.model(), loaded.modelConfig());
        Matrix raw = rawTest(config, Iris.load());
        SavedModel.Prediction p = loaded.predict(raw);
        int[] expected = run.evaluate(run.data().test()).predictions();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Iris.CLASS_NAMES.get(expected[i]), p.labels().get(i));
        }
        // softmax by hand for the first row: exp(z_c - max) / sum
        double[] z = {p.logits().get(0, 0), p.logits().get(0, 1), p.logits().get(0, 2)};
        double max = Math.max(z[0], Math.max(z[1], z[2]));
        double sum = Math.exp(z[0] - max) + Math.exp(z[1] - max) + Math.exp(z[2] - max);
        assertEquals(Math.exp(z[1] - max) / sum, p.probabilities().get(0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loaded.predict(Matrix.zeros(2, 3)));
        assertEquals("SavedModel.predict: expected 4 feature columns, got 3 (rawFeatures is 2x3)", e.getMessage());
        assertEquals(0, loaded.predict(Matrix.zeros(0, 4)).classes().length);
    }

    @Test
    void aLoadedModelScoresRawAndPreprocessedDataAsTheRunScoresItsTestSet() throws IOException {
        TrainingConfig config = Configs.iris(5, OptimizerConfig.of(OptimizerKind.ADAM, Preset.PYTORCH)
                .withLearningRate(0.01));
        TrainingRun run = TrainingRun.start(config, Configs.prepare(config));
        run.runToEnd(TrainingListener.NONE, () -> { });
        Path file = tmp.resolve("iris.json");
        SavedModel.save(run, file);
        SavedModel loaded = SavedModel.load(file);
        Evaluation expected = run.evaluate(run.data().test());
        assertEquals(expected, loaded.evaluatePreprocessed(run.data().test()));
        Dataset all = Iris.load();
        int n = all.size();
        int validation = (int) Math.round(DataConfig.DEFAULT_VALIDATION_FRACTION * n);
        int test = (int) Math.round(DataConfig.DEFAULT_TEST_FRACTION * n);
        Dataset rawTest = all.split(n - validation - test, validation, config.seeds().split()).test();
        Evaluation raw = loaded.evaluate(rawTest);
        assertEquals(expected, raw);
        // the confusion matrix's total and diagonal agree with the labels and predictions, counted by hand
        int[] labels = rawTest.labels();
        int[] predicted = raw.predictions();
        long diagonal = 0;
        for (int i = 0; i < labels.length; i++) {
            diagonal += labels[i] == predicted[i] ? 1 : 0;
        }
        assertEquals((double) diagonal / labels.length, raw.accuracy());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loaded.evaluate(
                Dataset.classification(Matrix.zeros(2, 4), new int[] {0, 1}, 2)));
        assertEquals("SavedModel.evaluate: rawData: expected 4 features and 3 classes (the model's), got 4 features "
                + "and 2 classes", e.getMessage());
    }

    private Path saved() throws IOException {
        TrainingConfig config = Configs.iris(1, OptimizerConfig.of(OptimizerKind.SGD, Preset.PYTORCH));
        TrainingRun run = TrainingRun.start(config, Configs.prepare(config));
        Path file = tmp.resolve("m.json");
        SavedModel.save(run, file);
        return file;
    }

    private IOException loadFails(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> SavedModel.load(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        return e;
    }

    @Test
    void damagedFilesAreRefusedWithTheFileAndTheProblem() throws IOException {
        Path file = saved();
        String good = Files.readString(file);

        assertTrue(loadFails(file, good.substring(0, good.length() / 2)).getMessage().contains("not valid JSON"));
        assertTrue(loadFails(file, good.replace("\"dlref-model\"", "\"dlref-checkpoint\"")).getMessage()
                .contains("\"format\" must be \"dlref-model\""));
        assertTrue(loadFails(file, good.replace("\"version\" : 1", "\"version\" : 2")).getMessage()
                .contains("unsupported \"version\" 2"));
        assertTrue(loadFails(file, good.replace("\"class_labels\"", "\"labels\"")).getMessage()
                .contains("missing key \"class_labels\""));

        // one changed character in the tensors' base64: the CRC-32 catches it
        int at = good.indexOf("\"tensors\" : \"") + 200;
        char c = good.charAt(at);
        String flipped = good.substring(0, at) + (c == 'A' ? 'B' : 'A') + good.substring(at + 1);
        IOException crc = loadFails(file, flipped);
        assertTrue(crc instanceof ModelFileException, crc.toString());

        assertTrue(loadFails(file, good.replace("\"tensors\" : \"", "\"tensors\" : \"%")).getMessage()
                .contains("\"tensors\" is not valid base64"));
    }

    @Test
    void anArchitectureThatDoesNotFitTheWeightsIsNamed() throws IOException {
        Path file = saved();
        String good = Files.readString(file);
        // the saved network is 4-16-3; claim 5 inputs
        IOException e = loadFails(file, good.replace("\"inputs\" : 4", "\"inputs\" : 5"));
        assertTrue(e.getMessage().contains("the preprocessing has 4 columns, the architecture 5 inputs"),
                e.getMessage());
        e = loadFails(file, good.replace("\"hidden\" : [ 16 ]", "\"hidden\" : [ 17 ]"));
        assertTrue(e.getMessage().contains("the weights do not fit the architecture 4-17-3 relu"), e.getMessage());
        e = loadFails(file, good.replace("\"classes\" : 3", "\"classes\" : 2"));
        assertTrue(e.getMessage().contains("expected 2 class labels (architecture.classes), got 3"), e.getMessage());
        assertThrows(NoSuchFileException.class, () -> SavedModel.load(tmp.resolve("absent.json")));
    }

    @Test
    void savingNeedsAnExistingDirectoryAndAFilePath() throws IOException {
        SavedModel model = SavedModel.load(saved());
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> model.save(tmp.resolve("missing").resolve("m.json")));
        assertTrue(e.getMessage().contains("directory of model file"), e.getMessage());
        IOException dir = assertThrows(IOException.class, () -> model.save(tmp));
        assertTrue(dir.getMessage().endsWith(": is a directory; expected a model file path"), dir.getMessage());
    }
}
