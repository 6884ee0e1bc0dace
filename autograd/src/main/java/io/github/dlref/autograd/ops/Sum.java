package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Sum of all entries {@code s = sum_ij a_ij}, summed in row-major order. Shapes: {@code n x m} to
 * {@code 1 x 1} (0 for an empty input). Gradient: {@code dL/da_ij = g} for every entry (the scalar
 * upstream gradient broadcast to the input's shape).
 */
public final class Sum extends Op {

    private int rows;
    private int cols;

    /** Creates the op. */
    public Sum() {
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        rows = inputs[0].rows();
        cols = inputs[0].cols();
        return Matrix.scalar(inputs[0].sum());
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {Matrix.filled(rows, cols, gradOutput.scalarValue())};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {Expand.scalar(gradOutput, rows, cols)};
    }
}
