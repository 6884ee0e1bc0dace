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
 *
 * <p>Example: logits {@code (0, ln 3)} give softmax {@code (1/4, 3/4)}, so the loss for class 1 is
 * {@code -ln(3/4)}; class indices and one-hot targets give the same loss:
 * <pre>{@code
 * Loss loss = new CrossEntropyLoss();
 * Tensor logits = Tensor.variable(Matrix.rowVector(0.0, Math.log(3.0)));
 * Tensor byClass = loss.forward(logits, new int[] {1});                  // -ln(3/4) = 0.2876...
 * Tensor byOneHot = loss.forward(logits, Matrix.rowVector(0.0, 1.0));    // the same
 * byClass.backward();                                                    // logits.grad() = (1/4, -1/4)
 * }</pre>
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
    @Override
    public Tensor forward(Tensor logits, int[] classes) {
        Objects.requireNonNull(logits, "CrossEntropyLoss: logits must not be null");
        return logits.softmaxCrossEntropy(classes, reduction);
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
        return "CrossEntropyLoss(reduction=" + reduction + ")";
    }
}
