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
 * 0 elsewhere. Targets: class indices, or one-hot rows (the same loss).
 *
 * <p><b>{@code ignore_index}</b> (PyTorch's, default {@code -100}): a sample whose class index equals it contributes
 * {@code l_i = 0} (also in {@code NONE}) and receives gradient 0, and {@code MEAN} divides by the total weight of the
 * other samples only, {@code sum_{i not ignored} w_{y_i} l_i / sum_{i not ignored} w_{y_i}} (their count without
 * weights). A batch whose every sample is ignored gives {@code 0 / 0 = NaN} in {@code MEAN} (PyTorch 1.13 does the
 * same; its gradient is 0) and 0 in {@code SUM}. The ignored index may be any integer, also a class in
 * {@code [0, C)}, whose samples are then left out; one-hot rows are read as their class indices first, so it applies
 * to them too.
 */
public final class NLLLoss implements Loss {

    /** PyTorch's default {@code ignore_index}, {@code -100}. */
    public static final int DEFAULT_IGNORE_INDEX = ClassWeights.DEFAULT_IGNORE_INDEX;

    private final Matrix weights;
    private final Reduction reduction;
    private final int ignoreIndex;

    /** The loss without class weights, {@code MEAN}. */
    public NLLLoss() {
        this(null, Reduction.MEAN);
    }

    /**
     * The loss with chosen settings and PyTorch's default {@code ignore_index = -100}.
     *
     * @param weights the {@code 1 x C} class weights, each finite and {@code >= 0}, or {@code null} for none
     * @param reduction the reduction
     * @throws IllegalArgumentException if a weight is negative or not finite or the weights are not one row
     */
    public NLLLoss(Matrix weights, Reduction reduction) {
        this(weights, reduction, DEFAULT_IGNORE_INDEX);
    }

    /**
     * The loss with chosen settings.
     *
     * @param weights the {@code 1 x C} class weights, each finite and {@code >= 0}, or {@code null} for none
     * @param reduction the reduction
     * @param ignoreIndex the class index whose samples are ignored (any integer)
     * @throws IllegalArgumentException if a weight is negative or not finite or the weights are not one row
     */
    public NLLLoss(Matrix weights, Reduction reduction, int ignoreIndex) {
        this.weights = ClassWeights.require("NLLLoss", weights);
        this.reduction = Losses.requireReduction("NLLLoss", reduction);
        this.ignoreIndex = ignoreIndex;
    }

    /**
     * The ignored class index.
     *
     * @return {@code ignore_index}
     */
    public int ignoreIndex() {
        return ignoreIndex;
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
     * @param classes the class of each sample, in {@code [0, C)} or {@code ignore_index}
     * @return the loss
     */
    @Override
    public Tensor forward(Tensor logProbabilities, int[] classes) {
        Objects.requireNonNull(logProbabilities, "NLLLoss: log-probabilities must not be null");
        int n = logProbabilities.rows();
        int c = logProbabilities.cols();
        boolean[] ignored = ClassWeights.requireIndices("NLLLoss", classes, n, c, ignoreIndex);
        ClassWeights.requireClasses("NLLLoss", weights, c);
        if (reduction == Reduction.MEAN && n == 0) {
            throw new IllegalArgumentException("NLLLoss: the mean over an empty " + logProbabilities.shape()
                    + " input is undefined");
        }
        Tensor perSample = Tensor.apply(new WeightedPick(classes, ClassWeights.vector(weights, c), ignored),
                logProbabilities);
        return switch (reduction) {
            case NONE -> perSample;
            case SUM -> perSample.sum();
            case MEAN -> perSample.sum().div(Tensor.constant(Matrix.scalar(ClassWeights.totalWeight(weights, classes,
                    ignored))));
        };
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
        return "NLLLoss(weight=" + (weights == null ? "None" : weights.toString()) + ", reduction=" + reduction
                + (ignoreIndex == DEFAULT_IGNORE_INDEX ? "" : ", ignore_index=" + ignoreIndex) + ")";
    }
}
