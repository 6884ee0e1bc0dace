package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Per-column sums {@code s_j = sum_i a_ij} (PyTorch {@code a.sum(dim=0, keepdim=True)}), each summed top to
 * bottom. Shapes: {@code n x m} to {@code 1 x m}. Gradient: {@code dL/da_ij = g_j}, the upstream row
 * repeated {@code n} times (sum forward, broadcast backward: the pair of {@link AddRow}).
 */
public final class SumCols extends Op {

    private int rows;

    /** Creates the op. */
    public SumCols() {
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        rows = inputs[0].rows();
        return inputs[0].sumCols();
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput.repeatRows(rows)};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {Expand.row(gradOutput, rows)};
    }
}
