package io.github.dlref.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** SGD: the contract for every form, validation, and steps worked by hand. */
class SGDTest implements OptimizerContract {

    @Override
    public List<Function<List<Parameter>, Optimizer>> variants() {
        SGD.Hyperparameters base = SGD.Hyperparameters.pytorch(0.01);
        return List.of(
                ps -> new SGD(ps, base),
                ps -> new SGD(ps, base.withMomentum(0.9).withDampening(0.2)),
                ps -> new SGD(ps, base.withMomentum(0.9).withNesterov(true).withWeightDecay(WeightDecay.coupledL2(0.1))),
                ps -> new SGD(ps, SGD.Hyperparameters.keras().withMomentum(0.8)),
                ps -> new SGD(ps, SGD.Hyperparameters.keras().withMomentum(0.8).withNesterov(true)
                        .withWeightDecay(WeightDecay.decoupled(0.1))),
                ps -> new SGD(ps, SGD.Hyperparameters.bpOptimizers(0.01)
                        .withWeightDecay(WeightDecay.decoupledUnscaled(0.01))));
    }

    @Override
    public String optimizerName() {
        return "SGD";
    }

    private static double[] cs231nTrajectory(SGD.Hyperparameters h, int steps) {
        List<Parameter> ps = Problems.CS231N.newParameters();
        SGD opt = new SGD(ps, h);
        double[] xs = new double[steps];
        for (int s = 0; s < steps; s++) {
            Problems.CS231N.setGradients(ps);
            opt.step();
            xs[s] = ps.get(0).value().scalarValue();
        }
        return xs;
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= Tolerances.CLOSED_FORM_RELATIVE * Math.abs(expected),
                what + ": expected " + expected + ", got " + actual);
    }

    /**
     * cs231n-opt-bp: from x = 2 the gradient of 3x^2 + 6x is 18; learning rate 0.1 gives 0.2, 0.01 gives
     * 1.82 and 1 gives -16 (the loss grows: 3 * 256 - 96 = 672 against 24 at x = 2).
     */
    @Test
    void reproducesTheCs231nWorkedExample() {
        assertClose(0.2, cs231nTrajectory(SGD.Hyperparameters.pytorch(0.1), 1)[0], "lr 0.1");
        assertClose(1.82, cs231nTrajectory(SGD.Hyperparameters.pytorch(0.01), 1)[0], "lr 0.01");
        assertEquals(-16.0, cs231nTrajectory(SGD.Hyperparameters.pytorch(1.0), 1)[0]);
        double x = -16.0;
        assertTrue(3 * x * x + 6 * x > 3 * 2 * 2 + 6 * 2);
    }

    /**
     * PyTorch momentum 0.9, dampening 0.3, lr 0.1 on y = 3x^2 + 6x from 2, by hand: b1 = g1 = 18 (first step
     * undamped), x1 = 2 - 1.8 = 0.2; g2 = 7.2, b2 = 0.9 * 18 + 0.7 * 7.2 = 16.2 + 5.04 = 21.24,
     * x2 = 0.2 - 2.124 = -1.924.
     */
    @Test
    void pytorchMomentumWithDampeningByHand() {
        double[] xs = cs231nTrajectory(SGD.Hyperparameters.pytorch(0.1).withMomentum(0.9).withDampening(0.3), 2);
        assertClose(0.2, xs[0], "x1");
        assertClose(-1.924, xs[1], "x2");
    }

    /**
     * PyTorch Nesterov, momentum 0.9, lr 0.1: b1 = 18, d1 = 18 + 0.9 * 18 = 34.2, x1 = 2 - 3.42 = -1.42;
     * g2 = -2.52, b2 = 16.2 - 2.52 = 13.68, d2 = -2.52 + 12.312 = 9.792, x2 = -1.42 - 0.9792 = -2.3992.
     */
    @Test
    void pytorchNesterovByHand() {
        double[] xs = cs231nTrajectory(SGD.Hyperparameters.pytorch(0.1).withMomentum(0.9).withNesterov(true), 2);
        assertClose(-1.42, xs[0], "x1");
        assertClose(-2.3992, xs[1], "x2");
    }

    /**
     * Keras (heavy-ball) momentum 0.9, lr 0.1: v1 = -1.8, x1 = 0.2; g2 = 7.2, v2 = -1.62 - 0.72 = -2.34,
     * x2 = -2.14; g3 = -6.84, v3 = -2.106 + 0.684 = -1.422, x3 = -3.562.
     */
    @Test
    void kerasMomentumByHand() {
        double[] xs = cs231nTrajectory(SGD.Hyperparameters.keras().withLearningRate(0.1).withMomentum(0.9), 3);
        assertClose(0.2, xs[0], "x1");
        assertClose(-2.14, xs[1], "x2");
        assertClose(-3.562, xs[2], "x3");
    }

    /**
     * bp-optimizers' EMA momentum, beta 0.9, alpha 0.1: v1 = 0.1 * 18 = 1.8, x1 = 2 - 0.18 = 1.82;
     * g2 = 16.92, v2 = 1.62 + 1.692 = 3.312, x2 = 1.82 - 0.3312 = 1.4888.
     */
    @Test
    void bpOptimizersMomentumByHand() {
        double[] xs = cs231nTrajectory(SGD.Hyperparameters.bpOptimizers(0.1), 2);
        assertClose(1.82, xs[0], "x1");
        assertClose(1.4888, xs[1], "x2");
        assertEquals(0.9, SGD.Hyperparameters.bpOptimizers(0.1).momentum());
        assertEquals(0.9, SGD.Hyperparameters.paramOptimization(0.1).momentum());
        assertEquals(MomentumForm.EMA, SGD.Hyperparameters.paramOptimization(0.1).form());
    }

    /** Keras 3's SGD written out from its source ({@code m = m * mu - g * lr; w += m}), bit for bit. */
    @Test
    void kerasFormIsBitIdenticalToKerasArithmetic() {
        for (boolean nesterov : new boolean[] {false, true}) {
            double lr = 0.03;
            double mu = 0.85;
            List<Parameter> ps = Problems.BOWL.newParameters();
            SGD opt = new SGD(ps, SGD.Hyperparameters.keras().withLearningRate(lr).withMomentum(mu)
                    .withNesterov(nesterov));
            double[] w = ps.get(0).value().toRowMajorArray();
            double[] m = new double[4];
            for (int s = 0; s < 20; s++) {
                Problems.BOWL.setGradients(ps);
                opt.step();
                for (int k = 0; k < 4; k++) {
                    double g = Problems.BOWL_A[k] * (w[k] - Problems.BOWL_C[k]);
                    m[k] = m[k] * mu - g * lr;
                    w[k] = nesterov ? w[k] + (m[k] * mu - g * lr) : w[k] + m[k];
                }
                assertEquals(Matrix.fromRowMajor(2, 2, w), ps.get(0).value(), "step " + (s + 1) + " nesterov " + nesterov);
            }
        }
    }

    /** Optax's sgd written out from its source ({@code t = g + mu t; u = -lr t; w = w + u}), bit for bit. */
    @Test
    void optaxFormIsBitIdenticalToOptaxArithmetic() {
        for (boolean nesterov : new boolean[] {false, true}) {
            double lr = 0.03;
            double mu = 0.85;
            List<Parameter> ps = Problems.BOWL.newParameters();
            SGD opt = new SGD(ps, SGD.Hyperparameters.optax(lr).withMomentum(mu).withNesterov(nesterov));
            double[] w = ps.get(0).value().toRowMajorArray();
            double[] t = new double[4];
            for (int s = 0; s < 20; s++) {
                Problems.BOWL.setGradients(ps);
                opt.step();
                for (int k = 0; k < 4; k++) {
                    double g = Problems.BOWL_A[k] * (w[k] - Problems.BOWL_C[k]);
                    t[k] = g + mu * t[k];
                    double u = nesterov ? g + mu * t[k] : t[k];
                    w[k] = w[k] + (-lr) * u;
                }
                assertEquals(Matrix.fromRowMajor(2, 2, w), ps.get(0).value(), "step " + (s + 1) + " nesterov " + nesterov);
            }
        }
    }

    @Test
    void invalidHyperparametersFailNamingParameterValueAndRange() {
        SGD.Hyperparameters h = SGD.Hyperparameters.pytorch(0.1);
        assertMessage(() -> h.withLearningRate(-0.1), "SGD: learningRate must be in [0, inf), got -0.1");
        assertMessage(() -> h.withLearningRate(Double.POSITIVE_INFINITY), "SGD: learningRate must be in [0, inf)");
        assertMessage(() -> h.withMomentum(1.0), "SGD: momentum must be in [0, 1), got 1.0");
        assertMessage(() -> h.withMomentum(-0.1), "SGD: momentum must be in [0, 1), got -0.1");
        assertMessage(() -> h.withDampening(1.5), "SGD: dampening must be in [0, 1], got 1.5");
        assertMessage(() -> h.withMomentum(0.9).withDampening(0.1).withNesterov(true),
                "Nesterov momentum requires momentum > 0 and dampening = 0, got momentum=0.9, dampening=0.1");
        assertMessage(() -> h.withNesterov(true), "Nesterov momentum requires momentum > 0");
        assertMessage(() -> SGD.Hyperparameters.bpOptimizers(0.1).withNesterov(true), "not EMA");
        assertMessage(() -> SGD.Hyperparameters.keras().withDampening(0.5),
                "dampening must be 0 for the HEAVY_BALL momentum form");
        assertMessage(() -> h.withWeightDecay(null), "SGD: weightDecay must not be null");
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable e, String expectedPart) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(expectedPart), "message '" + ex.getMessage() + "' lacks '" + expectedPart + "'");
    }

    @Test
    void buffersAreNamedAfterTheirForm() {
        Parameter p = new Parameter("w", Matrix.scalar(1.0));
        assertEquals(List.of(), List.copyOf(new SGD(List.of(p), SGD.Hyperparameters.pytorch(0.1)).state(p).buffers().keySet()));
        assertEquals(List.of("momentum_buffer"), List.copyOf(new SGD(List.of(p),
                SGD.Hyperparameters.pytorch(0.1).withMomentum(0.5)).state(p).buffers().keySet()));
        assertEquals(List.of("velocity"), List.copyOf(new SGD(List.of(p),
                SGD.Hyperparameters.dlBasics(0.1, 0.5)).state(p).buffers().keySet()));
        assertEquals(List.of("ema"), List.copyOf(new SGD(List.of(p),
                SGD.Hyperparameters.bpOptimizers(0.1)).state(p).buffers().keySet()));
    }

    @Test
    void presetsCarryTheirFrameworksDefaults() {
        assertEquals(0.01, SGD.Hyperparameters.keras().learningRate());
        assertEquals(MomentumForm.HEAVY_BALL, SGD.Hyperparameters.keras().form());
        assertEquals(MomentumForm.PYTORCH, SGD.Hyperparameters.optax(0.1).form());
        assertEquals(new SGD.Hyperparameters(0.2, 0.0, MomentumForm.PYTORCH, 0.0, false, WeightDecay.none()),
                SGD.Hyperparameters.pytorch(0.2));
        assertEquals(0.7, SGD.Hyperparameters.dlBasics(0.1, 0.7).momentum());
    }
}
