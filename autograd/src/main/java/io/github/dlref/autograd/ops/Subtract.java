package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Elementwise difference {@code C = A - B}, {@code c_ij = a_ij - b_ij}.
 *
 * <p>Shapes: all {@code n x m}. Gradient: {@code dL/dA = G}, {@code dL/dB = -G}. Nothing is saved.
 */
public final class Subtract extends Op {

    /** Creates the op. */
    public Subtract() {
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        Shapes.requireSame(name(), inputs[0], inputs[1]);
        return inputs[0].minus(inputs[1]);
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput, needsInputGrad(1) ? gradOutput.neg() : null};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {gradOutput, needsInputGrad(1) ? gradOutput.neg() : null};
    }
}
