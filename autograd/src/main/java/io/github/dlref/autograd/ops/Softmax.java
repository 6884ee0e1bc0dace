package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Softmax of each row, {@code y_ij = exp(z_ij) / sum_k exp(z_ik)} (PyTorch {@code softmax(dim=1)}), computed
 * with the row maximum subtracted first so that logits around 1000 do not overflow.
 *
 * <p>Shapes: {@code n x K} (K at least 1) to {@code n x K}; every output row sums to 1. Gradient: the
 * softmax Jacobian {@code dy_j/dz_i = y_j (delta_ij - y_i)} (dl-optimization, equation 2) applied to the
 * upstream row, {@code dL/dz_ij = y_ij (g_ij - sum_k g_ik y_ik)}. Saves the output.
 */
public final class Softmax extends Op {

    private Matrix output;

    /** Creates the op. */
    public Softmax() {
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        output = Rows.softmax(name(), inputs[0]);
        return output;
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        Matrix weighted = gradOutput.times(output).sumRows();
        return new Matrix[] {
            Matrix.build(output.rows(), output.cols(),
                    (i, j) -> output.get(i, j) * (gradOutput.get(i, j) - weighted.get(i, 0)))
        };
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        Tensor weighted = gradOutput.times(output).sumRows();
        return new Tensor[] {output.times(gradOutput.minus(Expand.column(weighted, output.cols())))};
    }
}
