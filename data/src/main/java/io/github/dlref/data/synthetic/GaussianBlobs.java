package io.github.dlref.data.synthetic;

import io.github.dlref.data.Dataset;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import java.util.Objects;

/**
 * Isotropic Gaussian clusters, as scikit-learn's {@code make_blobs}: {@code K} centers {@code c_k} in
 * {@code D} dimensions, samples {@code x = c_k + std g} with label {@code k}.
 *
 * <p>Sample counts follow scikit-learn: each center gets {@code n / K} samples (integer division) and the
 * first {@code n mod K} centers one more. Draw order, from {@code rng = new Rng(seed)}:
 * <ol>
 *   <li>only for {@link #generate(int, int, int, double, boolean, long)}: the centers, {@code K x D} values
 *       {@code lo + (hi - lo) rng.nextDouble()} row-major, with {@code [lo, hi) = [-10, 10)} (scikit-learn's
 *       default {@code center_box});</li>
 *   <li>the samples, center by center and, within a center, row-major: {@code x_ij = c_kj + std * g}
 *       with {@code g = rng.nextGaussian()} (made even when {@code std = 0});</li>
 *   <li>if {@code shuffle}: one permutation {@code p = rng.permutation(n)}; row {@code r} of the result is
 *       row {@code p[r]} of the ordered samples (scikit-learn also shuffles after generating).</li>
 * </ol>
 */
public final class GaussianBlobs {

    /** The lower end of the box random centers are drawn from (scikit-learn's default), -10. */
    public static final double CENTER_BOX_LOW = -10.0;

    /** The upper end of the box random centers are drawn from (scikit-learn's default), 10. */
    public static final double CENTER_BOX_HIGH = 10.0;

    private GaussianBlobs() {
    }

    /**
     * Blobs around given centers.
     *
     * @param n the number of samples, {@code >= 1}
     * @param centers the {@code K x D} centers, {@code K >= 1}, {@code D >= 1}, all finite
     * @param std the standard deviation of every cluster, finite and {@code >= 0}
     * @param shuffle whether to permute the rows after generating them
     * @param seed the seed
     * @return a classification dataset of {@code n} samples, {@code D} features, {@code K} classes
     * @throws IllegalArgumentException if a count is below 1, a center is not finite, or {@code std} is
     *     negative or not finite
     */
    public static Dataset generate(int n, Matrix centers, double std, boolean shuffle, long seed) {
        Objects.requireNonNull(centers, "GaussianBlobs.generate: centers must not be null");
        return generate(n, centers, std, shuffle, new Rng(seed));
    }

    /**
     * Blobs around {@code K} random centers drawn uniformly from {@code [-10, 10)^D} (first draws, see the
     * class description).
     *
     * @param n the number of samples, {@code >= 1}
     * @param numCenters {@code K}, {@code >= 1}
     * @param numFeatures {@code D}, {@code >= 1}
     * @param std the standard deviation of every cluster, finite and {@code >= 0}
     * @param shuffle whether to permute the rows after generating them
     * @param seed the seed
     * @return a classification dataset of {@code n} samples, {@code D} features, {@code K} classes
     * @throws IllegalArgumentException if a count is below 1 or {@code std} is negative or not finite
     */
    public static Dataset generate(int n, int numCenters, int numFeatures, double std, boolean shuffle,
            long seed) {
        String op = "GaussianBlobs.generate";
        Checks.positive(op, "numCenters", numCenters);
        Checks.positive(op, "numFeatures", numFeatures);
        Checks.product(op, numCenters, numFeatures);
        Rng rng = new Rng(seed);
        Matrix centers = rng.uniform(numCenters, numFeatures, CENTER_BOX_LOW, CENTER_BOX_HIGH);
        return generate(n, centers, std, shuffle, rng);
    }

    /**
     * The number of samples scikit-learn's {@code make_blobs} gives each center.
     *
     * @param n the number of samples, {@code >= 0}
     * @param numCenters {@code K}, {@code >= 1}
     * @return {@code K} counts: {@code n / K}, plus one for the first {@code n mod K} centers
     * @throws IllegalArgumentException if {@code n < 0} or {@code numCenters < 1}
     */
    public static int[] samplesPerCenter(int n, int numCenters) {
        if (n < 0 || numCenters < 1) {
            throw new IllegalArgumentException("GaussianBlobs.samplesPerCenter: need n >= 0 and numCenters >= 1,"
                    + " got n=" + n + ", numCenters=" + numCenters);
        }
        int[] counts = new int[numCenters];
        for (int k = 0; k < numCenters; k++) {
            counts[k] = n / numCenters + (k < n % numCenters ? 1 : 0);
        }
        return counts;
    }

    private static Dataset generate(int n, Matrix centers, double std, boolean shuffle, Rng rng) {
        String op = "GaussianBlobs.generate";
        Checks.positive(op, "n", n);
        Checks.positive(op, "number of centers (rows of centers)", centers.rows());
        Checks.positive(op, "number of features (columns of centers)", centers.cols());
        Checks.nonNegativeFinite(op, "std", std);
        int d = centers.cols();
        Checks.product(op, n, d);
        for (int k = 0; k < centers.rows(); k++) {
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(centers.get(k, j))) {
                    throw new IllegalArgumentException(op + ": center " + k + " has a non-finite coordinate "
                            + centers.get(k, j) + " at column " + j);
                }
            }
        }
        int[] counts = samplesPerCenter(n, centers.rows());
        double[] ordered = new double[n * d];
        int[] orderedLabels = new int[n];
        int row = 0;
        for (int k = 0; k < counts.length; k++) {
            for (int s = 0; s < counts[k]; s++, row++) {
                for (int j = 0; j < d; j++) {
                    ordered[row * d + j] = centers.get(k, j) + std * rng.nextGaussian();
                }
                orderedLabels[row] = k;
            }
        }
        Matrix x = Matrix.fromRowMajor(n, d, ordered);
        Dataset data = Dataset.classification(x, orderedLabels, centers.rows());
        return shuffle ? data.subset(rng.permutation(n)) : data;
    }
}
