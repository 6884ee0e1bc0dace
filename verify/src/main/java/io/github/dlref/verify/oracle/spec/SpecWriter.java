package io.github.dlref.verify.oracle.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlref.math.Matrix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Spec} as a spec file that {@link SpecParser} reads back to an equal {@code Spec}
 * ({@code parse(toJson(spec)).equals(spec)}, doubles bit for bit, see {@link JsonNumbers}). Only the
 * settings the spec gives explicitly are written; defaults stay implicit.
 */
public final class SpecWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SpecWriter() {
    }

    /**
     * The spec as a JSON tree.
     *
     * @param spec the spec
     * @return the tree
     */
    public static ObjectNode toTree(Spec spec) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("format", Spec.FORMAT);
        ObjectNode model = root.putObject("model");
        model.put("input", spec.model().input());
        ArrayNode layers = model.putArray("layers");
        spec.model().layers().forEach(l -> layers.add(component(l)));
        ParametersSpec p = spec.parameters();
        if (p.seed().isPresent() || !p.values().isEmpty() || !p.buffers().isEmpty() || p.transposed()) {
            ObjectNode params = root.putObject("parameters");
            if (p.seed().isPresent()) {
                params.put("seed", p.seed().getAsLong());
            }
            if (p.transposed()) {
                params.put("weight_layout", p.weightLayout());
            }
            if (!p.values().isEmpty()) {
                ObjectNode values = params.putObject("values");
                var linear = spec.model().linearWeights();
                p.values().forEach((name, m) -> values.set(name, JsonNumbers.write(p.transposed()
                        && linear.contains(name) ? m.transpose() : m)));
            }
            if (!p.buffers().isEmpty()) {
                ObjectNode buffers = params.putObject("buffers");
                p.buffers().forEach((name, m) -> buffers.set(name, JsonNumbers.write(m)));
            }
        }
        ObjectNode data = root.putObject("data");
        if (spec.data() instanceof DataSpec.Inline in) {
            data.set("inputs", JsonNumbers.write(in.inputs()));
            in.targets().ifPresent(t -> data.set("targets", JsonNumbers.write(t)));
            in.classes().ifPresent(cs -> {
                ArrayNode a = data.putArray("classes");
                cs.forEach(a::add);
            });
        } else {
            data.set("dataset", component(((DataSpec.Builtin) spec.data()).dataset()));
        }
        root.set("loss", component(spec.loss()));
        if (!spec.regularization().isEmpty()) {
            ArrayNode reg = root.putArray("regularization");
            spec.regularization().forEach(r -> reg.add(component(r)));
        }
        root.set("optimizer", component(spec.optimizer()));
        spec.schedule().ifPresent(s -> root.set("schedule", component(s)));
        ObjectNode training = root.putObject("training");
        TrainingSpec t = spec.training();
        training.put("steps", t.steps());
        t.batchSize().ifPresent(b -> training.put("batch_size", b));
        if (t.shuffle()) {
            training.put("shuffle", true);
        }
        t.seed().ifPresent(s -> training.put("seed", s));
        if (t.dropLast()) {
            training.put("drop_last", true);
        }
        t.clipping().ifPresent(c -> training.set("clipping", component(c)));
        if (spec.output().optimizerState() || spec.output().evaluation().isPresent()) {
            ObjectNode output = root.putObject("output");
            if (spec.output().optimizerState()) {
                output.put("optimizer_state", true);
            }
            spec.output().evaluation().ifPresent(e -> {
                ObjectNode ev = output.putObject("evaluation");
                ev.set("inputs", JsonNumbers.write(e.inputs()));
                e.targets().ifPresent(m -> ev.set("targets", JsonNumbers.write(m)));
                e.classes().ifPresent(cs -> {
                    ArrayNode a = ev.putArray("classes");
                    cs.forEach(a::add);
                });
                ev.put("scalar", e.scalar());
                ArrayNode a = ev.putArray("after_steps");
                e.afterSteps().forEach(a::add);
            });
        }
        return root;
    }

    /**
     * A component as a JSON object: {@code "type"} first, then its explicit settings in order.
     *
     * @param c the component
     * @return the object
     */
    public static ObjectNode component(Component c) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", c.type());
        for (Map.Entry<String, Object> e : c.settings().entrySet()) {
            node.set(e.getKey(), value(e.getValue()));
        }
        return node;
    }

    private static JsonNode value(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v instanceof Double d) {
            return JsonNumbers.write(d);
        } else if (v instanceof Long l) {
            return f.numberNode(l);
        } else if (v instanceof Boolean b) {
            return f.booleanNode(b);
        } else if (v instanceof String s) {
            return f.textNode(s);
        } else if (v instanceof Matrix m) {
            return JsonNumbers.write(m);
        } else if (v instanceof Component c) {
            return component(c);
        } else if (v instanceof Map<?, ?> m) {
            ObjectNode o = f.objectNode();
            m.forEach((k, x) -> o.set(String.valueOf(k), value(x)));
            return o;
        }
        ArrayNode a = f.arrayNode();
        for (Object e : (List<?>) v) {
            a.add(value(e));
        }
        return a;
    }

    /**
     * The spec as indented JSON text.
     *
     * @param spec the spec
     * @return the text, ending with a line separator
     */
    public static String toJson(Spec spec) {
        return pretty(toTree(spec));
    }

    /**
     * Indented JSON text of a tree (the one pretty-printer used for every oracle file).
     *
     * @param node the tree
     * @return the text, ending with a line separator
     */
    public static String pretty(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Writes the spec to a file (UTF-8).
     *
     * @param spec the spec
     * @param file the file, created or replaced
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(Spec spec, Path file) {
        try {
            Files.writeString(file, toJson(spec), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
