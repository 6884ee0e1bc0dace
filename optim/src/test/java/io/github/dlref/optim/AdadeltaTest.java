package io.github.dlref.optim;

import static io.github.dlref.optim.SGDTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Adadelta: the contract for every form, validation, and first steps written out by hand (cs231n problem, x = 2, g = 18). */
class AdadeltaTest implements OptimizerContract {

    @Override
    public List<Function<List<Parameter>, Optimizer>> variants() {
        return List.of(
                ps -> Adadelta.Hyperparameters.pytorch().create(ps),
                ps -> Adadelta.Hyperparameters.keras().withWeightDecay(WeightDecay.coupledL2(0.01)).create(ps));
    }

    @Override
    public String optimizerName() {
        return "Adadelta";
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

    /** s = 0.1 * 324, delta = sqrt(1e-6) / sqrt(32.4 + 1e-6) * 18, x = 2 - lr delta. */
    @Test
    void firstStepByHand() {
        double delta = Math.sqrt(1e-6) / Math.sqrt(32.4 + 1e-6) * 18;
        assertClose(2 - delta, firstStep(Adadelta.Hyperparameters.pytorch()));
        assertEquals(0.001, Adadelta.Hyperparameters.keras().learningRate());
    }

    @Test
    void validation() {
        assertMessage(() -> Adadelta.Hyperparameters.pytorch().withRho(1.5), "rho must be in [0, 1], got 1.5");
        assertMessage(() -> Adadelta.Hyperparameters.pytorch().withEpsilon(-1), "epsilon must be in [0, inf)");
        assertTrue(Adadelta.Hyperparameters.pytorch().description().contains("rho=0.9"));
    }

    @Test
    void zeroEpsilonWithZeroGradientThrows() {
        Parameter p = new Parameter("w", Matrix.scalar(1));
        Optimizer o = Adadelta.Hyperparameters.pytorch().withEpsilon(0).create(List.of(p));
        p.accumulateGrad(Matrix.scalar(0));
        org.junit.jupiter.api.Assertions.assertThrows(ArithmeticException.class, o::step);
    }
}
