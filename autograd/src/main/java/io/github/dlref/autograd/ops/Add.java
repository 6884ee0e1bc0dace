package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Elementwise sum {@code C = A + B}, {@code c_ij = a_ij + b_ij}.
 *
 * <p>Shapes: {@code A}, {@code B} and {@code C} are all {@code n x m} (no implicit broadcasting; see
 * {@link AddRow} for the explicit row broadcast). Gradient: {@code dL/dA = G}, {@code dL/dB = G} where
 * {@code G = dL/dC}. Nothing is saved.
 */
public final class Add extends Op {

    /** Creates the op. */
    public Add() {
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        Shapes.requireSame(name(), inputs[0], inputs[1]);
        return inputs[0].plus(inputs[1]);
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput, gradOutput};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {gradOutput, gradOutput};
    }
}
