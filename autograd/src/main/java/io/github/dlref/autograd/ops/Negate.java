package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Negation {@code C = -A}. Shapes: {@code n x m} to {@code n x m}. Gradient: {@code dL/dA = -G}.
 */
public final class Negate extends Op {

    /** Creates the op. */
    public Negate() {
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        return inputs[0].neg();
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput.neg()};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {gradOutput.neg()};
    }
}
