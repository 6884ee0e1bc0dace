package io.github.dlref.verify.oracle;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.data.Batch;
import io.github.dlref.data.DataLoader;
import io.github.dlref.data.Dataset;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.Buffer;
import io.github.dlref.nn.NamedParameter;
import io.github.dlref.nn.Sequential;
import io.github.dlref.nn.losses.Loss;
import io.github.dlref.nn.regularization.Penalty;
import io.github.dlref.optim.Optimizer;
import io.github.dlref.optim.ParameterState;
import io.github.dlref.optim.schedule.LearningRateScheduler;
import io.github.dlref.verify.oracle.spec.Spec;
import io.github.dlref.verify.oracle.spec.SpecBuilders;
import io.github.dlref.verify.oracle.spec.SpecException;
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
 * <p>The loop, for {@code steps} optimizer steps (epochs drawn from the data loader one after another,
 * each batch one step):
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
        Sequential model = SpecBuilders.model(spec.model(), spec.parameters());
        List<NamedParameter> named = model.namedParameters();
        Loss loss = SpecBuilders.loss(spec.loss());
        List<Penalty> penalties = SpecBuilders.penalties(spec.regularization(), model);
        // The optimizer sees copies named by their qualified names ("0.weight"): layers name their parameters
        // locally ("weight"), and the trajectory's optimizer state is reported per qualified name. Values and
        // gradients are moved across by reference (matrices are immutable), so the step is exactly the one on
        // the model's parameters.
        List<Parameter> bound = new ArrayList<>();
        for (NamedParameter np : named) {
            bound.add(new Parameter(np.name(), np.parameter().value()));
        }
        Optimizer optimizer = SpecBuilders.optimizer(spec.optimizer(), bound);
        boolean perEpoch = spec.schedule().map(s -> "epoch".equals(s.choice("interval"))).orElse(false);
        LearningRateScheduler scheduler = spec.schedule()
                .map(s -> new LearningRateScheduler(optimizer, SpecBuilders.schedule(s, optimizer.learningRate())))
                .orElse(null);
        Dataset data = SpecBuilders.dataset(spec.data(), spec.model().outputWidth());
        var t = spec.training();
        DataLoader loader = new DataLoader(data, new DataLoader.Options(t.batchSize().orElse(data.size()),
                t.shuffle(), t.dropLast(), t.seed().orElse(0L)));

        Trajectory.Snapshot initial = new Trajectory.Snapshot(values(named), buffers(model));
        List<Trajectory.Step> steps = new ArrayList<>();
        int step = 0;
        while (step < t.steps()) {
            DataLoader.Epoch epoch = loader.nextEpoch();
            boolean complete = true;
            for (Batch batch : epoch) {
                if (step == t.steps()) {
                    complete = false;
                    break;
                }
                double lr = optimizer.learningRate();
                model.zeroGrad();
                Tensor prediction = model.forward(Tensor.constant(batch.features()));
                Matrix target = data.isClassification() ? batch.oneHot() : batch.targets();
                Tensor dataLoss;
                try {
                    dataLoss = loss.forward(prediction, target);
                } catch (IllegalArgumentException e) {
                    throw new SpecException("$.loss", "the loss refuses the data at step " + (step + 1) + ": "
                            + e.getMessage(), e);
                }
                Tensor total = dataLoss;
                for (Penalty p : penalties) {
                    total = total.plus(p.compute(model));
                }
                total.backward();
                Map<String, Matrix> gradients = new LinkedHashMap<>();
                for (NamedParameter np : named) {
                    Matrix g = np.parameter().grad();
                    gradients.put(np.name(), g != null ? g : Matrix.zeros(np.parameter().rows(),
                            np.parameter().cols()));
                }
                for (int k = 0; k < named.size(); k++) {
                    Parameter b = bound.get(k);
                    b.assign(named.get(k).parameter().value());
                    b.zeroGrad();
                    Matrix g = named.get(k).parameter().grad();
                    if (g != null) {
                        b.accumulateGrad(g);
                    }
                }
                try {
                    optimizer.step();
                } catch (ArithmeticException e) {
                    throw new OracleException("step " + (step + 1) + ": " + e.getMessage(), e);
                }
                for (int k = 0; k < named.size(); k++) {
                    named.get(k).parameter().assign(bound.get(k).value());
                }
                step++;
                Map<String, Trajectory.ParameterStateRecord> state = new LinkedHashMap<>();
                if (spec.output().optimizerState()) {
                    List<ParameterState> states = optimizer.state();
                    for (int k = 0; k < named.size(); k++) {
                        ParameterState s = states.get(k);
                        state.put(named.get(k).name(), new Trajectory.ParameterStateRecord(s.step(), s.buffers()));
                    }
                }
                List<Integer> samples = new ArrayList<>();
                for (int idx : batch.sampleIndices()) {
                    samples.add(idx);
                }
                steps.add(new Trajectory.Step(step, Optional.of(batch.epoch()), Optional.of(batch.index()), samples,
                        Optional.of(lr), total.item(), Optional.of(dataLoss.item()), gradients, values(named),
                        buffers(model), state));
                if (scheduler != null && !perEpoch) {
                    scheduler.step();
                }
            }
            if (scheduler != null && perEpoch && complete) {
                scheduler.step();
            }
        }
        return new Trajectory(OracleVersion.PRODUCER, describe(optimizer), Optional.of(initial), steps);
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
     * @return {@code {"class": ..., "hyperparameters": {...}}}, values as numbers, booleans and strings
     */
    public static Map<String, Object> describe(Optimizer optimizer) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class", optimizer.getClass().getSimpleName());
        out.put("hyperparameters", recordMap(optimizer.hyperparameters().asRecord()));
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
