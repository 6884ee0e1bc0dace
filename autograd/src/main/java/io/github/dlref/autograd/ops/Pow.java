package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Elementwise power with a constant exponent {@code y_ij = a_ij^p} ({@link Math#pow(double, double)}).
 * Shapes: {@code n x m} to {@code n x m}. Gradient: {@code dL/da_ij = g_ij p a_ij^(p - 1)}; for
 * {@code p = 0} the gradient is exactly 0 everywhere (PyTorch's {@code pow_backward} special case, which
 * avoids {@code 0 * 0^-1 = NaN} at {@code a = 0}). The exponent is a constant, not a tensor: it receives no
 * gradient. Saves the input.
 */
public final class Pow extends Op {

    private final double exponent;
    private Matrix input;

    /**
     * Creates the op.
     *
     * @param exponent the constant exponent {@code p}, finite
     * @throws IllegalArgumentException if {@code p} is NaN or infinite
     */
    public Pow(double exponent) {
        Shapes.requireFinite("Pow", "exponent", exponent);
        this.exponent = exponent;
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        input = inputs[0];
        return input.pow(exponent);
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        if (exponent == 0.0) {
            return new Matrix[] {Matrix.zeros(input.rows(), input.cols())};
        }
        double p = exponent;
        return new Matrix[] {gradOutput.zip(input, (g, x) -> g * p * StrictMath.pow(x, p - 1.0))};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        Tensor x = inputs.get(0);
        if (exponent == 0.0) {
            return new Tensor[] {Tensor.constant(Matrix.zeros(x.rows(), x.cols()))};
        }
        return new Tensor[] {gradOutput.times(exponent).times(x.pow(exponent - 1.0))};
    }
}
