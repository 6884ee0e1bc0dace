package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Logistic sigmoid {@code y_ij = 1 / (1 + exp(-a_ij))}, computed without overflow: for {@code a >= 0} as
 * {@code 1 / (1 + exp(-a))}, for {@code a < 0} as {@code exp(a) / (1 + exp(a))}. Shapes: {@code n x m} to
 * {@code n x m}. Gradient: {@code dL/da_ij = g_ij y_ij (1 - y_ij)} (the derivative {@code y (1 - y)} of
 * bp-optimizers). Saves the output.
 */
public final class Sigmoid extends Op {

    private Matrix output;

    /** Creates the op. */
    public Sigmoid() {
    }

    /**
     * The overflow-free logistic function used by this op (and by the fused binary cross-entropy).
     *
     * @param a the argument
     * @return {@code 1 / (1 + exp(-a))}
     */
    public static double logistic(double a) {
        if (a >= 0) {
            return 1.0 / (1.0 + StrictMath.exp(-a));
        }
        double e = StrictMath.exp(a);
        return e / (1.0 + e);
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        output = inputs[0].map(Sigmoid::logistic);
        return output;
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput.zip(output, (g, y) -> g * y * (1.0 - y))};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {gradOutput.times(output).times(output.neg().plus(1.0))};
    }
}
