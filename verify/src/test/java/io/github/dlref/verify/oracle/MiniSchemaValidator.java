package io.github.dlref.verify.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A JSON Schema validator for the subset of draft 2020-12 that the committed schemas use (test code: the
 * project has no schema library): {@code $ref} to {@code #/$defs/...}, {@code type}, {@code const},
 * {@code enum}, {@code properties}, {@code required}, {@code additionalProperties}, {@code items},
 * {@code minItems}, {@code maxItems}, {@code minimum}, {@code maximum}, {@code exclusiveMinimum},
 * {@code exclusiveMaximum}, {@code pattern}, {@code anyOf}, {@code oneOf}. Any other keyword (other than
 * annotations) is an error, so a schema cannot silently rely on an unsupported one.
 */
final class MiniSchemaValidator {

    private static final List<String> KNOWN = List.of("$schema", "$id", "$defs", "title", "description", "$ref",
            "type", "const", "enum", "properties", "required", "additionalProperties", "items", "minItems", "maxItems",
            "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "pattern", "anyOf", "oneOf");

    private final JsonNode root;

    MiniSchemaValidator(JsonNode root) {
        this.root = root;
    }

    /** The problems found (empty if valid), each with the instance's JSON path. */
    List<String> validate(JsonNode instance) {
        List<String> problems = new ArrayList<>();
        check(root, instance, "$", problems);
        return problems;
    }

    private void check(JsonNode schema, JsonNode v, String path, List<String> out) {
        Iterator<String> keys = schema.fieldNames();
        while (keys.hasNext()) {
            String k = keys.next();
            if (!KNOWN.contains(k)) {
                throw new IllegalStateException("unsupported schema keyword " + k);
            }
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (!ref.startsWith("#/$defs/")) {
                throw new IllegalStateException("unsupported $ref " + ref);
            }
            check(root.get("$defs").get(ref.substring("#/$defs/".length())), v, path, out);
        }
        if (schema.has("type") && !typeMatches(schema.get("type").asText(), v)) {
            out.add(path + ": expected " + schema.get("type").asText() + ", got " + v.getNodeType());
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(v)) {
            out.add(path + ": expected " + schema.get("const") + ", got " + v);
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) {
                found |= e.equals(v);
            }
            if (!found) {
                out.add(path + ": " + v + " not in " + schema.get("enum"));
            }
        }
        if (v.isNumber()) {
            double d = v.doubleValue();
            if (schema.has("minimum") && d < schema.get("minimum").doubleValue()
                    || schema.has("maximum") && d > schema.get("maximum").doubleValue()
                    || schema.has("exclusiveMinimum") && d <= schema.get("exclusiveMinimum").doubleValue()
                    || schema.has("exclusiveMaximum") && d >= schema.get("exclusiveMaximum").doubleValue()) {
                out.add(path + ": " + d + " out of range");
            }
        }
        if (v.isTextual() && schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText())
                .matcher(v.asText()).find()) {
            out.add(path + ": \"" + v.asText() + "\" does not match " + schema.get("pattern").asText());
        }
        if (v.isArray()) {
            if (schema.has("minItems") && v.size() < schema.get("minItems").asInt()
                    || schema.has("maxItems") && v.size() > schema.get("maxItems").asInt()) {
                out.add(path + ": " + v.size() + " items");
            }
            if (schema.has("items")) {
                for (int i = 0; i < v.size(); i++) {
                    check(schema.get("items"), v.get(i), path + "[" + i + "]", out);
                }
            }
        }
        if (v.isObject()) {
            if (schema.has("required")) {
                for (JsonNode r : schema.get("required")) {
                    if (!v.has(r.asText())) {
                        out.add(path + ": missing " + r.asText());
                    }
                }
            }
            JsonNode props = schema.get("properties");
            Iterator<Map.Entry<String, JsonNode>> fields = v.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String p = path + "." + f.getKey();
                if (props != null && props.has(f.getKey())) {
                    check(props.get(f.getKey()), f.getValue(), p, out);
                } else if (schema.has("additionalProperties")) {
                    JsonNode ap = schema.get("additionalProperties");
                    if (ap.isBoolean() && !ap.booleanValue()) {
                        out.add(p + ": unknown key");
                    } else if (ap.isObject()) {
                        check(ap, f.getValue(), p, out);
                    }
                }
            }
        }
        if (schema.has("anyOf") && count(schema.get("anyOf"), v, path) == 0) {
            out.add(path + ": matches none of anyOf");
        }
        if (schema.has("oneOf")) {
            int n = count(schema.get("oneOf"), v, path);
            if (n != 1) {
                out.add(path + ": matches " + n + " of oneOf (expected exactly 1)");
            }
        }
    }

    private int count(JsonNode alternatives, JsonNode v, String path) {
        int n = 0;
        for (JsonNode alt : alternatives) {
            List<String> sub = new ArrayList<>();
            check(alt, v, path, sub);
            n += sub.isEmpty() ? 1 : 0;
        }
        return n;
    }

    private static boolean typeMatches(String type, JsonNode v) {
        switch (type) {
            case "object":
                return v.isObject();
            case "array":
                return v.isArray();
            case "string":
                return v.isTextual();
            case "boolean":
                return v.isBoolean();
            case "integer":
                return v.isIntegralNumber();
            case "number":
                return v.isNumber();
            case "null":
                return v.isNull();
            default:
                throw new IllegalStateException("unsupported type " + type);
        }
    }
}
