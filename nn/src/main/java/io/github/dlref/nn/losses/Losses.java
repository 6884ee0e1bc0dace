package io.github.dlref.nn.losses;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;
import java.util.Objects;

/** Helpers shared by the loss classes: argument checks and reductions. */
final class Losses {

    private Losses() {
    }

    static void requireSameShape(String loss, Tensor prediction, Matrix target) {
        Objects.requireNonNull(prediction, () -> loss + ": prediction must not be null");
        Objects.requireNonNull(target, () -> loss + ": target must not be null");
        if (prediction.rows() != target.rows() || prediction.cols() != target.cols()) {
            throw new IllegalArgumentException(loss + ": prediction " + prediction.shape() + " and target "
                    + target.shape() + " differ in shape");
        }
    }

    static void requireNonEmptyForMean(String loss, Reduction reduction, Tensor prediction) {
        if (reduction == Reduction.MEAN && prediction.rows() * prediction.cols() == 0) {
            throw new IllegalArgumentException(loss + ": the mean over an empty " + prediction.shape()
                    + " prediction is undefined");
        }
    }

    /** Reduces an {@code N x 1} column of per-sample losses: MEAN divides by N. */
    static Tensor reducePerSample(Tensor perSample, Reduction reduction) {
        return switch (reduction) {
            case NONE -> perSample;
            case SUM -> perSample.sum();
            case MEAN -> perSample.mean();
        };
    }

    /** Reduces a matrix of per-element losses: MEAN divides by the number of elements. */
    static Tensor reducePerElement(Tensor perElement, Reduction reduction) {
        return switch (reduction) {
            case NONE -> perElement;
            case SUM -> perElement.sum();
            case MEAN -> perElement.mean();
        };
    }

    static Reduction requireReduction(String loss, Reduction reduction) {
        return Objects.requireNonNull(reduction, () -> loss + ": reduction must not be null");
    }

    /**
     * Checks that a target is one-hot (each row has one entry 1 and the rest 0) and returns the class of
     * each row.
     */
    static int[] classesOf(String loss, Tensor scores, Matrix target) {
        requireSameShape(loss, scores, target);
        int[] classes = new int[target.rows()];
        for (int i = 0; i < target.rows(); i++) {
            int found = -1;
            for (int k = 0; k < target.cols(); k++) {
                double y = target.get(i, k);
                if (y == 1.0 && found < 0) {
                    found = k;
                } else if (y != 0.0) {
                    throw new IllegalArgumentException(loss + ": target row " + i + " must be one-hot (one 1, the"
                            + " rest 0), found " + y + " at column " + k);
                }
            }
            if (found < 0) {
                throw new IllegalArgumentException(loss + ": target row " + i + " must be one-hot, found no 1");
            }
            classes[i] = found;
        }
        return classes;
    }
}
