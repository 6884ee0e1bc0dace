package io.github.dlref.nn.init;

import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;

/**
 * Draws the initial value of a parameter matrix.
 *
 * <p>Shape convention: a weight is {@code out x in} ({@code rows x cols}), and the fans are computed as
 * PyTorch's {@code torch.nn.init._calculate_fan_in_and_fan_out} does for a 2-D tensor:
 * {@code fan_in = cols}, {@code fan_out = rows} (see {@link Fans}). A {@code 1 x n} bias row is treated
 * the same way ({@code fan_in = n}, {@code fan_out = 1}); PyTorch refuses fan-based initializers on 1-D
 * biases, so apply them to biases only deliberately.
 *
 * <p>Randomness: every initializer draws from the given {@link Rng} only, in a documented order (matrix
 * entries in row-major order unless stated otherwise), so the same seed gives the same matrix bit for bit.
 * A matrix with no entries draws nothing.
 */
public interface Initializer {

    /**
     * Draws a {@code rows x cols} matrix.
     *
     * @param rows the number of rows ({@code out}), {@code >= 0}
     * @param cols the number of columns ({@code in}), {@code >= 0}
     * @param rng the generator to draw from (advanced by the draws)
     * @return the new matrix
     * @throws IllegalArgumentException if a dimension is negative
     */
    Matrix initialize(int rows, int cols, Rng rng);
}
