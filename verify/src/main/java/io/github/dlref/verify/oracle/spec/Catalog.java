package io.github.dlref.verify.oracle.spec;

import static io.github.dlref.verify.oracle.spec.Field.optional;
import static io.github.dlref.verify.oracle.spec.Field.required;

import io.github.dlref.verify.oracle.spec.Kind.Bool;
import io.github.dlref.verify.oracle.spec.Kind.Choice;
import io.github.dlref.verify.oracle.spec.Kind.Groups;
import io.github.dlref.verify.oracle.spec.Kind.Int;
import io.github.dlref.verify.oracle.spec.Kind.IntList;
import io.github.dlref.verify.oracle.spec.Kind.Mat;
import io.github.dlref.verify.oracle.spec.Kind.Nested;
import io.github.dlref.verify.oracle.spec.Kind.Num;
import io.github.dlref.verify.oracle.spec.Kind.NumArray;
import io.github.dlref.verify.oracle.spec.Kind.NumList;
import io.github.dlref.verify.oracle.spec.Kind.Selector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every component type of the spec format and its settings, in one table (package-private). The parser, the
 * writer, the engine builders and the generated JSON Schema all read this table, so the format has one
 * source of truth. Setting names follow PyTorch where PyTorch has the setting ({@code lr}, {@code betas},
 * {@code eps}, {@code weight_decay}, {@code momentum}, {@code dampening}, {@code nesterov}, {@code amsgrad},
 * {@code lr_decay}, {@code initial_accumulator_value}, {@code alpha}, {@code centered}, {@code step_size},
 * {@code gamma}, {@code milestones}, {@code T_max}, {@code eta_min}, {@code negative_slope}, {@code p},
 * {@code margin}, {@code reduction}); otherwise Optax's ({@code eps_root}, {@code initial_scale}) or a name
 * for dlref's convention switches ({@code momentum_form}, {@code epsilon_form}, ...).
 */
final class Catalog {

    static final String LAYER = "layer";
    static final String INIT = "init";
    static final String LOSS = "loss";
    static final String REGULARIZER = "regularizer";
    static final String OPTIMIZER = "optimizer";
    static final String SCHEDULE = "schedule";
    static final String DATASET = "dataset";
    /** Gradient clipping, the value of {@code training.clipping} (issue 21). */
    static final String CLIPPING = "clipping";

    /** The families, in the order of the documentation. */
    static final List<String> FAMILIES = List.of(LAYER, INIT, LOSS, REGULARIZER, OPTIMIZER, SCHEDULE, DATASET,
            CLIPPING);

    /** The optimizer setting that splits the parameters into groups (PyTorch's {@code param_groups}). */
    static final String PARAM_GROUPS = "param_groups";

    private static final Map<String, Map<String, ComponentType>> TYPES = new LinkedHashMap<>();

    private static final Num NON_NEGATIVE = Num.atLeast(0.0);
    private static final Num POSITIVE = Num.above(0.0);
    private static final Choice WEIGHT_DECAY_FORM = new Choice(List.of("coupled_l2", "decoupled", "decoupled_unscaled"));
    private static final Choice EPS_PLACEMENT = new Choice(List.of("outside_sqrt", "inside_sqrt"));
    private static final Field LR = optional("lr", NON_NEGATIVE, null,
            "learning rate (default: the preset's; required for presets without one)");
    private static final Field WEIGHT_DECAY = optional("weight_decay", NON_NEGATIVE, null,
            "weight decay coefficient lambda (default: the preset's, usually 0)");
    private static final Field WEIGHT_DECAY_FORM_FIELD = optional("weight_decay_form", WEIGHT_DECAY_FORM, null,
            "coupled_l2: g + lambda theta (PyTorch weight_decay); decoupled: theta (1 - lr lambda) (AdamW, Keras); "
                    + "decoupled_unscaled: theta (1 - lambda) (dl-basics). Default: the preset's");
    private static final Field REDUCTION = optional("reduction", new Choice(List.of("mean", "sum")), "mean",
            "how per-sample losses are combined (PyTorch's reduction; what mean divides by is the loss's own)");
    private static final Int IGNORE_INDEX = new Int(Integer.MIN_VALUE, Integer.MAX_VALUE);
    private static final String IGNORE_INDEX_NOTE = "PyTorch ignore_index: samples of this class index contribute 0 "
            + "and are left out of the mean's divisor (the total weight of the others); when given, the run uses "
            + "class-index targets, so it leaves out the samples of that class in [0, K). Default -100 (none)";
    private static final Field INTERVAL = optional("interval", new Choice(List.of("step", "epoch")), "step",
            "when the schedule advances: after every optimizer step, or after every epoch");

    static {
        // Layers (the model is a Sequential of these; widths are tracked from model.input).
        add(LAYER, "linear", "y = x W^T + b (PyTorch nn.Linear); W is out x in", List.of(
                required("out", Int.count(), "output width"),
                optional("bias", new Bool(), Boolean.TRUE, "whether the layer has a bias"),
                optional("weight_init", new Nested(INIT), null,
                        "initializer of the weight (default: PyTorch's, U(-1/sqrt(in), 1/sqrt(in)))"),
                optional("bias_init", new Nested(INIT), null,
                        "initializer of the bias (default: PyTorch's, U(-1/sqrt(in), 1/sqrt(in)))")));
        add(LAYER, "relu", "max(0, x), ReLU'(0) = 0", List.of());
        add(LAYER, "leaky_relu", "x if x > 0 else negative_slope x", List.of(
                optional("negative_slope", NON_NEGATIVE, 0.01, "slope for x < 0 (PyTorch default 0.01)")));
        add(LAYER, "sigmoid", "1 / (1 + exp(-x))", List.of());
        add(LAYER, "tanh", "tanh(x)", List.of());
        add(LAYER, "softmax", "softmax over each row", List.of());
        add(LAYER, "identity", "x", List.of());
        add(LAYER, "batchnorm", "batch normalization over features (BatchNorm1d / Keras BatchNormalization)", List.of(
                optional("convention", new Choice(List.of("pytorch", "keras")), "pytorch",
                        "pytorch: running = (1 - momentum) running + momentum batch, unbiased variance stored; "
                                + "keras: moving = momentum moving + (1 - momentum) batch, biased variance stored"),
                optional("eps", POSITIVE, null, "added to the variance (default 1e-5 pytorch, 1e-3 keras)"),
                optional("momentum", Num.unitClosed(), null, "running-statistics momentum (default 0.1 pytorch, "
                        + "0.99 keras)"),
                optional("affine", new Bool(), Boolean.TRUE, "learned scale (weight) and shift (bias)")));
        add(LAYER, "dropout", "inverted dropout, p = probability of dropping", List.of(
                required("p", Num.unitClosed(), "drop probability"),
                required("seed", Int.any(), "seed of the layer's own generator (one nextDouble per entry)")));

        // Issue 21: normalization over features and further activations (PyTorch's names and defaults).
        add(LAYER, "layer_norm", "(x - mean) / sqrt(var + eps) weight + bias over each row (PyTorch nn.LayerNorm(D), "
                + "biased variance)", List.of(
                optional("eps", POSITIVE, 1e-5, "added to the variance"),
                optional("elementwise_affine", new Bool(), Boolean.TRUE,
                        "learned scale (weight, ones) and shift (bias, zeros)")));
        add(LAYER, "gelu", "x Phi(x) (PyTorch nn.GELU)", List.of(
                optional("approximate", new Choice(List.of("none", "tanh")), "none",
                        "none: Phi(x) = (1 + erf(x / sqrt 2)) / 2; tanh: x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) / 2")));
        add(LAYER, "elu", "x if x > 0 else alpha (exp(x) - 1) (PyTorch nn.ELU)", List.of(
                optional("alpha", Num.any(), 1.0, "negative-side saturation")));
        add(LAYER, "selu", "scale (x if x > 0 else alpha (exp(x) - 1)), PyTorch's alpha and scale (nn.SELU)", List.of());
        add(LAYER, "silu", "x sigmoid(x) (PyTorch nn.SiLU, swish)", List.of());
        add(LAYER, "softplus", "log(1 + exp(beta x)) / beta, x where beta x > threshold (PyTorch nn.Softplus)", List.of(
                optional("beta", POSITIVE, 1.0, "sharpness"),
                optional("threshold", Num.any(), 20.0, "above this beta x the layer is the identity")));
        add(LAYER, "hardtanh", "min(max(x, min_val), max_val), gradient 0 at the bounds (PyTorch nn.Hardtanh)", List.of(
                optional("min_val", Num.any(), -1.0, "lower bound"),
                optional("max_val", Num.any(), 1.0, "upper bound, >= min_val")));
        add(LAYER, "log_softmax", "log softmax over each row (PyTorch nn.LogSoftmax(dim=1)), the input of nll and "
                + "kl_div", List.of());

        // Initializers (PyTorch torch.nn.init names and arguments).
        add(INIT, "uniform", "U(a, b)", List.of(
                optional("a", Num.any(), 0.0, "lower bound"), optional("b", Num.any(), 1.0, "upper bound")));
        add(INIT, "normal", "N(mean, std^2)", List.of(
                optional("mean", Num.any(), 0.0, "mean"), optional("std", NON_NEGATIVE, 1.0, "standard deviation")));
        add(INIT, "constant", "every entry val", List.of(required("val", Num.any(), "the value")));
        add(INIT, "zeros", "every entry 0", List.of());
        add(INIT, "ones", "every entry 1", List.of());
        add(INIT, "xavier_uniform", "U(-b, b), b = gain sqrt(6 / (fan_in + fan_out))", List.of(
                optional("gain", POSITIVE, 1.0, "gain")));
        add(INIT, "xavier_normal", "N(0, std^2), std = gain sqrt(2 / (fan_in + fan_out))", List.of(
                optional("gain", POSITIVE, 1.0, "gain")));
        List<Field> kaiming = List.of(
                optional("a", NON_NEGATIVE, 0.0, "negative slope of leaky_relu"),
                optional("mode", new Choice(List.of("fan_in", "fan_out")), "fan_in", "which fan to divide by"),
                optional("nonlinearity", new Choice(List.of("leaky_relu", "relu", "linear", "tanh")), "leaky_relu",
                        "the gain's nonlinearity (torch.nn.init.calculate_gain)"));
        add(INIT, "kaiming_uniform", "U(-b, b), b = gain sqrt(3 / fan)", kaiming);
        add(INIT, "kaiming_normal", "N(0, std^2), std = gain / sqrt(fan)", kaiming);
        add(INIT, "orthogonal", "QR of a Gaussian draw, signs fixed by diag(R)", List.of(
                optional("gain", POSITIVE, 1.0, "gain")));

        // Losses.
        add(LOSS, "mse", "mean squared error (PyTorch MSELoss; mean divides by the number of elements)",
                List.of(REDUCTION));
        add(LOSS, "l1", "absolute error (PyTorch L1Loss; mean divides by the number of elements)", List.of(REDUCTION));
        add(LOSS, "sum_of_squares", "1/2 sum_k (p_k - t_k)^2 per sample (bp-optimizers)", List.of(REDUCTION));
        add(LOSS, "pnorm", "||p - t||_p per sample (dl-basics)", List.of(
                required("p", new Num(1.0, true, Double.POSITIVE_INFINITY, false, true), "the norm's order"),
                REDUCTION));
        add(LOSS, "cross_entropy", "softmax cross-entropy from logits (PyTorch CrossEntropyLoss)", List.of(REDUCTION,
                optional("weight", new NumList(NON_NEGATIVE), null, "class weights (default: none); with weights the "
                        + "run uses class-index targets, whose mean divides by the targets' total weight"),
                optional("label_smoothing", Num.unitClosed(), 0.0, "PyTorch label_smoothing epsilon"),
                optional("ignore_index", IGNORE_INDEX, -100L, IGNORE_INDEX_NOTE)));
        add(LOSS, "softmax_loss", "-log softmax(s)_r (cs231n-opt-bp)", List.of(REDUCTION));
        add(LOSS, "probability_cross_entropy", "-sum_k t_k log p_k from probabilities", List.of(REDUCTION));
        add(LOSS, "bce", "binary cross-entropy from probabilities (PyTorch BCELoss)", List.of(REDUCTION));
        add(LOSS, "bce_with_logits", "binary cross-entropy from logits (PyTorch BCEWithLogitsLoss)",
                List.of(REDUCTION));
        add(LOSS, "multi_margin", "PyTorch MultiMarginLoss (divides by the number of classes)", List.of(
                optional("p", new Int(1, 2), 1L, "1 or 2"), optional("margin", NON_NEGATIVE, 1.0, "margin"),
                REDUCTION));
        add(LOSS, "multiclass_hinge", "cs231n multiclass SVM loss (sum over wrong classes)", List.of(
                optional("margin", NON_NEGATIVE, 1.0, "margin"), REDUCTION));

        // Issue 21.
        add(LOSS, "huber", "0.5 d^2 if abs(d) < delta else delta (abs(d) - delta / 2) per element (PyTorch HuberLoss)",
                List.of(optional("delta", POSITIVE, 1.0, "switch from quadratic to linear"), REDUCTION));
        add(LOSS, "smooth_l1", "0.5 d^2 / beta if abs(d) < beta else abs(d) - beta / 2 per element (PyTorch SmoothL1Loss; "
                + "huber / delta)", List.of(optional("beta", NON_NEGATIVE, 1.0, "switch from quadratic to linear"),
                        REDUCTION));
        add(LOSS, "kl_div", "t (log t - x) per element, x = log-probabilities (PyTorch KLDivLoss)", List.of(
                optional("reduction", new Choice(List.of("mean", "batchmean", "sum")), "mean",
                        "mean: divided by the number of elements (PyTorch's default); batchmean: by the number of "
                                + "samples (the divergence); sum"),
                optional("log_target", new Bool(), Boolean.FALSE, "the targets are log-probabilities")));
        add(LOSS, "nll", "-weight[y] x[y] per sample, x = log-probabilities (PyTorch NLLLoss); mean divides by the "
                + "targets' total weight", List.of(
                optional("weight", new NumList(NON_NEGATIVE), null, "class weights (default: none, all 1)"),
                REDUCTION, optional("ignore_index", IGNORE_INDEX, -100L, IGNORE_INDEX_NOTE)));

        // Issue 15: the hand-written softmax cross-entropy that diagnose tells apart from the exact log-softmax.
        add(LOSS, "cross_entropy_log_eps", "-sum_k t_k log(softmax(s)_k + eps) per sample from logits (hand-written "
                + "losses; cross_entropy is the exact form)", List.of(
                required("eps", NON_NEGATIVE, "added to each probability inside the logarithm (1e-7, 1e-8 and 1e-12 "
                        + "are found in the wild)"), REDUCTION));

        add(LOSS, "nominal_batch_mean", "the inner loss's sum over the batch divided by the nominal batch size "
                + "(its mean times N / batch_size: TensorFlow compute_average_loss(global_batch_size), hand-written "
                + "loss.sum() / batch_size); differs from the mean only on a short last batch", List.of(
                required("loss", new Nested(LOSS), "the inner loss, with reduction \"mean\" and without class "
                        + "weights"),
                required("batch_size", Int.count(), "the nominal batch size it divides by")));

        // Regularizers, added to the data loss.
        List<Field> penalty = List.of(
                required("lambda", NON_NEGATIVE, "strength"),
                optional("parameters", new Selector(), "weights", "which parameters are penalized"));
        add(REGULARIZER, "l2", "(lambda / 2) sum ||W||_F^2 (dl-basics)", penalty);
        add(REGULARIZER, "l1", "lambda sum |w_ij|", penalty);

        // Optimizers: a preset (the framework whose arithmetic and defaults are meant) plus overrides.
        add(OPTIMIZER, "sgd", "SGD, plain or with momentum in one of three forms", List.of(
                required("preset", new Choice(List.of("pytorch", "keras", "optax", "bp_optimizers",
                        "param_optimization", "dl_basics")), "the framework or document whose convention is meant"),
                LR,
                optional("momentum", Num.unitOpen(), null, "momentum mu (EMA form: beta)"),
                optional("dampening", Num.unitClosed(), null, "PyTorch dampening (pytorch form only)"),
                optional("nesterov", new Bool(), null, "Nesterov momentum"),
                optional("momentum_form", new Choice(List.of("pytorch", "heavy_ball", "ema")), null,
                        "pytorch: b = mu b + (1 - dampening) g, theta -= lr b; heavy_ball: v = mu v + lr g, "
                                + "theta -= v (Keras, dl-basics); ema: v = beta v + (1 - beta) g, theta -= lr v "
                                + "(bp-optimizers, param-optimization). Default: the preset's"),
                WEIGHT_DECAY, WEIGHT_DECAY_FORM_FIELD));
        add(OPTIMIZER, "adagrad", "AdaGrad", List.of(
                required("preset", new Choice(List.of("pytorch", "keras", "optax", "dl_basics", "param_optimization")),
                        "the framework or document whose convention is meant"),
                LR,
                optional("lr_decay", NON_NEGATIVE, null, "PyTorch lr_decay"),
                optional("initial_accumulator_value", NON_NEGATIVE, null, "accumulator's starting value"),
                optional("eps", NON_NEGATIVE, null, "epsilon"),
                optional("eps_placement", EPS_PLACEMENT, null, "sqrt(s) + eps (PyTorch) or sqrt(s + eps) (Keras, Optax)"),
                WEIGHT_DECAY, WEIGHT_DECAY_FORM_FIELD));
        add(OPTIMIZER, "rmsprop", "RMSProp, optionally centered and with momentum", List.of(
                required("preset", new Choice(List.of("pytorch", "keras", "optax", "bp_optimizers", "dl_basics")),
                        "the framework or document whose convention is meant"),
                LR,
                optional("alpha", Num.unitOpen(), null, "decay of the squared-gradient average (PyTorch alpha, "
                        + "Keras rho); required for bp_optimizers and dl_basics"),
                optional("eps", NON_NEGATIVE, null, "epsilon"),
                optional("eps_placement", EPS_PLACEMENT, null, "sqrt(s) + eps (PyTorch) or sqrt(s + eps) (Keras, Optax)"),
                optional("centered", new Bool(), null, "divide by an estimate of the variance"),
                optional("momentum", Num.unitOpen(), null, "momentum mu"),
                optional("momentum_form", new Choice(List.of("pytorch", "heavy_ball")), null,
                        "pytorch: b = mu b + g / den, theta -= lr b; heavy_ball: v = mu v + lr g / den (Keras, Optax)"),
                optional("initial_scale", NON_NEGATIVE, null, "starting value of the squared-gradient average (Optax)"),
                WEIGHT_DECAY, WEIGHT_DECAY_FORM_FIELD));
        List<Field> adam = List.of(
                LR,
                optional("betas", new NumArray(2, Num.unitOpen()), null, "[beta1, beta2]"),
                optional("eps", NON_NEGATIVE, null, "epsilon (epsilon hat in the epsilon_hat form)"),
                optional("epsilon_form", new Choice(List.of("algorithm_1", "epsilon_hat", "no_bias_correction")),
                        null, "algorithm_1: lr m_hat / (sqrt(v_hat) + eps) (PyTorch, Optax); epsilon_hat: "
                                + "lr_t m / (sqrt(v) + eps_hat) (Keras); no_bias_correction: lr m / (sqrt(v) + eps)"),
                optional("eps_root", NON_NEGATIVE, null, "Optax eps_root, inside the square root"),
                optional("amsgrad", new Bool(), null, "AMSGrad"),
                optional("amsgrad_form", new Choice(List.of("max_of_raw_second_moment",
                        "max_of_bias_corrected_second_moment")), null,
                        "max of raw v (PyTorch, Keras) or of the bias-corrected v_hat (Optax)"),
                WEIGHT_DECAY, WEIGHT_DECAY_FORM_FIELD);
        List<Field> adamFields = new ArrayList<>();
        adamFields.add(required("preset", new Choice(List.of("pytorch", "keras", "optax", "bp_optimizers")),
                "the framework or document whose convention is meant"));
        adamFields.addAll(adam);
        add(OPTIMIZER, "adam", "Adam (Kingma and Ba)", adamFields);
        List<Field> adamwFields = new ArrayList<>();
        adamwFields.add(required("preset", new Choice(List.of("pytorch", "keras", "optax")),
                "the framework whose AdamW is meant"));
        adamwFields.addAll(adam);
        add(OPTIMIZER, "adamw", "Adam with decoupled weight decay (Loshchilov and Hutter)", adamwFields);
        add(OPTIMIZER, "nadam", "NAdam, Adam with Nesterov momentum (Dozat)", List.of(
                required("preset", new Choice(List.of("pytorch", "keras", "optax")),
                        "the framework whose NAdam is meant"),
                LR,
                optional("betas", new NumArray(2, Num.unitOpen()), null, "[beta1, beta2]"),
                optional("eps", NON_NEGATIVE, null, "epsilon"),
                optional("momentum_decay", NON_NEGATIVE, null, "psi of mu_t = beta1 (1 - 0.5 0.96^(t psi)) "
                        + "(PyTorch 4e-3, Keras 1)"),
                optional("eps_root", NON_NEGATIVE, null, "Optax eps_root (optax form only)"),
                optional("nadam_form", new Choice(List.of("pytorch_1_13", "dozat", "keras", "optax")), null,
                        "pytorch_1_13: torch 1.13's P_{t+1} = P_t mu_t mu_{t+1}; dozat: P_t mu_{t+1} (PyTorch 2); "
                                + "keras: Keras's order; optax: constant beta1, bias-corrected look-ahead"),
                WEIGHT_DECAY, WEIGHT_DECAY_FORM_FIELD));
        add(OPTIMIZER, "radam", "RAdam, rectified Adam (Liu et al.)", List.of(
                required("preset", new Choice(List.of("pytorch", "optax")), "the framework whose RAdam is meant"),
                LR,
                optional("betas", new NumArray(2, Num.unitOpen()), null, "[beta1, beta2]"),
                optional("eps", NON_NEGATIVE, null, "epsilon"),
                optional("eps_root", NON_NEGATIVE, null, "Optax eps_root (optax form only)"),
                optional("radam_form", new Choice(List.of("pytorch", "optax")), null,
                        "pytorch: rho_t > 5, sqrt(1 - beta2^t) / (sqrt(v) + eps); optax: rho_t >= 5, "
                                + "1 / (sqrt(v_hat + eps_root) + eps)"),
                WEIGHT_DECAY, WEIGHT_DECAY_FORM_FIELD));
        add(OPTIMIZER, "adamax", "Adamax, Adam with the infinity norm (PyTorch: max(beta2 u, |g| + eps))", List.of(
                required("preset", new Choice(List.of("pytorch", "keras", "optax")),
                        "the framework whose Adamax is meant (optax: PyTorch's formula, Optax's defaults)"),
                LR,
                optional("betas", new NumArray(2, Num.unitOpen()), null, "[beta1, beta2]"),
                optional("eps", NON_NEGATIVE, null, "epsilon, added to |g| inside the maximum (pytorch form) or to "
                        + "the maximum (keras form)"),
                optional("adamax_form", new Choice(List.of("pytorch", "keras")), null,
                        "pytorch (and Optax): m / max(beta2 u, |g| + eps); keras: m / (max(beta2 u, |g|) + eps)"),
                WEIGHT_DECAY, WEIGHT_DECAY_FORM_FIELD));
        add(OPTIMIZER, "adadelta", "Adadelta (Zeiler), times a learning rate", List.of(
                required("preset", new Choice(List.of("pytorch", "keras")), "the framework whose Adadelta is meant"),
                LR,
                optional("rho", Num.unitClosed(), null, "decay of both running averages"),
                optional("eps", NON_NEGATIVE, null, "epsilon inside both square roots"),
                WEIGHT_DECAY, WEIGHT_DECAY_FORM_FIELD));
        add(OPTIMIZER, "rprop", "Rprop (Riedmiller and Braun), PyTorch's iRprop- form", List.of(
                required("preset", new Choice(List.of("pytorch")), "the framework whose Rprop is meant"),
                optional("lr", NON_NEGATIVE, null, "the initial step size (default: the preset's)"),
                optional("etas", new NumArray(2, NON_NEGATIVE), null, "[eta_minus, eta_plus], 0 < eta_minus < 1 < eta_plus"),
                optional("step_sizes", new NumArray(2, NON_NEGATIVE), null, "[min, max] step size")));
        add(OPTIMIZER, "asgd", "averaged SGD (PyTorch ASGD)", List.of(
                required("preset", new Choice(List.of("pytorch")), "the framework whose ASGD is meant"),
                LR,
                optional("lambd", NON_NEGATIVE, null, "decay term lambda"),
                optional("alpha", NON_NEGATIVE, null, "power of eta = lr / (1 + lambda lr t)^alpha"),
                optional("t0", NON_NEGATIVE, null, "step after which averaging starts"),
                WEIGHT_DECAY, WEIGHT_DECAY_FORM_FIELD));

        // Schedules: the learning rate of optimizer step t + 1 is schedule(t), starting from the optimizer's lr.
        add(SCHEDULE, "constant", "lr0", List.of(INTERVAL));
        add(SCHEDULE, "step", "lr0 gamma^floor(t / step_size) (PyTorch StepLR)", List.of(
                required("step_size", Int.atLeast(1), "period"), optional("gamma", NON_NEGATIVE, 0.1, "factor"),
                INTERVAL));
        add(SCHEDULE, "multistep", "lr0 gamma^(milestones passed) (PyTorch MultiStepLR)", List.of(
                required("milestones", new IntList(1), "steps at which the rate is multiplied by gamma"),
                optional("gamma", NON_NEGATIVE, 0.1, "factor"), INTERVAL));
        add(SCHEDULE, "exponential", "lr0 gamma^(t / decay_steps) (PyTorch ExponentialLR, Keras ExponentialDecay)",
                List.of(required("gamma", NON_NEGATIVE, "factor per decay_steps"),
                        optional("decay_steps", POSITIVE, 1.0, "steps per factor"), INTERVAL));
        add(SCHEDULE, "inverse_time", "lr0 / (1 + decay_rate t / decay_steps) (Keras InverseTimeDecay, "
                + "bp-optimizers)", List.of(required("decay_rate", NON_NEGATIVE, "decay rate"),
                        optional("decay_steps", POSITIVE, 1.0, "steps per unit"), INTERVAL));
        add(SCHEDULE, "polynomial", "(lr0 - end_lr) (1 - min(t, T) / T)^power + end_lr (PyTorch PolynomialLR)",
                List.of(optional("total_iters", Int.count(), 5L, "T"),
                        optional("power", NON_NEGATIVE, 1.0, "exponent"),
                        optional("end_lr", NON_NEGATIVE, 0.0, "final rate"), INTERVAL));
        add(SCHEDULE, "cosine", "eta_min + (lr0 - eta_min) (1 + cos(pi t / T_max)) / 2 (PyTorch CosineAnnealingLR)",
                List.of(required("T_max", Int.atLeast(1), "period"),
                        optional("eta_min", NON_NEGATIVE, 0.0, "minimum rate"),
                        optional("after", new Choice(List.of("continue", "hold")), "continue",
                                "after T_max: follow the cosine (PyTorch) or hold eta_min (Keras, Optax)"), INTERVAL));
        add(SCHEDULE, "linear", "lr0 (start_factor + (end_factor - start_factor) min(t, T) / T) (PyTorch LinearLR)",
                List.of(optional("start_factor", Num.unitClosed(), 1.0 / 3.0, "first factor"),
                        optional("end_factor", Num.unitClosed(), 1.0, "last factor"),
                        optional("total_iters", Int.count(), 5L, "T"), INTERVAL));
        add(SCHEDULE, "power", "lr0 / (t + 1)^power (bp-optimizers' k / sqrt(t) with power 0.5)", List.of(
                required("power", NON_NEGATIVE, "exponent"), INTERVAL));
        add(SCHEDULE, "inverse_time_staircase", "lr0 / (1 + decay_rate floor(t / decay_steps)) (Keras "
                + "InverseTimeDecay with staircase=True)", List.of(required("decay_rate", NON_NEGATIVE, "decay rate"),
                        optional("decay_steps", POSITIVE, 1.0, "steps per block"), INTERVAL));
        add(SCHEDULE, "one_cycle", "PyTorch OneCycleLR with max_lr = lr0 (the learning rate only, no momentum "
                + "cycling)", List.of(required("total_steps", Int.atLeast(1), "T, the steps of the cycle"),
                        optional("pct_start", Num.unitClosed(), 0.3, "fraction of the cycle spent rising"),
                        optional("anneal_strategy", new Choice(List.of("cos", "linear")), "cos", "annealing"),
                        optional("div_factor", POSITIVE, 25.0, "lr0 / initial rate"),
                        optional("final_div_factor", POSITIVE, 1e4, "initial rate / final rate"),
                        optional("three_phase", new Bool(), Boolean.FALSE, "the three-phase form"), INTERVAL));
        add(SCHEDULE, "cosine_warm_restarts", "eta_min + (lr0 - eta_min) (1 + cos(pi T_cur / T_i)) / 2, T_i = T_0 "
                + "T_mult^i (PyTorch CosineAnnealingWarmRestarts)", List.of(
                        required("T_0", Int.atLeast(1), "first period"),
                        optional("T_mult", Int.atLeast(1), 1L, "period multiplier"),
                        optional("eta_min", NON_NEGATIVE, 0.0, "minimum rate"), INTERVAL));
        add(SCHEDULE, "cyclic", "PyTorch CyclicLR between base_lr and max_lr = lr0 (the learning rate only)", List.of(
                required("base_lr", NON_NEGATIVE, "lower bound"),
                optional("step_size_up", POSITIVE, 2000.0, "steps of the rising half"),
                optional("step_size_down", POSITIVE, null, "steps of the falling half (default: step_size_up)"),
                optional("mode", new Choice(List.of("triangular", "triangular2", "exp_range")), "triangular",
                        "amplitude policy"),
                optional("gamma", NON_NEGATIVE, 1.0, "exp_range factor per step"), INTERVAL));

        // Issue 21: PyTorch's ReduceLROnPlateau, driven by the monitored training loss (see TrainingTools).
        add(SCHEDULE, "reduce_on_plateau", "PyTorch ReduceLROnPlateau on the training loss: every rate becomes "
                + "max(lr factor, min_lr) after more than patience calls without improvement", List.of(
                        optional("mode", new Choice(List.of("min", "max")), "min", "whether the monitored loss should "
                                + "fall (min) or rise (max)"),
                        optional("factor", Num.unitOpen(), 0.1, "factor of a reduction"),
                        optional("patience", Int.atLeast(0), 10L, "calls without improvement tolerated"),
                        optional("threshold", NON_NEGATIVE, 1e-4, "least significant improvement"),
                        optional("threshold_mode", new Choice(List.of("rel", "abs")), "rel",
                                "rel: better than best (1 - threshold) (min mode); abs: better than best - threshold"),
                        optional("cooldown", Int.atLeast(0), 0L, "calls after a reduction during which bad calls "
                                + "are not counted"),
                        optional("min_lr", NON_NEGATIVE, 0.0, "floor of every group's rate"),
                        optional("eps", NON_NEGATIVE, 1e-8, "a reduction smaller than this is not applied"),
                        optional("interval", new Choice(List.of("epoch", "step")), "epoch", "epoch: called after "
                                + "every complete epoch with the mean of its batches' losses; step: called after "
                                + "every step with that step's loss")));

        // Issue 21: L-BFGS, whose step re-evaluates the batch loss through a closure (no parameter groups).
        add(OPTIMIZER, "lbfgs", "L-BFGS (PyTorch torch.optim.LBFGS): one run step is one step(closure) on the "
                + "batch, the closure re-evaluating the batch loss", List.of(
                        required("preset", new Choice(List.of("pytorch")), "the framework whose L-BFGS is meant"),
                        optional("lr", POSITIVE, 1.0, "step length"),
                        optional("max_iter", Int.atLeast(1), 20L, "iterations per step"),
                        optional("max_eval", Int.atLeast(1), null, "evaluations per step (default: max_iter * 5 / 4, "
                                + "integer division)"),
                        optional("tolerance_grad", NON_NEGATIVE, 1e-7, "stop when max |g| <= tolerance_grad"),
                        optional("tolerance_change", NON_NEGATIVE, 1e-9, "stop when the loss or the parameters "
                                + "change less"),
                        optional("history_size", Int.atLeast(1), 100L, "(y, s) pairs kept"),
                        optional("line_search_fn", new Choice(List.of("none", "strong_wolfe")), "none",
                                "none: fixed step lr; strong_wolfe: PyTorch's strong-Wolfe line search")));

        // Built-in datasets.
        add(DATASET, "iris", "Fisher's Iris (UCI, with the erratum fixed): 150 x 4, 3 classes", List.of());
        add(DATASET, "xor", "the XOR truth table: 4 x 2, 2 classes", List.of());
        add(DATASET, "spiral", "CS231n spiral: 2 features", List.of(
                required("points_per_class", Int.count(), "samples per class"),
                required("classes", Int.count(), "number of classes"),
                optional("noise", NON_NEGATIVE, 0.2, "angle noise"), required("seed", Int.any(), "seed")));
        add(DATASET, "two_moons", "scikit-learn make_moons: 2 features, 2 classes", List.of(
                required("n", Int.count(), "samples"), optional("noise", NON_NEGATIVE, 0.1, "noise"),
                optional("shuffle", new Bool(), Boolean.TRUE, "shuffle the samples"),
                required("seed", Int.any(), "seed")));
        add(DATASET, "blobs", "isotropic Gaussian blobs (scikit-learn make_blobs)", List.of(
                required("n", Int.count(), "samples"), required("centers", Int.count(), "classes"),
                required("features", Int.count(), "features"), optional("std", NON_NEGATIVE, 1.0, "spread"),
                optional("shuffle", new Bool(), Boolean.TRUE, "shuffle the samples"),
                required("seed", Int.any(), "seed")));
        add(DATASET, "linear_regression", "y = x W^T + b + noise (Dive into Deep Learning)", List.of(
                required("n", Int.count(), "samples"), required("weight", new Mat(), "K x D weight"),
                required("bias", new Mat(), "1 x K bias"), optional("noise", NON_NEGATIVE, 0.01, "noise std"),
                required("seed", Int.any(), "seed")));

        // Issue 21: gradient clipping between backward() and the optimizer step (training.clipping).
        add(CLIPPING, "clip_grad_norm", "PyTorch clip_grad_norm_(params, max_norm, norm_type): every gradient "
                + "times min(1, max_norm / (||g||_p + 1e-6)), ||g||_p over all parameters", List.of(
                        required("max_norm", NON_NEGATIVE, "max_norm"),
                        optional("norm_type", new Num(1.0, true, Double.POSITIVE_INFINITY, false, true), 2.0,
                                "p of the norm; \"Infinity\": the largest magnitude")));
        add(CLIPPING, "clip_grad_value", "PyTorch clip_grad_value_, Keras clipvalue, Optax clip: every element "
                + "clamped to [-clip_value, clip_value]", List.of(
                        required("clip_value", NON_NEGATIVE, "clip_value")));
        add(CLIPPING, "keras_clipnorm", "Keras clipnorm: each parameter's gradient on its own, g c / max(||g_i||, c)",
                List.of(required("clipnorm", POSITIVE, "c")));
        add(CLIPPING, "keras_global_clipnorm", "Keras global_clipnorm: every gradient times c min(1 / ||g||, 1 / c)",
                List.of(required("global_clipnorm", POSITIVE, "c")));
        add(CLIPPING, "optax_clip_by_global_norm", "Optax clip_by_global_norm: g unchanged if ||g|| < max_norm, else "
                + "(g / ||g||) max_norm", List.of(required("max_norm", POSITIVE, "max_norm")));

        // Issue 21: parameter groups for every first-order optimizer (not lbfgs, as PyTorch).
        Field groups = optional(PARAM_GROUPS, new Groups(), null, "PyTorch param_groups: an array of objects, each "
                + "with \"params\" (\"weights\", \"biases\" or an array of names such as [\"0.weight\"]) and any "
                + "of this optimizer's settings but preset; parameters in no group form a last group with the "
                + "optimizer's own settings");
        for (String type : List.copyOf(family(OPTIMIZER).keySet())) {
            if (!"lbfgs".equals(type)) {
                ComponentType t = type(OPTIMIZER, type);
                List<Field> fields = new ArrayList<>(t.fields());
                fields.add(groups);
                add(OPTIMIZER, type, t.description(), fields);
            }
        }
    }

    private Catalog() {
    }

    private static void add(String family, String name, String description, List<Field> fields) {
        TYPES.computeIfAbsent(family, f -> new LinkedHashMap<>())
                .put(name, new ComponentType(family, name, description, fields));
    }

    static Map<String, ComponentType> family(String family) {
        Map<String, ComponentType> types = TYPES.get(family);
        if (types == null) {
            throw new IllegalArgumentException("Catalog: no component family '" + family + "'");
        }
        return types;
    }

    static ComponentType type(String family, String name) {
        return family(family).get(name);
    }
}
