package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Elementwise maximum of two matrices {@code c_ij = max(a_ij, b_ij)} (PyTorch {@code torch.maximum}).
 *
 * <p>Shapes: all {@code n x m}. Gradient: {@code g_ij} goes to the larger of {@code a_ij} and
 * {@code b_ij}; at a tie {@code a_ij = b_ij} each receives {@code g_ij / 2}, as {@code torch.maximum} does
 * (checked with torch 1.13: {@code maximum([1, 2], [1, 3])} gives gradients {@code [0.5, 0]} and
 * {@code [0.5, 1]}, recorded in the golden file of {@code OpGoldenTest}). The two shares sum to 1, the
 * derivative of {@code max(a + t, b + t)} with respect to {@code t}. Saves both inputs.
 */
public final class Maximum extends Op {

    private Matrix a;
    private Matrix b;

    /** Creates the op. */
    public Maximum() {
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
        return a.max(b);
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {
            needsInputGrad(0) ? Matrix.build(a.rows(), a.cols(),
                    (i, j) -> gradOutput.get(i, j) * shareOfFirst(a.get(i, j), b.get(i, j))) : null,
            needsInputGrad(1) ? Matrix.build(a.rows(), a.cols(),
                    (i, j) -> gradOutput.get(i, j) * (1.0 - shareOfFirst(a.get(i, j), b.get(i, j)))) : null
        };
    }

    /** The fraction of the gradient that goes to the first operand: 1, 0, or 1/2 at a tie. */
    private static double shareOfFirst(double x, double y) {
        return x > y ? 1.0 : x < y ? 0.0 : 0.5;
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        Matrix share = Matrix.build(a.rows(), a.cols(), (i, j) -> shareOfFirst(a.get(i, j), b.get(i, j)));
        return new Tensor[] {
            needsInputGrad(0) ? gradOutput.times(Tensor.constant(share)) : null,
            needsInputGrad(1) ? gradOutput.times(Tensor.constant(share.map(s -> 1.0 - s))) : null
        };
    }

    /**
     * {@inheritDoc} Not this op: its gradient jumps from one operand to the other where they are equal, so no second derivative exists there; away from it the second derivative
     * is 0, which is what its differentiable backward gives (a constant mask times the upstream gradient).
     *
     * @return {@code false}
     */
    @Override
    public boolean isTwiceDifferentiable() {
        return false;
    }
}
