package io.github.dlref.nn.losses;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;

/**
 * Mean squared error, PyTorch's {@code nn.MSELoss}: element losses {@code l_ij = (yhat_ij - y_ij)^2}.
 * Reduction: {@code MEAN} (default) divides the sum by the number of <b>elements</b> {@code N D};
 * {@code SUM} sums all elements; {@code NONE} returns the {@code N x D} element losses. Gradient:
 * {@code dL/dyhat_ij = 2 (yhat_ij - y_ij)}, divided by {@code N D} for {@code MEAN}. For the halved
 * per-sample sum of bp-optimizers see {@link SumOfSquaresLoss}.
 *
 * <p>Example: predictions {@code (1, 2)} against targets {@code (0, 4)} have element losses {@code 1} and
 * {@code 4}, mean {@code 2.5}, and gradient {@code 2 (yhat - y) / 2 = (1, -2)}. Class indices are refused
 * (this is not a classification loss):
 * <pre>{@code
 * Loss loss = new MSELoss();
 * Tensor prediction = Tensor.variable(Matrix.rowVector(1.0, 2.0));
 * Tensor l = loss.forward(prediction, Matrix.rowVector(0.0, 4.0));   // 2.5
 * l.backward();                                                      // prediction.grad() = (1, -2)
 * loss.forward(prediction, new int[] {1});                           // IllegalArgumentException
 * }</pre>
 */
public final class MSELoss implements Loss {

    private final Reduction reduction;

    /** The loss with PyTorch's default reduction, {@code MEAN}. */
    public MSELoss() {
        this(Reduction.MEAN);
    }

    /**
     * The loss with a chosen reduction.
     *
     * @param reduction the reduction
     */
    public MSELoss(Reduction reduction) {
        this.reduction = Losses.requireReduction("MSELoss", reduction);
    }

    /**
     * Computes the loss.
     *
     * @param prediction the {@code N x D} predictions
     * @param target the {@code N x D} targets
     * @return the loss
     */
    @Override
    public Tensor forward(Tensor prediction, Matrix target) {
        Losses.requireSameShape("MSELoss", prediction, target);
        Losses.requireNonEmptyForMean("MSELoss", reduction, prediction);
        Tensor error = prediction.minus(Tensor.constant(target));
        return Losses.reducePerElement(error.pow(2), reduction);
    }

    @Override
    public Reduction reduction() {
        return reduction;
    }

    @Override
    public String toString() {
        return "MSELoss(reduction=" + reduction + ")";
    }
}
