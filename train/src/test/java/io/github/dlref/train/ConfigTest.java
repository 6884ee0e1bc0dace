package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import io.github.dlref.optim.Adam;
import io.github.dlref.optim.MomentumForm;
import io.github.dlref.optim.Optimizer;
import io.github.dlref.optim.Presets;
import io.github.dlref.optim.SGD;
import io.github.dlref.optim.WeightDecay;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigTest {

    private static final List<Parameter> PARAMS = List.of(new Parameter("w", Matrix.rowVector(1, 2)));

    private static void rejects(String fragment, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }

    @Test
    void defaultLearningRatesAreTheFrameworksDocumentedOnes() {
        // torch.optim.Adam lr=1e-3, torch.optim.Adagrad lr=1e-2, torch.optim.RMSprop lr=1e-2;
        // keras.optimizers.SGD learning_rate=0.01, keras Adam 0.001
        assertEquals(1e-3, OptimizerConfig.of(OptimizerKind.ADAM, Preset.PYTORCH).initialLearningRate());
        assertEquals(1e-2, OptimizerConfig.of(OptimizerKind.ADAGRAD, Preset.PYTORCH).initialLearningRate());
        assertEquals(1e-2, OptimizerConfig.of(OptimizerKind.RMSPROP, Preset.PYTORCH).initialLearningRate());
        assertEquals(0.01, OptimizerConfig.of(OptimizerKind.SGD, Preset.KERAS).initialLearningRate());
        assertEquals(0.001, OptimizerConfig.of(OptimizerKind.ADAM, Preset.KERAS).initialLearningRate());
        assertEquals(0.5, OptimizerConfig.of(OptimizerKind.ADAM, Preset.OPTAX).withLearningRate(0.5)
                .initialLearningRate());
    }

    @Test
    void optimizersAreBuiltInTheirPresetsConventions() {
        Optimizer momentum = OptimizerConfig.of(OptimizerKind.MOMENTUM, Preset.KERAS).create(PARAMS);
        SGD.Hyperparameters h = (SGD.Hyperparameters) momentum.hyperparameters();
        assertEquals(0.9, h.momentum());
        assertEquals(MomentumForm.HEAVY_BALL, h.form());
        SGD.Hyperparameters nesterov = (SGD.Hyperparameters) OptimizerConfig.of(OptimizerKind.NESTEROV, Preset.PYTORCH)
                .create(PARAMS).hyperparameters();
        assertTrue(nesterov.nesterov());
        assertEquals(MomentumForm.PYTORCH, nesterov.form());

        Adam.Hyperparameters adamw = (Adam.Hyperparameters) OptimizerConfig.of(OptimizerKind.ADAMW, Preset.PYTORCH)
                .create(PARAMS).hyperparameters();
        assertEquals(WeightDecay.decoupled(0.01), adamw.weightDecay(), "torch.optim.AdamW weight_decay=1e-2");
        Adam.Hyperparameters l2 = (Adam.Hyperparameters) OptimizerConfig.of(OptimizerKind.ADAM, Preset.PYTORCH)
                .withWeightDecay(0.1).create(PARAMS).hyperparameters();
        assertEquals(WeightDecay.coupledL2(0.1), l2.weightDecay(), "torch.optim.Adam weight_decay is L2");
        Adam.Hyperparameters betas = (Adam.Hyperparameters) new OptimizerConfig(OptimizerKind.ADAM, Preset.PYTORCH,
                null, null, 0.8, null, 1e-6, null).create(PARAMS).hyperparameters();
        assertEquals(0.8, betas.beta1());
        assertEquals(0.999, betas.beta2());
        assertEquals(1e-6, betas.epsilon());
        assertInstanceOf(io.github.dlref.optim.RMSProp.class,
                OptimizerConfig.of(OptimizerKind.RMSPROP, Preset.OPTAX).create(PARAMS));
    }

    @Test
    void withoutOverridesAConfigIsItsOptimPreset() {
        for (OptimizerKind kind : OptimizerKind.values()) {
            if (!kind.hasFamily()) {
                continue; // the later kinds' presets are checked in NewOptimizersTrainTest
            }
            assertEquals(kind.name(), kind.family().name());
            for (Preset preset : Preset.values()) {
                assertEquals(preset.name(), preset.optim().name());
                assertEquals(Presets.hyperparameters(kind.family(), preset.optim()),
                        OptimizerConfig.of(kind, preset).hyperparameters(), kind + "/" + preset);
            }
        }
        // keras.optimizers.AdamW(weight_decay=0.004); optax.adamw(weight_decay=1e-4); decoupled in both
        assertEquals(WeightDecay.decoupled(0.004), OptimizerConfig.of(OptimizerKind.ADAMW, Preset.KERAS)
                .resolvedWeightDecay());
        assertEquals(WeightDecay.decoupled(1e-4), OptimizerConfig.of(OptimizerKind.ADAMW, Preset.OPTAX)
                .resolvedWeightDecay());
        // Optax has no default learning rate: dlref's fallbacks, 0.01 for SGD and AdaGrad, 0.001 for RMSprop
        assertEquals(0.01, OptimizerConfig.of(OptimizerKind.MOMENTUM, Preset.OPTAX).initialLearningRate());
        assertEquals(0.001, OptimizerConfig.of(OptimizerKind.RMSPROP, Preset.OPTAX).initialLearningRate());
        assertEquals("adamw(keras) lr=0.001 weight_decay=0.1",
                OptimizerConfig.of(OptimizerKind.ADAMW, Preset.KERAS).withWeightDecay(0.1).describe());
    }

    @Test
    void settingsOutsideTheirRangeOrKindAreRejectedByName() {
        rejects("beta1 applies to adam, adamw, nadam, radam and adamax, not sgd",
                () -> new OptimizerConfig(OptimizerKind.SGD, Preset.PYTORCH, null, null, 0.9, null, null, null));
        rejects("sgd has no momentum",
                () -> new OptimizerConfig(OptimizerKind.SGD, Preset.PYTORCH, null, 0.9, null, null, null, null));
        rejects("learning rate must be finite and >= 0, got -1.0",
                () -> OptimizerConfig.of(OptimizerKind.ADAM, Preset.PYTORCH).withLearningRate(-1.0));
        rejects("beta2 must be in [0, 1), got 1.0",
                () -> new OptimizerConfig(OptimizerKind.ADAM, Preset.PYTORCH, null, null, null, 1.0, null, null));
        rejects("epochs must be >= 1, got 0", () -> Configs.iris(0, OptimizerConfig.of(OptimizerKind.ADAM,
                Preset.PYTORCH)));
        rejects("every hidden width must be >= 1",
                () -> new ModelConfig(List.of(4, 0), Activation.RELU, 0, false, InitScheme.PYTORCH));
        rejects("gamma must be in (0, 1], got 1.5", () -> new ScheduleConfig(ScheduleKind.STEP, 1.5, 2, 0));
        rejects("gamma applies to step, exponential, inverse_time, inverse_time_staircase and cyclic with mode "
                + "exp_range, not cosine",
                () -> new ScheduleConfig(ScheduleKind.COSINE, 0.5, 2, 0));
        rejects("takes no path", () -> new DataConfig(DataSource.IRIS, "/x", null, false, 0, null, null));
        rejects("validation fraction + test fraction must be < 1",
                () -> new DataConfig(DataSource.SPIRAL, null, null, false, 0, 0.5, 0.5));
        rejects("fashion-mnist has its own test part",
                () -> new DataConfig(DataSource.FASHION_MNIST, null, null, false, 0, null, 0.1));
    }

    @Test
    void schedulesGiveTheirClosedForms() {
        assertEquals(0.1 * 0.5 * 0.5, new ScheduleConfig(ScheduleKind.STEP, 0.5, 3, 0).create(0.1, 10)
                .learningRate(7));
        assertEquals(0.1 / (1 + 2.0 * 4), new ScheduleConfig(ScheduleKind.INVERSE_TIME, 2.0, 10, 0).create(0.1, 10)
                .learningRate(4));
        // cosine over 10 epochs to 0: halfway is lr0 / 2
        assertEquals(0.05, ScheduleConfig.of(ScheduleKind.COSINE).create(0.1, 10).learningRate(5), 1e-17);
    }

    @Test
    void seedsFollowTheDocumentedDrawOrder() {
        java.util.Random r = new java.util.Random(42);
        Seeds s = Seeds.of(42);
        assertEquals(r.nextLong(), s.init());
        assertEquals(r.nextLong(), s.loader());
        assertEquals(r.nextLong(), s.dropout());
        assertEquals(r.nextLong(), s.data());
        assertEquals(new java.util.Random(s.loader()).nextLong(), s.split());
    }
}
