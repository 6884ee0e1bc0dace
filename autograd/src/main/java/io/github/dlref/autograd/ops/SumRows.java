package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Per-row sums {@code s_i = sum_j a_ij} (PyTorch {@code a.sum(dim=1, keepdim=True)}), each summed left to
 * right. Shapes: {@code n x m} to {@code n x 1}. Gradient: {@code dL/da_ij = g_i} (each row of the input
 * receives its row's upstream gradient).
 */
public final class SumRows extends Op {

    private int cols;

    /** Creates the op. */
    public SumRows() {
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        cols = inputs[0].cols();
        return inputs[0].sumRows();
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {Matrix.build(gradOutput.rows(), cols, (i, j) -> gradOutput.get(i, 0))};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {Expand.column(gradOutput, cols)};
    }
}
