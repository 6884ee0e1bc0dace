package io.github.dlref.nn.layers;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.nn.Module;
import io.github.dlref.nn.ops.Gelu;
import java.util.Objects;

/**
 * Gaussian error linear unit (Hendrycks and Gimpel 2016; PyTorch {@code nn.GELU(approximate=...)}),
 * elementwise. Exact form (PyTorch's default, {@code approximate='none'}): {@code y = x Phi(x)}, with the
 * standard normal distribution function {@code Phi(x) = (1 + erf(x / sqrt 2)) / 2}, gradient
 * {@code Phi(x) + x phi(x)}. Tanh form ({@code approximate='tanh'}):
 * {@code y = x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) / 2}. {@code erf} is {@link io.github.dlref.math.Erf}
 * (within one ulp); see the op {@link Gelu} for the gradients and the comparison with PyTorch's evaluation.
 *
 * <p>Shapes: {@code N x D} to {@code N x D}. No parameters; the same in training and evaluation mode.
 */
public final class GELU extends Module {

    /** Which form of GELU, PyTorch's {@code approximate} argument. */
    public enum Approximation {
        /** {@code approximate='none'}: the exact form with {@code erf}. */
        NONE,
        /** {@code approximate='tanh'}: the tanh approximation. */
        TANH
    }

    private final Approximation approximation;

    /** The exact form, PyTorch's default. */
    public GELU() {
        this(Approximation.NONE);
    }

    /**
     * A chosen form.
     *
     * @param approximation {@code NONE} (exact) or {@code TANH}
     */
    public GELU(Approximation approximation) {
        this.approximation = Objects.requireNonNull(approximation, "GELU: approximation must not be null");
    }

    /**
     * The form.
     *
     * @return the approximation
     */
    public Approximation approximation() {
        return approximation;
    }

    /**
     * Applies the function.
     *
     * @param input the input batch
     * @return the output batch, same shape
     */
    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "GELU.forward: input must not be null");
        return Tensor.apply(new Gelu(approximation == Approximation.TANH), input);
    }

    @Override
    protected String extraRepr() {
        return "approximate=" + (approximation == Approximation.TANH ? "tanh" : "none");
    }
}
