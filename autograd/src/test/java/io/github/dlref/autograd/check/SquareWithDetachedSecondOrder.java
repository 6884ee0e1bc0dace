package io.github.dlref.autograd.check;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * A test fixture whose first derivative is right and whose second is wrong: {@code y = x^2} with the fast rule
 * {@code dL/dx = 2 x G}, but a differentiable rule that multiplies by the constant {@code 2 x} (the saved value,
 * detached from the graph), the classic double-backward mistake: the gradient's values are right, its derivative
 * with respect to {@code x} is lost (0 instead of {@code 2 G}).
 */
final class SquareWithDetachedSecondOrder extends Op {

    private Matrix input;

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        input = inputs[0];
        return input.times(input);
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput.times(input.times(2.0))};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {gradOutput.times(Tensor.constant(input.times(2.0)))};
    }
}
