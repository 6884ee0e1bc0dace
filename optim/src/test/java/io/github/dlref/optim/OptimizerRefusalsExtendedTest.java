package io.github.dlref.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The refusals of L-BFGS's settings and parameter list, each by its message, and NAdam's description of each
 * form (what it names, and what it leaves out for Optax, which has no momentum schedule).
 */
class OptimizerRefusalsExtendedTest {

    private static String refusal(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    private static LBFGS.Hyperparameters lbfgs(double lr, int iterations, int evaluations, int history) {
        return new LBFGS.Hyperparameters(lr, iterations, evaluations, 1e-7, 1e-9, history, LBFGS.LineSearch.NONE);
    }

    @Test
    void lbfgsRefusesEachBadSettingByName() {
        for (double lr : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertEquals("LBFGS: learningRate must be in (0, inf), got " + lr, refusal(() -> lbfgs(lr, 20, 25, 100)));
        }
        assertEquals("LBFGS: maxIterations, maxEvaluations and historySize must be >= 1, got 0, 25, 100",
                refusal(() -> lbfgs(1.0, 0, 25, 100)));
        assertEquals("LBFGS: maxIterations, maxEvaluations and historySize must be >= 1, got 20, 0, 100",
                refusal(() -> lbfgs(1.0, 20, 0, 100)));
        assertEquals("LBFGS: maxIterations, maxEvaluations and historySize must be >= 1, got 20, 25, 0",
                refusal(() -> lbfgs(1.0, 20, 25, 0)));
        // the smallest valid settings are accepted
        assertEquals(1, lbfgs(Double.MIN_VALUE, 1, 1, 1).historySize());
    }

    @Test
    void lbfgsRefusesNullAndRepeatedParameters() {
        Parameter p = new Parameter("x", Matrix.zeros(1, 2));
        assertEquals("LBFGS: parameter 1 is null",
                refusal(() -> new LBFGS(Arrays.asList(p, null), LBFGS.Hyperparameters.pytorch())));
        assertEquals("LBFGS: parameter 'x' appears more than once",
                refusal(() -> new LBFGS(List.of(p, p), LBFGS.Hyperparameters.pytorch())));
        assertEquals("LBFGS: parameters must not be empty",
                refusal(() -> new LBFGS(List.of(), LBFGS.Hyperparameters.pytorch())));
    }

    @Test
    void groupSchedulerRefusesNullsAndCountMismatchByMessage() {
        Parameter a = new Parameter("a", Matrix.scalar(1));
        Parameter b = new Parameter("b", Matrix.scalar(1));
        ParameterGroups groups = new ParameterGroups(List.of(SGD.Hyperparameters.pytorch(0.1).create(List.of(a)),
                SGD.Hyperparameters.pytorch(0.5).create(List.of(b))));
        io.github.dlref.optim.schedule.LearningRateSchedule constant = new io.github.dlref.optim.schedule.Constant(0.1);
        assertEquals("GroupLearningRateScheduler: groups and schedules must not be null",
                refusal(() -> new io.github.dlref.optim.schedule.GroupLearningRateScheduler(null, List.of())));
        assertEquals("GroupLearningRateScheduler: groups and schedules must not be null",
                refusal(() -> new io.github.dlref.optim.schedule.GroupLearningRateScheduler(groups, null)));
        assertEquals("GroupLearningRateScheduler: expected one schedule per group (2), got 1",
                refusal(() -> new io.github.dlref.optim.schedule.GroupLearningRateScheduler(groups, List.of(constant))));
        assertEquals("GroupLearningRateScheduler: schedule 1 is null",
                refusal(() -> new io.github.dlref.optim.schedule.GroupLearningRateScheduler(groups,
                        Arrays.asList(constant, null))));
        assertEquals("GroupLearningRateScheduler: groups and schedule must not be null",
                refusal(() -> io.github.dlref.optim.schedule.GroupLearningRateScheduler.fromInitialRates(null,
                        lr -> constant)));
        assertEquals("GroupLearningRateScheduler: groups and schedule must not be null",
                refusal(() -> io.github.dlref.optim.schedule.GroupLearningRateScheduler.fromInitialRates(groups,
                        null)));
    }

    @Test
    void plateauSettingsRefuseBadValuesByName() {
        io.github.dlref.optim.schedule.ReduceLearningRateOnPlateau.Settings torch =
                io.github.dlref.optim.schedule.ReduceLearningRateOnPlateau.Settings.pytorch();
        assertEquals("ReduceLearningRateOnPlateau: mode and thresholdMode must not be null",
                refusal(() -> torch.withMode(null)));
        assertEquals("ReduceLearningRateOnPlateau: mode and thresholdMode must not be null",
                refusal(() -> torch.withThreshold(1e-4, null)));
        assertEquals("ReduceLearningRateOnPlateau: factor must be in [0, 1), got 1.0", refusal(() -> torch.withFactor(1.0)));
        assertEquals("ReduceLearningRateOnPlateau: factor must be in [0, 1), got -0.5",
                refusal(() -> torch.withFactor(-0.5)));
        assertEquals("ReduceLearningRateOnPlateau: factor must be in [0, 1), got NaN",
                refusal(() -> torch.withFactor(Double.NaN)));
        assertEquals(0.0, torch.withFactor(0.0).factor());
        assertEquals("ReduceLearningRateOnPlateau: patience and cooldown must be >= 0, got -1 and 0",
                refusal(() -> torch.withPatience(-1)));
        assertEquals("ReduceLearningRateOnPlateau: patience and cooldown must be >= 0, got 10 and -1",
                refusal(() -> torch.withCooldown(-1)));
    }

    @Test
    void rpropRefusesEtasOutsideTheirRanges() {
        for (double etaMinus : new double[] {0.0, 1.0, Double.NaN}) {
            assertEquals("Rprop: etaMinus must be in (0, 1), got " + etaMinus,
                    refusal(() -> new Rprop.Hyperparameters(0.01, etaMinus, 1.2, 1e-6, 50.0,
                            WeightDecay.none())));
        }
        for (double etaPlus : new double[] {1.0, Double.POSITIVE_INFINITY, Double.NaN}) {
            assertEquals("Rprop: etaPlus must be in (1, inf), got " + etaPlus,
                    refusal(() -> new Rprop.Hyperparameters(0.01, 0.5, etaPlus, 1e-6, 50.0, WeightDecay.none())));
        }
    }

    @Test
    void radamDescribesBothForms() {
        String torch = RAdam.Hyperparameters.pytorch().description();
        assertTrue(torch.startsWith("PyTorch RAdam (rho_t > 5"), torch);
        assertFalse(torch.contains("eps_root"), torch);
        String optax = RAdam.Hyperparameters.pytorch().withForm(RAdam.Form.OPTAX).withEpsilonRoot(1e-9).description();
        assertTrue(optax.startsWith("Optax RAdam (rho_t >= 5"), optax);
        assertTrue(optax.contains("eps_root=1.0E-9"), optax);
    }

    @Test
    void nadamDescribesEachForm() {
        String torch = NAdam.Hyperparameters.pytorch().description();
        assertTrue(torch.startsWith("PyTorch 1.13 NAdam"), torch);
        assertTrue(torch.contains("momentum_decay=0.004"), torch);
        assertFalse(torch.contains("eps_root"), torch);
        String dozat = NAdam.Hyperparameters.pytorch().withForm(NAdam.Form.DOZAT).description();
        assertTrue(dozat.startsWith("Dozat NAdam") && dozat.contains("PyTorch 2"), dozat);
        String keras = NAdam.Hyperparameters.keras().description();
        assertTrue(keras.startsWith("Keras NAdam") && keras.contains("eps=1.0E-7"), keras);
        String optax = NAdam.Hyperparameters.optax(0.01).withEpsilonRoot(1e-8).description();
        assertTrue(optax.startsWith("Optax NAdam"), optax);
        assertFalse(optax.contains("momentum_decay"), optax);
        assertTrue(optax.contains("eps_root=1.0E-8"), optax);
        assertEquals(NAdam.Form.OPTAX, NAdam.Hyperparameters.optax(0.01).conventions().get(ConventionAxis.NADAM_FORM));
    }
}
