package io.github.dlref.nn.init;

/**
 * Fan-in, fan-out and recommended gains, as PyTorch computes them ({@code torch.nn.init}):
 * for an {@code out x in} weight, {@code fan_in = in} (columns) and {@code fan_out = out} (rows); the gains
 * are those of {@code torch.nn.init.calculate_gain}.
 */
public final class Fans {

    private Fans() {
    }

    /** Which fan a variance-scaling initializer divides by. */
    public enum Mode {
        /** Divide by {@code fan_in}: preserves the variance of activations in the forward pass. */
        FAN_IN,
        /** Divide by {@code fan_out}: preserves the variance of gradients in the backward pass. */
        FAN_OUT
    }

    /**
     * The fan-in of a {@code rows x cols} weight.
     *
     * @param rows the number of rows ({@code out})
     * @param cols the number of columns ({@code in})
     * @return {@code cols}
     */
    public static int fanIn(int rows, int cols) {
        checkDims(rows, cols);
        return cols;
    }

    /**
     * The fan-out of a {@code rows x cols} weight.
     *
     * @param rows the number of rows ({@code out})
     * @param cols the number of columns ({@code in})
     * @return {@code rows}
     */
    public static int fanOut(int rows, int cols) {
        checkDims(rows, cols);
        return rows;
    }

    /**
     * The fan selected by a mode.
     *
     * @param mode which fan
     * @param rows the number of rows ({@code out})
     * @param cols the number of columns ({@code in})
     * @return {@code cols} for {@link Mode#FAN_IN}, {@code rows} for {@link Mode#FAN_OUT}
     */
    public static int fan(Mode mode, int rows, int cols) {
        return mode == Mode.FAN_IN ? fanIn(rows, cols) : fanOut(rows, cols);
    }

    /**
     * Gain for a linear layer, identity or sigmoid: 1.
     *
     * @return 1
     */
    public static double linearGain() {
        return 1.0;
    }

    /**
     * Gain for tanh: {@code 5 / 3}.
     *
     * @return {@code 5.0 / 3}
     */
    public static double tanhGain() {
        return 5.0 / 3;
    }

    /**
     * Gain for ReLU: {@code sqrt(2)}.
     *
     * @return {@code Math.sqrt(2.0)}
     */
    public static double reluGain() {
        return Math.sqrt(2.0);
    }

    /**
     * Gain for leaky ReLU with a negative slope {@code a}: {@code sqrt(2 / (1 + a^2))} (PyTorch's default
     * slope for this gain is 0.01).
     *
     * @param negativeSlope the slope {@code a} for negative inputs, finite
     * @return the gain
     * @throws IllegalArgumentException if the slope is not finite
     */
    public static double leakyReluGain(double negativeSlope) {
        if (!Double.isFinite(negativeSlope)) {
            throw new IllegalArgumentException("leakyReluGain: negativeSlope must be finite, got " + negativeSlope);
        }
        return Math.sqrt(2.0 / (1 + negativeSlope * negativeSlope));
    }

    static void checkDims(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("initializer: dimensions must be >= 0, got " + rows + "x" + cols);
        }
    }

    static double requireGain(String who, double gain) {
        if (!(gain > 0) || Double.isInfinite(gain)) {
            throw new IllegalArgumentException(who + ": gain must be finite and > 0, got " + gain);
        }
        return gain;
    }
}
