package io.github.dlref.optim;

import static io.github.dlref.optim.SGDTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** RMSProp: the contract for every form, validation, presets and steps by hand. */
class RMSPropTest implements OptimizerContract {

    @Override
    public List<Function<List<Parameter>, Optimizer>> variants() {
        return List.of(
                ps -> new RMSProp(ps, RMSProp.Hyperparameters.pytorch()),
                ps -> new RMSProp(ps, RMSProp.Hyperparameters.pytorch().withCentered(true).withMomentum(0.9)
                        .withWeightDecay(WeightDecay.coupledL2(0.01))),
                ps -> new RMSProp(ps, RMSProp.Hyperparameters.keras().withCentered(true).withMomentum(0.5)),
                ps -> new RMSProp(ps, RMSProp.Hyperparameters.optax(0.01).withInitialSquareAverage(1.0)
                        .withMomentum(0.9).withWeightDecay(WeightDecay.decoupled(0.01))),
                ps -> new RMSProp(ps, RMSProp.Hyperparameters.bpOptimizers(0.01, 0.9)));
    }

    @Override
    public String optimizerName() {
        return "RMSProp";
    }

    private static void assertClose(double expected, double actual) {
        assertTrue(Math.abs(actual - expected) <= Tolerances.CLOSED_FORM_RELATIVE * Math.abs(expected),
                "expected " + expected + ", got " + actual);
    }

    /**
     * Two steps of a constant gradient g = 2 from w = 0, decay 0.5, lr 0.1, eps 0 (so every number is exact):
     * s1 = 0.5 * 4 = 2, w1 = -0.1 * 2 / sqrt(2); s2 = 1 + 2 = 3, w2 = w1 - 0.2 / sqrt(3). Centered:
     * a1 = 1, x1 = 2 - 1 = 1, w1 = -0.2; a2 = 1.5, x2 = 3 - 2.25 = 0.75, w2 = -0.2 - 0.2 / sqrt(0.75).
     */
    @Test
    void twoStepsByHand() {
        for (boolean centered : new boolean[] {false, true}) {
            Parameter p = new Parameter("w", Matrix.scalar(0.0));
            RMSProp opt = new RMSProp(List.of(p), RMSProp.Hyperparameters.pytorch().withLearningRate(0.1)
                    .withDecay(0.5).withEpsilon(0.0).withCentered(centered));
            p.accumulateGrad(Matrix.scalar(2.0));
            opt.step();
            double w1 = centered ? -0.2 : -0.2 / Math.sqrt(2.0);
            assertClose(w1, p.value().scalarValue());
            opt.step();
            assertClose(centered ? w1 - 0.2 / Math.sqrt(0.75) : w1 - 0.2 / Math.sqrt(3.0), p.value().scalarValue());
            assertEquals(3.0, opt.state(p).buffer("square_avg").scalarValue());
            if (centered) {
                assertEquals(1.5, opt.state(p).buffer("grad_avg").scalarValue());
            }
        }
    }

    /**
     * Momentum 0.5 with a constant gradient 2, decay 0.5, lr 0.1, eps 0: PyTorch b1 = 2 / sqrt(2),
     * w1 = -0.1 b1; b2 = 0.5 b1 + 2 / sqrt(3), w2 = w1 - 0.1 b2. The heavy-ball (Keras, Optax) form keeps
     * v = lr b and reaches the same values under this constant learning rate.
     */
    @Test
    void momentumByHandInBothForms() {
        double b1 = 2 / Math.sqrt(2.0);
        double b2 = 0.5 * b1 + 2 / Math.sqrt(3.0);
        for (MomentumForm form : new MomentumForm[] {MomentumForm.PYTORCH, MomentumForm.HEAVY_BALL}) {
            Parameter p = new Parameter("w", Matrix.scalar(0.0));
            RMSProp opt = new RMSProp(List.of(p), RMSProp.Hyperparameters.pytorch().withLearningRate(0.1)
                    .withDecay(0.5).withEpsilon(0.0).withMomentum(0.5).withMomentumForm(form));
            p.accumulateGrad(Matrix.scalar(2.0));
            opt.step();
            assertClose(-0.1 * b1, p.value().scalarValue());
            opt.step();
            assertClose(-0.1 * b1 - 0.1 * b2, p.value().scalarValue());
            String buffer = form == MomentumForm.PYTORCH ? "momentum_buffer" : "velocity";
            double expectedBuffer = form == MomentumForm.PYTORCH ? b2 : 0.1 * b2;
            assertClose(expectedBuffer, opt.state(p).buffer(buffer).scalarValue());
        }
    }

    @Test
    void presetsCarryTheirFrameworksDefaults() {
        RMSProp.Hyperparameters torch = RMSProp.Hyperparameters.pytorch();
        assertEquals(List.of(0.01, 0.99, 1e-8), List.of(torch.learningRate(), torch.decay(), torch.epsilon()));
        assertEquals(EpsilonPlacement.OUTSIDE_SQRT, torch.epsilonPlacement());
        assertEquals(MomentumForm.PYTORCH, torch.momentumForm());
        RMSProp.Hyperparameters keras = RMSProp.Hyperparameters.keras();
        assertEquals(List.of(0.001, 0.9, 1e-7), List.of(keras.learningRate(), keras.decay(), keras.epsilon()));
        assertEquals(EpsilonPlacement.INSIDE_SQRT, keras.epsilonPlacement());
        assertEquals(MomentumForm.HEAVY_BALL, keras.momentumForm());
        RMSProp.Hyperparameters optax = RMSProp.Hyperparameters.optax(0.1);
        assertEquals(List.of(0.9, 1e-8, 0.0), List.of(optax.decay(), optax.epsilon(), optax.initialSquareAverage()));
        assertEquals(EpsilonPlacement.INSIDE_SQRT, optax.epsilonPlacement());
        assertEquals(RMSProp.DOCUMENT_CORRECTION_EPSILON, RMSProp.Hyperparameters.bpOptimizers(0.1, 0.9).epsilon());
        assertEquals(RMSProp.Hyperparameters.bpOptimizers(0.1, 0.9), RMSProp.Hyperparameters.dlBasics(0.1, 0.9));
    }

    @Test
    void buffersFollowTheConfiguration() {
        Parameter p = new Parameter("w", Matrix.scalar(1.0));
        assertEquals(List.of("square_avg", "grad_avg", "momentum_buffer"), List.copyOf(new RMSProp(List.of(p),
                RMSProp.Hyperparameters.pytorch().withCentered(true).withMomentum(0.9)).state(p).buffers().keySet()));
        assertEquals(List.of("square_avg", "velocity"), List.copyOf(new RMSProp(List.of(p),
                RMSProp.Hyperparameters.keras().withMomentum(0.9)).state(p).buffers().keySet()));
        assertEquals(0.25, new RMSProp(List.of(p), RMSProp.Hyperparameters.optax(0.1).withInitialSquareAverage(0.25))
                .state(p).buffer("square_avg").scalarValue());
    }

    @Test
    void invalidHyperparametersFailNamingParameterValueAndRange() {
        RMSProp.Hyperparameters h = RMSProp.Hyperparameters.pytorch();
        assertMessage(() -> h.withDecay(1.0), "RMSProp: decay must be in [0, 1), got 1.0");
        assertMessage(() -> h.withMomentum(1.5), "RMSProp: momentum must be in [0, 1), got 1.5");
        assertMessage(() -> h.withEpsilon(-1.0), "RMSProp: epsilon must be in [0, inf), got -1.0");
        assertMessage(() -> h.withInitialSquareAverage(-2.0), "RMSProp: initialSquareAverage must be in [0, inf), got -2.0");
        assertMessage(() -> h.withMomentumForm(MomentumForm.EMA), "RMSProp: momentumForm must be PYTORCH or HEAVY_BALL");
        assertMessage(() -> h.withLearningRate(-0.01), "RMSProp: learningRate must be in [0, inf), got -0.01");
    }
}
