package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Leaky ReLU {@code y_ij = a_ij} if {@code a_ij > 0}, else {@code alpha a_ij} (PyTorch
 * {@code F.leaky_relu(x, negative_slope = alpha)}). Shapes: {@code n x m} to {@code n x m}.
 * Gradient: {@code dL/da_ij = g_ij} where {@code a_ij > 0}, else {@code alpha g_ij}; at the kink
 * {@code a = 0} the slope is {@code alpha}, as in PyTorch ({@code self > 0 ? grad : grad * negative_slope}).
 * Saves the input.
 */
public final class LeakyRelu extends Op {

    private final double slope;
    private Matrix input;

    /**
     * Creates the op.
     *
     * @param slope the negative slope {@code alpha}, finite (PyTorch's default is 0.01)
     * @throws IllegalArgumentException if the slope is NaN or infinite
     */
    public LeakyRelu(double slope) {
        Shapes.requireFinite("LeakyRelu", "slope", slope);
        this.slope = slope;
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        input = inputs[0];
        return input.map(x -> x > 0 ? x : slope * x);
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput.zip(input, (g, x) -> x > 0 ? g : slope * g)};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {gradOutput.times(Tensor.constant(input.map(x -> x > 0 ? 1.0 : slope)))};
    }

    /**
     * {@inheritDoc} Not this op: its derivative jumps from the slope to 1 at 0, so no second derivative exists there; away from it the second derivative
     * is 0, which is what its differentiable backward gives (a constant mask times the upstream gradient).
     *
     * @return {@code false}
     */
    @Override
    public boolean isTwiceDifferentiable() {
        return false;
    }
}
