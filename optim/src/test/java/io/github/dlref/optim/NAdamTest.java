package io.github.dlref.optim;

import static io.github.dlref.optim.SGDTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** NAdam: the contract for every form, validation, and first steps written out by hand (cs231n problem, x = 2, g = 18). */
class NAdamTest implements OptimizerContract {

    @Override
    public List<Function<List<Parameter>, Optimizer>> variants() {
        return List.of(
                ps -> NAdam.Hyperparameters.pytorch().create(ps),
                ps -> NAdam.Hyperparameters.pytorch().withForm(NAdam.Form.DOZAT)
                        .withWeightDecay(WeightDecay.coupledL2(0.01)).create(ps),
                ps -> NAdam.Hyperparameters.keras().withWeightDecay(WeightDecay.decoupled(0.01)).create(ps),
                ps -> NAdam.Hyperparameters.optax(0.01).withEpsilonRoot(1e-12).create(ps));
    }

    @Override
    public String optimizerName() {
        return "NAdam";
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

    private static double mu(double beta1, double psi, int t) {
        return beta1 * (1 - 0.5 * Math.pow(0.96, t * psi));
    }

    /**
     * One step from x = 2: m = 1.8, v_hat = 324; torch 1.13 uses P_2 = mu_1 mu_1 mu_2, Dozat P_2 = mu_1 mu_2;
     * Keras the same with psi = 1 and eps 1e-7; Optax m_hat = 0.9 * 1.8 / (1 - 0.81) + 0.1 * 18 / 0.1.
     */
    @Test
    void firstStepsByHand() {
        NAdam.Hyperparameters torch = NAdam.Hyperparameters.pytorch().withLearningRate(0.1);
        double mu1 = mu(0.9, 0.004, 1);
        double mu2 = mu(0.9, 0.004, 2);
        double den = 18 + 1e-8;
        assertClose(2 - 0.1 * 18 / den - 0.1 * mu2 * 1.8 / ((1 - mu1 * mu1 * mu2) * den), firstStep(torch));
        assertClose(2 - 0.1 * 18 / den - 0.1 * mu2 * 1.8 / ((1 - mu1 * mu2) * den),
                firstStep(torch.withForm(NAdam.Form.DOZAT)));
        double k1 = mu(0.9, 1, 1);
        double k2 = mu(0.9, 1, 2);
        double kerasHat = k2 * 1.8 / (1 - k1 * k2) + (1 - k1) * 18 / (1 - k1);
        assertClose(2 - kerasHat * 0.001 / (18 + 1e-7), firstStep(NAdam.Hyperparameters.keras()));
        double optaxHat = 0.9 * 1.8 / (1 - 0.81) + 0.1 * 18 / 0.1;
        assertClose(2 - 0.1 * optaxHat / (18 + 1e-8), firstStep(NAdam.Hyperparameters.optax(0.1)));
    }

    /** Keras momentum schedule warms up much faster than PyTorch 4e-3: mu_1 0.468 against 0.450. */
    @Test
    void theMomentumSchedulesDiffer() {
        assertClose(0.9 * (1 - 0.5 * 0.96), NAdam.momentumSchedule(0.9, 1.0, 1));
        assertClose(0.9 * (1 - 0.5 * Math.pow(0.96, 0.004)), NAdam.momentumSchedule(0.9, 0.004, 1));
        assertTrue(Math.abs(firstStep(NAdam.Hyperparameters.pytorch()) - firstStep(NAdam.Hyperparameters.pytorch()
                .withForm(NAdam.Form.DOZAT))) > Tolerances.BREAKS_AT_LEAST * 1e-3);
    }

    @Test
    void validation() {
        NAdam.Hyperparameters h = NAdam.Hyperparameters.pytorch();
        assertMessage(() -> h.withBetas(1.0, 0.9), "beta1 must be in [0, 1), got 1.0");
        assertMessage(() -> h.withMomentumDecay(-1), "momentumDecay must be in [0, inf), got -1.0");
        assertMessage(() -> h.withEpsilonRoot(1e-8), "epsilonRoot must be 0 with form PYTORCH_1_13");
        assertMessage(() -> h.withForm(null), "form must not be null");
        assertEquals(java.util.Map.of(ConventionAxis.NADAM_FORM, NAdam.Form.KERAS),
                NAdam.Hyperparameters.keras().conventions());
        assertTrue(NAdam.Hyperparameters.optax(0.1).description().startsWith("Optax NAdam"));
        assertEquals(List.of("exp_avg", "exp_avg_sq"), List.copyOf(NAdam.Hyperparameters.optax(0.1)
                .create(List.of(new Parameter("w", Matrix.scalar(1)))).state().get(0).buffers().keySet()));
    }

    @Test
    void zeroEpsilonWithZeroGradientThrows() {
        Parameter p = new Parameter("w", Matrix.scalar(1));
        Optimizer o = NAdam.Hyperparameters.pytorch().withEpsilon(0).create(List.of(p));
        p.accumulateGrad(Matrix.scalar(0));
        ArithmeticException e = org.junit.jupiter.api.Assertions.assertThrows(ArithmeticException.class, o::step);
        assertTrue(e.getMessage().contains("denominator"), e.getMessage());
    }
}
