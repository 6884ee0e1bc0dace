package io.github.dlref.nn.layers;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.nn.Module;
import java.util.Objects;

/**
 * Hyperbolic tangent, elementwise {@code y = tanh(x)} (PyTorch {@code nn.Tanh}). Gradient {@code 1 - y^2}.
 *
 * <p>Shapes: {@code N x D} to {@code N x D}. No parameters; the same in training and evaluation mode.
 */
public final class Tanh extends Module {

    /** Creates the layer. */
    public Tanh() {
    }

    /**
     * Applies the function.
     *
     * @param input the input batch
     * @return the output batch, same shape
     */
    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "Tanh.forward: input must not be null");
        return input.tanh();
    }
}
