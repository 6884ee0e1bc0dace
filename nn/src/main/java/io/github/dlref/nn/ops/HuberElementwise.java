package io.github.dlref.nn.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * The elementwise Huber and smooth-L1 losses of an error {@code d = p - t}, {@code z = |d|}, in PyTorch's two
 * scalings (a prediction {@code p} against a constant target {@code t}):
 * <ul>
 *   <li>Huber ({@code F.huber_loss(p, t, delta)}; Huber 1964): {@code l = z^2 / 2} for {@code z < delta},
 *       {@code delta (z - delta / 2)} otherwise; gradient {@code clamp(d, -delta, delta)};</li>
 *   <li>smooth L1 ({@code F.smooth_l1_loss(p, t, beta)}; Girshick 2015): {@code l = z^2 / (2 beta)} for
 *       {@code z < beta}, {@code z - beta / 2} otherwise; gradient {@code d / beta} inside, {@code sign(d)}
 *       outside. So smooth L1 is Huber divided by {@code beta} (for {@code beta > 0}); with {@code beta = 0} it is
 *       the absolute error, whose gradient PyTorch 1.13 sets to {@code -1} at {@code d = 0} (its comparison
 *       {@code d <= -beta} holds for {@code d = 0}).</li>
 * </ul>
 * At {@code z = delta} (or {@code beta}) the quadratic and linear pieces meet with equal value and slope; the
 * linear branch is taken, as PyTorch compares with {@code <}; the gradient there is {@code +-delta}
 * ({@code +-1}). PyTorch's backward tests {@code d <= -delta}, then {@code d >= delta}, then the quadratic piece;
 * this op does the same. Shapes: {@code N x D} prediction to {@code N x D} losses. Saves the prediction.
 *
 * <p><b>Second derivatives</b> ({@link #isTwiceDifferentiable()} is {@code false}): {@code 1} (Huber) or
 * {@code 1 / beta} (smooth L1) where {@code |d| < delta}, 0 elsewhere, as PyTorch's {@code huber_loss_double_backward}
 * and {@code smooth_l1_loss_double_backward}; at {@code |d| = delta} the second derivative jumps and does not
 * exist (and smooth L1 with {@code beta = 0} has a kink at {@code d = 0}), so second-order checks keep the errors
 * away from those points. The differentiable rule computes {@code g ((d m) / beta + c)} (Huber: {@code g (d m + c)})
 * with the constant mask {@code m = [-delta < d < delta]} and the constant outer slopes {@code c}: the fast rule's
 * roundings.
 */
public final class HuberElementwise extends Op {

    private final double delta;
    private final boolean smoothL1;
    private final Matrix targets;
    private Matrix predictions;

    /**
     * Creates the op.
     *
     * @param delta the switch point {@code delta} (Huber) or {@code beta} (smooth L1); {@code > 0} for Huber,
     *     {@code >= 0} for smooth L1; finite
     * @param smoothL1 {@code true} for smooth L1's scaling, {@code false} for Huber's
     * @param targets the {@code N x D} targets
     * @throws IllegalArgumentException if {@code delta} is out of range or not finite
     */
    public HuberElementwise(double delta, boolean smoothL1, Matrix targets) {
        requireSwitchPoint(delta, smoothL1);
        this.delta = delta;
        this.smoothL1 = smoothL1;
        this.targets = java.util.Objects.requireNonNull(targets, "HuberElementwise: targets must not be null");
    }

    /**
     * Checks the switch point.
     *
     * @param delta Huber's {@code delta} or smooth L1's {@code beta}
     * @param smoothL1 {@code true} for smooth L1 ({@code beta >= 0}), {@code false} for Huber ({@code delta > 0})
     * @throws IllegalArgumentException naming the loss, the constant and its value if it is out of range
     */
    public static void requireSwitchPoint(double delta, boolean smoothL1) {
        String what = smoothL1 ? "SmoothL1Loss: beta must be finite and >= 0" : "HuberLoss: delta must be finite and > 0";
        if (!Double.isFinite(delta) || delta < 0 || (!smoothL1 && delta == 0)) {
            throw new IllegalArgumentException(what + ", got " + delta);
        }
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        predictions = inputs[0];
        if (!predictions.sameShape(targets)) {
            throw new IllegalArgumentException(name() + ": prediction " + predictions.shape() + " and target "
                    + targets.shape() + " differ in shape");
        }
        if (smoothL1) {
            return predictions.zip(targets, (p, t) -> {
                double z = Math.abs(p - t);
                return z < delta ? 0.5 * z * z / delta : z - 0.5 * delta;
            });
        }
        return predictions.zip(targets, (p, t) -> {
            double z = Math.abs(p - t);
            return z < delta ? 0.5 * z * z : delta * (z - 0.5 * delta);
        });
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        double outside = smoothL1 ? 1.0 : delta;
        Matrix local = predictions.zip(targets, (p, t) -> {
            double d = p - t;
            if (d <= -delta) {
                return -outside;
            }
            if (d >= delta) {
                return outside;
            }
            return smoothL1 ? d / delta : d;
        });
        return new Matrix[] {gradOutput.times(local)};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        double outside = smoothL1 ? 1.0 : delta;
        Matrix error = predictions.minus(targets);
        Matrix inside = error.map(d -> d <= -delta || d >= delta ? 0.0 : 1.0);
        Matrix slopes = error.map(d -> d <= -delta ? -outside : d >= delta ? outside : 0.0);
        Tensor local = Tensor.constant(slopes);
        if (!(smoothL1 && delta == 0.0)) {
            Tensor quadratic = inputs.get(0).minus(Tensor.constant(targets)).times(Tensor.constant(inside));
            local = (smoothL1 ? quadratic.div(Tensor.constant(Matrix.filled(error.rows(), error.cols(), delta)))
                    : quadratic).plus(local);
        }
        return new Tensor[] {gradOutput.times(local)};
    }

    /**
     * {@inheritDoc} Not this op: its second derivative jumps at {@code |d| = delta}.
     *
     * @return {@code false}
     */
    @Override
    public boolean isTwiceDifferentiable() {
        return false;
    }

    @Override
    public String name() {
        return smoothL1 ? "SmoothL1(beta=" + delta + ")" : "Huber(delta=" + delta + ")";
    }
}
