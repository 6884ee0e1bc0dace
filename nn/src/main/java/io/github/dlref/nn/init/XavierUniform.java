package io.github.dlref.nn.init;

import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;

/**
 * Xavier/Glorot uniform initialization (Glorot and Bengio 2010; dl-basics "Xavier initialization"; PyTorch
 * {@code nn.init.xavier_uniform_}): draws from {@code U(-a, a)} with
 * {@code std = gain sqrt(2 / (fan_in + fan_out))} and {@code a = sqrt(3) std}, so the variance is
 * {@code gain^2 2 / (fan_in + fan_out)}. Fans as in {@link Fans} ({@code fan_in = cols}, {@code fan_out = rows}).
 * Draw order: one {@code nextDouble()} per entry, row-major ({@link Uniform}).
 *
 * @param gain the scaling factor, finite and {@code > 0} (1 for linear or sigmoid layers, see {@link Fans})
 */
public record XavierUniform(double gain) implements Initializer {

    /**
     * Validates the gain.
     *
     * @param gain the gain
     * @throws IllegalArgumentException if the gain is not finite and positive
     */
    public XavierUniform {
        Fans.requireGain("XavierUniform", gain);
    }

    /** Gain 1, PyTorch's default. */
    public XavierUniform() {
        this(1.0);
    }

    /**
     * The half-width {@code a} of the interval for a {@code rows x cols} weight.
     *
     * @param rows the number of rows ({@code fan_out})
     * @param cols the number of columns ({@code fan_in})
     * @return {@code sqrt(3) gain sqrt(2 / (fan_in + fan_out))}
     */
    public double bound(int rows, int cols) {
        double std = gain * Math.sqrt(2.0 / (Fans.fanIn(rows, cols) + Fans.fanOut(rows, cols)));
        return Math.sqrt(3.0) * std;
    }

    /**
     * Draws the matrix.
     *
     * @param rows the number of rows
     * @param cols the number of columns
     * @param rng the generator ({@code rows * cols} calls of {@code nextDouble()}, row-major)
     * @return the matrix (empty without draws if {@code rows * cols == 0})
     */
    @Override
    public Matrix initialize(int rows, int cols, Rng rng) {
        Fans.checkDims(rows, cols);
        if (rows == 0 || cols == 0) {
            return Matrix.zeros(rows, cols);
        }
        double a = bound(rows, cols);
        return rng.uniform(rows, cols, -a, a);
    }
}
