package io.github.dlref.verify.oracle.spec;

import io.github.dlref.data.DataLoader;
import io.github.dlref.data.Dataset;
import io.github.dlref.nn.Sequential;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole training computation, as read from a spec file (format {@value #FORMAT}, documented in
 * {@code docs/oracle-format.md}): the model, how its parameters start, the data, the loss and its
 * reduction, regularization, the optimizer (a framework preset and hyper-parameter overrides, with PyTorch's
 * names), an optional learning-rate schedule, the training loop and what to output.
 *
 * <p>A {@code Spec} is always valid: the constructor checks everything that can be checked without
 * training (every component against the format, every shape against the model, every hyper-parameter
 * against its range and against the library's own validation), and reports the first problem as a
 * {@link SpecException} with its JSON path.
 *
 * @param model the model
 * @param parameters how the parameters start
 * @param data the training data
 * @param loss the {@code loss} component
 * @param regularization the {@code regularizer} components, added to the loss (may be empty)
 * @param optimizer the {@code optimizer} component
 * @param schedule the {@code schedule} component, if any (otherwise the learning rate stays constant)
 * @param training the training loop
 * @param output what to output besides loss, gradients, parameters and buffers
 */
public record Spec(ModelSpec model, ParametersSpec parameters, DataSpec data, Component loss,
        List<Component> regularization, Component optimizer, Optional<Component> schedule, TrainingSpec training,
        OutputSpec output) {

    /** The value of the top-level {@code "format"} key of a spec file. */
    public static final String FORMAT = "dlref.spec.v1";

    /**
     * The most values a spec's trajectory may record: 20 million (steps times, per step, the batch's sample
     * indices, the loss, and four values per parameter entry: gradient, value and up to two optimizer buffers),
     * checked before anything runs, so that {@code "steps": 1000000000} is one clear error rather than hours of
     * work and an exhausted heap. dlref's choice.
     */
    public static final long MAX_TRAJECTORY_VALUES = 20_000_000L;

    /**
     * Validates the whole spec (see the class documentation).
     *
     * @param model the model
     * @param parameters the parameters
     * @param data the data
     * @param loss the loss
     * @param regularization the regularizers
     * @param optimizer the optimizer
     * @param schedule the schedule
     * @param training the training loop
     * @param output the output options
     * @throws SpecException naming the JSON path of the first problem
     */
    public Spec {
        Objects.requireNonNull(model, "Spec: model");
        Objects.requireNonNull(parameters, "Spec: parameters");
        Objects.requireNonNull(data, "Spec: data");
        Objects.requireNonNull(loss, "Spec: loss");
        Objects.requireNonNull(optimizer, "Spec: optimizer");
        Objects.requireNonNull(schedule, "Spec: schedule");
        Objects.requireNonNull(training, "Spec: training");
        Objects.requireNonNull(output, "Spec: output");
        regularization = List.copyOf(Objects.requireNonNull(regularization, "Spec: regularization"));
        family("$.loss", loss, Catalog.LOSS);
        family("$.optimizer", optimizer, Catalog.OPTIMIZER);
        schedule.ifPresent(s -> family("$.schedule", s, Catalog.SCHEDULE));
        for (int i = 0; i < regularization.size(); i++) {
            family("$.regularization[" + i + "]", regularization.get(i), Catalog.REGULARIZER);
        }
        validate(model, parameters, data, loss, regularization, optimizer, schedule, training);
        TrainingTools.validate(model, optimizer, schedule, training, output);
        output.evaluation().ifPresent(e -> evaluation(e, model, loss, training));
    }

    /**
     * Checks an evaluation forward against the rest of the spec: input width, targets against the output width and
     * the loss, the steps against {@code training.steps}, and the size of what it records.
     */
    private static void evaluation(EvaluationSpec e, ModelSpec model, Component loss, TrainingSpec training) {
        String path = "$.output.evaluation";
        if (e.inputs().cols() != model.input()) {
            throw new SpecException(path + ".inputs", "expected rows of " + model.input() + " values (model.input), got "
                    + e.inputs().cols());
        }
        int out = model.outputWidth();
        if (e.targets().isPresent() && e.targets().get().cols() != out) {
            throw new SpecException(path + ".targets", "expected rows of " + out + " values (the model's output "
                    + "width), got " + e.targets().get().cols());
        }
        if (e.classes().isPresent()) {
            List<Integer> cs = e.classes().get();
            for (int k = 0; k < cs.size(); k++) {
                if (cs.get(k) >= out) {
                    throw new SpecException(path + ".classes[" + k + "]", "expected a class index in [0, " + out
                            + ") (the model's output width), got " + cs.get(k));
                }
            }
            if (!SpecBuilders.isClassificationLoss(loss) && !loss.type().startsWith("bce")) {
                throw new SpecException(path + ".classes", "class indices need a classification loss, and the spec's "
                        + "loss is \"" + loss.type() + "\"; give \"targets\" instead");
            }
        }
        int last = e.afterSteps().get(e.afterSteps().size() - 1);
        if (last > training.steps()) {
            throw new SpecException(path + ".after_steps[" + (e.afterSteps().size() - 1) + "]", "expected a step in [0, "
                    + training.steps() + "] (training.steps), got " + last);
        }
        long widths = 0;
        for (int w : model.widths()) {
            widths += w;
        }
        long values = (long) e.afterSteps().size() * e.inputs().rows() * (widths + model.input());
        if (values > MAX_TRAJECTORY_VALUES) {
            throw new SpecException(path + ".after_steps", e.afterSteps().size() + " evaluation forwards of "
                    + e.inputs().rows() + " rows would record " + values + " values (every layer's output and the "
                    + "input gradient), more than the limit of " + MAX_TRAJECTORY_VALUES);
        }
    }

    // Copy-with methods: each returns a spec equal to this one but for the named component, validated as a whole
    // by the canonical constructor (so a component that does not fit the rest is reported with its JSON path).

    /**
     * A copy with another model.
     *
     * @param newModel the model
     * @return the spec
     * @throws SpecException naming the JSON path of the first problem (for example a parameter the new model
     *     does not have)
     */
    public Spec withModel(ModelSpec newModel) {
        return new Spec(newModel, parameters, data, loss, regularization, optimizer, schedule, training, output);
    }

    /**
     * A copy with other initial parameters.
     *
     * @param newParameters how the parameters start
     * @return the spec
     * @throws SpecException naming the JSON path of the first problem
     */
    public Spec withParameters(ParametersSpec newParameters) {
        return new Spec(model, newParameters, data, loss, regularization, optimizer, schedule, training, output);
    }

    /**
     * A copy with other training data.
     *
     * @param newData the data
     * @return the spec
     * @throws SpecException naming the JSON path of the first problem (for example rows of the wrong width)
     */
    public Spec withData(DataSpec newData) {
        return new Spec(model, parameters, newData, loss, regularization, optimizer, schedule, training, output);
    }

    /**
     * A copy with another loss.
     *
     * @param newLoss the {@code loss} component
     * @return the spec
     * @throws SpecException naming the JSON path of the first problem
     */
    public Spec withLoss(Component newLoss) {
        return new Spec(model, parameters, data, newLoss, regularization, optimizer, schedule, training, output);
    }

    /**
     * A copy with other regularizers.
     *
     * @param newRegularization the {@code regularizer} components (may be empty)
     * @return the spec
     * @throws SpecException naming the JSON path of the first problem
     */
    public Spec withRegularization(List<Component> newRegularization) {
        return new Spec(model, parameters, data, loss, newRegularization, optimizer, schedule, training, output);
    }

    /**
     * A copy with another optimizer.
     *
     * @param newOptimizer the {@code optimizer} component
     * @return the spec
     * @throws SpecException naming the JSON path of the first problem
     */
    public Spec withOptimizer(Component newOptimizer) {
        return new Spec(model, parameters, data, loss, regularization, newOptimizer, schedule, training, output);
    }

    /**
     * A copy with another learning-rate schedule, or none.
     *
     * @param newSchedule the {@code schedule} component, or empty for a constant learning rate
     * @return the spec
     * @throws SpecException naming the JSON path of the first problem
     */
    public Spec withSchedule(Optional<Component> newSchedule) {
        return new Spec(model, parameters, data, loss, regularization, optimizer, newSchedule, training, output);
    }

    /**
     * A copy with another training loop.
     *
     * @param newTraining the training loop
     * @return the spec
     * @throws SpecException naming the JSON path of the first problem (for example a batch size that leaves no
     *     batch)
     */
    public Spec withTraining(TrainingSpec newTraining) {
        return new Spec(model, parameters, data, loss, regularization, optimizer, schedule, newTraining, output);
    }

    /**
     * A copy with other output options.
     *
     * @param newOutput what to output besides loss, gradients, parameters and buffers
     * @return the spec
     */
    public Spec withOutput(OutputSpec newOutput) {
        return new Spec(model, parameters, data, loss, regularization, optimizer, schedule, training, newOutput);
    }

    private static void family(String path, Component c, String family) {
        if (!family.equals(c.family())) {
            throw new SpecException(path, "expected a " + family + ", got a " + c.family());
        }
    }

    private static void validate(ModelSpec model, ParametersSpec parameters, DataSpec data, Component loss,
            List<Component> regularization, Component optimizer, Optional<Component> schedule,
            TrainingSpec training) {
        Sequential net = SpecBuilders.model(model, parameters);
        int out = model.outputWidth();
        if (data instanceof DataSpec.Inline in) {
            if (in.inputs().cols() != model.input()) {
                throw new SpecException("$.data.inputs", "expected rows of " + model.input()
                        + " values (model.input), got " + in.inputs().cols());
            }
            if (in.targets().isPresent()) {
                var t = in.targets().get();
                if (t.rows() != in.inputs().rows()) {
                    throw new SpecException("$.data.targets", "expected " + in.inputs().rows()
                            + " rows (one per input row), got " + t.rows());
                }
                if (t.cols() != out) {
                    throw new SpecException("$.data.targets", "expected rows of " + out
                            + " values (the model's output width), got " + t.cols());
                }
            } else if (in.classes().get().size() != in.inputs().rows()) {
                throw new SpecException("$.data.classes", "expected " + in.inputs().rows()
                        + " class indices (one per input row), got " + in.classes().get().size());
            }
        }
        Dataset dataset = SpecBuilders.dataset(data, out);
        if (data instanceof DataSpec.Builtin b) {
            String name = "dataset \"" + b.dataset().type() + "\"";
            if (dataset.numFeatures() != model.input()) {
                throw new SpecException("$.model.input", "the " + name + " has " + dataset.numFeatures()
                        + " features, so model.input must be " + dataset.numFeatures() + ", got " + model.input());
            }
            int k = dataset.isClassification() ? dataset.numClasses() : dataset.targets().cols();
            if (k != out) {
                throw new SpecException("$.model.layers", "the " + name + " has " + k
                        + (dataset.isClassification() ? " classes" : " target columns")
                        + ", so the model's output width must be " + k + ", got " + out);
            }
        }
        if (dataset.isClassification() && !SpecBuilders.isClassificationLoss(loss)
                && !loss.type().startsWith("bce")) {
            throw new SpecException("$.loss.type", "the data has class labels, which need a classification loss "
                    + "(cross_entropy, softmax_loss, probability_cross_entropy, multi_margin, multiclass_hinge, "
                    + "nll, kl_div, bce, bce_with_logits), got \"" + loss.type() + "\"");
        }
        SpecBuilders.loss(loss);
        if (loss.has("weight") && loss.numbers("weight").size() != out) {
            throw new SpecException("$.loss.weight", "expected one class weight per output column (" + out
                    + "), got " + loss.numbers("weight").size());
        }
        SpecBuilders.penalties(regularization, net);
        double lr0 = SpecBuilders.initialLearningRate(optimizer);
        schedule.ifPresent(s -> TrainingTools.checkSchedule(s, lr0));
        int n = dataset.size();
        int batch = training.batchSize().orElse(n);
        int batches = DataLoader.batchCount(n, batch, training.dropLast());
        if (batches == 0) {
            throw new SpecException("$.training.batch_size", "with drop_last, a batch size of " + batch
                    + " leaves no batch of the " + n + " samples");
        }
        boolean pytorchBatchNorm = model.layers().stream().anyMatch(l -> "batchnorm".equals(l.type())
                && "pytorch".equals(l.choice("convention")));
        long entries = 0;
        for (int[] shape : model.parameterShapes().values()) {
            entries += (long) shape[0] * shape[1];
        }
        long perStep = Math.min(batch, n) + 4 * entries + 2;
        if (training.steps() > MAX_TRAJECTORY_VALUES / perStep) {
            throw new SpecException("$.training.steps", training.steps() + " steps would record about "
                    + training.steps() * perStep + " values (" + perStep + " per step: the batch's sample indices,"
                    + " the loss, and for each of the " + entries + " parameter entries its gradient, value and "
                    + "optimizer state), more than the limit of " + MAX_TRAJECTORY_VALUES + "; use fewer steps");
        }
        int smallest = training.dropLast() || n % batch == 0 ? Math.min(batch, n) : n % batch;
        if (pytorchBatchNorm && smallest < 2) {
            throw new SpecException("$.training.batch_size", "a batchnorm layer with the pytorch convention needs "
                    + "at least 2 samples per batch (unbiased variance), but a batch of " + smallest + " occurs ("
                    + n + " samples, batch size " + batch + (training.dropLast() ? ", drop_last" : "") + ")");
        }
    }
}
