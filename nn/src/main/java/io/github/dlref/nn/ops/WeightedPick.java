package io.github.dlref.nn.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;
import java.util.Objects;

/**
 * The weighted negative entry of each row's target class: {@code y_i = -w_{k_i} a_{i, k_i}}, the per-sample
 * negative log-likelihood of PyTorch's {@code nll_loss} when {@code a} holds log-probabilities. Shapes:
 * {@code N x C} to {@code N x 1}. Gradient {@code dL/da_{i, k_i} = -w_{k_i} g_i}, 0 elsewhere. Only the target
 * entries are read, so a {@code -inf} log-probability of another class does no harm (a product with a one-hot mask
 * would give {@code 0 * -inf = NaN}). Saves nothing but the constants.
 *
 * <p>Samples marked as ignored (PyTorch's {@code ignore_index}) give exactly {@code y_i = 0} and receive gradient 0;
 * nothing of their row is read, and their class need not be a column index.
 *
 * <p>Linear in its input, so twice differentiable with second derivative 0: the differentiable backward rule is
 * {@code (g 1^T) * M} with the constant {@code M_{i, k_i} = -w_{k_i}} (0 elsewhere), linear in the upstream gradient.
 */
public final class WeightedPick extends Op {

    private final int[] classes;
    private final double[] weights;
    private final boolean[] ignored;
    private int cols;

    /**
     * Creates the op.
     *
     * @param classes the class {@code k_i} of each row, each in {@code [0, C)} (checked by the caller)
     * @param weights the weight {@code w_c} of each class, length {@code C}
     */
    public WeightedPick(int[] classes, double[] weights) {
        this(classes, weights, new boolean[Objects.requireNonNull(classes, "WeightedPick: classes").length]);
    }

    /**
     * Creates the op with ignored samples.
     *
     * @param classes the class {@code k_i} of each row, each in {@code [0, C)} where the row is not ignored
     *     (checked by the caller)
     * @param weights the weight {@code w_c} of each class, length {@code C}
     * @param ignored which rows are ignored (output 0, gradient 0), one flag per row
     * @throws IllegalArgumentException if there is not one flag per class index
     */
    public WeightedPick(int[] classes, double[] weights, boolean[] ignored) {
        this.classes = Objects.requireNonNull(classes, "WeightedPick: classes").clone();
        this.weights = Objects.requireNonNull(weights, "WeightedPick: weights").clone();
        this.ignored = Objects.requireNonNull(ignored, "WeightedPick: ignored").clone();
        if (ignored.length != classes.length) {
            throw new IllegalArgumentException("WeightedPick: " + ignored.length + " ignore flags for "
                    + classes.length + " class indices");
        }
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        Matrix a = inputs[0];
        if (a.rows() != classes.length || a.cols() != weights.length) {
            throw new IllegalArgumentException("WeightedPick: input " + a.shape() + " does not fit "
                    + classes.length + " classes and " + weights.length + " weights");
        }
        cols = a.cols();
        double[] out = new double[classes.length];
        for (int i = 0; i < classes.length; i++) {
            out[i] = ignored[i] ? 0.0 : -weights[classes[i]] * a.get(i, classes[i]);
        }
        return Matrix.columnVector(out);
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        double[] grad = new double[classes.length * cols];
        for (int i = 0; i < classes.length; i++) {
            if (!ignored[i]) {
                grad[i * cols + classes[i]] = -weights[classes[i]] * gradOutput.get(i, 0);
            }
        }
        return new Matrix[] {Matrix.fromRowMajor(classes.length, cols, grad)};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        Matrix picks = Matrix.build(classes.length, cols, (i, k) -> !ignored[i] && k == classes[i] ? -weights[classes[i]]
                : 0.0);
        return new Tensor[] {Broadcast.columns(gradOutput, cols).times(Tensor.constant(picks))};
    }
}
