package io.github.dlref.nn.init;

import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;

/** All entries {@code +0.0} (PyTorch {@code nn.init.zeros_}); draws nothing. */
public record Zeros() implements Initializer {

    /**
     * The zero matrix.
     *
     * @param rows the number of rows
     * @param cols the number of columns
     * @param rng not used (no draws)
     * @return a {@code rows x cols} matrix of zeros
     */
    @Override
    public Matrix initialize(int rows, int cols, Rng rng) {
        Fans.checkDims(rows, cols);
        return Matrix.zeros(rows, cols);
    }
}
