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
}
