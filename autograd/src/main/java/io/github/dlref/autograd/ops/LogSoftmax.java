package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Log-softmax of each row, {@code y_ij = z_ij - ln(sum_k exp(z_ik))} (PyTorch {@code log_softmax(dim=1)}),
 * computed as {@code (z_ij - m_i) - ln(sum_k exp(z_ik - m_i))} with the row maximum {@code m_i}, so it is
 * finite for all finite logits (no {@code log(0)}, no overflow).
 *
 * <p>Shapes: {@code n x K} (K at least 1) to {@code n x K}. Gradient:
 * {@code dL/dz_ij = g_ij - softmax_ij sum_k g_ik}, with {@code softmax_ij = exp(y_ij)}. Saves the softmax.
 */
public final class LogSoftmax extends Op {

    private Matrix probabilities;

    /** Creates the op. */
    public LogSoftmax() {
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        Matrix output = Rows.logSoftmax(name(), inputs[0]);
        probabilities = output.exp();
        return output;
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        Matrix rowSums = gradOutput.sumRows();
        return new Matrix[] {
            Matrix.build(gradOutput.rows(), gradOutput.cols(),
                    (i, j) -> gradOutput.get(i, j) - probabilities.get(i, j) * rowSums.get(i, 0))
        };
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        Tensor probabilities = output.exp();
        Tensor rowSums = Expand.column(gradOutput.sumRows(), output.cols());
        return new Tensor[] {gradOutput.minus(probabilities.times(rowSums))};
    }
}
