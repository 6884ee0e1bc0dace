package io.github.dlref.optim.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.dlref.optim.Tolerances;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every schedule against values worked by hand (exact where the arithmetic is exact, else within 1e-15
 * relative: one or two roundings of numbers near 1), plus validation and composition. PyTorch's own values
 * for the same schedules are checked in {@code PyTorchGoldenTest}.
 */
class LearningRateScheduleTest {

    private static void close(double expected, double actual) {
        assertTrue(Math.abs(actual - expected) <= Tolerances.FEW_ULPS * Math.abs(expected) || actual == expected,
                "expected " + expected + ", got " + actual);
    }

    private static void fails(Executable e, String part) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(part), "message '" + ex.getMessage() + "' lacks '" + part + "'");
    }

    @Test
    void constant() {
        assertEquals(0.3, new Constant(0.3).learningRate(0));
        assertEquals(0.3, new Constant(0.3).learningRate(1_000_000));
        fails(() -> new Constant(-1.0), "Constant: value must be in [0, inf), got -1.0");
    }

    /** 1, 1, 1, 0.5, 0.5, 0.5, 0.25: gamma 0.5 every 3 steps. */
    @Test
    void stepDecay() {
        StepDecay s = new StepDecay(1.0, 3, 0.5);
        double[] expected = {1, 1, 1, 0.5, 0.5, 0.5, 0.25};
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], s.learningRate(t), "t = " + t);
        }
        fails(() -> new StepDecay(1.0, 0, 0.5), "StepDecay: stepSize must be >= 1, got 0");
        fails(() -> s.learningRate(-1), "StepDecay: step must be >= 0, got -1");
    }

    /** Milestones 2 and 5, gamma 0.5: 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25. */
    @Test
    void multiStepDecay() {
        MultiStepDecay s = new MultiStepDecay(1.0, List.of(2L, 5L), 0.5);
        double[] expected = {1, 1, 0.5, 0.5, 0.5, 0.25, 0.25};
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], s.learningRate(t), "t = " + t);
        }
        fails(() -> new MultiStepDecay(1.0, List.of(3L, 3L), 0.5), "strictly increasing");
        fails(() -> new MultiStepDecay(1.0, List.of(0L), 0.5), "strictly increasing and >= 1");
    }

    /** Rate 0.25 per 2 steps from 2: t = 2 gives 0.5, t = 4 gives 0.125, t = 1 gives 2 sqrt(0.25) = 1. */
    @Test
    void exponentialDecay() {
        ExponentialDecay s = new ExponentialDecay(2.0, 0.25, 2.0);
        assertEquals(2.0, s.learningRate(0));
        assertEquals(1.0, s.learningRate(1));
        assertEquals(0.5, s.learningRate(2));
        assertEquals(0.125, s.learningRate(4));
        assertEquals(0.25 * 0.25 * 0.25, ExponentialDecay.perStep(1.0, 0.25).learningRate(3));
        fails(() -> new ExponentialDecay(1.0, 0.5, 0.0), "ExponentialDecay: decaySteps must be in (0, inf), got 0.0");
    }

    /** 1 / (1 + 0.5 t): 1, 2/3, 1/2, 2/5; with decaySteps 2, t = 4 gives 1 / (1 + 0.5 * 2) = 0.5. */
    @Test
    void inverseTimeDecay() {
        InverseTimeDecay s = InverseTimeDecay.bpOptimizers(1.0, 0.5);
        close(1.0, s.learningRate(0));
        close(2.0 / 3.0, s.learningRate(1));
        close(0.5, s.learningRate(2));
        close(0.4, s.learningRate(3));
        assertEquals(0.5, new InverseTimeDecay(1.0, 0.5, 2.0).learningRate(4));
    }

    /** k / sqrt(t) with k = 2: t = 1 gives 2, t = 4 gives 1, t = 16 gives 0.5; undefined at 0. */
    @Test
    void powerDecay() {
        PowerDecay s = PowerDecay.inverseSqrt(2.0);
        assertEquals(2.0, s.learningRate(1));
        assertEquals(1.0, s.learningRate(4));
        assertEquals(0.5, s.learningRate(16));
        assertEquals(0.25, new PowerDecay(1.0, 2.0).learningRate(2));
        fails(() -> s.learningRate(0), "use shifted(1)");
        assertEquals(2.0, s.shifted(1).learningRate(0));
        assertEquals(1.0, s.shifted(1).learningRate(3));
    }

    /** From 1 to 0.1 over 4 steps, power 2: t = 2 gives 0.9 * 0.25 + 0.1 = 0.325; t >= 4 gives 0.1. */
    @Test
    void polynomialDecay() {
        PolynomialDecay s = new PolynomialDecay(1.0, 0.1, 4, 2.0);
        assertEquals(1.0, s.learningRate(0));
        close(0.325, s.learningRate(2));
        assertEquals(0.1, s.learningRate(4));
        assertEquals(0.1, s.learningRate(100));
        assertEquals(0.75, new PolynomialDecay(1.0, 0.0, 4, 1.0).learningRate(1));
    }

    /**
     * Period 4 from 1 to 0: t = 2 gives 0.5, t = 4 gives 0; PyTorch's form returns to 1 at t = 8, Keras's
     * holds 0. Keras with alpha 0.1: t = 2 gives 0.1 + 0.9 * 0.5 = 0.55, t = 4 and later 0.1.
     */
    @Test
    void cosineDecay() {
        CosineDecay torch = CosineDecay.pytorch(1.0, 4, 0.0);
        assertEquals(1.0, torch.learningRate(0));
        close(0.5, torch.learningRate(2));
        assertEquals(0.0, torch.learningRate(4));
        close(0.5, torch.learningRate(6));
        assertEquals(1.0, torch.learningRate(8));
        CosineDecay keras = CosineDecay.keras(1.0, 4, 0.1);
        close(0.55, keras.learningRate(2));
        close(0.1, keras.learningRate(4));
        close(0.1, keras.learningRate(8));
        // Keras's floor is alpha * initial: with initial 0.4 and alpha 0.25 the rate ends at 0.1 (not 0.25 / 0.4)
        // and is 0.1 + 0.3 (1 + cos(pi / 2)) / 2 = 0.25 half-way
        CosineDecay scaled = CosineDecay.keras(0.4, 4, 0.25);
        close(0.1, scaled.minimum());
        close(0.4, scaled.learningRate(0));
        close(0.25, scaled.learningRate(2));
        close(0.1, scaled.learningRate(4));
        close(0.1, scaled.learningRate(9));
        fails(() -> CosineDecay.keras(1.0, 4, 1.5), "alpha must be in [0, 1], got 1.5");
        fails(() -> CosineDecay.pytorch(1.0, 0, 0.0), "CosineDecay: period must be >= 1, got 0");
    }

    /** From 0.1 to 1 over 4 steps: t = 2 gives 0.55; after that 1. */
    @Test
    void linearSchedule() {
        LinearSchedule s = new LinearSchedule(0.1, 1.0, 4);
        assertEquals(0.1, s.learningRate(0));
        close(0.55, s.learningRate(2));
        assertEquals(1.0, s.learningRate(4));
        assertEquals(1.0, s.learningRate(9));
    }

    /** Warm-up from 0 over 2 steps into a cosine of period 4 from 1: 0, 0.5, then 1, cos..., 0.5 at t = 4. */
    @Test
    void warmupThenAnotherSchedule() {
        Warmup w = new Warmup(0.0, 2, CosineDecay.keras(1.0, 4, 0.0));
        assertEquals(0.0, w.learningRate(0));
        assertEquals(0.5, w.learningRate(1));
        assertEquals(1.0, w.learningRate(2));
        close(0.5, w.learningRate(4));
        assertEquals(0.0, w.learningRate(6));
        fails(() -> new Warmup(0.0, 2, null), "Warmup: after must not be null");
    }

    @Test
    void shifting() {
        LearningRateSchedule s = t -> t;
        assertEquals(5.0, s.shifted(5).learningRate(0));
        fails(() -> s.shifted(-1), "offset must be >= 0, got -1");
        fails(() -> s.shifted(1).learningRate(-2), "step must be >= 0, got -2");
    }

    /** Every schedule of this package is non-negative and non-increasing where it decays (property). */
    @Test
    void decaysNeverIncreaseBeforeTheirEnd() {
        List<LearningRateSchedule> decays = List.of(new StepDecay(1.0, 3, 0.5), ExponentialDecay.perStep(1.0, 0.9),
                InverseTimeDecay.bpOptimizers(1.0, 0.3), new PolynomialDecay(1.0, 0.0, 50, 2.0),
                CosineDecay.keras(1.0, 50, 0.0), new MultiStepDecay(1.0, List.of(3L, 7L), 0.1));
        qt().withFixedSeed(42L).withExamples(50).forAll(integers().between(0, 200)).checkAssert(t -> {
            for (LearningRateSchedule s : decays) {
                assertTrue(s.learningRate(t + 1) <= s.learningRate(t), s + " increases at " + t);
                assertTrue(s.learningRate(t) >= 0.0, s + " negative at " + t);
            }
        });
    }
}
