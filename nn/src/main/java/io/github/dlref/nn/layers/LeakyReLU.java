package io.github.dlref.nn.layers;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.nn.Module;
import java.util.Objects;

/**
 * Leaky rectified linear unit, elementwise {@code y = x} for {@code x > 0} and {@code y = a x} otherwise
 * (PyTorch {@code nn.LeakyReLU}, default negative slope {@code a = 0.01}). Gradient {@code 1} for
 * {@code x > 0}, {@code a} for {@code x <= 0} (PyTorch's choice at 0).
 *
 * <p>Shapes: {@code N x D} to {@code N x D}. No parameters; the same in training and evaluation mode.
 */
public final class LeakyReLU extends Module {

    /** PyTorch's default negative slope. */
    public static final double DEFAULT_NEGATIVE_SLOPE = 0.01;

    private final double negativeSlope;

    /** A layer with PyTorch's default slope 0.01. */
    public LeakyReLU() {
        this(DEFAULT_NEGATIVE_SLOPE);
    }

    /**
     * A layer with a chosen slope.
     *
     * @param negativeSlope the slope {@code a} for {@code x <= 0}, finite
     * @throws IllegalArgumentException if the slope is not finite
     */
    public LeakyReLU(double negativeSlope) {
        if (!Double.isFinite(negativeSlope)) {
            throw new IllegalArgumentException("LeakyReLU: negativeSlope must be finite, got " + negativeSlope);
        }
        this.negativeSlope = negativeSlope;
    }

    /**
     * The negative slope.
     *
     * @return {@code a}
     */
    public double negativeSlope() {
        return negativeSlope;
    }

    /**
     * Applies the function.
     *
     * @param input the input batch
     * @return the output batch, same shape
     */
    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "LeakyReLU.forward: input must not be null");
        return input.leakyRelu(negativeSlope);
    }

    @Override
    protected String extraRepr() {
        return "negative_slope=" + negativeSlope;
    }
}
