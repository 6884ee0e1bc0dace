package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Elementwise square root {@code y_ij = sqrt(a_ij)} (IEEE: {@code sqrt(x < 0) = NaN}). Shapes:
 * {@code n x m} to {@code n x m}. Gradient: {@code dL/da_ij = g_ij / (2 y_ij)}, which is infinite at
 * {@code a_ij = 0} (as in PyTorch). Saves the output.
 */
public final class Sqrt extends Op {

    private Matrix output;

    /** Creates the op. */
    public Sqrt() {
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        output = inputs[0].sqrt();
        return output;
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput.zip(output, (g, y) -> g / (2.0 * y))};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {gradOutput.div(output.times(2.0))};
    }
}
