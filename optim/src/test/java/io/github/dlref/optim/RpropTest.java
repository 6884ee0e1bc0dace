package io.github.dlref.optim;

import static io.github.dlref.optim.SGDTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Rprop: the contract for every form, validation, and first steps written out by hand (cs231n problem, x = 2, g = 18). */
class RpropTest implements OptimizerContract {

    @Override
    public List<Function<List<Parameter>, Optimizer>> variants() {
        return List.of(
                ps -> Rprop.Hyperparameters.pytorch().withStepSizes(0.0, 50.0).create(ps),
                ps -> Rprop.Hyperparameters.pytorch().withEtas(0.3, 1.5).withStepSizes(0.0, 0.2)
                        .withWeightDecay(WeightDecay.coupledL2(0.01)).create(ps));
    }

    @Override
    public String optimizerName() {
        return "Rprop";
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

    /**
     * Steps of lr, 1.2 lr, 1.44 lr while the gradient 6x + 6 stays positive from x = 2 (lr 0.1), then the sign
     * flips at x = -1.64 + ... : written out with the rule.
     */
    @Test
    void stepSizesGrowWhileTheSignHolds() {
        Rprop.Hyperparameters h = Rprop.Hyperparameters.pytorch().withLearningRate(0.1);
        assertClose(2 - 0.1, firstStep(h));
        assertClose(2 - 0.1 - 0.12, steps(h, 2));
        assertClose(2 - 0.1 - 0.12 - 0.144, steps(h, 3));
    }

    /** After a sign change the step is skipped and the step size shrinks by etaMinus. */
    @Test
    void aSignChangeSkipsTheStep() {
        Parameter p = new Parameter("w", Matrix.scalar(0.0));
        Optimizer o = Rprop.Hyperparameters.pytorch().withLearningRate(0.5).create(List.of(p));
        p.accumulateGrad(Matrix.scalar(1.0));
        o.step();
        assertEquals(-0.5, p.value().scalarValue());
        p.zeroGrad();
        p.accumulateGrad(Matrix.scalar(-1.0));
        o.step();
        assertEquals(-0.5, p.value().scalarValue());
        assertEquals(0.25, o.state(p).buffer("step_size").scalarValue());
        assertEquals(0.0, o.state(p).buffer("prev").scalarValue());
        p.zeroGrad();
        p.accumulateGrad(Matrix.scalar(-1.0));
        o.step();
        assertEquals(-0.25, p.value().scalarValue());
    }

    /** PyTorch clamps the step size to step_size_min: with lr 0 and the default 1e-6 it still moves by 1e-6. */
    @Override
    @Test
    public void theLearningRateIsValidatedAndUsed() {
        OptimizerContract.super.theLearningRateIsValidatedAndUsed();
        assertClose(2 - 1e-6, firstStep(Rprop.Hyperparameters.pytorch().withLearningRate(0.0)));
    }

    @Test
    void validation() {
        Rprop.Hyperparameters h = Rprop.Hyperparameters.pytorch();
        assertMessage(() -> h.withEtas(1.0, 1.2), "etaMinus must be in (0, 1), got 1.0");
        assertMessage(() -> h.withEtas(0.5, 1.0), "etaPlus must be in (1, inf), got 1.0");
        assertMessage(() -> h.withStepSizes(1.0, 0.5), "stepSizeMax must be >= stepSizeMin (1.0), got 0.5");
        assertTrue(h.description().contains("etas=(0.5, 1.2)"));
    }
}
