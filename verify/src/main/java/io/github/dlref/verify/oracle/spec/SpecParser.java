package io.github.dlref.verify.oracle.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlref.data.io.BoundedInput;
import io.github.dlref.data.io.DataFormatException;
import io.github.dlref.math.Matrix;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads a spec file strictly: invalid JSON, a duplicate key, an unknown key, a missing required key, a value
 * of the wrong JSON type, an out-of-range value, a shape that does not fit the model, or a combination the
 * library refuses each give a {@link SpecException} naming the JSON path and what was expected. Nothing is
 * silently ignored, clamped or defaulted beyond the documented defaults. Numbers are read as described in
 * {@link JsonNumbers}.
 */
public final class SpecParser {

    private static final List<String> TOP = List.of("format", "model", "parameters", "data", "loss",
            "regularization", "optimizer", "schedule", "training", "output");

    /** The shared strict reader (an {@code ObjectMapper} is thread-safe once configured). */
    private static final ObjectMapper STRICT = strictMapper();

    private SpecParser() {
    }

    /**
     * A strict JSON reader: duplicate keys and trailing content are errors.
     *
     * @return a new mapper
     */
    public static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return mapper;
    }

    /**
     * Parses JSON text into a tree, reporting syntax errors with their line and column.
     *
     * @param text the JSON text
     * @return the tree
     * @throws SpecException (path {@code $}) if the text is not one valid JSON value
     */
    public static JsonNode readTree(String text) {
        try {
            JsonNode node = STRICT.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new SpecException("$", "expected a JSON object, got an empty document");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new SpecException("$", "invalid JSON" + where + ": " + clean(e.getOriginalMessage()));
        }
    }

    /**
     * The largest oracle input file read (a spec or a trajectory): 64 MiB (67,108,864 bytes, about three million
     * numbers). Reading stops at the limit, so {@code /dev/zero} or a wrong path to a huge file is one clear error.
     * dlref's choice.
     */
    public static final long MAX_FILE_BYTES = 64L << 20;

    /**
     * Reads a file as strict UTF-8 text, at most {@link #MAX_FILE_BYTES} bytes.
     *
     * @param file the file
     * @return its content
     * @throws SpecException (path {@code $}) if the file does not exist, cannot be read, is larger than the limit
     *     or is not valid UTF-8 (naming the byte offset)
     */
    public static String readFile(Path file) {
        try {
            return BoundedInput.readUtf8(file, MAX_FILE_BYTES);
        } catch (NoSuchFileException e) {
            throw new SpecException("$", "cannot read " + file + ": no such file");
        } catch (DataFormatException e) {
            throw new SpecException("$", e.getMessage().substring(file.toString().length() + 2));
        } catch (IOException e) {
            throw new SpecException("$", "cannot read " + file + ": " + (e instanceof FileSystemException f
                    && f.getReason() != null ? f.getReason() : clean(e.getMessage())));
        }
    }

    /**
     * Parses a spec file.
     *
     * @param file the file
     * @return the spec
     * @throws SpecException on any problem (see the class documentation)
     */
    public static Spec parse(Path file) {
        return parse(readFile(file));
    }

    /**
     * Parses spec text.
     *
     * @param text the JSON text
     * @return the spec
     * @throws SpecException on any problem (see the class documentation)
     */
    public static Spec parse(String text) {
        return parse(readTree(text));
    }

    /**
     * Parses a spec tree.
     *
     * @param root the JSON tree
     * @return the spec
     * @throws SpecException on any problem (see the class documentation)
     */
    public static Spec parse(JsonNode root) {
        JsonIn.object("$", root);
        JsonIn.keys("$", root, TOP);
        JsonNode format = JsonIn.require("$", root, "format", "the string \"" + Spec.FORMAT + "\"");
        if (!format.isTextual() || !Spec.FORMAT.equals(format.textValue())) {
            throw new SpecException("$.format", "expected \"" + Spec.FORMAT + "\", got " + JsonNumbers.describe(format));
        }
        ModelSpec model = model(JsonIn.require("$", root, "model", "an object with \"input\" and \"layers\""));
        ParametersSpec parameters = root.has("parameters") ? parameters(root.get("parameters"), model)
                : new ParametersSpec(OptionalLong.empty(), Map.of());
        DataSpec data = data(JsonIn.require("$", root, "data", "an object with \"inputs\" and \"targets\" or "
                + "\"classes\", or with \"dataset\""));
        Component loss = JsonIn.component("$.loss", Catalog.LOSS, JsonIn.require("$", root, "loss",
                "an object with a \"type\""));
        List<Component> regularization = new ArrayList<>();
        if (root.has("regularization")) {
            JsonNode reg = root.get("regularization");
            if (!reg.isArray()) {
                throw new SpecException("$.regularization", "expected an array of regularizers, got "
                        + JsonNumbers.describe(reg));
            }
            for (int i = 0; i < reg.size(); i++) {
                regularization.add(JsonIn.component("$.regularization[" + i + "]", Catalog.REGULARIZER, reg.get(i)));
            }
        }
        Component optimizer = JsonIn.component("$.optimizer", Catalog.OPTIMIZER, JsonIn.require("$", root,
                "optimizer", "an object with a \"type\" and a \"preset\""));
        Optional<Component> schedule = root.has("schedule")
                ? Optional.of(JsonIn.component("$.schedule", Catalog.SCHEDULE, root.get("schedule")))
                : Optional.empty();
        TrainingSpec training = training(JsonIn.require("$", root, "training", "an object with \"steps\""));
        OutputSpec output = root.has("output") ? output(root.get("output")) : OutputSpec.DEFAULT;
        return new Spec(model, parameters, data, loss, regularization, optimizer, schedule, training, output);
    }

    private static ModelSpec model(JsonNode node) {
        String path = "$.model";
        JsonIn.object(path, node);
        JsonIn.keys(path, node, List.of("input", "layers"));
        int input = Math.toIntExact(JsonIn.integer(path + ".input", JsonIn.require(path, node, "input",
                "an integer >= 1, the input width"), new Kind.Int(1, Integer.MAX_VALUE)));
        JsonNode layers = JsonIn.require(path, node, "layers", "a non-empty array of layers");
        if (!layers.isArray() || layers.isEmpty()) {
            throw new SpecException(path + ".layers", "expected a non-empty array of layers, got "
                    + JsonNumbers.describe(layers));
        }
        List<Component> list = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            list.add(JsonIn.component(path + ".layers[" + i + "]", Catalog.LAYER, layers.get(i)));
        }
        return new ModelSpec(input, list);
    }

    private static ParametersSpec parameters(JsonNode node, ModelSpec model) {
        String path = "$.parameters";
        JsonIn.object(path, node);
        JsonIn.keys(path, node, List.of("seed", "values", "buffers", "weight_layout"));
        OptionalLong seed = node.has("seed") ? OptionalLong.of(JsonIn.integer(path + ".seed", node.get("seed"),
                Kind.Int.any())) : OptionalLong.empty();
        String layout = ParametersSpec.OUTPUTS_X_INPUTS;
        if (node.has("weight_layout")) {
            JsonNode l = node.get("weight_layout");
            if (!l.isTextual() || !ParametersSpec.LAYOUTS.contains(l.textValue())) {
                throw new SpecException(path + ".weight_layout", "expected one of "
                        + Format.quoted(ParametersSpec.LAYOUTS) + ", got " + JsonNumbers.describe(l));
            }
            layout = l.textValue();
        }
        boolean transposed = ParametersSpec.INPUTS_X_OUTPUTS.equals(layout);
        Map<String, int[]> shapes = model.parameterShapes();
        Set<String> linear = model.linearWeights();
        Map<String, Matrix> values = new LinkedHashMap<>();
        if (node.has("values")) {
            JsonNode v = JsonIn.object(path + ".values", node.get("values"));
            Iterator<Map.Entry<String, JsonNode>> it = v.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = Values.key(path + ".values", e.getKey());
                Matrix m = JsonNumbers.readMatrixOrVector(p, e.getValue(), true);
                if (transposed && linear.contains(e.getKey())) {
                    int[] shape = shapes.get(e.getKey());
                    if (m.rows() != shape[1] || m.cols() != shape[0]) {
                        throw new SpecException(p, "expected a " + shape[1] + " x " + shape[0] + " matrix for \""
                                + e.getKey() + "\" (inputs x outputs, as weight_layout says), got " + m.shape());
                    }
                    m = m.transpose();
                }
                values.put(e.getKey(), m);
            }
        }
        Map<String, Matrix> buffers = new LinkedHashMap<>();
        if (node.has("buffers")) {
            JsonNode b = JsonIn.object(path + ".buffers", node.get("buffers"));
            Iterator<Map.Entry<String, JsonNode>> it = b.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                buffers.put(e.getKey(), JsonNumbers.readMatrixOrVector(Values.key(path + ".buffers", e.getKey()),
                        e.getValue(), true));
            }
        }
        return new ParametersSpec(seed, values, buffers, layout);
    }

    private static DataSpec data(JsonNode node) {
        String path = "$.data";
        JsonIn.object(path, node);
        if (node.has("dataset")) {
            JsonIn.keys(path, node, List.of("dataset"));
            return new DataSpec.Builtin(JsonIn.component(path + ".dataset", Catalog.DATASET, node.get("dataset")));
        }
        JsonIn.keys(path, node, List.of("inputs", "targets", "classes", "dataset"));
        Matrix inputs = JsonNumbers.readMatrix(path + ".inputs", JsonIn.require(path, node, "inputs",
                "an N x D matrix, or give \"dataset\" instead"), true);
        Optional<Matrix> targets = node.has("targets")
                ? Optional.of(JsonNumbers.readMatrix(path + ".targets", node.get("targets"), true)) : Optional.empty();
        Optional<List<Integer>> classes = Optional.empty();
        if (node.has("classes")) {
            JsonNode c = node.get("classes");
            if (!c.isArray() || c.isEmpty()) {
                throw new SpecException(path + ".classes", "expected a non-empty array of class indices, got "
                        + JsonNumbers.describe(c));
            }
            List<Integer> list = new ArrayList<>();
            for (int i = 0; i < c.size(); i++) {
                list.add(Math.toIntExact(JsonIn.integer(path + ".classes[" + i + "]", c.get(i),
                        new Kind.Int(0, Integer.MAX_VALUE))));
            }
            classes = Optional.of(list);
        }
        if (targets.isEmpty() && classes.isEmpty()) {
            throw new SpecException(path, "missing required key \"targets\" (an N x K matrix) or \"classes\" "
                    + "(N class indices)");
        }
        return new DataSpec.Inline(inputs, targets, classes);
    }

    private static TrainingSpec training(JsonNode node) {
        String path = "$.training";
        JsonIn.object(path, node);
        JsonIn.keys(path, node, List.of("steps", "batch_size", "shuffle", "seed", "drop_last", "clipping"));
        int steps = Math.toIntExact(JsonIn.integer(path + ".steps", JsonIn.require(path, node, "steps",
                "an integer >= 1, the number of optimizer steps"), new Kind.Int(1, Integer.MAX_VALUE)));
        OptionalInt batch = node.has("batch_size") ? OptionalInt.of(Math.toIntExact(JsonIn.integer(
                path + ".batch_size", node.get("batch_size"), new Kind.Int(1, Integer.MAX_VALUE))))
                : OptionalInt.empty();
        boolean shuffle = node.has("shuffle") && JsonIn.bool(path + ".shuffle", node.get("shuffle"));
        OptionalLong seed = node.has("seed") ? OptionalLong.of(JsonIn.integer(path + ".seed", node.get("seed"),
                Kind.Int.any())) : OptionalLong.empty();
        boolean dropLast = node.has("drop_last") && JsonIn.bool(path + ".drop_last", node.get("drop_last"));
        Optional<Component> clipping = node.has("clipping")
                ? Optional.of(JsonIn.component(path + ".clipping", Catalog.CLIPPING, node.get("clipping")))
                : Optional.empty();
        return new TrainingSpec(steps, batch, shuffle, seed, dropLast, clipping);
    }

    private static OutputSpec output(JsonNode node) {
        String path = "$.output";
        JsonIn.object(path, node);
        JsonIn.keys(path, node, List.of("optimizer_state", "evaluation"));
        boolean state = node.has("optimizer_state") && JsonIn.bool(path + ".optimizer_state",
                node.get("optimizer_state"));
        Optional<EvaluationSpec> evaluation = node.has("evaluation")
                ? Optional.of(evaluation(node.get("evaluation"))) : Optional.empty();
        return new OutputSpec(state, evaluation);
    }

    private static EvaluationSpec evaluation(JsonNode node) {
        String path = "$.output.evaluation";
        JsonIn.object(path, node);
        JsonIn.keys(path, node, List.of("inputs", "targets", "classes", "scalar", "after_steps"));
        Matrix inputs = JsonNumbers.readMatrix(path + ".inputs", JsonIn.require(path, node, "inputs",
                "an N x D matrix"), true);
        Optional<Matrix> targets = node.has("targets")
                ? Optional.of(JsonNumbers.readMatrix(path + ".targets", node.get("targets"), true)) : Optional.empty();
        Optional<List<Integer>> classes = node.has("classes")
                ? Optional.of(classIndices(path + ".classes", node.get("classes"))) : Optional.empty();
        JsonNode scalar = JsonIn.require(path, node, "scalar", "\"loss\" or \"sum\"");
        if (!scalar.isTextual() || !List.of(EvaluationSpec.LOSS, EvaluationSpec.SUM).contains(scalar.textValue())) {
            throw new SpecException(path + ".scalar", "expected one of [\"loss\", \"sum\"], got "
                    + JsonNumbers.describe(scalar));
        }
        JsonNode after = JsonIn.require(path, node, "after_steps", "an array of step numbers, 0 for before the first "
                + "step");
        if (!after.isArray()) {
            throw new SpecException(path + ".after_steps", "expected an array of step numbers, got "
                    + JsonNumbers.describe(after));
        }
        List<Integer> steps = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            steps.add(Math.toIntExact(JsonIn.integer(path + ".after_steps[" + i + "]", after.get(i),
                    new Kind.Int(0, Integer.MAX_VALUE))));
        }
        return new EvaluationSpec(inputs, targets, classes, scalar.textValue(), steps);
    }

    private static List<Integer> classIndices(String path, JsonNode c) {
        if (!c.isArray() || c.isEmpty()) {
            throw new SpecException(path, "expected a non-empty array of class indices, got "
                    + JsonNumbers.describe(c));
        }
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            list.add(Math.toIntExact(JsonIn.integer(path + "[" + i + "]", c.get(i),
                    new Kind.Int(0, Integer.MAX_VALUE))));
        }
        return list;
    }

    /**
     * Jackson's message reduced to one line without its locations ({@code [Source: ...]}, already given as line
     * and column), Java class names or reference chains (the library's {@code io.github.dlref.train.JsonErrors}
     * does the same for the training files; this package must not depend on {@code train}).
     *
     * @param message the message, or {@code null}
     * @return the cleaned line
     */
    static String clean(String message) {
        if (message == null) {
            return "";
        }
        String s = message.replaceAll("\\s*\\R\\s*", " ");
        s = s.replaceAll("\\s*\\((?:start marker )?at \\[Source:[^\\]]*\\][^)]*\\)", "");
        s = s.replaceAll("\\s*at \\[Source:[^\\]]*\\]", "");
        s = s.replaceAll("\\s*\\(class [^)]*\\)", "");
        s = s.replaceAll("\\s*\\(from `[^`]*`\\)", "");
        s = s.replaceAll("`(?:[a-z_$][\\w$]*\\.)*([\\w$]+)(?:\\(\\))?`", "$1");
        s = s.replaceAll("\\s*[:,]?\\s*(?:not allowed )?as per `[^`]*`", "");
        s = s.replaceAll("\\s*`[^`]*`", "");
        s = s.replaceAll("(?:[a-z_$][\\w$]*\\.){2,}([A-Z][\\w$]*)", "$1");
        return s.strip();
    }
}
