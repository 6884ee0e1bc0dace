package io.github.dlref.nn.losses;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;

/**
 * The halved sum of squared errors of bp-optimizers: per sample {@code e(n) = 0.5 sum_j e_j^2} with
 * {@code e_j = t_j - v_j} (target minus output; the sign does not matter for the square), whose gradient is
 * {@code de/dv_j = -e_j = v_j - t_j}, without the factor 2 of {@link MSELoss}.
 *
 * <p>Reduction: {@code SUM} (default) gives the total {@code sum_n e(n)} over the batch; {@code MEAN} divides
 * it by the number of <b>samples</b> {@code N} (not by {@code N D}); {@code NONE} returns the {@code N x 1}
 * per-sample errors {@code e(n)}. Gradient: {@code dL/dv_ij = v_ij - t_ij}, divided by {@code N} for
 * {@code MEAN}.
 */
public final class SumOfSquaresLoss implements Loss {

    private final Reduction reduction;

    /** The loss with its default reduction, {@code SUM}. */
    public SumOfSquaresLoss() {
        this(Reduction.SUM);
    }

    /**
     * The loss with a chosen reduction.
     *
     * @param reduction the reduction
     */
    public SumOfSquaresLoss(Reduction reduction) {
        this.reduction = Losses.requireReduction("SumOfSquaresLoss", reduction);
    }

    /**
     * Computes the loss.
     *
     * @param prediction the {@code N x D} outputs {@code v}
     * @param target the {@code N x D} targets {@code t}
     * @return the loss
     */
    @Override
    public Tensor forward(Tensor prediction, Matrix target) {
        Losses.requireSameShape("SumOfSquaresLoss", prediction, target);
        if (reduction == Reduction.MEAN && prediction.rows() == 0) {
            throw new IllegalArgumentException("SumOfSquaresLoss: the mean over an empty batch (0 samples) is"
                    + " undefined");
        }
        Tensor error = prediction.minus(Tensor.constant(target));
        return Losses.reducePerSample(error.pow(2).sumRows().times(0.5), reduction);
    }

    @Override
    public Reduction reduction() {
        return reduction;
    }

    @Override
    public String toString() {
        return "SumOfSquaresLoss(reduction=" + reduction + ")";
    }
}
