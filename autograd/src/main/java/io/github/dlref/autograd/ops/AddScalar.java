package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Adds a constant to every entry: {@code c_ij = a_ij + s}. Shapes: {@code n x m} to {@code n x m}.
 * Gradient: {@code dL/dA = G} (the constant receives none).
 */
public final class AddScalar extends Op {

    private final double constant;

    /**
     * Creates the op.
     *
     * @param constant the constant {@code s}, finite
     * @throws IllegalArgumentException if {@code s} is NaN or infinite
     */
    public AddScalar(double constant) {
        Shapes.requireFinite("AddScalar", "constant", constant);
        this.constant = constant;
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        return inputs[0].plus(constant);
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {gradOutput};
    }
}
