package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Squared Frobenius norm {@code s = ||A||_F^2 = sum_ij a_ij^2}, summed in row-major order (the L2
 * regularisation term of dl-basics and param-optimization). Shapes: {@code n x m} to {@code 1 x 1}.
 * Gradient: {@code dL/da_ij = 2 g a_ij}. Saves the input.
 */
public final class FrobeniusNormSquared extends Op {

    private Matrix input;

    /** Creates the op. */
    public FrobeniusNormSquared() {
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        input = inputs[0];
        return Matrix.scalar(input.frobeniusNormSquared());
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {input.times(2.0 * gradOutput.scalarValue())};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {inputs.get(0).times(Expand.scalar(gradOutput, input.rows(), input.cols()).times(2.0))};
    }
}
