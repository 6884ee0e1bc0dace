package io.github.dlref.nn.init;

import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;

/**
 * Xavier/Glorot normal initialization (Glorot and Bengio 2010; dl-basics "Xavier initialization"; PyTorch
 * {@code nn.init.xavier_normal_}): draws from {@code N(0, std^2)} with
 * {@code std = gain sqrt(2 / (fan_in + fan_out))}. Not truncated (Keras's {@code GlorotNormal} draws from a
 * truncated normal, a different distribution). Draw order: one {@code nextGaussian()} per entry,
 * row-major ({@link Normal}).
 *
 * @param gain the scaling factor, finite and {@code > 0}
 */
public record XavierNormal(double gain) implements Initializer {

    /**
     * Validates the gain.
     *
     * @param gain the gain
     * @throws IllegalArgumentException if the gain is not finite and positive
     */
    public XavierNormal {
        Fans.requireGain("XavierNormal", gain);
    }

    /** Gain 1, PyTorch's default. */
    public XavierNormal() {
        this(1.0);
    }

    /**
     * The standard deviation for a {@code rows x cols} weight.
     *
     * @param rows the number of rows ({@code fan_out})
     * @param cols the number of columns ({@code fan_in})
     * @return {@code gain sqrt(2 / (fan_in + fan_out))}
     */
    public double std(int rows, int cols) {
        return gain * Math.sqrt(2.0 / (Fans.fanIn(rows, cols) + Fans.fanOut(rows, cols)));
    }

    /**
     * Draws the matrix.
     *
     * @param rows the number of rows
     * @param cols the number of columns
     * @param rng the generator ({@code rows * cols} calls of {@code nextGaussian()}, row-major)
     * @return the matrix (empty without draws if {@code rows * cols == 0})
     */
    @Override
    public Matrix initialize(int rows, int cols, Rng rng) {
        Fans.checkDims(rows, cols);
        if (rows == 0 || cols == 0) {
            return Matrix.zeros(rows, cols);
        }
        return rng.gaussian(rows, cols, 0.0, std(rows, cols));
    }
}
