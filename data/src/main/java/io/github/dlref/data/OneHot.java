package io.github.dlref.data;

import io.github.dlref.math.Matrix;
import java.util.Objects;

/**
 * One-hot encoding of class labels and its inverses.
 *
 * <p>{@link #encode(int[], int)} maps labels {@code y} (length N) to the {@code N x C} matrix
 * {@code T_ic = 1 if c == y_i else 0}, the target layout of softmax cross-entropy written with a target
 * vector (dl-optimization: {@code dl/dz = y_hat - y} with {@code y} one-hot). {@link #decode(Matrix)} is its
 * exact inverse and rejects anything that is not one-hot; {@link #argmax(Matrix)} turns scores or
 * probabilities into predicted labels (ties go to the lowest class index, as {@code numpy.argmax} and
 * {@code torch.argmax} document), and {@link #accuracy(Matrix, int[])} compares them with the true labels.
 */
public final class OneHot {

    private OneHot() {
    }

    /**
     * One-hot encodes labels.
     *
     * @param labels {@code N} class indices, each in {@code [0, numClasses)}
     * @param numClasses the number of classes {@code C}, {@code >= 1}
     * @return the {@code N x C} matrix with a single {@code 1.0} per row, at column {@code labels[i]}, and
     *     {@code 0.0} elsewhere
     * @throws IllegalArgumentException if {@code numClasses < 1} or a label is out of range (the message
     *     names the label, its index and the valid range)
     */
    public static Matrix encode(int[] labels, int numClasses) {
        Objects.requireNonNull(labels, "OneHot.encode: labels must not be null");
        if (numClasses < 1) {
            throw new IllegalArgumentException("OneHot.encode: numClasses must be >= 1, got " + numClasses);
        }
        if ((long) labels.length * numClasses > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("OneHot.encode: " + labels.length + " x " + numClasses
                    + " entries do not fit in one matrix");
        }
        double[] values = new double[labels.length * numClasses];
        for (int i = 0; i < labels.length; i++) {
            int c = labels[i];
            if (c < 0 || c >= numClasses) {
                throw new IllegalArgumentException("OneHot.encode: label " + c + " at index " + i
                        + " is outside [0, " + numClasses + ")");
            }
            values[i * numClasses + c] = 1.0;
        }
        return Matrix.fromRowMajor(labels.length, numClasses, values);
    }

    /**
     * The exact inverse of {@link #encode(int[], int)}: the column of the single {@code 1.0} in each row.
     *
     * @param oneHot an {@code N x C} matrix whose every row has exactly one entry {@code 1.0} and all other
     *     entries {@code 0.0} ({@code -0.0} counts as 0)
     * @return the {@code N} labels
     * @throws IllegalArgumentException naming the row and what it holds if a row is not one-hot, or if
     *     {@code C = 0}
     */
    public static int[] decode(Matrix oneHot) {
        Objects.requireNonNull(oneHot, "OneHot.decode: matrix must not be null");
        if (oneHot.cols() == 0) {
            throw new IllegalArgumentException("OneHot.decode: matrix " + oneHot.shape() + " has no columns");
        }
        int[] labels = new int[oneHot.rows()];
        for (int i = 0; i < oneHot.rows(); i++) {
            int hot = -1;
            for (int j = 0; j < oneHot.cols(); j++) {
                double v = oneHot.get(i, j);
                if (v == 1.0 && hot < 0) {
                    hot = j;
                } else if (v != 0.0) {
                    throw new IllegalArgumentException("OneHot.decode: row " + i + " is not one-hot: entry at column "
                            + j + " is " + v + " (expected a single 1.0 and 0.0 elsewhere)");
                }
            }
            if (hot < 0) {
                throw new IllegalArgumentException("OneHot.decode: row " + i + " is not one-hot: it has no 1.0");
            }
            labels[i] = hot;
        }
        return labels;
    }

    /**
     * Predicted labels: the column of each row's maximum, the lowest column on ties.
     *
     * @param scores an {@code N x C} matrix of scores, logits or probabilities, {@code C >= 1}, no NaN
     * @return the {@code N} labels, {@code argmax_c scores_ic}
     * @throws IllegalArgumentException if {@code C = 0} or a row contains NaN (naming the row)
     */
    public static int[] argmax(Matrix scores) {
        Objects.requireNonNull(scores, "OneHot.argmax: matrix must not be null");
        if (scores.cols() == 0) {
            throw new IllegalArgumentException("OneHot.argmax: matrix " + scores.shape() + " has no columns");
        }
        int[] labels = new int[scores.rows()];
        for (int i = 0; i < scores.rows(); i++) {
            int best = 0;
            double bestValue = scores.get(i, 0);
            for (int j = 0; j < scores.cols(); j++) {
                double v = scores.get(i, j);
                if (Double.isNaN(v)) {
                    throw new IllegalArgumentException("OneHot.argmax: row " + i + " contains NaN at column " + j);
                }
                if (v > bestValue) {
                    best = j;
                    bestValue = v;
                }
            }
            labels[i] = best;
        }
        return labels;
    }

    /**
     * The classification accuracy of scores: the fraction of rows whose {@link #argmax(Matrix)} equals the
     * label, {@code (number of rows i with argmax_c scores_ic = labels_i) / N}, one division of the count.
     * <pre>{@code
     * Matrix scores = model.predict(test.features());        // N x C logits or probabilities
     * double accuracy = OneHot.accuracy(scores, test.labels());
     * }</pre>
     *
     * @param scores an {@code N x C} matrix of scores, logits or probabilities, {@code C >= 1}, no NaN
     * @param labels the {@code N} true labels
     * @return the accuracy, in {@code [0, 1]}
     * @throws IllegalArgumentException if {@code N = 0}, the lengths differ, {@code C = 0} or a row contains
     *     NaN
     */
    public static double accuracy(Matrix scores, int[] labels) {
        Objects.requireNonNull(scores, "OneHot.accuracy: scores must not be null");
        return accuracy(argmax(scores), labels);
    }

    /**
     * The fraction of predicted labels that equal the true labels,
     * {@code (number of i with predicted_i = labels_i) / N}.
     *
     * @param predicted the {@code N} predicted labels
     * @param labels the {@code N} true labels
     * @return the accuracy, in {@code [0, 1]}
     * @throws IllegalArgumentException if the lengths differ or {@code N = 0} (the accuracy of nothing is
     *     undefined)
     */
    public static double accuracy(int[] predicted, int[] labels) {
        Objects.requireNonNull(predicted, "OneHot.accuracy: predicted must not be null");
        Objects.requireNonNull(labels, "OneHot.accuracy: labels must not be null");
        if (predicted.length != labels.length) {
            throw new IllegalArgumentException("OneHot.accuracy: " + predicted.length + " predictions but "
                    + labels.length + " labels; expected one label per prediction");
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("OneHot.accuracy: no samples; the accuracy of nothing is undefined");
        }
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }

    /**
     * Binary labels as signed targets {@code t_i = 2 y_i - 1} in {@code {-1, +1}}, the form micrograd's demo
     * uses for its max-margin loss ({@code y = y*2 - 1} after {@code make_moons}).
     *
     * @param labels {@code N} labels, each 0 or 1
     * @return the {@code N x 1} column of {@code -1.0} and {@code +1.0}
     * @throws IllegalArgumentException if a label is neither 0 nor 1 (naming it and its index)
     */
    public static Matrix signedTargets(int[] labels) {
        Objects.requireNonNull(labels, "OneHot.signedTargets: labels must not be null");
        double[] t = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("OneHot.signedTargets: label " + labels[i] + " at index " + i
                        + " is not 0 or 1");
            }
            t[i] = 2 * labels[i] - 1;
        }
        return Matrix.columnVector(t);
    }
}
