package io.github.dlref.nn.layers;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.nn.Module;
import java.util.Objects;

/**
 * The identity, {@code y = x} (PyTorch {@code nn.Identity}): returns its input tensor itself, so the
 * gradient passes unchanged.
 *
 * <p>Shapes: {@code N x D} to {@code N x D}. No parameters; the same in training and evaluation mode.
 */
public final class Identity extends Module {

    /** Creates the layer. */
    public Identity() {
    }

    /**
     * Applies the function.
     *
     * @param input the input batch
     * @return the output batch, same shape
     */
    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "Identity.forward: input must not be null");
        return input;
    }
}
