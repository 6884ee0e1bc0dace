package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Product with the second operand transposed, {@code C = A B^T}, {@code c_ij = sum_k a_ik b_jk}, without
 * forming {@code B^T}. This is the linear layer's product {@code X W^T} (PyTorch {@code nn.Linear}, weight
 * {@code out x in}).
 *
 * <p>Shapes: {@code A} is {@code m x k}, {@code B} is {@code n x k}, {@code C} is {@code m x n}.
 * Gradient: {@code dL/dA = G B} ({@code m x k}) and {@code dL/dB = G^T A} ({@code n x k}). Saves both
 * inputs.
 */
public final class TimesTranspose extends Op {

    private Matrix a;
    private Matrix b;

    /** Creates the op. */
    public TimesTranspose() {
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        a = inputs[0];
        b = inputs[1];
        if (a.cols() != b.cols()) {
            throw new IllegalArgumentException(name() + " (A B^T): shapes " + a.shape() + " and " + b.shape()
                    + " do not align (" + a.cols() + " != " + b.cols() + ")");
        }
        return a.timesTranspose(b);
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {
            needsInputGrad(0) ? gradOutput.matmul(b) : null,
            needsInputGrad(1) ? gradOutput.transposeTimes(a) : null
        };
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {
            needsInputGrad(0) ? gradOutput.matmul(inputs.get(1)) : null,
            needsInputGrad(1) ? gradOutput.transposeTimes(inputs.get(0)) : null
        };
    }
}
