package io.github.dlref.train;

/** Receives a run's progress (the console progress bar and table, or nothing). */
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
}
