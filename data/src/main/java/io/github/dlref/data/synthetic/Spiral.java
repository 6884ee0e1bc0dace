package io.github.dlref.data.synthetic;

import io.github.dlref.data.Dataset;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;

/**
 * The spiral dataset of the CS231n notes ("Putting it together: minimal neural network case study"):
 * {@code K} classes of {@code N} points each, wound around the origin, not linearly separable.
 *
 * <p>For class {@code j} and point {@code i} (row {@code j N + i}):
 * <pre>
 * r_i  = linspace(0, 1, N)[i]
 * t_ji = linspace(4 j, 4 (j + 1), N)[i] + noise * g_ji       (noise = 0.2 in the notes)
 * x    = (r_i sin(t_ji), r_i cos(t_ji)),  label j
 * </pre>
 * with {@code linspace} as numpy's (last point exactly the end) and {@code sin}, {@code cos} from
 * {@link StrictMath}. Draw order: {@code g_ji = rng.nextGaussian()} for {@code j = 0..K-1}, and within a
 * class {@code i = 0..N-1} (the notes draw {@code np.random.randn(N)} once per class in the same order);
 * {@code rng = new Rng(seed)}. The {@code N K} draws are made whatever the noise level, so the sequence of
 * draws does not depend on it. With {@code noise = 0} the points equal the notes' formula exactly
 * computed.
 */
public final class Spiral {

    /** The angular noise standard deviation of the CS231n notes, 0.2. */
    public static final double CS231N_NOISE = 0.2;

    private Spiral() {
    }

    /**
     * The CS231n spiral with the notes' noise level 0.2.
     *
     * @param pointsPerClass {@code N}, {@code >= 1} (the notes use 100)
     * @param numClasses {@code K}, {@code >= 1} (the notes use 3)
     * @param seed the seed
     * @return a classification dataset of {@code N K} samples with 2 features and {@code K} classes
     */
    public static Dataset generate(int pointsPerClass, int numClasses, long seed) {
        return generate(pointsPerClass, numClasses, CS231N_NOISE, seed);
    }

    /**
     * The spiral with a chosen angular noise level.
     *
     * @param pointsPerClass {@code N}, {@code >= 1}
     * @param numClasses {@code K}, {@code >= 1}
     * @param noise the standard deviation of the angle noise, finite and {@code >= 0}
     * @param seed the seed
     * @return a classification dataset of {@code N K} samples with 2 features and {@code K} classes, rows
     *     ordered by class
     * @throws IllegalArgumentException if a count is below 1, the noise is negative or not finite, or the
     *     dataset would not fit in one matrix
     */
    public static Dataset generate(int pointsPerClass, int numClasses, double noise, long seed) {
        String op = "Spiral.generate";
        Checks.positive(op, "pointsPerClass", pointsPerClass);
        Checks.positive(op, "numClasses", numClasses);
        Checks.nonNegativeFinite(op, "noise", noise);
        int n = Checks.product(op, pointsPerClass, numClasses);
        Checks.product(op, n, 2);
        Rng rng = new Rng(seed);
        double[] radius = Linspace.of(0.0, 1.0, pointsPerClass);
        double[] x = new double[2 * n];
        int[] labels = new int[n];
        for (int j = 0; j < numClasses; j++) {
            double[] theta = Linspace.of(j * 4.0, (j + 1) * 4.0, pointsPerClass);
            for (int i = 0; i < pointsPerClass; i++) {
                double t = theta[i] + rng.nextGaussian() * noise;
                int row = j * pointsPerClass + i;
                x[2 * row] = radius[i] * StrictMath.sin(t);
                x[2 * row + 1] = radius[i] * StrictMath.cos(t);
                labels[row] = j;
            }
        }
        return Dataset.classification(Matrix.fromRowMajor(n, 2, x), labels, numClasses);
    }
}
