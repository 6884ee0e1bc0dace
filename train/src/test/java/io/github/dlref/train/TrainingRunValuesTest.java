package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What one epoch of {@link TrainingRun} reports, checked against quantities computed another way. With a learning
 * rate of 0 (plain SGD, no dropout, no batch norm) the weights do not move during the epoch, so the epoch's
 * training loss and accuracy must equal an evaluation of the whole training set, and its validation columns an
 * evaluation of the validation set; the batches' losses reported to the listener, weighted by their sizes (Iris
 * split 90 / 30 / 30: 90 training samples in batches of 16, so five of 16 and one of 10), must average to the
 * epoch's loss.
 */
class TrainingRunValuesTest {

    static TrainingConfig frozen(int epochs) {
        return new TrainingConfig(DataConfig.builtIn(DataSource.IRIS),
                new ModelConfig(List.of(8), Activation.TANH, 0.0, false, InitScheme.PYTORCH),
                OptimizerConfig.of(OptimizerKind.SGD, Preset.PYTORCH).withLearningRate(0.0), ScheduleConfig.CONSTANT,
                0.0, 0.0, epochs, 16, Seeds.of(5L));
    }

    @Test
    void anEpochReportsTheMeanLossAndAccuracyOfItsBatches() throws IOException {
        TrainingConfig config = frozen(3);
        TrainingRun run = TrainingRun.start(config, config.prepareData());
        Evaluation train = run.evaluate(run.data().train());
        Evaluation validation = run.evaluate(run.data().validation());
        List<String> events = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        List<Integer> afterEpoch = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void epochStarted(int epoch, int batches) {
                events.add("start " + epoch + " of " + batches);
            }

            @Override
            public void batchFinished(int epoch, int batch, double loss) {
                events.add(epoch + "." + batch);
                if (epoch == 1) {
                    losses.add(loss);
                }
            }

            @Override
            public void epochFinished(TrainingRun r, EpochMetrics m) {
                events.add("end " + m.epoch() + " after " + r.epochsCompleted());
            }

            @Override
            public boolean stopRequested(List<EpochMetrics> history) {
                return history.size() == 2;
            }
        };
        List<EpochMetrics> rows = run.runToEnd(listener, () -> afterEpoch.add(run.epochsCompleted()));
        assertEquals(2, rows.size(), "the listener stops the run before epoch 3");
        assertEquals(List.of(1, 2), afterEpoch);
        assertEquals(2, run.epochsCompleted());
        assertEquals(List.of("start 1 of 6", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "end 1 after 1",
                "start 2 of 6", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "end 2 after 2"), events);

        EpochMetrics first = rows.get(0);
        double weighted = 0;
        assertEquals(6, losses.size());
        for (int b = 0; b < 6; b++) {
            weighted += losses.get(b) * (b < 5 ? 16 : 10);
        }
        assertEquals(weighted / 90, first.trainLoss(), 1e-15);
        assertEquals(train.loss(), first.trainLoss(), 1e-14);
        assertEquals(train.accuracy(), first.trainAccuracy());
        assertEquals(validation.loss(), first.validationLoss());
        assertEquals(validation.accuracy(), first.validationAccuracy());
        assertEquals(0.0, first.learningRate());
        assertEquals(1, first.epoch());
        assertEquals(2, rows.get(1).epoch());
        assertEquals(train.loss(), rows.get(1).trainLoss(), 1e-14, "the same samples in another order");
        assertTrue(first.seconds() >= 0);
        assertEquals(rows, run.history());
        assertEquals(List.of(), run.runToEnd(listener, () -> afterEpoch.add(-1)), "still stopped");
        assertEquals(List.of(1, 2), afterEpoch);
        assertEquals(1, run.runToEnd(TrainingListener.NONE, () -> { }).size(), "the third epoch without the stop");
        assertEquals(List.of(), run.runToEnd(), "all epochs done");
    }
}
