package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Clamp to an interval {@code y_ij = min(max(a_ij, lo), hi)}. Shapes: {@code n x m} to {@code n x m}.
 * Gradient: {@code dL/da_ij = g_ij} where {@code lo <= a_ij <= hi} (boundaries included), else 0. At the
 * boundaries this passes the gradient through, which is what PyTorch's {@code torch.clamp} does (observed
 * with torch 1.13 in float64: clamping {@code [-1, 0, 1, 2, 3]} to {@code [0, 2]} gives the gradient
 * {@code [0, 1, 1, 1, 0]}). Saves the input.
 */
public final class Clamp extends Op {

    private final double lo;
    private final double hi;
    private Matrix input;

    /**
     * Creates the op.
     *
     * @param lo the lower bound (may be {@code -infinity})
     * @param hi the upper bound, {@code >= lo} (may be {@code +infinity})
     * @throws IllegalArgumentException if a bound is NaN or {@code lo > hi}
     */
    public Clamp(double lo, double hi) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("Clamp: need lo <= hi (neither NaN), got lo=" + lo + ", hi=" + hi);
        }
        this.lo = lo;
        this.hi = hi;
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        input = inputs[0];
        return input.clamp(lo, hi);
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput.zip(input, (g, x) -> x >= lo && x <= hi ? g : 0.0)};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {gradOutput.times(Tensor.constant(input.map(x -> x >= lo && x <= hi ? 1.0 : 0.0)))};
    }

    /**
     * {@inheritDoc} Not this op: its derivative jumps between 0 and 1 at the bounds, so no second derivative exists there; away from it the second derivative
     * is 0, which is what its differentiable backward gives (a constant mask times the upstream gradient).
     *
     * @return {@code false}
     */
    @Override
    public boolean isTwiceDifferentiable() {
        return false;
    }
}
