package io.github.dlref.nn.init;

import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;

/**
 * Uniform draws on {@code [low, high)} (PyTorch {@code nn.init.uniform_(a, b)}, whose defaults are
 * {@code a = 0, b = 1}): entry {@code = low + (high - low) u} with {@code u = rng.nextDouble()}, one draw per
 * entry in row-major order. Variance {@code (high - low)^2 / 12}.
 *
 * @param low the lower bound, finite
 * @param high the upper bound, finite, {@code >= low}
 */
public record Uniform(double low, double high) implements Initializer {

    /**
     * Validates the bounds.
     *
     * @param low the lower bound
     * @param high the upper bound
     * @throws IllegalArgumentException if a bound is not finite or {@code low > high}
     */
    public Uniform {
        if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
            throw new IllegalArgumentException("Uniform: need finite low <= high, got low=" + low + ", high=" + high);
        }
    }

    /**
     * The symmetric interval {@code [-bound, bound)}.
     *
     * @param bound the half-width, finite, {@code >= 0}
     * @return the initializer
     * @throws IllegalArgumentException if the bound is negative or not finite
     */
    public static Uniform symmetric(double bound) {
        if (!(bound >= 0) || Double.isInfinite(bound)) {
            throw new IllegalArgumentException("Uniform.symmetric: bound must be finite and >= 0, got " + bound);
        }
        return new Uniform(-bound, bound);
    }

    /**
     * Draws the matrix.
     *
     * @param rows the number of rows
     * @param cols the number of columns
     * @param rng the generator ({@code rows * cols} calls of {@code nextDouble()}, row-major)
     * @return the matrix
     */
    @Override
    public Matrix initialize(int rows, int cols, Rng rng) {
        Fans.checkDims(rows, cols);
        return rng.uniform(rows, cols, low, high);
    }
}
