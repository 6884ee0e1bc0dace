package io.github.dlref.nn.losses;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.ops.BinaryCrossEntropy;

/**
 * Binary cross-entropy from probabilities, PyTorch's {@code nn.BCELoss}: element losses
 * {@code l_ij = -(y log p + (1 - y) log(1 - p))} with each log clamped at {@code -100} as PyTorch does
 * ({@link BinaryCrossEntropy}); bp-optimizers' {@code L(A, Y)} for a sigmoid output. Reduction: {@code MEAN}
 * (default) divides by the number of <b>elements</b> {@code N K} (for one output per sample, {@code K = 1}, that
 * is bp-optimizers' {@code -(1/m) sum}); {@code SUM} sums; {@code NONE} returns the {@code N x K} element
 * losses. Gradient {@code (p - y) / max(p (1 - p), eps)} with PyTorch's float32 {@code eps = 1e-12f}. For logits
 * prefer {@link BCEWithLogitsLoss}.
 */
public final class BCELoss implements Loss {

    private final Reduction reduction;

    /** The loss with PyTorch's default reduction, {@code MEAN}. */
    public BCELoss() {
        this(Reduction.MEAN);
    }

    /**
     * The loss with a chosen reduction.
     *
     * @param reduction the reduction
     */
    public BCELoss(Reduction reduction) {
        this.reduction = Losses.requireReduction("BCELoss", reduction);
    }

    /**
     * Computes the loss.
     *
     * @param probabilities the {@code N x K} predicted probabilities in {@code [0, 1]}
     * @param target the {@code N x K} targets in {@code [0, 1]}
     * @return the loss
     */
    @Override
    public Tensor forward(Tensor probabilities, Matrix target) {
        Losses.requireSameShape("BCELoss", probabilities, target);
        Losses.requireNonEmptyForMean("BCELoss", reduction, probabilities);
        return Losses.reducePerElement(Tensor.apply(new BinaryCrossEntropy(target), probabilities), reduction);
    }

    @Override
    public Reduction reduction() {
        return reduction;
    }

    @Override
    public String toString() {
        return "BCELoss(reduction=" + reduction + ")";
    }
}
