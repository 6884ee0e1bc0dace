package io.github.dlref.train;

/**
 * What one epoch produced: one row of the table, of the CSV and of the JSON.
 *
 * @param epoch the epoch, counting from 1
 * @param trainLoss the mean data loss (cross-entropy, without the regularization penalty) over the epoch's
 *     training samples, each batch's mean loss weighted by its size, computed while training (training mode,
 *     the parameters before each batch's step)
 * @param trainAccuracy the fraction of the epoch's training samples whose logits' argmax was the label, at the
 *     same time (Keras' running training accuracy)
 * @param validationLoss the mean cross-entropy on the validation set after the epoch (evaluation mode), or NaN
 *     without a validation set
 * @param validationAccuracy the validation accuracy after the epoch, or NaN without a validation set
 * @param learningRate the learning rate used throughout the epoch
 * @param seconds the epoch's wall-clock time including validation (not part of the reproducible result)
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
        double validationAccuracy, double learningRate, double seconds) {

    /**
     * Whether two rows hold the same results bit for bit, ignoring the wall-clock time.
     *
     * @param other the other row
     * @return {@code true} if every field but {@link #seconds()} has the same bits
     */
    public boolean sameResults(EpochMetrics other) {
        return epoch == other.epoch && same(trainLoss, other.trainLoss) && same(trainAccuracy, other.trainAccuracy)
                && same(validationLoss, other.validationLoss) && same(validationAccuracy, other.validationAccuracy)
                && same(learningRate, other.learningRate);
    }

    private static boolean same(double a, double b) {
        return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
    }
}
