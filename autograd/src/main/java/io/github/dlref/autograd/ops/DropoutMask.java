package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.Objects;
import java.util.List;

/**
 * Multiplication by a fixed dropout mask, {@code y_ij = a_ij m_ij}. The mask is data, not a graph input:
 * it is drawn by the caller (for inverted dropout with drop probability {@code p}, as PyTorch's
 * {@code nn.Dropout}, {@code m_ij} is 0 or {@code 1 / (1 - p)}), so the op itself is deterministic and can be
 * gradient-checked.
 *
 * <p>Shapes: input and mask {@code n x m}, output {@code n x m}. Gradient: {@code dL/da_ij = g_ij m_ij}.
 */
public final class DropoutMask extends Op {

    private final Matrix mask;

    /**
     * Creates the op.
     *
     * @param mask the already-scaled mask, finite entries
     * @throws IllegalArgumentException if an entry is NaN or infinite
     */
    public DropoutMask(Matrix mask) {
        this.mask = Objects.requireNonNull(mask, "DropoutMask: mask must not be null");
        for (int k = 0; k < mask.size(); k++) {
            Shapes.requireFinite("DropoutMask", "mask entry " + k + " (row-major)", mask.getFlat(k));
        }
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        if (!inputs[0].sameShape(mask)) {
            throw new IllegalArgumentException(name() + ": input " + inputs[0].shape() + " and mask "
                    + mask.shape() + " differ in shape");
        }
        return inputs[0].times(mask);
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {gradOutput.times(mask)};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        return new Tensor[] {gradOutput.times(Tensor.constant(mask))};
    }
}
