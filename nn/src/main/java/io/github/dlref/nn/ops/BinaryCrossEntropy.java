package io.github.dlref.nn.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Binary cross-entropy of probabilities, elementwise, with PyTorch's {@code BCELoss} conventions at the
 * edges: {@code l_ij = -(y_ij log(p_ij) + (1 - y_ij) log(1 - p_ij))}, where each logarithm is clamped to be
 * {@code >= -100} (so {@code p = 0} or {@code 1} gives a finite loss, as PyTorch documents). This is
 * bp-optimizers' {@code L(A, Y) = -(Y log A + (1 - Y) log(1 - A))} per element.
 *
 * <p>Shapes: probabilities and targets {@code N x K}, output {@code N x K} (elementwise losses; the loss
 * class reduces them). Gradient (PyTorch's {@code binary_cross_entropy_backward}):
 * {@code dl/dp = g (p - y) / max(p (1 - p), eps)}, which is {@code -y/p + (1 - y)/(1 - p)} away from the
 * edges; {@code eps} is PyTorch's constant {@code EPSILON = 1e-12}, which PyTorch declares as a
 * {@code float}, so its value is {@code (double) 1e-12f = 9.999999960041972e-13} (the golden test against
 * PyTorch shows the difference at {@code p = 0}: a gradient of {@code -1.0000000039958e12}, not
 * {@code -1e12}). The targets receive no gradient. Saves the probabilities.
 *
 * <p><b>Second derivatives</b> ({@link #isTwiceDifferentiable()} is {@code false}, because of the clamps near
 * {@code p = 0} and {@code p = 1}): where {@code p (1 - p) >= eps} the differentiable backward rule is the fast rule
 * written with tensor ops, {@code g ((p - y) / (p (1 - p)))}, whose derivative is the exact
 * {@code (p^2 - 2 p y + y) / (p (1 - p))^2}; where the clamp holds the denominator is the constant {@code eps}.
 * PyTorch's {@code binary_cross_entropy_double_backward} divides instead by
 * {@code (p + 1e-12)^2 (1 - p + 1e-12)^2}, which differs from the exact value by a relative
 * {@code 2e-12 (1 / p + 1 / (1 - p))} or so (about 1e-11 at {@code p = 0.3}).
 */
public final class BinaryCrossEntropy extends Op {

    /** The lower clamp of each logarithm (PyTorch's). */
    public static final double LOG_CLAMP = -100.0;
    /** The lower bound of {@code p (1 - p)} in the gradient's denominator: PyTorch's float32 {@code 1e-12f}. */
    public static final double GRAD_EPS = (double) 1e-12f;

    private final Matrix targets;
    private Matrix probabilities;

    /**
     * Creates the op.
     *
     * @param targets {@code N x K} targets in {@code [0, 1]}
     * @throws IllegalArgumentException if a target is outside {@code [0, 1]} or NaN
     */
    public BinaryCrossEntropy(Matrix targets) {
        this.targets = TargetChecks.requireUnitInterval("BinaryCrossEntropy", targets);
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        probabilities = inputs[0];
        TargetChecks.requireSameShape(name(), probabilities, targets);
        for (int k = 0; k < probabilities.size(); k++) {
            double p = probabilities.getFlat(k);
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException(name() + ": probability at (" + k / probabilities.cols() + ", "
                        + k % probabilities.cols() + ") must be in [0, 1], got " + p
                        + " (use BCEWithLogitsLoss for logits)");
            }
        }
        return probabilities.zip(targets, (p, y) -> -(y * Math.max(StrictMath.log(p), LOG_CLAMP)
                + (1 - y) * Math.max(StrictMath.log(1 - p), LOG_CLAMP)));
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        Matrix local = probabilities.zip(targets, (p, y) -> (p - y) / Math.max(p * (1 - p), GRAD_EPS));
        return new Matrix[] {gradOutput.times(local)};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        Tensor p = inputs.get(0);
        Matrix unclamped = probabilities.map(v -> v * (1 - v) >= GRAD_EPS ? 1.0 : 0.0);
        Tensor denominator = p.times(p.neg().plus(1.0)).times(Tensor.constant(unclamped))
                .plus(Tensor.constant(unclamped.map(m -> m == 1.0 ? 0.0 : GRAD_EPS)));
        return new Tensor[] {gradOutput.times(p.minus(Tensor.constant(targets)).div(denominator))};
    }

    /**
     * {@inheritDoc} Not this op: the clamps of the logarithms and of the gradient's denominator make kinks near
     * {@code p = 0} and {@code p = 1}.
     *
     * @return {@code false}
     */
    @Override
    public boolean isTwiceDifferentiable() {
        return false;
    }
}
