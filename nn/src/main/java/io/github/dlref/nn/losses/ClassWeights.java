package io.github.dlref.nn.losses;

import io.github.dlref.math.Matrix;
import java.util.Objects;

/** Checks and helpers for the per-class weights of {@link NLLLoss} and {@link CrossEntropyLoss}. */
final class ClassWeights {

    private ClassWeights() {
    }

    /**
     * Checks a weight row: {@code 1 x C}, every entry finite and {@code >= 0}.
     *
     * @param loss the loss's name, for messages
     * @param weights the weights, or {@code null} for none
     * @return the weights
     * @throws IllegalArgumentException naming the loss and the entry
     */
    static Matrix require(String loss, Matrix weights) {
        if (weights == null) {
            return null;
        }
        if (weights.rows() != 1 || weights.cols() < 1) {
            throw new IllegalArgumentException(loss + ": class weights must be a 1 x C row with C >= 1, got "
                    + weights.shape());
        }
        for (int c = 0; c < weights.cols(); c++) {
            double w = weights.get(0, c);
            if (!(w >= 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException(loss + ": class weight " + c + " must be finite and >= 0, got " + w);
            }
        }
        return weights;
    }

    /** The weight of class {@code c}: 1 without weights. */
    static double of(Matrix weights, int c) {
        return weights == null ? 1.0 : weights.get(0, c);
    }

    /** The weights as an array of length {@code c}: all 1 without weights. */
    static double[] vector(Matrix weights, int c) {
        double[] w = new double[c];
        for (int k = 0; k < c; k++) {
            w[k] = of(weights, k);
        }
        return w;
    }

    /** Checks that the weights cover the prediction's {@code C} columns. */
    static void requireClasses(String loss, Matrix weights, int classes) {
        if (weights != null && weights.cols() != classes) {
            throw new IllegalArgumentException(loss + ": " + weights.cols() + " class weights for a prediction with "
                    + classes + " classes (columns)");
        }
    }

    /** Checks that every target probability is in {@code [0, 1]} (not NaN), naming the first one that is not. */
    static void requireProbabilities(String loss, Matrix target) {
        for (int k = 0; k < target.size(); k++) {
            double t = target.getFlat(k);
            if (!(t >= 0 && t <= 1)) {
                throw new IllegalArgumentException(loss + ": target at (" + k / target.cols() + ", " + k % target.cols()
                        + ") must be a probability in [0, 1], got " + t);
            }
        }
    }

    /** PyTorch's default {@code ignore_index}, {@code -100}. */
    static final int DEFAULT_IGNORE_INDEX = -100;

    /**
     * Checks class indices against {@code C} classes and the batch size, accepting {@code ignoreIndex} anywhere.
     *
     * @return which samples are ignored (their class equals {@code ignoreIndex})
     */
    static boolean[] requireIndices(String loss, int[] classes, int rows, int numClasses, int ignoreIndex) {
        Objects.requireNonNull(classes, () -> loss + ": classes must not be null");
        if (classes.length != rows) {
            throw new IllegalArgumentException(loss + ": " + classes.length + " class indices for a prediction with "
                    + rows + " rows");
        }
        boolean[] ignored = new boolean[classes.length];
        for (int i = 0; i < classes.length; i++) {
            ignored[i] = classes[i] == ignoreIndex;
            if (!ignored[i] && (classes[i] < 0 || classes[i] >= numClasses)) {
                throw new IllegalArgumentException(loss + ": class of sample " + i + " is " + classes[i]
                        + ", outside [0, " + numClasses + ") and not ignore_index " + ignoreIndex);
            }
        }
        return ignored;
    }

    /** {@code sum_i w_{y_i}} over the samples that are not ignored, in sample order (their count without weights). */
    static double totalWeight(Matrix weights, int[] classes, boolean[] ignored) {
        double total = 0.0;
        for (int i = 0; i < classes.length; i++) {
            if (!ignored[i]) {
                total += of(weights, classes[i]);
            }
        }
        return total;
    }
}
