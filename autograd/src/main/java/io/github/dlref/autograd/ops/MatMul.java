package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Matrix product {@code C = A B}, {@code c_ij = sum_k a_ik b_kj}.
 *
 * <p>Shapes: {@code A} is {@code m x k}, {@code B} is {@code k x n}, {@code C} is {@code m x n}.
 * Gradient: {@code dL/dA = G B^T} ({@code m x k}) and {@code dL/dB = A^T G} ({@code k x n}), both
 * computed with the transposed products of {@link Matrix} so no transpose is materialised. Saves both
 * inputs.
 *
 * @see TransposeTimes
 * @see TimesTranspose
 */
public final class MatMul extends Op {

    private Matrix a;
    private Matrix b;

    /** Creates the op. */
    public MatMul() {
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        a = inputs[0];
        b = inputs[1];
        if (a.cols() != b.rows()) {
            throw new IllegalArgumentException(name() + " (A B): shapes " + a.shape() + " and " + b.shape()
                    + " do not align (" + a.cols() + " != " + b.rows() + ")");
        }
        return a.matmul(b);
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {
            needsInputGrad(0) ? gradOutput.timesTranspose(b) : null,
            needsInputGrad(1) ? a.transposeTimes(gradOutput) : null
        };
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {
            needsInputGrad(0) ? gradOutput.timesTranspose(inputs.get(1)) : null,
            needsInputGrad(1) ? inputs.get(0).transposeTimes(gradOutput) : null
        };
    }
}
