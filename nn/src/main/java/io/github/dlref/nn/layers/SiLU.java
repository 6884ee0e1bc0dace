package io.github.dlref.nn.layers;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.nn.Module;
import io.github.dlref.nn.ops.Silu;
import java.util.Objects;

/**
 * Sigmoid linear unit, also called swish (Elfwing, Uchibe and Doya 2018; PyTorch {@code nn.SiLU}), elementwise
 * {@code y = x sigma(x)} with {@code sigma(x) = 1 / (1 + e^-x)}. Gradient {@code sigma(x) (1 + x (1 - sigma(x)))}.
 * See the op {@link Silu}.
 *
 * <p>Shapes: {@code N x D} to {@code N x D}. No parameters; the same in training and evaluation mode.
 */
public final class SiLU extends Module {

    /** Creates the layer. */
    public SiLU() {
    }

    /**
     * Applies the function.
     *
     * @param input the input batch
     * @return the output batch, same shape
     */
    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "SiLU.forward: input must not be null");
        return Tensor.apply(new Silu(), input);
    }
}
