package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.Objects;
import java.util.List;

/**
 * Softmax cross-entropy computed from logits, fused for stability (PyTorch {@code F.cross_entropy}, which is
 * {@code nll_loss(log_softmax(z))}).
 *
 * <p>For logits {@code Z} ({@code N x K}, one sample per row) and targets {@code Y} ({@code N x K}), the
 * per-sample loss is {@code l_i = -sum_k y_ik log p_ik} with {@code log p_i = log_softmax(z_i)} computed by
 * the row-max shift (so logits around 1000 give finite losses). Terms with {@code y_ik = 0} are skipped.
 * Targets come in two forms, as in PyTorch:
 * <ul>
 *   <li>class indices {@code t_i in [0, K)}: {@code Y} is one-hot and {@code l_i = -log p_{i,t_i}}
 *       exactly;</li>
 *   <li>probabilities (one-hot or soft labels), entries in {@code [0, 1]}; rows need not sum to 1.</li>
 * </ul>
 * Reduction ({@link Reduction}): {@code NONE} gives the {@code N x 1} column of {@code l_i}; {@code MEAN}
 * (PyTorch's default) gives {@code (1/N) sum_i l_i} as {@code 1 x 1}; {@code SUM} gives {@code sum_i l_i}.
 * Sums run in row order.
 *
 * <p>Gradient: {@code dl_i/dz_ik = p_ik (sum_k y_ik) - y_ik}, which for a probability row is
 * {@code p_ik - y_ik} (the {@code y_hat - y} of dl-optimization, equation 3), times the upstream
 * {@code g_i} ({@code NONE}), {@code g / N} ({@code MEAN}) or {@code g} ({@code SUM}). The targets are data:
 * they receive no gradient (PyTorch can differentiate with respect to probability targets; dlref does not).
 * No class weights, {@code ignore_index} or label smoothing. Saves the probabilities.
 */
public final class SoftmaxCrossEntropy extends Op {

    private final int[] classes;
    private final Matrix probabilityTargets;
    private final Reduction reduction;
    private Matrix targets;
    private Matrix probabilities;

    /**
     * Cross-entropy with class-index targets.
     *
     * @param classes the target class of each sample, each in {@code [0, K)} (checked against the logits'
     *     column count in the forward pass)
     * @param reduction how to combine the per-sample losses
     * @throws IllegalArgumentException if a class index is negative
     */
    public SoftmaxCrossEntropy(int[] classes, Reduction reduction) {
        Objects.requireNonNull(classes, "SoftmaxCrossEntropy: classes must not be null");
        this.classes = classes.clone();
        for (int i = 0; i < this.classes.length; i++) {
            if (this.classes[i] < 0) {
                throw new IllegalArgumentException("SoftmaxCrossEntropy: class index of sample " + i
                        + " must be >= 0, got " + this.classes[i]);
            }
        }
        this.probabilityTargets = null;
        this.reduction = Objects.requireNonNull(reduction, "SoftmaxCrossEntropy: reduction must not be null");
    }

    /**
     * Cross-entropy with probability (one-hot or soft) targets.
     *
     * @param targets an {@code N x K} matrix with entries in {@code [0, 1]}
     * @param reduction how to combine the per-sample losses
     * @throws IllegalArgumentException if an entry is outside {@code [0, 1]} or NaN
     */
    public SoftmaxCrossEntropy(Matrix targets, Reduction reduction) {
        Objects.requireNonNull(targets, "SoftmaxCrossEntropy: targets must not be null");
        for (int i = 0; i < targets.rows(); i++) {
            for (int k = 0; k < targets.cols(); k++) {
                double y = targets.get(i, k);
                if (!(y >= 0.0 && y <= 1.0)) {
                    throw new IllegalArgumentException("SoftmaxCrossEntropy: target probability at (" + i + ", " + k
                            + ") must be in [0, 1], got " + y);
                }
            }
        }
        this.classes = null;
        this.probabilityTargets = targets;
        this.reduction = Objects.requireNonNull(reduction, "SoftmaxCrossEntropy: reduction must not be null");
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        Matrix logits = inputs[0];
        targets = classes != null ? oneHot(logits) : checkedProbabilities(logits);
        if (reduction == Reduction.MEAN && logits.rows() == 0) {
            throw new IllegalArgumentException(name() + ": the mean over an empty batch (0 samples) is undefined");
        }
        Matrix logProbabilities = Rows.logSoftmax(name(), logits);
        probabilities = logProbabilities.exp();
        double[] losses = new double[logits.rows()];
        for (int i = 0; i < losses.length; i++) {
            double loss = 0.0;
            for (int k = 0; k < logits.cols(); k++) {
                double y = targets.get(i, k);
                if (y != 0.0) {
                    loss -= y * logProbabilities.get(i, k);
                }
            }
            losses[i] = loss;
        }
        return reduce(Matrix.columnVector(losses));
    }

    private Matrix oneHot(Matrix logits) {
        if (classes.length != logits.rows()) {
            throw new IllegalArgumentException(name() + ": " + classes.length + " class indices for logits of shape "
                    + logits.shape() + " (one index per row is needed)");
        }
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] >= logits.cols()) {
                throw new IllegalArgumentException(name() + ": class index of sample " + i + " is " + classes[i]
                        + ", outside [0, " + logits.cols() + ") for logits of shape " + logits.shape());
            }
        }
        return Matrix.build(logits.rows(), logits.cols(), (i, k) -> k == classes[i] ? 1.0 : 0.0);
    }

    private Matrix checkedProbabilities(Matrix logits) {
        if (!probabilityTargets.sameShape(logits)) {
            throw new IllegalArgumentException(name() + ": targets " + probabilityTargets.shape()
                    + " and logits " + logits.shape() + " differ in shape");
        }
        return probabilityTargets;
    }

    private Matrix reduce(Matrix losses) {
        return switch (reduction) {
            case NONE -> losses;
            case SUM -> Matrix.scalar(losses.sum());
            case MEAN -> Matrix.scalar(losses.sum() / losses.rows());
        };
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        int n = probabilities.rows();
        Matrix targetMass = targets.sumRows();
        Matrix perSample = switch (reduction) {
            case NONE -> gradOutput;
            case SUM -> Matrix.filled(n, 1, gradOutput.scalarValue());
            case MEAN -> Matrix.filled(n, 1, gradOutput.scalarValue() / n);
        };
        return new Matrix[] {
            Matrix.build(n, probabilities.cols(), (i, k) -> perSample.get(i, 0)
                    * (probabilities.get(i, k) * targetMass.get(i, 0) - targets.get(i, k)))
        };
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        int n = probabilities.rows();
        int k = probabilities.cols();
        Matrix targetMass = targets.sumRows();
        Matrix mass = Matrix.build(n, k, (i, j) -> targetMass.get(i, 0));
        Tensor residual = inputs.get(0).logSoftmax().exp().times(Tensor.constant(mass)).minus(Tensor.constant(targets));
        Tensor perSample = switch (reduction) {
            case NONE -> Expand.column(gradOutput, k);
            case SUM -> Expand.scalar(gradOutput, n, k);
            case MEAN -> Expand.scalar(gradOutput, n, k).div(Tensor.constant(Matrix.filled(n, k, n)));
        };
        return new Tensor[] {perSample.times(residual)};
    }
}
