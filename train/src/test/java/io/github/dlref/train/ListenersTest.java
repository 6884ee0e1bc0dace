package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.math.Matrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListenersTest {

    @TempDir
    Path tmp;

    private static List<EpochMetrics> history(double[] loss, double[] accuracy) {
        List<EpochMetrics> out = new ArrayList<>();
        for (int i = 0; i < loss.length; i++) {
            out.add(new EpochMetrics(i + 1, 1.0, 0.5, loss[i], accuracy[i], 0.1, 0.0));
        }
        return out;
    }

    private static List<EpochMetrics> losses(double... loss) {
        return history(loss, new double[loss.length]);
    }

    private static List<EpochMetrics> accuracies(double... accuracy) {
        return history(new double[accuracy.length], accuracy);
    }

    @Test
    void earlyStoppingFollowsKerasRule() {
        EarlyStopping two = new EarlyStopping(Monitor.VALIDATION_LOSS, 2, 0.0);
        // best 1.0, 0.9; then 0.95 (wait 1) and 0.94 (wait 2 >= 2): stop after epoch 4
        assertEquals(OptionalInt.of(4), two.stopEpoch(losses(1.0, 0.9, 0.95, 0.94, 0.8)));
        assertEquals(OptionalInt.empty(), two.stopEpoch(losses(1.0, 0.9, 0.95)));
        // an improvement resets the wait: 0.95 (1), 0.85 (0), 0.86 (1), 0.87 (2): stop after epoch 6
        assertEquals(OptionalInt.of(6), two.stopEpoch(losses(1.0, 0.9, 0.95, 0.85, 0.86, 0.87)));

        // min delta: 0.96 is not 0.05 below 1.0; 0.90 is
        EarlyStopping delta = new EarlyStopping(Monitor.VALIDATION_LOSS, 1, 0.05);
        assertEquals(OptionalInt.of(2), delta.stopEpoch(losses(1.0, 0.96, 0.90)));
        assertEquals(OptionalInt.empty(), new EarlyStopping(Monitor.VALIDATION_LOSS, 2, 0.05)
                .stopEpoch(losses(1.0, 0.96, 0.90, 0.89)));

        // accuracy improves upwards; an equal value is no improvement
        EarlyStopping acc = new EarlyStopping(Monitor.VALIDATION_ACCURACY, 1, 0.0);
        assertEquals(OptionalInt.of(2), acc.stopEpoch(accuracies(0.5, 0.5, 0.6)));
        assertEquals(OptionalInt.empty(), acc.stopEpoch(accuracies(0.5, 0.6, 0.7)));

        // patience 0 never stops after the first epoch (Keras: epoch > 0), even when it does not improve (NaN)
        EarlyStopping zero = new EarlyStopping(Monitor.VALIDATION_LOSS, 0, 0.0);
        assertEquals(OptionalInt.empty(), zero.stopEpoch(losses(Double.NaN)));
        assertEquals(OptionalInt.of(2), zero.stopEpoch(losses(Double.NaN, Double.NaN)));
        assertEquals(OptionalInt.of(3), zero.stopEpoch(losses(2.0, 1.0, 1.0)));
    }

    @Test
    void badSettingsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EarlyStopping(Monitor.VALIDATION_LOSS, -1, 0.0));
        assertEquals("EarlyStopping: patience must be >= 0, got -1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(Monitor.VALIDATION_LOSS, 1, -0.1));
        assertEquals("EarlyStopping: minDelta must be finite and >= 0, got -0.1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new KeepBest(Monitor.VALIDATION_ACCURACY, Double.NaN));
        assertEquals("KeepBest: minDelta must be finite and >= 0, got NaN", e.getMessage());
    }

    /** Accuracy can never rise by more than 1: only the first epoch improves (on -infinity). */
    private static final EarlyStopping NEVER_IMPROVES = new EarlyStopping(Monitor.VALIDATION_ACCURACY, 2, 1.0);

    @Test
    void earlyStoppingEndsARunAndSurvivesAResume() throws IOException {
        TrainingConfig config = Configs.everyState(10);
        PreparedData data = Configs.prepare(config);
        TrainingRun uninterrupted = TrainingRun.start(config, data);
        List<EpochMetrics> rows = uninterrupted.runToEnd(NEVER_IMPROVES, () -> { });
        // epoch 1 improves; epochs 2 and 3 do not (wait 2 >= patience 2): stop after epoch 3
        assertEquals(3, rows.size());

        TrainingRun first = TrainingRun.start(config.withEpochs(2), data);
        first.runToEnd(NEVER_IMPROVES, () -> { });
        Path dir = tmp.resolve("cp");
        first.checkpoint().save(dir);
        TrainingRun resumed = TrainingRun.resume(Checkpoint.load(dir), data, 10);
        assertEquals(1, resumed.runToEnd(TrainingListener.all(TrainingListener.NONE, NEVER_IMPROVES), () -> { })
                .size());
        for (int i = 0; i < 3; i++) {
            assertTrue(uninterrupted.history().get(i).sameResults(resumed.history().get(i)), "epoch " + (i + 1));
        }
        assertEquals(uninterrupted.model().stateDict(), resumed.model().stateDict());

        // a run that had stopped does not continue after a resume
        uninterrupted.checkpoint().save(dir);
        TrainingRun again = TrainingRun.resume(Checkpoint.load(dir), data, 10);
        assertTrue(again.runToEnd(NEVER_IMPROVES, () -> { }).isEmpty());
        // without the rule it would
        assertEquals(1, TrainingRun.resume(Checkpoint.load(dir), data, 4).runToEnd(TrainingListener.NONE, () -> { })
                .size());
    }

    @Test
    void keepBestRecordsAndRestoresTheBestEpochsWeights() throws IOException {
        TrainingConfig config = Configs.everyState(5);
        TrainingRun run = TrainingRun.start(config, Configs.prepare(config));
        KeepBest keepBest = new KeepBest(Monitor.VALIDATION_LOSS, 0.0);
        List<Map<String, Matrix>> states = new ArrayList<>();
        run.runToEnd(keepBest, () -> states.add(run.model().stateDict()));
        // the best epoch by hand: the lowest validation loss, the earliest on ties
        int expected = 0;
        for (int i = 1; i < 5; i++) {
            if (run.history().get(i).validationLoss() < run.history().get(expected).validationLoss()) {
                expected = i;
            }
        }
        BestWeights best = keepBest.best().orElseThrow();
        assertEquals(expected + 1, best.epoch());
        assertEquals(run.history().get(expected).validationLoss(), best.value());
        assertEquals(states.get(expected), best.weights());

        // restoring loads the weights into the model; the evaluation is then the best epoch's
        run.model().loadStateDict(states.get(4));
        assertEquals(expected + 1, keepBest.restore(run));
        assertEquals(states.get(expected), run.model().stateDict());
        assertEquals(run.history().get(expected).validationLoss(), run.evaluate(run.data().validation()).loss());

        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> new KeepBest(Monitor.VALIDATION_LOSS, 0.0).restore(run));
        assertTrue(none.getMessage().startsWith("KeepBest.restore: no best epoch yet"), none.getMessage());
    }

    @Test
    void keepBestSurvivesACheckpointOnDisk() throws IOException {
        TrainingConfig config = Configs.everyState(4);
        PreparedData data = Configs.prepare(config);
        TrainingRun uninterrupted = TrainingRun.start(config, data);
        KeepBest whole = new KeepBest(Monitor.VALIDATION_ACCURACY, 1.0);
        uninterrupted.runToEnd(whole, () -> { });
        // with min delta 1 only epoch 1 ever improves: its weights must come through the checkpoint
        assertEquals(1, whole.best().orElseThrow().epoch());

        TrainingRun first = TrainingRun.start(config.withEpochs(2), data);
        KeepBest before = new KeepBest(Monitor.VALIDATION_ACCURACY, 1.0);
        first.runToEnd(before, () -> { });
        Path dir = tmp.resolve("cp");
        first.checkpoint().withBest(before.best()).save(dir);
        assertTrue(Files.isRegularFile(Checkpoint.current(dir).orElseThrow().resolve(Checkpoint.BEST_FILE)));
        Checkpoint loaded = Checkpoint.load(dir);
        TrainingRun resumed = TrainingRun.resume(loaded, data, 4);
        KeepBest after = KeepBest.resume(Monitor.VALIDATION_ACCURACY, 1.0, loaded);
        resumed.runToEnd(after, () -> { });

        BestWeights a = whole.best().orElseThrow();
        BestWeights b = after.best().orElseThrow();
        assertEquals(a.epoch(), b.epoch());
        assertEquals(Double.doubleToRawLongBits(a.value()), Double.doubleToRawLongBits(b.value()));
        assertEquals(a.weights(), b.weights());
        assertNotEquals(a.weights(), resumed.model().stateDict());

        // without best weights the checkpoint has no best file, and a fresh KeepBest starts over
        first.checkpoint().save(dir);
        assertFalse(Files.exists(Checkpoint.current(dir).orElseThrow().resolve(Checkpoint.BEST_FILE)));
        assertTrue(KeepBest.resume(Monitor.VALIDATION_ACCURACY, 1.0, Checkpoint.load(dir)).best().isEmpty());
    }

    @Test
    void aCheckpointRefusesABestEpochFromTheFuture() throws IOException {
        TrainingConfig config = Configs.iris(1, OptimizerConfig.of(OptimizerKind.SGD, Preset.PYTORCH));
        TrainingRun run = TrainingRun.start(config, Configs.prepare(config));
        run.runToEnd(TrainingListener.NONE, () -> { });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run.checkpoint()
                .withBest(java.util.Optional.of(new BestWeights(2, 0.5, run.model().stateDict()))));
        assertEquals("Checkpoint: the best epoch (2) must be <= the epochs completed (1)", e.getMessage());
    }
}
