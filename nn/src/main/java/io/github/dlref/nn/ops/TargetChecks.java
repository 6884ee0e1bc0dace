package io.github.dlref.nn.ops;

import io.github.dlref.math.Matrix;
import java.util.Objects;

/** The input checks the probability-based loss ops share. */
final class TargetChecks {

    private TargetChecks() {
    }

    /**
     * Checks that every target lies in {@code [0, 1]}.
     *
     * @param op the op's name, for the message
     * @param targets the targets
     * @return the targets
     * @throws IllegalArgumentException naming the first element outside {@code [0, 1]} (or NaN)
     */
    static Matrix requireUnitInterval(String op, Matrix targets) {
        Objects.requireNonNull(targets, () -> op + ": targets must not be null");
        for (int k = 0; k < targets.size(); k++) {
            double y = targets.getFlat(k);
            if (!(y >= 0 && y <= 1)) {
                throw new IllegalArgumentException(op + ": target at (" + k / targets.cols() + ", "
                        + k % targets.cols() + ") must be in [0, 1], got " + y);
            }
        }
        return targets;
    }

    /**
     * Checks that the probabilities have the targets' shape.
     *
     * @param op the op's name, for the message
     * @param probabilities the op's input
     * @param targets the targets
     * @throws IllegalArgumentException naming both shapes if they differ
     */
    static void requireSameShape(String op, Matrix probabilities, Matrix targets) {
        if (!probabilities.sameShape(targets)) {
            throw new IllegalArgumentException(op + ": probabilities " + probabilities.shape() + " and targets "
                    + targets.shape() + " differ in shape");
        }
    }
}
