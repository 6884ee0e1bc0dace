package io.github.dlref.train;

import java.util.List;
import java.util.Objects;

/**
 * Receives a run's progress (the console progress bar and table, early stopping, keep-best, or nothing) and may
 * ask the run to stop.
 */
public interface TrainingListener {

    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };

    /**
     * An epoch starts.
     *
     * @param epoch the epoch, counting from 1
     * @param batches the number of mini-batches it has
     */
    default void epochStarted(int epoch, int batches) {
    }

    /**
     * A mini-batch's step is done.
     *
     * @param epoch the epoch, counting from 1
     * @param batch the batch, counting from 1
     * @param loss the batch's mean data loss
     */
    default void batchFinished(int epoch, int batch, double loss) {
    }

    /**
     * An epoch is done and scored.
     *
     * @param metrics the epoch's row
     */
    default void epochFinished(EpochMetrics metrics) {
    }

    /**
     * An epoch is done and scored, with access to the run (its model holds the epoch's weights). The default
     * calls {@link #epochFinished(EpochMetrics)}; {@link TrainingRun} calls this one.
     *
     * @param run the run
     * @param metrics the epoch's row
     */
    default void epochFinished(TrainingRun run, EpochMetrics metrics) {
        epochFinished(metrics);
    }

    /**
     * Whether the run should stop before its next epoch. {@link TrainingRun#runToEnd} asks before every epoch, so
     * a rule that is a function of the history (as {@link EarlyStopping}) decides the same after a resume.
     *
     * @param history the metrics of every completed epoch, including those before a resume
     * @return {@code true} to stop; {@code false} by default
     */
    default boolean stopRequested(List<EpochMetrics> history) {
        return false;
    }

    /**
     * A listener that forwards every call to each of the given ones, in order, and requests a stop when any of
     * them does.
     *
     * @param listeners the listeners
     * @return the combined listener
     */
    static TrainingListener all(TrainingListener... listeners) {
        List<TrainingListener> list = List.of(listeners);
        return new TrainingListener() {
            @Override
            public void epochStarted(int epoch, int batches) {
                list.forEach(l -> l.epochStarted(epoch, batches));
            }

            @Override
            public void batchFinished(int epoch, int batch, double loss) {
                list.forEach(l -> l.batchFinished(epoch, batch, loss));
            }

            @Override
            public void epochFinished(EpochMetrics metrics) {
                list.forEach(l -> l.epochFinished(metrics));
            }

            @Override
            public void epochFinished(TrainingRun run, EpochMetrics metrics) {
                list.forEach(l -> l.epochFinished(run, metrics));
            }

            @Override
            public boolean stopRequested(List<EpochMetrics> history) {
                Objects.requireNonNull(history, "stopRequested: history must not be null");
                boolean stop = false;
                for (TrainingListener l : list) {
                    stop |= l.stopRequested(history);
                }
                return stop;
            }
        };
    }
}
