package io.github.dlref.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import io.github.dlref.optim.custom.Lion;
import io.github.dlref.optim.schedule.LearningRateScheduler;
import io.github.dlref.optim.schedule.StepDecay;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A custom optimizer with one buffer, {@link Lion}, written outside this package on {@link BaseOptimizer}: it
 * meets the whole {@link OptimizerContract} (snapshots that resume bit for bit, skipped parameters, validation)
 * without writing any of it, and its steps match values worked by hand from the paper's Algorithm 2.
 */
class CustomLionTest implements OptimizerContract {

    private static final Lion.Hyperparameters PAPER = new Lion.Hyperparameters(0.1, 0.9, 0.99, WeightDecay.none());

    @Override
    public List<Function<List<Parameter>, Optimizer>> variants() {
        return List.of(
                ps -> new Lion(ps, PAPER.withLearningRate(0.01)),
                ps -> new Lion(ps, PAPER.withLearningRate(0.01).withWeightDecay(WeightDecay.decoupled(0.5))),
                ps -> PAPER.withLearningRate(0.001).withWeightDecay(WeightDecay.coupledL2(0.1)).create(ps));
    }

    @Override
    public String optimizerName() {
        return "Lion";
    }

    private static void assertClose(double[] expected, Matrix actual, String what) {
        double[] a = actual.toRowMajorArray();
        assertEquals(expected.length, a.length, what);
        for (int k = 0; k < a.length; k++) {
            assertTrue(Math.abs(a[k] - expected[k]) <= Tolerances.FEW_ULPS * Math.max(1.0, Math.abs(expected[k])),
                    what + " element " + k + ": expected " + expected[k] + ", got " + a[k]);
        }
    }

    private static void step(Optimizer opt, Parameter p, double... gradient) {
        opt.zeroGrad();
        p.accumulateGrad(Matrix.rowVector(gradient));
        opt.step();
    }

    /**
     * By hand, lr = 0.1, beta1 = 0.9, beta2 = 0.99, m_0 = 0, theta_0 = (1, -2, 0.5).
     * Step 1, g = (2, -4, 0): c = 0.1 g = (0.2, -0.4, 0), theta = (0.9, -1.9, 0.5) (sign(0) = 0),
     * m = 0.01 g = (0.02, -0.04, 0). Step 2, g = (-0.1, -1, 3): c = 0.9 m + 0.1 g = (0.008, -0.136, 0.3), so the
     * first element still moves down although its gradient is negative (the interpolation with the momentum
     * wins): theta = (0.8, -1.8, 0.4), m = 0.99 m + 0.01 g = (0.0188, -0.0496, 0.03).
     */
    @Test
    void twoStepsMatchTheirValuesWorkedByHand() {
        Parameter p = new Parameter("w", Matrix.rowVector(1.0, -2.0, 0.5));
        Lion lion = new Lion(List.of(p), PAPER);
        step(lion, p, 2.0, -4.0, 0.0);
        assertClose(new double[] {0.9, -1.9, 0.5}, p.value(), "theta after step 1");
        assertClose(new double[] {0.02, -0.04, 0.0}, lion.state(p).buffer("exp_avg"), "m after step 1");
        step(lion, p, -0.1, -1.0, 3.0);
        assertClose(new double[] {0.8, -1.8, 0.4}, p.value(), "theta after step 2");
        assertClose(new double[] {0.0188, -0.0496, 0.03}, lion.state(p).buffer("exp_avg"), "m after step 2");
        assertEquals(2, lion.state(p).step());
        assertEquals(List.of("exp_avg"), List.copyOf(lion.state(p).buffers().keySet()));
    }

    /**
     * The paper's decoupled decay, {@code theta - lr (sign(c) + lambda theta)}, comes from the base class: with
     * lambda = 0.5, lr = 0.1 and g = (2, -4, 0) from (1, -2, 0.5): (1 - 0.1 (1 + 0.5), -2 - 0.1 (-1 - 1),
     * 0.5 - 0.1 (0 + 0.25)) = (0.85, -1.8, 0.475).
     */
    @Test
    void decoupledWeightDecayIsThePapersLambda() {
        Parameter p = new Parameter("w", Matrix.rowVector(1.0, -2.0, 0.5));
        Lion lion = PAPER.withWeightDecay(WeightDecay.decoupled(0.5)).create(List.of(p));
        step(lion, p, 2.0, -4.0, 0.0);
        assertClose(new double[] {0.85, -1.8, 0.475}, p.value(), "theta with decoupled decay");
    }

    /**
     * Saving after one step and loading into a fresh Lion over a copy of the parameter continues exactly as the
     * straight run: the second step of {@link #twoStepsMatchTheirValuesWorkedByHand()} again.
     */
    @Test
    void aSavedStateLoadsIntoAFreshLionAndContinuesTheRun() {
        Parameter p = new Parameter("w", Matrix.rowVector(1.0, -2.0, 0.5));
        Lion first = new Lion(List.of(p), PAPER);
        step(first, p, 2.0, -4.0, 0.0);
        OptimizerState saved = first.saveState();
        assertEquals("Lion", saved.optimizer());
        assertEquals(PAPER, saved.hyperparameters());

        Parameter q = new Parameter("w", p.value());
        Lion second = new Lion(List.of(q), PAPER.withLearningRate(0.7));
        second.loadState(saved);
        assertEquals(0.1, second.learningRate(), "the snapshot's learning rate is restored");
        assertEquals(1, second.state(q).step());
        step(second, q, -0.1, -1.0, 3.0);
        step(first, p, -0.1, -1.0, 3.0);
        assertEquals(p.value(), q.value(), "resumed run differs from the straight one");
        assertEquals(first.state(), second.state());
        assertClose(new double[] {0.8, -1.8, 0.4}, q.value(), "theta after the resumed step");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SGD(List.of(q), SGD.Hyperparameters.pytorch(0.1)).loadState(saved));
        assertEquals("SGD.loadState: snapshot is of a Lion, not a SGD", e.getMessage());
    }

    /** A schedule drives a custom optimizer like any other: the rate of each step is the schedule's. */
    @Test
    void aSchedulerSetsTheLearningRateOfEachStep() {
        Parameter p = new Parameter("w", Matrix.rowVector(1.0));
        Lion lion = new Lion(List.of(p), PAPER);
        LearningRateScheduler scheduler = new LearningRateScheduler(lion, new StepDecay(0.5, 1, 0.5));
        step(lion, p, 1.0);       // lr 0.5: 1 - 0.5
        scheduler.step();
        step(lion, p, 1.0);       // lr 0.25: 0.5 - 0.25
        assertEquals(0.25, p.value().get(0, 0));
    }

    @Test
    void theRecordValidatesItsBetasAndReportsItselfWithTheDefaults() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Lion.Hyperparameters(0.1, 1.0, 0.99, WeightDecay.none()));
        assertEquals("Lion: betas must be in [0, 1), got 1.0, 0.99", e.getMessage());
        assertEquals("Hyperparameters[learningRate=0.1, beta1=0.9, beta2=0.99, weightDecay=WeightDecay[kind=NONE,"
                + " coefficient=0.0]]", PAPER.description());
        assertEquals(Map.of(), PAPER.conventions());
        assertEquals(Map.of(ConventionAxis.WEIGHT_DECAY_FORM, WeightDecay.Kind.DECOUPLED),
                PAPER.withWeightDecay(WeightDecay.decoupled(0.1)).conventions());
        assertEquals(PAPER, PAPER.canonical());
        assertEquals(PAPER, PAPER.asRecord());
    }

    /** The base class validates what the record does not: the learning rate and the weight decay. */
    @Test
    void theBaseClassValidatesTheLearningRateAndTheWeightDecay() {
        List<Parameter> ps = List.of(new Parameter("w", Matrix.rowVector(1.0)));
        IllegalArgumentException lr = assertThrows(IllegalArgumentException.class,
                () -> PAPER.withLearningRate(-1.0).create(ps));
        assertEquals("Lion: learningRate must be in [0, inf), got -1.0", lr.getMessage());
        IllegalArgumentException wd = assertThrows(IllegalArgumentException.class,
                () -> PAPER.withWeightDecay(null).create(ps));
        assertEquals("Lion: hyperparameters.weightDecay() must not be null", wd.getMessage());
    }
}
