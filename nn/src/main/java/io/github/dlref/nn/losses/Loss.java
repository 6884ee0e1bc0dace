package io.github.dlref.nn.losses;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;

/**
 * A loss: a differentiable function of a prediction batch (one sample per row) and a constant target.
 *
 * <p>Every loss documents its per-sample (or per-element) formula, the meaning of each {@link Reduction}
 * (what {@code MEAN} divides by is not the same for every loss, exactly as in PyTorch), its gradient and
 * its source. The result of {@code MEAN} and {@code SUM} is a {@code 1 x 1} tensor on which
 * {@link Tensor#backward()} can be called; {@code NONE} returns the unreduced losses. Targets are data:
 * they receive no gradient.
 */
public interface Loss {

    /**
     * Computes the loss.
     *
     * @param prediction the prediction batch ({@code N x D} scores, logits, probabilities or values,
     *     depending on the loss)
     * @param target the target batch, as documented by the loss
     * @return the loss ({@code 1 x 1} unless the reduction is {@code NONE})
     * @throws IllegalArgumentException if the shapes do not fit or a value is outside its domain, naming
     *     the loss, the shapes and the value
     */
    Tensor forward(Tensor prediction, Matrix target);

    /**
     * How the per-sample or per-element losses are combined.
     *
     * @return the reduction
     */
    Reduction reduction();
}
