package io.github.dlref.nn.losses;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;

/**
 * PyTorch's {@code nn.MultiMarginLoss}: for scores {@code x} ({@code N x C}) and correct class {@code y},
 * {@code l_i = sum_{j != y} max(0, margin - x_y + x_j)^p / C} with {@code p} 1 (default) or 2 and
 * {@code margin} default 1. It differs from cs231n-opt-bp's {@link MulticlassHingeLoss} only by the division
 * by the number of classes {@code C} (and the optional square). Class weights are not supported.
 *
 * <p>Reduction: {@code MEAN} (default) divides by the number of <b>samples</b> {@code N}; {@code SUM} sums;
 * {@code NONE} returns the {@code N x 1} per-sample losses. Gradient, with {@code h_j} the hinge of class
 * {@code j}: {@code dl/dx_j = p h_j^(p-1) 1[h_j > 0] / C} for {@code j != y} and minus their sum for
 * {@code x_y}; subgradient 0 at the hinge.
 */
public final class MultiMarginLoss implements Loss {

    private final int p;
    private final double margin;
    private final Reduction reduction;

    /** PyTorch's defaults: {@code p = 1}, {@code margin = 1}, reduction {@code MEAN}. */
    public MultiMarginLoss() {
        this(1, 1.0, Reduction.MEAN);
    }

    /**
     * The loss with chosen settings.
     *
     * @param p the exponent, 1 or 2
     * @param margin the margin, finite
     * @param reduction the reduction
     * @throws IllegalArgumentException if {@code p} is not 1 or 2 or the margin is not finite
     */
    public MultiMarginLoss(int p, double margin, Reduction reduction) {
        if (p != 1 && p != 2) {
            throw new IllegalArgumentException("MultiMarginLoss: p must be 1 or 2 (as PyTorch), got " + p);
        }
        if (!Double.isFinite(margin)) {
            throw new IllegalArgumentException("MultiMarginLoss: margin must be finite, got " + margin);
        }
        this.p = p;
        this.margin = margin;
        this.reduction = Losses.requireReduction("MultiMarginLoss", reduction);
    }

    /**
     * The exponent.
     *
     * @return {@code p}
     */
    public int p() {
        return p;
    }

    /**
     * The margin.
     *
     * @return the margin
     */
    public double margin() {
        return margin;
    }

    /**
     * Computes the loss against one-hot targets.
     *
     * @param scores the {@code N x C} scores
     * @param target the {@code N x C} one-hot targets
     * @return the loss
     * @throws IllegalArgumentException if a target row is not one-hot
     */
    @Override
    public Tensor forward(Tensor scores, Matrix target) {
        Losses.classesOf("MultiMarginLoss", scores, target);
        if (reduction == Reduction.MEAN && scores.rows() == 0) {
            throw new IllegalArgumentException("MultiMarginLoss: the mean over an empty batch (0 samples) is"
                    + " undefined");
        }
        Tensor hinges = MulticlassHingeLoss.hinges(scores, target, margin);
        if (p == 2) {
            hinges = hinges.pow(2);
        }
        return Losses.reducePerSample(hinges.sumRows().times(1.0 / scores.cols()), reduction);
    }

    /**
     * Computes the loss against class indices.
     *
     * @param scores the {@code N x C} scores
     * @param classes the correct class of each sample, in {@code [0, C)}
     * @return the loss
     */
    @Override
    public Tensor forward(Tensor scores, int[] classes) {
        return forward(scores, Targets.oneHot(classes, scores.cols()));
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
        return "MultiMarginLoss(p=" + p + ", margin=" + margin + ", reduction=" + reduction + ")";
    }
}
