package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Elementwise (Hadamard) product {@code C = A * B}, {@code c_ij = a_ij b_ij}.
 *
 * <p>Shapes: all {@code n x m}. Gradient: {@code dL/dA = G * B}, {@code dL/dB = G * A} (elementwise).
 * Saves both inputs.
 */
public final class Multiply extends Op {

    private Matrix a;
    private Matrix b;

    /** Creates the op. */
    public Multiply() {
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        Shapes.requireSame(name(), inputs[0], inputs[1]);
        a = inputs[0];
        b = inputs[1];
        return a.times(b);
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {
            needsInputGrad(0) ? gradOutput.times(b) : null,
            needsInputGrad(1) ? gradOutput.times(a) : null
        };
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {
            needsInputGrad(0) ? gradOutput.times(inputs.get(1)) : null,
            needsInputGrad(1) ? gradOutput.times(inputs.get(0)) : null
        };
    }
}
