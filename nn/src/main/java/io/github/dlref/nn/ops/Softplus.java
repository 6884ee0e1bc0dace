package io.github.dlref.nn.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Softplus with PyTorch's linear switch ({@code F.softplus(x, beta, threshold)}), elementwise
 * {@code y = ln(1 + e^(beta x)) / beta} for {@code beta x <= threshold} and {@code y = x} for
 * {@code beta x > threshold} (PyTorch's defaults: {@code beta = 1}, {@code threshold = 20}; at the switch the two
 * differ by {@code ln(1 + e^-20) / beta ~ 2e-9 / beta}). Gradient {@code z / (z + 1)} with {@code z = e^(beta x)}
 * below the switch and 1 above it; at {@code beta x = threshold} exactly the logarithmic branch is taken (PyTorch
 * compares with {@code >}). Shapes: {@code n x m} to {@code n x m}. Saves the input.
 *
 * <p><b>Second derivatives</b> ({@link #isTwiceDifferentiable()} is {@code false}): strictly below the switch
 * {@code beta z / (z + 1)^2}, at and above it 0, as PyTorch's {@code softplus_double_backward} (which masks with
 * {@code beta x < threshold}, so at the switch itself the first derivative takes the logarithmic branch and the
 * second is 0); at the switch {@code beta x = threshold} the first derivative jumps (from {@code z / (z + 1)} to 1),
 * so second-order checks sample inputs away from it. The differentiable rule computes {@code (g z) / (z + 1)} with
 * {@code z = e^(beta x m)} for the constant mask {@code m = [beta x < threshold]} ({@code z} is the constant
 * {@code e^threshold} at the switch, and never overflows on the identity side), times {@code [beta x <= threshold]},
 * plus {@code g [beta x > threshold]}: the fast rule's roundings.
 */
public final class Softplus extends Op {

    private final double beta;
    private final double threshold;
    private Matrix input;

    /**
     * Creates the op.
     *
     * @param beta the sharpness {@code beta}, finite and {@code > 0}
     * @param threshold the switch to the identity, finite
     * @throws IllegalArgumentException if {@code beta} is not positive and finite or the threshold is not
     *     finite
     */
    public Softplus(double beta, double threshold) {
        requireValid(beta, threshold);
        this.beta = beta;
        this.threshold = threshold;
    }

    /**
     * Checks the constants.
     *
     * @param beta the sharpness, finite and {@code > 0}
     * @param threshold the switch to the identity, finite
     * @throws IllegalArgumentException naming the constant if {@code beta} is not positive and finite or the
     *     threshold is not finite
     */
    public static void requireValid(double beta, double threshold) {
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("Softplus: beta must be finite and > 0, got " + beta);
        }
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("Softplus: threshold must be finite, got " + threshold);
        }
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        input = inputs[0];
        return input.map(x -> x * beta > threshold ? x : StrictMath.log1p(StrictMath.exp(x * beta)) / beta);
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput.zip(input, (g, x) -> {
            if (x * beta > threshold) {
                return g;
            }
            double z = StrictMath.exp(x * beta);
            return g * z / (z + 1.0);
        })};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        Matrix below = input.map(x -> x * beta > threshold ? 0.0 : 1.0);
        // z is differentiable strictly below the switch; at beta x = threshold it is the constant e^threshold
        Matrix strictlyBelow = input.map(x -> x * beta < threshold ? 1.0 : 0.0);
        Matrix atSwitch = input.map(x -> x * beta == threshold ? StrictMath.exp(x * beta) : 1.0);
        Tensor z = inputs.get(0).times(Tensor.constant(strictlyBelow)).times(beta).exp()
                .times(Tensor.constant(atSwitch));
        Tensor logBranch = gradOutput.times(z).div(z.plus(1.0)).times(Tensor.constant(below));
        return new Tensor[] {gradOutput.times(Tensor.constant(below.map(m -> 1.0 - m))).plus(logBranch)};
    }

    /**
     * {@inheritDoc} Not this op: at the switch to the identity the derivative jumps (see the class documentation).
     *
     * @return {@code false}
     */
    @Override
    public boolean isTwiceDifferentiable() {
        return false;
    }

    @Override
    public String name() {
        return "Softplus(beta=" + beta + ", threshold=" + threshold + ")";
    }
}
