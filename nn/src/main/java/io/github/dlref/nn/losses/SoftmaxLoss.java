package io.github.dlref.nn.losses;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;

/**
 * The softmax loss of cs231n-opt-bp: for scores {@code s_i = W x_i} and correct class {@code r},
 * {@code L_i = -ln(e^(s_r) / sum_j e^(s_j))}, computed as {@code -logSoftmax(s_i)_r} (the autograd
 * {@code LogSoftmax} op, stable by the row-max shift, followed by picking the correct class with the one-hot
 * target). Numerically it equals {@link CrossEntropyLoss} with one-hot targets (the fused op), which the tests
 * check; it exists to state the document's formula and its gradient.
 *
 * <p>Reduction: {@code MEAN} (default) divides by the number of <b>samples</b> {@code N}; {@code SUM} sums;
 * {@code NONE} returns the {@code N x 1} per-sample losses. Gradient:
 * {@code dL_i/ds_j = softmax(s_i)_j} for {@code j != r} and {@code dL_i/ds_r = softmax(s_i)_r - 1}, so
 * {@code dL_i/dW_j = softmax(s_i)_j x_i} and {@code dL_i/dW_r = (softmax(s_i)_r - 1) x_i}
 * (cs231n-opt-bp's analytic gradients; the document's {@code W_r} formula writes the sum index as {@code i}
 * where {@code j} is meant).
 */
public final class SoftmaxLoss implements Loss {

    private final Reduction reduction;

    /** The loss with reduction {@code MEAN}. */
    public SoftmaxLoss() {
        this(Reduction.MEAN);
    }

    /**
     * The loss with a chosen reduction.
     *
     * @param reduction the reduction
     */
    public SoftmaxLoss(Reduction reduction) {
        this.reduction = Losses.requireReduction("SoftmaxLoss", reduction);
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
        Losses.classesOf("SoftmaxLoss", scores, target);
        if (reduction == Reduction.MEAN && scores.rows() == 0) {
            throw new IllegalArgumentException("SoftmaxLoss: the mean over an empty batch (0 samples) is undefined");
        }
        Tensor perSample = scores.logSoftmax().times(Tensor.constant(target)).sumRows().neg();
        return Losses.reducePerSample(perSample, reduction);
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
        return "SoftmaxLoss(reduction=" + reduction + ")";
    }
}
