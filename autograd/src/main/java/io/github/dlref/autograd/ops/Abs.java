package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Elementwise absolute value {@code y_ij = |a_ij|}. Shapes: {@code n x m} to {@code n x m}.
 * Gradient: {@code dL/da_ij = g_ij sign(a_ij)} with {@code sign(0) = 0}, so the gradient at the kink
 * {@code a = 0} is 0 (PyTorch's {@code abs} backward, {@code grad * self.sgn()}). Saves the input.
 */
public final class Abs extends Op {

    private Matrix input;

    /** Creates the op. */
    public Abs() {
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        input = inputs[0];
        return input.abs();
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput.zip(input, (g, x) -> x > 0 ? g : x < 0 ? -g : 0.0)};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        Matrix sign = input.map(x -> x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0);
        return new Tensor[] {gradOutput.times(Tensor.constant(sign))};
    }

    /**
     * {@inheritDoc} Not this op: its derivative jumps from -1 to 1 at 0, so no second derivative exists there; away from it the second derivative
     * is 0, which is what its differentiable backward gives (a constant mask times the upstream gradient).
     *
     * @return {@code false}
     */
    @Override
    public boolean isTwiceDifferentiable() {
        return false;
    }
}
