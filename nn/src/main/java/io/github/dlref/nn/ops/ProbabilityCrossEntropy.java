package io.github.dlref.nn.ops;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * Cross-entropy of predicted probabilities against target distributions, per sample:
 * {@code l_i = -sum_k y_ik log(p_ik)} (dl-optimization's {@code l(y, y_hat) = -sum_k y_k log y_hat_k}; in
 * PyTorch, {@code nll_loss(log(p))} for one-hot targets). Terms with {@code y_ik = 0} contribute exactly 0,
 * whatever {@code p_ik} is (the limit {@code 0 log 0 = 0}, avoiding {@code 0 * -inf = NaN}); a zero probability
 * where the target is positive gives an infinite loss, which is the true value.
 *
 * <p>Shapes: probabilities and targets {@code N x K}, output {@code N x 1}. Gradient:
 * {@code dl_i/dp_ik = -g_i y_ik / p_ik} (0 where {@code y_ik = 0}). The targets receive no gradient. For
 * logits prefer the fused softmax cross-entropy, which is stable. Saves the probabilities.
 *
 * <p>Smooth for {@code p > 0}, so twice differentiable: the differentiable backward rule computes
 * {@code ((-g_i) y_ik) / p_ik} with tensor ops (second derivative {@code g_i y_ik / p_ik^2}), dividing by 1 instead
 * of {@code p_ik} where {@code y_ik = 0} so that a zero probability there does no harm; the fast rule's roundings.
 */
public final class ProbabilityCrossEntropy extends Op {

    private final Matrix targets;
    private Matrix probabilities;

    /**
     * Creates the op.
     *
     * @param targets {@code N x K} target probabilities in {@code [0, 1]} (one-hot or soft)
     * @throws IllegalArgumentException if a target is outside {@code [0, 1]} or NaN
     */
    public ProbabilityCrossEntropy(Matrix targets) {
        this.targets = TargetChecks.requireUnitInterval("ProbabilityCrossEntropy", targets);
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    protected Matrix forward(Matrix... inputs) {
        probabilities = inputs[0];
        TargetChecks.requireSameShape(name(), probabilities, targets);
        int n = probabilities.rows();
        int c = probabilities.cols();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double loss = 0.0;
            for (int k = 0; k < c; k++) {
                double p = probabilities.get(i, k);
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException(name() + ": probability at (" + i + ", " + k
                            + ") must be in [0, 1], got " + p + " (use CrossEntropyLoss for logits)");
                }
                double y = targets.get(i, k);
                if (y != 0.0) {
                    loss -= y * StrictMath.log(p);
                }
            }
            out[i] = loss;
        }
        return Matrix.columnVector(out);
    }

    @Override
    protected Matrix[] backward(Matrix gradOutput) {
        return new Matrix[] {Matrix.build(probabilities.rows(), probabilities.cols(), (i, k) -> {
            double y = targets.get(i, k);
            return y == 0.0 ? 0.0 : -gradOutput.get(i, 0) * y / probabilities.get(i, k);
        })};
    }

    @Override
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        Matrix used = targets.map(y -> y == 0.0 ? 0.0 : 1.0);
        Tensor divisor = inputs.get(0).times(Tensor.constant(used)).plus(Tensor.constant(used.map(m -> 1.0 - m)));
        return new Tensor[] {Broadcast.columns(gradOutput, targets.cols()).neg().times(Tensor.constant(targets))
                .div(divisor)};
    }
}
