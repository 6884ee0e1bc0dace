package io.github.dlref.nn.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.math.Matrix;

/**
 * Softplus with PyTorch's linear switch ({@code F.softplus(x, beta, threshold)}), elementwise
 * {@code y = ln(1 + e^(beta x)) / beta} for {@code beta x <= threshold} and {@code y = x} for
 * {@code beta x > threshold} (PyTorch's defaults: {@code beta = 1}, {@code threshold = 20}; at the switch the two
 * differ by {@code ln(1 + e^-20) / beta ~ 2e-9 / beta}). Gradient {@code z / (z + 1)} with {@code z = e^(beta x)}
 * below the switch and 1 above it; at {@code beta x = threshold} exactly the logarithmic branch is taken (PyTorch
 * compares with {@code >}). Shapes: {@code n x m} to {@code n x m}. Saves the input.
 */
public final class Softplus extends Op {

    private final double beta;
    private final double threshold;
    private Matrix input;

    /**
     * Creates the op.
     *
     * @param beta the sharpness {@code beta}, finite and {@code > 0}
     * @param threshold the switch to the identity, finite
     * @throws IllegalArgumentException if {@code beta} is not positive and finite or the threshold is not
     *     finite
     */
    public Softplus(double beta, double threshold) {
        requireValid(beta, threshold);
        this.beta = beta;
        this.threshold = threshold;
    }

    /**
     * Checks the constants.
     *
     * @param beta the sharpness, finite and {@code > 0}
     * @param threshold the switch to the identity, finite
     * @throws IllegalArgumentException naming the constant if {@code beta} is not positive and finite or the
     *     threshold is not finite
     */
    public static void requireValid(double beta, double threshold) {
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("Softplus: beta must be finite and > 0, got " + beta);
        }
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("Softplus: threshold must be finite, got " + threshold);
        }
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        input = inputs[0];
        return input.map(x -> x * beta > threshold ? x : StrictMath.log1p(StrictMath.exp(x * beta)) / beta);
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput.zip(input, (g, x) -> {
            if (x * beta > threshold) {
                return g;
            }
            double z = StrictMath.exp(x * beta);
            return g * z / (z + 1.0);
        })};
    }

    @Override
    public String name() {
        return "Softplus(beta=" + beta + ", threshold=" + threshold + ")";
    }
}
