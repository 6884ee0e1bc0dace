package io.github.dlref.optim;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The one entry point to every optimizer's preset hyper-parameters: for an {@link OptimizerFamily} and a
 * {@link Preset}, the framework's documented defaults or the document's formulas, built from the
 * hyper-parameter records' own factories ({@code SGD.Hyperparameters.pytorch(lr)}, {@code keras()},
 * {@code optax(lr)}, {@code bpOptimizers(lr)}, ...), which are the only place each default is written.
 *
 * <p>Where the source gives no value, this class supplies dlref's choice and says so
 * ({@link #dlrefChoices(OptimizerFamily, Preset)}): the learning rate of PyTorch's SGD, of every Optax
 * optimizer and of the documents ({@link #FALLBACK_SGD_LEARNING_RATE}, {@link #FALLBACK_ADAPTIVE_LEARNING_RATE}),
 * the momentum of {@link OptimizerFamily#MOMENTUM} and {@link OptimizerFamily#NESTEROV} where the source's
 * default is 0 or absent ({@link #DEFAULT_MOMENTUM}), and the decay of the documents' RMSProp
 * ({@link #DOCUMENT_RMSPROP_DECAY}). These are not the frameworks' or documents' values.
 *
 * <p>Combinations the source does not define are refused with an {@code IllegalArgumentException} that says
 * why ({@link #refusal(OptimizerFamily, Preset)}): Nesterov momentum and AdamW in the documents, AdaGrad in
 * bp-optimizers, RMSProp in param-optimization, Adam in param-optimization (which gives only its betas) and
 * dl-basics.
 *
 * <p>Per family (all with the preset's weight decay, none unless stated):
 * <ul>
 *   <li>{@link OptimizerFamily#SGD}: the preset's SGD with momentum 0, keeping the preset's momentum form.</li>
 *   <li>{@link OptimizerFamily#MOMENTUM}: PyTorch, Keras and Optax forms with {@link #DEFAULT_MOMENTUM};
 *       bp-optimizers' and param-optimization's EMA (beta 0.9, theirs); dl-basics' heavy-ball with
 *       {@link #DEFAULT_MOMENTUM}.</li>
 *   <li>{@link OptimizerFamily#NESTEROV}: {@link OptimizerFamily#MOMENTUM} with Nesterov (frameworks).</li>
 *   <li>{@link OptimizerFamily#ADAGRAD}, {@link OptimizerFamily#RMSPROP}, {@link OptimizerFamily#ADAM}: the
 *       records' presets; {@link OptimizerFamily#ADAMW}: PyTorch's {@code AdamW}, Keras's {@code AdamW} and Optax's
 *       {@code adamw}, each with its framework's default decoupled weight decay.</li>
 * </ul>
 *
 * <p>Example: Adam as Keras 3 defines it, with dlref's fallback learning rate where the framework has none,
 * and the questions a user interface asks before building one:
 * <pre>{@code
 * OptimizerHyperparameters keras = Presets.hyperparameters(OptimizerFamily.ADAM, Preset.KERAS);   // lr 0.001
 * Optimizer optimizer = keras.create(model.parameters());
 * String what = keras.description();        // "Keras epsilon-hat Adam ... [lr=0.001, ...]"
 *
 * Presets.hyperparameters(OptimizerFamily.MOMENTUM, Preset.PYTORCH, 0.05);   // PyTorch SGD, momentum 0.9
 * Presets.dlrefChoices(OptimizerFamily.MOMENTUM, Preset.PYTORCH);            // [learningRate, momentum]
 * Presets.supports(OptimizerFamily.NESTEROV, Preset.BP_OPTIMIZERS);          // false
 * Presets.refusal(OptimizerFamily.NESTEROV, Preset.BP_OPTIMIZERS);           // Optional[the reason]
 * Adam.Hyperparameters typed = Presets.adam(OptimizerFamily.ADAMW, Preset.PYTORCH, 1e-3);
 * }</pre>
 */
public final class Presets {

    /**
     * dlref's learning rate for the SGD families and AdaGrad where the source has none (PyTorch's SGD, Optax,
     * the documents): not a framework default.
     */
    public static final double FALLBACK_SGD_LEARNING_RATE = 0.01;

    /**
     * dlref's learning rate for RMSProp, Adam and AdamW where the source has none (Optax, the documents): not
     * a framework default.
     */
    public static final double FALLBACK_ADAPTIVE_LEARNING_RATE = 0.001;

    /**
     * dlref's momentum for {@link OptimizerFamily#MOMENTUM} and {@link OptimizerFamily#NESTEROV} where the
     * source's default is 0 (PyTorch, Keras, Optax) or absent (dl-basics' alpha): not a framework default.
     */
    public static final double DEFAULT_MOMENTUM = 0.9;

    /**
     * dlref's decay {@code rho} for the RMSProp of bp-optimizers and dl-basics, which give none: not the
     * documents' value.
     */
    public static final double DOCUMENT_RMSPROP_DECAY = 0.9;

    /** The name of the learning rate in {@link #dlrefChoices(OptimizerFamily, Preset)}. */
    public static final String LEARNING_RATE = "learningRate";

    /** The name of SGD's momentum in {@link #dlrefChoices(OptimizerFamily, Preset)}. */
    public static final String MOMENTUM = "momentum";

    /** The name of RMSProp's decay in {@link #dlrefChoices(OptimizerFamily, Preset)}. */
    public static final String DECAY = "decay";

    private Presets() {
    }

    /**
     * Why a combination is not defined, or empty when it is.
     *
     * @param family the optimizer family
     * @param preset the preset
     * @return the reason, a sentence naming the family and the preset
     */
    public static Optional<String> refusal(OptimizerFamily family, Preset preset) {
        check(family, preset);
        String reason = switch (family) {
            case SGD, MOMENTUM -> null;
            case NESTEROV -> preset.isFramework() ? null : "the document gives no Nesterov momentum"
                    + (preset == Preset.DL_BASICS ? "" : " (its momentum is the EMA form, which has none)");
            case ADAGRAD -> preset == Preset.BP_OPTIMIZERS ? "the document gives no AdaGrad" : null;
            case RMSPROP -> preset == Preset.PARAM_OPTIMIZATION ? "the document gives no RMSProp" : null;
            case ADAM -> switch (preset) {
                case PARAM_OPTIMIZATION -> "the document gives only Adam's betas (0.9, 0.999), no update rule";
                case DL_BASICS -> "the document gives no Adam";
                default -> null;
            };
            case ADAMW -> preset.isFramework() ? null : "the document gives no AdamW";
        };
        return reason == null ? Optional.empty() : Optional.of(familyId(family) + " has no preset " + preset.id()
                + ": " + reason);
    }

    /**
     * Whether the combination is defined.
     *
     * @param family the optimizer family
     * @param preset the preset
     * @return {@code true} unless {@link #refusal(OptimizerFamily, Preset)} gives a reason
     */
    public static boolean supports(OptimizerFamily family, Preset preset) {
        return refusal(family, preset).isEmpty();
    }

    /**
     * The learning rate the source documents as its default, if it has one: PyTorch's for AdaGrad, RMSProp,
     * Adam and AdamW (not SGD, which has none in torch 1.13), Keras's for every family; none for Optax and the
     * documents.
     *
     * @param family the optimizer family
     * @param preset the preset
     * @return the default, or empty
     * @throws IllegalArgumentException if the combination is not defined
     */
    public static OptionalDouble defaultLearningRate(OptimizerFamily family, Preset preset) {
        requireSupported(family, preset);
        OptimizerHyperparameters withDefault = sourceDefaults(family, preset);
        return withDefault == null ? OptionalDouble.empty() : OptionalDouble.of(withDefault.learningRate());
    }

    /**
     * dlref's learning rate for a family whose preset has no default ({@link #FALLBACK_SGD_LEARNING_RATE} for
     * the SGD families and AdaGrad, {@link #FALLBACK_ADAPTIVE_LEARNING_RATE} for RMSProp, Adam and AdamW).
     *
     * @param family the optimizer family
     * @return the fallback learning rate
     */
    public static double fallbackLearningRate(OptimizerFamily family) {
        return switch (check(family, Preset.PYTORCH)) {
            case SGD, MOMENTUM, NESTEROV, ADAGRAD -> FALLBACK_SGD_LEARNING_RATE;
            case RMSPROP, ADAM, ADAMW -> FALLBACK_ADAPTIVE_LEARNING_RATE;
        };
    }

    /**
     * The learning rate {@link #hyperparameters(OptimizerFamily, Preset)} uses: the source's default, else
     * {@link #fallbackLearningRate(OptimizerFamily)}.
     *
     * @param family the optimizer family
     * @param preset the preset
     * @return the initial learning rate
     * @throws IllegalArgumentException if the combination is not defined
     */
    public static double initialLearningRate(OptimizerFamily family, Preset preset) {
        return defaultLearningRate(family, preset).orElse(fallbackLearningRate(family));
    }

    /**
     * The hyper-parameters whose value in {@link #hyperparameters(OptimizerFamily, Preset, double)} is dlref's
     * choice rather than the source's: {@link #LEARNING_RATE} where {@link #defaultLearningRate} is empty,
     * {@link #MOMENTUM} for {@link OptimizerFamily#MOMENTUM} and {@link OptimizerFamily#NESTEROV} except
     * bp-optimizers and param-optimization, {@link #DECAY} for the documents' RMSProp. A caller that must not
     * guess (the oracle) requires these from its user.
     *
     * @param family the optimizer family
     * @param preset the preset
     * @return the names of record components, in this order
     * @throws IllegalArgumentException if the combination is not defined
     */
    public static Set<String> dlrefChoices(OptimizerFamily family, Preset preset) {
        requireSupported(family, preset);
        Set<String> out = new LinkedHashSet<>();
        if (defaultLearningRate(family, preset).isEmpty()) {
            out.add(LEARNING_RATE);
        }
        if ((family == OptimizerFamily.MOMENTUM || family == OptimizerFamily.NESTEROV)
                && preset != Preset.BP_OPTIMIZERS && preset != Preset.PARAM_OPTIMIZATION) {
            out.add(MOMENTUM);
        }
        if (family == OptimizerFamily.RMSPROP && !preset.isFramework()) {
            out.add(DECAY);
        }
        return Collections.unmodifiableSet(out);
    }

    /**
     * The preset's hyper-parameters at its initial learning rate
     * ({@link #initialLearningRate(OptimizerFamily, Preset)}).
     *
     * @param family the optimizer family
     * @param preset the preset
     * @return the hyper-parameters
     * @throws IllegalArgumentException if the combination is not defined
     */
    public static OptimizerHyperparameters hyperparameters(OptimizerFamily family, Preset preset) {
        return hyperparameters(family, preset, initialLearningRate(family, preset));
    }

    /**
     * The preset's hyper-parameters with a given learning rate.
     *
     * @param family the optimizer family
     * @param preset the preset
     * @param learningRate {@code lr}, finite, {@code >= 0}
     * @return the hyper-parameters (an {@link SGD.Hyperparameters} for the SGD families, and so on)
     * @throws IllegalArgumentException if the combination is not defined or the learning rate is invalid
     */
    public static OptimizerHyperparameters hyperparameters(OptimizerFamily family, Preset preset,
            double learningRate) {
        return switch (check(family, preset)) {
            case SGD, MOMENTUM, NESTEROV -> sgd(family, preset, learningRate);
            case ADAGRAD -> adaGrad(preset, learningRate);
            case RMSPROP -> rmsProp(preset, learningRate);
            case ADAM, ADAMW -> adam(family, preset, learningRate);
        };
    }

    /**
     * {@link #hyperparameters(OptimizerFamily, Preset, double)} for the SGD families, typed.
     *
     * @param family {@link OptimizerFamily#SGD}, {@link OptimizerFamily#MOMENTUM} or
     *     {@link OptimizerFamily#NESTEROV}
     * @param preset the preset
     * @param learningRate {@code lr}
     * @return the hyper-parameters
     * @throws IllegalArgumentException if the family is not an SGD family, the combination is not defined or
     *     the learning rate is invalid
     */
    public static SGD.Hyperparameters sgd(OptimizerFamily family, Preset preset, double learningRate) {
        requireFamily(family, preset, OptimizerFamily.SGD, OptimizerFamily.MOMENTUM, OptimizerFamily.NESTEROV);
        SGD.Hyperparameters momentum = switch (preset) {
            case PYTORCH -> SGD.Hyperparameters.pytorch(learningRate).withMomentum(DEFAULT_MOMENTUM);
            case KERAS -> SGD.Hyperparameters.keras().withLearningRate(learningRate).withMomentum(DEFAULT_MOMENTUM);
            case OPTAX -> SGD.Hyperparameters.optax(learningRate).withMomentum(DEFAULT_MOMENTUM);
            case BP_OPTIMIZERS -> SGD.Hyperparameters.bpOptimizers(learningRate);
            case PARAM_OPTIMIZATION -> SGD.Hyperparameters.paramOptimization(learningRate);
            case DL_BASICS -> SGD.Hyperparameters.dlBasics(learningRate, DEFAULT_MOMENTUM);
        };
        return switch (family) {
            case SGD -> momentum.withMomentum(0.0);
            case NESTEROV -> momentum.withNesterov(true);
            default -> momentum;
        };
    }

    /**
     * {@link #hyperparameters(OptimizerFamily, Preset, double)} for {@link OptimizerFamily#ADAGRAD}, typed.
     *
     * @param preset the preset
     * @param learningRate {@code lr}
     * @return the hyper-parameters
     * @throws IllegalArgumentException if the combination is not defined or the learning rate is invalid
     */
    public static AdaGrad.Hyperparameters adaGrad(Preset preset, double learningRate) {
        requireSupported(OptimizerFamily.ADAGRAD, preset);
        return switch (preset) {
            case PYTORCH -> AdaGrad.Hyperparameters.pytorch().withLearningRate(learningRate);
            case KERAS -> AdaGrad.Hyperparameters.keras().withLearningRate(learningRate);
            case OPTAX -> AdaGrad.Hyperparameters.optax(learningRate);
            case DL_BASICS -> AdaGrad.Hyperparameters.dlBasics(learningRate);
            case PARAM_OPTIMIZATION -> AdaGrad.Hyperparameters.paramOptimization(learningRate);
            case BP_OPTIMIZERS -> throw new IllegalStateException("unreachable: refused above");
        };
    }

    /**
     * {@link #hyperparameters(OptimizerFamily, Preset, double)} for {@link OptimizerFamily#RMSPROP}, typed.
     *
     * @param preset the preset
     * @param learningRate {@code lr}
     * @return the hyper-parameters
     * @throws IllegalArgumentException if the combination is not defined or the learning rate is invalid
     */
    public static RMSProp.Hyperparameters rmsProp(Preset preset, double learningRate) {
        requireSupported(OptimizerFamily.RMSPROP, preset);
        return switch (preset) {
            case PYTORCH -> RMSProp.Hyperparameters.pytorch().withLearningRate(learningRate);
            case KERAS -> RMSProp.Hyperparameters.keras().withLearningRate(learningRate);
            case OPTAX -> RMSProp.Hyperparameters.optax(learningRate);
            case BP_OPTIMIZERS -> RMSProp.Hyperparameters.bpOptimizers(learningRate, DOCUMENT_RMSPROP_DECAY);
            case DL_BASICS -> RMSProp.Hyperparameters.dlBasics(learningRate, DOCUMENT_RMSPROP_DECAY);
            case PARAM_OPTIMIZATION -> throw new IllegalStateException("unreachable: refused above");
        };
    }

    /**
     * {@link #hyperparameters(OptimizerFamily, Preset, double)} for {@link OptimizerFamily#ADAM} and
     * {@link OptimizerFamily#ADAMW}, typed.
     *
     * @param family {@link OptimizerFamily#ADAM} or {@link OptimizerFamily#ADAMW}
     * @param preset the preset
     * @param learningRate {@code lr}
     * @return the hyper-parameters
     * @throws IllegalArgumentException if the family is not an Adam family, the combination is not defined or
     *     the learning rate is invalid
     */
    public static Adam.Hyperparameters adam(OptimizerFamily family, Preset preset, double learningRate) {
        requireFamily(family, preset, OptimizerFamily.ADAM, OptimizerFamily.ADAMW);
        boolean adamW = family == OptimizerFamily.ADAMW;
        return switch (preset) {
            case PYTORCH -> (adamW ? Adam.Hyperparameters.pytorchAdamW() : Adam.Hyperparameters.pytorch())
                    .withLearningRate(learningRate);
            case KERAS -> (adamW ? Adam.Hyperparameters.kerasAdamW() : Adam.Hyperparameters.keras())
                    .withLearningRate(learningRate);
            case OPTAX -> adamW ? Adam.Hyperparameters.optaxAdamW(learningRate)
                    : Adam.Hyperparameters.optax(learningRate);
            case BP_OPTIMIZERS -> Adam.Hyperparameters.bpOptimizers(learningRate);
            case PARAM_OPTIMIZATION, DL_BASICS -> throw new IllegalStateException("unreachable: refused above");
        };
    }

    /** The preset's hyper-parameters with the source's default learning rate, or null if it has none. */
    private static OptimizerHyperparameters sourceDefaults(OptimizerFamily family, Preset preset) {
        return switch (preset) {
            case KERAS -> switch (family) {
                case SGD, MOMENTUM, NESTEROV -> SGD.Hyperparameters.keras();
                case ADAGRAD -> AdaGrad.Hyperparameters.keras();
                case RMSPROP -> RMSProp.Hyperparameters.keras();
                case ADAM -> Adam.Hyperparameters.keras();
                case ADAMW -> Adam.Hyperparameters.kerasAdamW();
            };
            case PYTORCH -> switch (family) {
                case SGD, MOMENTUM, NESTEROV -> null;
                case ADAGRAD -> AdaGrad.Hyperparameters.pytorch();
                case RMSPROP -> RMSProp.Hyperparameters.pytorch();
                case ADAM -> Adam.Hyperparameters.pytorch();
                case ADAMW -> Adam.Hyperparameters.pytorchAdamW();
            };
            default -> null;
        };
    }

    private static String familyId(OptimizerFamily family) {
        return family.name().toLowerCase(Locale.ROOT);
    }

    private static OptimizerFamily check(OptimizerFamily family, Preset preset) {
        Check.notNull("Presets", "family", family);
        Check.notNull("Presets", "preset", preset);
        return family;
    }

    private static void requireSupported(OptimizerFamily family, Preset preset) {
        Optional<String> refusal = refusal(family, preset);
        if (refusal.isPresent()) {
            throw new IllegalArgumentException("Presets: " + refusal.get());
        }
    }

    private static void requireFamily(OptimizerFamily family, Preset preset, OptimizerFamily... allowed) {
        check(family, preset);
        if (!List.of(allowed).contains(family)) {
            throw new IllegalArgumentException("Presets: expected family " + List.of(allowed) + ", got "
                    + family);
        }
        requireSupported(family, preset);
    }
}
