package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Elementwise natural logarithm {@code y_ij = ln(a_ij)}, with IEEE semantics as PyTorch's {@code torch.log}:
 * {@code ln(0) = -infinity}, {@code ln(x < 0) = NaN}; these are not errors by themselves, but anomaly mode
 * ({@code GradMode.detectAnomaly()}) fails on them naming this op. Shapes: {@code n x m} to
 * {@code n x m}. Gradient: {@code dL/da_ij = g_ij / a_ij}. Saves the input.
 */
public final class Log extends Op {

    private Matrix input;

    /** Creates the op. */
    public Log() {
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        input = inputs[0];
        return input.log();
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput.div(input)};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {gradOutput.div(inputs.get(0))};
    }
}
