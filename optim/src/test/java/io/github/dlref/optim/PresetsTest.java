package io.github.dlref.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The presets against the frameworks' documented defaults (the literal numbers of the signatures in the
 * torch.optim 1.13 documentation, keras.io/api/optimizers for Keras 3, and optax's API reference) and the
 * documents' stated values; every (family, preset) pair either yields hyper-parameters or refuses with a
 * reason; the description and convention axes name the right arithmetic.
 */
class PresetsTest {

    private static final double LR = 0.05;

    private static SGD.Hyperparameters sgd(OptimizerFamily f, Preset p) {
        return (SGD.Hyperparameters) Presets.hyperparameters(f, p, LR);
    }

    @Test
    void pytorchDefaultsAreTorchOptimSignatures() {
        // torch.optim.SGD(params, lr=<required>, momentum=0, dampening=0, weight_decay=0, nesterov=False)
        assertEquals(OptionalDouble.empty(), Presets.defaultLearningRate(OptimizerFamily.SGD, Preset.PYTORCH));
        assertEquals(new SGD.Hyperparameters(LR, 0.0, MomentumForm.PYTORCH, 0.0, false, WeightDecay.none()),
                sgd(OptimizerFamily.SGD, Preset.PYTORCH));
        // torch.optim.Adagrad(lr=0.01, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10)
        assertEquals(new AdaGrad.Hyperparameters(0.01, 0.0, 0.0, 1e-10, EpsilonPlacement.OUTSIDE_SQRT,
                WeightDecay.none()), Presets.hyperparameters(OptimizerFamily.ADAGRAD, Preset.PYTORCH));
        // torch.optim.RMSprop(lr=0.01, alpha=0.99, eps=1e-08, weight_decay=0, momentum=0, centered=False)
        assertEquals(new RMSProp.Hyperparameters(0.01, 0.99, 1e-8, EpsilonPlacement.OUTSIDE_SQRT, false, 0.0,
                MomentumForm.PYTORCH, 0.0, WeightDecay.none()),
                Presets.hyperparameters(OptimizerFamily.RMSPROP, Preset.PYTORCH));
        // torch.optim.Adam(lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0, amsgrad=False)
        assertEquals(new Adam.Hyperparameters(0.001, 0.9, 0.999, 1e-8, Adam.EpsilonForm.ALGORITHM_1, 0.0,
                Adam.AmsGrad.NONE, WeightDecay.none()), Presets.hyperparameters(OptimizerFamily.ADAM, Preset.PYTORCH));
        // torch.optim.AdamW(lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.01), decoupled
        assertEquals(new Adam.Hyperparameters(0.001, 0.9, 0.999, 1e-8, Adam.EpsilonForm.ALGORITHM_1, 0.0,
                Adam.AmsGrad.NONE, WeightDecay.decoupled(0.01)),
                Presets.hyperparameters(OptimizerFamily.ADAMW, Preset.PYTORCH));
    }

    @Test
    void kerasDefaultsAreKerasOptimizersSignatures() {
        // keras.optimizers.SGD(learning_rate=0.01, momentum=0.0, nesterov=False)
        assertEquals(new SGD.Hyperparameters(0.01, 0.0, MomentumForm.HEAVY_BALL, 0.0, false, WeightDecay.none()),
                Presets.hyperparameters(OptimizerFamily.SGD, Preset.KERAS));
        // keras.optimizers.Adagrad(learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-07)
        assertEquals(new AdaGrad.Hyperparameters(0.001, 0.0, 0.1, 1e-7, EpsilonPlacement.INSIDE_SQRT,
                WeightDecay.none()), Presets.hyperparameters(OptimizerFamily.ADAGRAD, Preset.KERAS));
        // keras.optimizers.RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-07, centered=False)
        assertEquals(new RMSProp.Hyperparameters(0.001, 0.9, 1e-7, EpsilonPlacement.INSIDE_SQRT, false, 0.0,
                MomentumForm.HEAVY_BALL, 0.0, WeightDecay.none()),
                Presets.hyperparameters(OptimizerFamily.RMSPROP, Preset.KERAS));
        // keras.optimizers.Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-07, amsgrad=False)
        assertEquals(new Adam.Hyperparameters(0.001, 0.9, 0.999, 1e-7, Adam.EpsilonForm.EPSILON_HAT, 0.0,
                Adam.AmsGrad.NONE, WeightDecay.none()), Presets.hyperparameters(OptimizerFamily.ADAM, Preset.KERAS));
        // keras.optimizers.AdamW(learning_rate=0.001, weight_decay=0.004, beta_1=0.9, beta_2=0.999, epsilon=1e-07)
        assertEquals(new Adam.Hyperparameters(0.001, 0.9, 0.999, 1e-7, Adam.EpsilonForm.EPSILON_HAT, 0.0,
                Adam.AmsGrad.NONE, WeightDecay.decoupled(0.004)),
                Presets.hyperparameters(OptimizerFamily.ADAMW, Preset.KERAS));
    }

    @Test
    void optaxDefaultsAreOptaxSignaturesWithoutADefaultLearningRate() {
        for (OptimizerFamily f : OptimizerFamily.values()) {
            assertEquals(OptionalDouble.empty(), Presets.defaultLearningRate(f, Preset.OPTAX), f.name());
        }
        // optax.sgd(learning_rate, momentum=None, nesterov=False): trace, i.e. the PyTorch form, dampening 0
        assertEquals(new SGD.Hyperparameters(LR, 0.0, MomentumForm.PYTORCH, 0.0, false, WeightDecay.none()),
                sgd(OptimizerFamily.SGD, Preset.OPTAX));
        // optax.adagrad(learning_rate, initial_accumulator_value=0.1, eps=1e-07)
        assertEquals(new AdaGrad.Hyperparameters(LR, 0.0, 0.1, 1e-7, EpsilonPlacement.INSIDE_SQRT,
                WeightDecay.none()), Presets.hyperparameters(OptimizerFamily.ADAGRAD, Preset.OPTAX, LR));
        // optax.rmsprop(learning_rate, decay=0.9, eps=1e-08, initial_scale=0.0, eps_in_sqrt=True, centered=False)
        assertEquals(new RMSProp.Hyperparameters(LR, 0.9, 1e-8, EpsilonPlacement.INSIDE_SQRT, false, 0.0,
                MomentumForm.HEAVY_BALL, 0.0, WeightDecay.none()),
                Presets.hyperparameters(OptimizerFamily.RMSPROP, Preset.OPTAX, LR));
        // optax.adam(learning_rate, b1=0.9, b2=0.999, eps=1e-08, eps_root=0.0)
        assertEquals(new Adam.Hyperparameters(LR, 0.9, 0.999, 1e-8, Adam.EpsilonForm.ALGORITHM_1, 0.0,
                Adam.AmsGrad.NONE, WeightDecay.none()), Presets.hyperparameters(OptimizerFamily.ADAM, Preset.OPTAX, LR));
        // optax.adamw(learning_rate, b1=0.9, b2=0.999, eps=1e-08, eps_root=0.0, weight_decay=0.0001)
        assertEquals(new Adam.Hyperparameters(LR, 0.9, 0.999, 1e-8, Adam.EpsilonForm.ALGORITHM_1, 0.0,
                Adam.AmsGrad.NONE, WeightDecay.decoupled(1e-4)),
                Presets.hyperparameters(OptimizerFamily.ADAMW, Preset.OPTAX, LR));
    }

    @Test
    void documentPresetsUseTheDocumentsValues() {
        // bp-optimizers: v = beta v + (1 - beta) dw with beta 0.9; Adam beta1 0.9, beta2 0.999, eps 1e-8
        assertEquals(new SGD.Hyperparameters(LR, 0.9, MomentumForm.EMA, 0.0, false, WeightDecay.none()),
                sgd(OptimizerFamily.MOMENTUM, Preset.BP_OPTIMIZERS));
        assertEquals(new Adam.Hyperparameters(LR, 0.9, 0.999, 1e-8, Adam.EpsilonForm.ALGORITHM_1, 0.0,
                Adam.AmsGrad.NONE, WeightDecay.none()),
                Presets.hyperparameters(OptimizerFamily.ADAM, Preset.BP_OPTIMIZERS, LR));
        // param-optimization: m_t = beta_1 m_{t-1} + (1 - beta_1) g_t, beta_1 "usually 0.9"
        assertEquals(new SGD.Hyperparameters(LR, 0.9, MomentumForm.EMA, 0.0, false, WeightDecay.none()),
                sgd(OptimizerFamily.MOMENTUM, Preset.PARAM_OPTIMIZATION));
        // dl-basics: v = a v + eta g, W = W - v (heavy ball); plain SGD keeps the form with momentum 0
        assertEquals(MomentumForm.HEAVY_BALL, sgd(OptimizerFamily.MOMENTUM, Preset.DL_BASICS).form());
        assertEquals(new SGD.Hyperparameters(LR, 0.0, MomentumForm.EMA, 0.0, false, WeightDecay.none()),
                sgd(OptimizerFamily.SGD, Preset.BP_OPTIMIZERS));
        // the documents' AdaGrad and RMSProp have no epsilon; dlref's correction puts one outside the root
        AdaGrad.Hyperparameters adaGrad = (AdaGrad.Hyperparameters) Presets.hyperparameters(OptimizerFamily.ADAGRAD,
                Preset.DL_BASICS, LR);
        assertEquals(0.0, adaGrad.initialAccumulatorValue());
        assertEquals(EpsilonPlacement.OUTSIDE_SQRT, adaGrad.epsilonPlacement());
        for (Preset p : Preset.values()) {
            if (!p.isFramework()) {
                assertEquals(OptionalDouble.empty(), Presets.defaultLearningRate(OptimizerFamily.SGD, p), p.id());
            }
        }
    }

    @Test
    void everyFamilyAndPresetYieldsHyperparametersOrARefusalThatSaysWhy() {
        int supported = 0;
        for (OptimizerFamily f : OptimizerFamily.values()) {
            for (Preset p : Preset.values()) {
                String pair = f + "/" + p;
                if (Presets.supports(f, p)) {
                    supported++;
                    OptimizerHyperparameters h = Presets.hyperparameters(f, p, LR);
                    assertEquals(LR, h.learningRate(), pair);
                    assertEquals(Presets.initialLearningRate(f, p), Presets.hyperparameters(f, p).learningRate(), pair);
                    Class<?> expected = switch (f) {
                        case SGD, MOMENTUM, NESTEROV -> SGD.Hyperparameters.class;
                        case ADAGRAD -> AdaGrad.Hyperparameters.class;
                        case RMSPROP -> RMSProp.Hyperparameters.class;
                        case ADAM, ADAMW -> Adam.Hyperparameters.class;
                    };
                    assertInstanceOf(expected, h, pair);
                    Optimizer opt = h.create(List.of(new Parameter("w", Matrix.rowVector(1.0, -2.0))));
                    assertSame(h, opt.hyperparameters(), pair);
                } else {
                    String reason = Presets.refusal(f, p).orElseThrow();
                    assertTrue(reason.startsWith(f.name().toLowerCase() + " has no preset " + p.id() + ": the document"),
                            reason);
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> Presets.hyperparameters(f, p, LR), pair);
                    assertEquals("Presets: " + reason, e.getMessage());
                    assertThrows(IllegalArgumentException.class, () -> Presets.defaultLearningRate(f, p), pair);
                }
            }
        }
        // frameworks: all 7 families x 3; bp-optimizers: SGD, momentum, RMSProp, Adam; param-optimization:
        // SGD, momentum, AdaGrad; dl-basics: SGD, momentum, AdaGrad, RMSProp
        assertEquals(21 + 4 + 3 + 4, supported);
        assertFalse(Presets.supports(OptimizerFamily.NESTEROV, Preset.BP_OPTIMIZERS));
        assertFalse(Presets.supports(OptimizerFamily.ADAM, Preset.PARAM_OPTIMIZATION));
        assertThrows(IllegalArgumentException.class, () -> Presets.hyperparameters(OptimizerFamily.ADAM,
                Preset.PYTORCH, -1.0));
        assertThrows(IllegalArgumentException.class, () -> Presets.sgd(OptimizerFamily.ADAM, Preset.PYTORCH, LR));
    }

    @Test
    void fallbacksAndOtherDlrefChoicesAreNamed() {
        assertEquals(Presets.FALLBACK_SGD_LEARNING_RATE,
                Presets.initialLearningRate(OptimizerFamily.SGD, Preset.PYTORCH));
        assertEquals(Presets.FALLBACK_ADAPTIVE_LEARNING_RATE,
                Presets.initialLearningRate(OptimizerFamily.ADAM, Preset.OPTAX));
        assertEquals(Presets.FALLBACK_SGD_LEARNING_RATE,
                Presets.initialLearningRate(OptimizerFamily.ADAGRAD, Preset.OPTAX));
        assertEquals(Set.of(Presets.LEARNING_RATE), Presets.dlrefChoices(OptimizerFamily.SGD, Preset.PYTORCH));
        assertEquals(Set.of(Presets.LEARNING_RATE, Presets.MOMENTUM),
                Presets.dlrefChoices(OptimizerFamily.MOMENTUM, Preset.PYTORCH));
        assertEquals(Set.of(Presets.MOMENTUM), Presets.dlrefChoices(OptimizerFamily.NESTEROV, Preset.KERAS));
        assertEquals(Set.of(Presets.LEARNING_RATE), Presets.dlrefChoices(OptimizerFamily.MOMENTUM,
                Preset.BP_OPTIMIZERS));
        assertEquals(Set.of(Presets.LEARNING_RATE, Presets.MOMENTUM), Presets.dlrefChoices(OptimizerFamily.MOMENTUM,
                Preset.DL_BASICS));
        assertEquals(Set.of(Presets.LEARNING_RATE, Presets.DECAY), Presets.dlrefChoices(OptimizerFamily.RMSPROP,
                Preset.BP_OPTIMIZERS));
        assertEquals(Set.of(), Presets.dlrefChoices(OptimizerFamily.ADAMW, Preset.KERAS));
        assertEquals(Presets.DEFAULT_MOMENTUM, sgd(OptimizerFamily.NESTEROV, Preset.PYTORCH).momentum());
    }

    /** A non-zero weight decay names its form on the weight-decay axis, in every family that has one. */
    @Test
    void conventionAxesNameTheWeightDecayForm() {
        WeightDecay l2 = WeightDecay.coupledL2(0.01);
        List<OptimizerHyperparameters> all = List.of(sgd(OptimizerFamily.SGD, Preset.PYTORCH).withWeightDecay(l2),
                AdaGrad.Hyperparameters.pytorch().withWeightDecay(l2),
                NAdam.Hyperparameters.pytorch().withWeightDecay(l2),
                RAdam.Hyperparameters.pytorch().withWeightDecay(l2),
                Adamax.Hyperparameters.pytorch().withWeightDecay(l2));
        for (OptimizerHyperparameters h : all) {
            assertEquals(WeightDecay.Kind.COUPLED_L2, h.conventions().get(ConventionAxis.WEIGHT_DECAY_FORM),
                    h.toString());
        }
    }

    /** The with-copies change the one component they name. */
    @Test
    void copiesChangeTheNamedComponent() {
        assertEquals(MomentumForm.HEAVY_BALL,
                sgd(OptimizerFamily.MOMENTUM, Preset.PYTORCH).withForm(MomentumForm.HEAVY_BALL).form());
        assertEquals(EpsilonPlacement.INSIDE_SQRT, RMSProp.Hyperparameters.pytorch()
                .withEpsilonPlacement(EpsilonPlacement.INSIDE_SQRT).epsilonPlacement());
        AdaGrad.Hyperparameters adagrad = AdaGrad.Hyperparameters.pytorch();
        assertEquals(EpsilonPlacement.INSIDE_SQRT,
                adagrad.withEpsilonPlacement(EpsilonPlacement.INSIDE_SQRT).epsilonPlacement());
        assertSame(adagrad, adagrad.canonical());
    }

    @Test
    void conventionAxesNameTheArithmetic() {
        assertEquals(Map.of(), Presets.hyperparameters(OptimizerFamily.SGD, Preset.PYTORCH).conventions());
        assertEquals(Map.of(ConventionAxis.MOMENTUM_FORM, MomentumForm.HEAVY_BALL),
                Presets.hyperparameters(OptimizerFamily.MOMENTUM, Preset.KERAS).conventions());
        assertEquals(Map.of(ConventionAxis.MOMENTUM_FORM, MomentumForm.EMA),
                Presets.hyperparameters(OptimizerFamily.MOMENTUM, Preset.BP_OPTIMIZERS, LR).conventions());
        assertEquals(Map.of(ConventionAxis.EPSILON_PLACEMENT, EpsilonPlacement.INSIDE_SQRT),
                Presets.hyperparameters(OptimizerFamily.ADAGRAD, Preset.OPTAX, LR).conventions());
        assertEquals(Map.of(ConventionAxis.EPSILON_FORM, Adam.EpsilonForm.EPSILON_HAT,
                ConventionAxis.WEIGHT_DECAY_FORM, WeightDecay.Kind.DECOUPLED),
                Presets.hyperparameters(OptimizerFamily.ADAMW, Preset.KERAS).conventions());
        Adam.Hyperparameters ams = Adam.Hyperparameters.optaxAmsGrad(LR);
        assertEquals(List.of(ConventionAxis.EPSILON_FORM, ConventionAxis.AMSGRAD_FORM),
                List.copyOf(ams.conventions().keySet()));
        assertEquals(Adam.AmsGrad.MAX_OF_BIAS_CORRECTED_SECOND_MOMENT, ams.conventions().get(ConventionAxis.AMSGRAD_FORM));
        RMSProp.Hyperparameters rms = RMSProp.Hyperparameters.keras().withMomentum(0.5)
                .withWeightDecay(WeightDecay.coupledL2(0.1));
        assertEquals(List.of(ConventionAxis.EPSILON_PLACEMENT, ConventionAxis.MOMENTUM_FORM,
                ConventionAxis.WEIGHT_DECAY_FORM), List.copyOf(rms.conventions().keySet()));
        // a zero coefficient decays nothing, so its form is no axis
        assertEquals(Map.of(), SGD.Hyperparameters.pytorch(LR).withWeightDecay(WeightDecay.coupledL2(0.0))
                .conventions());
    }

    @Test
    void descriptionsSayWhoseArithmeticInOneLine() {
        assertEquals("plain SGD [lr=0.01, momentum=0.0]",
                Presets.hyperparameters(OptimizerFamily.SGD, Preset.PYTORCH).description());
        assertEquals("heavy-ball momentum SGD (Keras, dl-basics: v = mu v + lr g, theta -= v), Nesterov "
                + "[lr=0.01, momentum=0.9]", Presets.hyperparameters(OptimizerFamily.NESTEROV, Preset.KERAS).description());
        assertEquals("AdaGrad with eps outside the sqrt (PyTorch) [lr=0.1, eps=1.0E-6, initial_accumulator_value=1.0E-6 "
                + "(starts at eps: DL4J)]", new AdaGrad.Hyperparameters(0.1, 0.0, 1e-6, 1e-6,
                        EpsilonPlacement.OUTSIDE_SQRT, WeightDecay.none()).description());
        assertEquals("RMSProp with eps inside the sqrt (Keras, Optax) [lr=0.1, alpha=0.95, eps=1.0E-8, initial_scale=1.0E-8 "
                + "(starts at eps: DL4J)]", new RMSProp.Hyperparameters(0.1, 0.95, 1e-8, EpsilonPlacement.INSIDE_SQRT,
                        false, 0.0, MomentumForm.PYTORCH, 1e-8, WeightDecay.none()).description());
        assertEquals("RMSProp with eps inside the sqrt (Keras, Optax) [lr=0.1, alpha=0.95, eps=1.0E-8, initial_scale=0.5]",
                new RMSProp.Hyperparameters(0.1, 0.95, 1e-8, EpsilonPlacement.INSIDE_SQRT, false, 0.0,
                        MomentumForm.PYTORCH, 0.5, WeightDecay.none()).description());
        assertEquals("AdaGrad with eps outside the sqrt (PyTorch) [lr=0.1, eps=0.0, initial_accumulator_value=0.0]",
                new AdaGrad.Hyperparameters(0.1, 0.0, 0.0, 0.0, EpsilonPlacement.OUTSIDE_SQRT, WeightDecay.none())
                        .description());
        assertEquals("Keras epsilon-hat Adam (lr_t m / (sqrt(v) + eps_hat)) [lr=0.001, betas=(0.9, 0.999), "
                + "eps=1.0E-7, decoupled weight decay 0.004 (AdamW, Keras)]",
                Presets.hyperparameters(OptimizerFamily.ADAMW, Preset.KERAS).description());
        assertEquals("AdaGrad with eps outside the sqrt (PyTorch) [lr=0.01, eps=1.0E-10, "
                + "initial_accumulator_value=0.0, L2 weight decay 0.5 added to the gradient (PyTorch weight_decay)]",
                AdaGrad.Hyperparameters.pytorch().withWeightDecay(WeightDecay.coupledL2(0.5)).description());
        assertEquals("RMSProp with eps inside the sqrt (Keras, Optax), centered, heavy-ball momentum (Keras, Optax: "
                + "v = mu v + lr g / den) [lr=0.001, alpha=0.9, eps=1.0E-7]",
                RMSProp.Hyperparameters.keras().withCentered(true).withMomentum(0.5).description());
        for (OptimizerFamily f : OptimizerFamily.values()) {
            for (Preset p : Preset.values()) {
                if (Presets.supports(f, p)) {
                    String d = Presets.hyperparameters(f, p).description();
                    assertFalse(d.contains("\n"), d);
                    assertTrue(d.endsWith("]"), d);
                }
            }
        }
    }

    @Test
    void canonicalFormsForgetSettingsThatCannotMatter() {
        SGD.Hyperparameters heavy = SGD.Hyperparameters.keras();
        SGD.Hyperparameters pytorch = SGD.Hyperparameters.pytorch(0.01);
        assertNotEquals(heavy, pytorch);
        assertEquals(heavy.canonical(), pytorch.canonical());
        SGD.Hyperparameters withMomentum = heavy.withMomentum(0.5);
        assertSame(withMomentum, withMomentum.canonical());
        assertEquals(RMSProp.Hyperparameters.keras().withMomentumForm(MomentumForm.PYTORCH),
                RMSProp.Hyperparameters.keras().canonical());
        Adam.Hyperparameters adam = Adam.Hyperparameters.keras();
        assertSame(adam, adam.canonical());
        assertSame(adam, adam.asRecord());
    }

    @Test
    void withLearningRateAndWeightDecayWorkThroughTheInterface() {
        OptimizerHyperparameters h = Presets.hyperparameters(OptimizerFamily.RMSPROP, Preset.PYTORCH);
        OptimizerHyperparameters changed = h.withLearningRate(0.5).withWeightDecay(WeightDecay.decoupled(0.1));
        assertEquals(0.5, changed.learningRate());
        assertEquals(WeightDecay.decoupled(0.1), changed.weightDecay());
        assertEquals(((RMSProp.Hyperparameters) h).decay(), ((RMSProp.Hyperparameters) changed).decay());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.withLearningRate(-1.0));
        assertEquals("RMSProp: learningRate must be in [0, inf), got -1.0", e.getMessage());
    }

    @Test
    void presetIdsAreTheOracleFormatsNames() {
        assertEquals(List.of("pytorch", "keras", "optax", "bp_optimizers", "param_optimization", "dl_basics"),
                java.util.Arrays.stream(Preset.values()).map(Preset::id).toList());
        assertSame(Preset.DL_BASICS, Preset.fromId("dl_basics"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Preset.fromId("torch"));
        assertTrue(e.getMessage().contains("got torch"), e.getMessage());
    }
}
