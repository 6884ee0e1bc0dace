package io.github.dlref.nn.layers;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.nn.Module;
import java.util.Objects;

/**
 * Hardtanh (PyTorch {@code nn.Hardtanh(min_val, max_val)}), elementwise {@code y = min(max(x, min_val), max_val)},
 * defaults {@code -1} and {@code 1}. Gradient 1 strictly between the bounds and 0 at and beyond them (PyTorch's
 * {@code hardtanh_backward}; {@code torch.clamp} instead passes the gradient at the bounds). See the op
 * {@link io.github.dlref.nn.ops.Hardtanh}.
 *
 * <p>Shapes: {@code N x D} to {@code N x D}. No parameters; the same in training and evaluation mode.
 */
public final class Hardtanh extends Module {

    private final double minVal;
    private final double maxVal;

    /** A layer with PyTorch's defaults, {@code [-1, 1]}. */
    public Hardtanh() {
        this(-1.0, 1.0);
    }

    /**
     * A layer with chosen bounds.
     *
     * @param minVal the lower bound, finite
     * @param maxVal the upper bound, finite and {@code >= minVal}
     * @throws IllegalArgumentException if a bound is not finite or {@code maxVal < minVal}
     */
    public Hardtanh(double minVal, double maxVal) {
        io.github.dlref.nn.ops.Hardtanh.requireValid(minVal, maxVal);
        this.minVal = minVal;
        this.maxVal = maxVal;
    }

    /**
     * The lower bound.
     *
     * @return {@code min_val}
     */
    public double minVal() {
        return minVal;
    }

    /**
     * The upper bound.
     *
     * @return {@code max_val}
     */
    public double maxVal() {
        return maxVal;
    }

    /**
     * Applies the function.
     *
     * @param input the input batch
     * @return the output batch, same shape
     */
    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "Hardtanh.forward: input must not be null");
        return Tensor.apply(new io.github.dlref.nn.ops.Hardtanh(minVal, maxVal), input);
    }

    @Override
    protected String extraRepr() {
        return "min_val=" + minVal + ", max_val=" + maxVal;
    }
}
