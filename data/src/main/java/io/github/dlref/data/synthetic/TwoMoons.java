package io.github.dlref.data.synthetic;

import io.github.dlref.data.Dataset;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;

/**
 * Two interleaving half circles, as scikit-learn's {@code make_moons}, the dataset of micrograd's demo
 * ({@code make_moons(n_samples=100, noise=0.1)}, then labels mapped to {@code -1, +1} by {@code y*2 - 1};
 * see {@link io.github.dlref.data.OneHot#signedTargets(int[])}).
 *
 * <p>With {@code nOut = n / 2} (integer division) and {@code nIn = n - nOut}, before shuffling and noise:
 * <pre>
 * rows 0 .. nOut-1  (label 0): (cos(s_k), sin(s_k)),             s = linspace(0, pi, nOut)
 * rows nOut .. n-1  (label 1): (1 - cos(u_k), 1 - sin(u_k) - 0.5), u = linspace(0, pi, nIn)
 * </pre>
 * ({@link StrictMath} sine and cosine, {@code pi = Math.PI}, numpy's linspace). Draw order, from
 * {@code rng = new Rng(seed)}, in scikit-learn's order of operations: first, if {@code shuffle}, one
 * permutation {@code p = rng.permutation(n)} (Fisher-Yates) and row {@code k} of the result becomes row
 * {@code p[k]} of the table above; then the noise {@code x_ij + noise * rng.nextGaussian()} row by row
 * (row-major), made even when {@code noise = 0}.
 */
public final class TwoMoons {

    /** The sample count of micrograd's demo, 100. */
    public static final int MICROGRAD_SAMPLES = 100;

    /** The noise level of micrograd's demo, 0.1. */
    public static final double MICROGRAD_NOISE = 0.1;

    private TwoMoons() {
    }

    /**
     * The dataset of micrograd's demo: 100 samples, noise 0.1, shuffled (scikit-learn's default).
     *
     * @param seed the seed
     * @return a classification dataset of 100 samples, 2 features, 2 classes (labels 0 and 1)
     */
    public static Dataset microgradDemo(long seed) {
        return generate(MICROGRAD_SAMPLES, MICROGRAD_NOISE, true, seed);
    }

    /**
     * Two moons.
     *
     * @param n the number of samples, {@code >= 1}
     * @param noise the standard deviation of the Gaussian noise added to both coordinates, finite,
     *     {@code >= 0}
     * @param shuffle whether to permute the rows (before adding noise)
     * @param seed the seed
     * @return a classification dataset of {@code n} samples, 2 features, 2 classes
     * @throws IllegalArgumentException if {@code n < 1} or the noise is negative or not finite
     */
    public static Dataset generate(int n, double noise, boolean shuffle, long seed) {
        String op = "TwoMoons.generate";
        Checks.positive(op, "n", n);
        Checks.nonNegativeFinite(op, "noise", noise);
        Checks.product(op, n, 2);
        int nOut = n / 2;
        int nIn = n - nOut;
        double[] s = Linspace.of(0.0, Math.PI, nOut);
        double[] u = Linspace.of(0.0, Math.PI, nIn);
        double[][] table = new double[n][];
        int[] tableLabels = new int[n];
        for (int k = 0; k < nOut; k++) {
            table[k] = new double[] {StrictMath.cos(s[k]), StrictMath.sin(s[k])};
        }
        for (int k = 0; k < nIn; k++) {
            table[nOut + k] = new double[] {1 - StrictMath.cos(u[k]), 1 - StrictMath.sin(u[k]) - 0.5};
            tableLabels[nOut + k] = 1;
        }
        Rng rng = new Rng(seed);
        int[] order = shuffle ? rng.permutation(n) : identity(n);
        double[] x = new double[2 * n];
        int[] labels = new int[n];
        for (int k = 0; k < n; k++) {
            x[2 * k] = table[order[k]][0];
            x[2 * k + 1] = table[order[k]][1];
            labels[k] = tableLabels[order[k]];
        }
        for (int k = 0; k < 2 * n; k++) {
            x[k] = x[k] + noise * rng.nextGaussian();
        }
        return Dataset.classification(Matrix.fromRowMajor(n, 2, x), labels, 2);
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }
}
