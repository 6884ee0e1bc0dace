package io.github.dlref.nn.losses;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;

/**
 * Binary cross-entropy from logits, PyTorch's {@code nn.BCEWithLogitsLoss} (sigmoid and binary cross-entropy
 * fused for stability, the autograd op {@code BinaryCrossEntropyWithLogits}): element losses
 * {@code l_ij = max(z, 0) - z y + log(1 + e^(-|z|))}, equal to {@code -(y log sigma(z) + (1 - y) log(1 - sigma(z)))}.
 * Reduction: {@code MEAN} (default) divides by the number of <b>elements</b> {@code N K}; {@code SUM} sums;
 * {@code NONE} returns the {@code N x K} element losses. Gradient {@code sigma(z) - y} (bp-optimizers'
 * {@code dZ = A - Y}), divided by {@code N K} for {@code MEAN}. No {@code weight} or {@code pos_weight}.
 */
public final class BCEWithLogitsLoss implements Loss {

    private final Reduction reduction;

    /** The loss with PyTorch's default reduction, {@code MEAN}. */
    public BCEWithLogitsLoss() {
        this(Reduction.MEAN);
    }

    /**
     * The loss with a chosen reduction.
     *
     * @param reduction the reduction
     */
    public BCEWithLogitsLoss(Reduction reduction) {
        this.reduction = Losses.requireReduction("BCEWithLogitsLoss", reduction);
    }

    /**
     * Computes the loss.
     *
     * @param logits the {@code N x K} logits
     * @param target the {@code N x K} targets in {@code [0, 1]}
     * @return the loss
     */
    @Override
    public Tensor forward(Tensor logits, Matrix target) {
        Losses.requireSameShape("BCEWithLogitsLoss", logits, target);
        return logits.binaryCrossEntropyWithLogits(target, reduction);
    }

    @Override
    public Reduction reduction() {
        return reduction;
    }

    @Override
    public String toString() {
        return "BCEWithLogitsLoss(reduction=" + reduction + ")";
    }
}
