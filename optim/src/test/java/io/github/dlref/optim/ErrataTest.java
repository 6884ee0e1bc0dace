package io.github.dlref.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import io.github.dlref.optim.schedule.InverseTimeDecay;
import io.github.dlref.optim.schedule.LearningRateSchedule;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The source documents' mistakes in the optimizer sections (docs/errata.md, section "optim"): each test
 * shows what the printed form does and proves the corrected form that this module implements.
 */
class ErrataTest {

    /**
     * bp-optimizers prints {@code alpha = alpha0 / (DecayRate * EpochNum)}. The course it summarizes
     * (deeplearning.ai) and Keras's InverseTimeDecay use {@code alpha0 / (1 + DecayRate * EpochNum)}. The
     * printed form is infinite at epoch 0 and larger than alpha0 while {@code DecayRate * EpochNum < 1}.
     * Worked example (alpha0 0.2, DecayRate 1, epochs 1..4): 0.1, 0.0667, 0.05, 0.04.
     */
    @Test
    void learningRateDecayNeedsTheOnePlus() {
        LearningRateSchedule corrected = InverseTimeDecay.bpOptimizers(0.2, 1.0).shifted(1);
        assertEquals(0.2 / 2, corrected.learningRate(0));
        assertEquals(0.2 / 3, corrected.learningRate(1));
        assertEquals(0.2 / 4, corrected.learningRate(2));
        assertEquals(0.2 / 5, corrected.learningRate(3));

        java.util.function.LongToDoubleFunction printed = epoch -> 0.2 / (0.5 * epoch);
        assertEquals(Double.POSITIVE_INFINITY, printed.applyAsDouble(0));
        assertTrue(printed.applyAsDouble(1) > 0.2, "printed form exceeds alpha0 at epoch 1 with DecayRate 0.5");
        LearningRateSchedule correctedHalf = InverseTimeDecay.bpOptimizers(0.2, 0.5);
        assertEquals(0.2, correctedHalf.learningRate(0));
        for (long e = 1; e < 50; e++) {
            assertTrue(correctedHalf.learningRate(e) < correctedHalf.learningRate(e - 1), "decreasing at " + e);
        }
    }

    private static Parameter zeroAndNonZeroGradient() {
        Parameter p = new Parameter("w", Matrix.rowVector(1.0, 1.0));
        p.accumulateGrad(Matrix.rowVector(0.0, 0.5));
        return p;
    }

    /**
     * AdaGrad (dl-basics, param-optimization) and RMSprop (bp-optimizers, dl-basics) are printed without
     * epsilon: an element whose gradients have all been zero (a weight fed by an always-zero input, a dead
     * ReLU unit) divides 0 by sqrt(0). With epsilon 0 this module throws (naming the element) instead of
     * writing NaN; the document presets add epsilon outside the square root, leave such an element
     * unchanged, and change the other elements only by a relative {@code eps / sqrt(s)}.
     */
    @Test
    void adaGradAndRmspropNeedAnEpsilon() {
        List<Function<List<Parameter>, Optimizer>> printed = List.of(
                ps -> new AdaGrad(ps, AdaGrad.Hyperparameters.dlBasics(0.1).withEpsilon(0.0)),
                ps -> new AdaGrad(ps, AdaGrad.Hyperparameters.paramOptimization(0.1).withEpsilon(0.0)),
                ps -> new RMSProp(ps, RMSProp.Hyperparameters.bpOptimizers(0.1, 0.9).withEpsilon(0.0)),
                ps -> new RMSProp(ps, RMSProp.Hyperparameters.dlBasics(0.1, 0.9).withEpsilon(0.0)));
        List<Function<List<Parameter>, Optimizer>> corrected = List.of(
                ps -> new AdaGrad(ps, AdaGrad.Hyperparameters.dlBasics(0.1)),
                ps -> new AdaGrad(ps, AdaGrad.Hyperparameters.paramOptimization(0.1)),
                ps -> new RMSProp(ps, RMSProp.Hyperparameters.bpOptimizers(0.1, 0.9)),
                ps -> new RMSProp(ps, RMSProp.Hyperparameters.dlBasics(0.1, 0.9)));
        for (int i = 0; i < printed.size(); i++) {
            Parameter p = zeroAndNonZeroGradient();
            Optimizer opt = printed.get(i).apply(List.of(p));
            ArithmeticException e = assertThrows(ArithmeticException.class, opt::step);
            assertTrue(e.getMessage().contains("'w' element 0") && e.getMessage().contains("0 by 0"), e.getMessage());

            Parameter q = zeroAndNonZeroGradient();
            Optimizer fixed = corrected.get(i).apply(List.of(q));
            fixed.step();
            assertEquals(1.0, q.value().get(0, 0), "a zero-gradient element must not move");
            assertTrue(Double.isFinite(q.value().get(0, 1)));

            Parameter r = new Parameter("w", Matrix.rowVector(1.0, 1.0));
            r.accumulateGrad(Matrix.rowVector(0.25, 0.5));
            Optimizer asPrinted = printed.get(i).apply(List.of(r));
            asPrinted.step();
            Parameter s = new Parameter("w", Matrix.rowVector(1.0, 1.0));
            s.accumulateGrad(Matrix.rowVector(0.25, 0.5));
            Optimizer withEps = corrected.get(i).apply(List.of(s));
            withEps.step();
            assertTrue(r.value().approxEquals(s.value(), 0.0, Tolerances.EPSILON_CORRECTION_RELATIVE), "away from zero gradients the correction is tiny");
        }
    }

    /**
     * dl-basics' RMSProp updates {@code W = W - eta / sqrt(h_t) g_t} with AdaGrad's accumulator {@code h_t};
     * the average {@code s_t} it has just defined is meant. For a constant gradient g the difference is plain:
     * {@code s_t = (1 - alpha^t) g^2} gives steps {@code eta / sqrt(1 - alpha^t)} (about eta), while
     * {@code h_t = t g^2} gives {@code eta / sqrt(t)}, AdaGrad's decay.
     */
    @Test
    void dlBasicsRmspropDividesByTheAverageNotTheSum() {
        double eta = 0.01;
        double alpha = 0.9;
        Parameter p = new Parameter("w", Matrix.scalar(0.0));
        RMSProp opt = new RMSProp(List.of(p), RMSProp.Hyperparameters.dlBasics(eta, alpha).withEpsilon(0.0));
        double previous = 0.0;
        for (int t = 1; t <= 6; t++) {
            p.zeroGrad();
            p.accumulateGrad(Matrix.scalar(3.0));
            opt.step();
            double stepSize = previous - p.value().scalarValue();
            previous = p.value().scalarValue();
            double withS = eta / Math.sqrt(1 - Math.pow(alpha, t));
            double withH = eta / Math.sqrt(t);
            assertTrue(Math.abs(stepSize - withS) <= Tolerances.CLOSED_FORM_RELATIVE * withS,
                    "t = " + t + ": step " + stepSize + " vs s_t form " + withS);
            assertTrue(Math.abs(stepSize - withH) > Tolerances.SEPARATED * eta, "t = " + t + ": must differ from the h_t reading");
        }
    }

    /**
     * dl-basics writes AdaGrad's {@code h_t = h_{t-1} + g_t · g_t} and calls {@code ·} the inner product; that
     * would make h a single number and give every element the same rate, which is not AdaGrad (Duchi et al.
     * 2011 adapt per coordinate; PyTorch, Keras and Optax square elementwise). With g = (1, 100) the
     * elementwise form moves both elements by eta; the inner-product reading would move them by
     * eta (1, 100) / sqrt(10001).
     */
    @Test
    void adaGradSquaresElementwise() {
        double eta = 0.1;
        Parameter p = new Parameter("w", Matrix.rowVector(0.0, 0.0));
        AdaGrad opt = new AdaGrad(List.of(p), AdaGrad.Hyperparameters.dlBasics(eta));
        p.accumulateGrad(Matrix.rowVector(1.0, 100.0));
        opt.step();
        assertEquals(-eta / (1 + 1e-10), p.value().get(0, 0), Tolerances.BELOW_ONE_ULP_OF_A_TENTH);
        assertEquals(-eta * 100 / (100 + 1e-10), p.value().get(0, 1), Tolerances.BELOW_ONE_ULP_OF_A_TENTH);
        assertNotEquals(-eta * 1 / Math.sqrt(10001), p.value().get(0, 0), Tolerances.SEPARATED, "inner-product reading: 1/100 of the step");
        assertEquals(Matrix.rowVector(1.0, 10000.0), opt.state(p).buffer("sum"));
    }
}
