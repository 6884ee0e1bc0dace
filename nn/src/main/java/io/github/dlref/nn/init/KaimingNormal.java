package io.github.dlref.nn.init;

import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import java.util.Objects;

/**
 * He/Kaiming normal initialization (He et al. 2015; PyTorch {@code nn.init.kaiming_normal_}): draws from
 * {@code N(0, std^2)} with {@code std = gain / sqrt(fan)}, where {@code fan} is {@code fan_in} ({@code cols})
 * or {@code fan_out} ({@code rows}) by {@link Fans.Mode}. Not truncated (Keras's {@code HeNormal} draws from a
 * truncated normal, a different distribution). Draw order: one {@code nextGaussian()} per entry, row-major.
 *
 * @param gain the gain, finite and {@code > 0}
 * @param mode which fan to divide by
 */
public record KaimingNormal(double gain, Fans.Mode mode) implements Initializer {

    /**
     * Validates the parameters.
     *
     * @param gain the gain
     * @param mode the fan mode
     * @throws IllegalArgumentException if the gain is not finite and positive
     */
    public KaimingNormal {
        Fans.requireGain("KaimingNormal", gain);
        Objects.requireNonNull(mode, "KaimingNormal: mode must not be null");
    }

    /**
     * PyTorch's default: gain {@code sqrt(2)} (ReLU), fan-in mode.
     *
     * @return the initializer
     */
    public static KaimingNormal relu() {
        return new KaimingNormal(Fans.reluGain(), Fans.Mode.FAN_IN);
    }

    /**
     * The standard deviation for a {@code rows x cols} weight.
     *
     * @param rows the number of rows ({@code fan_out})
     * @param cols the number of columns ({@code fan_in})
     * @return {@code gain / sqrt(fan)}
     */
    public double std(int rows, int cols) {
        return gain / Math.sqrt(Fans.fan(mode, rows, cols));
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
