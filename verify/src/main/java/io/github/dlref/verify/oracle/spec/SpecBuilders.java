package io.github.dlref.verify.oracle.spec;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.data.Dataset;
import io.github.dlref.data.io.Iris;
import io.github.dlref.data.synthetic.GaussianBlobs;
import io.github.dlref.data.synthetic.LinearRegressionData;
import io.github.dlref.data.synthetic.Spiral;
import io.github.dlref.data.synthetic.TwoMoons;
import io.github.dlref.data.synthetic.Xor;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import io.github.dlref.nn.Module;
import io.github.dlref.nn.NamedParameter;
import io.github.dlref.nn.Sequential;
import io.github.dlref.nn.init.Constant;
import io.github.dlref.nn.init.Fans;
import io.github.dlref.nn.init.Initializer;
import io.github.dlref.nn.init.KaimingNormal;
import io.github.dlref.nn.init.KaimingUniform;
import io.github.dlref.nn.init.Normal;
import io.github.dlref.nn.init.Orthogonal;
import io.github.dlref.nn.init.Uniform;
import io.github.dlref.nn.init.XavierNormal;
import io.github.dlref.nn.init.XavierUniform;
import io.github.dlref.nn.init.Zeros;
import io.github.dlref.nn.layers.BatchNorm;
import io.github.dlref.nn.layers.Dropout;
import io.github.dlref.nn.layers.ELU;
import io.github.dlref.nn.layers.GELU;
import io.github.dlref.nn.layers.Hardtanh;
import io.github.dlref.nn.layers.LayerNorm;
import io.github.dlref.nn.layers.LogSoftmax;
import io.github.dlref.nn.layers.SELU;
import io.github.dlref.nn.layers.SiLU;
import io.github.dlref.nn.layers.Softplus;
import io.github.dlref.nn.layers.Identity;
import io.github.dlref.nn.layers.LeakyReLU;
import io.github.dlref.nn.layers.Linear;
import io.github.dlref.nn.layers.ReLU;
import io.github.dlref.nn.layers.Sigmoid;
import io.github.dlref.nn.layers.Softmax;
import io.github.dlref.nn.layers.Tanh;
import io.github.dlref.nn.losses.BCELoss;
import io.github.dlref.nn.losses.BCEWithLogitsLoss;
import io.github.dlref.nn.losses.CrossEntropyLoss;
import io.github.dlref.nn.losses.HuberLoss;
import io.github.dlref.nn.losses.KLDivLoss;
import io.github.dlref.nn.losses.NLLLoss;
import io.github.dlref.nn.losses.SmoothL1Loss;
import io.github.dlref.nn.losses.L1Loss;
import io.github.dlref.nn.losses.Loss;
import io.github.dlref.nn.losses.MSELoss;
import io.github.dlref.nn.losses.MultiMarginLoss;
import io.github.dlref.nn.losses.MulticlassHingeLoss;
import io.github.dlref.nn.losses.PNormLoss;
import io.github.dlref.nn.losses.ProbabilityCrossEntropyLoss;
import io.github.dlref.nn.losses.SoftmaxLoss;
import io.github.dlref.nn.losses.SumOfSquaresLoss;
import io.github.dlref.nn.regularization.L1Penalty;
import io.github.dlref.nn.regularization.L2Penalty;
import io.github.dlref.nn.regularization.ParameterSelector;
import io.github.dlref.nn.regularization.Penalty;
import io.github.dlref.optim.ASGD;
import io.github.dlref.optim.AdaGrad;
import io.github.dlref.optim.Adadelta;
import io.github.dlref.optim.Adam;
import io.github.dlref.optim.Adamax;
import io.github.dlref.optim.ConventionAxis;
import io.github.dlref.optim.EpsilonPlacement;
import io.github.dlref.optim.MomentumForm;
import io.github.dlref.optim.NAdam;
import io.github.dlref.optim.Optimizer;
import io.github.dlref.optim.OptimizerFamily;
import io.github.dlref.optim.OptimizerHyperparameters;
import io.github.dlref.optim.Preset;
import io.github.dlref.optim.Presets;
import io.github.dlref.optim.RAdam;
import io.github.dlref.optim.RMSProp;
import io.github.dlref.optim.Rprop;
import io.github.dlref.optim.SGD;
import io.github.dlref.optim.WeightDecay;
import io.github.dlref.optim.schedule.CosineDecay;
import io.github.dlref.optim.schedule.CosineWarmRestarts;
import io.github.dlref.optim.schedule.CyclicSchedule;
import io.github.dlref.optim.schedule.ExponentialDecay;
import io.github.dlref.optim.schedule.InverseTimeDecay;
import io.github.dlref.optim.schedule.LearningRateSchedule;
import io.github.dlref.optim.schedule.LinearSchedule;
import io.github.dlref.optim.schedule.MultiStepDecay;
import io.github.dlref.optim.schedule.OneCycle;
import io.github.dlref.optim.schedule.PolynomialDecay;
import io.github.dlref.optim.schedule.PowerDecay;
import io.github.dlref.optim.schedule.StaircaseInverseTimeDecay;
import io.github.dlref.optim.schedule.StepDecay;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns spec components into the library's objects: the model ({@link Sequential}), its loss, penalties,
 * optimizer (a preset's hyper-parameters with the spec's overrides), learning-rate schedule and dataset.
 * Every failure, including a library's own validation ({@code IllegalArgumentException}), is reported as a
 * {@link SpecException} with the absolute JSON path of the component (for example {@code $.optimizer}).
 */
public final class SpecBuilders {

    private SpecBuilders() {
    }

    /**
     * The presets an optimizer type accepts, in the documented order.
     *
     * @param optimizerType {@code sgd}, {@code adagrad}, {@code rmsprop}, {@code adam} or {@code adamw}
     * @return the preset names
     * @throws IllegalArgumentException if the type is unknown
     */
    public static List<String> presets(String optimizerType) {
        ComponentType type = Catalog.type(Catalog.OPTIMIZER, optimizerType);
        if (type == null) {
            throw new IllegalArgumentException("no optimizer type \"" + optimizerType + "\"");
        }
        return ((Kind.Choice) type.field("preset").kind()).values();
    }

    /**
     * The values a choice setting accepts, in the documented order.
     *
     * @param family the component family, such as {@code optimizer}
     * @param type the component type, such as {@code adam}
     * @param key the setting, such as {@code epsilon_form}
     * @return the choices
     * @throws IllegalArgumentException if there is no such choice setting
     */
    public static List<String> choices(String family, String type, String key) {
        ComponentType ct = Catalog.type(family, type);
        Field f = ct == null ? null : ct.field(key);
        if (f == null || !(f.kind() instanceof Kind.Choice c)) {
            throw new IllegalArgumentException("no choice setting " + family + "/" + type + "/" + key);
        }
        return c.values();
    }

    // ------------------------------------------------------------------------------------------
    // Model

    /**
     * The largest model a spec may describe: 50 million parameter entries (400 MB of doubles), checked before
     * anything is allocated so that a typo such as {@code "out": 1000000000} is one clear error. dlref's choice.
     */
    public static final long MAX_PARAMETERS = 50_000_000L;

    /**
     * Builds the model of a spec with its starting parameter values (see {@link ParametersSpec}), in
     * training mode.
     *
     * @param model the model spec
     * @param parameters how the parameters start
     * @return the model
     * @throws SpecException if a layer cannot be built, an explicit value names no parameter or has the
     *     wrong shape, or a random parameter has no seed
     */
    public static Sequential model(ModelSpec model, ParametersSpec parameters) {
        Map<String, int[]> shapes = model.parameterShapes();
        long total = 0;
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            total += (long) e.getValue()[0] * e.getValue()[1];
            if (total > MAX_PARAMETERS) {
                String layer = e.getKey().substring(0, e.getKey().indexOf('.'));
                throw new SpecException("$.model.layers[" + layer + "]", "the model has more than " + MAX_PARAMETERS
                        + " parameter entries by this layer (its \"" + e.getKey() + "\" is " + e.getValue()[0]
                        + " x " + e.getValue()[1] + "); the oracle refuses it before allocating");
            }
        }
        for (Map.Entry<String, Matrix> e : parameters.values().entrySet()) {
            String path = Values.key("$.parameters.values", e.getKey());
            int[] shape = shapes.get(e.getKey());
            if (shape == null) {
                throw new SpecException(path, "the model has no parameter \"" + e.getKey() + "\"; its parameters are "
                        + Format.quoted(List.copyOf(shapes.keySet())));
            }
            Matrix m = e.getValue();
            if (m.rows() != shape[0] || m.cols() != shape[1]) {
                throw new SpecException(path, "expected a " + shape[0] + " x " + shape[1] + " matrix for \""
                        + e.getKey() + "\", got " + m.shape());
            }
        }
        Map<String, int[]> bufferShapes = model.bufferShapes();
        for (Map.Entry<String, Matrix> e : parameters.buffers().entrySet()) {
            String path = Values.key("$.parameters.buffers", e.getKey());
            int[] shape = bufferShapes.get(e.getKey());
            if (shape == null) {
                throw new SpecException(path, "the model has no buffer \"" + e.getKey() + "\"; its buffers are "
                        + Format.quoted(List.copyOf(bufferShapes.keySet())));
            }
            Matrix m = e.getValue();
            if (m.rows() != shape[0] || m.cols() != shape[1]) {
                throw new SpecException(path, "expected a " + shape[0] + " x " + shape[1] + " matrix for \""
                        + e.getKey() + "\", got " + m.shape());
            }
            if (e.getKey().endsWith(".running_var")) {
                for (int j = 0; j < m.cols(); j++) {
                    if (!(m.get(0, j) >= 0.0)) {
                        throw new SpecException(path + "[" + j + "]", "expected a variance >= 0.0, got " + m.get(0, j));
                    }
                }
            }
        }
        Rng rng = parameters.seed().isPresent() ? new Rng(parameters.seed().getAsLong()) : null;
        int[] widths = model.widths();
        List<Module> layers = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            String path = "$.model.layers[" + i + "]";
            Component c = model.layers().get(i);
            try {
                layers.add(layer(path, i, c, widths[i], parameters, rng));
            } catch (IllegalArgumentException e) {
                throw new SpecException(path, e.getMessage(), e);
            }
        }
        Sequential net = new Sequential(layers);
        for (NamedParameter np : net.namedParameters()) {
            Matrix given = parameters.values().get(np.name());
            if (given != null) {
                np.parameter().assign(given);
            }
        }
        parameters.buffers().forEach((name, value) -> net.namedBuffers().get(name).update(value));
        net.train();
        return net;
    }

    private static Module layer(String path, int index, Component c, int in, ParametersSpec parameters, Rng rng) {
        switch (c.type()) {
            case "linear": {
                int out = Math.toIntExact(c.integer("out"));
                boolean bias = c.bool("bias");
                Initializer defaultInit = Uniform.symmetric(1.0 / Math.sqrt(in));
                Initializer wInit = c.component("weight_init").map(x -> initializer(path + ".weight_init", x))
                        .orElse(defaultInit);
                Initializer bInit = c.component("bias_init").map(x -> initializer(path + ".bias_init", x))
                        .orElse(defaultInit);
                if (!bias && c.has("bias_init")) {
                    throw new SpecException(path + ".bias_init", "given, but \"bias\" is false");
                }
                boolean needsRng = isRandom(wInit) || (bias && isRandom(bInit));
                Rng use = rng;
                if (use == null) {
                    if (needsRng) {
                        String missing = !parameters.values().containsKey(index + ".weight") ? index + ".weight"
                                : index + ".bias";
                        if (!parameters.values().containsKey(index + ".weight") || (bias
                                && !parameters.values().containsKey(index + ".bias"))) {
                            throw new SpecException("$.parameters", "missing required key \"seed\": parameter \""
                                    + missing + "\" has no explicit value and its initializer draws at random "
                                    + "(give \"seed\" or values['" + missing + "'])");
                        }
                    }
                    use = new Rng(0L); // draws are discarded: every drawn parameter is replaced by its given value
                }
                return new Linear(in, out, bias, wInit, bInit, use);
            }
            case "relu":
                return new ReLU();
            case "leaky_relu":
                return new LeakyReLU(c.number("negative_slope"));
            case "sigmoid":
                return new Sigmoid();
            case "tanh":
                return new Tanh();
            case "softmax":
                return new Softmax();
            case "identity":
                return new Identity();
            case "batchnorm": {
                boolean keras = "keras".equals(c.choice("convention"));
                BatchNorm.Config base = keras ? BatchNorm.Config.keras() : BatchNorm.Config.pytorch();
                double eps = c.value("eps").map(Double.class::cast).orElse(base.eps());
                double momentum = c.value("momentum").map(Double.class::cast).orElse(base.momentum());
                return new BatchNorm(in, new BatchNorm.Config(eps, momentum, base.convention(), c.bool("affine")));
            }
            case "dropout":
                return new Dropout(c.number("p"), new Rng(c.integer("seed")));
            case "layer_norm":
                return new LayerNorm(in, c.number("eps"), c.bool("elementwise_affine"));
            case "gelu":
                return new GELU("tanh".equals(c.choice("approximate")) ? GELU.Approximation.TANH
                        : GELU.Approximation.NONE);
            case "elu":
                return new ELU(c.number("alpha"));
            case "selu":
                return new SELU();
            case "silu":
                return new SiLU();
            case "softplus":
                return new Softplus(c.number("beta"), c.number("threshold"));
            case "hardtanh":
                return new Hardtanh(c.number("min_val"), c.number("max_val"));
            case "log_softmax":
                return new LogSoftmax();
            default:
                throw new SpecException(path + ".type", "unknown layer type \"" + c.type() + "\"");
        }
    }

    private static boolean isRandom(Initializer init) {
        return !(init instanceof Zeros || init instanceof Constant);
    }

    /**
     * Builds an initializer.
     *
     * @param path the component's JSON path, for messages
     * @param c the {@code init} component
     * @return the initializer
     * @throws SpecException if the library refuses the settings
     */
    public static Initializer initializer(String path, Component c) {
        try {
            switch (c.type()) {
                case "uniform":
                    return new Uniform(c.number("a"), c.number("b"));
                case "normal":
                    return new Normal(c.number("mean"), c.number("std"));
                case "constant":
                    return new Constant(c.number("val"));
                case "zeros":
                    return new Zeros();
                case "ones":
                    return new Constant(1.0);
                case "xavier_uniform":
                    return new XavierUniform(c.number("gain"));
                case "xavier_normal":
                    return new XavierNormal(c.number("gain"));
                case "kaiming_uniform":
                    return new KaimingUniform(kaimingGain(c), fanMode(c));
                case "kaiming_normal":
                    return new KaimingNormal(kaimingGain(c), fanMode(c));
                case "orthogonal":
                    return new Orthogonal(c.number("gain"));
                default:
                    throw new SpecException(path + ".type", "unknown initializer \"" + c.type() + "\"");
            }
        } catch (IllegalArgumentException e) {
            throw new SpecException(path, e.getMessage(), e);
        }
    }

    private static double kaimingGain(Component c) {
        switch (c.choice("nonlinearity")) {
            case "relu":
                return Fans.reluGain();
            case "linear":
                return Fans.linearGain();
            case "tanh":
                return Fans.tanhGain();
            default:
                return Fans.leakyReluGain(c.number("a"));
        }
    }

    private static Fans.Mode fanMode(Component c) {
        return "fan_out".equals(c.choice("mode")) ? Fans.Mode.FAN_OUT : Fans.Mode.FAN_IN;
    }

    // ------------------------------------------------------------------------------------------
    // Loss and regularization

    /**
     * Builds the loss.
     *
     * @param c the {@code loss} component
     * @return the loss
     * @throws SpecException if the library refuses the settings (path {@code $.loss})
     */
    public static Loss loss(Component c) {
        Reduction r = !"nominal_batch_mean".equals(c.type()) && "sum".equals(c.choice("reduction")) ? Reduction.SUM
                : Reduction.MEAN;
        try {
            switch (c.type()) {
                case "mse":
                    return new MSELoss(r);
                case "l1":
                    return new L1Loss(r);
                case "sum_of_squares":
                    return new SumOfSquaresLoss(r);
                case "pnorm":
                    return new PNormLoss(c.number("p"), r);
                case "cross_entropy":
                    if (!c.has("weight") && c.number("label_smoothing") == 0.0 && !c.has("ignore_index")) {
                        return new CrossEntropyLoss(r);
                    }
                    return new CrossEntropyLoss(r, classWeights(c), c.number("label_smoothing"),
                            Math.toIntExact(c.integer("ignore_index")));
                case "huber":
                    return new HuberLoss(c.number("delta"), r);
                case "smooth_l1":
                    return new SmoothL1Loss(c.number("beta"), r);
                case "kl_div":
                    return new KLDivLoss(KLDivLoss.KLReduction.valueOf(c.choice("reduction").toUpperCase(Locale.ROOT)),
                            c.bool("log_target"));
                case "nll":
                    return new NLLLoss(classWeights(c), r, Math.toIntExact(c.integer("ignore_index")));
                case "softmax_loss":
                    return new SoftmaxLoss(r);
                case "probability_cross_entropy":
                    return new ProbabilityCrossEntropyLoss(r);
                case "bce":
                    return new BCELoss(r);
                case "bce_with_logits":
                    return new BCEWithLogitsLoss(r);
                case "multi_margin":
                    return new MultiMarginLoss(Math.toIntExact(c.integer("p")), c.number("margin"), r);
                case "multiclass_hinge":
                    return new MulticlassHingeLoss(c.number("margin"), r);
                case "cross_entropy_log_eps":
                    return new LogEpsCrossEntropyLoss(c.number("eps"), r);
                case "nominal_batch_mean":
                    return nominalBatchMean(c);
                default:
                    throw new SpecException("$.loss.type", "unknown loss \"" + c.type() + "\"");
            }
        } catch (IllegalArgumentException e) {
            throw new SpecException("$.loss", e.getMessage(), e);
        }
    }

    private static Loss nominalBatchMean(Component c) {
        Component inner = c.component("loss").orElseThrow();
        if ("nominal_batch_mean".equals(inner.type()) || needsClassIndices(inner)) {
            throw new SpecException("$.loss.loss", "nominal_batch_mean takes a loss without class weights that is "
                    + "not itself a nominal_batch_mean, got \"" + inner.type() + "\"" + (inner.has("weight")
                            ? " with class weights" : ""));
        }
        if (!"mean".equals(inner.choice("reduction"))) {
            throw new SpecException("$.loss.loss.reduction", "nominal_batch_mean divides a mean: expected \"mean\", "
                    + "got \"" + inner.choice("reduction") + "\"");
        }
        return new NominalBatchMeanLoss(loss(inner), Math.toIntExact(c.integer("batch_size")));
    }

    private static Matrix classWeights(Component c) {
        if (!c.has("weight")) {
            return null;
        }
        List<Double> w = c.numbers("weight");
        double[] v = new double[w.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = w.get(k);
        }
        return Matrix.rowVector(v);
    }

    /**
     * Whether a classification loss must be given class indices rather than one-hot rows: a cross-entropy with
     * class weights (PyTorch averages class-index targets by their total weight, probability targets by the batch
     * size; a classification dataset's targets are class indices). For every other loss the two agree.
     *
     * @param c the {@code loss} component
     * @return {@code true} for {@code cross_entropy} with a {@code weight}, and for {@code cross_entropy} and
     *     {@code nll} with an explicit {@code ignore_index} (which applies to class indices)
     */
    public static boolean needsClassIndices(Component c) {
        boolean indexed = "cross_entropy".equals(c.type()) || "nll".equals(c.type());
        return ("cross_entropy".equals(c.type()) && c.has("weight")) || (indexed && c.has("ignore_index"));
    }

    /**
     * Whether a loss takes class targets (one-hot rows or probabilities) rather than values.
     *
     * @param c the {@code loss} component
     * @return {@code true} for the classification losses
     */
    public static boolean isClassificationLoss(Component c) {
        if ("nominal_batch_mean".equals(c.type())) {
            return isClassificationLoss(c.component("loss").orElseThrow());
        }
        return Set.of("cross_entropy", "softmax_loss", "probability_cross_entropy", "multi_margin",
                "multiclass_hinge", "nll", "kl_div", "cross_entropy_log_eps").contains(c.type());
    }

    /**
     * Builds the penalties and checks their parameter names against the model.
     *
     * @param regularization the {@code regularizer} components, in order
     * @param model the model the penalties apply to
     * @return the penalties
     * @throws SpecException if a name is not a parameter of the model (path
     *     {@code $.regularization[i].parameters[j]})
     */
    public static List<Penalty> penalties(List<Component> regularization, Module model) {
        List<String> names = model.namedParameters().stream().map(NamedParameter::name).toList();
        List<Penalty> out = new ArrayList<>();
        for (int i = 0; i < regularization.size(); i++) {
            Component c = regularization.get(i);
            String path = "$.regularization[" + i + "]";
            Object sel = c.selector("parameters");
            ParameterSelector selector;
            if ("all".equals(sel)) {
                selector = ParameterSelector.all();
            } else if ("weights".equals(sel)) {
                selector = ParameterSelector.weights();
            } else {
                List<?> list = (List<?>) sel;
                for (int k = 0; k < list.size(); k++) {
                    if (!names.contains(list.get(k))) {
                        throw new SpecException(path + ".parameters[" + k + "]", "the model has no parameter \""
                                + list.get(k) + "\"; its parameters are " + Format.quoted(names));
                    }
                }
                selector = ParameterSelector.named(list.toArray(new String[0]));
            }
            try {
                out.add("l1".equals(c.type()) ? new L1Penalty(c.number("lambda"), selector)
                        : new L2Penalty(c.number("lambda"), selector));
            } catch (IllegalArgumentException e) {
                throw new SpecException(path, e.getMessage(), e);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------
    // Optimizer

    /**
     * The hyper-parameters an {@code optimizer} component means: its preset's ({@link Presets}), with every
     * explicitly given setting replacing the preset's value. Type {@code sgd} means the preset's own SGD: momentum
     * 0 for the frameworks ({@link OptimizerFamily#SGD}), the documents' momentum method for the documents
     * ({@link OptimizerFamily#MOMENTUM}). A setting whose preset value would be dlref's choice rather than the
     * source's ({@link Presets#dlrefChoices}) is required. {@code weight_decay} keeps the preset's form of decay
     * unless {@code weight_decay_form} is given; a preset without decay uses {@code coupled_l2} (PyTorch's
     * {@code weight_decay}), except Keras, whose {@code weight_decay} is decoupled.
     *
     * @param c the {@code optimizer} component
     * @return the library's hyper-parameter record ({@code SGD.Hyperparameters}, {@code AdaGrad.Hyperparameters},
     *     {@code RMSProp.Hyperparameters} or {@code Adam.Hyperparameters})
     * @throws SpecException (path {@code $.optimizer...}) if a required value is missing for the preset, or
     *     the combination is refused by the library
     */
    public static OptimizerHyperparameters hyperparameters(Component c) {
        String presetId = c.choice("preset");
        String type = c.type();
        if (TrainingTools.isLbfgs(c)) {
            throw new SpecException("$.optimizer.type", "lbfgs is not a first-order optimizer: its step re-evaluates "
                    + "the loss (its settings are read by TrainingTools.lbfgs)");
        }
        if (MORE_OPTIMIZERS.contains(type)) {
            return moreOptimizers(c, type, presetId);
        }
        OptimizerFamily family = family(type, presetId);
        Preset preset = Preset.fromId(presetId);
        Set<String> required;
        try {
            required = Presets.dlrefChoices(family, preset);
        } catch (IllegalArgumentException e) {
            throw new SpecException("$.optimizer", e.getMessage(), e);
        }
        if (!c.has("lr") && required.contains(Presets.LEARNING_RATE)) {
            throw new SpecException("$.optimizer", "missing required key \"lr\": preset \"" + presetId + "\" of "
                    + type + " has no default learning rate");
        }
        if (!c.has("momentum") && required.contains(Presets.MOMENTUM)) {
            throw new SpecException("$.optimizer", "missing required key \"momentum\": preset \"" + presetId
                    + "\" of " + type + " has no default momentum" + (preset == Preset.DL_BASICS ? " (dl-basics' alpha)"
                    : ""));
        }
        if (!c.has("alpha") && required.contains(Presets.DECAY)) {
            throw new SpecException("$.optimizer", "missing required key \"alpha\": preset \"" + presetId
                    + "\" of " + type + " has no default decay");
        }
        try {
            double lr = c.has("lr") ? c.number("lr") : Presets.initialLearningRate(family, preset);
            switch (family) {
                case SGD:
                case MOMENTUM:
                    return sgd(c, presetId, Presets.sgd(family, preset, lr));
                case ADAGRAD:
                    return adagrad(c, presetId, Presets.adaGrad(preset, lr));
                case RMSPROP:
                    return rmsprop(c, presetId, Presets.rmsProp(preset, lr));
                default:
                    return adam(c, presetId, Presets.adam(family, preset, lr));
            }
        } catch (IllegalArgumentException e) {
            throw new SpecException("$.optimizer", e.getMessage(), e);
        }
    }

    /** The optimizer types built directly from their records' presets rather than through {@link Presets}. */
    private static final List<String> MORE_OPTIMIZERS = List.of("nadam", "radam", "adamax", "adadelta", "rprop",
            "asgd");

    /**
     * NAdam, RAdam, Adamax, Adadelta, Rprop and ASGD: the preset's record (PyTorch's, Keras's or Optax's
     * defaults) with every given setting replacing its value; Optax's presets have no default learning rate, so
     * {@code lr} is required there.
     */
    private static OptimizerHyperparameters moreOptimizers(Component c, String type, String preset) {
        if ("optax".equals(preset) && !c.has("lr")) {
            throw new SpecException("$.optimizer", "missing required key \"lr\": preset \"optax\" of " + type
                    + " has no default learning rate");
        }
        try {
            double[] betas = c.has("betas") ? new double[] {c.numbers("betas").get(0), c.numbers("betas").get(1)} : null;
            switch (type) {
                case "nadam": {
                    NAdam.Hyperparameters b = switch (preset) {
                        case "keras" -> NAdam.Hyperparameters.keras();
                        case "optax" -> NAdam.Hyperparameters.optax(c.number("lr"));
                        default -> NAdam.Hyperparameters.pytorch();
                    };
                    NAdam.Form form = c.has("nadam_form")
                            ? NAdam.Form.valueOf(c.choice("nadam_form").toUpperCase(Locale.ROOT)) : b.form();
                    return new NAdam.Hyperparameters(or(c, "lr", b.learningRate()), betas == null ? b.beta1() : betas[0],
                            betas == null ? b.beta2() : betas[1], or(c, "eps", b.epsilon()),
                            or(c, "momentum_decay", b.momentumDecay()), or(c, "eps_root", b.epsilonRoot()), form,
                            weightDecay(c, preset, b.weightDecay()));
                }
                case "radam": {
                    RAdam.Hyperparameters b = "optax".equals(preset) ? RAdam.Hyperparameters.optax(c.number("lr"))
                            : RAdam.Hyperparameters.pytorch();
                    RAdam.Form form = c.has("radam_form")
                            ? RAdam.Form.valueOf(c.choice("radam_form").toUpperCase(Locale.ROOT)) : b.form();
                    return new RAdam.Hyperparameters(or(c, "lr", b.learningRate()), betas == null ? b.beta1() : betas[0],
                            betas == null ? b.beta2() : betas[1], or(c, "eps", b.epsilon()),
                            or(c, "eps_root", b.epsilonRoot()), form, weightDecay(c, preset, b.weightDecay()));
                }
                case "adamax": {
                    Adamax.Hyperparameters b = switch (preset) {
                        case "keras" -> Adamax.Hyperparameters.keras();
                        case "optax" -> Adamax.Hyperparameters.optax(c.number("lr"));
                        default -> Adamax.Hyperparameters.pytorch();
                    };
                    Adamax.Form form = c.has("adamax_form")
                            ? Adamax.Form.valueOf(c.choice("adamax_form").toUpperCase(Locale.ROOT)) : b.form();
                    return new Adamax.Hyperparameters(or(c, "lr", b.learningRate()),
                            betas == null ? b.beta1() : betas[0], betas == null ? b.beta2() : betas[1],
                            or(c, "eps", b.epsilon()), form, weightDecay(c, preset, b.weightDecay()));
                }
                case "adadelta": {
                    Adadelta.Hyperparameters b = "keras".equals(preset) ? Adadelta.Hyperparameters.keras()
                            : Adadelta.Hyperparameters.pytorch();
                    return new Adadelta.Hyperparameters(or(c, "lr", b.learningRate()), or(c, "rho", b.rho()),
                            or(c, "eps", b.epsilon()), weightDecay(c, preset, b.weightDecay()));
                }
                case "rprop": {
                    Rprop.Hyperparameters b = Rprop.Hyperparameters.pytorch();
                    List<Double> etas = c.has("etas") ? c.numbers("etas") : List.of(b.etaMinus(), b.etaPlus());
                    List<Double> sizes = c.has("step_sizes") ? c.numbers("step_sizes")
                            : List.of(b.stepSizeMin(), b.stepSizeMax());
                    return new Rprop.Hyperparameters(or(c, "lr", b.learningRate()), etas.get(0), etas.get(1),
                            sizes.get(0), sizes.get(1), b.weightDecay());
                }
                default: {
                    ASGD.Hyperparameters b = ASGD.Hyperparameters.pytorch();
                    return new ASGD.Hyperparameters(or(c, "lr", b.learningRate()), or(c, "lambd", b.lambda()),
                            or(c, "alpha", b.alpha()), or(c, "t0", b.t0()), weightDecay(c, preset, b.weightDecay()));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new SpecException("$.optimizer", e.getMessage(), e);
        }
    }

    /**
     * The optim family an optimizer type and preset mean: {@code sgd} is the frameworks' plain SGD and the
     * documents' momentum method.
     */
    private static OptimizerFamily family(String type, String preset) {
        switch (type) {
            case "sgd":
                return Preset.fromId(preset).isFramework() ? OptimizerFamily.SGD : OptimizerFamily.MOMENTUM;
            case "adagrad":
                return OptimizerFamily.ADAGRAD;
            case "rmsprop":
                return OptimizerFamily.RMSPROP;
            case "adam":
                return OptimizerFamily.ADAM;
            case "adamw":
                return OptimizerFamily.ADAMW;
            default:
                throw new SpecException("$.optimizer.type", "unknown optimizer \"" + type + "\"");
        }
    }

    /**
     * Builds the optimizer over the given parameters.
     *
     * @param c the {@code optimizer} component
     * @param parameters the parameters, in the model's order
     * @return the optimizer
     * @throws SpecException as {@link #hyperparameters(Component)}
     */
    public static Optimizer optimizer(Component c, List<Parameter> parameters) {
        return hyperparameters(c).create(parameters);
    }

    /**
     * The spec setting that chooses a value on a convention axis of the optimizer.
     *
     * @param axis the axis
     * @return the setting's key, such as {@code eps_placement}
     */
    public static String conventionKey(ConventionAxis axis) {
        return switch (axis) {
            case EPSILON_PLACEMENT -> "eps_placement";
            case MOMENTUM_FORM -> "momentum_form";
            case EPSILON_FORM -> "epsilon_form";
            case AMSGRAD_FORM -> "amsgrad_form";
            case WEIGHT_DECAY_FORM -> "weight_decay_form";
            case NADAM_FORM -> "nadam_form";
            case RADAM_FORM -> "radam_form";
            case ADAMAX_FORM -> "adamax_form";
        };
    }

    private static WeightDecay weightDecay(Component c, String preset, WeightDecay base) {
        if (!c.has("weight_decay") && !c.has("weight_decay_form")) {
            return base;
        }
        double coefficient = c.has("weight_decay") ? c.number("weight_decay") : base.coefficient();
        WeightDecay.Kind kind;
        if (c.has("weight_decay_form")) {
            kind = WeightDecay.Kind.valueOf(c.choice("weight_decay_form").toUpperCase(Locale.ROOT));
        } else if (base.kind() != WeightDecay.Kind.NONE) {
            kind = base.kind();
        } else {
            kind = "keras".equals(preset) ? WeightDecay.Kind.DECOUPLED : WeightDecay.Kind.COUPLED_L2;
        }
        return new WeightDecay(kind, coefficient);
    }

    private static double or(Component c, String key, double base) {
        return c.has(key) ? c.number(key) : base;
    }

    private static boolean or(Component c, String key, boolean base) {
        return c.has(key) ? c.bool(key) : base;
    }

    private static SGD.Hyperparameters sgd(Component c, String preset, SGD.Hyperparameters base) {
        MomentumForm form = c.has("momentum_form")
                ? MomentumForm.valueOf(c.choice("momentum_form").toUpperCase(Locale.ROOT)) : base.form();
        return new SGD.Hyperparameters(or(c, "lr", base.learningRate()), or(c, "momentum", base.momentum()), form,
                or(c, "dampening", base.dampening()), or(c, "nesterov", base.nesterov()),
                weightDecay(c, preset, base.weightDecay()));
    }

    private static AdaGrad.Hyperparameters adagrad(Component c, String preset, AdaGrad.Hyperparameters base) {
        EpsilonPlacement placement = c.has("eps_placement")
                ? EpsilonPlacement.valueOf(c.choice("eps_placement").toUpperCase(Locale.ROOT))
                : base.epsilonPlacement();
        return new AdaGrad.Hyperparameters(or(c, "lr", base.learningRate()), or(c, "lr_decay",
                base.learningRateDecay()), or(c, "initial_accumulator_value", base.initialAccumulatorValue()),
                or(c, "eps", base.epsilon()), placement, weightDecay(c, preset, base.weightDecay()));
    }

    private static RMSProp.Hyperparameters rmsprop(Component c, String preset, RMSProp.Hyperparameters base) {
        EpsilonPlacement placement = c.has("eps_placement")
                ? EpsilonPlacement.valueOf(c.choice("eps_placement").toUpperCase(Locale.ROOT))
                : base.epsilonPlacement();
        MomentumForm form = c.has("momentum_form")
                ? MomentumForm.valueOf(c.choice("momentum_form").toUpperCase(Locale.ROOT)) : base.momentumForm();
        return new RMSProp.Hyperparameters(or(c, "lr", base.learningRate()), or(c, "alpha", base.decay()),
                or(c, "eps", base.epsilon()), placement, or(c, "centered", base.centered()),
                or(c, "momentum", base.momentum()), form, or(c, "initial_scale", base.initialSquareAverage()),
                weightDecay(c, preset, base.weightDecay()));
    }

    private static Adam.Hyperparameters adam(Component c, String preset, Adam.Hyperparameters base) {
        double beta1 = base.beta1();
        double beta2 = base.beta2();
        if (c.has("betas")) {
            beta1 = c.numbers("betas").get(0);
            beta2 = c.numbers("betas").get(1);
        }
        Adam.EpsilonForm form = c.has("epsilon_form")
                ? Adam.EpsilonForm.valueOf(c.choice("epsilon_form").toUpperCase(Locale.ROOT)) : base.epsilonForm();
        Adam.AmsGrad ams = base.amsGrad();
        if (c.has("amsgrad") && !c.bool("amsgrad")) {
            if (c.has("amsgrad_form")) {
                throw new SpecException("$.optimizer.amsgrad_form", "given, but \"amsgrad\" is false");
            }
            ams = Adam.AmsGrad.NONE;
        } else if (c.has("amsgrad") || c.has("amsgrad_form")) {
            if (c.has("amsgrad_form")) {
                ams = Adam.AmsGrad.valueOf(c.choice("amsgrad_form").toUpperCase(Locale.ROOT));
            } else if (ams == Adam.AmsGrad.NONE) {
                ams = "optax".equals(preset) ? Adam.AmsGrad.MAX_OF_BIAS_CORRECTED_SECOND_MOMENT
                        : Adam.AmsGrad.MAX_OF_RAW_SECOND_MOMENT;
            }
        }
        return new Adam.Hyperparameters(or(c, "lr", base.learningRate()), beta1, beta2, or(c, "eps", base.epsilon()),
                form, or(c, "eps_root", base.epsilonRoot()), ams, weightDecay(c, preset, base.weightDecay()));
    }

    /**
     * The initial learning rate of an optimizer component (its resolved {@code lr}).
     *
     * @param c the {@code optimizer} component
     * @return the learning rate
     * @throws SpecException as {@link #hyperparameters(Component)}
     */
    public static double initialLearningRate(Component c) {
        if (TrainingTools.isLbfgs(c)) {
            return TrainingTools.lbfgs(c).learningRate();
        }
        return hyperparameters(c).learningRate();
    }

    // ------------------------------------------------------------------------------------------
    // Schedule

    /**
     * Builds a learning-rate schedule starting from the optimizer's learning rate.
     *
     * @param c the {@code schedule} component
     * @param initial the optimizer's initial learning rate {@code lr0}
     * @return the schedule: {@code lr(t)} is the rate of optimizer step {@code t + 1} (or epoch {@code t + 1}
     *     with {@code interval = "epoch"})
     * @throws SpecException if the library refuses the settings (path {@code $.schedule})
     */
    public static LearningRateSchedule schedule(Component c, double initial) {
        try {
            switch (c.type()) {
                case "constant":
                    return new io.github.dlref.optim.schedule.Constant(initial);
                case "step":
                    return new StepDecay(initial, c.integer("step_size"), c.number("gamma"));
                case "multistep":
                    return new MultiStepDecay(initial, c.integers("milestones"), c.number("gamma"));
                case "exponential":
                    return new ExponentialDecay(initial, c.number("gamma"), c.number("decay_steps"));
                case "inverse_time":
                    return new InverseTimeDecay(initial, c.number("decay_rate"), c.number("decay_steps"));
                case "polynomial":
                    return new PolynomialDecay(initial, c.number("end_lr"), c.integer("total_iters"), c.number("power"));
                case "cosine":
                    return new CosineDecay(initial, c.number("eta_min"), c.integer("T_max"),
                            "hold".equals(c.choice("after")) ? CosineDecay.AfterPeriod.HOLD
                                    : CosineDecay.AfterPeriod.CONTINUE);
                case "linear":
                    return new LinearSchedule(initial * c.number("start_factor"), initial * c.number("end_factor"),
                            c.integer("total_iters"));
                case "power":
                    return new PowerDecay(initial, c.number("power")).shifted(1);
                case "inverse_time_staircase":
                    return new StaircaseInverseTimeDecay(initial, c.number("decay_rate"), c.number("decay_steps"));
                case "one_cycle":
                    return new OneCycle(initial, c.integer("total_steps"), c.number("pct_start"),
                            "linear".equals(c.choice("anneal_strategy")) ? OneCycle.Anneal.LINEAR : OneCycle.Anneal.COS,
                            c.number("div_factor"), c.number("final_div_factor"), c.bool("three_phase"));
                case "cosine_warm_restarts":
                    return new CosineWarmRestarts(initial, c.integer("T_0"), c.integer("T_mult"), c.number("eta_min"));
                case "cyclic":
                    return new CyclicSchedule(c.number("base_lr"), initial, c.number("step_size_up"),
                            c.has("step_size_down") ? c.number("step_size_down") : c.number("step_size_up"),
                            CyclicSchedule.Mode.valueOf(c.choice("mode").toUpperCase(Locale.ROOT)), c.number("gamma"));
                case "reduce_on_plateau":
                    throw new SpecException("$.schedule.type", "reduce_on_plateau is driven by the monitored loss, "
                            + "not by the step count: it has no rate lr(t) (see TrainingTools.plateau)");
                default:
                    throw new SpecException("$.schedule.type", "unknown schedule \"" + c.type() + "\"");
            }
        } catch (IllegalArgumentException e) {
            throw new SpecException("$.schedule", e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Data

    /**
     * Builds the dataset: inline data (classes become a classification dataset with {@code outputWidth}
     * classes) or a generated built-in dataset.
     *
     * @param data the data spec
     * @param outputWidth the model's output width (the number of classes for class indices)
     * @return the dataset
     * @throws SpecException if a class index is out of range or the library refuses the settings
     */
    public static Dataset dataset(DataSpec data, int outputWidth) {
        if (data instanceof DataSpec.Inline in) {
            if (in.classes().isPresent()) {
                List<Integer> classes = in.classes().get();
                int[] labels = new int[classes.size()];
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = classes.get(i);
                    if (labels[i] < 0 || labels[i] >= outputWidth) {
                        throw new SpecException("$.data.classes[" + i + "]", "expected a class index in [0, "
                                + outputWidth + ") (the model's output width), got " + labels[i]);
                    }
                }
                return Dataset.classification(in.inputs(), labels, outputWidth);
            }
            return Dataset.regression(in.inputs(), in.targets().get());
        }
        Component c = ((DataSpec.Builtin) data).dataset();
        checkDataSize(c);
        try {
            switch (c.type()) {
                case "iris":
                    return Iris.load();
                case "xor":
                    return Xor.truthTable();
                case "spiral":
                    return Spiral.generate(Math.toIntExact(c.integer("points_per_class")),
                            Math.toIntExact(c.integer("classes")), c.number("noise"), c.integer("seed"));
                case "two_moons":
                    return TwoMoons.generate(Math.toIntExact(c.integer("n")), c.number("noise"), c.bool("shuffle"),
                            c.integer("seed"));
                case "blobs":
                    return GaussianBlobs.generate(Math.toIntExact(c.integer("n")), Math.toIntExact(c.integer("centers")),
                            Math.toIntExact(c.integer("features")), c.number("std"), c.bool("shuffle"),
                            c.integer("seed"));
                case "linear_regression":
                    return LinearRegressionData.generate(Math.toIntExact(c.integer("n")), c.matrix("weight"),
                            c.matrix("bias"), c.number("noise"), c.integer("seed"));
                default:
                    throw new SpecException("$.data.dataset.type", "unknown dataset \"" + c.type() + "\"");
            }
        } catch (IllegalArgumentException e) {
            throw new SpecException("$.data.dataset", e.getMessage(), e);
        }
    }

    /**
     * The largest built-in dataset a spec may ask for: 50 million values (samples times the values each sample
     * holds: its features and its one-hot target or target columns), checked before the generator allocates
     * anything, so that a typo such as {@code "points_per_class": 1000000000} is one clear error. dlref's choice,
     * equal to {@link #MAX_PARAMETERS}.
     */
    public static final long MAX_DATA_VALUES = 50_000_000L;

    /** Refuses a generated dataset above {@link #MAX_DATA_VALUES}, naming the setting that makes it large. */
    private static void checkDataSize(Component c) {
        // every count is at most 2^31 - 1, so no product of two and no sum of two such products overflows a long
        switch (c.type()) {
            case "spiral": {
                long points = c.integer("points_per_class");
                long classes = c.integer("classes");
                limitData(c.type(), points >= classes ? "points_per_class" : "classes",
                        points * classes * (2 + classes), points * classes + " samples of " + (2 + classes));
                break;
            }
            case "two_moons":
                limitData(c.type(), "n", c.integer("n") * 4, c.integer("n") + " samples of 4");
                break;
            case "blobs": {
                long n = c.integer("n");
                long centers = c.integer("centers");
                long features = c.integer("features");
                String field = n >= features && n >= centers ? "n" : features >= centers ? "features" : "centers";
                long values = features > MAX_DATA_VALUES || centers > MAX_DATA_VALUES ? Long.MAX_VALUE
                        : n * (features + centers) + centers * features;
                limitData(c.type(), field, values, n + " samples of " + (features + centers) + " and " + centers
                        + " centers of " + features);
                break;
            }
            case "linear_regression": {
                long width = (long) c.matrix("weight").cols() + c.matrix("weight").rows();
                limitData(c.type(), "n", c.integer("n") * width, c.integer("n") + " samples of " + width);
                break;
            }
            default:
                break;
        }
    }

    private static void limitData(String type, String field, long values, String what) {
        if (values > MAX_DATA_VALUES) {
            throw new SpecException("$.data.dataset." + field, "the dataset \"" + type + "\" would hold " + what
                    + " values, more than the limit of " + MAX_DATA_VALUES + " values; the oracle refuses it before"
                    + " allocating");
        }
    }
}
