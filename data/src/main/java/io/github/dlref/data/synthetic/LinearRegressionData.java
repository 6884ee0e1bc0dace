package io.github.dlref.data.synthetic;

import io.github.dlref.data.Dataset;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import java.util.Objects;

/**
 * Data from a known linear model (dl-basics: {@code y_hat = W x + b}), for checking that training recovers
 * {@code W} and {@code b}.
 *
 * <p>dl-basics writes one sample per column, {@code y = W x + b}; here one sample per row (the project's
 * batch convention), so with {@code W} of shape {@code K x D} (out x in, like a linear layer's weight) and
 * {@code b} of shape {@code 1 x K}:
 * <pre>
 * X ~ N(0, 1)  (N x D)
 * y_ik = (sum_{j = 0..D-1} x_ij w_kj) + b_k + noiseStd * e_ik,   e_ik ~ N(0, 1)
 * </pre>
 * i.e. {@code Y = X W^T + b + noise}; the sum over {@code j} runs left to right from {@code x_i0 w_k0}.
 * Standard-normal features and small Gaussian label noise follow Dive into Deep Learning's
 * {@code synthetic_data} (dl-basics cites it as [Book DIDL]; it uses noise 0.01). Draw order, from
 * {@code rng = new Rng(seed)}: all of {@code X} row-major ({@code N D} calls of {@code nextGaussian()}),
 * then all of {@code e} row-major ({@code N K} calls, made even when {@code noiseStd = 0}).
 */
public final class LinearRegressionData {

    /** The label-noise standard deviation of Dive into Deep Learning's example, 0.01. */
    public static final double D2L_NOISE = 0.01;

    private LinearRegressionData() {
    }

    /**
     * Generates {@code n} samples of {@code y = W x + b + noise}.
     *
     * @param n the number of samples, {@code >= 1}
     * @param weight {@code W}, {@code K x D} with {@code K, D >= 1}, finite
     * @param bias {@code b}, {@code 1 x K}, finite
     * @param noiseStd the standard deviation of the label noise, finite and {@code >= 0}
     * @param seed the seed
     * @return a regression dataset with {@code N x D} features and {@code N x K} targets
     * @throws IllegalArgumentException if the shapes do not match, a value is not finite, or a count is
     *     below 1
     */
    public static Dataset generate(int n, Matrix weight, Matrix bias, double noiseStd, long seed) {
        String op = "LinearRegressionData.generate";
        Objects.requireNonNull(weight, op + ": weight must not be null");
        Objects.requireNonNull(bias, op + ": bias must not be null");
        Checks.positive(op, "n", n);
        Checks.positive(op, "rows of weight (outputs K)", weight.rows());
        Checks.positive(op, "columns of weight (features D)", weight.cols());
        Checks.nonNegativeFinite(op, "noiseStd", noiseStd);
        if (bias.rows() != 1 || bias.cols() != weight.rows()) {
            throw new IllegalArgumentException(op + ": bias must be 1x" + weight.rows() + " for weight "
                    + weight.shape() + ", got " + bias.shape());
        }
        requireFinite(op, "weight", weight);
        requireFinite(op, "bias", bias);
        int d = weight.cols();
        int k = weight.rows();
        Checks.product(op, n, d);
        Checks.product(op, n, k);
        Rng rng = new Rng(seed);
        Matrix x = rng.gaussian(n, d, 0.0, 1.0);
        double[] y = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < k; o++) {
                double sum = x.get(i, 0) * weight.get(o, 0);
                for (int j = 1; j < d; j++) {
                    sum += x.get(i, j) * weight.get(o, j);
                }
                y[i * k + o] = sum + bias.get(0, o);
            }
        }
        for (int e = 0; e < y.length; e++) {
            y[e] = y[e] + noiseStd * rng.nextGaussian();
        }
        return Dataset.regression(x, Matrix.fromRowMajor(n, k, y));
    }

    private static void requireFinite(String op, String name, Matrix m) {
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                if (!Double.isFinite(m.get(i, j))) {
                    throw new IllegalArgumentException(op + ": " + name + " entry (" + i + ", " + j + ") is "
                            + m.get(i, j) + "; must be finite");
                }
            }
        }
    }
}
