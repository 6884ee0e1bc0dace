package io.github.dlref.nn.losses;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.ops.WeightedPick;
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
 *
 * <p><b>Class weights {@code w} ({@code 1 x K}) and label smoothing {@code epsilon}</b>, exactly as PyTorch 1.13
 * ({@code nn.CrossEntropyLoss(weight, label_smoothing)}), with {@code x = log softmax(z)} and {@code w = 1}
 * when no weights are given. The two kinds of target combine them differently:
 * <ul>
 *   <li><b>class indices</b> {@code y_i} ({@link #forward(Tensor, int[])}): per sample
 *       {@code l_i = (1 - epsilon) (-w_{y_i} x_{i, y_i}) + (epsilon / K) (-sum_k w_k x_ik)}; {@code SUM} sums
 *       them; {@code MEAN} divides <b>both</b> parts by the total target weight {@code W = sum_i w_{y_i}}
 *       ({@code W = N} without weights): PyTorch's weighted mean of its {@code nll_loss}, and for the smoothing
 *       part its division "to be consistent with nll_loss";</li>
 *   <li><b>probabilities</b> {@code t_ik} ({@link #forward(Tensor, Matrix)}, one-hot rows included): the targets
 *       are first smoothed, {@code t' = (1 - epsilon) t + epsilon / K}, then {@code l_i = -sum_k w_k t'_ik x_ik};
 *       {@code MEAN} divides by {@code N}, <b>not</b> by a weight sum.</li>
 * </ul>
 * So without weights a one-hot matrix and its class indices give the same loss (with or without smoothing),
 * while with weights they differ in {@code MEAN} (tested: PyTorch does the same). Without weights and smoothing
 * the fused op above is used, exactly as before; otherwise the loss is composed from {@code logSoftmax} and
 * constant weightings.
 *
 * <p><b>{@code ignore_index}</b> (class indices only, PyTorch's default {@code -100}): a sample whose class equals
 * it contributes {@code l_i = 0} (both parts, also in {@code NONE}) and gradient 0, and {@code MEAN} divides both
 * parts by the total weight of the other samples only, {@code W = sum_{i not ignored} w_{y_i}} (their count without
 * weights), as PyTorch 1.13. A batch whose every sample is ignored gives {@code 0 / 0 = NaN} in {@code MEAN}, with
 * gradient 0 (as PyTorch 1.13). The fused op is used only when no sample is ignored; the ignored index may be any
 * integer, also a class in {@code [0, K)}. Probability targets have no ignored index (PyTorch's neither).
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

    /** PyTorch's default {@code ignore_index}, {@code -100}. */
    public static final int DEFAULT_IGNORE_INDEX = ClassWeights.DEFAULT_IGNORE_INDEX;

    private final Reduction reduction;
    private final Matrix weights;
    private final double labelSmoothing;
    private final int ignoreIndex;

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
        this(reduction, null, 0.0);
    }

    /**
     * The loss with class weights and label smoothing (see the class documentation for how they combine).
     *
     * @param reduction the reduction
     * @param weights the {@code 1 x K} class weights, each finite and {@code >= 0}, or {@code null} for none
     * @param labelSmoothing {@code epsilon} in {@code [0, 1]} (PyTorch's range; 0 is none)
     * @throws IllegalArgumentException if a weight is negative or not finite, or {@code epsilon} is outside
     *     {@code [0, 1]}
     */
    public CrossEntropyLoss(Reduction reduction, Matrix weights, double labelSmoothing) {
        this(reduction, weights, labelSmoothing, DEFAULT_IGNORE_INDEX);
    }

    /**
     * The loss with class weights, label smoothing and an ignored class index (see the class documentation).
     *
     * @param reduction the reduction
     * @param weights the {@code 1 x K} class weights, each finite and {@code >= 0}, or {@code null} for none
     * @param labelSmoothing {@code epsilon} in {@code [0, 1]} (PyTorch's range; 0 is none)
     * @param ignoreIndex the class index whose samples are ignored (any integer; PyTorch's default is -100)
     * @throws IllegalArgumentException if a weight is negative or not finite, or {@code epsilon} is outside
     *     {@code [0, 1]}
     */
    public CrossEntropyLoss(Reduction reduction, Matrix weights, double labelSmoothing, int ignoreIndex) {
        this.ignoreIndex = ignoreIndex;
        this.reduction = Losses.requireReduction("CrossEntropyLoss", reduction);
        this.weights = ClassWeights.require("CrossEntropyLoss", weights);
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("CrossEntropyLoss: label_smoothing must be in [0, 1], got "
                    + labelSmoothing);
        }
        this.labelSmoothing = labelSmoothing;
    }

    /**
     * The class weights.
     *
     * @return the {@code 1 x K} weights, or {@code null} without weights
     */
    public Matrix weights() {
        return weights;
    }

    /**
     * The label smoothing.
     *
     * @return {@code epsilon}
     */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    /**
     * The ignored class index.
     *
     * @return {@code ignore_index}
     */
    public int ignoreIndex() {
        return ignoreIndex;
    }

    private boolean plain() {
        return weights == null && labelSmoothing == 0.0;
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
        if (plain()) {
            return logits.softmaxCrossEntropy(target, reduction);
        }
        int n = logits.rows();
        int k = logits.cols();
        ClassWeights.requireClasses("CrossEntropyLoss", weights, k);
        ClassWeights.requireProbabilities("CrossEntropyLoss", target);
        Losses.requireNonEmptyForMean("CrossEntropyLoss", reduction, logits);
        Matrix smoothed = labelSmoothing == 0.0 ? target
                : target.map(t -> t * (1 - labelSmoothing) + labelSmoothing / k);
        Tensor logProbabilities = logits.logSoftmax();
        Tensor weighted = weights == null ? logProbabilities
                : logProbabilities.times(Tensor.constant(weights.repeatRows(n)));
        Tensor products = weighted.times(Tensor.constant(smoothed));
        return switch (reduction) {
            case NONE -> products.sumRows().neg();
            case SUM -> products.sum().neg();
            case MEAN -> products.sum().neg().div(Tensor.constant(Matrix.scalar(n)));
        };
    }

    /**
     * Computes the loss against class indices.
     *
     * @param logits the {@code N x K} logits
     * @param classes the class of each sample, in {@code [0, K)} or {@code ignore_index}
     * @return the loss
     */
    @Override
    public Tensor forward(Tensor logits, int[] classes) {
        Objects.requireNonNull(logits, "CrossEntropyLoss: logits must not be null");
        Objects.requireNonNull(classes, "CrossEntropyLoss: classes must not be null");
        if (plain() && java.util.Arrays.stream(classes).noneMatch(c -> c == ignoreIndex)) {
            return logits.softmaxCrossEntropy(classes, reduction);
        }
        int n = logits.rows();
        int k = logits.cols();
        boolean[] ignored = ClassWeights.requireIndices("CrossEntropyLoss", classes, n, k, ignoreIndex);
        ClassWeights.requireClasses("CrossEntropyLoss", weights, k);
        Losses.requireNonEmptyForMean("CrossEntropyLoss", reduction, logits);
        double[] w = ClassWeights.vector(weights, k);
        Tensor logProbabilities = logits.logSoftmax();
        Tensor nll = Tensor.apply(new WeightedPick(classes, w, ignored), logProbabilities);
        Tensor total = Tensor.constant(Matrix.scalar(ClassWeights.totalWeight(weights, classes, ignored)));
        if (labelSmoothing == 0.0) { // PyTorch: nll_loss of log_softmax, the smoothing term is not computed
            return switch (reduction) {
                case NONE -> nll;
                case SUM -> nll.sum();
                case MEAN -> nll.sum().div(total);
            };
        }
        Matrix negativeWeights = Matrix.build(n, k, (i, c) -> ignored[i] ? 0.0 : -w[c]);
        Tensor smooth = logProbabilities.times(Tensor.constant(negativeWeights)).sumRows();
        double eps = labelSmoothing;
        switch (reduction) {
            case NONE:
                return nll.times(1 - eps).plus(smooth.times(eps / k));
            case SUM:
                return nll.sum().times(1 - eps).plus(smooth.sum().times(eps / k));
            default:
                if (total.item() == 0.0 && allIgnored(ignored)) {
                    // 0 / 0: NaN, and PyTorch's gradient 0 (the smoothing term's ignored rows are filled, not scaled)
                    return nll.sum().div(total).times(1 - eps);
                }
                return nll.sum().div(total).times(1 - eps).plus(smooth.sum().div(total).times(eps / k));
        }
    }

    private static boolean allIgnored(boolean[] ignored) {
        for (boolean b : ignored) {
            if (!b) {
                return false;
            }
        }
        return true;
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
        String ignore = ignoreIndex == DEFAULT_IGNORE_INDEX ? "" : ", ignore_index=" + ignoreIndex;
        if (plain()) {
            return "CrossEntropyLoss(reduction=" + reduction + ignore + ")";
        }
        return "CrossEntropyLoss(reduction=" + reduction + ", weight=" + (weights == null ? "None" : weights)
                + ", label_smoothing=" + labelSmoothing + ignore + ")";
    }
}
