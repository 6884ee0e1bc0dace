package io.github.dlref.nn.layers;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.nn.Module;
import io.github.dlref.nn.ops.Elu;
import java.util.Objects;

/**
 * Scaled exponential linear unit (Klambauer et al. 2017, "Self-Normalizing Neural Networks"; PyTorch
 * {@code nn.SELU}), elementwise {@code y = scale x} for {@code x > 0} and {@code y = scale alpha (e^x - 1)} for
 * {@code x <= 0}, with the paper's constants as PyTorch writes them: {@link #ALPHA} and {@link #SCALE}.
 * Gradient {@code scale} for {@code x > 0} and {@code scale alpha e^x} for {@code x <= 0}, so
 * {@code scale alpha = 1.7580993408473766} at 0 (PyTorch's choice). See the op {@link Elu}.
 *
 * <p>Shapes: {@code N x D} to {@code N x D}. No parameters; the same in training and evaluation mode.
 */
public final class SELU extends Module {

    /** {@code alpha = 1.6732632423543772848170429916717}, rounded to double (PyTorch's constant). */
    public static final double ALPHA = 1.6732632423543772848170429916717;

    /** {@code scale = 1.0507009873554804934193349852946}, rounded to double (PyTorch's constant). */
    public static final double SCALE = 1.0507009873554804934193349852946;

    /** Creates the layer. */
    public SELU() {
    }

    /**
     * Applies the function.
     *
     * @param input the input batch
     * @return the output batch, same shape
     */
    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "SELU.forward: input must not be null");
        return Tensor.apply(new Elu(ALPHA, SCALE), input);
    }
}
