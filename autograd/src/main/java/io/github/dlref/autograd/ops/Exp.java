package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Elementwise exponential {@code y_ij = exp(a_ij)} ({@link Math#exp(double)}; overflows to infinity above
 * about 709.78, which anomaly mode reports). Shapes: {@code n x m} to {@code n x m}.
 * Gradient: {@code dL/da_ij = g_ij y_ij}. Saves the output.
 */
public final class Exp extends Op {

    private Matrix output;

    /** Creates the op. */
    public Exp() {
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        output = inputs[0].exp();
        return output;
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput.times(output)};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {gradOutput.times(output)};
    }
}
