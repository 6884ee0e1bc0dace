package io.github.dlref.nn.losses;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.ops.ProbabilityCrossEntropy;
import java.util.Objects;

/**
 * Cross-entropy from probabilities (for example the output of a {@code Softmax} layer): per sample
 * {@code l_i = -sum_k y_ik log p_ik}, dl-optimization's {@code l(y, y_hat) = -sum_k y_k log y_hat_k} (PyTorch:
 * {@code nll_loss(log(p))} with one-hot targets). Terms with {@code y_ik = 0} contribute exactly 0
 * ({@link ProbabilityCrossEntropy}).
 *
 * <p>Reduction: {@code MEAN} (default) divides by the number of <b>samples</b> {@code N}; {@code SUM} sums over
 * samples; {@code NONE} returns the {@code N x 1} per-sample losses. Gradient {@code -y_ik / p_ik}, divided by
 * {@code N} for {@code MEAN}. Through a softmax this composes to {@code y_hat - y}, but less stably than
 * {@link CrossEntropyLoss} on the logits.
 */
public final class ProbabilityCrossEntropyLoss implements Loss {

    private final Reduction reduction;

    /** The loss with reduction {@code MEAN}. */
    public ProbabilityCrossEntropyLoss() {
        this(Reduction.MEAN);
    }

    /**
     * The loss with a chosen reduction.
     *
     * @param reduction the reduction
     */
    public ProbabilityCrossEntropyLoss(Reduction reduction) {
        this.reduction = Losses.requireReduction("ProbabilityCrossEntropyLoss", reduction);
    }

    /**
     * Computes the loss.
     *
     * @param probabilities the {@code N x K} predicted probabilities in {@code [0, 1]}
     * @param target the {@code N x K} target probabilities in {@code [0, 1]} (one-hot or soft)
     * @return the loss
     */
    @Override
    public Tensor forward(Tensor probabilities, Matrix target) {
        Losses.requireSameShape("ProbabilityCrossEntropyLoss", probabilities, target);
        if (reduction == Reduction.MEAN && probabilities.rows() == 0) {
            throw new IllegalArgumentException("ProbabilityCrossEntropyLoss: the mean over an empty batch"
                    + " (0 samples) is undefined");
        }
        return Losses.reducePerSample(Tensor.apply(new ProbabilityCrossEntropy(target), probabilities), reduction);
    }

    /**
     * Computes the loss against class indices: {@code l_i = -log p_(i, classes_i)}, the same as
     * {@link #forward(Tensor, Matrix)} with the one-hot target {@code Targets.oneHot(classes, K)}.
     *
     * @param probabilities the {@code N x K} predicted probabilities in {@code [0, 1]}
     * @param classes the class of each sample, in {@code [0, K)}
     * @return the loss
     * @throws IllegalArgumentException if a class is outside {@code [0, K)} or the lengths differ
     */
    @Override
    public Tensor forward(Tensor probabilities, int[] classes) {
        Objects.requireNonNull(probabilities, "ProbabilityCrossEntropyLoss: probabilities must not be null");
        return forward(probabilities, Targets.oneHot(classes, probabilities.cols()));
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
        return "ProbabilityCrossEntropyLoss(reduction=" + reduction + ")";
    }
}
