package io.github.dlref.verify.oracle.spec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The JSON Schema (draft 2020-12) of the spec format, generated from the same table the parser reads, so it
 * cannot disagree with it on keys, types, choices or ranges. The committed copy is
 * {@code docs/schemas/spec.schema.json} (a test fails if it drifts). The parser checks more than the schema
 * can say: shapes against the model, class indices against the output width, and the combinations the library
 * refuses.
 */
public final class SpecSchema {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** The schema's {@code $id}. */
    public static final String ID = "https://github.com/dlref/dlref/docs/schemas/spec.schema.json";

    private SpecSchema() {
    }

    /**
     * Generates the schema.
     *
     * @return the schema as a JSON tree
     */
    public static ObjectNode generate() {
        ObjectNode root = F.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", ID);
        root.put("title", "dlref spec (" + Spec.FORMAT + ")");
        root.put("description", "A whole training computation for dlref run, check and diagnose; see "
                + "docs/oracle-format.md. Generated from the parser's table by SpecSchema.");
        root.put("type", "object");
        root.put("additionalProperties", false);
        root.set("required", strings("format", "model", "data", "loss", "optimizer", "training"));
        ObjectNode p = root.putObject("properties");
        p.putObject("format").put("const", Spec.FORMAT);
        ObjectNode model = object(p.putObject("model"), "input", "layers");
        model.withObject("properties").set("input", integer(1, Integer.MAX_VALUE));
        ObjectNode layers = model.withObject("properties").putObject("layers");
        layers.put("type", "array");
        layers.put("minItems", 1);
        layers.putObject("items").put("$ref", "#/$defs/layer");
        ObjectNode params = object(p.putObject("parameters"));
        params.withObject("properties").set("seed", integer(Long.MIN_VALUE, Long.MAX_VALUE));
        ObjectNode values = params.withObject("properties").putObject("values");
        values.put("type", "object");
        values.putObject("additionalProperties").put("$ref", "#/$defs/matrix_or_vector");
        ObjectNode buffers = params.withObject("properties").putObject("buffers");
        buffers.put("description", "starting values of buffers (BatchNorm's \"<i>.running_mean\" and "
                + "\"<i>.running_var\"); added in dlref 0.1, compatible");
        buffers.put("type", "object");
        buffers.putObject("additionalProperties").put("$ref", "#/$defs/matrix_or_vector");
        ObjectNode layout = params.withObject("properties").putObject("weight_layout");
        layout.put("description", "how the linear layers' weights are written in this spec's values and in its "
                + "trajectories (default outputs_x_inputs, PyTorch); added in dlref 0.1, compatible");
        layout.set("enum", strings(ParametersSpec.LAYOUTS.toArray(new String[0])));
        ObjectNode data = p.putObject("data");
        ArrayNode dataForms = data.putArray("oneOf");
        ObjectNode inline = object(dataForms.addObject(), "inputs");
        inline.withObject("properties").putObject("inputs").put("$ref", "#/$defs/matrix");
        inline.withObject("properties").putObject("targets").put("$ref", "#/$defs/matrix");
        ObjectNode classes = inline.withObject("properties").putObject("classes");
        classes.put("type", "array");
        classes.put("minItems", 1);
        classes.set("items", integer(0, Integer.MAX_VALUE));
        ArrayNode oneTarget = inline.putArray("oneOf");
        oneTarget.addObject().set("required", strings("targets"));
        oneTarget.addObject().set("required", strings("classes"));
        ObjectNode builtin = object(dataForms.addObject(), "dataset");
        builtin.withObject("properties").putObject("dataset").put("$ref", "#/$defs/dataset");
        p.putObject("loss").put("$ref", "#/$defs/loss");
        ObjectNode reg = p.putObject("regularization");
        reg.put("type", "array");
        reg.putObject("items").put("$ref", "#/$defs/regularizer");
        p.putObject("optimizer").put("$ref", "#/$defs/optimizer");
        p.putObject("schedule").put("$ref", "#/$defs/schedule");
        ObjectNode training = object(p.putObject("training"), "steps");
        ObjectNode tp = training.withObject("properties");
        tp.set("steps", integer(1, Integer.MAX_VALUE));
        tp.set("batch_size", integer(1, Integer.MAX_VALUE));
        tp.putObject("shuffle").put("type", "boolean");
        tp.set("seed", integer(Long.MIN_VALUE, Long.MAX_VALUE));
        tp.putObject("drop_last").put("type", "boolean");
        tp.putObject("clipping").put("$ref", "#/$defs/clipping");
        ObjectNode output = object(p.putObject("output"));
        output.withObject("properties").putObject("optimizer_state").put("type", "boolean");
        ObjectNode evaluation = object(output.withObject("properties").putObject("evaluation"), "inputs", "scalar",
                "after_steps");
        evaluation.put("description", "an evaluation-mode forward that run records after the listed steps: every "
                + "layer's output and the gradient of the scalar with respect to the inputs; added in dlref 0.1, "
                + "compatible");
        ObjectNode ep = evaluation.withObject("properties");
        ep.putObject("inputs").put("$ref", "#/$defs/matrix");
        ep.putObject("targets").put("$ref", "#/$defs/matrix");
        ObjectNode evalClasses = ep.putObject("classes");
        evalClasses.put("type", "array");
        evalClasses.put("minItems", 1);
        evalClasses.set("items", integer(0, Integer.MAX_VALUE));
        ep.putObject("scalar").set("enum", strings(EvaluationSpec.LOSS, EvaluationSpec.SUM));
        ObjectNode afterSteps = ep.putObject("after_steps");
        afterSteps.put("type", "array");
        afterSteps.put("minItems", 1);
        afterSteps.set("items", integer(0, Integer.MAX_VALUE));

        ObjectNode defs = root.putObject("$defs");
        ObjectNode number = defs.putObject("number");
        number.put("description", "a JSON number, or a string: a hex float such as \"0x1.8p+1\", \"NaN\", \"Infinity\", "
                + "\"-Infinity\" (see JsonNumbers)");
        ArrayNode numberForms = number.putArray("anyOf");
        numberForms.addObject().put("type", "number");
        numberForms.addObject().put("type", "string").put("pattern", HEX_OR_SPECIAL);
        ObjectNode matrix = defs.putObject("matrix");
        matrix.put("type", "array");
        matrix.put("minItems", 1);
        ObjectNode row = matrix.putObject("items");
        row.put("type", "array");
        row.put("minItems", 1);
        row.putObject("items").put("$ref", "#/$defs/number");
        ObjectNode matrixOrVector = defs.putObject("matrix_or_vector");
        matrixOrVector.put("description", "a matrix, or a vector as a flat array of numbers (read as one row)");
        ArrayNode forms = matrixOrVector.putArray("anyOf");
        forms.addObject().put("$ref", "#/$defs/matrix");
        ObjectNode vector = forms.addObject();
        vector.put("type", "array");
        vector.put("minItems", 1);
        vector.putObject("items").put("$ref", "#/$defs/number");
        for (String family : Catalog.FAMILIES) {
            ObjectNode fam = defs.putObject(family);
            ArrayNode types = fam.putArray("oneOf");
            for (Map.Entry<String, ComponentType> e : Catalog.family(family).entrySet()) {
                ComponentType ct = e.getValue();
                ObjectNode t = types.addObject();
                t.put("description", ct.description());
                t.put("type", "object");
                t.put("additionalProperties", false);
                ArrayNode required = t.putArray("required");
                required.add("type");
                ObjectNode props = t.putObject("properties");
                props.putObject("type").put("const", ct.name());
                for (Field f : ct.fields()) {
                    if (f.required()) {
                        required.add(f.name());
                    }
                    ObjectNode fs = f.kind() instanceof Kind.Groups ? groups(ct) : schema(f.kind());
                    fs.put("description", f.description());
                    props.set(f.name(), fs);
                }
            }
        }
        return root;
    }

    /** The strings a number may be given as (anchored regular expression). */
    static final String HEX_OR_SPECIAL = "^(NaN|-?Infinity|[+-]?0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)"
            + "[pP][+-]?[0-9]+)$";

    private static ObjectNode schema(Kind kind) {
        ObjectNode s = F.objectNode();
        if (kind instanceof Kind.Num n) {
            ArrayNode forms = s.putArray("anyOf");
            ObjectNode num = forms.addObject();
            num.put("type", "number");
            if (n.min() != Double.NEGATIVE_INFINITY) {
                num.put(n.minInclusive() ? "minimum" : "exclusiveMinimum", n.min());
            }
            if (n.max() != Double.POSITIVE_INFINITY) {
                num.put(n.maxInclusive() ? "maximum" : "exclusiveMaximum", n.max());
            }
            forms.addObject().put("type", "string").put("pattern", n.allowInfinity() ? "^(Infinity|[+-]?0[xX].*)$"
                    : "^[+-]?0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?[0-9]+$");
        } else if (kind instanceof Kind.Int i) {
            return integer(i.min(), i.max());
        } else if (kind instanceof Kind.Bool) {
            s.put("type", "boolean");
        } else if (kind instanceof Kind.Choice c) {
            s.set("enum", strings(c.values().toArray(new String[0])));
        } else if (kind instanceof Kind.NumArray a) {
            s.put("type", "array");
            s.put("minItems", a.length());
            s.put("maxItems", a.length());
            s.set("items", schema(a.element()));
        } else if (kind instanceof Kind.NumList nl) {
            s.put("type", "array");
            s.put("minItems", 1);
            s.set("items", schema(nl.element()));
        } else if (kind instanceof Kind.IntList il) {
            s.put("type", "array");
            s.put("minItems", 1);
            s.set("items", integer(il.min(), Long.MAX_VALUE));
        } else if (kind instanceof Kind.Mat) {
            s.put("$ref", "#/$defs/matrix");
        } else if (kind instanceof Kind.Nested n) {
            s.put("$ref", "#/$defs/" + n.family());
        } else {
            ArrayNode forms = s.putArray("anyOf");
            forms.addObject().set("enum", strings("weights", "all"));
            ObjectNode names = forms.addObject();
            names.put("type", "array");
            names.put("minItems", 1);
            names.putObject("items").put("type", "string");
        }
        return s;
    }

    /** An optimizer type's {@code param_groups}: objects with {@code params} and that type's own settings. */
    private static ObjectNode groups(ComponentType ct) {
        ObjectNode s = F.objectNode();
        s.put("type", "array");
        s.put("minItems", 1);
        ObjectNode group = object(s.putObject("items"), "params");
        ObjectNode props = group.withObject("properties");
        ArrayNode forms = props.putObject("params").putArray("anyOf");
        forms.addObject().set("enum", strings("weights", "biases"));
        ObjectNode names = forms.addObject();
        names.put("type", "array");
        names.put("minItems", 1);
        names.putObject("items").put("type", "string");
        for (Field f : ct.fields()) {
            if (Values.groupField(ct, f.name()) != null) {
                ObjectNode fs = schema(f.kind());
                fs.put("description", f.description());
                props.set(f.name(), fs);
            }
        }
        return s;
    }

    private static ObjectNode integer(long min, long max) {
        ObjectNode s = F.objectNode();
        s.put("type", "integer");
        if (min != Long.MIN_VALUE) {
            s.put("minimum", min);
        }
        if (max != Long.MAX_VALUE) {
            s.put("maximum", max);
        }
        return s;
    }

    private static ObjectNode object(ObjectNode node, String... required) {
        node.put("type", "object");
        node.put("additionalProperties", false);
        if (required.length > 0) {
            node.set("required", strings(required));
        }
        node.putObject("properties");
        return node;
    }

    private static ArrayNode strings(String... values) {
        ArrayNode a = F.arrayNode();
        for (String v : values) {
            a.add(v);
        }
        return a;
    }
}
