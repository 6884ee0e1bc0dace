package io.github.dlref.nn.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Erf;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * The standard normal distribution function, elementwise, {@code y = Phi(x) = erfc(-x / sqrt 2) / 2}, with
 * derivative the normal density {@code phi(x) = exp(-x^2 / 2) / sqrt(2 pi)}. It is the part of the exact GELU
 * derivative ({@link Gelu}, {@code Phi(x) + x phi(x)}) that the autograd ops cannot express, so that the GELU's
 * differentiable backward rule is a composition of differentiable ops (PyTorch differentiates {@code gelu_backward}
 * with its own {@code gelu_double_backward}, which computes the same {@code phi(x) (2 - x^2)}).
 *
 * <p>Shapes: {@code n x m} to {@code n x m}. Gradient {@code g phi(x)}, computed as
 * {@code g (exp((-0.5 x) x) 0.3989422804014327)}; the differentiable rule computes the density with tensor ops
 * ({@link #density(Tensor)}), so it is smooth to every order ({@code phi' = -x phi}). {@code Phi} uses
 * {@link Erf#erfc(double)} as {@link Gelu} does. Saves the input.
 */
public final class NormalCdf extends Op {

    private Matrix input;

    /** Creates the op. */
    public NormalCdf() {
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        input = inputs[0];
        return input.map(x -> 0.5 * Erf.erfc(-(x * Gelu.SQRT1_2)));
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput.zip(input, (g, x) -> g * (StrictMath.exp(-0.5 * x * x) * Gelu.INV_SQRT_2PI))};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {gradOutput.times(density(inputs.get(0)))};
    }

    /**
     * The normal density with tensor ops, {@code exp((-0.5 x) x) / sqrt(2 pi)}, the same roundings as the fast rules
     * of this op and of {@link Gelu}.
     *
     * @param x the argument
     * @return {@code phi(x)}, differentiable in {@code x}
     */
    static Tensor density(Tensor x) {
        return x.times(-0.5).times(x).exp().times(Gelu.INV_SQRT_2PI);
    }
}
