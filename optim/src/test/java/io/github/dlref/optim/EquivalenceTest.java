package io.github.dlref.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The equivalences between conventions, each proved on trajectories under its stated condition, and each
 * with a case where it breaks. Derivations: {@code docs/optimizers.md}.
 */
class EquivalenceTest {

    /** One-dimensional closed-loop run: gradient {@code grad(x)} at the current value. */
    private static double[] run1d(Optimizer opt, Parameter p, DoubleUnaryOperator grad, int steps) {
        double[] xs = new double[steps];
        for (int s = 0; s < steps; s++) {
            p.zeroGrad();
            p.accumulateGrad(Matrix.scalar(grad.applyAsDouble(p.value().scalarValue())));
            opt.step();
            xs[s] = p.value().scalarValue();
        }
        return xs;
    }

    private static void feed(Parameter p, double g) {
        p.zeroGrad();
        p.accumulateGrad(Matrix.scalar(g));
    }

    private static double normwiseError(Matrix a, Matrix b) {
        double norm = b.normP(Double.POSITIVE_INFINITY);
        return a.minus(b).normP(Double.POSITIVE_INFINITY) / norm;
    }

    // ------------------------------------------------------------------------------------------------
    // 1. PyTorch momentum and heavy-ball momentum

    /**
     * With a constant learning rate, {@code v_t = lr b_t} for all t (induction: {@code v_t = mu v_{t-1} + lr g_t
     * = lr (mu b_{t-1} + g_t) = lr b_t}), so {@code theta -= v_t} and {@code theta -= lr b_t} are the same
     * step. With dyadic numbers (lr 1/4, mu 1/2, f = x^2/2 from x = 3) no operation rounds and the two
     * trajectories are bit-identical for 20 steps.
     */
    @Test
    void pytorchAndHeavyBallMomentumAreIdenticalUnderAConstantLearningRate() {
        Parameter a = new Parameter("x", Matrix.scalar(3.0));
        Parameter b = new Parameter("x", Matrix.scalar(3.0));
        double[] torch = run1d(new SGD(List.of(a), SGD.Hyperparameters.pytorch(0.25).withMomentum(0.5)), a, x -> x, 20);
        double[] heavy = run1d(new SGD(List.of(b), SGD.Hyperparameters.dlBasics(0.25, 0.5)), b, x -> x, 20);
        for (int s = 0; s < 20; s++) {
            assertEquals(torch[s], heavy[s], "step " + (s + 1));
        }
        assertTrue(Math.abs(torch[19]) < Tolerances.SEPARATED_WIDELY, "the run must actually move towards 0: " + torch[19]);

        // General numbers: the same mathematics, rounded in a different order.
        List<Parameter> pa = Problems.BOWL.newParameters();
        List<Parameter> pb = Problems.BOWL.newParameters();
        SGD oa = new SGD(pa, SGD.Hyperparameters.pytorch(0.05).withMomentum(0.9));
        SGD ob = new SGD(pb, SGD.Hyperparameters.dlBasics(0.05, 0.9));
        for (int s = 0; s < 50; s++) {
            Problems.BOWL.setGradients(pa);
            Problems.BOWL.setGradients(pb);
            oa.step();
            ob.step();
            assertTrue(normwiseError(pb.get(0).value(), pa.get(0).value()) <= Tolerances.REORDERED_RELATIVE,
                    "step " + (s + 1));
            Matrix buffer = oa.state(pa.get(0)).buffer("momentum_buffer");
            Matrix v = ob.state(pb.get(0)).buffer("velocity");
            assertTrue(normwiseError(v, buffer.times(0.05)) <= Tolerances.REORDERED_RELATIVE, "v = lr b at step " + (s + 1));
        }
    }

    /**
     * When the learning rate changes from lr to lr' after step 5, PyTorch applies lr' to the whole buffer
     * (all past gradients) while heavy-ball keeps lr inside its velocity: at step 6, from the same point,
     * {@code theta_HB - theta_PT = -(mu lr b_5 + lr' g_6) + lr' (mu b_5 + g_6) = mu b_5 (lr' - lr)}.
     */
    @Test
    void theyDifferOnceTheLearningRateChanges() {
        double lr = 0.05;
        double lr2 = 0.01;
        double mu = 0.9;
        List<Parameter> pa = Problems.BOWL.newParameters();
        List<Parameter> pb = Problems.BOWL.newParameters();
        SGD oa = new SGD(pa, SGD.Hyperparameters.pytorch(lr).withMomentum(mu));
        SGD ob = new SGD(pb, SGD.Hyperparameters.dlBasics(lr, mu));
        Problems.run(Problems.BOWL, pa, oa, 5);
        Problems.run(Problems.BOWL, pb, ob, 5);
        Matrix b5 = oa.state(pa.get(0)).buffer("momentum_buffer");
        oa.setLearningRate(lr2);
        ob.setLearningRate(lr2);
        Problems.BOWL.setGradients(pa);
        Problems.BOWL.setGradients(pb);
        oa.step();
        ob.step();
        Matrix difference = pb.get(0).value().minus(pa.get(0).value());
        Matrix derived = b5.times(mu * (lr2 - lr));
        assertTrue(difference.approxEquals(derived, Tolerances.CANCELLATION * b5.normP(Double.POSITIVE_INFINITY)),
                "difference " + difference + " vs derived " + derived);
        assertTrue(difference.normP(Double.POSITIVE_INFINITY) > Tolerances.BREAKS_AT_LEAST, difference.toString());
    }

    // ------------------------------------------------------------------------------------------------
    // 2. EMA momentum and PyTorch momentum with momentum = dampening = beta

    /**
     * Both buffers follow {@code x_t = beta x_{t-1} + (1 - beta) g_t} after the first step, but PyTorch starts
     * from {@code b_1 = g_1} and EMA from {@code v_1 = (1 - beta) g_1}; the difference {@code d_t = b_t - v_t}
     * obeys {@code d_t = beta d_{t-1}} with {@code d_1 = beta g_1}, so {@code d_t = beta^t g_1}. Fed the same
     * gradients, the parameters then differ by {@code -lr sum_{s<=t} beta^s g_1 = -lr g_1 beta (1 - beta^t)
     * / (1 - beta)}: the buffer gap decays, the parameter offset does not.
     */
    @Test
    void emaAndPytorchMomentumDifferOnlyThroughTheUndampedFirstStep() {
        double beta = 0.9;
        double lr = 0.1;
        Parameter a = new Parameter("w", Matrix.scalar(0.0));
        Parameter b = new Parameter("w", Matrix.scalar(0.0));
        SGD torch = new SGD(List.of(a), SGD.Hyperparameters.pytorch(lr).withMomentum(beta).withDampening(beta));
        SGD ema = new SGD(List.of(b), SGD.Hyperparameters.bpOptimizers(lr));
        double g1 = 2.5;
        for (int t = 1; t <= 30; t++) {
            double g = t == 1 ? g1 : Math.sin(t) + 0.5 * Math.cos(3.0 * t);
            feed(a, g);
            feed(b, g);
            torch.step();
            ema.step();
            double bt = torch.state(a).buffer("momentum_buffer").scalarValue();
            double vt = ema.state(b).buffer("ema").scalarValue();
            double scale = Math.max(Math.abs(bt), Math.abs(vt));
            assertEquals(Math.pow(beta, t) * g1, bt - vt, Tolerances.CONTRACTING_BUFFERS_RELATIVE * Math.max(scale, 1.0), "buffer gap at t = " + t);
            double offset = -lr * g1 * beta * (1 - Math.pow(beta, t)) / (1 - beta);
            assertEquals(offset, a.value().scalarValue() - b.value().scalarValue(), Tolerances.CONTRACTING_RECURRENCE, "parameter offset at t = " + t);
        }
    }

    /** With dampening 0 (PyTorch's default) the buffers are different recurrences: b grows to g / (1 - beta). */
    @Test
    void theyAreDifferentWhenDampeningIsNotBeta() {
        Parameter a = new Parameter("w", Matrix.scalar(0.0));
        Parameter b = new Parameter("w", Matrix.scalar(0.0));
        SGD torch = new SGD(List.of(a), SGD.Hyperparameters.pytorch(0.1).withMomentum(0.9));
        SGD ema = new SGD(List.of(b), SGD.Hyperparameters.bpOptimizers(0.1));
        for (int t = 1; t <= 30; t++) {
            feed(a, 1.0);
            feed(b, 1.0);
            torch.step();
            ema.step();
        }
        double bt = torch.state(a).buffer("momentum_buffer").scalarValue();
        double vt = ema.state(b).buffer("ema").scalarValue();
        assertEquals((1 - Math.pow(0.9, 30)) / 0.1, bt, Tolerances.CANCELLATION);
        assertEquals(1 - Math.pow(0.9, 30), vt, Tolerances.CANCELLATION);
        assertTrue(bt - vt > Tolerances.BREAKS_AT_LEAST);
    }

    // ------------------------------------------------------------------------------------------------
    // 3. Keras epsilon hat and Algorithm 1 epsilon

    private static final double G_SCALE = 1e-6;

    private static void smallGradient(Parameter p) {
        double[] t = p.value().toRowMajorArray();
        double[] g = new double[t.length];
        for (int k = 0; k < t.length; k++) {
            g[k] = G_SCALE * Problems.BOWL_A[k] * (t[k] - Problems.BOWL_C[k]);
        }
        p.zeroGrad();
        p.accumulateGrad(Matrix.fromRowMajor(p.rows(), p.cols(), g));
    }

    /**
     * {@code lr_t m / (sqrt(v) + eps_hat)} with {@code lr_t = lr sqrt(1 - b2^t) / (1 - b1^t)} equals
     * {@code lr m_hat / (sqrt(v_hat) + eps_hat / sqrt(1 - b2^t))}: divide numerator and denominator by
     * {@code sqrt(1 - b2^t)}. So Keras's Adam is Algorithm 1 with the step-dependent
     * {@code eps_t = eps_hat / sqrt(1 - b2^t)}. Proved by running Algorithm 1 one step at a time with
     * {@code eps_t}, handing the state on through snapshots, against the Keras form; gradients of order 1e-6
     * make epsilon matter.
     */
    @Test
    void kerasEpsilonHatIsAlgorithm1WithAStepDependentEpsilon() {
        Adam.Hyperparameters keras = Adam.Hyperparameters.keras().withLearningRate(0.01);
        Parameter pk = new Parameter("theta", Problems.BOWL.newParameters().get(0).value());
        Parameter pa = new Parameter("theta", pk.value());
        Adam kerasAdam = new Adam(List.of(pk), keras);
        OptimizerState state = new Adam(List.of(pa), keras).saveState();
        Parameter pConstant = new Parameter("theta", pk.value());
        Adam constantEps = new Adam(List.of(pConstant), keras.withEpsilonForm(Adam.EpsilonForm.ALGORITHM_1));
        for (int t = 1; t <= 20; t++) {
            double epsT = keras.epsilon() / Math.sqrt(1 - Math.pow(keras.beta2(), t));
            Adam step = new Adam(List.of(pa), keras.withEpsilonForm(Adam.EpsilonForm.ALGORITHM_1).withEpsilon(epsT));
            step.loadState(state);
            smallGradient(pa);
            step.step();
            state = step.saveState();
            smallGradient(pk);
            kerasAdam.step();
            smallGradient(pConstant);
            constantEps.step();
            double err = normwiseError(pa.value(), pk.value());
            assertTrue(err <= Tolerances.REORDERED_RELATIVE, "step " + t + ": normwise relative error " + err);
        }
        double gap = pConstant.value().minus(pk.value()).normP(Double.POSITIVE_INFINITY);
        assertTrue(gap > Tolerances.SEPARATED, "Algorithm 1 with the constant eps = eps_hat must differ from Keras, gap " + gap);
    }

    // ------------------------------------------------------------------------------------------------
    // 4. L2 regularization and decoupled weight decay

    /**
     * param-optimization: SGD on {@code f + lambda / (2 alpha) ||theta||^2} steps
     * {@code theta - alpha (grad f + (lambda / alpha) theta) = (1 - lambda) theta - alpha grad f}, which is
     * decoupled decay {@code lambda} not scaled by the learning rate (dl-basics' form). Dyadic numbers
     * (alpha 1/4, lambda 1/8, f = x^2/2) are exact: bit-identical; general numbers agree to rounding.
     */
    @Test
    void sgdWithL2EqualsDecoupledWeightDecay() {
        double alpha = 0.25;
        double lambda = 0.125;
        Parameter a = new Parameter("x", Matrix.scalar(3.0));
        Parameter b = new Parameter("x", Matrix.scalar(3.0));
        double[] l2 = run1d(new SGD(List.of(a), SGD.Hyperparameters.pytorch(alpha)
                .withWeightDecay(WeightDecay.fromL2LossCoefficient(lambda / (2 * alpha)))), a, x -> x, 15);
        double[] decoupled = run1d(new SGD(List.of(b), SGD.Hyperparameters.pytorch(alpha)
                .withWeightDecay(WeightDecay.decoupledUnscaled(lambda))), b, x -> x, 15);
        for (int s = 0; s < 15; s++) {
            assertEquals(l2[s], decoupled[s], "step " + (s + 1));
        }
        assertEquals(3.0 * Math.pow(0.625, 15), l2[14]);

        double alpha2 = 0.05;
        double lambda2 = 0.01;
        List<Parameter> pa = Problems.BOWL.newParameters();
        List<Parameter> pb = Problems.BOWL.newParameters();
        SGD oa = new SGD(pa, SGD.Hyperparameters.pytorch(alpha2)
                .withWeightDecay(WeightDecay.fromL2LossCoefficient(lambda2 / (2 * alpha2))));
        SGD ob = new SGD(pb, SGD.Hyperparameters.pytorch(alpha2).withWeightDecay(WeightDecay.decoupledUnscaled(lambda2)));
        for (int s = 0; s < 30; s++) {
            Problems.BOWL.setGradients(pa);
            Problems.BOWL.setGradients(pb);
            oa.step();
            ob.step();
            assertTrue(normwiseError(pb.get(0).value(), pa.get(0).value()) <= Tolerances.REORDERED_RELATIVE,
                    "step " + (s + 1));
        }
    }

    /**
     * For Adam the equivalence breaks: the L2 gradient {@code (lambda / alpha) theta} enters m and v and is
     * divided by {@code sqrt(v_hat)}, so coordinates with large gradients are barely decayed, while decoupled
     * decay shrinks every coordinate by the same factor (Loshchilov and Hutter's argument for AdamW).
     */
    @Test
    void adamWithL2DiffersFromDecoupledWeightDecay() {
        double alpha = 0.05;
        double lambda = 0.01;
        List<Parameter> pa = Problems.BOWL.newParameters();
        List<Parameter> pb = Problems.BOWL.newParameters();
        Adam oa = new Adam(pa, Adam.Hyperparameters.pytorch().withLearningRate(alpha)
                .withWeightDecay(WeightDecay.fromL2LossCoefficient(lambda / (2 * alpha))));
        Adam ob = new Adam(pb, Adam.Hyperparameters.pytorch().withLearningRate(alpha)
                .withWeightDecay(WeightDecay.decoupledUnscaled(lambda)));
        Problems.run(Problems.BOWL, pa, oa, 30);
        Problems.run(Problems.BOWL, pb, ob, 30);
        double gap = pa.get(0).value().minus(pb.get(0).value()).normP(Double.POSITIVE_INFINITY);
        assertTrue(gap > Tolerances.SEPARATED_WIDELY, "Adam + L2 vs decoupled decay must differ visibly, gap " + gap);
    }

    /**
     * PyTorch's AdamW decay {@code theta (1 - lr lambda)} is the unscaled decay with coefficient
     * {@code lr lambda} while the learning rate is constant (bit for bit: the same factor is computed), and
     * not once a schedule changes the learning rate.
     */
    @Test
    void adamWDecayIsLearningRateScaled() {
        double lr = 0.05;
        double lambda = 0.1;
        List<Parameter> pa = Problems.BOWL.newParameters();
        List<Parameter> pb = Problems.BOWL.newParameters();
        Adam oa = new Adam(pa, Adam.Hyperparameters.pytorch().withLearningRate(lr).withWeightDecay(WeightDecay.decoupled(lambda)));
        Adam ob = new Adam(pb, Adam.Hyperparameters.pytorch().withLearningRate(lr)
                .withWeightDecay(WeightDecay.decoupledUnscaled(lr * lambda)));
        Problems.run(Problems.BOWL, pa, oa, 10);
        Problems.run(Problems.BOWL, pb, ob, 10);
        assertEquals(pa.get(0).value(), pb.get(0).value());
        oa.setLearningRate(lr / 10);
        ob.setLearningRate(lr / 10);
        Problems.run(Problems.BOWL, pa, oa, 10);
        Problems.run(Problems.BOWL, pb, ob, 10);
        assertTrue(pa.get(0).value().minus(pb.get(0).value()).normP(Double.POSITIVE_INFINITY) > Tolerances.BREAKS_AT_LEAST);
    }

    // ------------------------------------------------------------------------------------------------
    // 5. Keras SGD and heavy-ball; RMSProp momentum forms

    /**
     * RMSProp's two momentum forms (PyTorch {@code b = mu b + g / den; theta -= lr b}; Keras/Optax
     * {@code v = mu v + lr g / den; theta -= v}) agree under a constant learning rate ({@code v = lr b}) and
     * differ after it changes, like SGD's.
     */
    @Test
    void rmspropMomentumFormsAgreeUntilTheLearningRateChanges() {
        RMSProp.Hyperparameters h = RMSProp.Hyperparameters.pytorch().withMomentum(0.9);
        List<Parameter> pa = Problems.BOWL.newParameters();
        List<Parameter> pb = Problems.BOWL.newParameters();
        RMSProp oa = new RMSProp(pa, h);
        RMSProp ob = new RMSProp(pb, h.withMomentumForm(MomentumForm.HEAVY_BALL));
        for (int s = 0; s < 20; s++) {
            Problems.BOWL.setGradients(pa);
            Problems.BOWL.setGradients(pb);
            oa.step();
            ob.step();
            assertTrue(normwiseError(pb.get(0).value(), pa.get(0).value()) <= Tolerances.REORDERED_RELATIVE);
        }
        oa.setLearningRate(0.001);
        ob.setLearningRate(0.001);
        Problems.run(Problems.BOWL, pa, oa, 3);
        Problems.run(Problems.BOWL, pb, ob, 3);
        assertTrue(pa.get(0).value().minus(pb.get(0).value()).normP(Double.POSITIVE_INFINITY) > Tolerances.BREAKS_AT_LEAST);
    }
}
