package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * A run whose loss explodes while staying finite is reported as diverged (issue 17: {@code --optimizer sgd
 * --lr 1e3} on Iris ran to a test loss of 1.8e71 without a word), by the documented criterion
 * {@link TrainingRun#DIVERGENCE_FACTOR}; a healthy run is not.
 */
class DivergenceCriterionTest {

    @Test
    void sgdWithAThousandfoldLearningRateDiverges() throws IOException {
        TrainingConfig config = Configs.iris(20, OptimizerConfig.of(OptimizerKind.SGD, Preset.PYTORCH)
                .withLearningRate(1e3));
        TrainingRun run = TrainingRun.start(config, Configs.prepare(config));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, run::runToEnd);
        assertTrue(Double.isFinite(e.loss()), "stopped while the loss was still finite: " + e.loss());
        assertTrue(e.getMessage().contains("more than 10000.0 times the run's reference loss"), e.getMessage());
        assertTrue(e.loss() > TrainingRun.DIVERGENCE_FACTOR * run.history().stream().findFirst()
                .map(EpochMetrics::trainLoss).orElse(0.0), "the criterion holds for the reported loss");
    }

    @Test
    void aHealthyRunIsNotStopped() throws IOException {
        TrainingConfig config = Configs.iris(5, OptimizerConfig.of(OptimizerKind.ADAM, Preset.PYTORCH));
        TrainingRun run = TrainingRun.start(config, Configs.prepare(config));
        assertEquals(5, run.runToEnd().size());
    }
}
