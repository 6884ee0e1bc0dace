package io.github.dlref.nn.layers;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.nn.Module;
import java.util.Objects;

/**
 * Softmax of each row, {@code y_ij = e^(x_ij) / sum_k e^(x_ik)}, computed with the row maximum subtracted
 * (PyTorch {@code nn.Softmax(dim=1)}). Gradient (dl-optimization's softmax Jacobian)
 * {@code dL/dx_ij = y_ij (g_ij - sum_k g_ik y_ik)}. For a classifier trained with cross-entropy prefer
 * {@code CrossEntropyLoss} on the logits, which fuses the two stably.
 *
 * <p>Shapes: {@code N x D} to {@code N x D}. No parameters; the same in training and evaluation mode.
 */
public final class Softmax extends Module {

    /** Creates the layer. */
    public Softmax() {
    }

    /**
     * Applies the function.
     *
     * @param input the input batch
     * @return the output batch, same shape
     */
    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "Softmax.forward: input must not be null");
        return input.softmax();
    }
}
