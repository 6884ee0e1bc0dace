package io.github.dlref.nn.losses;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;
import java.util.Objects;

/**
 * Cross-entropy from logits, PyTorch's {@code nn.CrossEntropyLoss} (softmax and negative log-likelihood
 * fused for stability, the autograd op {@code SoftmaxCrossEntropy}): per sample
 * {@code l_i = -sum_k y_ik log softmax(z_i)_k}, with one-hot or soft (probability) targets, or class indices.
 * This is dl-optimization's softmax output with cross-entropy, whose gradient is {@code dl/dz = y_hat - y}.
 *
 * <p>Reduction: {@code MEAN} (default) divides by the number of <b>samples</b> {@code N}; {@code SUM} sums over
 * samples; {@code NONE} returns the {@code N x 1} per-sample losses. Gradient:
 * {@code dl_i/dz_ik = softmax(z_i)_k (sum_k y_ik) - y_ik}, divided by {@code N} for {@code MEAN}.
 * No class weights, {@code ignore_index} or label smoothing.
 */
public final class CrossEntropyLoss implements Loss {

    private final Reduction reduction;

    /** The loss with PyTorch's default reduction, {@code MEAN}. */
    public CrossEntropyLoss() {
        this(Reduction.MEAN);
    }

    /**
     * The loss with a chosen reduction.
     *
     * @param reduction the reduction
     */
    public CrossEntropyLoss(Reduction reduction) {
        this.reduction = Losses.requireReduction("CrossEntropyLoss", reduction);
    }

    /**
     * Computes the loss against probability targets.
     *
     * @param logits the {@code N x K} logits (scores before softmax)
     * @param target the {@code N x K} target probabilities in {@code [0, 1]} (one-hot or soft)
     * @return the loss
     */
    @Override
    public Tensor forward(Tensor logits, Matrix target) {
        Losses.requireSameShape("CrossEntropyLoss", logits, target);
        return logits.softmaxCrossEntropy(target, reduction);
    }

    /**
     * Computes the loss against class indices.
     *
     * @param logits the {@code N x K} logits
     * @param classes the class of each sample, in {@code [0, K)}
     * @return the loss
     */
    public Tensor forward(Tensor logits, int[] classes) {
        Objects.requireNonNull(logits, "CrossEntropyLoss: logits must not be null");
        return logits.softmaxCrossEntropy(classes, reduction);
    }

    @Override
    public Reduction reduction() {
        return reduction;
    }

    @Override
    public String toString() {
        return "CrossEntropyLoss(reduction=" + reduction + ")";
    }
}
