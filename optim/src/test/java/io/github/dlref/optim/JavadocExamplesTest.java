package io.github.dlref.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import io.github.dlref.optim.schedule.CosineDecay;
import io.github.dlref.optim.schedule.LearningRateScheduler;
import io.github.dlref.optim.schedule.StepDecay;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The calls of the Javadoc examples of {@link SGD}, {@link Adam}, {@link AdaGrad}, {@link RMSProp},
 * {@link Presets}, {@link Optimizer}, {@link LearningRateScheduler} and the package pages, with what their
 * comments claim. A model's backward pass is replaced by setting the gradient {@code g} directly, since
 * {@code optim} does not depend on {@code nn}; the optimizer calls are the examples' own, so a renamed method
 * fails to compile here.
 */
class JavadocExamplesTest {

    private static final double[] G = {0.5, -2.0};

    private static List<Parameter> modelParameters() {
        return List.of(new Parameter("0.weight", Matrix.rowVector(1.0, 2.0)));
    }

    /** Stands for {@code zeroGrad(); loss.forward(model.forward(x), labels).backward(); step()}. */
    private static void trainStep(Optimizer optimizer) {
        optimizer.zeroGrad();
        optimizer.parameters().get(0).accumulateGrad(Matrix.rowVector(G));
        optimizer.step();
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= Tolerances.FEW_ULPS * Math.max(1.0, Math.abs(expected)),
                what + ": expected " + expected + ", got " + actual);
    }

    @Test
    void sgd() {
        SGD sgd = new SGD(modelParameters(), SGD.Hyperparameters.pytorch(0.1)
                .withMomentum(0.9).withNesterov(true).withWeightDecay(WeightDecay.coupledL2(1e-4)));
        trainStep(sgd);
        Matrix b = sgd.state(sgd.parameters().get(0)).buffer("momentum_buffer");
        assertClose(0.5 + 1e-4, b.get(0, 0), "b = g + lambda theta at the first step");
        SGD keras = new SGD(modelParameters(), SGD.Hyperparameters.keras().withMomentum(0.9));
        assertEquals(Set.of("velocity"), keras.state().get(0).buffers().keySet());
    }

    @Test
    void adam() {
        Adam adam = new Adam(modelParameters(), Adam.Hyperparameters.pytorch());
        assertEquals(1e-3, adam.learningRate());
        assertEquals(1e-8, ((Adam.Hyperparameters) adam.hyperparameters()).epsilon());
        Adam adamW = new Adam(modelParameters(), Adam.Hyperparameters.pytorchAdamW());
        assertEquals(WeightDecay.decoupled(1e-2), adamW.hyperparameters().weightDecay());
        Optimizer keras = Adam.Hyperparameters.keras().withLearningRate(3e-4).create(modelParameters());
        assertInstanceOf(Adam.class, keras);
        assertEquals(3e-4, keras.learningRate());

        trainStep(adam);
        ParameterState s = adam.state(adam.parameters().get(0));
        assertEquals(1, s.step());
        Matrix m = s.buffer("exp_avg");
        assertClose(0.1 * G[0], m.get(0, 0), "m = (1 - beta1) g");
        assertClose(0.1 * G[1], m.get(0, 1), "m = (1 - beta1) g");
    }

    @Test
    void adaGrad() {
        AdaGrad adaGrad = new AdaGrad(modelParameters(), AdaGrad.Hyperparameters.pytorch().withLearningRate(0.05));
        AdaGrad keras = new AdaGrad(modelParameters(), AdaGrad.Hyperparameters.keras());
        assertEquals(0.1, ((AdaGrad.Hyperparameters) keras.hyperparameters()).initialAccumulatorValue());
        assertEquals(EpsilonPlacement.INSIDE_SQRT, ((AdaGrad.Hyperparameters) keras.hyperparameters()).epsilonPlacement());
        assertEquals(1e-7, ((AdaGrad.Hyperparameters) keras.hyperparameters()).epsilon());
        trainStep(adaGrad);
        Matrix s = adaGrad.state(adaGrad.parameters().get(0)).buffer("sum");
        assertEquals(Matrix.rowVector(G[0] * G[0], G[1] * G[1]), s);
    }

    @Test
    void rmsProp() {
        RMSProp centered = new RMSProp(modelParameters(),
                RMSProp.Hyperparameters.pytorch().withLearningRate(1e-3).withCentered(true));
        assertEquals(List.of("square_avg", "grad_avg"), List.copyOf(centered.state().get(0).buffers().keySet()));
        RMSProp optax = new RMSProp(modelParameters(), RMSProp.Hyperparameters.optax(1e-3).withMomentum(0.9));
        assertEquals(List.of("square_avg", "velocity"), List.copyOf(optax.state().get(0).buffers().keySet()));
        assertEquals(EpsilonPlacement.INSIDE_SQRT, ((RMSProp.Hyperparameters) optax.hyperparameters()).epsilonPlacement());
        trainStep(centered);
        assertEquals(1, centered.state().get(0).step());
    }

    @Test
    void presets() {
        OptimizerHyperparameters keras = Presets.hyperparameters(OptimizerFamily.ADAM, Preset.KERAS);
        assertEquals(0.001, keras.learningRate());
        Optimizer optimizer = keras.create(modelParameters());
        assertInstanceOf(Adam.class, optimizer);
        String what = keras.description();
        assertTrue(what.startsWith("Keras epsilon-hat Adam") && what.contains("[lr=0.001, "), what);

        SGD.Hyperparameters momentum = (SGD.Hyperparameters) Presets.hyperparameters(OptimizerFamily.MOMENTUM,
                Preset.PYTORCH, 0.05);
        assertEquals(0.9, momentum.momentum());
        assertEquals(MomentumForm.PYTORCH, momentum.form());
        assertEquals(Set.of(Presets.LEARNING_RATE, Presets.MOMENTUM),
                Presets.dlrefChoices(OptimizerFamily.MOMENTUM, Preset.PYTORCH));
        assertFalse(Presets.supports(OptimizerFamily.NESTEROV, Preset.BP_OPTIMIZERS));
        assertTrue(Presets.refusal(OptimizerFamily.NESTEROV, Preset.BP_OPTIMIZERS).isPresent());
        Adam.Hyperparameters typed = Presets.adam(OptimizerFamily.ADAMW, Preset.PYTORCH, 1e-3);
        assertEquals(WeightDecay.Kind.DECOUPLED, typed.weightDecay().kind());
    }

    @Test
    void optimizerAndPackagePage() {
        List<Parameter> model = modelParameters();
        Optimizer optimizer = Adam.Hyperparameters.pytorch().create(model);
        trainStep(optimizer);
        OptimizerState saved = optimizer.saveState();
        List<Parameter> copy = List.of(new Parameter("0.weight", model.get(0).value()));
        Optimizer resumed = Adam.Hyperparameters.pytorch().create(copy);
        resumed.loadState(saved);
        trainStep(optimizer);
        trainStep(resumed);
        assertEquals(model.get(0).value(), copy.get(0).value(), "resumed run differs");

        Optimizer adam = Adam.Hyperparameters.pytorch().withLearningRate(0.01).create(modelParameters());
        assertEquals(0.01, adam.learningRate());
    }

    @Test
    void learningRateScheduler() {
        SGD sgd = new SGD(modelParameters(), SGD.Hyperparameters.pytorch(0.1).withMomentum(0.9));
        LearningRateScheduler scheduler = new LearningRateScheduler(sgd, new StepDecay(0.1, 30, 0.1));
        for (int epoch = 0; epoch < 90; epoch++) {
            trainStep(sgd);
            scheduler.step();
            double expected = 0.1 * Math.pow(0.1, Math.floor((epoch + 1) / 30.0));
            assertClose(1.0, sgd.learningRate() / expected, "epoch " + epoch + ": lr / (0.1 * 0.1^floor((e + 1) / 30))");
        }
        LearningRateScheduler resumed = new LearningRateScheduler(sgd, new StepDecay(0.1, 30, 0.1), 60);
        assertClose(1.0, sgd.learningRate() / 0.001, "resumed at 60: lr 0.001");
        assertEquals(60, resumed.currentStep());

        Optimizer optimizer = new SGD(modelParameters(), SGD.Hyperparameters.pytorch(0.1));
        LearningRateScheduler cosine = new LearningRateScheduler(optimizer, CosineDecay.pytorch(0.1, 100, 0.0));
        for (int epoch = 0; epoch < 100; epoch++) {
            cosine.step();
        }
        assertTrue(optimizer.learningRate() <= Tolerances.FEW_ULPS, "cosine ends at eta_min 0");
    }
}
