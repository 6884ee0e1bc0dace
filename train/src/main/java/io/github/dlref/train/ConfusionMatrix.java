package io.github.dlref.train;

import java.util.Arrays;
import java.util.Objects;

/**
 * Counts of (true class, predicted class) pairs: {@code count(i, j)} is the number of samples of true class
 * {@code i} predicted as class {@code j} (rows = true class, columns = predicted class, the layout of
 * scikit-learn's {@code confusion_matrix}).
 *
 * <p>Per class {@code c}: the support {@code n_c = sum_j count(c, j)} (samples of true class {@code c}), the
 * predicted count {@code m_c = sum_i count(i, c)}, precision {@code count(c, c) / m_c} and recall
 * {@code count(c, c) / n_c}. Where the denominator is 0 the value is undefined and reported as NaN
 * (scikit-learn's {@code zero_division} default reports 0 with a warning; NaN keeps an undefined value from
 * being read as a measured 0). Instances are immutable.
 */
public final class ConfusionMatrix {

    private final long[][] counts;
    private final long total;

    private ConfusionMatrix(long[][] counts) {
        this.counts = counts;
        long sum = 0;
        for (long[] row : counts) {
            for (long v : row) {
                sum += v;
            }
        }
        this.total = sum;
    }

    /**
     * Counts the pairs {@code (labels[k], predicted[k])}.
     *
     * @param labels the true classes, each in {@code [0, C)}
     * @param predicted the predicted classes, each in {@code [0, C)}, as many as {@code labels}
     * @param numClasses the number of classes {@code C}, {@code >= 1}
     * @return the {@code C x C} matrix
     * @throws IllegalArgumentException if the lengths differ, {@code C < 1} or a class is out of range (naming
     *     the array, the position and the value)
     */
    public static ConfusionMatrix of(int[] labels, int[] predicted, int numClasses) {
        Objects.requireNonNull(labels, "ConfusionMatrix.of: labels must not be null");
        Objects.requireNonNull(predicted, "ConfusionMatrix.of: predicted must not be null");
        if (numClasses < 1) {
            throw new IllegalArgumentException("ConfusionMatrix.of: numClasses must be >= 1, got " + numClasses);
        }
        if (labels.length != predicted.length) {
            throw new IllegalArgumentException("ConfusionMatrix.of: " + labels.length + " labels but "
                    + predicted.length + " predictions; expected as many of each");
        }
        long[][] counts = new long[numClasses][numClasses];
        for (int k = 0; k < labels.length; k++) {
            check("labels", k, labels[k], numClasses);
            check("predicted", k, predicted[k], numClasses);
            counts[labels[k]][predicted[k]]++;
        }
        return new ConfusionMatrix(counts);
    }

    private static void check(String what, int k, int c, int numClasses) {
        if (c < 0 || c >= numClasses) {
            throw new IllegalArgumentException("ConfusionMatrix.of: " + what + "[" + k + "] must be in [0, "
                    + numClasses + "), got " + c);
        }
    }

    /**
     * The number of classes.
     *
     * @return {@code C}
     */
    public int numClasses() {
        return counts.length;
    }

    /**
     * The number of samples of true class {@code trueClass} predicted as {@code predictedClass}.
     *
     * @param trueClass the row, in {@code [0, C)}
     * @param predictedClass the column, in {@code [0, C)}
     * @return the count
     * @throws IndexOutOfBoundsException if a class is out of range
     */
    public long count(int trueClass, int predictedClass) {
        return counts[Objects.checkIndex(trueClass, counts.length)][Objects.checkIndex(predictedClass,
                counts.length)];
    }

    /**
     * The counts as a new array.
     *
     * @return {@code C x C}, rows = true class, columns = predicted class
     */
    public long[][] toArray() {
        long[][] out = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            out[i] = counts[i].clone();
        }
        return out;
    }

    /**
     * The number of samples counted.
     *
     * @return {@code N = sum_ij count(i, j)}
     */
    public long total() {
        return total;
    }

    /**
     * The samples of a true class (row sum).
     *
     * @param c the class
     * @return {@code n_c}
     */
    public long support(int c) {
        long sum = 0;
        for (long v : counts[Objects.checkIndex(c, counts.length)]) {
            sum += v;
        }
        return sum;
    }

    /**
     * The samples predicted as a class (column sum).
     *
     * @param c the class
     * @return {@code m_c}
     */
    public long predictedCount(int c) {
        Objects.checkIndex(c, counts.length);
        long sum = 0;
        for (long[] row : counts) {
            sum += row[c];
        }
        return sum;
    }

    /**
     * The correctly predicted samples of a class.
     *
     * @param c the class
     * @return {@code count(c, c)}
     */
    public long correct(int c) {
        return count(c, c);
    }

    /**
     * Precision of a class: of the samples predicted as {@code c}, the fraction that are {@code c}.
     *
     * @param c the class
     * @return {@code count(c, c) / m_c}, NaN if {@code m_c = 0}
     */
    public double precision(int c) {
        long m = predictedCount(c);
        return m == 0 ? Double.NaN : (double) correct(c) / m;
    }

    /**
     * Recall of a class: of the samples of class {@code c}, the fraction predicted as {@code c}.
     *
     * @param c the class
     * @return {@code count(c, c) / n_c}, NaN if {@code n_c = 0}
     */
    public double recall(int c) {
        long n = support(c);
        return n == 0 ? Double.NaN : (double) correct(c) / n;
    }

    /**
     * The fraction of samples on the diagonal.
     *
     * @return {@code sum_c count(c, c) / N}, NaN if {@code N = 0}
     */
    public double accuracy() {
        if (total == 0) {
            return Double.NaN;
        }
        long diagonal = 0;
        for (int c = 0; c < counts.length; c++) {
            diagonal += counts[c][c];
        }
        return (double) diagonal / total;
    }

    /**
     * Equal when the counts are equal.
     *
     * @param o the other object
     * @return whether they are equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m && Arrays.deepEquals(counts, m.counts);
    }

    /**
     * A hash of the counts.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return Arrays.deepHashCode(counts);
    }

    /**
     * The counts, row by row.
     *
     * @return for example {@code [[2, 0], [1, 3]]}
     */
    @Override
    public String toString() {
        return Arrays.deepToString(counts);
    }
}
