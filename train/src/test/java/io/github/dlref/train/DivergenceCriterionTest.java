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
        // the criterion, restated from the message's own numbers: loss > 10^4 x reference
        String reference = e.getMessage().replaceAll(".*reference loss ([0-9.E-]+) .*", "$1");
        assertTrue(e.loss() > 1e4 * Double.parseDouble(reference), e.getMessage());
        // the reference is a cross-entropy at initialization on 3 classes, near ln 3 = 1.0986
        assertTrue(Math.abs(Double.parseDouble(reference) - Math.log(3)) < 0.5, e.getMessage());
    }

    @Test
    void aHealthyRunIsNotStopped() throws IOException {
        TrainingConfig config = Configs.iris(5, OptimizerConfig.of(OptimizerKind.ADAM, Preset.PYTORCH));
        TrainingRun run = TrainingRun.start(config, Configs.prepare(config));
        assertEquals(5, run.runToEnd().size());
    }
}
