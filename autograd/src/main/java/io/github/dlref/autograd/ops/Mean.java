package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Mean of all entries {@code mu = (1 / (n m)) sum_ij a_ij}, the row-major sum divided by the count.
 * Shapes: {@code n x m} (not empty) to {@code 1 x 1}. Gradient: {@code dL/da_ij = g / (n m)}.
 */
public final class Mean extends Op {

    private int rows;
    private int cols;

    /** Creates the op. */
    public Mean() {
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        Shapes.requireNonEmpty(name(), inputs[0]);
        rows = inputs[0].rows();
        cols = inputs[0].cols();
        return Matrix.scalar(inputs[0].mean());
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {Matrix.filled(rows, cols, gradOutput.scalarValue() / ((double) rows * cols))};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        Tensor count = Tensor.constant(Matrix.filled(rows, cols, (double) rows * cols));
        return new Tensor[] {Expand.scalar(gradOutput, rows, cols).div(count)};
    }
}
