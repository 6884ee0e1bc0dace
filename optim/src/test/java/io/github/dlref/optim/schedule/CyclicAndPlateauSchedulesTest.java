package io.github.dlref.optim.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import io.github.dlref.optim.Optimizer;
import io.github.dlref.optim.ParameterGroups;
import io.github.dlref.optim.SGD;
import io.github.dlref.optim.Tolerances;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * One-cycle, warm restarts, cyclic, staircase inverse-time and reduce-on-plateau against values worked by hand,
 * plus validation; PyTorch's own values are checked in {@code PyTorchExtendedGoldenTest}.
 */
class CyclicAndPlateauSchedulesTest {

    private static void close(double expected, double actual) {
        assertTrue(Math.abs(actual - expected) <= Tolerances.FEW_ULPS_OF_TEN * Math.max(1, Math.abs(expected)),
                "expected " + expected + ", got " + actual);
    }

    private static void fails(Executable e, String part) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(part), "message '" + ex.getMessage() + "' lacks '" + part + "'");
    }

    /** T = 10, pct 0.3: rises from 0.04 to 1 over steps 0..2 (cosine), falls to 4e-6 at step 9. */
    @Test
    void oneCycleByHand() {
        OneCycle s = OneCycle.pytorch(1.0, 10);
        close(0.04, s.learningRate(0));
        close(0.04 + (1 - 0.04) * (1 - Math.cos(Math.PI * 0.5)) / 2, s.learningRate(1));
        close(1.0, s.learningRate(2));
        close(0.04 / 1e4, s.learningRate(9));
        fails(() -> s.learningRate(11), "step must be <= totalSteps (10), got 11");
        OneCycle linear = new OneCycle(1.0, 12, 0.25, OneCycle.Anneal.LINEAR, 10.0, 100.0, true);
        close(0.1, linear.learningRate(0));
        close(1.0, linear.learningRate(2));
        close(0.1, linear.learningRate(4));
        close(0.001, linear.learningRate(11));
        fails(() -> new OneCycle(1.0, 12, 0.25, OneCycle.Anneal.LINEAR, 10.0, 1e4, true).learningRate(12),
                "extrapolates to");
        fails(() -> new OneCycle(1.0, 10, 0.1, OneCycle.Anneal.COS, 25, 1e4, false), "phase 1 of 2 ends at step 0.0");
        fails(() -> new OneCycle(1.0, 10, 1.5, OneCycle.Anneal.COS, 25, 1e4, false), "pctStart must be in [0, 1]");
        fails(() -> new OneCycle(1.0, 10, 0.3, null, 25, 1e4, false), "anneal must not be null");
        fails(() -> new OneCycle(1.0, 0, 0.3, OneCycle.Anneal.COS, 25, 1e4, false), "totalSteps must be >= 1");
    }

    /** T_0 2, T_mult 2: periods [0, 2), [2, 6), [6, 14): restarts at 0, 2, 6, 14. */
    @Test
    void warmRestartsByHand() {
        CosineWarmRestarts s = new CosineWarmRestarts(1.0, 2, 2, 0.0);
        for (long t : new long[] {0, 2, 6, 14}) {
            assertEquals(1.0, s.learningRate(t), "restart at " + t);
        }
        close(0.5, s.learningRate(1));
        close(0.5, s.learningRate(4));
        close((1 + Math.cos(Math.PI * 3 / 4)) / 2, s.learningRate(5));
        CosineWarmRestarts constant = new CosineWarmRestarts(1.0, 3, 1, 0.1);
        assertEquals(constant.learningRate(1), constant.learningRate(1_000_000_000L));
        fails(() -> new CosineWarmRestarts(1.0, 0, 1, 0.0), "period must be >= 1");
        fails(() -> new CosineWarmRestarts(1.0, 2, 0, 0.0), "periodMultiplier must be >= 1");
    }

    /** base 0.2, max 1, up 2, down 3: 0.2, 0.6, 1, 0.733.., 0.466.., 0.2; triangular2 halves each cycle. */
    @Test
    void cyclicByHand() {
        CyclicSchedule s = new CyclicSchedule(0.2, 1.0, 2, 3, CyclicSchedule.Mode.TRIANGULAR, 1.0);
        double[] expected = {0.2, 0.6, 1.0, 0.2 + 0.8 * 2 / 3, 0.2 + 0.8 / 3, 0.2, 0.6};
        for (int t = 0; t < expected.length; t++) {
            close(expected[t], s.learningRate(t));
        }
        CyclicSchedule halves = new CyclicSchedule(0.0, 1.0, 1, 1, CyclicSchedule.Mode.TRIANGULAR2, 1.0);
        assertArrayEquals(new double[] {0, 1, 0, 0.5, 0, 0.25}, new double[] {halves.learningRate(0),
            halves.learningRate(1), halves.learningRate(2), halves.learningRate(3), halves.learningRate(4),
            halves.learningRate(5)});
        CyclicSchedule exp = new CyclicSchedule(0.0, 1.0, 1, 1, CyclicSchedule.Mode.EXP_RANGE, 0.5);
        assertEquals(0.125, exp.learningRate(3));
        fails(() -> new CyclicSchedule(0.0, 1.0, 0, 1, CyclicSchedule.Mode.TRIANGULAR, 1.0), "stepSizeUp must be in (0, inf)");
        fails(() -> new CyclicSchedule(0.0, 1.0, 1, 1, null, 1.0), "mode must not be null");
    }

    @Test
    void staircaseInverseTime() {
        StaircaseInverseTimeDecay s = new StaircaseInverseTimeDecay(1.0, 0.5, 3);
        assertEquals(1.0, s.learningRate(2));
        assertEquals(1.0 / 1.5, s.learningRate(3));
        assertEquals(0.5, s.learningRate(8));
        fails(() -> new StaircaseInverseTimeDecay(1.0, 0.5, 0), "decaySteps must be in (0, inf)");
        fails(() -> s.learningRate(-1), "step must be >= 0");
    }

    private static Optimizer sgd(double lr) {
        return new SGD(List.of(new Parameter("w", Matrix.scalar(1))), SGD.Hyperparameters.pytorch(lr));
    }

    /** patience 1: two bad epochs in a row reduce; cooldown 1 ignores the epoch after a reduction. */
    @Test
    void plateauByHand() {
        Optimizer o = sgd(1.0);
        ReduceLearningRateOnPlateau p = new ReduceLearningRateOnPlateau(List.of(o),
                ReduceLearningRateOnPlateau.Settings.pytorch().withPatience(1).withCooldown(1).withFactor(0.5));
        p.step(10);
        assertEquals(10.0, p.best());
        p.step(10);
        assertEquals(1, p.badEpochs());
        assertEquals(1.0, o.learningRate());
        p.step(10);
        assertEquals(0.5, o.learningRate());
        assertEquals(1, p.cooldownCounter());
        p.step(11);
        p.step(11);
        assertEquals(0.5, o.learningRate());
        p.step(11);
        assertEquals(0.25, o.learningRate());
        fails(() -> p.step(Double.NaN), "metric must not be NaN");
    }

    @Test
    void plateauMaxModeMinimumAndEpsilon() {
        Optimizer o = sgd(1.0);
        ReduceLearningRateOnPlateau p = new ReduceLearningRateOnPlateau(List.of(o), ReduceLearningRateOnPlateau.Settings
                .pytorch().withMode(ReduceLearningRateOnPlateau.Mode.MAX).withPatience(0).withMinLearningRate(0.3));
        p.step(1);
        p.step(1.00005);
        assertEquals(0.3, o.learningRate());
        p.step(0);
        assertEquals(0.3, o.learningRate());
        Optimizer q = sgd(1.0);
        ReduceLearningRateOnPlateau eps = new ReduceLearningRateOnPlateau(List.of(q), ReduceLearningRateOnPlateau
                .Settings.pytorch().withPatience(0).withFactor(0.5).withEpsilon(0.6)
                .withThreshold(1.0, ReduceLearningRateOnPlateau.ThresholdMode.ABSOLUTE));
        eps.step(5);
        eps.step(4.5);
        assertEquals(1.0, q.learningRate(), "a reduction of 0.5 <= eps 0.6 is not applied");
    }

    @Test
    void plateauValidation() {
        ReduceLearningRateOnPlateau.Settings s = ReduceLearningRateOnPlateau.Settings.pytorch();
        fails(() -> s.withFactor(1.0), "factor must be in [0, 1), got 1.0");
        fails(() -> s.withPatience(-1), "patience and cooldown must be >= 0");
        fails(() -> s.withMode(null), "mode and thresholdMode must not be null");
        fails(() -> new ReduceLearningRateOnPlateau(List.of(), s), "non-empty list");
        fails(() -> new ReduceLearningRateOnPlateau(List.of(sgd(1)), null), "settings must not be null");
    }

    /** Each group decays from its own initial rate; one-cycle takes one schedule per group. */
    @Test
    void groupSchedulerActsOnEveryGroup() {
        ParameterGroups groups = new ParameterGroups(List.of(sgd(1.0), sgd(0.1)));
        GroupLearningRateScheduler s = GroupLearningRateScheduler.fromInitialRates(groups, lr -> new StepDecay(lr, 1, 0.5));
        s.step();
        assertArrayEquals(new double[] {0.5, 0.05}, groups.learningRates());
        assertEquals(1, s.currentStep());
        fails(() -> new GroupLearningRateScheduler(groups, List.of(new Constant(1))), "one schedule per group (2), got 1");
        fails(() -> GroupLearningRateScheduler.fromInitialRates(null, lr -> new Constant(lr)), "must not be null");
    }
}
