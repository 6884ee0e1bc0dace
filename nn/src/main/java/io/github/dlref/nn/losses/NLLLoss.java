package io.github.dlref.nn.losses;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.ops.WeightedPick;
import java.util.Objects;

/**
 * The negative log-likelihood loss (PyTorch {@code nn.NLLLoss(weight, reduction)}): the input is
 * <b>log-probabilities</b> {@code x} ({@code N x C}, for example {@code logSoftmax} of logits), the target a class
 * {@code y_i} per sample, and optional class weights {@code w} ({@code 1 x C}). Per sample
 * {@code l_i = -w_{y_i} x_{i, y_i}}.
 *
 * <p>Reduction: {@code SUM} sums the {@code l_i}; {@code NONE} returns them as an {@code N x 1} column;
 * {@code MEAN} (default) is the <b>weighted</b> mean {@code sum_i l_i / sum_i w_{y_i}}, PyTorch's definition (it
 * divides by the total weight of the targets, not by {@code N}; without weights the two agree). A batch whose
 * targets all have weight 0 gives {@code 0 / 0 = NaN}, as in PyTorch. Gradient:
 * {@code dl/dx_{i, y_i} = -w_{y_i}} ({@code SUM}, {@code NONE}) or {@code -w_{y_i} / sum_k w_{y_k}} ({@code MEAN}),
 * 0 elsewhere. Targets: class indices, or one-hot rows (the same loss). PyTorch's {@code ignore_index} is not
 * provided.
 */
public final class NLLLoss implements Loss {

    private final Matrix weights;
    private final Reduction reduction;

    /** The loss without class weights, {@code MEAN}. */
    public NLLLoss() {
        this(null, Reduction.MEAN);
    }

    /**
     * The loss with chosen settings.
     *
     * @param weights the {@code 1 x C} class weights, each finite and {@code >= 0}, or {@code null} for none
     * @param reduction the reduction
     * @throws IllegalArgumentException if a weight is negative or not finite or the weights are not one row
     */
    public NLLLoss(Matrix weights, Reduction reduction) {
        this.weights = ClassWeights.require("NLLLoss", weights);
        this.reduction = Losses.requireReduction("NLLLoss", reduction);
    }

    /**
     * The class weights.
     *
     * @return the {@code 1 x C} weights, or {@code null} without weights
     */
    public Matrix weights() {
        return weights;
    }

    /**
     * Computes the loss against one-hot targets.
     *
     * @param logProbabilities the {@code N x C} log-probabilities
     * @param target {@code N x C} one-hot rows
     * @return the loss
     * @throws IllegalArgumentException if a row is not one-hot or the shapes do not fit
     */
    @Override
    public Tensor forward(Tensor logProbabilities, Matrix target) {
        return forward(logProbabilities, Losses.classesOf("NLLLoss", logProbabilities, target));
    }

    /**
     * Computes the loss against class indices.
     *
     * @param logProbabilities the {@code N x C} log-probabilities
     * @param classes the class of each sample, in {@code [0, C)}
     * @return the loss
     */
    @Override
    public Tensor forward(Tensor logProbabilities, int[] classes) {
        Objects.requireNonNull(logProbabilities, "NLLLoss: log-probabilities must not be null");
        int n = logProbabilities.rows();
        int c = logProbabilities.cols();
        ClassWeights.requireIndices("NLLLoss", classes, n, c);
        ClassWeights.requireClasses("NLLLoss", weights, c);
        if (reduction == Reduction.MEAN && n == 0) {
            throw new IllegalArgumentException("NLLLoss: the mean over an empty " + logProbabilities.shape()
                    + " input is undefined");
        }
        Tensor perSample = Tensor.apply(new WeightedPick(classes, ClassWeights.vector(weights, c)), logProbabilities);
        return switch (reduction) {
            case NONE -> perSample;
            case SUM -> perSample.sum();
            case MEAN -> perSample.sum().div(Tensor.constant(Matrix.scalar(totalWeight(weights, classes))));
        };
    }

    /** {@code sum_i w_{y_i}}, in sample order ({@code N} without weights). */
    static double totalWeight(Matrix weights, int[] classes) {
        double total = 0.0;
        for (int k : classes) {
            total += ClassWeights.of(weights, k);
        }
        return total;
    }

    /**
     * Whether {@link #forward(Tensor, int[])} accepts class indices.
     *
     * @return {@code true}
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
        return "NLLLoss(weight=" + (weights == null ? "None" : weights.toString()) + ", reduction=" + reduction + ")";
    }
}
