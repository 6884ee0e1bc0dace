package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Transpose {@code C = A^T}, {@code c_ij = a_ji}. Shapes: {@code m x n} to {@code n x m}.
 * Gradient: {@code dL/dA = G^T}. Nothing is saved.
 */
public final class Transpose extends Op {

    /** Creates the op. */
    public Transpose() {
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        return inputs[0].transpose();
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput.transpose()};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {gradOutput.transpose()};
    }
}
