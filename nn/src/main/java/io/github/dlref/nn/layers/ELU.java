package io.github.dlref.nn.layers;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.nn.Module;
import io.github.dlref.nn.ops.Elu;
import java.util.Objects;

/**
 * Exponential linear unit (Clevert, Unterthiner and Hochreiter 2016; PyTorch {@code nn.ELU}), elementwise
 * {@code y = x} for {@code x > 0} and {@code y = alpha (e^x - 1)} for {@code x <= 0}, default
 * {@code alpha = 1}. Gradient 1 for {@code x > 0} and {@code alpha e^x} for {@code x <= 0} (so {@code alpha} at
 * 0, PyTorch's choice). See the op {@link Elu}.
 *
 * <p>Shapes: {@code N x D} to {@code N x D}. No parameters; the same in training and evaluation mode.
 */
public final class ELU extends Module {

    /** PyTorch's default {@code alpha}. */
    public static final double DEFAULT_ALPHA = 1.0;

    private final double alpha;

    /** A layer with {@code alpha = 1}. */
    public ELU() {
        this(DEFAULT_ALPHA);
    }

    /**
     * A layer with a chosen {@code alpha}.
     *
     * @param alpha the value {@code -alpha} the output approaches as {@code x -> -inf}, finite
     * @throws IllegalArgumentException if {@code alpha} is not finite
     */
    public ELU(double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("ELU: alpha must be finite, got " + alpha);
        }
        this.alpha = alpha;
    }

    /**
     * The saturation constant.
     *
     * @return {@code alpha}
     */
    public double alpha() {
        return alpha;
    }

    /**
     * Applies the function.
     *
     * @param input the input batch
     * @return the output batch, same shape
     */
    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "ELU.forward: input must not be null");
        return Tensor.apply(new Elu(alpha, 1.0), input);
    }

    @Override
    protected String extraRepr() {
        return "alpha=" + alpha;
    }
}
