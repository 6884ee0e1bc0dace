package io.github.dlref.train;

/**
 * Training stopped because a mini-batch's loss was not a finite number (the learning rate is usually too high).
 */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The epoch whose loss was not finite, counting from 1. */
    private final int epoch;

    /** The batch whose loss was not finite, counting from 1. */
    private final int batch;

    /** The loss value, NaN or an infinity. */
    private final double loss;

    /**
     * Creates the exception.
     *
     * @param epoch the epoch, counting from 1
     * @param batch the batch, counting from 1
     * @param loss the loss value (NaN or infinite)
     */
    public TrainingDivergedException(int epoch, int batch, double loss) {
        super("training diverged: the loss of epoch " + epoch + ", batch " + batch + " is " + loss
                + " (try a lower learning rate)");
        this.epoch = epoch;
        this.batch = batch;
        this.loss = loss;
    }

    /**
     * A finite loss that grew past the divergence criterion ({@link TrainingRun#DIVERGENCE_FACTOR}).
     *
     * @param epoch the epoch (1-based)
     * @param batch the batch within the epoch (1-based)
     * @param loss the batch's data loss
     * @param factor the criterion's factor
     * @param reference the run's reference loss
     */
    public TrainingDivergedException(int epoch, int batch, double loss, double factor, double reference) {
        super("training diverged: the loss of epoch " + epoch + ", batch " + batch + " is " + loss
                + ", more than " + factor + " times the run's reference loss " + reference
                + " (try a lower learning rate)");
        this.epoch = epoch;
        this.batch = batch;
        this.loss = loss;
    }

    /**
     * The epoch.
     *
     * @return the epoch, counting from 1
     */
    public int epoch() {
        return epoch;
    }

    /**
     * The batch.
     *
     * @return the batch, counting from 1
     */
    public int batch() {
        return batch;
    }

    /**
     * The loss value.
     *
     * @return NaN or an infinity
     */
    public double loss() {
        return loss;
    }
}
