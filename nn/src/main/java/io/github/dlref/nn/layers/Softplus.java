package io.github.dlref.nn.layers;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.nn.Module;
import java.util.Objects;

/**
 * Softplus (PyTorch {@code nn.Softplus(beta, threshold)}), elementwise
 * {@code y = ln(1 + e^(beta x)) / beta}, reverting to {@code y = x} where {@code beta x > threshold} for
 * numerical stability; defaults {@code beta = 1}, {@code threshold = 20}. Gradient {@code sigma(beta x)} below
 * the switch, 1 above it. See the op {@link io.github.dlref.nn.ops.Softplus}.
 *
 * <p>Shapes: {@code N x D} to {@code N x D}. No parameters; the same in training and evaluation mode.
 */
public final class Softplus extends Module {

    /** PyTorch's default {@code beta}. */
    public static final double DEFAULT_BETA = 1.0;

    /** PyTorch's default {@code threshold}. */
    public static final double DEFAULT_THRESHOLD = 20.0;

    private final double beta;
    private final double threshold;

    /** A layer with PyTorch's defaults, {@code beta = 1}, {@code threshold = 20}. */
    public Softplus() {
        this(DEFAULT_BETA, DEFAULT_THRESHOLD);
    }

    /**
     * A layer with chosen constants.
     *
     * @param beta the sharpness, finite and {@code > 0}
     * @param threshold where {@code beta x} switches to the identity, finite
     * @throws IllegalArgumentException if {@code beta} is not positive and finite or the threshold is not finite
     */
    public Softplus(double beta, double threshold) {
        io.github.dlref.nn.ops.Softplus.requireValid(beta, threshold);
        this.beta = beta;
        this.threshold = threshold;
    }

    /**
     * The sharpness.
     *
     * @return {@code beta}
     */
    public double beta() {
        return beta;
    }

    /**
     * The switch to the identity.
     *
     * @return {@code threshold}
     */
    public double threshold() {
        return threshold;
    }

    /**
     * Applies the function.
     *
     * @param input the input batch
     * @return the output batch, same shape
     */
    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "Softplus.forward: input must not be null");
        return Tensor.apply(new io.github.dlref.nn.ops.Softplus(beta, threshold), input);
    }

    @Override
    protected String extraRepr() {
        return "beta=" + beta + ", threshold=" + threshold;
    }
}
