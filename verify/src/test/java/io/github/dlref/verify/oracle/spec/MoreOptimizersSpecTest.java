package io.github.dlref.verify.oracle.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.optim.ASGD;
import io.github.dlref.optim.Adadelta;
import io.github.dlref.optim.Adamax;
import io.github.dlref.optim.NAdam;
import io.github.dlref.optim.RAdam;
import io.github.dlref.optim.Rprop;
import io.github.dlref.optim.WeightDecay;
import io.github.dlref.optim.schedule.CosineWarmRestarts;
import io.github.dlref.optim.schedule.CyclicSchedule;
import io.github.dlref.optim.schedule.OneCycle;
import io.github.dlref.optim.schedule.StaircaseInverseTimeDecay;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spec types of issue 21 resolve to the optim records and schedules they name; bad settings name their path. */
class MoreOptimizersSpecTest {

    private static Component optimizer(String type, Object... settings) {
        return Component.of("optimizer", type, settings);
    }

    @Test
    void presetsAndOverridesResolve() {
        assertEquals(NAdam.Hyperparameters.keras(), SpecBuilders.hyperparameters(optimizer("nadam", "preset", "keras")));
        assertEquals(NAdam.Hyperparameters.pytorch().withForm(NAdam.Form.DOZAT).withBetas(0.8, 0.99)
                        .withWeightDecay(WeightDecay.coupledL2(0.1)),
                SpecBuilders.hyperparameters(optimizer("nadam", "preset", "pytorch", "nadam_form", "dozat",
                        "betas", List.of(0.8, 0.99), "weight_decay", 0.1)));
        assertEquals(NAdam.Hyperparameters.optax(0.5), SpecBuilders.hyperparameters(optimizer("nadam", "preset",
                "optax", "lr", 0.5)));
        assertEquals(RAdam.Hyperparameters.optax(0.1).withEpsilonRoot(1e-9), SpecBuilders.hyperparameters(
                optimizer("radam", "preset", "optax", "lr", 0.1, "eps_root", 1e-9)));
        assertEquals(RAdam.Hyperparameters.pytorch().withForm(RAdam.Form.OPTAX), SpecBuilders.hyperparameters(
                optimizer("radam", "preset", "pytorch", "radam_form", "optax")));
        assertEquals(Adamax.Hyperparameters.pytorch().withEpsilon(1e-3), SpecBuilders.hyperparameters(
                optimizer("adamax", "preset", "pytorch", "eps", 1e-3)));
        assertEquals(Adadelta.Hyperparameters.keras().withRho(0.5), SpecBuilders.hyperparameters(
                optimizer("adadelta", "preset", "keras", "rho", 0.5)));
        assertEquals(Rprop.Hyperparameters.pytorch().withEtas(0.3, 1.5).withStepSizes(1e-3, 0.2),
                SpecBuilders.hyperparameters(optimizer("rprop", "preset", "pytorch", "etas", List.of(0.3, 1.5),
                        "step_sizes", List.of(1e-3, 0.2))));
        assertEquals(ASGD.Hyperparameters.pytorch().withSchedule(0.05, 0.5, 3), SpecBuilders.hyperparameters(
                optimizer("asgd", "preset", "pytorch", "lambd", 0.05, "alpha", 0.5, "t0", 3.0)));
    }

    @Test
    void badSettingsNameTheirPath() {
        SpecException noLr = assertThrows(SpecException.class,
                () -> SpecBuilders.hyperparameters(optimizer("radam", "preset", "optax")));
        assertTrue(noLr.getMessage().contains("missing required key \"lr\""), noLr.getMessage());
        SpecException etas = assertThrows(SpecException.class, () -> SpecBuilders.hyperparameters(
                optimizer("rprop", "preset", "pytorch", "etas", List.of(1.5, 1.2))));
        assertTrue(etas.getMessage().contains("etaMinus must be in (0, 1), got 1.5"), etas.getMessage());
        SpecException root = assertThrows(SpecException.class, () -> SpecBuilders.hyperparameters(
                optimizer("nadam", "preset", "pytorch", "eps_root", 1e-8)));
        assertTrue(root.getMessage().contains("epsilonRoot must be 0"), root.getMessage());
    }

    @Test
    void schedulesResolve() {
        assertEquals(new StaircaseInverseTimeDecay(0.1, 0.5, 3.0), SpecBuilders.schedule(Component.of("schedule",
                "inverse_time_staircase", "decay_rate", 0.5, "decay_steps", 3.0), 0.1));
        assertEquals(OneCycle.pytorch(0.1, 21), SpecBuilders.schedule(Component.of("schedule", "one_cycle",
                "total_steps", 21), 0.1));
        assertEquals(new CosineWarmRestarts(0.1, 3, 2, 0.0), SpecBuilders.schedule(Component.of("schedule",
                "cosine_warm_restarts", "T_0", 3, "T_mult", 2), 0.1));
        assertEquals(new CyclicSchedule(0.01, 0.1, 3.0, 3.0, CyclicSchedule.Mode.EXP_RANGE, 0.9),
                SpecBuilders.schedule(Component.of("schedule", "cyclic", "base_lr", 0.01, "step_size_up", 3.0,
                        "mode", "exp_range", "gamma", 0.9), 0.1));
        SpecException phase = assertThrows(SpecException.class, () -> SpecBuilders.schedule(Component.of("schedule",
                "one_cycle", "total_steps", 2), 0.1));
        assertTrue(phase.getMessage().contains("every phase needs a positive length"), phase.getMessage());
    }
}
