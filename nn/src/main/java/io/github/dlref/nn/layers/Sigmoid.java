package io.github.dlref.nn.layers;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.nn.Module;
import java.util.Objects;

/**
 * Logistic sigmoid, elementwise {@code y = 1 / (1 + e^(-x))} (bp-optimizers' sigmoid neuron;
 * PyTorch {@code nn.Sigmoid}). Gradient {@code y (1 - y)}, at most 1/4, which is why deep sigmoid stacks
 * have vanishing gradients (param-optimization).
 *
 * <p>Shapes: {@code N x D} to {@code N x D}. No parameters; the same in training and evaluation mode.
 */
public final class Sigmoid extends Module {

    /** Creates the layer. */
    public Sigmoid() {
    }

    /**
     * Applies the function.
     *
     * @param input the input batch
     * @return the output batch, same shape
     */
    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "Sigmoid.forward: input must not be null");
        return input.sigmoid();
    }
}
