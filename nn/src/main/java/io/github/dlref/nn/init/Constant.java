package io.github.dlref.nn.init;

import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;

/**
 * All entries equal to a fixed value (PyTorch {@code nn.init.constant_}); draws nothing.
 *
 * @param value the value, finite
 */
public record Constant(double value) implements Initializer {

    /**
     * Validates the value.
     *
     * @param value the value
     * @throws IllegalArgumentException if the value is not finite
     */
    public Constant {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Constant: value must be finite, got " + value);
        }
    }

    /**
     * The constant matrix.
     *
     * @param rows the number of rows
     * @param cols the number of columns
     * @param rng not used (no draws)
     * @return a {@code rows x cols} matrix filled with {@link #value()}
     */
    @Override
    public Matrix initialize(int rows, int cols, Rng rng) {
        Fans.checkDims(rows, cols);
        return Matrix.filled(rows, cols, value);
    }
}
