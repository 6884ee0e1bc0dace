package io.github.dlref.nn.init;

import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import java.util.Objects;

/**
 * He/Kaiming uniform initialization (He et al. 2015, "Delving deep into rectifiers"; PyTorch
 * {@code nn.init.kaiming_uniform_}): draws from {@code U(-b, b)} with {@code std = gain / sqrt(fan)} and
 * {@code b = sqrt(3) std}, so the variance is {@code gain^2 / fan}, where {@code fan} is {@code fan_in}
 * ({@code cols}) or {@code fan_out} ({@code rows}) by {@link Fans.Mode}. PyTorch's defaults
 * ({@code a = 0}, {@code mode = 'fan_in'}, {@code nonlinearity = 'leaky_relu'}) give gain {@code sqrt(2)}:
 * {@link #relu()}. Draw order: one {@code nextDouble()} per entry, row-major.
 *
 * @param gain the gain, finite and {@code > 0} (see {@link Fans#reluGain()}, {@link Fans#leakyReluGain(double)})
 * @param mode which fan to divide by
 */
public record KaimingUniform(double gain, Fans.Mode mode) implements Initializer {

    /**
     * Validates the parameters.
     *
     * @param gain the gain
     * @param mode the fan mode
     * @throws IllegalArgumentException if the gain is not finite and positive
     */
    public KaimingUniform {
        Fans.requireGain("KaimingUniform", gain);
        Objects.requireNonNull(mode, "KaimingUniform: mode must not be null");
    }

    /**
     * PyTorch's default: gain {@code sqrt(2)} (ReLU), fan-in mode.
     *
     * @return the initializer
     */
    public static KaimingUniform relu() {
        return new KaimingUniform(Fans.reluGain(), Fans.Mode.FAN_IN);
    }

    /**
     * The half-width {@code b} of the interval for a {@code rows x cols} weight.
     *
     * @param rows the number of rows ({@code fan_out})
     * @param cols the number of columns ({@code fan_in})
     * @return {@code sqrt(3) gain / sqrt(fan)}
     */
    public double bound(int rows, int cols) {
        double std = gain / Math.sqrt(Fans.fan(mode, rows, cols));
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
        double b = bound(rows, cols);
        return rng.uniform(rows, cols, -b, b);
    }
}
