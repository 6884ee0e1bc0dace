package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Maximum of each row, {@code y_i = max_j a_ij} (PyTorch {@code a.max(dim=1, keepdim=True).values}).
 *
 * <p>Shapes: {@code n x m} (m at least 1) to {@code n x 1}. Gradient: the whole upstream {@code g_i} goes to
 * the column {@code j*} where the maximum is attained and 0 to the others. On ties {@code j*} is the
 * <b>first</b> (lowest) maximising column, so one entry receives everything; this is what PyTorch's
 * {@code torch.max(dim)} does (it routes the gradient to the returned index), unlike {@code torch.amax},
 * which splits it evenly (the max gate of cs231n-opt-bp routes the gradient to the larger input).
 * Saves the input shape and the indices.
 */
public final class MaxPerRow extends Op {

    private int cols;
    private int[] argmax;

    /** Creates the op. */
    public MaxPerRow() {
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        Shapes.requireColumns(name(), inputs[0]);
        Matrix.RowMax max = inputs[0].maxPerRow();
        cols = inputs[0].cols();
        argmax = max.indices();
        return max.values();
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {Matrix.build(gradOutput.rows(), cols, (i, j) -> j == argmax[i] ? gradOutput.get(i, 0) : 0.0)};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        Matrix oneHot = Matrix.build(gradOutput.rows(), cols, (i, j) -> j == argmax[i] ? 1.0 : 0.0);
        return new Tensor[] {Expand.column(gradOutput, cols).times(Tensor.constant(oneHot))};
    }

    /**
     * {@inheritDoc} Not this op: its gradient jumps from one column to another where two entries of a row tie for the maximum, so no second derivative exists there; away from it the second derivative
     * is 0, which is what its differentiable backward gives (a constant mask times the upstream gradient).
     *
     * @return {@code false}
     */
    @Override
    public boolean isTwiceDifferentiable() {
        return false;
    }
}
