package io.github.dlref.verify.oracle.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Strict reading of JSON objects and values with paths (package-private). */
final class JsonIn {

    private JsonIn() {
    }

    static JsonNode object(String path, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new SpecException(path, "expected an object, got " + JsonNumbers.describe(node));
        }
        return node;
    }

    static void keys(String path, JsonNode node, List<String> allowed) {
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new SpecException(Values.key(path, k), "unknown key \"" + k + "\"; expected one of "
                        + Format.quoted(allowed));
            }
        }
    }

    static JsonNode require(String path, JsonNode node, String key, String expected) {
        JsonNode v = node.get(key);
        if (v == null) {
            throw new SpecException(path, "missing required key \"" + key + "\" (" + expected + ")");
        }
        return v;
    }

    static long integer(String path, JsonNode node, Kind.Int kind) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new SpecException(path, "expected " + kind.expected() + ", got " + JsonNumbers.describe(node));
        }
        long v = node.longValue();
        Values.check(path, kind, v);
        return v;
    }

    static boolean bool(String path, JsonNode node) {
        if (node == null || !node.isBoolean()) {
            throw new SpecException(path, "expected true or false, got " + JsonNumbers.describe(node));
        }
        return node.booleanValue();
    }

    static Object value(String path, Kind kind, JsonNode node) {
        Object v;
        if (kind instanceof Kind.Num) {
            v = JsonNumbers.read(path, node);
        } else if (kind instanceof Kind.Int i) {
            v = integer(path, node, i);
        } else if (kind instanceof Kind.Bool) {
            v = bool(path, node);
        } else if (kind instanceof Kind.Choice) {
            if (!node.isTextual()) {
                throw new SpecException(path, "expected " + kind.expected() + ", got " + JsonNumbers.describe(node));
            }
            v = node.textValue();
        } else if (kind instanceof Kind.NumArray a) {
            if (!node.isArray() || node.size() != a.length()) {
                throw new SpecException(path, "expected " + kind.expected() + ", got " + JsonNumbers.describe(node));
            }
            List<Double> list = new ArrayList<>();
            for (int k = 0; k < node.size(); k++) {
                list.add(JsonNumbers.read(path + "[" + k + "]", node.get(k)));
            }
            v = list;
        } else if (kind instanceof Kind.NumList) {
            if (!node.isArray() || node.isEmpty()) {
                throw new SpecException(path, "expected " + kind.expected() + ", got " + JsonNumbers.describe(node));
            }
            List<Double> list = new ArrayList<>();
            for (int k = 0; k < node.size(); k++) {
                list.add(JsonNumbers.read(path + "[" + k + "]", node.get(k)));
            }
            v = list;
        } else if (kind instanceof Kind.IntList) {
            if (!node.isArray()) {
                throw new SpecException(path, "expected " + kind.expected() + ", got " + JsonNumbers.describe(node));
            }
            List<Long> list = new ArrayList<>();
            for (int k = 0; k < node.size(); k++) {
                list.add(integer(path + "[" + k + "]", node.get(k), Kind.Int.any()));
            }
            v = list;
        } else if (kind instanceof Kind.Mat) {
            v = JsonNumbers.readMatrix(path, node, true);
        } else if (kind instanceof Kind.Nested n) {
            v = component(path, n.family(), node);
        } else {
            if (node.isTextual()) {
                v = node.textValue();
            } else if (node.isArray()) {
                List<String> names = new ArrayList<>();
                for (int k = 0; k < node.size(); k++) {
                    if (!node.get(k).isTextual()) {
                        throw new SpecException(path + "[" + k + "]", "expected a parameter name (a string), got "
                                + JsonNumbers.describe(node.get(k)));
                    }
                    names.add(node.get(k).textValue());
                }
                v = names;
            } else {
                throw new SpecException(path, "expected " + kind.expected() + ", got " + JsonNumbers.describe(node));
            }
        }
        Values.check(path, kind, v);
        return v;
    }

    static Component component(String path, String family, JsonNode node) {
        object(path, node);
        Map<String, ComponentType> types = Catalog.family(family);
        JsonNode typeNode = node.get("type");
        if (typeNode == null) {
            throw new SpecException(path, "missing required key \"type\" (one of "
                    + Format.quoted(List.copyOf(types.keySet())) + ")");
        }
        if (!typeNode.isTextual() || !types.containsKey(typeNode.textValue())) {
            throw new SpecException(path + ".type", "expected one of " + Format.quoted(List.copyOf(types.keySet()))
                    + " for a " + family + ", got " + JsonNumbers.describe(typeNode));
        }
        ComponentType type = types.get(typeNode.textValue());
        Map<String, Field> fields = type.fieldMap();
        Map<String, Object> settings = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("type")) {
                continue;
            }
            Field f = fields.get(e.getKey());
            String p = Values.key(path, e.getKey());
            if (f == null) {
                throw new SpecException(p, Values.unknownKey(e.getKey(), type));
            }
            settings.put(e.getKey(), f.kind() instanceof Kind.Groups ? groups(p, type, e.getValue())
                    : value(p, f.kind(), e.getValue()));
        }
        Values.checkComponent(path, type, settings);
        return new Component(family, type.name(), settings);
    }


    /**
     * Reads an optimizer's {@code param_groups}: each group's {@code params} and its overrides, each override read
     * with the kind of the optimizer type's own setting.
     */
    static List<Map<String, Object>> groups(String path, ComponentType type, JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new SpecException(path, "expected " + new Kind.Groups().expected() + ", got "
                    + JsonNumbers.describe(node));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int g = 0; g < node.size(); g++) {
            String gp = path + "[" + g + "]";
            JsonNode group = object(gp, node.get(g));
            Map<String, Object> settings = new LinkedHashMap<>();
            JsonNode params = require(gp, group, "params", "\"weights\", \"biases\" or an array of parameter names");
            if (params.isTextual()) {
                settings.put("params", params.textValue());
            } else if (params.isArray()) {
                List<String> names = new ArrayList<>();
                for (int k = 0; k < params.size(); k++) {
                    if (!params.get(k).isTextual()) {
                        throw new SpecException(gp + ".params[" + k + "]", "expected a parameter name (a string), got "
                                + JsonNumbers.describe(params.get(k)));
                    }
                    names.add(params.get(k).textValue());
                }
                settings.put("params", names);
            } else {
                throw new SpecException(gp + ".params", "expected \"weights\", \"biases\" or an array of parameter "
                        + "names, got " + JsonNumbers.describe(params));
            }
            Iterator<Map.Entry<String, JsonNode>> it = group.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("params")) {
                    continue;
                }
                Field f = Values.groupField(type, e.getKey());
                String p = Values.key(gp, e.getKey());
                if (f == null) {
                    throw new SpecException(p, Values.unknownGroupKey(e.getKey(), type));
                }
                settings.put(e.getKey(), value(p, f.kind(), e.getValue()));
            }
            out.add(settings);
        }
        Values.check(path, new Kind.Groups(), out);
        return out;
    }
}
