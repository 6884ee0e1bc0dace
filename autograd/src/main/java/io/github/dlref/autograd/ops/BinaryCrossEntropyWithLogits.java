package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.Objects;
import java.util.List;

/**
 * Binary cross-entropy computed from logits, fused for stability (PyTorch {@code BCEWithLogitsLoss}, without
 * {@code weight} or {@code pos_weight}).
 *
 * <p>For logits {@code Z} and targets {@code Y} in {@code [0, 1]} (both {@code N x K}: K independent binary
 * outputs per sample), each element's loss is
 * {@code l_ij = -(y log sigma(z) + (1 - y) log(1 - sigma(z)))} (bp-optimizers' binary cross-entropy),
 * evaluated without overflow as {@code l = max(z, 0) - z y + log(1 + exp(-|z|))} ({@code log1p}).
 * Reduction ({@link Reduction}), as PyTorch: {@code NONE} gives the {@code N x K} matrix of {@code l_ij},
 * {@code MEAN} (default) the mean over all {@code N K} elements, {@code SUM} their row-major sum.
 *
 * <p>Gradient: {@code dl_ij/dz_ij = sigma(z_ij) - y_ij}, times the upstream {@code g_ij} ({@code NONE}),
 * {@code g / (N K)} ({@code MEAN}) or {@code g} ({@code SUM}). The targets receive no gradient.
 * Saves {@code sigma(Z)}.
 */
public final class BinaryCrossEntropyWithLogits extends Op {

    private final Matrix targets;
    private final Reduction reduction;
    private Matrix probabilities;

    /**
     * Creates the op.
     *
     * @param targets an {@code N x K} matrix with entries in {@code [0, 1]}
     * @param reduction how to combine the element losses
     * @throws IllegalArgumentException if an entry is outside {@code [0, 1]} or NaN
     */
    public BinaryCrossEntropyWithLogits(Matrix targets, Reduction reduction) {
        this.targets = Objects.requireNonNull(targets, "BinaryCrossEntropyWithLogits: targets must not be null");
        this.reduction = Objects.requireNonNull(reduction,
                "BinaryCrossEntropyWithLogits: reduction must not be null");
        for (int i = 0; i < targets.rows(); i++) {
            for (int k = 0; k < targets.cols(); k++) {
                double y = targets.get(i, k);
                if (!(y >= 0.0 && y <= 1.0)) {
                    throw new IllegalArgumentException("BinaryCrossEntropyWithLogits: target at (" + i + ", " + k
                            + ") must be in [0, 1], got " + y);
                }
            }
        }
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        Matrix logits = inputs[0];
        if (!logits.sameShape(targets)) {
            throw new IllegalArgumentException(name() + ": logits " + logits.shape() + " and targets "
                    + targets.shape() + " differ in shape");
        }
        if (reduction == Reduction.MEAN && logits.size() == 0) {
            throw new IllegalArgumentException(name() + ": the mean over an empty " + logits.shape()
                    + " input is undefined");
        }
        probabilities = logits.map(Sigmoid::logistic);
        Matrix losses = logits.zip(targets, (z, y) -> Math.max(z, 0.0) - z * y + StrictMath.log1p(Math.exp(-Math.abs(z))));
        return switch (reduction) {
            case NONE -> losses;
            case SUM -> Matrix.scalar(losses.sum());
            case MEAN -> Matrix.scalar(losses.sum() / losses.size());
        };
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        Matrix residual = probabilities.minus(targets);
        return new Matrix[] {
            switch (reduction) {
                case NONE -> gradOutput.times(residual);
                case SUM -> residual.times(gradOutput.scalarValue());
                case MEAN -> residual.times(gradOutput.scalarValue() / residual.size());
            }
        };
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        Tensor residual = inputs.get(0).sigmoid().minus(Tensor.constant(targets));
        int n = targets.rows();
        int k = targets.cols();
        return new Tensor[] {
            switch (reduction) {
                case NONE -> gradOutput.times(residual);
                case SUM -> residual.times(Expand.scalar(gradOutput, n, k));
                case MEAN -> residual.times(Expand.scalar(gradOutput, n, k)
                        .div(Tensor.constant(Matrix.filled(n, k, targets.size()))));
            }
        };
    }
}
