package io.github.dlref.nn.losses;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.ops.Broadcast;

/**
 * The multiclass SVM (hinge) loss of cs231n-opt-bp: for scores {@code s_i = W x_i} and correct class {@code r},
 * {@code L_i = sum_{j != r} max(0, s_j - s_r + t)} with margin {@code t} (CS231n's {@code Delta}, default 1),
 * summed over the wrong classes and <b>not</b> divided by the number of classes (compare
 * {@link MultiMarginLoss}, PyTorch's variant, which divides by it).
 *
 * <p>Reduction: {@code MEAN} (default) divides by the number of <b>samples</b> {@code N} (CS231n's data loss
 * {@code (1/N) sum_i L_i}); {@code SUM} sums; {@code NONE} returns the {@code N x 1} per-sample losses.
 *
 * <p>Gradient (the document's analytic gradient, before the chain rule through {@code s = W x}):
 * {@code dL_i/ds_j = 1[s_j - s_r + t > 0]} for {@code j != r} and
 * {@code dL_i/ds_r = -sum_{j != r} 1[s_j - s_r + t > 0]}; at the hinge ({@code s_j - s_r + t = 0}) the
 * subgradient is 0 (the project's convention, from ReLU'(0) = 0). Built from autograd ops:
 * {@code relu(s - s_r 1^T + t) * (1 - Y)} summed per row, where {@code s_r} is the row sum of {@code s * Y}.
 */
public final class MulticlassHingeLoss implements Loss {

    private final double margin;
    private final Reduction reduction;

    /** Margin 1 and reduction {@code MEAN}. */
    public MulticlassHingeLoss() {
        this(1.0, Reduction.MEAN);
    }

    /**
     * The loss with a chosen margin and reduction.
     *
     * @param margin the margin {@code t}, finite
     * @param reduction the reduction
     * @throws IllegalArgumentException if the margin is not finite
     */
    public MulticlassHingeLoss(double margin, Reduction reduction) {
        if (!Double.isFinite(margin)) {
            throw new IllegalArgumentException("MulticlassHingeLoss: margin must be finite, got " + margin);
        }
        this.margin = margin;
        this.reduction = Losses.requireReduction("MulticlassHingeLoss", reduction);
    }

    /**
     * The margin.
     *
     * @return {@code t}
     */
    public double margin() {
        return margin;
    }

    /**
     * Computes the loss against one-hot targets.
     *
     * @param scores the {@code N x C} class scores
     * @param target the {@code N x C} one-hot targets
     * @return the loss
     * @throws IllegalArgumentException if a target row is not one-hot
     */
    @Override
    public Tensor forward(Tensor scores, Matrix target) {
        Losses.classesOf("MulticlassHingeLoss", scores, target);
        if (reduction == Reduction.MEAN && scores.rows() == 0) {
            throw new IllegalArgumentException("MulticlassHingeLoss: the mean over an empty batch (0 samples) is"
                    + " undefined");
        }
        return Losses.reducePerSample(hinges(scores, target, margin).sumRows(), reduction);
    }

    /**
     * Computes the loss against class indices.
     *
     * @param scores the {@code N x C} class scores
     * @param classes the correct class of each sample, in {@code [0, C)}
     * @return the loss
     */
    @Override
    public Tensor forward(Tensor scores, int[] classes) {
        return forward(scores, Targets.oneHot(classes, scores.cols()));
    }

    /** {@code max(0, s_j - s_r + margin)} for the wrong classes and 0 at the correct one ({@code N x C}). */
    static Tensor hinges(Tensor scores, Matrix oneHot, double margin) {
        Tensor correct = scores.times(Tensor.constant(oneHot)).sumRows();
        Tensor margins = scores.minus(Broadcast.columns(correct, scores.cols())).plus(margin);
        Matrix wrong = Matrix.ones(oneHot.rows(), oneHot.cols()).minus(oneHot);
        return margins.relu().times(Tensor.constant(wrong));
    }

    /**
     * Whether {@link #forward(Tensor, int[])} accepts class indices.
     *
     * @return {@code true}: this loss takes class indices
     */
    @Override
    public boolean acceptsClassIndices() {
        return true;
    }

    @Override
    public Reduction reduction() {
        return reduction;
    }

    @Override
    public String toString() {
        return "MulticlassHingeLoss(margin=" + margin + ", reduction=" + reduction + ")";
    }
}
