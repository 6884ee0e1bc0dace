package io.github.dlref.nn.init;

import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;

/**
 * Gaussian draws {@code N(mean, std^2)}, the fixed-variance initialization of dl-basics ({@code N(0, sigma^2)})
 * and PyTorch's {@code nn.init.normal_(mean, std)}: entry {@code = mean + std g} with
 * {@code g = rng.nextGaussian()} (the polar method, which draws pairs and caches the second value), one call
 * per entry in row-major order.
 *
 * @param mean the mean, finite
 * @param std the standard deviation {@code sigma}, finite, {@code >= 0}
 */
public record Normal(double mean, double std) implements Initializer {

    /**
     * Validates the parameters.
     *
     * @param mean the mean
     * @param std the standard deviation
     * @throws IllegalArgumentException if the mean is not finite, or the standard deviation is negative or
     *     not finite
     */
    public Normal {
        if (!Double.isFinite(mean) || !(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("Normal: need finite mean and finite std >= 0, got mean=" + mean
                    + ", std=" + std);
        }
    }

    /**
     * The zero-mean Gaussian {@code N(0, sigma^2)} of dl-basics.
     *
     * @param sigma the standard deviation, finite, {@code >= 0}
     * @return the initializer
     */
    public static Normal withStd(double sigma) {
        return new Normal(0.0, sigma);
    }

    /**
     * Draws the matrix.
     *
     * @param rows the number of rows
     * @param cols the number of columns
     * @param rng the generator ({@code rows * cols} calls of {@code nextGaussian()}, row-major)
     * @return the matrix
     */
    @Override
    public Matrix initialize(int rows, int cols, Rng rng) {
        Fans.checkDims(rows, cols);
        return rng.gaussian(rows, cols, mean, std);
    }
}
