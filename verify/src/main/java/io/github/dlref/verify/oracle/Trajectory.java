package io.github.dlref.verify.oracle;

import io.github.dlref.math.Matrix;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a training computation produced, step by step: the output of {@code dlref run} and the input
 * ({@code THEIRS.json}) of {@code dlref check} and {@code dlref diagnose}. The JSON form
 * ({@value #FORMAT}) is written and read by {@link TrajectoryJson} and documented in
 * {@code docs/oracle-format.md}.
 *
 * <p>Optional parts ({@link Optional} fields, empty maps) are those another implementation may leave out;
 * {@code check} compares exactly what both sides give.
 *
 * @param producer who produced the numbers, such as {@code dlref 0.1.0-SNAPSHOT} or {@code numpy-mlp 1.0}
 * @param optimizer a description of the optimizer ({@code class} and resolved hyper-parameters), or empty
 * @param initial the parameters and buffers before the first step, or empty
 * @param steps one record per optimizer step, in order
 * @param evaluations the evaluation-mode forwards recorded after some steps (may be empty), in step order
 * @param weightLayout the layout the linear layers' weights are written in ({@code "outputs_x_inputs"} or
 *     {@code "inputs_x_outputs"}), if the file declares one
 */
public record Trajectory(String producer, Map<String, Object> optimizer, Optional<Snapshot> initial,
        List<Step> steps, List<Evaluation> evaluations, Optional<String> weightLayout) {

    /** The value of the top-level {@code "format"} key. */
    public static final String FORMAT = "dlref.trajectory.v1";

    /**
     * Copies.
     *
     * @param producer the producer
     * @param optimizer the optimizer description
     * @param initial the initial snapshot
     * @param steps the steps
     * @param evaluations the evaluation forwards
     * @param weightLayout the declared weight layout
     */
    public Trajectory {
        Objects.requireNonNull(producer, "producer");
        optimizer = Collections.unmodifiableMap(new LinkedHashMap<>(optimizer));
        Objects.requireNonNull(initial, "initial");
        steps = List.copyOf(steps);
        evaluations = List.copyOf(evaluations);
        Objects.requireNonNull(weightLayout, "weightLayout");
    }

    /**
     * A trajectory without evaluation forwards and without a declared layout (dlref's, outputs x inputs).
     *
     * @param producer the producer
     * @param optimizer the optimizer description
     * @param initial the initial snapshot
     * @param steps the steps
     */
    public Trajectory(String producer, Map<String, Object> optimizer, Optional<Snapshot> initial, List<Step> steps) {
        this(producer, optimizer, initial, steps, List.of(), Optional.empty());
    }

    /**
     * The same trajectory with the named matrices transposed wherever they occur (initial parameters, gradients,
     * parameters, the optimizer's buffers for those parameters), declaring {@code layout}: how {@code run} writes
     * the linear weights {@code inputs x outputs} when the spec asks for that layout.
     *
     * @param names the parameters to transpose (the linear layers' weights)
     * @param layout the layout to declare
     * @return the transposed trajectory
     */
    public Trajectory transposed(Set<String> names, String layout) {
        Optional<Snapshot> init = initial.map(s -> new Snapshot(transpose(s.parameters(), names), s.buffers()));
        List<Step> out = new ArrayList<>();
        for (Step s : steps) {
            Map<String, ParameterStateRecord> state = new LinkedHashMap<>();
            s.optimizerState().forEach((name, st) -> state.put(name, names.contains(name)
                    ? new ParameterStateRecord(st.step(), transposeAll(st.buffers())) : st));
            out.add(new Step(s.step(), s.epoch(), s.batch(), s.samples(), s.learningRate(), s.loss(), s.dataLoss(),
                    transpose(s.gradients(), names), transpose(s.parameters(), names), s.buffers(), state));
        }
        return new Trajectory(producer, optimizer, init, out, evaluations, Optional.of(layout));
    }

    private static Map<String, Matrix> transpose(Map<String, Matrix> map, Set<String> names) {
        Map<String, Matrix> out = new LinkedHashMap<>();
        map.forEach((k, m) -> out.put(k, names.contains(k) ? m.transpose() : m));
        return out;
    }

    private static Map<String, Matrix> transposeAll(Map<String, Matrix> map) {
        Map<String, Matrix> out = new LinkedHashMap<>();
        map.forEach((k, m) -> out.put(k, m.transpose()));
        return out;
    }

    /**
     * One evaluation-mode forward (spec key {@code output.evaluation}): recorded on the parameters and buffers after
     * step {@code afterStep} ({@code 0}: the starting values).
     *
     * @param afterStep the step after which it was recorded
     * @param outputs every layer's output by layer index ({@code "0"}, {@code "1"}, ...: the names of PyTorch's
     *     {@code nn.Sequential} children), each {@code N x width}
     * @param scalar the scalar {@code s} (the data loss on the given targets, or the sum of the last output)
     * @param inputGradient {@code ds/dx}, {@code N x D}
     */
    public record Evaluation(int afterStep, Map<String, Matrix> outputs, double scalar, Matrix inputGradient) {

        /**
         * Copies.
         *
         * @param afterStep the step
         * @param outputs the layer outputs
         * @param scalar the scalar
         * @param inputGradient the input gradient
         */
        public Evaluation {
            outputs = ordered(outputs);
            Objects.requireNonNull(inputGradient, "inputGradient");
        }
    }

    /**
     * Parameters and buffers at one point.
     *
     * @param parameters values by qualified name, in model order
     * @param buffers buffer values (such as BatchNorm running statistics) by qualified name; may be empty
     */
    public record Snapshot(Map<String, Matrix> parameters, Map<String, Matrix> buffers) {

        /**
         * Copies.
         *
         * @param parameters the parameters
         * @param buffers the buffers
         */
        public Snapshot {
            parameters = ordered(parameters);
            buffers = ordered(buffers);
        }
    }

    /**
     * One optimizer's state for one parameter: its step count and named buffers (the library's names, which
     * are PyTorch's state keys where PyTorch has the quantity).
     *
     * @param step the number of updates applied to the parameter
     * @param buffers the buffers by name
     */
    public record ParameterStateRecord(long step, Map<String, Matrix> buffers) {

        /**
         * Copies.
         *
         * @param step the step count
         * @param buffers the buffers
         */
        public ParameterStateRecord {
            buffers = ordered(buffers);
        }
    }

    /**
     * One optimizer step: the batch it used, the learning rate, the loss and gradients at the parameters
     * before the step, and the parameters, buffers and (optionally) optimizer state after it.
     *
     * @param step the step number, from 1
     * @param epoch the epoch the batch belongs to (from 0), or empty
     * @param batch the batch's index within its epoch (from 0), or empty
     * @param samples the indices of the batch's samples in the data set, in batch order (may be empty)
     * @param learningRate the learning rate of this step, or empty
     * @param loss the minimized objective: data loss plus regularization
     * @param dataLoss the data loss alone, or empty
     * @param gradients the gradient of {@code loss} for each parameter, before the step
     * @param parameters every parameter after the step
     * @param buffers every buffer after the step (may be empty)
     * @param optimizerState the optimizer's state after the step by parameter name (may be empty)
     */
    public record Step(int step, Optional<Integer> epoch, Optional<Integer> batch, List<Integer> samples,
            Optional<Double> learningRate, double loss, Optional<Double> dataLoss, Map<String, Matrix> gradients,
            Map<String, Matrix> parameters, Map<String, Matrix> buffers,
            Map<String, ParameterStateRecord> optimizerState) {

        /**
         * Copies.
         *
         * @param step the step number
         * @param epoch the epoch
         * @param batch the batch index
         * @param samples the sample indices
         * @param learningRate the learning rate
         * @param loss the loss
         * @param dataLoss the data loss
         * @param gradients the gradients
         * @param parameters the parameters
         * @param buffers the buffers
         * @param optimizerState the optimizer state
         */
        public Step {
            samples = List.copyOf(samples);
            gradients = ordered(gradients);
            parameters = ordered(parameters);
            buffers = ordered(buffers);
            optimizerState = Collections.unmodifiableMap(new LinkedHashMap<>(optimizerState));
        }
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(map, "map")));
    }
}
