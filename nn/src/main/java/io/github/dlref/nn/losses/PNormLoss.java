package io.github.dlref.nn.losses;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.ops.RowNorm;

/**
 * The p-norm loss of dl-basics, {@code Loss(W, b) = ||yhat - y||_p} with {@code p = 1, 2} or infinity
 * (any {@code p >= 1} is accepted), applied per sample: {@code l_i = ||yhat_i - y_i||_p} (the norm itself, not
 * its p-th power). Reduction: {@code MEAN} (default) divides by the number of <b>samples</b> {@code N};
 * {@code SUM} sums over samples; {@code NONE} returns the {@code N x 1} per-sample norms.
 *
 * <p>Gradient ({@link RowNorm}, PyTorch's {@code vector_norm} backward): {@code sign(e)} for {@code p = 1};
 * {@code e / ||e||_2} for {@code p = 2}; for infinity {@code sign(e_j)} on the entries of largest magnitude,
 * split equally among ties; 0 for a sample whose error is exactly zero.
 */
public final class PNormLoss implements Loss {

    private final double p;
    private final Reduction reduction;

    /**
     * The loss with reduction {@code MEAN}.
     *
     * @param p the order, in {@code [1, inf]} ({@link Double#POSITIVE_INFINITY} for the maximum norm)
     * @throws IllegalArgumentException if {@code p < 1} or NaN
     */
    public PNormLoss(double p) {
        this(p, Reduction.MEAN);
    }

    /**
     * The loss with a chosen reduction.
     *
     * @param p the order, in {@code [1, inf]}
     * @param reduction the reduction
     * @throws IllegalArgumentException if {@code p < 1} or NaN
     */
    public PNormLoss(double p, Reduction reduction) {
        if (!(p >= 1)) {
            throw new IllegalArgumentException("PNormLoss: p must be in [1, inf], got " + p);
        }
        this.p = p;
        this.reduction = Losses.requireReduction("PNormLoss", reduction);
    }

    /**
     * The order.
     *
     * @return {@code p}
     */
    public double p() {
        return p;
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
        Losses.requireSameShape("PNormLoss", prediction, target);
        if (reduction == Reduction.MEAN && prediction.rows() == 0) {
            throw new IllegalArgumentException("PNormLoss: the mean over an empty batch (0 samples) is undefined");
        }
        Tensor perSample = Tensor.apply(new RowNorm(p), prediction.minus(Tensor.constant(target)));
        return Losses.reducePerSample(perSample, reduction);
    }

    @Override
    public Reduction reduction() {
        return reduction;
    }

    @Override
    public String toString() {
        return "PNormLoss(p=" + p + ", reduction=" + reduction + ")";
    }
}
