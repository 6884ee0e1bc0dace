package io.github.dlref.nn.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * The scaled exponential linear unit {@code y = s x} for {@code x > 0}, {@code y = s alpha (e^x - 1)} for
 * {@code x <= 0}: ELU (Clevert et al. 2016) with {@code s = 1}, SELU (Klambauer et al. 2017) with PyTorch's
 * constants {@code alpha = 1.6732632423543772848170429916717}, {@code s = 1.0507009873554804934193349852946}
 * (PyTorch {@code F.elu}, {@code F.selu}). Shapes: {@code n x m} to {@code n x m}. Gradient
 * {@code s g} for {@code x > 0} and {@code s alpha e^x g} for {@code x <= 0}; at {@code x = 0} the slope is
 * therefore {@code s alpha} (PyTorch's choice: its kernel takes the exponential branch for {@code x <= 0}), which
 * for ELU with {@code alpha = 1} is the continuous value 1 and for SELU is {@code 1.7581}. Saves the input.
 *
 * <p>{@code e^x - 1} is {@link StrictMath#expm1(double)}. PyTorch's CPU kernel computes {@code exp(x) - 1},
 * which loses relative accuracy for {@code |x| < 1e-4} (at {@code x = -1e-10} its relative error is 3e-7); the
 * absolute difference stays below 2e-16.
 *
 * <p><b>Second derivatives</b> ({@link #isTwiceDifferentiable()} is {@code false}): {@code s alpha e^x} for
 * {@code x < 0} and 0 for {@code x > 0}, so the second derivative jumps at {@code x = 0} (from {@code s alpha} to 0;
 * for {@code alpha != 1} the first derivative jumps there too) and does not exist there; second-order checks sample
 * inputs away from 0. At {@code x = 0} the differentiable backward rule gives 0, as PyTorch's
 * {@code elu_double_backward} (which masks with {@code x < 0}). The differentiable rule computes
 * {@code ((g s) alpha) e^(x m)} with the constant mask {@code m = [x < 0]} where {@code x <= 0} and {@code g s}
 * elsewhere: the same roundings as the fast rule, and {@code e^(x m)} never overflows.
 */
public final class Elu extends Op {

    private final double alpha;
    private final double scale;
    private Matrix input;

    /**
     * Creates the op.
     *
     * @param alpha the negative-side saturation {@code alpha}, finite
     * @param scale the overall scale {@code s}, finite
     * @throws IllegalArgumentException if a constant is NaN or infinite
     */
    public Elu(double alpha, double scale) {
        if (!Double.isFinite(alpha) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("Elu: alpha and scale must be finite, got alpha " + alpha
                    + " and scale " + scale);
        }
        this.alpha = alpha;
        this.scale = scale;
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        input = inputs[0];
        return input.map(x -> x > 0 ? scale * x : scale * alpha * StrictMath.expm1(x));
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput.zip(input, (g, x) -> x > 0 ? g * scale
                : g * scale * alpha * StrictMath.exp(x))};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        Tensor x = inputs.get(0);
        Tensor scaled = gradOutput.times(scale);
        Tensor negative = x.times(Tensor.constant(input.map(v -> v < 0 ? 1.0 : 0.0))).exp();
        Tensor exponentialBranch = scaled.times(alpha).times(negative)
                .times(Tensor.constant(input.map(v -> v > 0 ? 0.0 : 1.0)));
        return new Tensor[] {scaled.times(Tensor.constant(input.map(v -> v > 0 ? 1.0 : 0.0))).plus(exponentialBranch)};
    }

    /**
     * {@inheritDoc} Not this op: its second derivative jumps at 0 (see the class documentation).
     *
     * @return {@code false}
     */
    @Override
    public boolean isTwiceDifferentiable() {
        return false;
    }

    @Override
    public String name() {
        return "Elu(alpha=" + alpha + ", scale=" + scale + ")";
    }
}
