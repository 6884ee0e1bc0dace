package io.github.dlref.nn.layers;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.nn.Module;
import java.util.Objects;

/**
 * Log-softmax over each row (PyTorch {@code nn.LogSoftmax(dim=1)}),
 * {@code y_ij = x_ij - max_k x_ik - ln sum_k exp(x_ik - max_k x_ik)}: the input {@link io.github.dlref.nn.losses.NLLLoss}
 * and {@link io.github.dlref.nn.losses.KLDivLoss} expect. Gradient {@code g_ij - softmax(x)_ij sum_k g_ik}
 * (the autograd op {@code LogSoftmax}).
 *
 * <p>Shapes: {@code N x D} to {@code N x D}. No parameters; the same in training and evaluation mode.
 */
public final class LogSoftmax extends Module {

    /** Creates the layer. */
    public LogSoftmax() {
    }

    /**
     * Applies the function.
     *
     * @param input the input batch
     * @return the output batch, same shape
     */
    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "LogSoftmax.forward: input must not be null");
        return input.logSoftmax();
    }
}
