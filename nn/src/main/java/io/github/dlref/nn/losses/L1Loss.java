package io.github.dlref.nn.losses;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;

/**
 * Mean absolute error, PyTorch's {@code nn.L1Loss}: element losses {@code l_ij = |yhat_ij - y_ij|}.
 * Reduction: {@code MEAN} (default) divides by the number of <b>elements</b> {@code N D}; {@code SUM} sums
 * them; {@code NONE} returns the {@code N x D} element losses. Gradient {@code sign(yhat_ij - y_ij)}, 0 where
 * the error is 0 (PyTorch's choice), divided by {@code N D} for {@code MEAN}. The per-sample 1-norm of
 * dl-basics is {@link PNormLoss} with {@code p = 1}.
 */
public final class L1Loss implements Loss {

    private final Reduction reduction;

    /** The loss with PyTorch's default reduction, {@code MEAN}. */
    public L1Loss() {
        this(Reduction.MEAN);
    }

    /**
     * The loss with a chosen reduction.
     *
     * @param reduction the reduction
     */
    public L1Loss(Reduction reduction) {
        this.reduction = Losses.requireReduction("L1Loss", reduction);
    }

    /**
     * Computes the loss.
     *
     * @param prediction the {@code N x D} predictions
     * @param target the {@code N x D} targets
     * @return the loss
     */
    @Override
    public Tensor forward(Tensor prediction, Matrix target) {
        Losses.requireSameShape("L1Loss", prediction, target);
        Losses.requireNonEmptyForMean("L1Loss", reduction, prediction);
        return Losses.reducePerElement(prediction.minus(Tensor.constant(target)).abs(), reduction);
    }

    @Override
    public Reduction reduction() {
        return reduction;
    }

    @Override
    public String toString() {
        return "L1Loss(reduction=" + reduction + ")";
    }
}
