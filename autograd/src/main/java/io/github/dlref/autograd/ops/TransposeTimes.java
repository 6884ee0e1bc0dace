package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Product with the first operand transposed, {@code C = A^T B}, {@code c_ij = sum_k a_ki b_kj}, without
 * forming {@code A^T}.
 *
 * <p>Shapes: {@code A} is {@code k x m}, {@code B} is {@code k x n}, {@code C} is {@code m x n}.
 * Gradient: {@code dL/dA = B G^T} ({@code k x m}) and {@code dL/dB = A G} ({@code k x n}). Saves both
 * inputs.
 */
public final class TransposeTimes extends Op {

    private Matrix a;
    private Matrix b;

    /** Creates the op. */
    public TransposeTimes() {
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        a = inputs[0];
        b = inputs[1];
        if (a.rows() != b.rows()) {
            throw new IllegalArgumentException(name() + " (A^T B): shapes " + a.shape() + " and " + b.shape()
                    + " do not align (" + a.rows() + " != " + b.rows() + ")");
        }
        return a.transposeTimes(b);
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {
            needsInputGrad(0) ? b.timesTranspose(gradOutput) : null,
            needsInputGrad(1) ? a.matmul(gradOutput) : null
        };
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {
            needsInputGrad(0) ? inputs.get(1).timesTranspose(gradOutput) : null,
            needsInputGrad(1) ? inputs.get(0).matmul(gradOutput) : null
        };
    }
}
