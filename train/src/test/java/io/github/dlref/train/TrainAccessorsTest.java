package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dlref.data.Dataset;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.Sequential;
import io.github.dlref.nn.layers.Linear;
import io.github.dlref.optim.Optimizer;
import io.github.dlref.optim.SGD;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What train's objects hand back: {@link KeepBest}'s settings, {@link Trainer}'s parts, the combined
 * {@link TrainingListener#all} forwarding every event to each listener in order, and {@link Evaluator}'s refusal of
 * data without class labels.
 */
class TrainAccessorsTest {

    @Test
    void accessorsReturnWhatWasGiven() {
        KeepBest best = new KeepBest(Monitor.VALIDATION_ACCURACY, 0.25);
        assertEquals(Monitor.VALIDATION_ACCURACY, best.monitor());
        assertEquals(0.25, best.minDelta());

        Sequential model = new Sequential(List.of(new Linear(Matrix.scalar(1.0), Matrix.rowVector(0.0))));
        ParameterBinding binding = new ParameterBinding(model);
        Optimizer optimizer = binding.bind(p -> new SGD(p, SGD.Hyperparameters.pytorch(0.1)));
        Trainer trainer = new Trainer(model, binding, optimizer, (prediction, batch, step) -> prediction.sum(),
                List.of(), null, Trainer.ScheduleInterval.EPOCH);
        assertSame(model, trainer.model());
        assertSame(binding, trainer.binding());
        assertSame(optimizer, trainer.optimizer());

        assertEquals("Evaluator.evaluate: expected a classification dataset (class labels), got one with regression "
                + "targets", assertThrows(IllegalArgumentException.class, () -> Evaluator.evaluate(model,
                Dataset.regression(Matrix.scalar(1), Matrix.scalar(1)))).getMessage());
    }

    @Test
    void aCombinedListenerForwardsEveryEventInOrder() {
        List<String> seen = new ArrayList<>();
        TrainingListener a = recorder("a", seen, false);
        TrainingListener b = recorder("b", seen, true);
        TrainingListener both = TrainingListener.all(a, b);
        EpochMetrics m = new EpochMetrics(1, 0.5, 0.5, 0.5, 0.5, 0.1, 1.0);
        both.epochStarted(1, 3);
        both.batchFinished(1, 2, 0.5);
        both.epochFinished(m);
        both.epochFinished(null, m);
        assertEquals(true, both.stopRequested(List.of(m)));
        assertEquals(false, TrainingListener.all(a, a).stopRequested(List.of(m)));
        assertEquals(List.of("a start 1/3", "b start 1/3", "a batch 1.2 0.5", "b batch 1.2 0.5", "a end 1",
                "b end 1", "a end run 1", "b end run 1", "a stop?", "b stop?", "a stop?", "a stop?"), seen);
        assertEquals("stopRequested: history must not be null", assertThrows(NullPointerException.class,
                () -> both.stopRequested(null)).getMessage());
    }

    static TrainingListener recorder(String name, List<String> seen, boolean stop) {
        return new TrainingListener() {
            @Override
            public void epochStarted(int epoch, int batches) {
                seen.add(name + " start " + epoch + "/" + batches);
            }

            @Override
            public void batchFinished(int epoch, int batch, double loss) {
                seen.add(name + " batch " + epoch + "." + batch + " " + loss);
            }

            @Override
            public void epochFinished(EpochMetrics metrics) {
                seen.add(name + " end " + metrics.epoch());
            }

            @Override
            public void epochFinished(TrainingRun run, EpochMetrics metrics) {
                seen.add(name + " end run " + metrics.epoch());
            }

            @Override
            public boolean stopRequested(List<EpochMetrics> history) {
                seen.add(name + " stop?");
                return stop;
            }
        };
    }
}
