package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Rectified linear unit {@code y_ij = max(0, a_ij)}. Shapes: {@code n x m} to {@code n x m}.
 * Gradient: {@code dL/da_ij = g_ij} where {@code a_ij > 0}, else 0; in particular ReLU'(0) = 0 (the
 * project convention, as PyTorch and micrograd). Saves the input.
 */
public final class Relu extends Op {

    private Matrix input;

    /** Creates the op. */
    public Relu() {
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        input = inputs[0];
        return input.map(x -> x > 0 ? x : 0.0);
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput.zip(input, (g, x) -> x > 0 ? g : 0.0)};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {gradOutput.times(Tensor.constant(input.map(x -> x > 0 ? 1.0 : 0.0)))};
    }

    /**
     * {@inheritDoc} Not this op: its derivative jumps from 0 to 1 at 0, so no second derivative exists there; away from it the second derivative
     * is 0, which is what its differentiable backward gives (a constant mask times the upstream gradient).
     *
     * @return {@code false}
     */
    @Override
    public boolean isTwiceDifferentiable() {
        return false;
    }
}
