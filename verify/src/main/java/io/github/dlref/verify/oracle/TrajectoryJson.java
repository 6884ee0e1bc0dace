package io.github.dlref.verify.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlref.math.Matrix;
import io.github.dlref.verify.oracle.spec.JsonNumbers;
import io.github.dlref.verify.oracle.spec.SpecException;
import io.github.dlref.verify.oracle.spec.SpecParser;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON form of a {@link Trajectory} (format {@value Trajectory#FORMAT}, documented in
 * {@code docs/oracle-format.md}, schema {@code docs/schemas/trajectory.schema.json}). Numbers as in
 * {@link JsonNumbers}; matrices as arrays of rows.
 *
 * <p>Reading is strict like the spec parser: an unknown key, a missing required key ({@code format},
 * {@code steps}, and each step's {@code loss}, {@code gradients} and {@code parameters}), a wrong type or a
 * ragged matrix give a {@link SpecException} with the JSON path.
 */
public final class TrajectoryJson {

    private static final List<String> TOP = List.of("format", "producer", "weight_layout", "optimizer", "initial",
            "steps", "evaluations");
    private static final List<String> EVALUATION = List.of("after_step", "outputs", "scalar", "input_gradient");
    private static final List<String> LAYOUTS = List.of("outputs_x_inputs", "inputs_x_outputs");
    private static final List<String> STEP = List.of("step", "epoch", "batch", "samples", "lr", "loss", "data_loss",
            "gradients", "parameters", "buffers", "optimizer_state");

    private TrajectoryJson() {
    }

    /**
     * Writes a trajectory.
     *
     * @param t the trajectory
     * @return the JSON tree
     */
    public static ObjectNode write(Trajectory t) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("format", Trajectory.FORMAT);
        root.put("producer", t.producer());
        t.weightLayout().ifPresent(l -> root.put("weight_layout", l));
        if (!t.optimizer().isEmpty()) {
            root.set("optimizer", generic(t.optimizer()));
        }
        t.initial().ifPresent(s -> {
            ObjectNode init = root.putObject("initial");
            init.set("parameters", matrices(s.parameters()));
            if (!s.buffers().isEmpty()) {
                init.set("buffers", matrices(s.buffers()));
            }
        });
        ArrayNode steps = root.putArray("steps");
        for (Trajectory.Step s : t.steps()) {
            ObjectNode n = steps.addObject();
            n.put("step", s.step());
            s.epoch().ifPresent(e -> n.put("epoch", e));
            s.batch().ifPresent(b -> n.put("batch", b));
            if (!s.samples().isEmpty()) {
                ArrayNode a = n.putArray("samples");
                s.samples().forEach(a::add);
            }
            s.learningRate().ifPresent(lr -> n.set("lr", JsonNumbers.write(lr)));
            n.set("loss", JsonNumbers.write(s.loss()));
            s.dataLoss().ifPresent(d -> n.set("data_loss", JsonNumbers.write(d)));
            n.set("gradients", matrices(s.gradients()));
            n.set("parameters", matrices(s.parameters()));
            if (!s.buffers().isEmpty()) {
                n.set("buffers", matrices(s.buffers()));
            }
            if (!s.optimizerState().isEmpty()) {
                ObjectNode os = n.putObject("optimizer_state");
                s.optimizerState().forEach((name, st) -> {
                    ObjectNode p = os.putObject(name);
                    p.put("step", st.step());
                    st.buffers().forEach((b, m) -> p.set(b, JsonNumbers.write(m)));
                });
            }
        }
        if (!t.evaluations().isEmpty()) {
            ArrayNode evals = root.putArray("evaluations");
            for (Trajectory.Evaluation e : t.evaluations()) {
                ObjectNode n = evals.addObject();
                n.put("after_step", e.afterStep());
                n.set("outputs", matrices(e.outputs()));
                n.set("scalar", JsonNumbers.write(e.scalar()));
                n.set("input_gradient", JsonNumbers.write(e.inputGradient()));
            }
        }
        return root;
    }

    static ObjectNode matrices(Map<String, Matrix> map) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        map.forEach((k, m) -> o.set(k, JsonNumbers.write(m)));
        return o;
    }

    static JsonNode generic(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = f.objectNode();
            m.forEach((k, x) -> o.set(String.valueOf(k), generic(x)));
            return o;
        } else if (v instanceof List<?> l) {
            ArrayNode a = f.arrayNode();
            l.forEach(x -> a.add(generic(x)));
            return a;
        } else if (v instanceof Double d) {
            return JsonNumbers.write(d);
        } else if (v instanceof Number n) {
            return f.numberNode(n.longValue());
        } else if (v instanceof Boolean b) {
            return f.booleanNode(b);
        } else if (v instanceof Matrix m) {
            return JsonNumbers.write(m);
        } else if (v == null) {
            return f.nullNode();
        }
        return f.textNode(String.valueOf(v));
    }

    /**
     * Reads a trajectory from JSON text.
     *
     * @param text the JSON text
     * @return the trajectory
     * @throws SpecException naming the JSON path of the first problem
     */
    public static Trajectory read(String text) {
        return read(SpecParser.readTree(text));
    }

    /**
     * Reads a trajectory from a JSON tree.
     *
     * @param root the tree
     * @return the trajectory
     * @throws SpecException naming the JSON path of the first problem
     */
    public static Trajectory read(JsonNode root) {
        object("$", root);
        keys("$", root, TOP);
        JsonNode format = root.get("format");
        if (format == null || !format.isTextual() || !Trajectory.FORMAT.equals(format.textValue())) {
            throw new SpecException("$.format", format == null ? "missing required key \"format\" (\""
                    + Trajectory.FORMAT + "\")" : "expected \"" + Trajectory.FORMAT + "\", got "
                    + JsonNumbers.describe(format));
        }
        String producer = "unknown";
        if (root.has("producer")) {
            JsonNode p = root.get("producer");
            if (!p.isTextual()) {
                throw new SpecException("$.producer", "expected a string, got " + JsonNumbers.describe(p));
            }
            producer = p.textValue();
        }
        Optional<String> layout = Optional.empty();
        if (root.has("weight_layout")) {
            JsonNode l = root.get("weight_layout");
            if (!l.isTextual() || !LAYOUTS.contains(l.textValue())) {
                throw new SpecException("$.weight_layout", "expected one of [\"outputs_x_inputs\", "
                        + "\"inputs_x_outputs\"], got " + JsonNumbers.describe(l));
            }
            layout = Optional.of(l.textValue());
        }
        Map<String, Object> optimizer = new LinkedHashMap<>();
        if (root.has("optimizer")) {
            object("$.optimizer", root.get("optimizer"));
            Map<?, ?> raw = SpecParser.strictMapper().convertValue(root.get("optimizer"), Map.class);
            raw.forEach((k, v) -> optimizer.put(String.valueOf(k), v));
        }
        Optional<Trajectory.Snapshot> initial = Optional.empty();
        if (root.has("initial")) {
            JsonNode init = object("$.initial", root.get("initial"));
            keys("$.initial", init, List.of("parameters", "buffers"));
            initial = Optional.of(new Trajectory.Snapshot(
                    matrices("$.initial.parameters", required("$.initial", init, "parameters")),
                    init.has("buffers") ? matrices("$.initial.buffers", init.get("buffers")) : Map.of()));
        }
        JsonNode stepsNode = required("$", root, "steps");
        if (!stepsNode.isArray()) {
            throw new SpecException("$.steps", "expected an array of steps, got " + JsonNumbers.describe(stepsNode));
        }
        List<Trajectory.Step> steps = new ArrayList<>();
        for (int i = 0; i < stepsNode.size(); i++) {
            steps.add(step("$.steps[" + i + "]", stepsNode.get(i), i + 1));
        }
        List<Trajectory.Evaluation> evaluations = new ArrayList<>();
        if (root.has("evaluations")) {
            JsonNode evals = root.get("evaluations");
            if (!evals.isArray()) {
                throw new SpecException("$.evaluations", "expected an array of evaluation forwards, got "
                        + JsonNumbers.describe(evals));
            }
            for (int i = 0; i < evals.size(); i++) {
                String p = "$.evaluations[" + i + "]";
                JsonNode e = object(p, evals.get(i));
                keys(p, e, EVALUATION);
                evaluations.add(new Trajectory.Evaluation(nonNegativeInt(p + ".after_step",
                        required(p, e, "after_step")), matrices(p + ".outputs", required(p, e, "outputs")),
                        JsonNumbers.read(p + ".scalar", required(p, e, "scalar")),
                        JsonNumbers.readMatrixOrVector(p + ".input_gradient", required(p, e, "input_gradient"),
                                false)));
            }
        }
        return new Trajectory(producer, optimizer, initial, steps, evaluations, layout);
    }

    private static Trajectory.Step step(String path, JsonNode n, int expectedStep) {
        object(path, n);
        keys(path, n, STEP);
        if (n.has("step")) {
            JsonNode s = n.get("step");
            if (!s.isIntegralNumber() || s.asLong() != expectedStep) {
                throw new SpecException(path + ".step", "expected " + expectedStep + " (steps are numbered from 1 "
                        + "in order), got " + JsonNumbers.describe(s));
            }
        }
        Optional<Integer> epoch = n.has("epoch") ? Optional.of(nonNegativeInt(path + ".epoch", n.get("epoch")))
                : Optional.empty();
        Optional<Integer> batch = n.has("batch") ? Optional.of(nonNegativeInt(path + ".batch", n.get("batch")))
                : Optional.empty();
        List<Integer> samples = new ArrayList<>();
        if (n.has("samples")) {
            JsonNode a = n.get("samples");
            if (!a.isArray()) {
                throw new SpecException(path + ".samples", "expected an array of sample indices, got "
                        + JsonNumbers.describe(a));
            }
            for (int k = 0; k < a.size(); k++) {
                samples.add(nonNegativeInt(path + ".samples[" + k + "]", a.get(k)));
            }
        }
        Optional<Double> lr = n.has("lr") ? Optional.of(JsonNumbers.read(path + ".lr", n.get("lr")))
                : Optional.empty();
        double loss = JsonNumbers.read(path + ".loss", required(path, n, "loss"));
        Optional<Double> dataLoss = n.has("data_loss")
                ? Optional.of(JsonNumbers.read(path + ".data_loss", n.get("data_loss"))) : Optional.empty();
        Map<String, Matrix> gradients = matrices(path + ".gradients", required(path, n, "gradients"));
        Map<String, Matrix> parameters = matrices(path + ".parameters", required(path, n, "parameters"));
        Map<String, Matrix> buffers = n.has("buffers") ? matrices(path + ".buffers", n.get("buffers")) : Map.of();
        Map<String, Trajectory.ParameterStateRecord> state = new LinkedHashMap<>();
        if (n.has("optimizer_state")) {
            JsonNode os = object(path + ".optimizer_state", n.get("optimizer_state"));
            Iterator<Map.Entry<String, JsonNode>> it = os.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = key(path + ".optimizer_state", e.getKey());
                JsonNode ps = object(p, e.getValue());
                long stepCount = nonNegativeInt(p + ".step", required(p, ps, "step"));
                Map<String, Matrix> bufs = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> bi = ps.fields();
                while (bi.hasNext()) {
                    Map.Entry<String, JsonNode> b = bi.next();
                    if (!b.getKey().equals("step")) {
                        bufs.put(b.getKey(), JsonNumbers.readMatrixOrVector(key(p, b.getKey()), b.getValue(), false));
                    }
                }
                state.put(e.getKey(), new Trajectory.ParameterStateRecord(stepCount, bufs));
            }
        }
        return new Trajectory.Step(expectedStep, epoch, batch, samples, lr, loss, dataLoss, gradients, parameters,
                buffers, state);
    }

    private static Map<String, Matrix> matrices(String path, JsonNode node) {
        object(path, node);
        Map<String, Matrix> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), JsonNumbers.readMatrixOrVector(key(path, e.getKey()), e.getValue(), false));
        }
        return out;
    }

    private static int nonNegativeInt(String path, JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
            throw new SpecException(path, "expected an integer >= 0, got " + JsonNumbers.describe(node));
        }
        return node.intValue();
    }

    private static JsonNode object(String path, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new SpecException(path, "expected an object, got " + JsonNumbers.describe(node));
        }
        return node;
    }

    private static JsonNode required(String path, JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null) {
            throw new SpecException(path, "missing required key \"" + key + "\"");
        }
        return v;
    }

    private static void keys(String path, JsonNode node, List<String> allowed) {
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new SpecException(key(path, k), "unknown key \"" + k + "\"; expected one of " + allowed);
            }
        }
    }

    static String key(String path, String key) {
        return key.matches("[A-Za-z_][A-Za-z0-9_]*") ? path + "." + key : path + "['" + key + "']";
    }
}
