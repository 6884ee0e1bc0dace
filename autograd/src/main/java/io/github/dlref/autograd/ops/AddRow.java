package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Row-broadcast addition {@code C = A + 1 r}: the {@code 1 x m} row {@code r} is added to every row of
 * {@code A}, {@code c_ij = a_ij + r_j} (the bias of a linear layer, {@code y = x W^T + b}).
 *
 * <p>Shapes: {@code A} is {@code n x m}, {@code r} is {@code 1 x m}, {@code C} is {@code n x m}.
 * Gradient: {@code dL/dA = G}; {@code dL/dr_j = sum_i g_ij}, the column sums of {@code G} (broadcast
 * forward, sum backward: the paired operation of {@link SumCols}). Nothing is saved.
 */
public final class AddRow extends Op {

    /** Creates the op. */
    public AddRow() {
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        Matrix a = inputs[0];
        Matrix row = inputs[1];
        if (row.rows() != 1 || row.cols() != a.cols()) {
            throw new IllegalArgumentException(name() + ": the row must be 1x" + a.cols() + " to broadcast over "
                    + a.shape() + ", got " + row.shape());
        }
        return a.plusRow(row);
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput, needsInputGrad(1) ? gradOutput.sumCols() : null};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {gradOutput, needsInputGrad(1) ? gradOutput.sumCols() : null};
    }
}
