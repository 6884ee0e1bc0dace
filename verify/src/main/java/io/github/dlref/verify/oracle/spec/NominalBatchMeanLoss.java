package io.github.dlref.verify.oracle.spec;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.losses.Loss;
import java.util.Objects;

/**
 * A loss averaged over the nominal batch size {@code B} instead of the batch's own size {@code N}: the inner loss's
 * mean times {@code N / B}, so its sum over the batch is divided by {@code B} (times the inner mean's per-sample
 * divisor, such as the output width for {@code mse}). It equals the mean on every full batch and differs only on a
 * short last batch ({@code drop_last} false, {@code B} not dividing the number of samples), where PyTorch's and
 * Keras's losses divide by the batch's own size. Found as TensorFlow's
 * {@code tf.nn.compute_average_loss(per_example_loss, global_batch_size=B)} and in hand-written loops that compute
 * {@code loss.sum() / batch_size}. The spec's {@code nominal_batch_mean} loss, which {@code dlref diagnose} tries
 * when the last batch is short. Gradient: the inner mean's, times {@code N / B}.
 */
public final class NominalBatchMeanLoss implements Loss {

    private final Loss inner;
    private final int batchSize;

    /**
     * The loss.
     *
     * @param inner the inner loss, with reduction {@code MEAN}
     * @param batchSize the nominal batch size {@code B >= 1}
     * @throws IllegalArgumentException if the inner loss's reduction is not {@code MEAN} or {@code B < 1}
     */
    public NominalBatchMeanLoss(Loss inner, int batchSize) {
        this.inner = Objects.requireNonNull(inner, "NominalBatchMeanLoss: inner must not be null");
        if (inner.reduction() != Reduction.MEAN) {
            throw new IllegalArgumentException("NominalBatchMeanLoss: the inner loss's reduction must be MEAN, got "
                    + inner.reduction());
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("NominalBatchMeanLoss: batch_size must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    @Override
    public Tensor forward(Tensor prediction, Matrix target) {
        return inner.forward(prediction, target).times(prediction.rows() / (double) batchSize);
    }

    @Override
    public Tensor forward(Tensor prediction, int[] classes) {
        return inner.forward(prediction, classes).times(prediction.rows() / (double) batchSize);
    }

    @Override
    public boolean acceptsClassIndices() {
        return inner.acceptsClassIndices();
    }

    /**
     * {@code MEAN}: a mean over the nominal batch size.
     *
     * @return {@code MEAN}
     */
    @Override
    public Reduction reduction() {
        return Reduction.MEAN;
    }

    /**
     * The nominal batch size.
     *
     * @return {@code B}
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * The inner loss.
     *
     * @return the inner loss
     */
    public Loss inner() {
        return inner;
    }

    @Override
    public String toString() {
        return "NominalBatchMeanLoss(" + inner + ", batch_size=" + batchSize + ")";
    }
}
