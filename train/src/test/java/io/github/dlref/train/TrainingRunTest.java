package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.data.Dataset;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import io.github.dlref.optim.ParameterState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {

    @TempDir
    Path tmp;

    @Test
    void theLossFallsAndIrisIsLearned() throws IOException {
        TrainingConfig config = Configs.iris(15, OptimizerConfig.of(OptimizerKind.ADAM, Preset.PYTORCH)
                .withLearningRate(0.01));
        TrainingRun run = TrainingRun.start(config, Configs.prepare(config));
        List<EpochMetrics> rows = run.runToEnd(TrainingListener.NONE, () -> { });
        assertEquals(15, rows.size());
        double first = rows.get(0).trainLoss();
        double last = rows.get(14).trainLoss();
        // an untrained 3-class classifier starts near ln 3 = 1.0986; training must at least halve it
        assertTrue(first > 0.8, "first-epoch loss " + first);
        assertTrue(last < 0.5 * first, "loss did not fall enough: " + first + " -> " + last);
        assertTrue(rows.get(14).validationAccuracy() >= 0.8, "validation accuracy " + rows.get(14).validationAccuracy());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i + 1, rows.get(i).epoch());
            assertEquals(0.01, rows.get(i).learningRate());
        }
    }

    @Test
    void theScheduleSetsEachEpochsLearningRate() throws IOException {
        TrainingConfig config = Configs.everyState(5);
        TrainingRun run = TrainingRun.start(config, Configs.prepare(config));
        List<EpochMetrics> rows = run.runToEnd(TrainingListener.NONE, () -> { });
        // StepLR(step 2, gamma 0.5) from 0.02: 0.02, 0.02, 0.01, 0.01, 0.005 (exact binary halvings)
        double[] expected = {0.02, 0.02, 0.01, 0.01, 0.005};
        for (int i = 0; i < 5; i++) {
            assertEquals(expected[i], rows.get(i).learningRate(), "epoch " + (i + 1));
        }
    }

    @Test
    void sameConfigurationSameNumbersAndAnotherSeedOthers() throws IOException {
        TrainingConfig config = Configs.everyState(2);
        TrainingRun a = TrainingRun.start(config, Configs.prepare(config));
        TrainingRun b = TrainingRun.start(config, Configs.prepare(config));
        a.runToEnd(TrainingListener.NONE, () -> { });
        b.runToEnd(TrainingListener.NONE, () -> { });
        assertEquals(a.model().stateDict(), b.model().stateDict());
        assertTrue(a.history().get(1).sameResults(b.history().get(1)));

        TrainingConfig other = new TrainingConfig(config.data(), config.model(), config.optimizer(), config.schedule(),
                config.l1(), config.l2(), config.epochs(), config.batchSize(), Seeds.of(12L));
        TrainingRun c = TrainingRun.start(other, Configs.prepare(other));
        c.runToEnd(TrainingListener.NONE, () -> { });
        assertNotEquals(a.model().stateDict(), c.model().stateDict());
    }

    @Test
    void resumingFromACheckpointOnDiskIsBitIdentical() throws IOException {
        TrainingConfig config = Configs.everyState(5);
        PreparedData data = Configs.prepare(config);
        TrainingRun uninterrupted = TrainingRun.start(config, data);
        uninterrupted.runToEnd(TrainingListener.NONE, () -> { });

        TrainingRun first = TrainingRun.start(config.withEpochs(2), data);
        first.runToEnd(TrainingListener.NONE, () -> { });
        Path dir = tmp.resolve("checkpoint");
        first.checkpoint().save(dir);
        Checkpoint loaded = Checkpoint.load(dir);
        assertEquals(2, loaded.epochsCompleted());
        TrainingRun resumed = TrainingRun.resume(loaded, Configs.prepare(loaded.config()), 5);
        assertEquals(2, resumed.epochsCompleted());
        resumed.runToEnd(TrainingListener.NONE, () -> { });

        assertEquals(uninterrupted.model().stateDict(), resumed.model().stateDict());
        assertStatesEqual(uninterrupted.optimizer().state(), resumed.optimizer().state());
        assertEquals(uninterrupted.optimizer().learningRate(), resumed.optimizer().learningRate());
        assertEquals(5, resumed.history().size());
        for (int i = 0; i < 5; i++) {
            assertTrue(uninterrupted.history().get(i).sameResults(resumed.history().get(i)),
                    "epoch " + (i + 1) + ": " + uninterrupted.history().get(i) + " vs " + resumed.history().get(i));
        }
    }

    @Test
    void everyPartOfTheCheckpointMatters() throws IOException {
        // The bit-identical test above can fail: resuming with any one piece of state left fresh gives other
        // numbers. Here the dropout generators and the loader state are each reset in turn.
        TrainingConfig config = Configs.everyState(4);
        PreparedData data = Configs.prepare(config);
        TrainingRun reference = TrainingRun.start(config, data);
        reference.runToEnd(TrainingListener.NONE, () -> { });
        TrainingRun first = TrainingRun.start(config.withEpochs(2), data);
        first.runToEnd(TrainingListener.NONE, () -> { });
        Checkpoint cp = first.checkpoint();

        List<Rng.State> freshDropout = new ArrayList<>();
        for (int k = 0; k < cp.dropout().size(); k++) {
            freshDropout.add(new Rng(config.seeds().dropout() + k).state());
        }
        assertEquals(2, freshDropout.size());
        Checkpoint withoutDropoutState = new Checkpoint(cp.config(), cp.epochsCompleted(), cp.model(), cp.optimizer(),
                cp.loader(), freshDropout, cp.history());
        TrainingRun a = TrainingRun.resume(withoutDropoutState, data, 4);
        a.runToEnd(TrainingListener.NONE, () -> { });
        assertNotEquals(reference.model().stateDict(), a.model().stateDict());

        io.github.dlref.data.DataLoader.State freshLoader = new io.github.dlref.data.DataLoader.State(
                cp.loader().epochsDrawn(), new Rng(config.seeds().loader()).state());
        Checkpoint withoutLoaderState = new Checkpoint(cp.config(), cp.epochsCompleted(), cp.model(), cp.optimizer(),
                freshLoader, cp.dropout(), cp.history());
        TrainingRun b = TrainingRun.resume(withoutLoaderState, data, 4);
        b.runToEnd(TrainingListener.NONE, () -> { });
        assertNotEquals(reference.model().stateDict(), b.model().stateDict());

        TrainingRun c = TrainingRun.resume(cp, data, 4);
        c.runToEnd(TrainingListener.NONE, () -> { });
        assertEquals(reference.model().stateDict(), c.model().stateDict());
    }

    private static void assertStatesEqual(List<ParameterState> expected, List<ParameterState> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).parameterName(), actual.get(i).parameterName());
            assertEquals(expected.get(i).step(), actual.get(i).step());
            for (Map.Entry<String, Matrix> e : expected.get(i).buffers().entrySet()) {
                assertEquals(e.getValue(), actual.get(i).buffer(e.getKey()), e.getKey());
            }
        }
    }

    @Test
    void aHugeLearningRateIsReportedAsDivergence() throws IOException {
        TrainingConfig config = Configs.iris(5, OptimizerConfig.of(OptimizerKind.SGD, Preset.PYTORCH)
                .withLearningRate(1e300));
        TrainingRun run = TrainingRun.start(config, Configs.prepare(config));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> run.runToEnd(TrainingListener.NONE, () -> { }));
        assertTrue(e.getMessage().contains("diverged"), e.getMessage());
        assertTrue(!Double.isFinite(e.loss()));
    }

    @Test
    void evaluationOfAnEmptySetIsNaNAndAccuracyCountsArgmaxHits() throws IOException {
        TrainingConfig config = Configs.iris(1, OptimizerConfig.of(OptimizerKind.ADAM, Preset.PYTORCH));
        PreparedData data = Configs.prepare(config);
        TrainingRun run = TrainingRun.start(config, data);
        Evaluation empty = run.evaluate(data.test().slice(0, 0));
        assertTrue(Double.isNaN(empty.loss()) && Double.isNaN(empty.accuracy()));
        assertEquals(0, empty.samples());

        // accuracy against labels taken from the model's own predictions is exactly 1, and exactly 0 against
        // labels shifted by one class
        Dataset test = data.test();
        io.github.dlref.autograd.Tensor logits;
        try (var scope = io.github.dlref.autograd.GradMode.noGrad()) {
            run.model().eval();
            logits = run.model().forward(io.github.dlref.autograd.Tensor.constant(test.features()));
            run.model().train();
        }
        int[] predicted = io.github.dlref.data.OneHot.argmax(logits.value());
        int[] shifted = new int[predicted.length];
        for (int i = 0; i < predicted.length; i++) {
            shifted[i] = (predicted[i] + 1) % 3;
        }
        assertEquals(1.0, run.evaluate(Dataset.classification(test.features(), predicted, 3)).accuracy());
        assertEquals(0.0, run.evaluate(Dataset.classification(test.features(), shifted, 3)).accuracy());
    }
}
