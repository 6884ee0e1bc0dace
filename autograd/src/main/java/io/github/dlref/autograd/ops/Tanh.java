package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Hyperbolic tangent {@code y_ij = tanh(a_ij)} ({@link Math#tanh(double)}). Shapes: {@code n x m} to
 * {@code n x m}. Gradient: {@code dL/da_ij = g_ij (1 - y_ij^2)}. Saves the output.
 */
public final class Tanh extends Op {

    private Matrix output;

    /** Creates the op. */
    public Tanh() {
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        output = inputs[0].map(Math::tanh);
        return output;
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput.zip(output, (g, y) -> g * (1.0 - y * y))};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {gradOutput.times(output.times(output).neg().plus(1.0))};
    }
}
