package io.github.dlref.nn.losses;

import io.github.dlref.math.Matrix;
import java.util.Objects;

/** Target encodings for the classification losses. */
public final class Targets {

    private Targets() {
    }

    /**
     * One-hot rows: {@code Y_ik = 1} if {@code k == classes[i]}, else 0.
     *
     * @param classes the class of each sample, each in {@code [0, numClasses)}
     * @param numClasses the number of classes {@code K}, {@code >= 1}
     * @return the {@code N x K} one-hot matrix
     * @throws IllegalArgumentException if {@code numClasses < 1} or a class is out of range, naming the sample
     */
    public static Matrix oneHot(int[] classes, int numClasses) {
        Objects.requireNonNull(classes, "Targets.oneHot: classes must not be null");
        if (numClasses < 1) {
            throw new IllegalArgumentException("Targets.oneHot: numClasses must be >= 1, got " + numClasses);
        }
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] < 0 || classes[i] >= numClasses) {
                throw new IllegalArgumentException("Targets.oneHot: class of sample " + i + " is " + classes[i]
                        + ", outside [0, " + numClasses + ")");
            }
        }
        return Matrix.build(classes.length, numClasses, (i, k) -> k == classes[i] ? 1.0 : 0.0);
    }
}
