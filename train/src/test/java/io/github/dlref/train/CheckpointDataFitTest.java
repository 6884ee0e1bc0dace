package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.math.Matrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint records the data's fitted standardization and class labels, and a resume on data that changed
 * since it was written is refused with the first difference, instead of silently training on other numbers.
 */
class CheckpointDataFitTest {

    @TempDir
    Path tmp;

    @Test
    void theFitIsSavedAndReadBackBitForBit() throws IOException {
        TrainingConfig config = Configs.iris(1, OptimizerConfig.of(OptimizerKind.SGD, Preset.PYTORCH));
        PreparedData data = Configs.prepare(config);
        TrainingRun run = TrainingRun.start(config, data);
        run.runToEnd();
        Path dir = tmp.resolve("checkpoint");
        run.checkpoint().save(dir);
        assertTrue(Files.isRegularFile(Checkpoint.current(dir).orElseThrow().resolve(Checkpoint.PREPROCESSING_FILE)));
        Checkpoint back = Checkpoint.load(dir);
        Checkpoint.DataFit fit = back.data().orElseThrow();
        assertEquals(List.of("setosa", "versicolor", "virginica"), fit.classLabels());
        assertEquals(data.preprocessing(), fit.preprocessing());
        assertEquals(Optional.empty(), fit.difference(Checkpoint.DataFit.of(data)));
        // the same data resumes
        assertEquals(1, TrainingRun.resume(back, data, 2).epochsCompleted());
    }

    @Test
    void aResumeOnChangedDataIsRefusedNamingTheFirstDifference() throws IOException {
        TrainingConfig config = Configs.iris(1, OptimizerConfig.of(OptimizerKind.SGD, Preset.PYTORCH));
        PreparedData data = Configs.prepare(config);
        TrainingRun run = TrainingRun.start(config, data);
        run.runToEnd();
        Checkpoint cp = run.checkpoint();
        Matrix shift = data.preprocessing().shift();
        Matrix moved = shift.with(0, 2, shift.get(0, 2) + 0.5);
        PreparedData changed = new PreparedData(data.train(), data.validation(), data.test(), data.description(),
                new Preprocessing(moved, data.preprocessing().scale()), data.classLabels());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingRun.resume(cp, changed, 2));
        assertTrue(e.getMessage().startsWith("checkpoint: the data differ from the checkpoint's: feature 2's "
                + "standardization shift is " + shift.get(0, 2) + " in the checkpoint and " + moved.get(0, 2)
                + " now"), e.getMessage());

        PreparedData relabelled = new PreparedData(data.train(), data.validation(), data.test(), data.description(),
                data.preprocessing(), List.of("a", "b", "c"));
        IllegalArgumentException labels = assertThrows(IllegalArgumentException.class,
                () -> TrainingRun.resume(cp, relabelled, 2));
        assertTrue(labels.getMessage().contains("the class labels are [setosa, versicolor, virginica] in the "
                + "checkpoint and [a, b, c] now"), labels.getMessage());
    }

    @Test
    void aCheckpointWithoutAFitStillResumes() throws IOException {
        TrainingConfig config = Configs.iris(1, OptimizerConfig.of(OptimizerKind.SGD, Preset.PYTORCH));
        PreparedData data = Configs.prepare(config);
        TrainingRun run = TrainingRun.start(config, data);
        run.runToEnd();
        Path dir = tmp.resolve("old");
        run.checkpoint().withData(Optional.empty()).save(dir);
        Checkpoint back = Checkpoint.load(dir);
        assertEquals(Optional.empty(), back.data());
        assertEquals(2, TrainingRun.resume(back, data, 2).runToEnd().get(0).epoch());
    }
}
