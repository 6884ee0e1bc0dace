package io.github.dlref.nn.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * The sigmoid linear unit (swish with {@code beta = 1}; Elfwing et al. 2018, Hendrycks and Gimpel 2016;
 * PyTorch {@code F.silu}), elementwise {@code y = x sigma(x)}, {@code sigma(x) = 1 / (1 + e^-x)}. Gradient
 * {@code sigma(x) (1 + x (1 - sigma(x)))}. Shapes: {@code n x m} to {@code n x m}. Saves the input.
 *
 * <p>{@code sigma} is evaluated as {@code 1 / (1 + e^-x)} for {@code x >= 0} and {@code e^x / (1 + e^x)}
 * otherwise, so neither side overflows; for {@code x <= -746} the output is {@code -0.0} and the gradient
 * {@code -0.0}, as PyTorch's {@code x / (1 + exp(-x))}.
 *
 * <p>Smooth, so twice differentiable: the differentiable backward rule computes
 * {@code (g sigma(x)) (1 + x (1 - sigma(x)))} with the autograd {@code sigmoid} (the same evaluation of
 * {@code sigma}), which equals the fast rule bit for bit and differentiates again to
 * {@code sigma (1 - sigma) (2 + x (1 - 2 sigma))}, PyTorch's {@code silu_double_backward}.
 */
public final class Silu extends Op {

    private Matrix input;

    /** Creates the op. */
    public Silu() {
    }

    @Override
    public int arity() {
        return 1;
    }

    static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + StrictMath.exp(-x));
        }
        double e = StrictMath.exp(x);
        return e / (1.0 + e);
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        input = inputs[0];
        return input.map(x -> x * sigmoid(x));
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput.zip(input, (g, x) -> {
            double s = sigmoid(x);
            return g * s * (1.0 + x * (1.0 - s));
        })};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        Tensor x = inputs.get(0);
        Tensor s = x.sigmoid();
        return new Tensor[] {gradOutput.times(s).times(x.times(s.neg().plus(1.0)).plus(1.0))};
    }
}
