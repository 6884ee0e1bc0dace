package io.github.dlref.nn.layers;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import io.github.dlref.nn.Module;
import java.util.Objects;

/**
 * Inverted dropout, PyTorch's {@code nn.Dropout(p)}: in training mode each entry is dropped (set to 0) with
 * probability {@code p} and the kept entries are scaled by {@code 1 / (1 - p)}, so the expected output equals
 * the input; in evaluation mode the layer is the identity (it returns its input tensor). dl-basics describes
 * dropout as randomly dropping neurons during training. Note that {@code p} is the <b>drop</b> probability
 * here, as in PyTorch and Keras ({@code rate}); CS231n's notes use {@code p} for the keep probability.
 *
 * <p>Mask draw order (the documented use of the seeded {@link Rng}): on every training-mode forward call, one
 * {@code u = rng.nextDouble()} per input entry in row-major order; the entry is kept iff {@code u >= p}, and
 * its mask value is then {@code 1 / (1 - p)}, else {@code 0}. So {@code p = 0} keeps everything (and still
 * draws), and {@code p = 1} drops everything (mask all 0, output all 0, as PyTorch). The same generator state
 * gives the same mask, bit for bit.
 *
 * <p>Gradient: {@code dL/dx = G * mask} (the autograd op {@code DropoutMask}). Shapes: {@code N x D} to
 * {@code N x D}. No parameters, no buffers (the generator is not part of the saved state).
 */
public final class Dropout extends Module {

    private final double p;
    private final Rng rng;
    private Matrix lastMask;

    /**
     * Creates the layer.
     *
     * @param p the drop probability, in {@code [0, 1]}
     * @param rng the generator the masks are drawn from (owned by this layer from now on)
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]} or NaN
     */
    public Dropout(double p, Rng rng) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("Dropout: p (drop probability) must be in [0, 1], got " + p);
        }
        this.p = p;
        this.rng = Objects.requireNonNull(rng, "Dropout: rng must not be null");
    }

    /**
     * The drop probability.
     *
     * @return {@code p}
     */
    public double p() {
        return p;
    }

    /**
     * Draws a mask with the documented order and values, advancing the generator by {@code rows * cols}
     * draws.
     *
     * @param rows the number of rows
     * @param cols the number of columns
     * @return the {@code rows x cols} mask, entries {@code 0} or {@code 1 / (1 - p)}
     */
    public Matrix drawMask(int rows, int cols) {
        double keepScale = p == 1.0 ? 0.0 : 1.0 / (1.0 - p);
        return Matrix.build(rows, cols, (i, j) -> rng.nextDouble() >= p ? keepScale : 0.0);
    }

    /**
     * The mask used by the last training-mode forward call.
     *
     * @return the mask, or {@code null} if no training-mode forward call has happened
     */
    public Matrix lastMask() {
        return lastMask;
    }

    /**
     * Applies dropout (training mode) or the identity (evaluation mode).
     *
     * @param input the input batch
     * @return the output batch, same shape
     */
    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "Dropout.forward: input must not be null");
        if (!isTraining()) {
            return input;
        }
        lastMask = drawMask(input.rows(), input.cols());
        return input.dropoutMask(lastMask);
    }

    @Override
    protected String extraRepr() {
        return "p=" + p;
    }
}
