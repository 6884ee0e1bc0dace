package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link OptimizerComparison}'s results on hand-made histories (final and best values, NaN when missing), the
 * variant labels, and the refusal of an empty comparison.
 */
class OptimizerComparisonResultTest {

    static EpochMetrics row(int epoch, double trainLoss, double valAccuracy) {
        return new EpochMetrics(epoch, trainLoss, 0.5, 0.5, valAccuracy, 0.1, 1.0);
    }

    static final OptimizerComparison.Variant SGD = OptimizerComparison.Variant.of(
            OptimizerConfig.of(OptimizerKind.SGD, Preset.PYTORCH), ScheduleConfig.CONSTANT);

    @Test
    void resultsReportTheFinalAndTheBestEpoch() {
        OptimizerComparison.Result r = new OptimizerComparison.Result(SGD, List.of(row(1, 0.9, 0.5), row(2, 0.7, 0.875),
                row(3, 0.6, Double.NaN), row(4, 0.5, 0.75)), null);
        assertEquals(0.5, r.finalTrainLoss());
        assertEquals(0.75, r.finalValidationAccuracy());
        assertEquals(0.875, r.bestValidationAccuracy(), "the largest, NaN skipped");
        OptimizerComparison.Result firstBest = new OptimizerComparison.Result(SGD, List.of(row(1, 0.9, 0.75),
                row(2, 0.7, 0.75), row(3, 0.6, 0.25)), null);
        assertEquals(0.75, firstBest.bestValidationAccuracy());
        OptimizerComparison.Result none = new OptimizerComparison.Result(SGD, List.of(), "epoch 1, batch 1: loss NaN");
        assertTrue(Double.isNaN(none.finalTrainLoss()));
        assertTrue(Double.isNaN(none.finalValidationAccuracy()));
        assertTrue(Double.isNaN(none.bestValidationAccuracy()));
        OptimizerComparison.Result noValidation = new OptimizerComparison.Result(SGD, List.of(row(1, 0.9, Double.NaN)),
                null);
        assertTrue(Double.isNaN(noValidation.bestValidationAccuracy()));
        List<EpochMetrics> history = new ArrayList<>(List.of(row(1, 0.9, 0.5)));
        OptimizerComparison.Result copied = new OptimizerComparison.Result(SGD, history, null);
        history.add(row(2, 0.1, 1.0));
        assertEquals(1, copied.history().size());
    }

    @Test
    void variantsAreLabelledByKindRateAndSchedule() {
        assertEquals("sgd lr=0.01", SGD.label());
        assertEquals("adam lr=0.001 step(3, 0.5)", OptimizerComparison.Variant.of(
                OptimizerConfig.of(OptimizerKind.ADAM, Preset.PYTORCH), new ScheduleConfig(ScheduleKind.STEP, 0.5, 3,
                        0)).label());
        assertEquals("Variant: label must not be null", assertThrows(NullPointerException.class,
                () -> new OptimizerComparison.Variant(null, SGD.optimizer(), SGD.schedule())).getMessage());
    }

    @Test
    void anEmptyComparisonIsRefused() throws IOException {
        TrainingConfig base = Configs.iris(1, OptimizerConfig.of(OptimizerKind.SGD, Preset.PYTORCH));
        assertEquals("compare: no optimizer to compare", assertThrows(IllegalArgumentException.class,
                () -> OptimizerComparison.run(base, base.prepareData(), List.of(), TrainingListener.NONE))
                .getMessage());
    }
}
