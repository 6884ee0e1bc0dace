package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Multiplies every entry by a constant: {@code c_ij = s a_ij}. Shapes: {@code n x m} to {@code n x m}.
 * Gradient: {@code dL/dA = s G}.
 */
public final class MultiplyScalar extends Op {

    private final double factor;

    /**
     * Creates the op.
     *
     * @param factor the constant {@code s}, finite
     * @throws IllegalArgumentException if {@code s} is NaN or infinite
     */
    public MultiplyScalar(double factor) {
        Shapes.requireFinite("MultiplyScalar", "factor", factor);
        this.factor = factor;
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        return inputs[0].times(factor);
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput.times(factor)};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {gradOutput.times(factor)};
    }
}
