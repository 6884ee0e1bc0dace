package io.github.dlref.optim;

import static io.github.dlref.optim.SGDTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** ASGD: the contract for every form, validation, and first steps written out by hand (cs231n problem, x = 2, g = 18). */
class ASGDTest implements OptimizerContract {

    @Override
    public List<Function<List<Parameter>, Optimizer>> variants() {
        return List.of(
                ps -> ASGD.Hyperparameters.pytorch().create(ps),
                ps -> ASGD.Hyperparameters.pytorch().withSchedule(0.05, 0.5, 2).withWeightDecay(WeightDecay.coupledL2(0.01))
                        .create(ps));
    }

    @Override
    public String optimizerName() {
        return "ASGD";
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

    /** x = 2 (1 - lambda lr) - lr 18; ax = x (mu = 1); next eta = lr / (1 + lambda lr)^alpha. */
    @Test
    void firstStepByHand() {
        List<Parameter> ps = Problems.CS231N.newParameters();
        Optimizer o = ASGD.Hyperparameters.pytorch().withLearningRate(0.1).withSchedule(0.05, 0.5, 0).create(ps);
        Problems.run(Problems.CS231N, ps, o, 1);
        double x = 2 * (1 - 0.05 * 0.1) - 0.1 * 18;
        assertClose(x, ps.get(0).value().scalarValue());
        ParameterState s = o.state(ps.get(0));
        assertClose(x, s.buffer("ax").scalarValue());
        assertClose(0.1 / Math.pow(1 + 0.05 * 0.1, 0.5), s.buffer("eta").scalarValue());
        assertEquals(1.0, s.buffer("mu").scalarValue());
    }

    /**
     * With t0 = 0, mu after step t is 1 / max(1, t): steps 1 and 2 use mu = 1 (ax = the iterate), step 3 uses
     * 1/2, step 4 1/3, so after 4 steps ax is the mean of the iterates x_2, x_3, x_4.
     */
    @Test
    void averagingIsTheMeanOfTheIterates() {
        List<Parameter> ps = Problems.CS231N.newParameters();
        Optimizer o = ASGD.Hyperparameters.pytorch().withLearningRate(0.01).withSchedule(0.0, 0.75, 0).create(ps);
        double sum = 0;
        for (int t = 1; t <= 4; t++) {
            Problems.run(Problems.CS231N, ps, o, 1);
            if (t >= 2) {
                sum += ps.get(0).value().scalarValue();
            }
        }
        assertTrue(Math.abs(sum / 3 - o.state(ps.get(0)).buffer("ax").scalarValue()) <= Tolerances.CANCELLATION,
                "ax is not the mean of x_2..x_4");
    }

    @Test
    void validation() {
        assertMessage(() -> ASGD.Hyperparameters.pytorch().withSchedule(-1, 0.75, 1e6), "lambda must be in [0, inf)");
        assertMessage(() -> ASGD.Hyperparameters.pytorch().withSchedule(1e-4, 0.75, Double.NaN), "t0");
        assertTrue(ASGD.Hyperparameters.pytorch().description().contains("t0=1000000.0"));
    }
}
