package io.github.dlref.nn.losses;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;

/**
 * A loss: a differentiable function of a prediction batch (one sample per row) and a constant target.
 *
 * <p>Every loss documents its per-sample (or per-element) formula, the meaning of each {@link Reduction}
 * (what {@code MEAN} divides by is not the same for every loss, exactly as in PyTorch), its gradient and
 * its source. The result of {@code MEAN} and {@code SUM} is a {@code 1 x 1} tensor on which
 * {@link Tensor#backward()} can be called; {@code NONE} returns the unreduced losses. Targets are data:
 * they receive no gradient.
 */
public interface Loss {

    /**
     * Computes the loss.
     *
     * @param prediction the prediction batch ({@code N x D} scores, logits, probabilities or values,
     *     depending on the loss)
     * @param target the target batch, as documented by the loss
     * @return the loss ({@code 1 x 1} unless the reduction is {@code NONE})
     * @throws IllegalArgumentException if the shapes do not fit or a value is outside its domain, naming
     *     the loss, the shapes and the value
     */
    Tensor forward(Tensor prediction, Matrix target);

    /**
     * Computes the loss against class indices, for the classification losses where a class index is a
     * meaningful target: {@link CrossEntropyLoss}, {@link SoftmaxLoss}, {@link ProbabilityCrossEntropyLoss},
     * {@link MulticlassHingeLoss} and {@link MultiMarginLoss} (see {@link #acceptsClassIndices()}). Each gives
     * the same result as {@link #forward(Tensor, Matrix)} with the one-hot target
     * {@link Targets#oneHot(int[], int) Targets.oneHot(classes, prediction.cols())}, with one exception taken from
     * PyTorch: a {@link CrossEntropyLoss} with class weights averages class-index targets by their total weight and
     * probability targets by {@code N}. {@link NLLLoss} also takes class indices. The regression and binary
     * losses refuse class indices: their targets are values of the prediction's shape.
     *
     * @param prediction the {@code N x K} prediction batch (scores, logits or probabilities)
     * @param classes the class of each of the {@code N} samples, each in {@code [0, K)}
     * @return the loss ({@code 1 x 1} unless the reduction is {@code NONE})
     * @throws IllegalArgumentException if this loss does not take class indices (naming the loss and the target
     *     it expects), or a class is outside {@code [0, K)}, or the lengths differ
     */
    default Tensor forward(Tensor prediction, int[] classes) {
        String loss = getClass().getSimpleName();
        throw new IllegalArgumentException(loss + ": class-index targets are not meaningful for this loss;"
                + " expected a target matrix of the prediction's shape, found int[] classes (class indices are"
                + " accepted by CrossEntropyLoss, SoftmaxLoss, ProbabilityCrossEntropyLoss, MulticlassHingeLoss,"
                + " MultiMarginLoss and NLLLoss)");
    }

    /**
     * Whether {@link #forward(Tensor, int[])} accepts class indices.
     *
     * @return {@code true} for the classification losses that take class indices, {@code false} otherwise
     */
    default boolean acceptsClassIndices() {
        return false;
    }

    /**
     * How the per-sample or per-element losses are combined.
     *
     * @return the reduction
     */
    Reduction reduction();
}
