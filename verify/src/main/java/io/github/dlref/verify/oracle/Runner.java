package io.github.dlref.verify.oracle;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.data.Batch;
import io.github.dlref.data.DataLoader;
import io.github.dlref.data.Dataset;
import io.github.dlref.data.OneHot;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.Buffer;
import io.github.dlref.nn.NamedParameter;
import io.github.dlref.nn.Sequential;
import io.github.dlref.nn.losses.Loss;
import io.github.dlref.nn.regularization.Penalty;
import io.github.dlref.optim.LBFGS;
import io.github.dlref.optim.Optimizer;
import io.github.dlref.optim.ParameterState;
import io.github.dlref.optim.schedule.LearningRateScheduler;
import io.github.dlref.train.OptimizerStepException;
import io.github.dlref.train.ParameterBinding;
import io.github.dlref.train.Trainer;
import io.github.dlref.verify.oracle.spec.ClippingOptimizer;
import io.github.dlref.verify.oracle.spec.EvaluationSpec;
import io.github.dlref.verify.oracle.spec.GroupedOptimizer;
import io.github.dlref.verify.oracle.spec.ParametersSpec;
import io.github.dlref.verify.oracle.spec.Spec;
import io.github.dlref.verify.oracle.spec.SpecBuilders;
import io.github.dlref.verify.oracle.spec.SpecException;
import io.github.dlref.verify.oracle.spec.TrainingTools;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a {@link Spec}: the reference computation behind {@code dlref run}.
 *
 * <p>The loop is the project's one training loop, {@code io.github.dlref.train.Trainer}, for {@code steps}
 * optimizer steps (epochs drawn from the data loader one after another, each batch one step):
 * <ol>
 *   <li>clear the gradients; forward the batch's inputs through the model (in training mode);</li>
 *   <li>{@code loss = dataLoss(prediction, targets) + sum of penalties} (targets are one-hot rows for class
 *       labels);</li>
 *   <li>{@code loss.backward()}; record the loss and every parameter's gradient;</li>
 *   <li>{@code optimizer.step()} with the learning rate {@code schedule(t)}; record the parameters, the
 *       buffers (BatchNorm running statistics, updated by the forward pass) and, if asked, the optimizer's
 *       state;</li>
 *   <li>advance the schedule after the step ({@code interval = "step"}) or after a complete epoch
 *       ({@code interval = "epoch"}).</li>
 * </ol>
 * Issue 21's training tools: {@code training.clipping} clips the gradients inside the optimizer step, after they are
 * recorded ({@code ClippingOptimizer}); {@code optimizer.param_groups} steps one optimizer per group
 * ({@code GroupedOptimizer}); a {@code reduce_on_plateau} schedule, and any schedule over parameter groups, is driven
 * by {@link ScheduleDriver} instead of the trainer's scheduler; an {@code lbfgs} optimizer runs its own loop of
 * {@code step(closure)} calls (see {@code runLbfgs}), since its step re-evaluates the loss.
 * Same spec, same numbers, bit for bit.
 */
public final class Runner {

    private Runner() {
    }

    /**
     * Runs the spec.
     *
     * @param spec the spec
     * @return the trajectory
     * @throws SpecException if the loss refuses the data (for example targets that are not probabilities),
     *     with path {@code $.loss}
     * @throws OracleException if a step cannot be computed (for example a division by zero in the optimizer)
     */
    public static Trajectory run(Spec spec) {
        if (TrainingTools.isLbfgs(spec.optimizer())) {
            return runLbfgs(spec);
        }
        Sequential model = SpecBuilders.model(spec.model(), spec.parameters());
        List<NamedParameter> named = model.namedParameters();
        Loss loss = SpecBuilders.loss(spec.loss());
        List<Penalty> penalties = SpecBuilders.penalties(spec.regularization(), model);
        // The optimizer sees copies named by their qualified names ("0.weight"): layers name their parameters
        // locally ("weight"), and the trajectory's optimizer state is reported per qualified name.
        ParameterBinding binding = new ParameterBinding(model);
        Optimizer optimizer = binding.bind(params -> TrainingTools.optimizer(spec.optimizer(), spec.model(),
                spec.training().clipping(), params));
        boolean perEpoch = spec.schedule().map(s -> "epoch".equals(s.choice("interval"))).orElse(false);
        ScheduleDriver driver = ScheduleDriver.needed(spec) ? ScheduleDriver.create(spec, optimizer) : null;
        LearningRateScheduler scheduler = driver != null ? null : spec.schedule()
                .map(s -> new LearningRateScheduler(optimizer, SpecBuilders.schedule(s, optimizer.learningRate())))
                .orElse(null);
        Dataset data = SpecBuilders.dataset(spec.data(), spec.model().outputWidth());
        var t = spec.training();
        DataLoader loader = new DataLoader(data, new DataLoader.Options(t.batchSize().orElse(data.size()),
                t.shuffle(), t.dropLast(), t.seed().orElse(0L)));
        Trainer.DataLoss dataLoss = dataLoss(spec, data, loss);
        Trainer trainer = new Trainer(model, binding, optimizer, dataLoss, penalties, scheduler,
                perEpoch ? Trainer.ScheduleInterval.EPOCH : Trainer.ScheduleInterval.STEP);

        Trajectory.Snapshot initial = new Trajectory.Snapshot(values(named), buffers(model));
        Recorder recorder = new Recorder(named, model, optimizer, spec.output().optimizerState());
        recorder.evaluation = spec.output().evaluation().map(e -> new Evaluator(e, model, loss, spec)).orElse(null);
        if (recorder.evaluation != null) {
            recorder.evaluation.record(0);
        }
        try {
            while (trainer.stepsTaken() < t.steps()) {
                if (driver == null) {
                    trainer.epoch(loader.nextEpoch(), t.steps() - trainer.stepsTaken(), recorder);
                } else if (trainer.epoch(loader.nextEpoch(), t.steps() - trainer.stepsTaken(),
                        driver.observing(recorder))) {
                    driver.epochFinished();
                }
            }
        } catch (OptimizerStepException e) {
            throw new OracleException(e.getMessage(), e.getCause());
        }
        return laidOut(spec, new Trajectory(OracleVersion.PRODUCER, describe(optimizer), Optional.of(initial),
                recorder.steps, recorder.evaluation == null ? List.of() : recorder.evaluation.recorded,
                Optional.empty()));
    }

    /** The trajectory in the spec's weight layout: linear weights transposed when it is inputs x outputs. */
    private static Trajectory laidOut(Spec spec, Trajectory out) {
        return spec.parameters().transposed()
                ? out.transposed(spec.model().linearWeights(), ParametersSpec.INPUTS_X_OUTPUTS) : out;
    }

    /** The data loss of a batch: class indices or one-hot rows for class labels, targets otherwise. */
    private static Trainer.DataLoss dataLoss(Spec spec, Dataset data, Loss loss) {
        return (prediction, batch, step) -> {
            Matrix target = data.isClassification() ? batch.oneHot() : batch.targets();
            try {
                if (data.isClassification() && SpecBuilders.needsClassIndices(spec.loss())) {
                    return loss.forward(prediction, batch.labels());
                }
                return loss.forward(prediction, target);
            } catch (IllegalArgumentException e) {
                throw new SpecException("$.loss", "the loss refuses the data at step " + step + ": "
                        + e.getMessage(), e);
            }
        };
    }

    /**
     * Runs a spec whose optimizer is {@code lbfgs}: each of the {@code steps} is one {@code LBFGS.step(closure)} on
     * the step's batch (batches as for every run), the closure clearing the gradients, forwarding the batch in
     * training mode, computing the data loss plus the penalties and calling {@code backward()}. L-BFGS evaluates the
     * closure several times per step (up to {@code max_eval}); each evaluation is a full forward pass, so dropout
     * draws new masks and BatchNorm updates its running statistics at every evaluation, as in PyTorch's
     * {@code optimizer.step(closure)}. A step records the loss and data loss and the gradients of the closure's
     * first evaluation (at the parameters the step starts from; {@code step} returns that loss, as PyTorch's does),
     * then the parameters and buffers after the step, and the constant step length {@code lr} as the rate. The
     * counts of function evaluations and iterations are not part of the trajectory: every evaluation shows in the
     * parameters the step ends with.
     */
    private static Trajectory runLbfgs(Spec spec) {
        Sequential model = SpecBuilders.model(spec.model(), spec.parameters());
        List<NamedParameter> named = model.namedParameters();
        Loss loss = SpecBuilders.loss(spec.loss());
        List<Penalty> penalties = SpecBuilders.penalties(spec.regularization(), model);
        LBFGS.Hyperparameters hyper = TrainingTools.lbfgs(spec.optimizer());
        LBFGS lbfgs = new LBFGS(named.stream().map(NamedParameter::parameter).toList(), hyper);
        Dataset data = SpecBuilders.dataset(spec.data(), spec.model().outputWidth());
        var t = spec.training();
        DataLoader loader = new DataLoader(data, new DataLoader.Options(t.batchSize().orElse(data.size()),
                t.shuffle(), t.dropLast(), t.seed().orElse(0L)));
        Trainer.DataLoss dataLoss = dataLoss(spec, data, loss);
        Trajectory.Snapshot initial = new Trajectory.Snapshot(values(named), buffers(model));
        Evaluator evaluation = spec.output().evaluation().map(e -> new Evaluator(e, model, loss, spec)).orElse(null);
        if (evaluation != null) {
            evaluation.record(0);
        }
        List<Trajectory.Step> steps = new ArrayList<>();
        int step = 0;
        while (step < t.steps()) {
            DataLoader.Epoch epoch = loader.nextEpoch();
            for (int k = 0; k < epoch.batchCount() && step < t.steps(); k++) {
                Batch batch = epoch.batch(k);
                long current = ++step;
                List<Map<String, Matrix>> firstGradients = new ArrayList<>();
                double[] firstDataLoss = new double[1];
                double value = lbfgs.step(() -> {
                    model.zeroGrad();
                    Tensor prediction = model.forward(Tensor.constant(batch.features()));
                    Tensor d = dataLoss.compute(prediction, batch, current);
                    Tensor objective = d;
                    for (Penalty p : penalties) {
                        objective = objective.plus(p.compute(model));
                    }
                    objective.backward();
                    if (firstGradients.isEmpty()) {
                        Map<String, Matrix> g = new LinkedHashMap<>();
                        for (NamedParameter np : named) {
                            Matrix grad = np.parameter().grad();
                            g.put(np.name(), grad != null ? grad
                                    : Matrix.zeros(np.parameter().rows(), np.parameter().cols()));
                        }
                        firstGradients.add(g);
                        firstDataLoss[0] = d.item();
                    }
                    return objective.item();
                });
                finite(current, "the loss", value, "");
                for (Map.Entry<String, Matrix> g : firstGradients.get(0).entrySet()) {
                    finite(current, "the gradient of '" + g.getKey() + "'", g.getValue(), " (before the update)");
                }
                for (NamedParameter np : named) {
                    finite(current, "parameter '" + np.name() + "'", np.parameter().value(), " after LBFGS's step "
                            + "(the computation diverged; a smaller lr or the strong_wolfe line search keeps it finite)");
                }
                for (Map.Entry<String, Buffer> b : model.namedBuffers().entrySet()) {
                    finite(current, "buffer '" + b.getKey() + "'", b.getValue().value(), "");
                }
                List<Integer> samples = new ArrayList<>();
                for (int idx : batch.sampleIndices()) {
                    samples.add(idx);
                }
                steps.add(new Trajectory.Step(step, Optional.of(batch.epoch()), Optional.of(batch.index()), samples,
                        Optional.of(hyper.learningRate()), value, Optional.of(firstDataLoss[0]), firstGradients.get(0),
                        values(named), buffers(model), Map.of()));
                if (evaluation != null) {
                    evaluation.record(step);
                }
            }
        }
        Map<String, Object> optimizer = new LinkedHashMap<>();
        optimizer.put("class", "LBFGS");
        optimizer.put("hyperparameters", recordMap(hyper));
        return laidOut(spec, new Trajectory(OracleVersion.PRODUCER, optimizer, Optional.of(initial), steps,
                evaluation == null ? List.of() : evaluation.recorded, Optional.empty()));
    }

    /**
     * Records the evaluation-mode forwards a spec asks for ({@link EvaluationSpec}): the model in evaluation mode,
     * the given inputs as a leaf that requires a gradient, every layer's output, the scalar (the data loss on the
     * given targets, formed as in training: one-hot rows for class indices except a weighted cross-entropy, which
     * takes the indices; or the sum of the output), its backward pass, and {@code ds/dx}. The parameters' gradients
     * that this backward pass accumulates are cleared, the mode is restored, and the buffers are not changed
     * (BatchNorm updates them only in training mode), so the training is the same with or without it.
     */
    private static final class Evaluator {

        private final EvaluationSpec spec;
        private final Sequential model;
        private final Loss loss;
        private final Spec whole;
        private final List<Trajectory.Evaluation> recorded = new ArrayList<>();

        Evaluator(EvaluationSpec spec, Sequential model, Loss loss, Spec whole) {
            this.spec = spec;
            this.model = model;
            this.loss = loss;
            this.whole = whole;
        }

        void record(int afterStep) {
            if (!spec.afterSteps().contains(afterStep)) {
                return;
            }
            boolean training = model.isTraining();
            model.eval();
            try {
                Tensor x = Tensor.variable("input", spec.inputs());
                Tensor h = x;
                Map<String, Matrix> outputs = new LinkedHashMap<>();
                for (int i = 0; i < model.size(); i++) {
                    h = model.get(i).forward(h);
                    finite(afterStep, "the evaluation output of layer " + i, h.value(), " (output.evaluation)");
                    outputs.put(String.valueOf(i), h.value());
                }
                Tensor s = scalar(h, afterStep);
                finite(afterStep, "the evaluation scalar", s.item(), " (output.evaluation)");
                s.backward();
                Matrix g = x.grad() != null ? x.grad() : Matrix.zeros(x.rows(), x.cols());
                finite(afterStep, "the evaluation input gradient", g, " (output.evaluation)");
                recorded.add(new Trajectory.Evaluation(afterStep, outputs, s.item(), g));
            } finally {
                model.zeroGrad();
                model.train(training);
            }
        }

        private Tensor scalar(Tensor output, int afterStep) {
            if (EvaluationSpec.SUM.equals(spec.scalar())) {
                return output.sum();
            }
            try {
                if (spec.classes().isPresent()) {
                    int[] classes = spec.classes().get().stream().mapToInt(Integer::intValue).toArray();
                    return SpecBuilders.needsClassIndices(whole.loss()) ? loss.forward(output, classes)
                            : loss.forward(output, OneHot.encode(classes, output.cols()));
                }
                return loss.forward(output, spec.targets().get());
            } catch (IllegalArgumentException e) {
                throw new SpecException("$.output.evaluation", "the loss refuses the evaluation targets after step "
                        + afterStep + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Records each step of the loop: the gradients after {@code backward()}, and after the optimizer step the
     * loss, the parameters, the buffers and (if asked) the optimizer's state.
     */
    private static final class Recorder implements Trainer.StepObserver {

        private final List<NamedParameter> named;
        private final Sequential model;
        private final Optimizer optimizer;
        private final boolean optimizerState;
        private final List<Trajectory.Step> steps = new ArrayList<>();
        private Map<String, Matrix> gradients;
        private Evaluator evaluation;

        Recorder(List<NamedParameter> named, Sequential model, Optimizer optimizer, boolean optimizerState) {
            this.named = named;
            this.model = model;
            this.optimizer = optimizer;
            this.optimizerState = optimizerState;
        }

        @Override
        public void gradientsComputed(long step, Batch batch) {
            gradients = new LinkedHashMap<>();
            for (NamedParameter np : named) {
                Matrix g = np.parameter().grad();
                gradients.put(np.name(), g != null ? g : Matrix.zeros(np.parameter().rows(), np.parameter().cols()));
            }
        }

        @Override
        public void stepFinished(Trainer.StepResult result) {
            long step = result.step();
            String after = " after " + optimizer.getClass().getSimpleName() + "'s update (the computation diverged;"
                    + " a smaller learning rate, or a stable loss, keeps it finite)";
            finite(step, "the loss", result.objective().item(), "");
            for (Map.Entry<String, Matrix> g : gradients.entrySet()) {
                finite(step, "the gradient of '" + g.getKey() + "'", g.getValue(), " (before the update)");
            }
            for (NamedParameter np : named) {
                finite(step, "parameter '" + np.name() + "'", np.parameter().value(), after);
            }
            for (Map.Entry<String, Buffer> b : model.namedBuffers().entrySet()) {
                finite(step, "buffer '" + b.getKey() + "'", b.getValue().value(), "");
            }
            Map<String, Trajectory.ParameterStateRecord> state = new LinkedHashMap<>();
            if (optimizerState) {
                List<ParameterState> states = optimizer.state();
                for (int k = 0; k < named.size(); k++) {
                    ParameterState s = states.get(k);
                    state.put(named.get(k).name(), new Trajectory.ParameterStateRecord(s.step(), s.buffers()));
                }
            }
            Batch batch = result.batch();
            List<Integer> samples = new ArrayList<>();
            for (int idx : batch.sampleIndices()) {
                samples.add(idx);
            }
            steps.add(new Trajectory.Step(Math.toIntExact(result.step()), Optional.of(batch.epoch()),
                    Optional.of(batch.index()), samples, Optional.of(result.learningRate()), result.objective().item(),
                    Optional.of(result.dataLoss().item()), gradients, values(named), buffers(model), state));
            if (evaluation != null) {
                evaluation.record(Math.toIntExact(step));
            }
        }
    }

    /**
     * A trajectory holds finite numbers only: a step whose loss, gradients, parameters or buffers are NaN or
     * infinite cannot be a reference, and the run stops with status 1 naming the step, the value and the element
     * (docs/oracle-format.md, "Errors").
     */
    private static void finite(long step, String what, double value, String context) {
        if (!Double.isFinite(value)) {
            throw new OracleException("step " + step + ": " + what + " is " + value + context, null);
        }
    }

    private static void finite(long step, String what, Matrix value, String context) {
        for (int i = 0; i < value.rows(); i++) {
            for (int j = 0; j < value.cols(); j++) {
                double v = value.get(i, j);
                if (!Double.isFinite(v)) {
                    throw new OracleException("step " + step + ": " + what + " element (" + i + ", " + j + ") is "
                            + v + context, null);
                }
            }
        }
    }

    private static Map<String, Matrix> values(List<NamedParameter> named) {
        Map<String, Matrix> out = new LinkedHashMap<>();
        for (NamedParameter np : named) {
            out.put(np.name(), np.parameter().value());
        }
        return out;
    }

    private static Map<String, Matrix> buffers(Sequential model) {
        Map<String, Matrix> out = new LinkedHashMap<>();
        for (Map.Entry<String, Buffer> e : model.namedBuffers().entrySet()) {
            out.put(e.getKey(), e.getValue().value());
        }
        return out;
    }

    /**
     * The optimizer's class and resolved hyper-parameters, as written into a trajectory.
     *
     * @param optimizer the optimizer
     * @return {@code {"class": ..., "hyperparameters": {...}}}, values as numbers, booleans and strings; with
     *     parameter groups the class and hyper-parameters are the first group's and {@code "param_groups"} lists
     *     every group's hyper-parameters; with clipping, {@code "clipping"} holds its component
     */
    public static Map<String, Object> describe(Optimizer optimizer) {
        Map<String, Object> out = new LinkedHashMap<>();
        Optimizer base = optimizer instanceof ClippingOptimizer c ? c.inner() : optimizer;
        Optimizer first = base instanceof GroupedOptimizer g ? g.groups().groups().get(0) : base;
        out.put("class", first.getClass().getSimpleName());
        out.put("hyperparameters", recordMap(first.hyperparameters().asRecord()));
        if (base instanceof GroupedOptimizer g) {
            List<Object> groups = new ArrayList<>();
            for (Optimizer o : g.groups().groups()) {
                Map<String, Object> group = new LinkedHashMap<>();
                group.put("params", o.parameters().stream().map(p -> p.name()).toList());
                group.put("hyperparameters", recordMap(o.hyperparameters().asRecord()));
                groups.add(group);
            }
            out.put("param_groups", groups);
        }
        if (optimizer instanceof ClippingOptimizer c) {
            Map<String, Object> clipping = new LinkedHashMap<>();
            clipping.put("type", c.clipping().type());
            clipping.putAll(c.clipping().settings());
            out.put("clipping", clipping);
        }
        return out;
    }

    /**
     * A record's components as an ordered map (nested records as maps, enums by name).
     *
     * @param r the record
     * @return the map
     */
    static Map<String, Object> recordMap(Record r) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + r, e);
            }
            if (v instanceof Record nested) {
                v = recordMap(nested);
            } else if (v instanceof Enum<?> en) {
                v = en.name();
            }
            out.put(c.getName(), v);
        }
        return out;
    }
}
