package io.github.dlref.train;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.optim.AdaGrad;
import io.github.dlref.optim.Adam;
import io.github.dlref.optim.Optimizer;
import io.github.dlref.optim.OptimizerHyperparameters;
import io.github.dlref.optim.Presets;
import io.github.dlref.optim.RMSProp;
import io.github.dlref.optim.SGD;
import io.github.dlref.optim.WeightDecay;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An optimizer choice: kind, preset and the hyper-parameters to override (a {@code null} override keeps the
 * preset's value). A thin layer over {@link Presets}, which holds every default.
 *
 * <p>Learning rate when none is given: {@link Presets#initialLearningRate}, the preset's default where it has
 * one (PyTorch: Adam 0.001, AdaGrad 0.01, RMSprop 0.01; Keras: SGD 0.01, Adam, AdaGrad and RMSprop 0.001),
 * otherwise (PyTorch's SGD, which has none in torch 1.13, and every Optax optimizer) dlref's
 * {@link Presets#FALLBACK_SGD_LEARNING_RATE} for the SGD kinds and AdaGrad and
 * {@link Presets#FALLBACK_ADAPTIVE_LEARNING_RATE} for RMSprop and Adam.
 *
 * <p>Weight decay follows PyTorch's {@code weight_decay} argument: {@code lambda theta} added to the gradient
 * (coupled L2, {@code WeightDecay.coupledL2}) for every kind except {@link OptimizerKind#ADAMW}, whose decay is
 * decoupled ({@code theta -= lr lambda theta}, {@code WeightDecay.decoupled}).
 *
 * @param kind the optimizer
 * @param preset whose defaults and formulas
 * @param learningRate the learning rate, {@code >= 0}, or {@code null} for the default described above
 * @param momentum the momentum for the SGD kinds and RMSprop, in {@code [0, 1)}, or {@code null}
 *     ({@link Presets#DEFAULT_MOMENTUM} for {@link OptimizerKind#MOMENTUM} and {@link OptimizerKind#NESTEROV},
 *     the preset's otherwise)
 * @param beta1 Adam's first-moment decay, in {@code [0, 1)}, or {@code null} for the preset's (0.9)
 * @param beta2 Adam's second-moment decay, or RMSprop's square-average decay (PyTorch's {@code alpha},
 *     Keras' {@code rho}), in {@code [0, 1)}, or {@code null} for the preset's
 * @param epsilon the epsilon of AdaGrad, RMSprop and Adam, {@code >= 0}, or {@code null} for the preset's
 * @param weightDecay the weight-decay coefficient {@code lambda >= 0}, or {@code null} for the preset's: 0
 *     except for {@link OptimizerKind#ADAMW} (Keras's {@code Adam.KERAS_ADAMW_WEIGHT_DECAY}, PyTorch's 0.01,
 *     Optax's 1e-4)
 */
public record OptimizerConfig(OptimizerKind kind, Preset preset, Double learningRate, Double momentum, Double beta1,
        Double beta2, Double epsilon, Double weightDecay) {

    /**
     * Validates the overrides that apply to the kind and their ranges.
     *
     * @param kind the optimizer
     * @param preset the preset
     * @param learningRate the learning rate or {@code null}
     * @param momentum the momentum or {@code null}
     * @param beta1 Adam's beta1 or {@code null}
     * @param beta2 Adam's beta2 / RMSprop's decay or {@code null}
     * @param epsilon epsilon or {@code null}
     * @param weightDecay the weight decay or {@code null}
     * @throws IllegalArgumentException naming the setting, its value and the valid range, or a setting that does
     *     not apply to the kind
     */
    public OptimizerConfig {
        Objects.requireNonNull(kind, "optimizer: kind must not be null");
        Objects.requireNonNull(preset, "optimizer: preset must not be null");
        if (learningRate != null && !(learningRate >= 0 && Double.isFinite(learningRate))) {
            throw new IllegalArgumentException("optimizer: learning rate must be finite and >= 0, got " + learningRate);
        }
        if (weightDecay != null && !(weightDecay >= 0 && Double.isFinite(weightDecay))) {
            throw new IllegalArgumentException("optimizer: weight decay must be finite and >= 0, got " + weightDecay);
        }
        unit("momentum", momentum);
        unit("beta1", beta1);
        unit("beta2", beta2);
        if (epsilon != null && !(epsilon >= 0 && Double.isFinite(epsilon))) {
            throw new IllegalArgumentException("optimizer: epsilon must be finite and >= 0, got " + epsilon);
        }
        boolean sgd = kind == OptimizerKind.SGD || kind == OptimizerKind.MOMENTUM || kind == OptimizerKind.NESTEROV;
        boolean adam = kind == OptimizerKind.ADAM || kind == OptimizerKind.ADAMW;
        String name = kind.name().toLowerCase(Locale.ROOT);
        if (momentum != null && !(sgd || kind == OptimizerKind.RMSPROP)) {
            throw new IllegalArgumentException("optimizer: momentum applies to sgd, momentum, nesterov and rmsprop, "
                    + "not " + name);
        }
        if (kind == OptimizerKind.SGD && momentum != null && momentum != 0.0) {
            throw new IllegalArgumentException("optimizer: sgd has no momentum (got " + momentum
                    + "); use the optimizer 'momentum' or 'nesterov'");
        }
        if (beta1 != null && !adam) {
            throw new IllegalArgumentException("optimizer: beta1 applies to adam and adamw, not " + name);
        }
        if (beta2 != null && !(adam || kind == OptimizerKind.RMSPROP)) {
            throw new IllegalArgumentException("optimizer: beta2 applies to adam, adamw and rmsprop, not " + name);
        }
        if (epsilon != null && sgd) {
            throw new IllegalArgumentException("optimizer: epsilon applies to adagrad, rmsprop, adam and adamw, not "
                    + name);
        }
    }

    private static void unit(String name, Double value) {
        if (value != null && !(value >= 0.0 && value < 1.0)) {
            throw new IllegalArgumentException("optimizer: " + name + " must be in [0, 1), got " + value);
        }
    }

    /**
     * The default configuration of a kind: the preset's defaults.
     *
     * @param kind the optimizer
     * @param preset the preset
     * @return the configuration
     */
    public static OptimizerConfig of(OptimizerKind kind, Preset preset) {
        return new OptimizerConfig(kind, preset, null, null, null, null, null, null);
    }

    /**
     * A copy with another learning rate.
     *
     * @param lr the learning rate, or {@code null} for the default
     * @return the configuration
     */
    public OptimizerConfig withLearningRate(Double lr) {
        return new OptimizerConfig(kind, preset, lr, momentum, beta1, beta2, epsilon, weightDecay);
    }

    /**
     * A copy with another weight decay.
     *
     * @param lambda the coefficient, {@code >= 0}, or {@code null} for the preset's
     * @return the configuration
     */
    public OptimizerConfig withWeightDecay(Double lambda) {
        return new OptimizerConfig(kind, preset, learningRate, momentum, beta1, beta2, epsilon, lambda);
    }

    /**
     * The learning rate the optimizer starts with: the given one, else the preset's default, else dlref's
     * fallback ({@link Presets#initialLearningRate}).
     *
     * @return the initial learning rate
     */
    public double initialLearningRate() {
        if (learningRate != null) {
            return learningRate;
        }
        return Presets.initialLearningRate(kind.family(), preset.optim());
    }

    /**
     * The weight decay the optimizer applies: coupled L2 {@code lambda} for every kind but AdamW, decoupled for
     * AdamW; with no coefficient given, none, except AdamW's preset default.
     *
     * @return the weight decay
     */
    public WeightDecay resolvedWeightDecay() {
        if (kind == OptimizerKind.ADAMW) {
            return weightDecay != null ? WeightDecay.decoupled(weightDecay)
                    : Presets.hyperparameters(kind.family(), preset.optim()).weightDecay();
        }
        return weightDecay == null || weightDecay == 0.0 ? WeightDecay.none() : WeightDecay.coupledL2(weightDecay);
    }

    /**
     * The hyper-parameters: the preset's ({@link Presets}) at {@link #initialLearningRate()} with
     * {@link #resolvedWeightDecay()} and every given override.
     *
     * @return the hyper-parameters
     * @throws IllegalArgumentException if the optimizer rejects a combination of settings (its message names it)
     */
    public OptimizerHyperparameters hyperparameters() {
        double lr = initialLearningRate();
        WeightDecay decay = resolvedWeightDecay();
        io.github.dlref.optim.Preset p = preset.optim();
        return switch (kind) {
            case SGD, MOMENTUM, NESTEROV -> {
                SGD.Hyperparameters h = Presets.sgd(kind.family(), p, lr).withWeightDecay(decay);
                yield momentum != null ? h.withMomentum(momentum) : h;
            }
            case ADAGRAD -> {
                AdaGrad.Hyperparameters h = Presets.adaGrad(p, lr).withWeightDecay(decay);
                yield epsilon != null ? h.withEpsilon(epsilon) : h;
            }
            case RMSPROP -> {
                RMSProp.Hyperparameters h = Presets.rmsProp(p, lr).withWeightDecay(decay);
                if (momentum != null) {
                    h = h.withMomentum(momentum);
                }
                if (beta2 != null) {
                    h = h.withDecay(beta2);
                }
                yield epsilon != null ? h.withEpsilon(epsilon) : h;
            }
            case ADAM, ADAMW -> {
                Adam.Hyperparameters h = Presets.adam(kind.family(), p, lr).withWeightDecay(decay);
                if (beta1 != null || beta2 != null) {
                    h = h.withBetas(beta1 != null ? beta1 : h.beta1(), beta2 != null ? beta2 : h.beta2());
                }
                yield epsilon != null ? h.withEpsilon(epsilon) : h;
            }
        };
    }

    /**
     * Creates the optimizer over the given parameters.
     *
     * @param parameters the parameters (unique names, as the optimizers require)
     * @return the optimizer, at {@link #initialLearningRate()}
     * @throws IllegalArgumentException if the optimizer rejects a combination of settings (its message names it)
     */
    public Optimizer create(List<Parameter> parameters) {
        return hyperparameters().create(parameters);
    }

    /**
     * A short description, for example {@code adam(pytorch) lr=0.001}.
     *
     * @return the description
     */
    public String describe() {
        StringBuilder sb = new StringBuilder(kind.name().toLowerCase(Locale.ROOT)).append('(')
                .append(preset.name().toLowerCase(Locale.ROOT)).append(") lr=").append(initialLearningRate());
        if (momentum != null) {
            sb.append(" momentum=").append(momentum);
        }
        if (beta1 != null) {
            sb.append(" beta1=").append(beta1);
        }
        if (beta2 != null) {
            sb.append(" beta2=").append(beta2);
        }
        if (epsilon != null) {
            sb.append(" eps=").append(epsilon);
        }
        if (weightDecay != null) {
            sb.append(" weight_decay=").append(weightDecay);
        }
        return sb.toString();
    }
}
