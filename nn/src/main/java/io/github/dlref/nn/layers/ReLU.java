package io.github.dlref.nn.layers;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.nn.Module;
import java.util.Objects;

/**
 * Rectified linear unit, elementwise {@code y = max(0, x)} (PyTorch {@code nn.ReLU}; param-optimization
 * recommends it against vanishing gradients). Gradient {@code 1} for {@code x > 0}, {@code 0} for
 * {@code x <= 0} (ReLU'(0) = 0, as PyTorch and micrograd).
 *
 * <p>Shapes: {@code N x D} to {@code N x D}. No parameters; the same in training and evaluation mode.
 */
public final class ReLU extends Module {

    /** Creates the layer. */
    public ReLU() {
    }

    /**
     * Applies the function.
     *
     * @param input the input batch
     * @return the output batch, same shape
     */
    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "ReLU.forward: input must not be null");
        return input.relu();
    }
}
