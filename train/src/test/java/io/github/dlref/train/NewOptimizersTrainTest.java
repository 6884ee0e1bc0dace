package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlref.data.Batch;
import io.github.dlref.data.Dataset;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.Module;
import io.github.dlref.nn.losses.CrossEntropyLoss;
import io.github.dlref.optim.ASGD;
import io.github.dlref.optim.Adadelta;
import io.github.dlref.optim.Adamax;
import io.github.dlref.optim.NAdam;
import io.github.dlref.optim.Optimizer;
import io.github.dlref.optim.OptimizerHyperparameters;
import io.github.dlref.optim.ParameterState;
import io.github.dlref.optim.RAdam;
import io.github.dlref.optim.Rprop;
import io.github.dlref.optim.WeightDecay;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21 in train: the optimizers NAdam, RAdam, Adamax, Adadelta, Rprop and ASGD through {@link OptimizerConfig}
 * (their framework defaults, every override, every refusal), a resumed run of each equal to the uninterrupted
 * one bit for bit, and gradient clipping inside a {@link Trainer} step against PyTorch 1.13 float64
 * ({@code golden/make_issue21_train.py}).
 */
class NewOptimizersTrainTest {

    @TempDir
    Path tmp;

    private static final WeightDecay NONE = WeightDecay.none();

    private static OptimizerHyperparameters of(OptimizerKind kind, Preset preset) {
        return OptimizerConfig.of(kind, preset).hyperparameters();
    }

    private static void rejects(String message, Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertEquals(message, ex.getMessage());
    }

    private static OptimizerConfig config(OptimizerKind kind, Preset preset, Double beta1, Double beta2,
            Double epsilon, Double momentumDecay, Double rho, Double etaMinus, Double etaPlus, Double min, Double max,
            Double lambda, Double alpha, Double t0) {
        return new OptimizerConfig(kind, preset, null, null, beta1, beta2, epsilon, null, momentumDecay, rho, etaMinus,
                etaPlus, min, max, lambda, alpha, t0);
    }

    /** The documented defaults of torch 1.13, Keras 3 and Optax (no default learning rate: dlref's 0.001). */
    @Test
    void presetsAreTheFrameworksDefaults() {
        assertEquals(new NAdam.Hyperparameters(2e-3, 0.9, 0.999, 1e-8, 4e-3, 0.0, NAdam.Form.PYTORCH_1_13, NONE),
                of(OptimizerKind.NADAM, Preset.PYTORCH));
        assertEquals(new NAdam.Hyperparameters(1e-3, 0.9, 0.999, 1e-7, 1.0, 0.0, NAdam.Form.KERAS, NONE),
                of(OptimizerKind.NADAM, Preset.KERAS));
        assertEquals(new NAdam.Hyperparameters(1e-3, 0.9, 0.999, 1e-8, 0.0, 0.0, NAdam.Form.OPTAX, NONE),
                of(OptimizerKind.NADAM, Preset.OPTAX));
        assertEquals(new RAdam.Hyperparameters(1e-3, 0.9, 0.999, 1e-8, 0.0, RAdam.Form.PYTORCH, NONE),
                of(OptimizerKind.RADAM, Preset.PYTORCH));
        assertEquals(new RAdam.Hyperparameters(1e-3, 0.9, 0.999, 1e-8, 0.0, RAdam.Form.OPTAX, NONE),
                of(OptimizerKind.RADAM, Preset.OPTAX));
        assertEquals(new Adamax.Hyperparameters(2e-3, 0.9, 0.999, 1e-8, NONE), of(OptimizerKind.ADAMAX,
                Preset.PYTORCH));
        assertEquals(new Adadelta.Hyperparameters(1.0, 0.9, 1e-6, NONE), of(OptimizerKind.ADADELTA, Preset.PYTORCH));
        assertEquals(new Adadelta.Hyperparameters(1e-3, 0.95, 1e-7, NONE), of(OptimizerKind.ADADELTA, Preset.KERAS));
        assertEquals(new Rprop.Hyperparameters(0.01, 0.5, 1.2, 1e-6, 50.0, NONE), of(OptimizerKind.RPROP,
                Preset.PYTORCH));
        assertEquals(new ASGD.Hyperparameters(0.01, 1e-4, 0.75, 1e6, NONE), of(OptimizerKind.ASGD, Preset.PYTORCH));
        assertEquals(0.001, OptimizerConfig.of(OptimizerKind.RADAM, Preset.OPTAX).initialLearningRate());
        assertEquals(2e-3, OptimizerConfig.of(OptimizerKind.ADAMAX, Preset.PYTORCH).initialLearningRate());
        assertEquals(0.05, OptimizerConfig.of(OptimizerKind.ASGD, Preset.PYTORCH).withLearningRate(0.05)
                .initialLearningRate());
        for (OptimizerKind kind : List.of(OptimizerKind.NADAM, OptimizerKind.RADAM, OptimizerKind.ADAMAX,
                OptimizerKind.ADADELTA, OptimizerKind.RPROP, OptimizerKind.ASGD)) {
            assertFalse(kind.hasFamily(), kind.id());
            IllegalStateException e = assertThrows(IllegalStateException.class, kind::family);
            assertEquals("optimizer: " + kind.id() + " is not an optim OptimizerFamily", e.getMessage());
        }
        assertTrue(OptimizerKind.ADAM.hasFamily());
        assertEquals("adamw", OptimizerKind.ADAMW.id());
    }

    /**
     * optim has Keras's Adamax (epsilon after the maximum) and Optax's (epsilon inside it, PyTorch's formula; optax
     * {@code scale_by_adamax}: {@code max(b2 nu, |g| + eps)}), and dlref run builds both from a spec: the app's
     * keras and optax presets are those records.
     */
    @Test
    void adamaxHasTheKerasAndOptaxPresets() {
        assertTrue(OptimizerConfig.presetRefusal(OptimizerKind.ADAMAX, Preset.KERAS).isEmpty());
        assertTrue(OptimizerConfig.presetRefusal(OptimizerKind.ADAMAX, Preset.OPTAX).isEmpty());
        assertEquals(Adamax.Hyperparameters.keras(), of(OptimizerKind.ADAMAX, Preset.KERAS));
        assertEquals(Adamax.Hyperparameters.optax(0.001), of(OptimizerKind.ADAMAX, Preset.OPTAX));
        assertEquals(Adamax.Hyperparameters.keras().withLearningRate(0.01).withBetas(0.8, 0.99).withEpsilon(1e-6),
                new OptimizerConfig(OptimizerKind.ADAMAX, Preset.KERAS, 0.01, null, 0.8, 0.99, 1e-6, null)
                        .hyperparameters());
    }

    @Test
    void everyOverrideReachesTheRecord() {
        assertEquals(new NAdam.Hyperparameters(0.03, 0.8, 0.99, 1e-6, 0.01, 0.0, NAdam.Form.PYTORCH_1_13,
                WeightDecay.coupledL2(0.2)), new OptimizerConfig(OptimizerKind.NADAM, Preset.PYTORCH, 0.03, null, 0.8,
                0.99, 1e-6, 0.2, 0.01, null, null, null, null, null, null, null, null).hyperparameters());
        assertEquals(new NAdam.Hyperparameters(0.001, 0.85, 0.999, 1e-7, 2.0, 0.0, NAdam.Form.KERAS, NONE),
                config(OptimizerKind.NADAM, Preset.KERAS, 0.85, null, null, 2.0, null, null, null, null, null, null,
                        null, null).hyperparameters());
        assertEquals(new RAdam.Hyperparameters(1e-3, 0.7, 0.95, 1e-5, 0.0, RAdam.Form.OPTAX, NONE),
                config(OptimizerKind.RADAM, Preset.OPTAX, 0.7, 0.95, 1e-5, null, null, null, null, null, null, null,
                        null, null).hyperparameters());
        assertEquals(new Adamax.Hyperparameters(2e-3, 0.6, 0.9, 0.0, NONE), config(OptimizerKind.ADAMAX,
                Preset.PYTORCH, 0.6, 0.9, 0.0, null, null, null, null, null, null, null, null, null).hyperparameters());
        assertEquals(new Adadelta.Hyperparameters(1.0, 1.0, 1e-4, WeightDecay.coupledL2(0.5)), new OptimizerConfig(
                OptimizerKind.ADADELTA, Preset.PYTORCH, null, null, null, null, 1e-4, 0.5, null, 1.0, null, null, null,
                null, null, null, null).hyperparameters());
        assertEquals(new Rprop.Hyperparameters(0.01, 0.25, 1.5, 1e-3, 10.0, NONE), config(OptimizerKind.RPROP,
                Preset.PYTORCH, null, null, null, null, null, 0.25, 1.5, 1e-3, 10.0, null, null, null)
                .hyperparameters());
        assertEquals(new Rprop.Hyperparameters(0.01, 0.5, 1.2, 2.0, 50.0, NONE), config(OptimizerKind.RPROP,
                Preset.PYTORCH, null, null, null, null, null, null, null, 2.0, null, null, null, null)
                .hyperparameters());
        assertEquals(new ASGD.Hyperparameters(0.01, 0.1, 0.5, 3.0, WeightDecay.coupledL2(0.01)), new OptimizerConfig(
                OptimizerKind.ASGD, Preset.PYTORCH, null, null, null, null, null, 0.01, null, null, null, null, null,
                null, 0.1, 0.5, 3.0).hyperparameters());
        assertEquals("rprop(pytorch) lr=0.01 etas=(0.25, 1.2) step_sizes=(1.0E-6, 10.0)", config(OptimizerKind.RPROP,
                Preset.PYTORCH, null, null, null, null, null, 0.25, null, null, 10.0, null, null, null).describe());
        assertEquals("nadam(keras) lr=0.001 beta1=0.8 beta2=0.9 eps=1.0E-6 momentum_decay=0.5", config(
                OptimizerKind.NADAM, Preset.KERAS, 0.8, 0.9, 1e-6, 0.5, null, null, null, null, null, null, null, null)
                .describe());
        assertEquals("asgd(pytorch) lr=0.01 lambd=0.1 alpha=0.5 t0=3.0", config(OptimizerKind.ASGD, Preset.PYTORCH,
                null, null, null, null, null, null, null, null, null, 0.1, 0.5, 3.0).describe());
        assertEquals("adadelta(pytorch) lr=2.0 rho=0.5", config(OptimizerKind.ADADELTA, Preset.PYTORCH, null, null,
                null, null, 0.5, null, null, null, null, null, null, null).withLearningRate(2.0).describe());
        // the eight-argument constructor leaves the later settings unset
        assertEquals(OptimizerConfig.of(OptimizerKind.ADAM, Preset.PYTORCH), new OptimizerConfig(OptimizerKind.ADAM,
                Preset.PYTORCH, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null));
        assertEquals(0.3, OptimizerConfig.of(OptimizerKind.NADAM, Preset.PYTORCH).withWeightDecay(0.3).weightDecay());
    }

    @Test
    void settingsForAnotherOptimizerOrOutOfRangeAreRefusedByName() {
        rejects("optimizer: radam has no preset keras: Keras 3 has no RAdam; use pytorch or optax",
                () -> OptimizerConfig.of(OptimizerKind.RADAM, Preset.KERAS));
        rejects("optimizer: adadelta has no preset optax: dlref's Adadelta presets are PyTorch's and Keras's; use "
                + "pytorch or keras", () -> OptimizerConfig.of(OptimizerKind.ADADELTA, Preset.OPTAX));
        rejects("optimizer: rprop has no preset optax: dlref implements PyTorch's Rprop; use pytorch",
                () -> OptimizerConfig.of(OptimizerKind.RPROP, Preset.OPTAX));
        rejects("optimizer: asgd has no preset keras: ASGD is PyTorch's (Keras and Optax have none); use pytorch",
                () -> OptimizerConfig.of(OptimizerKind.ASGD, Preset.KERAS));
        assertTrue(OptimizerConfig.presetRefusal(OptimizerKind.NADAM, Preset.OPTAX).isEmpty());
        assertTrue(OptimizerConfig.presetRefusal(OptimizerKind.ADAM, Preset.KERAS).isEmpty());
        rejects("optimizer: beta1 applies to adam, adamw, nadam, radam and adamax, not adadelta",
                () -> config(OptimizerKind.ADADELTA, Preset.PYTORCH, 0.9, null, null, null, null, null, null, null,
                        null, null, null, null));
        rejects("optimizer: beta2 applies to adam, adamw, nadam, radam, adamax and rmsprop, not asgd",
                () -> config(OptimizerKind.ASGD, Preset.PYTORCH, null, 0.9, null, null, null, null, null, null, null,
                        null, null, null));
        rejects("optimizer: epsilon applies to adagrad, rmsprop, adam, adamw, nadam, radam, adamax and adadelta, not "
                + "rprop", () -> config(OptimizerKind.RPROP, Preset.PYTORCH, null, null, 1e-8, null, null, null, null,
                        null, null, null, null, null));
        rejects("optimizer: epsilon applies to adagrad, rmsprop, adam, adamw, nadam, radam, adamax and adadelta, not "
                + "asgd", () -> config(OptimizerKind.ASGD, Preset.PYTORCH, null, null, 1e-8, null, null, null, null,
                        null, null, null, null, null));
        rejects("optimizer: momentum applies to sgd, momentum, nesterov and rmsprop, not nadam",
                () -> new OptimizerConfig(OptimizerKind.NADAM, Preset.PYTORCH, null, 0.9, null, null, null, null));
        rejects("optimizer: weight decay does not apply to rprop (PyTorch's Rprop has no weight_decay)",
                () -> OptimizerConfig.of(OptimizerKind.RPROP, Preset.PYTORCH).withWeightDecay(0.1));
        rejects("optimizer: momentum decay applies to nadam only, not radam", () -> config(OptimizerKind.RADAM,
                Preset.PYTORCH, null, null, null, 0.1, null, null, null, null, null, null, null, null));
        rejects("optimizer: momentum decay does not apply to nadam with preset optax (Optax's nadam has no momentum "
                + "schedule)", () -> config(OptimizerKind.NADAM, Preset.OPTAX, null, null, null, 0.1, null, null, null,
                        null, null, null, null, null));
        rejects("optimizer: rho applies to adadelta only, not adam", () -> config(OptimizerKind.ADAM, Preset.PYTORCH,
                null, null, null, null, 0.5, null, null, null, null, null, null, null));
        rejects("optimizer: eta minus applies to rprop only, not sgd", () -> config(OptimizerKind.SGD, Preset.PYTORCH,
                null, null, null, null, null, 0.5, null, null, null, null, null, null));
        rejects("optimizer: eta plus applies to rprop only, not sgd", () -> config(OptimizerKind.SGD, Preset.PYTORCH,
                null, null, null, null, null, null, 1.5, null, null, null, null, null));
        rejects("optimizer: minimum step size applies to rprop only, not sgd", () -> config(OptimizerKind.SGD,
                Preset.PYTORCH, null, null, null, null, null, null, null, 0.1, null, null, null, null));
        rejects("optimizer: maximum step size applies to rprop only, not sgd", () -> config(OptimizerKind.SGD,
                Preset.PYTORCH, null, null, null, null, null, null, null, null, 0.1, null, null, null));
        rejects("optimizer: lambd applies to asgd only, not sgd", () -> config(OptimizerKind.SGD, Preset.PYTORCH, null,
                null, null, null, null, null, null, null, null, 0.1, null, null));
        rejects("optimizer: alpha applies to asgd only, not sgd", () -> config(OptimizerKind.SGD, Preset.PYTORCH, null,
                null, null, null, null, null, null, null, null, null, 0.1, null));
        rejects("optimizer: t0 applies to asgd only, not sgd", () -> config(OptimizerKind.SGD, Preset.PYTORCH, null,
                null, null, null, null, null, null, null, null, null, null, 0.1));
        rejects("optimizer: rho must be in [0, 1], got 1.5", () -> config(OptimizerKind.ADADELTA, Preset.PYTORCH, null,
                null, null, null, 1.5, null, null, null, null, null, null, null));
        rejects("optimizer: rho must be in [0, 1], got -0.5", () -> config(OptimizerKind.ADADELTA, Preset.PYTORCH,
                null, null, null, null, -0.5, null, null, null, null, null, null, null));
        rejects("optimizer: eta minus must be in (0, 1), got 1.0", () -> config(OptimizerKind.RPROP, Preset.PYTORCH,
                null, null, null, null, null, 1.0, null, null, null, null, null, null));
        rejects("optimizer: eta minus must be in (0, 1), got 0.0", () -> config(OptimizerKind.RPROP, Preset.PYTORCH,
                null, null, null, null, null, 0.0, null, null, null, null, null, null));
        rejects("optimizer: eta plus must be finite and > 1, got 1.0", () -> config(OptimizerKind.RPROP,
                Preset.PYTORCH, null, null, null, null, null, null, 1.0, null, null, null, null, null));
        rejects("optimizer: eta plus must be finite and > 1, got Infinity", () -> config(OptimizerKind.RPROP,
                Preset.PYTORCH, null, null, null, null, null, null, Double.POSITIVE_INFINITY, null, null, null, null,
                null));
        rejects("optimizer: maximum step size (0.5) must be >= minimum step size (1.0)", () -> config(
                OptimizerKind.RPROP, Preset.PYTORCH, null, null, null, null, null, null, null, 1.0, 0.5, null, null,
                null));
        rejects("optimizer: maximum step size (50.0) must be >= minimum step size (60.0)", () -> config(
                OptimizerKind.RPROP, Preset.PYTORCH, null, null, null, null, null, null, null, 60.0, null, null, null,
                null));
        rejects("optimizer: minimum step size must be finite and >= 0, got -1.0", () -> config(OptimizerKind.RPROP,
                Preset.PYTORCH, null, null, null, null, null, null, null, -1.0, null, null, null, null));
        rejects("optimizer: momentum decay must be finite and >= 0, got NaN", () -> config(OptimizerKind.NADAM,
                Preset.PYTORCH, null, null, null, Double.NaN, null, null, null, null, null, null, null, null));
        rejects("optimizer: lambd must be finite and >= 0, got -0.1", () -> config(OptimizerKind.ASGD, Preset.PYTORCH,
                null, null, null, null, null, null, null, null, null, -0.1, null, null));
        rejects("optimizer: alpha must be finite and >= 0, got Infinity", () -> config(OptimizerKind.ASGD,
                Preset.PYTORCH, null, null, null, null, null, null, null, null, null, null, Double.POSITIVE_INFINITY,
                null));
        rejects("optimizer: t0 must be finite and >= 0, got -2.0", () -> config(OptimizerKind.ASGD, Preset.PYTORCH,
                null, null, null, null, null, null, null, null, null, null, null, -2.0));
        assertTrue(OptimizerConfig.LBFGS_REFUSAL.startsWith("lbfgs is not a mini-batch optimizer"));
        assertTrue(OptimizerConfig.LBFGS_REFUSAL.contains("dlref run"));
    }

    @Test
    void rangesIncludeTheirBoundsAndRejectJustBeyond() {
        new OptimizerConfig(OptimizerKind.ADAM, Preset.PYTORCH, 0.0, null, 0.0, 0.0, 0.0, 0.0);
        new OptimizerConfig(OptimizerKind.SGD, Preset.PYTORCH, null, 0.0, null, null, null, null);
        assertEquals(new Rprop.Hyperparameters(0.01, 0.5, 1.2, 0.0, 0.0, NONE), config(OptimizerKind.RPROP,
                Preset.PYTORCH, null, null, null, null, null, null, null, 0.0, 0.0, null, null, null).hyperparameters());
        assertEquals(new Rprop.Hyperparameters(0.01, 0.5, 1.2, 2.0, 2.0, NONE), config(OptimizerKind.RPROP,
                Preset.PYTORCH, null, null, null, null, null, null, null, 2.0, 2.0, null, null, null).hyperparameters());
        assertEquals(new Rprop.Hyperparameters(0.01, 0.5, 1.2, 1e-6, 1e-6, NONE), config(OptimizerKind.RPROP,
                Preset.PYTORCH, null, null, null, null, null, null, null, null, 1e-6, null, null, null)
                .hyperparameters());
        rejects("optimizer: maximum step size (1.0E-7) must be >= minimum step size (1.0E-6)", () -> config(
                OptimizerKind.RPROP, Preset.PYTORCH, null, null, null, null, null, null, null, null, 1e-7, null, null,
                null));
        rejects("optimizer: maximum step size must be finite and >= 0, got -1.0", () -> config(OptimizerKind.RPROP,
                Preset.PYTORCH, null, null, null, null, null, null, null, null, -1.0, null, null, null));
        assertEquals(new ASGD.Hyperparameters(0.01, 0.0, 0.0, 0.0, NONE), config(OptimizerKind.ASGD, Preset.PYTORCH,
                null, null, null, null, null, null, null, null, null, 0.0, 0.0, 0.0).hyperparameters());
        assertEquals(new Adadelta.Hyperparameters(1.0, 0.0, 1e-6, NONE), config(OptimizerKind.ADADELTA,
                Preset.PYTORCH, null, null, null, null, 0.0, null, null, null, null, null, null, null)
                .hyperparameters());
        rejects("optimizer: beta1 must be in [0, 1), got 1.0", () -> config(OptimizerKind.NADAM, Preset.PYTORCH, 1.0,
                null, null, null, null, null, null, null, null, null, null, null));
        rejects("optimizer: beta2 must be in [0, 1), got 1.0", () -> config(OptimizerKind.RADAM, Preset.PYTORCH, null,
                1.0, null, null, null, null, null, null, null, null, null, null));
        rejects("optimizer: momentum must be in [0, 1), got 1.0", () -> new OptimizerConfig(OptimizerKind.MOMENTUM,
                Preset.PYTORCH, null, 1.0, null, null, null, null));
        rejects("optimizer: beta1 must be in [0, 1), got -0.1", () -> config(OptimizerKind.ADAMAX, Preset.PYTORCH, -0.1,
                null, null, null, null, null, null, null, null, null, null, null));
        assertEquals(0.001, OptimizerConfig.of(OptimizerKind.ADAM, Preset.PYTORCH).initialLearningRate());
        assertEquals(WeightDecay.decoupled(0.01), OptimizerConfig.of(OptimizerKind.ADAMW, Preset.PYTORCH)
                .resolvedWeightDecay());
        assertEquals(WeightDecay.decoupled(0.2), OptimizerConfig.of(OptimizerKind.ADAMW, Preset.PYTORCH)
                .withWeightDecay(0.2).resolvedWeightDecay());
        assertEquals(WeightDecay.none(), OptimizerConfig.of(OptimizerKind.NADAM, Preset.PYTORCH).withWeightDecay(0.0)
                .resolvedWeightDecay());
        assertEquals(1e-3, ((io.github.dlref.optim.AdaGrad.Hyperparameters) new OptimizerConfig(OptimizerKind.ADAGRAD,
                Preset.PYTORCH, null, null, null, null, 1e-3, null).hyperparameters()).epsilon());
        assertEquals(0.5, ((io.github.dlref.optim.Adam.Hyperparameters) new OptimizerConfig(OptimizerKind.ADAM,
                Preset.PYTORCH, null, null, null, 0.5, null, null).hyperparameters()).beta2());
        assertEquals("momentum(pytorch) lr=0.1 momentum=0.5 weight_decay=0.01", new OptimizerConfig(
                OptimizerKind.MOMENTUM, Preset.PYTORCH, 0.1, 0.5, null, null, null, 0.01).describe());
    }

    private static TrainingConfig irisRun(OptimizerConfig optimizer, int epochs) {
        return Configs.iris(epochs, optimizer);
    }

    private static void assertSameRun(TrainingRun a, TrainingRun b) {
        assertEquals(a.model().stateDict(), b.model().stateDict());
        List<ParameterState> sa = a.optimizer().state();
        List<ParameterState> sb = b.optimizer().state();
        assertEquals(sa.size(), sb.size());
        for (int i = 0; i < sa.size(); i++) {
            assertEquals(sa.get(i).parameterName(), sb.get(i).parameterName());
            assertEquals(sa.get(i).step(), sb.get(i).step());
            assertEquals(sa.get(i).buffers(), sb.get(i).buffers());
        }
        assertEquals(Double.doubleToLongBits(a.optimizer().learningRate()),
                Double.doubleToLongBits(b.optimizer().learningRate()));
        assertEquals(a.history().size(), b.history().size());
        for (int i = 0; i < a.history().size(); i++) {
            assertTrue(a.history().get(i).sameResults(b.history().get(i)), "epoch " + (i + 1));
        }
    }

    /**
     * Trains all epochs at once, and the same run stopped after 2 epochs, its checkpoint written and read back and
     * resumed to the end: the same bits.
     *
     * @return the uninterrupted run
     */
    static TrainingRun resumesBitForBit(TrainingConfig config, Path dir) throws IOException {
        TrainingRun whole = TrainingRun.start(config, config.prepareData());
        whole.runToEnd();
        TrainingRun first = TrainingRun.start(config, config.prepareData());
        first.runEpoch(TrainingListener.NONE);
        first.runEpoch(TrainingListener.NONE);
        first.checkpoint().save(dir);
        Checkpoint loaded = Checkpoint.load(dir);
        assertEquals(config, loaded.config());
        TrainingRun resumed = TrainingRun.resume(loaded, loaded.prepareData(), config.epochs());
        resumed.runToEnd();
        assertSameRun(whole, resumed);
        return whole;
    }

    @Test
    void aResumedRunOfEveryNewOptimizerEqualsTheUninterruptedOne() throws IOException {
        Map<OptimizerConfig, List<String>> cases = new LinkedHashMap<>();
        cases.put(OptimizerConfig.of(OptimizerKind.NADAM, Preset.PYTORCH).withLearningRate(0.02),
                List.of("exp_avg", "exp_avg_sq", "mu_product"));
        cases.put(OptimizerConfig.of(OptimizerKind.NADAM, Preset.KERAS).withLearningRate(0.02),
                List.of("exp_avg", "exp_avg_sq", "mu_product"));
        cases.put(OptimizerConfig.of(OptimizerKind.NADAM, Preset.OPTAX).withLearningRate(0.02),
                List.of("exp_avg", "exp_avg_sq"));
        cases.put(OptimizerConfig.of(OptimizerKind.RADAM, Preset.PYTORCH).withLearningRate(0.02),
                List.of("exp_avg", "exp_avg_sq"));
        cases.put(OptimizerConfig.of(OptimizerKind.RADAM, Preset.OPTAX).withLearningRate(0.02),
                List.of("exp_avg", "exp_avg_sq"));
        cases.put(OptimizerConfig.of(OptimizerKind.ADAMAX, Preset.PYTORCH), List.of("exp_avg", "exp_inf"));
        cases.put(OptimizerConfig.of(OptimizerKind.ADADELTA, Preset.PYTORCH), List.of("square_avg", "acc_delta"));
        cases.put(OptimizerConfig.of(OptimizerKind.ADADELTA, Preset.KERAS).withLearningRate(0.5),
                List.of("square_avg", "acc_delta"));
        cases.put(OptimizerConfig.of(OptimizerKind.RPROP, Preset.PYTORCH), List.of("prev", "step_size"));
        // t0 = 3: averaging starts within the first epoch, so mu and ax change across the checkpoint
        cases.put(new OptimizerConfig(OptimizerKind.ASGD, Preset.PYTORCH, 0.05, null, null, null, null, null, null,
                null, null, null, null, null, 1e-2, null, 3.0), List.of("ax", "eta", "mu"));
        int n = 0;
        for (Map.Entry<OptimizerConfig, List<String>> c : cases.entrySet()) {
            TrainingConfig config = irisRun(c.getKey(), 4);
            resumesBitForBit(config, tmp.resolve("cp" + n++));
            TrainingRun run = TrainingRun.start(config.withEpochs(1), config.prepareData());
            Map<String, Matrix> before = run.model().stateDict();
            run.runToEnd();
            assertNotEquals(before, run.model().stateDict(), c.getKey().describe());
            ParameterState first = run.optimizer().state().get(0);
            assertEquals(c.getValue(), List.copyOf(first.buffers().keySet()), c.getKey().describe());
            assertEquals(6, first.step(), "90 training samples in batches of 16");
            assertEquals(c.getKey().hyperparameters(), run.optimizer().hyperparameters());
        }
    }

    // ------------------------------------------------------------------------------------------
    // gradient clipping in a Trainer step, against PyTorch

    private static JsonNode golden() throws IOException {
        try (InputStream in = NewOptimizersTrainTest.class.getResourceAsStream("/golden/issue21_train.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static final double[][] X = {{1.0, -2.0, 0.5}, {0.3, 0.8, -1.2}, {-1.5, 0.2, 2.0}, {2.2, -0.7, 0.1},
        {-0.4, 1.6, -0.9}};
    private static final int[] Y = {0, 1, 1, 0, 1};

    /** One SGD step (lr 0.5) of the script's 3-4-2 tanh network on its batch, with the given clipping. */
    private static double[] stepWith(ClippingConfig clipping) {
        Network network = new ModelConfig(List.of(4), Activation.TANH, 0.0, false, InitScheme.PYTORCH)
                .build(3, 2, Seeds.of(1L));
        Module model = network.model();
        Map<String, Matrix> weights = new LinkedHashMap<>();
        weights.put("0.weight", Matrix.of(new double[][] {{0.3, -0.2, 0.5}, {-0.4, 0.1, 0.2}, {0.25, 0.6, -0.35},
            {-0.15, -0.3, 0.45}}));
        weights.put("0.bias", Matrix.rowVector(0.05, -0.1, 0.2, 0.0));
        weights.put("2.weight", Matrix.of(new double[][] {{0.7, -0.5, 0.3, 0.2}, {-0.6, 0.4, -0.1, 0.5}}));
        weights.put("2.bias", Matrix.rowVector(0.1, -0.2));
        assertEquals(weights.keySet(), model.stateDict().keySet());
        model.loadStateDict(weights);
        ParameterBinding binding = new ParameterBinding(model);
        Optimizer sgd = binding.bind(OptimizerConfig.of(OptimizerKind.SGD, Preset.PYTORCH).withLearningRate(0.5)
                ::create);
        CrossEntropyLoss loss = new CrossEntropyLoss();
        Trainer trainer = new Trainer(model, binding, sgd, (p, b, s) -> loss.forward(p, b.labels()), List.of(), null,
                Trainer.ScheduleInterval.EPOCH, clipping);
        Dataset data = Dataset.classification(Matrix.of(X), Y, 2);
        trainer.step(new Batch(0, 0, new int[] {0, 1, 2, 3, 4}, data), Trainer.StepObserver.NONE);
        double[] out = new double[4 * 3 + 4 + 2 * 4 + 2];
        int k = 0;
        for (Matrix m : model.stateDict().values()) {
            for (double v : m.toRowMajorArray()) {
                out[k++] = v;
            }
        }
        return out;
    }

    @Test
    void clippingBetweenBackwardAndStepMatchesPyTorch() throws IOException {
        JsonNode clipping = golden().get("clipping");
        Map<String, ClippingConfig> forms = new LinkedHashMap<>();
        forms.put("none", null);
        forms.put("pytorch_norm", new ClippingConfig(ClippingConfig.Form.PYTORCH_NORM, 0.1));
        forms.put("value", new ClippingConfig(ClippingConfig.Form.VALUE, 0.05));
        forms.put("keras_norm", new ClippingConfig(ClippingConfig.Form.KERAS_NORM, 0.1));
        forms.put("keras_global_norm", new ClippingConfig(ClippingConfig.Form.KERAS_GLOBAL_NORM, 0.1));
        forms.put("optax_global_norm", new ClippingConfig(ClippingConfig.Form.OPTAX_GLOBAL_NORM, 0.1));
        double[] unclipped = stepWith(null);
        for (Map.Entry<String, ClippingConfig> f : forms.entrySet()) {
            JsonNode expected = clipping.get(f.getKey()).get("parameters");
            double[] actual = stepWith(f.getValue());
            assertEquals(expected.size(), actual.length);
            for (int i = 0; i < actual.length; i++) {
                double e = expected.get(i).asDouble();
                // gradients of a 3-4-2 network, summed in another order by PyTorch: a few ulps
                assertEquals(e, actual[i], 1e-15 * Math.max(1.0, Math.abs(e)), f.getKey() + " [" + i + "]");
            }
            if (f.getValue() != null) {
                assertFalse(java.util.Arrays.equals(unclipped, actual), f.getKey() + " clips this batch");
            }
        }
        // Keras's per-tensor clipnorm differs from the global forms on a multi-parameter model
        assertNotEquals(clipping.get("keras_norm").get("parameters").get(0).asDouble(),
                clipping.get("pytorch_norm").get("parameters").get(0).asDouble(), 1e-6);
    }

    @Test
    void clippingSettingsAreValidatedAndDescribed() {
        rejects("clipping: clip norm (keras-norm) must be finite and > 0, got 0.0",
                () -> new ClippingConfig(ClippingConfig.Form.KERAS_NORM, 0.0));
        rejects("clipping: clip norm (optax-global-norm) must be finite and > 0, got -1.0",
                () -> new ClippingConfig(ClippingConfig.Form.OPTAX_GLOBAL_NORM, -1.0));
        rejects("clipping: clip norm (keras-global-norm) must be finite and > 0, got Infinity",
                () -> new ClippingConfig(ClippingConfig.Form.KERAS_GLOBAL_NORM, Double.POSITIVE_INFINITY));
        rejects("clipping: clip value (value) must be finite and >= 0, got -0.5",
                () -> new ClippingConfig(ClippingConfig.Form.VALUE, -0.5));
        rejects("clipping: clip norm (pytorch-norm) must be finite and >= 0, got NaN",
                () -> new ClippingConfig(ClippingConfig.Form.PYTORCH_NORM, Double.NaN));
        assertEquals(0.0, new ClippingConfig(ClippingConfig.Form.PYTORCH_NORM, 0.0).threshold());
        assertEquals(0.0, new ClippingConfig(ClippingConfig.Form.VALUE, 0.0).threshold());
        assertEquals("clip-value 0.5", new ClippingConfig(ClippingConfig.Form.VALUE, 0.5).describe());
        assertEquals("clip-norm 1.0 (keras-global-norm)", new ClippingConfig(ClippingConfig.Form.KERAS_GLOBAL_NORM,
                1.0).describe());
        TrainingConfig base = Configs.iris(2, OptimizerConfig.of(OptimizerKind.ADAM, Preset.PYTORCH));
        assertEquals(null, base.clipping());
        ClippingConfig c = new ClippingConfig(ClippingConfig.Form.KERAS_NORM, 0.2);
        TrainingConfig clipped = base.withClipping(c);
        assertEquals(c, clipped.clipping());
        assertEquals(c, clipped.withEpochs(5).withSeeds(Seeds.of(3L)).withBatchSize(8).clipping());
        assertEquals(base, clipped.withClipping(null));
    }

    @Test
    void aClippedRunResumesBitForBitAndDiffersFromAnUnclippedOne() throws IOException {
        TrainingConfig config = Configs.iris(4, OptimizerConfig.of(OptimizerKind.RADAM, Preset.PYTORCH)
                .withLearningRate(0.05)).withClipping(new ClippingConfig(ClippingConfig.Form.KERAS_NORM, 0.05));
        resumesBitForBit(config, tmp.resolve("clipped"));
        TrainingRun clipped = TrainingRun.start(config.withEpochs(1), config.prepareData());
        clipped.runToEnd();
        TrainingRun plain = TrainingRun.start(config.withEpochs(1).withClipping(null), config.prepareData());
        plain.runToEnd();
        assertNotEquals(plain.model().stateDict(), clipped.model().stateDict());
    }
}
