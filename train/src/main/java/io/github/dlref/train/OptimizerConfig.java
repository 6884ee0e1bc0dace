package io.github.dlref.train;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.optim.ASGD;
import io.github.dlref.optim.AdaGrad;
import io.github.dlref.optim.Adadelta;
import io.github.dlref.optim.Adam;
import io.github.dlref.optim.Adamax;
import io.github.dlref.optim.NAdam;
import io.github.dlref.optim.Optimizer;
import io.github.dlref.optim.OptimizerHyperparameters;
import io.github.dlref.optim.Presets;
import io.github.dlref.optim.RAdam;
import io.github.dlref.optim.RMSProp;
import io.github.dlref.optim.Rprop;
import io.github.dlref.optim.SGD;
import io.github.dlref.optim.WeightDecay;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An optimizer choice: kind, preset and the hyper-parameters to override (a {@code null} override keeps the
 * preset's value). A thin layer over {@link Presets} and the optimizers' hyper-parameter records, which hold every
 * default.
 *
 * <p>Learning rate when none is given: {@link Presets#initialLearningRate}, the preset's default where it has
 * one (PyTorch: Adam 0.001, AdaGrad 0.01, RMSprop 0.01; Keras: SGD 0.01, Adam, AdaGrad and RMSprop 0.001),
 * otherwise (PyTorch's SGD, which has none in torch 1.13, and every Optax optimizer) dlref's
 * {@link Presets#FALLBACK_SGD_LEARNING_RATE} for the SGD kinds and AdaGrad and
 * {@link Presets#FALLBACK_ADAPTIVE_LEARNING_RATE} for RMSprop and Adam. The kinds without an optim family take
 * the framework's default from their record: NAdam 2e-3 (PyTorch) and 1e-3 (Keras), RAdam 1e-3, Adamax 2e-3
 * (PyTorch) and 1e-3 (Keras), Adadelta 1.0 (PyTorch) and 1e-3 (Keras), Rprop 0.01, ASGD 0.01; Optax's
 * {@code nadam}, {@code radam} and {@code adamax} have none, so {@link Presets#FALLBACK_ADAPTIVE_LEARNING_RATE}.
 *
 * <p>Presets of those kinds: NAdam pytorch (torch 1.13's form), keras ({@code Nadam}) and optax ({@code nadam});
 * RAdam pytorch and optax (Keras 3 has no RAdam); Adadelta pytorch and keras; Adamax pytorch, keras (epsilon after
 * the maximum) and optax (PyTorch's formula, epsilon inside the maximum, at Optax's defaults); Rprop and ASGD pytorch
 * only (dlref implements PyTorch's form of each). Another preset is refused with the reason.
 *
 * <p>Weight decay follows PyTorch's {@code weight_decay} argument: {@code lambda theta} added to the gradient
 * (coupled L2, {@code WeightDecay.coupledL2}) for every kind except {@link OptimizerKind#ADAMW}, whose decay is
 * decoupled ({@code theta -= lr lambda theta}, {@code WeightDecay.decoupled}), and {@link OptimizerKind#RPROP},
 * which has none (as PyTorch's {@code Rprop}).
 *
 * <p>L-BFGS is refused ({@link #LBFGS_REFUSAL}): it re-evaluates the loss several times per step through a
 * closure, which this mini-batch loop does not do.
 *
 * @param kind the optimizer
 * @param preset whose defaults and formulas
 * @param learningRate the learning rate, {@code >= 0}, or {@code null} for the default described above (Rprop:
 *     the initial step size)
 * @param momentum the momentum for the SGD kinds and RMSprop, in {@code [0, 1)}, or {@code null}
 *     ({@link Presets#DEFAULT_MOMENTUM} for {@link OptimizerKind#MOMENTUM} and {@link OptimizerKind#NESTEROV},
 *     the preset's otherwise)
 * @param beta1 the first-moment decay of Adam, AdamW, NAdam, RAdam and Adamax, in {@code [0, 1)}, or {@code null}
 *     for the preset's (0.9)
 * @param beta2 the second-moment decay of Adam, AdamW, NAdam and RAdam, Adamax's infinity-norm decay, or RMSprop's
 *     square-average decay (PyTorch's {@code alpha}, Keras' {@code rho}), in {@code [0, 1)}, or {@code null} for the
 *     preset's
 * @param epsilon the epsilon of AdaGrad, RMSprop, Adam, AdamW, NAdam, RAdam, Adamax and Adadelta, {@code >= 0}, or
 *     {@code null} for the preset's
 * @param weightDecay the weight-decay coefficient {@code lambda >= 0}, or {@code null} for the preset's: 0
 *     except for {@link OptimizerKind#ADAMW} (Keras's {@code Adam.KERAS_ADAMW_WEIGHT_DECAY}, PyTorch's 0.01,
 *     Optax's 1e-4); not for Rprop
 * @param momentumDecay NAdam's {@code momentum_decay} {@code psi} of {@code mu_t = beta1 (1 - 0.5 0.96^(t psi))},
 *     finite, {@code >= 0}, or {@code null} (PyTorch 4e-3, Keras 1; Optax's nadam has no schedule and refuses it)
 * @param rho Adadelta's decay of both running averages, in {@code [0, 1]}, or {@code null} (PyTorch 0.9, Keras 0.95)
 * @param etaMinus Rprop's factor after a sign change, in {@code (0, 1)}, or {@code null} (0.5)
 * @param etaPlus Rprop's factor while the sign holds, finite, {@code > 1}, or {@code null} (1.2)
 * @param stepSizeMin Rprop's smallest step size, finite, {@code >= 0}, or {@code null} (1e-6)
 * @param stepSizeMax Rprop's largest step size, finite, {@code >= stepSizeMin}, or {@code null} (50)
 * @param lambda ASGD's decay term {@code lambd}, finite, {@code >= 0}, or {@code null} (1e-4)
 * @param alpha ASGD's power of the step decay {@code eta = lr / (1 + lambd lr t)^alpha}, finite, {@code >= 0}, or
 *     {@code null} (0.75)
 * @param t0 ASGD's step after which averaging starts, finite, {@code >= 0}, or {@code null} (1e6)
 */
public record OptimizerConfig(OptimizerKind kind, Preset preset, Double learningRate, Double momentum, Double beta1,
        Double beta2, Double epsilon, Double weightDecay, Double momentumDecay, Double rho, Double etaMinus,
        Double etaPlus, Double stepSizeMin, Double stepSizeMax, Double lambda, Double alpha, Double t0) {

    /**
     * Why {@code lbfgs} is not an optimizer of the app, as the command line reports it.
     */
    public static final String LBFGS_REFUSAL = "lbfgs is not a mini-batch optimizer: run it with dlref run "
            + "(spec optimizer type lbfgs)";

    /**
     * Validates the overrides that apply to the kind and their ranges, and the preset.
     *
     * @param kind the optimizer
     * @param preset the preset
     * @param learningRate the learning rate or {@code null}
     * @param momentum the momentum or {@code null}
     * @param beta1 beta1 or {@code null}
     * @param beta2 beta2 / RMSprop's decay or {@code null}
     * @param epsilon epsilon or {@code null}
     * @param weightDecay the weight decay or {@code null}
     * @param momentumDecay NAdam's psi or {@code null}
     * @param rho Adadelta's rho or {@code null}
     * @param etaMinus Rprop's eta minus or {@code null}
     * @param etaPlus Rprop's eta plus or {@code null}
     * @param stepSizeMin Rprop's smallest step or {@code null}
     * @param stepSizeMax Rprop's largest step or {@code null}
     * @param lambda ASGD's lambd or {@code null}
     * @param alpha ASGD's alpha or {@code null}
     * @param t0 ASGD's t0 or {@code null}
     * @throws IllegalArgumentException naming the setting, its value and the valid range, a setting that does
     *     not apply to the kind, or a preset the kind does not have
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
        nonNegative("momentum decay", momentumDecay);
        if (rho != null && !(rho >= 0.0 && rho <= 1.0)) {
            throw new IllegalArgumentException("optimizer: rho must be in [0, 1], got " + rho);
        }
        if (etaMinus != null && !(etaMinus > 0.0 && etaMinus < 1.0)) {
            throw new IllegalArgumentException("optimizer: eta minus must be in (0, 1), got " + etaMinus);
        }
        if (etaPlus != null && !(etaPlus > 1.0 && Double.isFinite(etaPlus))) {
            throw new IllegalArgumentException("optimizer: eta plus must be finite and > 1, got " + etaPlus);
        }
        nonNegative("minimum step size", stepSizeMin);
        nonNegative("maximum step size", stepSizeMax);
        nonNegative("lambd", lambda);
        nonNegative("alpha", alpha);
        nonNegative("t0", t0);
        String name = kind.id();
        boolean sgd = kind == OptimizerKind.SGD || kind == OptimizerKind.MOMENTUM || kind == OptimizerKind.NESTEROV;
        boolean adam = kind == OptimizerKind.ADAM || kind == OptimizerKind.ADAMW;
        boolean adamLike = adam || kind == OptimizerKind.NADAM || kind == OptimizerKind.RADAM
                || kind == OptimizerKind.ADAMAX;
        if (momentum != null && !(sgd || kind == OptimizerKind.RMSPROP)) {
            throw new IllegalArgumentException("optimizer: momentum applies to sgd, momentum, nesterov and rmsprop, "
                    + "not " + name);
        }
        if (kind == OptimizerKind.SGD && momentum != null && momentum != 0.0) {
            throw new IllegalArgumentException("optimizer: sgd has no momentum (got " + momentum
                    + "); use the optimizer 'momentum' or 'nesterov'");
        }
        if (beta1 != null && !adamLike) {
            throw new IllegalArgumentException("optimizer: beta1 applies to adam, adamw, nadam, radam and adamax, not "
                    + name);
        }
        if (beta2 != null && !(adamLike || kind == OptimizerKind.RMSPROP)) {
            throw new IllegalArgumentException("optimizer: beta2 applies to adam, adamw, nadam, radam, adamax and "
                    + "rmsprop, not " + name);
        }
        if (epsilon != null && (sgd || kind == OptimizerKind.RPROP || kind == OptimizerKind.ASGD)) {
            throw new IllegalArgumentException("optimizer: epsilon applies to adagrad, rmsprop, adam, adamw, nadam, "
                    + "radam, adamax and adadelta, not " + name);
        }
        if (weightDecay != null && kind == OptimizerKind.RPROP) {
            throw new IllegalArgumentException("optimizer: weight decay does not apply to rprop (PyTorch's Rprop has "
                    + "no weight_decay)");
        }
        only("momentum decay", momentumDecay, kind, OptimizerKind.NADAM);
        only("rho", rho, kind, OptimizerKind.ADADELTA);
        only("eta minus", etaMinus, kind, OptimizerKind.RPROP);
        only("eta plus", etaPlus, kind, OptimizerKind.RPROP);
        only("minimum step size", stepSizeMin, kind, OptimizerKind.RPROP);
        only("maximum step size", stepSizeMax, kind, OptimizerKind.RPROP);
        only("lambd", lambda, kind, OptimizerKind.ASGD);
        only("alpha", alpha, kind, OptimizerKind.ASGD);
        only("t0", t0, kind, OptimizerKind.ASGD);
        if (stepSizeMin != null || stepSizeMax != null) {
            Rprop.Hyperparameters defaults = Rprop.Hyperparameters.pytorch();
            double min = or(stepSizeMin, defaults.stepSizeMin());
            double max = or(stepSizeMax, defaults.stepSizeMax());
            if (max < min) {
                throw new IllegalArgumentException("optimizer: maximum step size (" + max + ") must be >= minimum "
                        + "step size (" + min + ")");
            }
        }
        if (momentumDecay != null && preset == Preset.OPTAX) {
            throw new IllegalArgumentException("optimizer: momentum decay does not apply to nadam with preset optax "
                    + "(Optax's nadam has no momentum schedule)");
        }
        presetRefusal(kind, preset).ifPresent(reason -> {
            throw new IllegalArgumentException("optimizer: " + reason);
        });
    }

    /**
     * A configuration of one of the first seven kinds (every setting of the later kinds {@code null}).
     *
     * @param kind the optimizer
     * @param preset the preset
     * @param learningRate the learning rate or {@code null}
     * @param momentum the momentum or {@code null}
     * @param beta1 beta1 or {@code null}
     * @param beta2 beta2 / RMSprop's decay or {@code null}
     * @param epsilon epsilon or {@code null}
     * @param weightDecay the weight decay or {@code null}
     * @throws IllegalArgumentException as the canonical constructor
     */
    public OptimizerConfig(OptimizerKind kind, Preset preset, Double learningRate, Double momentum, Double beta1,
            Double beta2, Double epsilon, Double weightDecay) {
        this(kind, preset, learningRate, momentum, beta1, beta2, epsilon, weightDecay, null, null, null, null, null,
                null, null, null, null);
    }

    private static void unit(String name, Double value) {
        if (value != null && !(value >= 0.0 && value < 1.0)) {
            throw new IllegalArgumentException("optimizer: " + name + " must be in [0, 1), got " + value);
        }
    }

    private static void nonNegative(String name, Double value) {
        if (value != null && !(value >= 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException("optimizer: " + name + " must be finite and >= 0, got " + value);
        }
    }

    private static void only(String name, Double value, OptimizerKind kind, OptimizerKind owner) {
        if (value != null && kind != owner) {
            throw new IllegalArgumentException("optimizer: " + name + " applies to " + owner.id() + " only, not "
                    + kind.id());
        }
    }

    /**
     * Why a kind has no such preset, or empty when it has.
     *
     * @param kind the optimizer
     * @param preset the preset
     * @return the reason, a sentence naming the kind and the preset
     */
    public static Optional<String> presetRefusal(OptimizerKind kind, Preset preset) {
        String why = switch (kind) {
            case RADAM -> preset == Preset.KERAS ? "Keras 3 has no RAdam; use pytorch or optax" : null;
            case ADADELTA -> preset == Preset.OPTAX ? "dlref's Adadelta presets are PyTorch's and Keras's; use "
                    + "pytorch or keras" : null;
            case RPROP -> preset != Preset.PYTORCH ? "dlref implements PyTorch's Rprop; use pytorch" : null;
            case ASGD -> preset != Preset.PYTORCH ? "ASGD is PyTorch's (Keras and Optax have none); use pytorch"
                    : null;
            default -> null;
        };
        return why == null ? Optional.empty() : Optional.of(kind.id() + " has no preset "
                + preset.name().toLowerCase(Locale.ROOT) + ": " + why);
    }

    /**
     * The default configuration of a kind: the preset's defaults.
     *
     * @param kind the optimizer
     * @param preset the preset
     * @return the configuration
     * @throws IllegalArgumentException if the kind has no such preset ({@link #presetRefusal})
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
        return new OptimizerConfig(kind, preset, lr, momentum, beta1, beta2, epsilon, weightDecay, momentumDecay, rho,
                etaMinus, etaPlus, stepSizeMin, stepSizeMax, lambda, alpha, t0);
    }

    /**
     * A copy with another weight decay.
     *
     * @param value the coefficient, {@code >= 0}, or {@code null} for the preset's
     * @return the configuration
     */
    public OptimizerConfig withWeightDecay(Double value) {
        return new OptimizerConfig(kind, preset, learningRate, momentum, beta1, beta2, epsilon, value, momentumDecay,
                rho, etaMinus, etaPlus, stepSizeMin, stepSizeMax, lambda, alpha, t0);
    }

    /**
     * The learning rate the optimizer starts with: the given one, else the preset's default, else dlref's
     * fallback ({@link Presets#initialLearningRate}; for the kinds without a family, the record's framework default
     * or {@link Presets#FALLBACK_ADAPTIVE_LEARNING_RATE} for Optax).
     *
     * @return the initial learning rate
     */
    public double initialLearningRate() {
        if (learningRate != null) {
            return learningRate;
        }
        if (kind.hasFamily()) {
            return Presets.initialLearningRate(kind.family(), preset.optim());
        }
        return preset == Preset.OPTAX ? Presets.FALLBACK_ADAPTIVE_LEARNING_RATE : base().learningRate();
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

    /** The framework record of a kind without a family, at its own default learning rate (Optax: the fallback). */
    private OptimizerHyperparameters base() {
        double optaxLr = Presets.FALLBACK_ADAPTIVE_LEARNING_RATE;
        return switch (kind) {
            case NADAM -> switch (preset) {
                case PYTORCH -> NAdam.Hyperparameters.pytorch();
                case KERAS -> NAdam.Hyperparameters.keras();
                case OPTAX -> NAdam.Hyperparameters.optax(optaxLr);
            };
            case RADAM -> preset == Preset.OPTAX ? RAdam.Hyperparameters.optax(optaxLr)
                    : RAdam.Hyperparameters.pytorch();
            case ADAMAX -> switch (preset) {
                case PYTORCH -> Adamax.Hyperparameters.pytorch();
                case KERAS -> Adamax.Hyperparameters.keras();
                case OPTAX -> Adamax.Hyperparameters.optax(optaxLr);
            };
            case ADADELTA -> preset == Preset.KERAS ? Adadelta.Hyperparameters.keras()
                    : Adadelta.Hyperparameters.pytorch();
            case RPROP -> Rprop.Hyperparameters.pytorch();
            case ASGD -> ASGD.Hyperparameters.pytorch();
            default -> throw new IllegalStateException("optimizer: " + kind.id() + " has an optim family");
        };
    }

    /**
     * The hyper-parameters: the preset's ({@link Presets}, or the record's framework factory for the kinds without
     * a family) at {@link #initialLearningRate()} with {@link #resolvedWeightDecay()} and every given override.
     *
     * @return the hyper-parameters
     * @throws IllegalArgumentException if the optimizer rejects a combination of settings (its message names it)
     */
    public OptimizerHyperparameters hyperparameters() {
        double lr = initialLearningRate();
        WeightDecay decay = resolvedWeightDecay();
        if (!kind.hasFamily()) {
            return laterKind(lr, decay);
        }
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
            default -> {
                Adam.Hyperparameters h = Presets.adam(kind.family(), p, lr).withWeightDecay(decay);
                if (beta1 != null || beta2 != null) {
                    h = h.withBetas(beta1 != null ? beta1 : h.beta1(), beta2 != null ? beta2 : h.beta2());
                }
                yield epsilon != null ? h.withEpsilon(epsilon) : h;
            }
        };
    }

    private OptimizerHyperparameters laterKind(double lr, WeightDecay decay) {
        OptimizerHyperparameters base = base();
        return switch (kind) {
            case NADAM -> {
                NAdam.Hyperparameters h = ((NAdam.Hyperparameters) base).withLearningRate(lr).withWeightDecay(decay);
                h = h.withBetas(or(beta1, h.beta1()), or(beta2, h.beta2())).withEpsilon(or(epsilon, h.epsilon()));
                yield h.withMomentumDecay(or(momentumDecay, h.momentumDecay()));
            }
            case RADAM -> {
                RAdam.Hyperparameters h = ((RAdam.Hyperparameters) base).withLearningRate(lr).withWeightDecay(decay);
                yield h.withBetas(or(beta1, h.beta1()), or(beta2, h.beta2())).withEpsilon(or(epsilon, h.epsilon()));
            }
            case ADAMAX -> {
                Adamax.Hyperparameters h = ((Adamax.Hyperparameters) base).withLearningRate(lr).withWeightDecay(decay);
                yield h.withBetas(or(beta1, h.beta1()), or(beta2, h.beta2())).withEpsilon(or(epsilon, h.epsilon()));
            }
            case ADADELTA -> {
                Adadelta.Hyperparameters h = ((Adadelta.Hyperparameters) base).withLearningRate(lr)
                        .withWeightDecay(decay);
                yield h.withRho(or(rho, h.rho())).withEpsilon(or(epsilon, h.epsilon()));
            }
            case RPROP -> {
                Rprop.Hyperparameters h = ((Rprop.Hyperparameters) base).withLearningRate(lr);
                h = h.withEtas(or(etaMinus, h.etaMinus()), or(etaPlus, h.etaPlus()));
                yield h.withStepSizes(or(stepSizeMin, h.stepSizeMin()), or(stepSizeMax, h.stepSizeMax()));
            }
            default -> {
                ASGD.Hyperparameters h = ((ASGD.Hyperparameters) base).withLearningRate(lr).withWeightDecay(decay);
                yield h.withSchedule(or(lambda, h.lambda()), or(alpha, h.alpha()), or(t0, h.t0()));
            }
        };
    }

    private static double or(Double value, double fallback) {
        return value != null ? value : fallback;
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
        StringBuilder sb = new StringBuilder(kind.id()).append('(')
                .append(preset.name().toLowerCase(Locale.ROOT)).append(") lr=").append(initialLearningRate());
        List<String> parts = new ArrayList<>();
        add(parts, "momentum", momentum);
        add(parts, "beta1", beta1);
        add(parts, "beta2", beta2);
        add(parts, "eps", epsilon);
        add(parts, "weight_decay", weightDecay);
        add(parts, "momentum_decay", momentumDecay);
        add(parts, "rho", rho);
        if (etaMinus != null || etaPlus != null) {
            Rprop.Hyperparameters h = (Rprop.Hyperparameters) hyperparameters();
            parts.add("etas=(" + h.etaMinus() + ", " + h.etaPlus() + ")");
        }
        if (stepSizeMin != null || stepSizeMax != null) {
            Rprop.Hyperparameters h = (Rprop.Hyperparameters) hyperparameters();
            parts.add("step_sizes=(" + h.stepSizeMin() + ", " + h.stepSizeMax() + ")");
        }
        add(parts, "lambd", lambda);
        add(parts, "alpha", alpha);
        add(parts, "t0", t0);
        for (String part : parts) {
            sb.append(' ').append(part);
        }
        return sb.toString();
    }

    private static void add(List<String> parts, String name, Double value) {
        if (value != null) {
            parts.add(name + "=" + value);
        }
    }
}
