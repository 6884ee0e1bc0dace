package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Elementwise quotient {@code C = A / B}, {@code c_ij = a_ij / b_ij} (IEEE division: a zero divisor gives
 * an infinity or NaN, which anomaly mode reports).
 *
 * <p>Shapes: all {@code n x m}. Gradient: {@code dL/da_ij = g_ij / b_ij},
 * {@code dL/db_ij = -g_ij a_ij / b_ij^2 = -g_ij c_ij / b_ij}. Saves {@code B} and the output {@code C}.
 */
public final class Divide extends Op {

    private Matrix divisor;
    private Matrix quotient;

    /** Creates the op. */
    public Divide() {
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        Shapes.requireSame(name(), inputs[0], inputs[1]);
        divisor = inputs[1];
        quotient = inputs[0].div(divisor);
        return quotient;
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        Matrix gradOverDivisor = gradOutput.div(divisor);
        return new Matrix[] {
            gradOverDivisor,
            needsInputGrad(1) ? gradOverDivisor.times(quotient).neg() : null
        };
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        Tensor gradOverDivisor = gradOutput.div(inputs.get(1));
        return new Tensor[] {gradOverDivisor, needsInputGrad(1) ? gradOverDivisor.times(output).neg() : null};
    }
}
