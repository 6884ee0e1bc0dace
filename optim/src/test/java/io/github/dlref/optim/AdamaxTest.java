package io.github.dlref.optim;

import static io.github.dlref.optim.SGDTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Adamax: the contract for every form, validation, and first steps written out by hand (cs231n problem, x = 2, g = 18). */
class AdamaxTest implements OptimizerContract {

    @Override
    public List<Function<List<Parameter>, Optimizer>> variants() {
        return List.of(
                ps -> Adamax.Hyperparameters.pytorch().create(ps),
                ps -> Adamax.Hyperparameters.pytorch().withBetas(0.8, 0.9).withEpsilon(1e-3)
                        .withWeightDecay(WeightDecay.decoupled(0.01)).create(ps),
                ps -> Adamax.Hyperparameters.keras().create(ps),
                ps -> Adamax.Hyperparameters.keras().withBetas(0.8, 0.9).withEpsilon(1e-3)
                        .withWeightDecay(WeightDecay.decoupled(0.01)).create(ps));
    }

    @Override
    public String optimizerName() {
        return "Adamax";
    }

    static double firstStep(OptimizerHyperparameters h) {
        return steps(h, 1);
    }

    static double steps(OptimizerHyperparameters h, int n) {
        List<Parameter> ps = Problems.CS231N.newParameters();
        Problems.run(Problems.CS231N, ps, h.create(ps), n);
        return ps.get(0).value().scalarValue();
    }

    static void assertClose(double expected, double actual) {
        assertTrue(Math.abs(actual - expected) <= Tolerances.CLOSED_FORM_RELATIVE * Math.abs(expected),
                "expected " + expected + ", got " + actual);
    }

    /** m = 1.8, u = |g| + eps, clr = lr / 0.1: x = 2 - (lr / 0.1) 1.8 / (18 + 1e-8). */
    @Test
    void firstStepByHand() {
        assertClose(2 - (0.1 / (1 - 0.9)) * 1.8 / (18 + 1e-8), firstStep(Adamax.Hyperparameters.pytorch()
                .withLearningRate(0.1)));
    }

    @Test
    void validationAndDescription() {
        assertMessage(() -> Adamax.Hyperparameters.pytorch().withBetas(0.9, 1.0), "beta2 must be in [0, 1), got 1.0");
        assertMessage(() -> Adamax.Hyperparameters.pytorch().withEpsilon(-1), "epsilon must be in [0, inf)");
        assertTrue(Adamax.Hyperparameters.pytorch().description().contains("eps=1.0E-8"));
    }

    @Test
    void zeroEpsilonWithZeroGradientThrows() {
        Parameter p = new Parameter("w", Matrix.scalar(1));
        Optimizer o = Adamax.Hyperparameters.pytorch().withEpsilon(0).create(List.of(p));
        p.accumulateGrad(Matrix.scalar(0));
        org.junit.jupiter.api.Assertions.assertThrows(ArithmeticException.class, o::step);
    }

    /** Keras: m = 1.8, u = |g| = 18, x = 2 - ((lr / 0.1) 1.8) / (18 + 1e-7). */
    @Test
    void kerasFirstStepByHand() {
        assertClose(2 - ((0.1 / (1 - 0.9)) * 1.8) / (18 + 1e-7), firstStep(Adamax.Hyperparameters.keras()
                .withLearningRate(0.1)));
    }

    /**
     * Keras with eps 1 from x = 2 (g = 6x + 6): step 1 m = 1.8, u = 18, x1 = 2 - 10 * 1.8 / 19; step 2 the stored
     * u is 18 * 0.999 or |g2| (no epsilon in it), whereas PyTorch's stores 19 * 0.999 or |g2| + 1.
     */
    @Test
    void kerasSecondStepKeepsEpsilonOutOfTheBuffer() {
        double x1 = 2 - (0.1 / (1 - 0.9)) * 1.8 / 19;
        double g2 = 6 * x1 + 6;
        double m2 = 1.8 + (g2 - 1.8) * (1 - 0.9);
        double u2 = Math.max(0.999 * 18, Math.abs(g2));
        double x2 = x1 - ((0.1 / (1 - 0.9 * 0.9)) * m2) / (u2 + 1);
        assertClose(x2, steps(Adamax.Hyperparameters.keras().withLearningRate(0.1).withEpsilon(1), 2));
        double pyU2 = Math.max(0.999 * 19, Math.abs(g2) + 1);
        double pyX2 = x1 - (0.1 / (1 - 0.9 * 0.9)) * (0.9 * 1.8 + 0.1 * g2) / pyU2;
        assertClose(pyX2, steps(Adamax.Hyperparameters.pytorch().withLearningRate(0.1).withEpsilon(1), 2));
        assertTrue(Math.abs(x2 - pyX2) > 1e-6, "forms should differ: " + x2 + " vs " + pyX2);
    }

    @Test
    void presetsAndConventions() {
        Adamax.Hyperparameters keras = Adamax.Hyperparameters.keras();
        assertEquals(new Adamax.Hyperparameters(0.001, 0.9, 0.999, 1e-7, Adamax.Form.KERAS, WeightDecay.none()), keras);
        assertEquals(new Adamax.Hyperparameters(0.5, 0.9, 0.999, 1e-8, WeightDecay.none()),
                Adamax.Hyperparameters.optax(0.5));
        assertEquals(Adamax.Form.PYTORCH, Adamax.Hyperparameters.optax(0.5).form());
        assertEquals(Adamax.Form.PYTORCH, keras.withForm(Adamax.Form.PYTORCH).form());
        assertEquals(java.util.Map.of(ConventionAxis.ADAMAX_FORM, Adamax.Form.KERAS), keras.conventions());
        assertEquals(java.util.Map.of(ConventionAxis.ADAMAX_FORM, Adamax.Form.PYTORCH),
                Adamax.Hyperparameters.pytorch().conventions());
        assertTrue(keras.description().startsWith("Keras Adamax (u = max(beta2 u, |g|)"), keras.description());
        assertTrue(keras.description().contains("eps=1.0E-7"), keras.description());
        assertTrue(Adamax.Hyperparameters.pytorch().description().startsWith("PyTorch Adamax"));
        assertMessage(() -> keras.withForm(null), "form");
    }

    @Test
    void kerasZeroEpsilonWithZeroGradientThrows() {
        Parameter p = new Parameter("w", Matrix.scalar(1));
        Optimizer o = Adamax.Hyperparameters.keras().withEpsilon(0).create(List.of(p));
        p.accumulateGrad(Matrix.scalar(0));
        ArithmeticException e = org.junit.jupiter.api.Assertions.assertThrows(ArithmeticException.class, o::step);
        assertTrue(e.getMessage().contains("max(beta2 u, |g|) + eps"), e.getMessage());
        assertEquals(1.0, p.value().scalarValue());
    }
}
