package io.github.dlref.verify.oracle;

import io.github.dlref.train.Activation;
import io.github.dlref.train.DataConfig;
import io.github.dlref.train.DataSource;
import io.github.dlref.train.InitScheme;
import io.github.dlref.train.ModelConfig;
import io.github.dlref.train.OptimizerConfig;
import io.github.dlref.train.OptimizerKind;
import io.github.dlref.train.PreparedData;
import io.github.dlref.train.Preset;
import io.github.dlref.train.ScheduleConfig;
import io.github.dlref.train.ScheduleKind;
import io.github.dlref.train.Seeds;
import io.github.dlref.train.TrainingConfig;
import io.github.dlref.data.DataLoader;
import io.github.dlref.nn.losses.CrossEntropyLoss;
import io.github.dlref.verify.oracle.spec.Component;
import io.github.dlref.verify.oracle.spec.DataSpec;
import io.github.dlref.verify.oracle.spec.ModelSpec;
import io.github.dlref.verify.oracle.spec.OutputSpec;
import io.github.dlref.verify.oracle.spec.ParametersSpec;
import io.github.dlref.verify.oracle.spec.Spec;
import io.github.dlref.verify.oracle.spec.TrainingSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Converts between the app's {@link TrainingConfig} and the oracle's spec format ({@code dlref.spec.v1},
 * {@code io.github.dlref.verify.oracle.spec}), so that {@code dlref search} writes its best configuration as a
 * spec and {@code dlref train --spec} trains one.
 *
 * <p>What a spec means to the app: the spec's model, initialization seed, loss, regularization, optimizer,
 * schedule, batch size, shuffling seed and built-in dataset. Its data is the <em>whole</em> dataset: the app then
 * holds out validation and test parts with the split seed {@link Seeds#split()} (derived from the spec's
 * {@code training.seed}) and standardizes the features, as for any run. Its {@code training.steps} is the total
 * number of optimizer steps, a whole number of epochs. A spec converts only if the app can train it exactly:
 * <ul>
 *   <li>model: {@code linear} layers with bias, each hidden one followed by an optional {@code batchnorm}
 *       (PyTorch's defaults), one activation ({@code relu}, {@code tanh}, {@code sigmoid}, {@code leaky_relu}
 *       with slope 0.01, {@code gelu} in either form, {@code elu} with alpha 1, {@code selu}, {@code silu},
 *       {@code softplus} and {@code hardtanh} with PyTorch's defaults) and an optional {@code dropout} (the same {@code p} everywhere, seeds {@code s, s + 1,
 *       ...}); every linear layer initialized alike: PyTorch's default, {@code xavier_uniform} (gain 1) with zero
 *       biases, or {@code kaiming_uniform} for ReLU with zero biases; the last linear layer's width is the number
 *       of classes;</li>
 *   <li>parameters from a seed (no explicit values); loss {@code cross_entropy} with {@code mean};
 *       regularizers {@code l1}/{@code l2} on the weights;</li>
 *   <li>optimizer: {@code sgd} (plain, with momentum, or Nesterov), {@code adagrad}, {@code rmsprop}, {@code adam},
 *       {@code adamw} with presets {@code pytorch}, {@code keras} or {@code optax} and only the settings
 *       {@code lr}, {@code momentum}, {@code nesterov}, {@code betas}, {@code alpha} (RMSprop), {@code eps},
 *       {@code weight_decay}, {@code weight_decay_form} ({@code coupled_l2}, or {@code decoupled} for AdamW);</li>
 *   <li>schedule: none or {@code constant}; {@code step}, {@code exponential} (one decay step),
 *       {@code inverse_time} (one decay step) or {@code cosine} ({@code T_max} = the epochs, {@code after}
 *       continue), each with {@code interval: "epoch"};</li>
 *   <li>training: shuffled, with a seed, no {@code drop_last}; data: built-in {@code iris}, or {@code spiral}
 *       with 100 points per class, 3 classes, noise 0.2.</li>
 * </ul>
 * Anything else is refused with the JSON path and the reason ({@code dlref run} executes every spec).
 */
public final class SpecConversion {

    private SpecConversion() {
    }

    // ------------------------------------------------------------------------------------------
    // TrainingConfig -> Spec

    /**
     * The spec of a configuration.
     *
     * @param config the configuration (its data must be Iris or the spiral: the format has no other dataset)
     * @param data the data prepared from it (for the number of steps per epoch)
     * @return the spec
     * @throws IllegalArgumentException if the configuration's dataset has no spec form
     */
    public static Spec toSpec(TrainingConfig config, PreparedData data) {
        if (config.clipping() != null) {
            throw new IllegalArgumentException("spec: the spec conversion has no gradient clipping ("
                    + config.clipping().describe() + "); a run with clipping cannot be written as a spec");
        }
        DataSpec dataSpec = switch (config.data().source()) {
            case IRIS -> new DataSpec.Builtin(Component.of("dataset", "iris"));
            case SPIRAL -> new DataSpec.Builtin(Component.of("dataset", "spiral", "points_per_class",
                    DataConfig.SPIRAL_POINTS_PER_CLASS, "classes", DataConfig.SPIRAL_CLASSES, "noise", 0.2, "seed",
                    config.seeds().data()));
            default -> throw new IllegalArgumentException("spec: the spec format (" + Spec.FORMAT + ") has no "
                    + config.data().source().name().toLowerCase(Locale.ROOT).replace('_', '-')
                    + " dataset; only iris and spiral runs can be written as specs");
        };
        ModelConfig m = config.model();
        List<Component> layers = new ArrayList<>();
        int dropoutIndex = 0;
        for (int h : m.hidden()) {
            layers.add(linear(h, m.init()));
            if (m.batchNorm()) {
                layers.add(Component.of("layer", "batchnorm"));
            }
            layers.add(activationLayer(m.activation()));
            if (m.dropout() > 0) {
                layers.add(Component.of("layer", "dropout", "p", m.dropout(), "seed",
                        config.seeds().dropout() + dropoutIndex++));
            }
        }
        layers.add(linear(data.numClasses(), m.init()));
        List<Component> regularization = new ArrayList<>();
        if (config.l1() > 0) {
            regularization.add(Component.of("regularizer", "l1", "lambda", config.l1()));
        }
        if (config.l2() > 0) {
            regularization.add(Component.of("regularizer", "l2", "lambda", config.l2()));
        }
        int perEpoch = DataLoader.batchCount(data.train().size(), config.batchSize(), false);
        TrainingSpec training = new TrainingSpec(Math.multiplyExact(perEpoch, config.epochs()),
                OptionalInt.of(config.batchSize()), true, OptionalLong.of(config.seeds().loader()), false);
        return new Spec(new ModelSpec(data.numFeatures(), layers), ParametersSpec.seeded(config.seeds().init()),
                dataSpec, Component.of("loss", "cross_entropy"), regularization, optimizer(config.optimizer()),
                schedule(config.schedule(), config.epochs()), training, OutputSpec.DEFAULT);
    }

    private static Component linear(int out, InitScheme init) {
        return switch (init) {
            case PYTORCH -> Component.of("layer", "linear", "out", out);
            case XAVIER -> Component.of("layer", "linear", "out", out, "weight_init",
                    Component.of("init", "xavier_uniform"), "bias_init", Component.of("init", "zeros"));
            case KAIMING -> Component.of("layer", "linear", "out", out, "weight_init",
                    Component.of("init", "kaiming_uniform", "nonlinearity", "relu"), "bias_init",
                    Component.of("init", "zeros"));
        };
    }

    private static Component optimizer(OptimizerConfig o) {
        String type = switch (o.kind()) {
            case SGD, MOMENTUM, NESTEROV -> "sgd";
            case ADAGRAD -> "adagrad";
            case RMSPROP -> "rmsprop";
            case ADAM -> "adam";
            case ADAMW -> "adamw";
            case NADAM, RADAM, ADAMAX, ADADELTA, RPROP, ASGD -> o.kind().id();
        };
        Component c = Component.of("optimizer", type, "preset", o.preset().name().toLowerCase(Locale.ROOT), "lr",
                o.initialLearningRate());
        if (o.kind() == OptimizerKind.MOMENTUM || o.kind() == OptimizerKind.NESTEROV) {
            c = c.with("momentum", o.momentum() != null ? o.momentum() : io.github.dlref.optim.Presets.DEFAULT_MOMENTUM);
            c = c.with("momentum_form", o.preset() == Preset.KERAS ? "heavy_ball" : "pytorch");
            if (o.kind() == OptimizerKind.NESTEROV) {
                c = c.with("nesterov", true);
            }
        }
        if (o.kind() == OptimizerKind.RMSPROP && o.momentum() != null) {
            c = c.with("momentum", o.momentum());
        }
        if (o.kind() == OptimizerKind.RMSPROP && o.beta2() != null) {
            c = c.with("alpha", o.beta2());
        }
        if ((o.kind() == OptimizerKind.ADAM || o.kind() == OptimizerKind.ADAMW)
                && (o.beta1() != null || o.beta2() != null)) {
            c = c.with("betas", List.of(o.beta1() != null ? o.beta1() : 0.9, o.beta2() != null ? o.beta2() : 0.999));
        }
        if (!o.kind().hasFamily()) {
            c = laterOptimizer(c, o);
        } else if (o.epsilon() != null) {
            c = c.with("eps", o.epsilon());
        }
        io.github.dlref.optim.WeightDecay decay = o.resolvedWeightDecay();
        if (decay.kind() != io.github.dlref.optim.WeightDecay.Kind.NONE) {
            c = c.with("weight_decay", decay.coefficient());
            c = c.with("weight_decay_form", decay.kind().name().toLowerCase(Locale.ROOT));
        } else if (o.kind() == OptimizerKind.ADAMW) {
            c = c.with("weight_decay", 0.0).with("weight_decay_form", "decoupled");
        }
        return c;
    }

    /** The resolved settings of NAdam, RAdam, Adamax, Adadelta, Rprop and ASGD, as the catalog names them. */
    private static Component laterOptimizer(Component c, OptimizerConfig o) {
        io.github.dlref.optim.OptimizerHyperparameters h = o.hyperparameters();
        if (h instanceof io.github.dlref.optim.NAdam.Hyperparameters n) {
            c = c.with("betas", List.of(n.beta1(), n.beta2())).with("eps", n.epsilon());
            return o.preset() == Preset.OPTAX ? c : c.with("momentum_decay", n.momentumDecay());
        }
        if (h instanceof io.github.dlref.optim.RAdam.Hyperparameters r) {
            return c.with("betas", List.of(r.beta1(), r.beta2())).with("eps", r.epsilon());
        }
        if (h instanceof io.github.dlref.optim.Adamax.Hyperparameters a) {
            return c.with("betas", List.of(a.beta1(), a.beta2())).with("eps", a.epsilon());
        }
        if (h instanceof io.github.dlref.optim.Adadelta.Hyperparameters a) {
            return c.with("rho", a.rho()).with("eps", a.epsilon());
        }
        if (h instanceof io.github.dlref.optim.Rprop.Hyperparameters r) {
            return c.with("etas", List.of(r.etaMinus(), r.etaPlus())).with("step_sizes",
                    List.of(r.stepSizeMin(), r.stepSizeMax()));
        }
        io.github.dlref.optim.ASGD.Hyperparameters a = (io.github.dlref.optim.ASGD.Hyperparameters) h;
        return c.with("lambd", a.lambda()).with("alpha", a.alpha()).with("t0", a.t0());
    }

    private static Optional<Component> schedule(ScheduleConfig s, int epochs) {
        return switch (s.kind()) {
            case CONSTANT -> Optional.empty();
            case STEP -> Optional.of(Component.of("schedule", "step", "step_size", s.stepSize(), "gamma",
                    s.gamma() != null ? s.gamma() : ScheduleConfig.DEFAULT_STEP_GAMMA, "interval", "epoch"));
            case EXPONENTIAL -> Optional.of(Component.of("schedule", "exponential", "gamma",
                    s.gamma() != null ? s.gamma() : ScheduleConfig.DEFAULT_EXPONENTIAL_GAMMA, "interval", "epoch"));
            case INVERSE_TIME -> Optional.of(Component.of("schedule", "inverse_time", "decay_rate",
                    s.gamma() != null ? s.gamma() : ScheduleConfig.DEFAULT_DECAY_RATE, "interval", "epoch"));
            case COSINE -> Optional.of(Component.of("schedule", "cosine", "T_max", Math.max(1, epochs), "eta_min",
                    s.minLearningRate(), "interval", "epoch"));
            case INVERSE_TIME_STAIRCASE -> Optional.of(Component.of("schedule", "inverse_time_staircase",
                    "decay_rate", s.gamma() != null ? s.gamma() : ScheduleConfig.DEFAULT_DECAY_RATE, "decay_steps",
                    (double) s.stepSize(), "interval", "epoch"));
            case COSINE_WARM_RESTARTS -> Optional.of(Component.of("schedule", "cosine_warm_restarts", "T_0",
                    s.stepSize(), "T_mult", s.periodMultiplier() != null ? s.periodMultiplier() : 1, "eta_min",
                    s.minLearningRate(), "interval", "epoch"));
            case CYCLIC -> Optional.of(Component.of("schedule", "cyclic", "base_lr", s.minLearningRate(),
                    "step_size_up", (double) s.stepSize(), "step_size_down",
                    s.stepSizeDown() != null ? s.stepSizeDown() : (double) s.stepSize(), "mode",
                    (s.cyclicMode() != null ? s.cyclicMode() : io.github.dlref.optim.schedule.CyclicSchedule.Mode
                            .TRIANGULAR).name().toLowerCase(Locale.ROOT),
                    "gamma", s.gamma() != null ? s.gamma() : ScheduleConfig.DEFAULT_CYCLIC_GAMMA, "interval", "epoch"));
            case ONE_CYCLE -> {
                io.github.dlref.optim.schedule.OneCycle d = io.github.dlref.optim.schedule.OneCycle.pytorch(1.0, 10);
                yield Optional.of(Component.of("schedule", "one_cycle", "total_steps", Math.max(1, epochs),
                        "pct_start", s.pctStart() != null ? s.pctStart() : d.pctStart(), "anneal_strategy",
                        (s.anneal() != null ? s.anneal() : d.anneal()).name().toLowerCase(Locale.ROOT), "div_factor",
                        s.divFactor() != null ? s.divFactor() : d.divFactor(), "final_div_factor",
                        s.finalDivFactor() != null ? s.finalDivFactor() : d.finalDivFactor(), "three_phase",
                        s.threePhase() != null && s.threePhase(), "interval", "epoch"));
            }
            case REDUCE_ON_PLATEAU -> throw new IllegalArgumentException("spec: the spec conversion has "
                    + "no " + s.kind().name().toLowerCase(Locale.ROOT) + " schedule as dlref train runs it ("
                    + s.describe() + "); a run with it cannot be written as a spec");
        };
    }

    // ------------------------------------------------------------------------------------------
    // Spec -> TrainingConfig

    /**
     * The configuration of a spec (see the class documentation for what converts).
     *
     * @param spec the spec
     * @param dataOverride data to use instead of the spec's (from the command line), or {@code null} for the
     *     spec's built-in dataset
     * @param validationFraction the validation fraction for the spec's dataset, or {@code null} for the default
     * @param testFraction the test fraction for the spec's dataset, or {@code null} for the default
     * @param epochs the number of epochs, or {@code null} for {@code training.steps} divided by the steps per
     *     epoch (which must divide it)
     * @return the configuration
     * @throws IllegalArgumentException naming the JSON path and the reason if the spec does not convert
     * @throws IOException if the data must be read to count the steps per epoch and cannot be
     */
    public static TrainingConfig fromSpec(Spec spec, DataConfig dataOverride, Double validationFraction,
            Double testFraction, Integer epochs) throws IOException {
        TrainingSpec t = spec.training();
        if (!t.shuffle() || t.seed().isEmpty()) {
            throw refuse("$.training.shuffle", "the app shuffles every epoch; the spec must have shuffle true and a "
                    + "seed");
        }
        if (t.dropLast()) {
            throw refuse("$.training.drop_last", "the app keeps the last short batch; drop_last must be false");
        }
        if (t.clipping().isPresent()) {
            throw refuse("$.training.clipping", "the spec conversion has no gradient clipping (dlref train clips with "
                    + "--clip-norm or --clip-value; dlref run executes this spec)");
        }
        if (spec.parameters().seed().isEmpty() || !spec.parameters().values().isEmpty()) {
            throw refuse("$.parameters", "the app draws every parameter from the seed; explicit values are not "
                    + "supported");
        }
        if (!"cross_entropy".equals(spec.loss().type()) || !"mean".equals(spec.loss().choice("reduction"))) {
            throw refuse("$.loss", "the app trains with cross_entropy and reduction mean, got " + spec.loss().type()
                    + " with " + spec.loss().choice("reduction"));
        }
        if (spec.loss().has("weight") || spec.loss().number("label_smoothing") != 0.0) {
            throw refuse("$.loss", "the app trains with cross_entropy without class weights or label smoothing, got "
                    + VectorWriter.describe(spec.loss()));
        }
        if (spec.loss().integer("ignore_index") != CrossEntropyLoss.DEFAULT_IGNORE_INDEX) {
            throw refuse("$.loss", "the app trains with cross_entropy without ignore_index, got "
                    + VectorWriter.describe(spec.loss()));
        }
        double l1 = 0;
        double l2 = 0;
        for (int i = 0; i < spec.regularization().size(); i++) {
            Component r = spec.regularization().get(i);
            if (!"weights".equals(r.selector("parameters"))) {
                throw refuse("$.regularization[" + i + "].parameters", "the app penalizes the weights only");
            }
            if ("l1".equals(r.type())) {
                l1 += r.number("lambda");
            } else {
                l2 += r.number("lambda");
            }
        }
        ModelParse model = parseModel(spec.model());
        long dropoutSeed = model.dropoutSeed == null ? 0L : model.dropoutSeed;
        long dataSeed = 0L;
        DataConfig data = dataOverride;
        if (data == null) {
            if (!(spec.data() instanceof DataSpec.Builtin builtin)) {
                throw refuse("$.data", "inline data is not supported by dlref train (dlref run executes it); give "
                        + "--dataset");
            }
            Component d = builtin.dataset();
            if ("iris".equals(d.type())) {
                data = new DataConfig(DataSource.IRIS, null, null, false, 0, validationFraction, testFraction);
            } else if ("spiral".equals(d.type()) && d.integer("points_per_class") == DataConfig.SPIRAL_POINTS_PER_CLASS
                    && d.integer("classes") == DataConfig.SPIRAL_CLASSES && d.number("noise") == 0.2) {
                data = new DataConfig(DataSource.SPIRAL, null, null, false, 0, validationFraction, testFraction);
                dataSeed = d.integer("seed");
            } else {
                throw refuse("$.data.dataset", "the app's built-in data is iris, or spiral with points_per_class "
                        + DataConfig.SPIRAL_POINTS_PER_CLASS + ", classes " + DataConfig.SPIRAL_CLASSES
                        + " and noise 0.2; got " + d.type() + "; give --dataset for other data");
            }
        }
        Seeds seeds = new Seeds(spec.parameters().seed().getAsLong(), t.seed().getAsLong(), dropoutSeed, dataSeed);
        OptimizerConfig optimizer = parseOptimizer(spec.optimizer());
        int batchSize = t.batchSize().isPresent() ? t.batchSize().getAsInt() : Integer.MAX_VALUE;
        TrainingConfig config = new TrainingConfig(data, model.config, optimizer, ScheduleConfig.CONSTANT, l1, l2, 1,
                batchSize, seeds);
        int epochCount;
        if (epochs != null) {
            epochCount = epochs;
        } else {
            int perEpoch = DataLoader.batchCount(config.prepareData().train().size(), batchSize, false);
            if (t.steps() % perEpoch != 0) {
                throw refuse("$.training.steps", t.steps() + " steps are not a whole number of epochs of " + perEpoch
                        + " batches; give --epochs");
            }
            epochCount = t.steps() / perEpoch;
        }
        ScheduleConfig schedule = parseSchedule(spec.schedule(), epochCount);
        return config.withEpochs(epochCount).withSchedule(schedule);
    }

    private static IllegalArgumentException refuse(String path, String reason) {
        return new IllegalArgumentException("spec " + path + ": " + reason);
    }

    private record ModelParse(ModelConfig config, Long dropoutSeed) {
    }

    private static ModelParse parseModel(ModelSpec model) {
        List<Component> layers = model.layers();
        List<Integer> hidden = new ArrayList<>();
        Activation activation = null;
        Boolean batchNorm = null;
        Double dropout = null;
        Long dropoutSeed = null;
        InitScheme init = null;
        int i = 0;
        while (true) {
            String path = "$.model.layers[" + i + "]";
            if (i >= layers.size() || !"linear".equals(layers.get(i).type())) {
                throw refuse(path, "expected a linear layer (the app's models are MLPs: linear, [batchnorm], "
                        + "activation, [dropout], ..., linear)");
            }
            Component lin = layers.get(i);
            if (!lin.bool("bias")) {
                throw refuse(path + ".bias", "the app's linear layers have a bias");
            }
            InitScheme scheme = initScheme(path, lin);
            if (init != null && init != scheme) {
                throw refuse(path, "every linear layer must be initialized alike");
            }
            init = scheme;
            int out = Math.toIntExact(lin.integer("out"));
            i++;
            if (i == layers.size()) {
                break;
            }
            hidden.add(out);
            boolean bn = i < layers.size() && "batchnorm".equals(layers.get(i).type());
            if (bn) {
                Component b = layers.get(i);
                if (!b.settings().isEmpty() && !(b.settings().size() == 1 && "pytorch".equals(b.choice("convention"))
                        && b.has("convention"))) {
                    throw refuse("$.model.layers[" + i + "]", "the app's batch normalization uses PyTorch's "
                            + "defaults; no other settings");
                }
                i++;
            }
            if (batchNorm != null && batchNorm != bn) {
                throw refuse("$.model.layers[" + i + "]", "every hidden block must have batchnorm, or none");
            }
            batchNorm = bn;
            Activation a = i < layers.size() ? activation(layers.get(i)) : null;
            if (a == null || (activation != null && activation != a)) {
                throw refuse("$.model.layers[" + i + "]", "expected the hidden activation (the same relu, tanh, "
                        + "sigmoid, leaky_relu with slope 0.01, gelu, elu with alpha 1, selu, silu, softplus or hardtanh "
                        + "with PyTorch's defaults in every block)");
            }
            activation = a;
            i++;
            double p = 0.0;
            if (i < layers.size() && "dropout".equals(layers.get(i).type())) {
                Component d = layers.get(i);
                p = d.number("p");
                long expectedSeed = dropoutSeed == null ? d.integer("seed") : dropoutSeed + countDropouts(layers, i);
                if (dropoutSeed == null) {
                    dropoutSeed = d.integer("seed");
                } else if (d.integer("seed") != expectedSeed) {
                    throw refuse("$.model.layers[" + i + "].seed", "dropout seeds must be consecutive (s, s + 1, ...); "
                            + "expected " + expectedSeed);
                }
                i++;
            }
            if (dropout != null && dropout != p) {
                throw refuse("$.model.layers[" + (i - 1) + "]", "every hidden block must have the same dropout");
            }
            if (p >= 1.0) {
                throw refuse("$.model.layers[" + (i - 1) + "].p", "the app's dropout p must be < 1");
            }
            dropout = p;
        }
        ModelConfig config = new ModelConfig(hidden, activation == null ? Activation.RELU : activation,
                dropout == null ? 0.0 : dropout, batchNorm != null && batchNorm, init);
        return new ModelParse(config, dropoutSeed);
    }

    private static int countDropouts(List<Component> layers, int before) {
        int n = 0;
        for (int k = 0; k < before; k++) {
            if ("dropout".equals(layers.get(k).type())) {
                n++;
            }
        }
        return n;
    }

    /** The spec layer of an app activation (the spec type is the enum's name, except GELU's tanh form). */
    static Component activationLayer(Activation a) {
        if (a == Activation.GELU_TANH) {
            return Component.of("layer", "gelu", "approximate", "tanh");
        }
        return Component.of("layer", a.name().toLowerCase(Locale.ROOT));
    }

    private static Activation activation(Component c) {
        return switch (c.type()) {
            case "relu" -> Activation.RELU;
            case "tanh" -> Activation.TANH;
            case "sigmoid" -> Activation.SIGMOID;
            case "leaky_relu" -> c.number("negative_slope") == 0.01 ? Activation.LEAKY_RELU : null;
            case "gelu" -> "tanh".equals(c.choice("approximate")) ? Activation.GELU_TANH : Activation.GELU;
            case "elu" -> c.number("alpha") == 1.0 ? Activation.ELU : null;
            case "selu" -> Activation.SELU;
            case "silu" -> Activation.SILU;
            case "softplus" -> c.number("beta") == 1.0 && c.number("threshold") == 20.0 ? Activation.SOFTPLUS : null;
            case "hardtanh" -> c.number("min_val") == -1.0 && c.number("max_val") == 1.0 ? Activation.HARDTANH : null;
            default -> null;
        };
    }

    private static InitScheme initScheme(String path, Component lin) {
        Optional<Component> w = lin.component("weight_init");
        Optional<Component> b = lin.component("bias_init");
        if (w.isEmpty() && b.isEmpty()) {
            return InitScheme.PYTORCH;
        }
        boolean zeroBias = b.isPresent() && "zeros".equals(b.get().type());
        if (zeroBias && w.isPresent() && "xavier_uniform".equals(w.get().type()) && w.get().number("gain") == 1.0) {
            return InitScheme.XAVIER;
        }
        if (zeroBias && w.isPresent() && "kaiming_uniform".equals(w.get().type()) && w.get().number("a") == 0.0
                && "fan_in".equals(w.get().choice("mode"))
                && List.of("relu", "leaky_relu").contains(w.get().choice("nonlinearity"))) {
            return InitScheme.KAIMING;
        }
        throw refuse(path, "the app initializes linear layers with PyTorch's default, xavier_uniform (gain 1) with "
                + "zero biases, or kaiming_uniform for relu with zero biases");
    }

    private static OptimizerConfig parseOptimizer(Component c) {
        String preset = c.choice("preset");
        Preset p;
        try {
            p = Preset.valueOf(preset.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw refuse("$.optimizer.preset", "the app offers the presets pytorch, keras and optax, got " + preset);
        }
        List<String> allowed = new ArrayList<>(List.of("preset", "lr", "eps", "weight_decay", "weight_decay_form"));
        OptimizerKind kind;
        Double momentum = null;
        Double beta1 = null;
        Double beta2 = null;
        switch (c.type()) {
            case "sgd" -> {
                allowed.addAll(List.of("momentum", "nesterov", "momentum_form"));
                boolean nesterov = c.has("nesterov") && c.bool("nesterov");
                double mu = c.has("momentum") ? c.number("momentum") : 0.0;
                kind = nesterov ? OptimizerKind.NESTEROV : mu > 0 ? OptimizerKind.MOMENTUM : OptimizerKind.SGD;
                momentum = kind == OptimizerKind.SGD ? null : mu;
                String expectedForm = p == Preset.KERAS ? "heavy_ball" : "pytorch";
                if (c.has("momentum_form") && !expectedForm.equals(c.choice("momentum_form"))) {
                    throw refuse("$.optimizer.momentum_form", "the app uses the preset's momentum form ("
                            + expectedForm + ")");
                }
                if (c.has("eps")) {
                    throw refuse("$.optimizer.eps", "sgd has no epsilon");
                }
            }
            case "adagrad" -> kind = OptimizerKind.ADAGRAD;
            case "rmsprop" -> {
                allowed.addAll(List.of("momentum", "alpha"));
                kind = OptimizerKind.RMSPROP;
                momentum = c.has("momentum") ? c.number("momentum") : null;
                beta2 = c.has("alpha") ? c.number("alpha") : null;
            }
            case "adam", "adamw" -> {
                allowed.add("betas");
                kind = "adam".equals(c.type()) ? OptimizerKind.ADAM : OptimizerKind.ADAMW;
                if (c.has("betas")) {
                    beta1 = c.numbers("betas").get(0);
                    beta2 = c.numbers("betas").get(1);
                }
            }
            case "nadam", "radam", "adamax", "adadelta", "rprop", "asgd" -> {
                return parseLaterOptimizer(c, p);
            }
            default -> throw refuse("$.optimizer.type", "unsupported optimizer " + c.type());
        }
        for (String key : c.settings().keySet()) {
            if (!allowed.contains(key)) {
                throw refuse("$.optimizer." + key, "the app does not offer this setting for " + c.type());
            }
        }
        Double weightDecay = c.has("weight_decay") ? c.number("weight_decay") : null;
        String expectedForm = kind == OptimizerKind.ADAMW ? "decoupled" : "coupled_l2";
        if (c.has("weight_decay_form") && !expectedForm.equals(c.choice("weight_decay_form"))) {
            throw refuse("$.optimizer.weight_decay_form", "the app's weight decay for " + c.type() + " is "
                    + expectedForm);
        }
        if (c.has("weight_decay_form") && !c.has("weight_decay") || !c.has("weight_decay_form") && c.has("weight_decay")
                && kind != OptimizerKind.ADAMW && p == Preset.KERAS) {
            throw refuse("$.optimizer.weight_decay_form", "give weight_decay and weight_decay_form together ("
                    + expectedForm + ")");
        }
        Double lr = c.has("lr") ? c.number("lr") : null;
        Double eps = c.has("eps") ? c.number("eps") : null;
        return new OptimizerConfig(kind, p, lr, momentum, beta1, beta2, eps,
                kind == OptimizerKind.ADAMW && weightDecay == null ? null : weightDecay);
    }

    /** NAdam, RAdam, Adamax, Adadelta, Rprop and ASGD: the preset's form, the settings the app offers. */
    private static OptimizerConfig parseLaterOptimizer(Component c, Preset p) {
        OptimizerKind kind = OptimizerKind.valueOf(c.type().toUpperCase(Locale.ROOT));
        List<String> allowed = new ArrayList<>(List.of("preset", "lr"));
        List<String> decay = List.of("weight_decay", "weight_decay_form");
        switch (kind) {
            case NADAM -> allowed.addAll(List.of("betas", "eps", "momentum_decay", "nadam_form", "eps_root"));
            case RADAM -> allowed.addAll(List.of("betas", "eps", "radam_form", "eps_root"));
            case ADAMAX -> allowed.addAll(List.of("betas", "eps"));
            case ADADELTA -> allowed.addAll(List.of("rho", "eps"));
            case RPROP -> allowed.addAll(List.of("etas", "step_sizes"));
            default -> allowed.addAll(List.of("lambd", "alpha", "t0"));
        }
        if (kind != OptimizerKind.RPROP) {
            allowed.addAll(decay);
        }
        for (String key : c.settings().keySet()) {
            if (!allowed.contains(key)) {
                throw refuse("$.optimizer." + key, "the app does not offer this setting for " + c.type());
            }
        }
        String form = kind == OptimizerKind.NADAM ? (p == Preset.PYTORCH ? "pytorch_1_13" : p.name()
                .toLowerCase(Locale.ROOT)) : p.name().toLowerCase(Locale.ROOT);
        String formKey = kind == OptimizerKind.NADAM ? "nadam_form" : "radam_form";
        if (c.has(formKey) && !form.equals(c.choice(formKey))) {
            throw refuse("$.optimizer." + formKey, "the app uses the preset's form (" + form + ")");
        }
        if (c.has("eps_root") && c.number("eps_root") != 0.0) {
            throw refuse("$.optimizer.eps_root", "the app's " + c.type() + " has no eps_root");
        }
        if (c.has("weight_decay_form") && !"coupled_l2".equals(c.choice("weight_decay_form"))) {
            throw refuse("$.optimizer.weight_decay_form", "the app's weight decay for " + c.type() + " is coupled_l2");
        }
        if (c.has("weight_decay_form") != c.has("weight_decay") && (c.has("weight_decay_form") || p == Preset.KERAS)) {
            throw refuse("$.optimizer.weight_decay_form", "give weight_decay and weight_decay_form together "
                    + "(coupled_l2)");
        }
        List<Double> betas = c.has("betas") ? c.numbers("betas") : null;
        List<Double> etas = c.has("etas") ? c.numbers("etas") : null;
        List<Double> sizes = c.has("step_sizes") ? c.numbers("step_sizes") : null;
        return new OptimizerConfig(kind, p, optional(c, "lr"), null, betas == null ? null : betas.get(0),
                betas == null ? null : betas.get(1), optional(c, "eps"), optional(c, "weight_decay"),
                optional(c, "momentum_decay"), optional(c, "rho"), etas == null ? null : etas.get(0),
                etas == null ? null : etas.get(1), sizes == null ? null : sizes.get(0),
                sizes == null ? null : sizes.get(1), optional(c, "lambd"), optional(c, "alpha"), optional(c, "t0"));
    }

    private static Double optional(Component c, String key) {
        return c.has(key) ? c.number(key) : null;
    }

    private static int wholeEpochs(Component s, String key) {
        double v = s.number(key);
        if (v != Math.rint(v) || v < 1 || v > Integer.MAX_VALUE) {
            throw refuse("$.schedule." + key, "the app counts whole epochs here (an integer >= 1), got " + v);
        }
        return (int) v;
    }

    private static ScheduleConfig parseSchedule(Optional<Component> schedule, int epochs) {
        if (schedule.isEmpty()) {
            return ScheduleConfig.CONSTANT;
        }
        Component s = schedule.get();
        if (!"constant".equals(s.type()) && !"epoch".equals(s.choice("interval"))) {
            throw refuse("$.schedule.interval", "the app's schedules advance once per epoch; interval must be epoch");
        }
        return switch (s.type()) {
            case "constant" -> ScheduleConfig.CONSTANT;
            case "step" -> new ScheduleConfig(ScheduleKind.STEP, s.number("gamma"), Math.toIntExact(s.integer("step_size")),
                    0.0);
            case "exponential" -> {
                if (s.number("decay_steps") != 1.0) {
                    throw refuse("$.schedule.decay_steps", "the app's exponential schedule decays every epoch (1)");
                }
                yield new ScheduleConfig(ScheduleKind.EXPONENTIAL, s.number("gamma"), ScheduleConfig.DEFAULT_STEP_SIZE,
                        0.0);
            }
            case "inverse_time" -> {
                if (s.number("decay_steps") != 1.0) {
                    throw refuse("$.schedule.decay_steps", "the app's inverse-time schedule counts epochs (1)");
                }
                yield new ScheduleConfig(ScheduleKind.INVERSE_TIME, s.number("decay_rate"),
                        ScheduleConfig.DEFAULT_STEP_SIZE, 0.0);
            }
            case "cosine" -> {
                if (s.integer("T_max") != epochs || !"continue".equals(s.choice("after"))) {
                    throw refuse("$.schedule", "the app's cosine schedule has T_max = the number of epochs (" + epochs
                            + ") and after = continue");
                }
                yield new ScheduleConfig(ScheduleKind.COSINE, null, ScheduleConfig.DEFAULT_STEP_SIZE,
                        s.number("eta_min"));
            }
            case "inverse_time_staircase" -> new ScheduleConfig(ScheduleKind.INVERSE_TIME_STAIRCASE,
                    s.number("decay_rate"), wholeEpochs(s, "decay_steps"), 0.0);
            case "one_cycle" -> {
                if (s.integer("total_steps") != epochs) {
                    throw refuse("$.schedule.total_steps", "the app's one-cycle schedule lasts the number of epochs ("
                            + epochs + ")");
                }
                yield new ScheduleConfig(ScheduleKind.ONE_CYCLE, null, ScheduleConfig.DEFAULT_STEP_SIZE, 0.0, null,
                        null, null, s.number("pct_start"), s.number("div_factor"), s.number("final_div_factor"),
                        io.github.dlref.optim.schedule.OneCycle.Anneal.valueOf(s.choice("anneal_strategy")
                                .toUpperCase(Locale.ROOT)), s.bool("three_phase"), null, null, null, null, null, null);
            }
            case "cosine_warm_restarts" -> new ScheduleConfig(ScheduleKind.COSINE_WARM_RESTARTS, null,
                    Math.toIntExact(s.integer("T_0")), s.number("eta_min"), null, null,
                    Math.toIntExact(s.integer("T_mult")), null, null, null, null, null, null, null, null, null, null,
                    null);
            case "cyclic" -> {
                io.github.dlref.optim.schedule.CyclicSchedule.Mode mode = io.github.dlref.optim.schedule.CyclicSchedule
                        .Mode.valueOf(s.choice("mode").toUpperCase(Locale.ROOT));
                boolean expRange = mode == io.github.dlref.optim.schedule.CyclicSchedule.Mode.EXP_RANGE;
                yield new ScheduleConfig(ScheduleKind.CYCLIC, expRange ? s.number("gamma") : null,
                        wholeEpochs(s, "step_size_up"), s.number("base_lr"), optional(s, "step_size_down"), mode,
                        null, null, null, null, null, null, null, null, null, null, null, null);
            }
            default -> throw refuse("$.schedule.type", "the app offers constant, step, exponential, inverse_time, "
                    + "cosine, inverse_time_staircase, one_cycle, cosine_warm_restarts and cyclic, got " + s.type());
        };
    }
}
