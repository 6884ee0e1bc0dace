package io.github.dlref.optim;

import static io.github.dlref.optim.SGDTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** RAdam: the contract for every form, validation, and first steps written out by hand (cs231n problem, x = 2, g = 18). */
class RAdamTest implements OptimizerContract {

    @Override
    public List<Function<List<Parameter>, Optimizer>> variants() {
        return List.of(
                ps -> RAdam.Hyperparameters.pytorch().create(ps),
                ps -> RAdam.Hyperparameters.pytorch().withBetas(0.8, 0.9).withWeightDecay(WeightDecay.coupledL2(0.01))
                        .create(ps),
                ps -> RAdam.Hyperparameters.optax(0.01).withBetas(0.8, 0.9).withEpsilonRoot(1e-12).create(ps));
    }

    @Override
    public String optimizerName() {
        return "RAdam";
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

    /** rho_1 = 1 is below 5: the first step is SGD on m_hat = g, x = 2 - lr 18. */
    @Test
    void firstStepIsUnrectified() {
        assertClose(2 - 0.01 * 18, firstStep(RAdam.Hyperparameters.pytorch().withLearningRate(0.01)));
        assertClose(2 - 0.01 * 18, firstStep(RAdam.Hyperparameters.optax(0.01)));
    }

    /** rho_t from its definition; with beta2 0.999 it first exceeds 5 at step 6 (both forms rectify there). */
    @Test
    void rhoCrossesFiveAtStepSix() {
        double rhoInf = 2 / 0.001 - 1;
        for (int t = 1; t <= 7; t++) {
            double b = Math.pow(0.999, t);
            double expected = rhoInf - 2 * t * b / (1 - b);
            assertTrue(Math.abs(expected - RAdam.rho(0.999, t)) <= Tolerances.CANCELLATION * rhoInf,
                    "rho_" + t + " = " + RAdam.rho(0.999, t) + ", expected " + expected);
        }
        assertTrue(RAdam.rho(0.999, 5) < 5 && RAdam.rho(0.999, 6) > 5);
    }

    /** With beta2 = 0.5, rho_inf = 3 and rho_t never reaches 5: RAdam is SGD with momentum m_hat throughout. */
    @Test
    void neverRectifiedIsSgdOnTheCorrectedMoment() {
        RAdam.Hyperparameters h = RAdam.Hyperparameters.pytorch().withBetas(0.0, 0.5).withLearningRate(0.01);
        double x = 2;
        for (int t = 0; t < 3; t++) {
            x = x - 0.01 * (6 * x + 6);
        }
        assertClose(x, steps(h, 3));
    }

    @Test
    void validation() {
        RAdam.Hyperparameters h = RAdam.Hyperparameters.pytorch();
        assertMessage(() -> h.withBetas(0.9, -0.1), "beta2 must be in [0, 1), got -0.1");
        assertMessage(() -> h.withEpsilonRoot(1e-8), "epsilonRoot must be 0 with form PYTORCH");
        assertMessage(() -> h.withEpsilon(Double.NaN), "epsilon");
        assertEquals(java.util.Map.of(ConventionAxis.RADAM_FORM, RAdam.Form.OPTAX),
                RAdam.Hyperparameters.optax(0.1).conventions());
        assertTrue(h.withForm(RAdam.Form.OPTAX).description().startsWith("Optax RAdam"));
    }
}
