package io.github.dlref.train;

import java.util.Arrays;
import java.util.Objects;

/**
 * A model's score on a classification dataset, in evaluation mode without recording a graph.
 *
 * <p>The prediction of a sample is the argmax of its logits, the lowest class on ties (as {@code torch.argmax}
 * and NumPy's {@code argmax}, which return the first maximal index). {@code accuracy} equals
 * {@code confusion().accuracy()}.
 *
 * @param loss the mean cross-entropy over the samples (NaN for an empty set)
 * @param accuracy the fraction of samples whose prediction is the label (NaN for an empty set)
 * @param samples the number of samples {@code N}
 * @param predictions the predicted class of each sample, in dataset order, length {@code N} (copied in and out)
 * @param confusion the confusion matrix (rows = true class, columns = predicted class), with per-class counts,
 *     precision and recall
 */
public record Evaluation(double loss, double accuracy, int samples, int[] predictions, ConfusionMatrix confusion) {

    /**
     * Validates and copies.
     *
     * @param loss the loss
     * @param accuracy the accuracy
     * @param samples the number of samples
     * @param predictions the predictions
     * @param confusion the confusion matrix
     * @throws IllegalArgumentException if the number of predictions or the confusion matrix's total is not
     *     {@code samples}
     */
    public Evaluation {
        Objects.requireNonNull(predictions, "Evaluation: predictions must not be null");
        Objects.requireNonNull(confusion, "Evaluation: confusion must not be null");
        predictions = predictions.clone();
        if (predictions.length != samples || confusion.total() != samples) {
            throw new IllegalArgumentException("Evaluation: expected " + samples + " predictions and a confusion "
                    + "matrix total of " + samples + ", got " + predictions.length + " and " + confusion.total());
        }
    }

    /**
     * The predicted class of each sample.
     *
     * @return a copy, length {@code N}
     */
    @Override
    public int[] predictions() {
        return predictions.clone();
    }

    /**
     * Precision of a class ({@link ConfusionMatrix#precision(int)}).
     *
     * @param c the class
     * @return the precision, NaN if nothing was predicted as {@code c}
     */
    public double precision(int c) {
        return confusion.precision(c);
    }

    /**
     * Recall of a class ({@link ConfusionMatrix#recall(int)}).
     *
     * @param c the class
     * @return the recall, NaN if no sample has class {@code c}
     */
    public double recall(int c) {
        return confusion.recall(c);
    }

    /**
     * Equal when every number has the same bits and the predictions and confusion matrices are equal.
     *
     * @param o the other object
     * @return whether they are equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Evaluation e && Double.compare(loss, e.loss) == 0 && Double.compare(accuracy, e.accuracy) == 0
                && samples == e.samples && Arrays.equals(predictions, e.predictions) && confusion.equals(e.confusion);
    }

    /**
     * A hash of the contents.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return Objects.hash(loss, accuracy, samples, Arrays.hashCode(predictions), confusion);
    }

    /**
     * The loss, accuracy and sample count.
     *
     * @return for example {@code Evaluation[loss=0.5, accuracy=0.9, samples=30]}
     */
    @Override
    public String toString() {
        return "Evaluation[loss=" + loss + ", accuracy=" + accuracy + ", samples=" + samples + "]";
    }
}
