package io.github.dlref.nn.losses;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;
import java.util.Objects;

/**
 * The Kullback-Leibler divergence loss in PyTorch's convention ({@code nn.KLDivLoss(reduction, log_target)}): the
 * <b>input is log-probabilities</b> {@code x = log q} (for example the output of {@code logSoftmax}) and the target
 * is probabilities {@code t = p}, or log-probabilities when {@code log_target}. Per element:
 * <pre>
 *   l = xlogy(t, t) - t x          (log_target = false; xlogy(0, 0) = 0, so a zero target contributes 0)
 *   l = e^t (t - x)                (log_target = true)
 * </pre>
 * so {@code sum_j l_ij = KL(p_i || q_i)} for each row. Gradient with respect to the input: {@code -t}, or
 * {@code -e^t} with log targets. Composed from autograd ops (the target terms are constants).
 *
 * <p>Reductions ({@link KLReduction}): {@code NONE} the {@code N x D} losses; {@code SUM} their sum;
 * {@code MEAN} the sum divided by the number of <b>elements</b> {@code N D} (PyTorch's default, which it warns
 * does not give the divergence); {@code BATCHMEAN} the sum divided by the number of <b>samples</b> {@code N}, the
 * mathematically meaningful one (PyTorch computes it as {@code sum / input.size(0)}). Targets: {@code N x D}
 * probabilities {@code >= 0} (not NaN), or finite log-probabilities with {@code log_target}; anything else is
 * refused naming the element.
 */
public final class KLDivLoss implements Loss {

    /** PyTorch's four reductions of this loss. */
    public enum KLReduction {
        /** The unreduced {@code N x D} losses. */
        NONE,
        /** The sum divided by the number of elements {@code N D} (PyTorch's default). */
        MEAN,
        /** The sum divided by the number of samples {@code N} (the divergence per sample). */
        BATCHMEAN,
        /** The sum. */
        SUM
    }

    private final KLReduction reduction;
    private final boolean logTarget;

    /** PyTorch's defaults: {@code reduction='mean'}, {@code log_target=False}. */
    public KLDivLoss() {
        this(KLReduction.MEAN, false);
    }

    /**
     * The loss with chosen settings.
     *
     * @param reduction the reduction
     * @param logTarget whether the targets are log-probabilities
     */
    public KLDivLoss(KLReduction reduction, boolean logTarget) {
        this.reduction = Objects.requireNonNull(reduction, "KLDivLoss: reduction must not be null");
        this.logTarget = logTarget;
    }

    /**
     * The reduction, with {@code batchmean} distinguished from {@code mean}.
     *
     * @return the reduction
     */
    public KLReduction klReduction() {
        return reduction;
    }

    /**
     * Whether the targets are log-probabilities.
     *
     * @return {@code log_target}
     */
    public boolean logTarget() {
        return logTarget;
    }

    /**
     * Computes the loss.
     *
     * @param logProbabilities the {@code N x D} input log-probabilities {@code log q}
     * @param target the {@code N x D} target probabilities (or log-probabilities with {@code log_target})
     * @return the loss
     */
    @Override
    public Tensor forward(Tensor logProbabilities, Matrix target) {
        Losses.requireSameShape("KLDivLoss", logProbabilities, target);
        for (int k = 0; k < target.size(); k++) {
            double t = target.getFlat(k);
            boolean ok = logTarget ? Double.isFinite(t) : t >= 0;
            if (!ok) {
                throw new IllegalArgumentException("KLDivLoss: target at (" + k / target.cols() + ", "
                        + k % target.cols() + ") must be " + (logTarget ? "a finite log-probability (log_target=true)"
                        : "a probability >= 0 (log_target=false)") + ", got " + t);
            }
        }
        if ((reduction == KLReduction.MEAN || reduction == KLReduction.BATCHMEAN) && target.size() == 0) {
            throw new IllegalArgumentException("KLDivLoss: the " + reduction.name().toLowerCase(java.util.Locale.ROOT)
                    + " over an empty " + logProbabilities.shape() + " input is undefined");
        }
        Tensor pointwise;
        if (logTarget) {
            pointwise = Tensor.constant(target).minus(logProbabilities)
                    .times(Tensor.constant(target.map(StrictMath::exp)));
        } else {
            Matrix entropyTerm = target.map(t -> t == 0 ? 0.0 : t * StrictMath.log(t));
            pointwise = Tensor.constant(entropyTerm).minus(logProbabilities.times(Tensor.constant(target)));
        }
        return switch (reduction) {
            case NONE -> pointwise;
            case SUM -> pointwise.sum();
            case MEAN -> pointwise.mean();
            case BATCHMEAN -> pointwise.sum().div(Tensor.constant(Matrix.scalar(target.rows())));
        };
    }

    /**
     * The reduction as the {@link Loss} interface reports it: {@code BATCHMEAN} and {@code MEAN} are both means
     * ({@link Reduction#MEAN}; what they divide by differs, see {@link #klReduction()}).
     *
     * @return the reduction
     */
    @Override
    public Reduction reduction() {
        return switch (reduction) {
            case NONE -> Reduction.NONE;
            case SUM -> Reduction.SUM;
            case MEAN, BATCHMEAN -> Reduction.MEAN;
        };
    }

    @Override
    public String toString() {
        return "KLDivLoss(reduction=" + reduction + ", log_target=" + logTarget + ")";
    }
}
