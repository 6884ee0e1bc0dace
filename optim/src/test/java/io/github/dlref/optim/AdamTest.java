package io.github.dlref.optim;

import static io.github.dlref.optim.SGDTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Adam: the contract for every form, validation, presets and first steps by hand. */
class AdamTest implements OptimizerContract {

    @Override
    public List<Function<List<Parameter>, Optimizer>> variants() {
        return List.of(
                ps -> new Adam(ps, Adam.Hyperparameters.pytorch()),
                ps -> new Adam(ps, Adam.Hyperparameters.pytorchAdamW().withAmsGrad(Adam.AmsGrad.MAX_OF_RAW_SECOND_MOMENT)),
                ps -> new Adam(ps, Adam.Hyperparameters.keras().withAmsGrad(Adam.AmsGrad.MAX_OF_RAW_SECOND_MOMENT)),
                ps -> new Adam(ps, Adam.Hyperparameters.optaxAmsGrad(0.01).withEpsilonRoot(1e-12)),
                ps -> new Adam(ps, Adam.Hyperparameters.optax(0.01).withEpsilonRoot(1e-12)
                        .withAmsGrad(Adam.AmsGrad.MAX_OF_RAW_SECOND_MOMENT)),
                ps -> new Adam(ps, Adam.Hyperparameters.optaxAdamW(0.01).withWeightDecay(WeightDecay.coupledL2(0.01))));
    }

    @Override
    public String optimizerName() {
        return "Adam";
    }

    private static double firstStep(Adam.Hyperparameters h) {
        List<Parameter> ps = Problems.CS231N.newParameters();
        Adam opt = new Adam(ps, h);
        Problems.CS231N.setGradients(ps);
        opt.step();
        return ps.get(0).value().scalarValue();
    }

    private static void assertClose(double expected, double actual) {
        assertTrue(Math.abs(actual - expected) <= Tolerances.CLOSED_FORM_RELATIVE * Math.abs(expected),
                "expected " + expected + ", got " + actual);
    }

    /**
     * First step, g = 18 from x = 2: m_hat = g and v_hat = g^2, so Algorithm 1 moves by
     * lr g / (|g| + eps) (almost exactly lr); the Keras form moves by lr g / (|g| + eps_hat / sqrt(1 - beta2)),
     * Keras's 1e-7 acting like 3.16e-6; Optax's eps_root moves it to lr g / (sqrt(g^2 + eps_root) + eps).
     */
    @Test
    void firstStepsByHand() {
        assertClose(2 - 0.1 * 18 / (18 + 1e-8), firstStep(Adam.Hyperparameters.pytorch().withLearningRate(0.1)));
        assertClose(2 - 0.1 * 18 / (18 + 1e-7 / Math.sqrt(1 - 0.999)),
                firstStep(Adam.Hyperparameters.keras().withLearningRate(0.1)));
        assertClose(2 - 0.1 * 18 / (Math.sqrt(324 + 1.0) + 1e-8),
                firstStep(Adam.Hyperparameters.optax(0.1).withEpsilonRoot(1.0)));
    }

    /**
     * AMSGrad forms on gradients 1 then 0 (beta1 0, beta2 0.5, lr 1, eps 0), exact numbers. Step 1: v1 = 0.5,
     * v_hat1 = 1, both forms keep a maximum and move by 1 / 1. Step 2 with g = 0 moves by 0 but the maxima
     * differ: v2 = 0.25, raw max = 0.5 (PyTorch: max_exp_avg_sq); bias-corrected v_hat2 = 0.25 / 0.75 = 1/3,
     * max of v_hat = 1 (Optax: nu_max). Step 3 with g = 1: v3 = 0.625, raw max 0.625 -> v_hat = 0.625 / 0.875
     * = 5/7; corrected max(1, 5/7) = 1; so PyTorch moves by 1 / sqrt(5/7) and Optax by 1 / 1.
     */
    @Test
    void theTwoAmsGradFormsDifferExactlyAsDerived() {
        double[] moves = new double[2];
        Adam.AmsGrad[] forms = {Adam.AmsGrad.MAX_OF_RAW_SECOND_MOMENT, Adam.AmsGrad.MAX_OF_BIAS_CORRECTED_SECOND_MOMENT};
        for (int i = 0; i < 2; i++) {
            Parameter p = new Parameter("w", Matrix.scalar(0.0));
            Adam opt = new Adam(List.of(p), Adam.Hyperparameters.pytorch().withLearningRate(1.0).withBetas(0.0, 0.5)
                    .withEpsilon(0.0).withAmsGrad(forms[i]));
            p.accumulateGrad(Matrix.scalar(1.0));
            opt.step();
            assertEquals(-1.0, p.value().scalarValue());
            p.zeroGrad();
            p.accumulateGrad(Matrix.scalar(0.0));
            opt.step();
            assertEquals(-1.0, p.value().scalarValue());
            String buffer = i == 0 ? "max_exp_avg_sq" : "nu_max";
            assertEquals(i == 0 ? 0.5 : 1.0, opt.state(p).buffer(buffer).scalarValue());
            p.zeroGrad();
            p.accumulateGrad(Matrix.scalar(1.0));
            opt.step();
            moves[i] = -1.0 - p.value().scalarValue();
        }
        assertClose(1 / Math.sqrt(5.0 / 7.0), moves[0]);
        assertEquals(1.0, moves[1]);
    }

    /**
     * The same gradients 1, 0, 1 (beta1 0, beta2 0.5, lr 1, eps 0) with Optax's eps_root = 1 inside the square
     * root, which sends both AMSGrad forms through the v_hat path. Raw maximum (PyTorch's buffer, corrected
     * afterwards): step 1 v_hat = 0.5 / 0.5 = 1, move 1 / sqrt(1 + 1); step 3 v_hat = 0.625 / 0.875 = 5/7, move
     * 1 / sqrt(5/7 + 1). Maximum of the corrected v_hat (Optax): 1 at step 1 and max(1, 5/7) = 1 at step 3, so
     * both moves are 1 / sqrt(2). Step 2 (g = 0, m = 0) never moves.
     */
    @Test
    void amsGradWithEpsilonRootMovesByTheClosedForm() {
        Adam.AmsGrad[] forms = {Adam.AmsGrad.MAX_OF_RAW_SECOND_MOMENT, Adam.AmsGrad.MAX_OF_BIAS_CORRECTED_SECOND_MOMENT};
        double[][] expectedMoves = {{1 / Math.sqrt(2.0), 0.0, 1 / Math.sqrt(5.0 / 7.0 + 1.0)},
            {1 / Math.sqrt(2.0), 0.0, 1 / Math.sqrt(2.0)}};
        double[][] expectedMax = {{0.5, 0.5, 0.625}, {1.0, 1.0, 1.0}};
        for (int i = 0; i < 2; i++) {
            Parameter p = new Parameter("w", Matrix.scalar(0.0));
            Adam opt = new Adam(List.of(p), Adam.Hyperparameters.optax(1.0).withBetas(0.0, 0.5).withEpsilon(0.0)
                    .withEpsilonRoot(1.0).withAmsGrad(forms[i]));
            double[] grads = {1.0, 0.0, 1.0};
            String buffer = i == 0 ? "max_exp_avg_sq" : "nu_max";
            for (int t = 0; t < 3; t++) {
                double before = p.value().scalarValue();
                p.zeroGrad();
                p.accumulateGrad(Matrix.scalar(grads[t]));
                opt.step();
                double move = before - p.value().scalarValue();
                if (expectedMoves[i][t] == 0.0) {
                    assertEquals(0.0, move, "form " + forms[i] + " step " + (t + 1));
                } else {
                    assertClose(expectedMoves[i][t], move);
                }
                assertClose(expectedMax[i][t], opt.state(p).buffer(buffer).scalarValue());
            }
        }
    }

    @Test
    void presetsCarryTheirFrameworksDefaults() {
        Adam.Hyperparameters torch = Adam.Hyperparameters.pytorch();
        assertEquals(List.of(1e-3, 0.9, 0.999, 1e-8), List.of(torch.learningRate(), torch.beta1(), torch.beta2(),
                torch.epsilon()));
        assertEquals(Adam.EpsilonForm.ALGORITHM_1, torch.epsilonForm());
        assertEquals(WeightDecay.decoupled(0.01), Adam.Hyperparameters.pytorchAdamW().weightDecay());
        Adam.Hyperparameters keras = Adam.Hyperparameters.keras();
        assertEquals(List.of(1e-3, 0.9, 0.999, 1e-7), List.of(keras.learningRate(), keras.beta1(), keras.beta2(),
                keras.epsilon()));
        assertEquals(Adam.EpsilonForm.EPSILON_HAT, keras.epsilonForm());
        assertEquals(torch, Adam.Hyperparameters.optax(1e-3));
        assertEquals(WeightDecay.decoupled(1e-4), Adam.Hyperparameters.optaxAdamW(0.1).weightDecay());
        assertEquals(Adam.AmsGrad.MAX_OF_BIAS_CORRECTED_SECOND_MOMENT, Adam.Hyperparameters.optaxAmsGrad(0.1).amsGrad());
        assertEquals(Adam.Hyperparameters.optax(0.1), Adam.Hyperparameters.bpOptimizers(0.1));
    }

    @Test
    void invalidHyperparametersFailNamingParameterValueAndRange() {
        Adam.Hyperparameters h = Adam.Hyperparameters.pytorch();
        assertMessage(() -> h.withBetas(0.9, 1.0), "Adam: beta2 must be in [0, 1), got 1.0");
        assertMessage(() -> h.withBetas(-0.1, 0.9), "Adam: beta1 must be in [0, 1), got -0.1");
        assertMessage(() -> h.withEpsilon(-1e-8), "Adam: epsilon must be in [0, inf), got -1.0E-8");
        assertMessage(() -> h.withLearningRate(-1e-3), "Adam: learningRate must be in [0, inf), got -0.001");
        assertMessage(() -> h.withEpsilonRoot(-1.0), "Adam: epsilonRoot must be in [0, inf), got -1.0");
        assertMessage(() -> Adam.Hyperparameters.keras().withEpsilonRoot(1e-8), "epsilonRoot must be 0 with EPSILON_HAT");
        assertMessage(() -> Adam.Hyperparameters.keras().withAmsGrad(Adam.AmsGrad.MAX_OF_BIAS_CORRECTED_SECOND_MOMENT),
                "MAX_OF_BIAS_CORRECTED_SECOND_MOMENT needs ALGORITHM_1");
        assertMessage(() -> WeightDecay.coupledL2(-0.1), "WeightDecay: coefficient must be in [0, inf), got -0.1");
        assertMessage(() -> WeightDecay.decoupledUnscaled(1.0),
                "WeightDecay: coefficient (DECOUPLED_UNSCALED) must be in [0, 1), got 1.0");
        assertMessage(() -> new WeightDecay(WeightDecay.Kind.NONE, 0.5), "coefficient must be 0 for kind NONE");
    }

    /** Any beta outside [0, 1) is rejected with its value in the message; any inside is accepted. */
    @Test
    void betaRangeProperty() {
        org.quicktheories.QuickTheory.qt().withFixedSeed(42L).withExamples(50)
                .forAll(org.quicktheories.generators.SourceDSL.doubles().between(-10.0, 10.0))
                .checkAssert(beta -> {
                    if (beta >= 0.0 && beta < 1.0) {
                        assertEquals(beta, Adam.Hyperparameters.pytorch().withBetas(beta, beta).beta2());
                    } else {
                        assertMessage(() -> Adam.Hyperparameters.pytorch().withBetas(0.9, beta),
                                "Adam: beta2 must be in [0, 1), got " + beta);
                    }
                });
    }

    @Test
    void buffersFollowTheConfiguration() {
        Parameter p = new Parameter("w", Matrix.scalar(1.0));
        assertEquals(List.of("exp_avg", "exp_avg_sq"), List.copyOf(new Adam(List.of(p),
                Adam.Hyperparameters.pytorch()).state(p).buffers().keySet()));
        assertEquals(List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq"), List.copyOf(new Adam(List.of(p),
                Adam.Hyperparameters.keras().withAmsGrad(Adam.AmsGrad.MAX_OF_RAW_SECOND_MOMENT)).state(p).buffers().keySet()));
        assertEquals(List.of("exp_avg", "exp_avg_sq", "nu_max"), List.copyOf(new Adam(List.of(p),
                Adam.Hyperparameters.optaxAmsGrad(0.1)).state(p).buffers().keySet()));
    }

    /**
     * PyTorch's form without AMSGrad runs in one branch-free pass (so the JIT compiler can vectorise it); AMSGrad
     * with the raw maximum runs the general loops. While the second moment only grows (gradients growing in
     * magnitude) the maximum is the moment itself, so the two must give the same bits: parameters and moments.
     */
    @Test
    void theOnePassFormIsTheGeneralLoopsBitForBit() {
        Parameter fast = new Parameter("w", Matrix.rowVector(1.0, -2.0, 0.5, 3.0, -0.25));
        Parameter general = new Parameter("w", Matrix.rowVector(1.0, -2.0, 0.5, 3.0, -0.25));
        Adam one = new Adam(List.of(fast), Adam.Hyperparameters.pytorch().withLearningRate(0.01));
        Adam two = new Adam(List.of(general), Adam.Hyperparameters.pytorch().withLearningRate(0.01)
                .withAmsGrad(Adam.AmsGrad.MAX_OF_RAW_SECOND_MOMENT));
        for (int t = 1; t <= 7; t++) {
            Matrix g = Matrix.rowVector(0.3 * t, -1.7 * t * t, 0.0, 1e-3 * t, -42.0 * t);
            fast.zeroGrad();
            general.zeroGrad();
            fast.accumulateGrad(g);
            general.accumulateGrad(g);
            one.step();
            two.step();
            assertSameBits(general.value(), fast.value(), "parameter after step " + t);
            for (String buffer : List.of("exp_avg", "exp_avg_sq")) {
                assertSameBits(two.state(general).buffers().get(buffer), one.state(fast).buffers().get(buffer),
                        buffer + " after step " + t);
            }
        }
    }

    /**
     * A denominator that is not > 0 in the one-pass form (epsilon 0 and a coordinate whose gradients are all 0;
     * a NaN gradient) is reported at its first coordinate, the parameter keeps its value, and the moments are
     * updated as the general loops leave them.
     */
    @Test
    void theOnePassFormReportsTheFirstBadDenominator() {
        Parameter p = new Parameter("w", Matrix.rowVector(1.0, 2.0, 3.0, 4.0));
        Adam zeroEps = new Adam(List.of(p), Adam.Hyperparameters.pytorch().withEpsilon(0.0));
        p.accumulateGrad(Matrix.rowVector(0.5, 0.0, -1.0, 0.0));
        ArithmeticException e = org.junit.jupiter.api.Assertions.assertThrows(ArithmeticException.class, zeroEps::step);
        assertTrue(e.getMessage().contains("parameter 'w' element 1: denominator sqrt(v) / sqrt(1 - beta2^t) + eps = 0.0"
                + " is not > 0"), e.getMessage());
        assertSameBits(Matrix.rowVector(1.0, 2.0, 3.0, 4.0), p.value(), "parameter after the refused step");
        double oneMinusBeta1 = 1.0 - 0.9;
        double oneMinusBeta2 = 1.0 - 0.999;
        assertSameBits(Matrix.rowVector(oneMinusBeta1 * 0.5, 0.0, oneMinusBeta1 * -1.0, 0.0),
                zeroEps.state(p).buffers().get("exp_avg"), "exp_avg");
        assertSameBits(Matrix.rowVector(oneMinusBeta2 * 0.5 * 0.5, 0.0, oneMinusBeta2 * -1.0 * -1.0, 0.0),
                zeroEps.state(p).buffers().get("exp_avg_sq"), "exp_avg_sq");

        Parameter q = new Parameter("q", Matrix.rowVector(1.0, 2.0, 3.0));
        Adam nan = new Adam(List.of(q), Adam.Hyperparameters.pytorch());
        q.accumulateGrad(Matrix.rowVector(0.5, 1.0, Double.NaN));
        ArithmeticException f = org.junit.jupiter.api.Assertions.assertThrows(ArithmeticException.class, nan::step);
        assertTrue(f.getMessage().contains("parameter 'q' element 2: denominator sqrt(v) / sqrt(1 - beta2^t) + eps = NaN"),
                f.getMessage());
        assertSameBits(Matrix.rowVector(1.0, 2.0, 3.0), q.value(), "parameter after the refused step");
    }

    private static void assertSameBits(Matrix expected, Matrix actual, String what) {
        double[] e = expected.toRowMajorArray();
        double[] a = actual.toRowMajorArray();
        assertEquals(e.length, a.length, what);
        for (int i = 0; i < e.length; i++) {
            assertEquals(Double.doubleToLongBits(e[i]), Double.doubleToLongBits(a[i]), what + ", entry " + i
                    + ": " + a[i] + " vs " + e[i]);
        }
    }
}
