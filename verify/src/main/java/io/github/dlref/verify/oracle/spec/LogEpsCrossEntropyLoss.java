package io.github.dlref.verify.oracle.spec;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.losses.Loss;
import java.util.Objects;

/**
 * Softmax cross-entropy with epsilon added inside the logarithm, the form hand-written losses use to avoid
 * {@code log 0}: per sample {@code l_i = -sum_k t_ik log(softmax(s_i)_k + eps)} from logits {@code s} ({@code N x K})
 * and target probabilities {@code t} ({@code N x K}, one-hot for class labels). The spec's
 * {@code cross_entropy_log_eps} loss, which {@code dlref diagnose} tries against the exact log-softmax of
 * {@code cross_entropy} (PyTorch {@code CrossEntropyLoss}, Keras {@code from_logits=True}, Optax
 * {@code softmax_cross_entropy}). Values of eps found in the wild: {@code 1e-7} (Keras's backend epsilon),
 * {@code 1e-8}, {@code 1e-12}. With {@code eps = 0} it is the exact cross-entropy computed less stably.
 *
 * <p>Keras's own {@code categorical_crossentropy(from_logits=False)} clips {@code p} to {@code [1e-7, 1 - 1e-7]}
 * instead of adding epsilon (its documentation's worked example); away from saturation that is the exact form.
 *
 * <p>Gradient (through the softmax Jacobian): {@code dl_i/ds_ik = sum_j (t_ij p_ij / (p_ij + eps)) (p_ik - [j = k])},
 * for a one-hot target of class {@code y}: {@code (p_iy / (p_iy + eps)) (p_ik - [k = y])}. Reduction {@code MEAN}
 * divides the sum over samples by {@code N} (as {@code CrossEntropyLoss}), {@code SUM} sums. Built from autograd's
 * {@code softmax}, {@code plus}, {@code log}, {@code times}, {@code sumRows} and {@code mean} or {@code sum}, whose gradients are checked
 * individually; its own numeric gradient check is in {@code LogEpsCrossEntropyLossTest}.
 */
public final class LogEpsCrossEntropyLoss implements Loss {

    private final double eps;
    private final Reduction reduction;

    /**
     * The loss.
     *
     * @param eps the epsilon added to each probability, finite and {@code >= 0}
     * @param reduction {@code MEAN} or {@code SUM}
     * @throws IllegalArgumentException if eps is negative or not finite, or the reduction is {@code NONE}
     */
    public LogEpsCrossEntropyLoss(double eps, Reduction reduction) {
        if (!(eps >= 0.0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("LogEpsCrossEntropyLoss: eps must be finite and >= 0, got " + eps);
        }
        Objects.requireNonNull(reduction, "LogEpsCrossEntropyLoss: reduction must not be null");
        if (reduction == Reduction.NONE) {
            throw new IllegalArgumentException("LogEpsCrossEntropyLoss: reduction must be MEAN or SUM, got NONE");
        }
        this.eps = eps;
        this.reduction = reduction;
    }

    /**
     * Computes the loss.
     *
     * @param logits the {@code N x K} scores, {@code N >= 1}
     * @param target the {@code N x K} target probabilities (one-hot rows for class labels)
     * @return the {@code 1 x 1} loss
     * @throws IllegalArgumentException if the shapes differ or the batch is empty
     */
    @Override
    public Tensor forward(Tensor logits, Matrix target) {
        Objects.requireNonNull(logits, "LogEpsCrossEntropyLoss: logits must not be null");
        Objects.requireNonNull(target, "LogEpsCrossEntropyLoss: target must not be null");
        if (logits.rows() != target.rows() || logits.cols() != target.cols()) {
            throw new IllegalArgumentException("LogEpsCrossEntropyLoss: logits " + logits.shape() + " and target "
                    + target.shape() + " differ in shape");
        }
        if (logits.rows() == 0) {
            throw new IllegalArgumentException("LogEpsCrossEntropyLoss: the loss of an empty batch (0 samples) is "
                    + "undefined");
        }
        Tensor perSample = logits.softmax().plus(eps).log().times(Tensor.constant(target)).sumRows().neg();
        return reduction == Reduction.MEAN ? perSample.mean() : perSample.sum();
    }

    /**
     * The epsilon added inside the logarithm.
     *
     * @return eps
     */
    public double eps() {
        return eps;
    }

    @Override
    public Reduction reduction() {
        return reduction;
    }

    @Override
    public String toString() {
        return "LogEpsCrossEntropyLoss(eps=" + eps + ", reduction=" + reduction + ")";
    }
}
