package io.github.dlref.train;

/**
 * A quantity of {@link EpochMetrics} that {@link EarlyStopping} and {@link KeepBest} watch, with the direction in
 * which it improves, and Keras' improvement rule with a minimum change {@code minDelta >= 0}:
 * <ul>
 *   <li>{@link #VALIDATION_LOSS} (Keras' {@code monitor="val_loss"}, mode {@code min}): {@code current} improves
 *       on {@code best} when {@code current + minDelta < best};</li>
 *   <li>{@link #VALIDATION_ACCURACY} ({@code monitor="val_accuracy"}, mode {@code max}): when
 *       {@code current - minDelta > best}.</li>
 * </ul>
 * The starting best is {@code +infinity} (min) or {@code -infinity} (max), so the first finite value improves. A
 * NaN value (no validation set, or a diverged model) never improves (every comparison with NaN is false, as in
 * Keras).
 */
public enum Monitor {

    /** The validation loss, lower is better. */
    VALIDATION_LOSS,

    /** The validation accuracy, higher is better. */
    VALIDATION_ACCURACY;

    /**
     * The monitored value of an epoch.
     *
     * @param metrics the epoch's row
     * @return its validation loss or accuracy
     */
    public double value(EpochMetrics metrics) {
        return this == VALIDATION_LOSS ? metrics.validationLoss() : metrics.validationAccuracy();
    }

    /**
     * The best value before any epoch.
     *
     * @return {@code +infinity} for the loss, {@code -infinity} for the accuracy
     */
    public double initialBest() {
        return this == VALIDATION_LOSS ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /**
     * Keras' improvement rule (see the class documentation).
     *
     * @param current the epoch's value
     * @param best the best value so far
     * @param minDelta the minimum change, {@code >= 0}
     * @return whether {@code current} improves on {@code best} by more than {@code minDelta}
     */
    public boolean improves(double current, double best, double minDelta) {
        return this == VALIDATION_LOSS ? current + minDelta < best : current - minDelta > best;
    }

    /**
     * Checks a minimum change.
     *
     * @param owner the class checking, for the message
     * @param minDelta the value
     * @throws IllegalArgumentException unless {@code minDelta} is finite and {@code >= 0}
     */
    static void checkMinDelta(String owner, double minDelta) {
        if (!(minDelta >= 0 && Double.isFinite(minDelta))) {
            throw new IllegalArgumentException(owner + ": minDelta must be finite and >= 0, got " + minDelta);
        }
    }
}
