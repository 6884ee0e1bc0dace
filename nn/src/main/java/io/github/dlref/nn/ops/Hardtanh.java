package io.github.dlref.nn.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Hardtanh (PyTorch {@code F.hardtanh(x, min_val, max_val)}), elementwise {@code y = min(max(x, lo), hi)}.
 * Gradient {@code g} strictly inside {@code (lo, hi)} and 0 at and beyond the bounds: PyTorch's
 * {@code hardtanh_backward} zeroes the gradient where {@code x <= lo} or {@code x >= hi}. This differs from
 * {@code clamp} (the autograd op {@code Clamp}, PyTorch {@code torch.clamp}), whose gradient passes at the bounds.
 * Shapes: {@code n x m} to {@code n x m}. Saves the input.
 *
 * <p>Piecewise linear ({@link #isTwiceDifferentiable()} is {@code false}): the second derivative is 0 inside and
 * outside the bounds and does not exist at {@code x = lo} or {@code x = hi}, where the first derivative jumps;
 * second-order checks sample inputs away from the bounds. The differentiable backward rule multiplies the upstream
 * gradient by the constant 0/1 mask, as PyTorch's {@code hardtanh_backward} is differentiated.
 */
public final class Hardtanh extends Op {

    private final double lo;
    private final double hi;
    private Matrix input;

    /**
     * Creates the op.
     *
     * @param lo the lower bound, finite
     * @param hi the upper bound, finite and {@code >= lo}
     * @throws IllegalArgumentException if a bound is not finite or {@code hi < lo}
     */
    public Hardtanh(double lo, double hi) {
        requireValid(lo, hi);
        this.lo = lo;
        this.hi = hi;
    }

    /**
     * Checks the bounds.
     *
     * @param lo the lower bound, finite
     * @param hi the upper bound, finite and {@code >= lo}
     * @throws IllegalArgumentException naming both bounds if one is not finite or {@code hi < lo}
     */
    public static void requireValid(double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || hi < lo) {
            throw new IllegalArgumentException("Hardtanh: need finite bounds with min_val <= max_val, got min_val "
                    + lo + " and max_val " + hi);
        }
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        input = inputs[0];
        return input.map(x -> x < lo ? lo : x > hi ? hi : x);
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput.zip(input, (g, x) -> x <= lo || x >= hi ? 0.0 : g)};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {gradOutput.times(Tensor.constant(input.map(x -> x <= lo || x >= hi ? 0.0 : 1.0)))};
    }

    /**
     * {@inheritDoc} Not this op: its derivative jumps at the bounds.
     *
     * @return {@code false}
     */
    @Override
    public boolean isTwiceDifferentiable() {
        return false;
    }

    @Override
    public String name() {
        return "Hardtanh(min_val=" + lo + ", max_val=" + hi + ")";
    }
}
