package io.github.dlref.nn.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Erf;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * The Gaussian error linear unit (Hendrycks and Gimpel 2016; PyTorch {@code F.gelu}), elementwise, in its
 * two forms:
 * <ul>
 *   <li>exact ({@code approximate='none'}): {@code y = x Phi(x)} with the standard normal distribution
 *       function {@code Phi(x) = erfc(-x / sqrt 2) / 2}; gradient {@code dy/dx = Phi(x) + x phi(x)},
 *       {@code phi(x) = exp(-x^2 / 2) / sqrt(2 pi)};</li>
 *   <li>tanh ({@code approximate='tanh'}): {@code y = x (1 + tanh(u)) / 2} with
 *       {@code u = sqrt(2 / pi) (x + 0.044715 x^3)}; gradient
 *       {@code (1 + tanh u) / 2 + (x / 2) (1 - tanh^2 u) sqrt(2 / pi) (1 + 3 0.044715 x^2)}.</li>
 * </ul>
 * Shapes: {@code n x m} to {@code n x m}. Saves the input.
 *
 * <p>PyTorch computes {@code Phi(x)} as {@code (1 + erf(x / sqrt 2)) / 2}, which cancels for large negative
 * {@code x} (at {@code x = -5} its result carries a relative error near 1e-10, an absolute one near 1e-16);
 * dlref uses {@link Erf#erfc(double)}, accurate to a few ulps relative everywhere, so the two agree to 1e-12
 * relative or 1e-15 absolute. {@code x / sqrt 2} is computed as {@code x * 0.7071067811865476} as PyTorch
 * does.
 *
 * <p><b>Second derivatives.</b> Both forms are smooth ({@link #isTwiceDifferentiable()} is {@code true}). The
 * differentiable backward rule writes the same derivative with tensor ops, so it can be differentiated again to
 * any order: the exact form as {@code Phi(x) + x phi(x)} with {@code Phi} the op {@link NormalCdf} and
 * {@code phi(x) = exp(-x x / 2) / sqrt(2 pi)} (second derivative {@code phi(x) (2 - x^2)}); the tanh form with the
 * autograd {@code tanh}. The exact form's first derivative equals the fast rule's bit for bit; the tanh form's may
 * differ in the last bit (the autograd {@code tanh} is {@link Math#tanh}, the fast rule {@link StrictMath#tanh}).
 */
public final class Gelu extends Op {

    /** {@code 1 / sqrt 2} rounded to double ({@code M_SQRT1_2}). */
    static final double SQRT1_2 = 0.7071067811865476;
    /** {@code 1 / sqrt(2 pi)}, the normal density at 0. */
    static final double INV_SQRT_2PI = 0.3989422804014327;
    /** {@code sqrt(2 / pi)}. */
    static final double SQRT_2_OVER_PI = 0.7978845608028654;
    /** The cubic coefficient of the tanh form. */
    static final double KAPPA = 0.044715;

    private final boolean tanh;
    private Matrix input;

    /**
     * Creates the op.
     *
     * @param tanhApproximation {@code true} for the tanh form, {@code false} for the exact (erf) form
     */
    public Gelu(boolean tanhApproximation) {
        this.tanh = tanhApproximation;
    }

    @Override
    public int arity() {
        return 1;
    }

    /**
     * The exact form at one point.
     *
     * @param x the argument
     * @return {@code x Phi(x)}
     */
    static double exact(double x) {
        return x * 0.5 * Erf.erfc(-(x * SQRT1_2));
    }

    /**
     * The tanh form at one point.
     *
     * @param x the argument
     * @return {@code x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) / 2}
     */
    static double tanhForm(double x) {
        double inner = SQRT_2_OVER_PI * (x + KAPPA * x * x * x);
        return 0.5 * x * (1.0 + StrictMath.tanh(inner));
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        input = inputs[0];
        return tanh ? input.map(Gelu::tanhForm) : input.map(Gelu::exact);
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        if (tanh) {
            return new Matrix[] {gradOutput.zip(input, (g, x) -> {
                double x2 = x * x;
                double t = StrictMath.tanh(SQRT_2_OVER_PI * (x + KAPPA * x2 * x));
                double innerDerivative = SQRT_2_OVER_PI * (1.0 + 3.0 * KAPPA * x2);
                return g * (0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * innerDerivative);
            })};
        }
        return new Matrix[] {gradOutput.zip(input, (g, x) -> {
            double cdf = 0.5 * Erf.erfc(-(x * SQRT1_2));
            double pdf = StrictMath.exp(-0.5 * x * x) * INV_SQRT_2PI;
            return g * (cdf + x * pdf);
        })};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        Tensor x = inputs.get(0);
        if (tanh) {
            Tensor x2 = x.times(x);
            Tensor t = x.plus(x2.times(KAPPA).times(x)).times(SQRT_2_OVER_PI).tanh();
            Tensor innerDerivative = x2.times(3.0 * KAPPA).plus(1.0).times(SQRT_2_OVER_PI);
            Tensor local = t.plus(1.0).times(0.5)
                    .plus(x.times(0.5).times(t.times(t).neg().plus(1.0)).times(innerDerivative));
            return new Tensor[] {gradOutput.times(local)};
        }
        Tensor cdf = Tensor.apply(new NormalCdf(), x);
        Tensor pdf = NormalCdf.density(x);
        return new Tensor[] {gradOutput.times(cdf.plus(x.times(pdf)))};
    }

    @Override
    public String name() {
        return tanh ? "Gelu(approximate=tanh)" : "Gelu(approximate=none)";
    }
}
