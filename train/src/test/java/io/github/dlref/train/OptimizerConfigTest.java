package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import io.github.dlref.optim.AdaGrad;
import io.github.dlref.optim.Adam;
import io.github.dlref.optim.Optimizer;
import io.github.dlref.optim.RMSProp;
import io.github.dlref.optim.SGD;
import io.github.dlref.optim.WeightDecay;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link OptimizerConfig}: every refusal by its exact message (range and kind), the accepted boundary values, every
 * override reaching the optimizer's hyper-parameters (and nothing else changing), the weight-decay resolution and
 * the description. Preset defaults are PyTorch's documented ones (torch 1.13: RMSprop alpha 0.99, eps 1e-8;
 * Adagrad eps 1e-10; Adam betas (0.9, 0.999), eps 1e-8).
 */
class OptimizerConfigTest {

    static final List<Parameter> PARAMS = List.of(new Parameter("w", Matrix.rowVector(1, 2)));

    static OptimizerConfig config(OptimizerKind kind, Double lr, Double momentum, Double beta1, Double beta2,
            Double epsilon, Double weightDecay) {
        return new OptimizerConfig(kind, Preset.PYTORCH, lr, momentum, beta1, beta2, epsilon, weightDecay);
    }

    static void refuses(String message, Runnable r) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, r::run).getMessage());
    }

    @Test
    void rangesAreCheckedWithTheSettingsNameAndValue() {
        assertEquals("optimizer: kind must not be null", assertThrows(NullPointerException.class,
                () -> new OptimizerConfig(null, Preset.PYTORCH, null, null, null, null, null, null)).getMessage());
        assertEquals("optimizer: preset must not be null", assertThrows(NullPointerException.class,
                () -> new OptimizerConfig(OptimizerKind.SGD, null, null, null, null, null, null, null)).getMessage());
        for (double bad : new double[] {-1e-300, Double.NaN, Double.POSITIVE_INFINITY}) {
            refuses("optimizer: learning rate must be finite and >= 0, got " + bad,
                    () -> config(OptimizerKind.ADAM, bad, null, null, null, null, null));
            refuses("optimizer: weight decay must be finite and >= 0, got " + bad,
                    () -> config(OptimizerKind.ADAM, null, null, null, null, null, bad));
            refuses("optimizer: epsilon must be finite and >= 0, got " + bad,
                    () -> config(OptimizerKind.ADAM, null, null, null, null, bad, null));
        }
        for (double bad : new double[] {-1e-300, 1.0, Double.NaN}) {
            refuses("optimizer: momentum must be in [0, 1), got " + bad,
                    () -> config(OptimizerKind.MOMENTUM, null, bad, null, null, null, null));
            refuses("optimizer: beta1 must be in [0, 1), got " + bad,
                    () -> config(OptimizerKind.ADAM, null, null, bad, null, null, null));
            refuses("optimizer: beta2 must be in [0, 1), got " + bad,
                    () -> config(OptimizerKind.ADAM, null, null, null, bad, null, null));
        }
    }

    @Test
    void settingsThatDoNotApplyToTheKindAreRefused() {
        for (OptimizerKind kind : List.of(OptimizerKind.ADAGRAD, OptimizerKind.ADAM, OptimizerKind.ADAMW)) {
            refuses("optimizer: momentum applies to sgd, momentum, nesterov and rmsprop, not "
                    + kind.name().toLowerCase(java.util.Locale.ROOT),
                    () -> config(kind, null, 0.5, null, null, null, null));
        }
        refuses("optimizer: sgd has no momentum (got 0.5); use the optimizer 'momentum' or 'nesterov'",
                () -> config(OptimizerKind.SGD, null, 0.5, null, null, null, null));
        for (OptimizerKind kind : List.of(OptimizerKind.SGD, OptimizerKind.MOMENTUM, OptimizerKind.NESTEROV,
                OptimizerKind.ADAGRAD, OptimizerKind.RMSPROP)) {
            String name = kind.name().toLowerCase(java.util.Locale.ROOT);
            refuses("optimizer: beta1 applies to adam, adamw, nadam, radam and adamax, not " + name,
                    () -> config(kind, null, null, 0.5, null, null, null));
        }
        for (OptimizerKind kind : List.of(OptimizerKind.SGD, OptimizerKind.MOMENTUM, OptimizerKind.NESTEROV,
                OptimizerKind.ADAGRAD)) {
            String name = kind.name().toLowerCase(java.util.Locale.ROOT);
            refuses("optimizer: beta2 applies to adam, adamw, nadam, radam, adamax and rmsprop, not " + name,
                    () -> config(kind, null, null, null, 0.5, null, null));
        }
        for (OptimizerKind kind : List.of(OptimizerKind.SGD, OptimizerKind.MOMENTUM, OptimizerKind.NESTEROV)) {
            String name = kind.name().toLowerCase(java.util.Locale.ROOT);
            refuses("optimizer: epsilon applies to adagrad, rmsprop, adam, adamw, nadam, radam, adamax and adadelta, not " + name,
                    () -> config(kind, null, null, null, null, 1e-8, null));
        }
    }

    @Test
    void boundaryValuesAndSettingsOfTheirKindAreAccepted() {
        OptimizerConfig zero = config(OptimizerKind.SGD, 0.0, 0.0, null, null, null, 0.0);
        assertEquals(0.0, zero.initialLearningRate());
        assertEquals(0.0, zero.momentum());
        assertEquals(WeightDecay.none(), zero.resolvedWeightDecay(), "a zero coefficient is no weight decay");
        assertEquals(0.0, ((SGD.Hyperparameters) zero.hyperparameters()).momentum());
        assertEquals(0.0, config(OptimizerKind.ADAM, null, null, 0.0, 0.0, 0.0, null).epsilon());
        assertEquals(0.5, config(OptimizerKind.RMSPROP, null, 0.5, null, 0.5, 0.0, null).momentum());
        assertEquals(Math.nextDown(1.0), config(OptimizerKind.NESTEROV, null, Math.nextDown(1.0), null, null, null,
                null).momentum());
        assertEquals(1e-6, config(OptimizerKind.ADAGRAD, null, null, null, null, 1e-6, null).epsilon());
    }

    @Test
    void overridesReachTheHyperparameters() {
        SGD.Hyperparameters momentum = (SGD.Hyperparameters) config(OptimizerKind.MOMENTUM, 0.2, 0.5, null, null, null,
                0.01).hyperparameters();
        assertEquals(0.2, momentum.learningRate());
        assertEquals(0.5, momentum.momentum());
        assertEquals(WeightDecay.coupledL2(0.01), momentum.weightDecay());
        assertEquals(0.9, ((SGD.Hyperparameters) config(OptimizerKind.NESTEROV, null, null, null, null, null, null)
                .hyperparameters()).momentum(), "dlref's default momentum");

        AdaGrad.Hyperparameters adagrad = (AdaGrad.Hyperparameters) config(OptimizerKind.ADAGRAD, null, null, null,
                null, 1e-6, null).hyperparameters();
        assertEquals(1e-6, adagrad.epsilon());
        assertEquals(0.01, adagrad.learningRate());
        assertEquals(1e-10, ((AdaGrad.Hyperparameters) config(OptimizerKind.ADAGRAD, null, null, null, null, null,
                null).hyperparameters()).epsilon(), "torch.optim.Adagrad eps=1e-10");

        RMSProp.Hyperparameters rms = (RMSProp.Hyperparameters) config(OptimizerKind.RMSPROP, 0.05, 0.3, null, 0.8,
                1e-4, 0.1).hyperparameters();
        assertEquals(0.05, rms.learningRate());
        assertEquals(0.3, rms.momentum());
        assertEquals(0.8, rms.decay());
        assertEquals(1e-4, rms.epsilon());
        assertEquals(WeightDecay.coupledL2(0.1), rms.weightDecay());
        RMSProp.Hyperparameters rmsDefault = (RMSProp.Hyperparameters) config(OptimizerKind.RMSPROP, null, null, null,
                null, null, null).hyperparameters();
        assertEquals(0.0, rmsDefault.momentum());
        assertEquals(0.99, rmsDefault.decay(), "torch.optim.RMSprop alpha=0.99");
        assertEquals(1e-8, rmsDefault.epsilon());

        Adam.Hyperparameters beta2Only = (Adam.Hyperparameters) config(OptimizerKind.ADAM, null, null, null, 0.95,
                null, null).hyperparameters();
        assertEquals(0.9, beta2Only.beta1());
        assertEquals(0.95, beta2Only.beta2());
        assertEquals(1e-8, beta2Only.epsilon());
        Adam.Hyperparameters beta1Only = (Adam.Hyperparameters) config(OptimizerKind.ADAMW, 0.003, null, 0.7, null,
                1e-5, 0.2).hyperparameters();
        assertEquals(0.7, beta1Only.beta1());
        assertEquals(0.999, beta1Only.beta2());
        assertEquals(1e-5, beta1Only.epsilon());
        assertEquals(0.003, beta1Only.learningRate());
        assertEquals(WeightDecay.decoupled(0.2), beta1Only.weightDecay(), "AdamW's given decay is decoupled");

        Optimizer created = config(OptimizerKind.RMSPROP, 0.05, 0.3, null, 0.8, 1e-4, null).create(PARAMS);
        assertEquals(0.05, created.learningRate());
        assertEquals(0.8, ((RMSProp.Hyperparameters) created.hyperparameters()).decay());
    }

    @Test
    void weightDecayIsCoupledExceptForAdamW() {
        assertEquals(WeightDecay.none(), OptimizerConfig.of(OptimizerKind.ADAM, Preset.PYTORCH).resolvedWeightDecay());
        assertEquals(WeightDecay.coupledL2(0.1), config(OptimizerKind.ADAM, null, null, null, null, null, 0.1)
                .resolvedWeightDecay());
        assertEquals(WeightDecay.decoupled(0.05), config(OptimizerKind.ADAMW, null, null, null, null, null, 0.05)
                .resolvedWeightDecay());
        assertEquals(WeightDecay.decoupled(0.0), config(OptimizerKind.ADAMW, null, null, null, null, null, 0.0)
                .resolvedWeightDecay());
        assertEquals(WeightDecay.decoupled(0.01), OptimizerConfig.of(OptimizerKind.ADAMW, Preset.PYTORCH)
                .resolvedWeightDecay(), "torch.optim.AdamW weight_decay=0.01");
    }

    @Test
    void copiesChangeOnlyTheirSetting() {
        OptimizerConfig c = config(OptimizerKind.RMSPROP, 0.05, 0.3, null, 0.8, 1e-4, 0.1);
        assertEquals(config(OptimizerKind.RMSPROP, 0.5, 0.3, null, 0.8, 1e-4, 0.1), c.withLearningRate(0.5));
        assertEquals(config(OptimizerKind.RMSPROP, 0.05, 0.3, null, 0.8, 1e-4, 0.2), c.withWeightDecay(0.2));
        assertNull(c.withLearningRate(null).learningRate());
        assertEquals(0.01, c.withLearningRate(null).initialLearningRate(), "torch.optim.RMSprop lr=0.01");
        assertNull(c.withWeightDecay(null).weightDecay());
    }

    @Test
    void descriptionsListTheGivenOverrides() {
        assertEquals("sgd(pytorch) lr=0.01", OptimizerConfig.of(OptimizerKind.SGD, Preset.PYTORCH).describe());
        assertEquals("rmsprop(pytorch) lr=0.05 momentum=0.3 beta2=0.8 eps=1.0E-4 weight_decay=0.1",
                config(OptimizerKind.RMSPROP, 0.05, 0.3, null, 0.8, 1e-4, 0.1).describe());
        assertEquals("adam(pytorch) lr=0.001 beta1=0.7", config(OptimizerKind.ADAM, null, null, 0.7, null, null, null)
                .describe());
        assertEquals("adamw(optax) lr=0.2 beta2=0.9 eps=0.0",
                new OptimizerConfig(OptimizerKind.ADAMW, Preset.OPTAX, 0.2, null, null, 0.9, 0.0, null).describe());
        assertEquals("momentum(keras) lr=0.01 momentum=0.0",
                new OptimizerConfig(OptimizerKind.MOMENTUM, Preset.KERAS, null, 0.0, null, null, null, null)
                        .describe());
    }
}
