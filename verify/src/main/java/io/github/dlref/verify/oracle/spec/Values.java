package io.github.dlref.verify.oracle.spec;

import io.github.dlref.math.Matrix;
import java.util.List;
import java.util.Map;

/**
 * Checks a Java value against a {@link Kind} (package-private). Used for values read from JSON and for
 * components built in code, so both are held to the same ranges.
 */
final class Values {

    private Values() {
    }

    static String key(String path, String key) {
        return key.matches("[A-Za-z_][A-Za-z0-9_]*") ? path + "." + key : path + "['" + key + "']";
    }

    static String describe(Object value) {
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof Matrix m) {
            return "a " + m.shape() + " matrix";
        }
        if (value instanceof Component c) {
            return "a " + c.family() + " of type \"" + c.type() + "\"";
        }
        return String.valueOf(value);
    }

    static void check(String path, Kind kind, Object value) {
        if (value == null) {
            throw new SpecException(path, "expected " + kind.expected() + ", got null");
        }
        if (kind instanceof Kind.Num n) {
            if (!(value instanceof Double d)) {
                throw wrong(path, kind, value);
            }
            if (!n.accepts(d)) {
                throw new SpecException(path, "expected " + kind.expected() + ", got " + Format.number(d));
            }
        } else if (kind instanceof Kind.Int i) {
            if (!(value instanceof Long l)) {
                throw wrong(path, kind, value);
            }
            if (l < i.min()) {
                throw new SpecException(path, "expected " + kind.expected() + ", got " + l);
            }
            if (l > i.max()) {
                throw new SpecException(path, "expected " + kind.expected() + " and at most " + i.max() + ", got " + l);
            }
        } else if (kind instanceof Kind.Bool b) {
            if (!(value instanceof Boolean)) {
                throw wrong(path, kind, value);
            }
        } else if (kind instanceof Kind.Choice c) {
            if (!(value instanceof String s) || !c.values().contains(s)) {
                throw wrong(path, kind, value);
            }
        } else if (kind instanceof Kind.NumArray a) {
            if (!(value instanceof List<?> list) || list.size() != a.length()) {
                throw wrong(path, kind, value);
            }
            for (int k = 0; k < list.size(); k++) {
                check(path + "[" + k + "]", a.element(), list.get(k));
            }
        } else if (kind instanceof Kind.NumList nl) {
            if (!(value instanceof List<?> list) || list.isEmpty()) {
                throw wrong(path, kind, value);
            }
            for (int k = 0; k < list.size(); k++) {
                check(path + "[" + k + "]", nl.element(), list.get(k));
            }
        } else if (kind instanceof Kind.IntList il) {
            if (!(value instanceof List<?> list) || list.isEmpty()) {
                throw wrong(path, kind, value);
            }
            long previous = Long.MIN_VALUE;
            for (int k = 0; k < list.size(); k++) {
                Object e = list.get(k);
                String p = path + "[" + k + "]";
                if (!(e instanceof Long l)) {
                    throw new SpecException(p, "expected an integer, got " + describe(e));
                }
                if (l < il.min()) {
                    throw new SpecException(p, "expected an integer >= " + il.min() + ", got " + l);
                }
                if (k > 0 && l <= previous) {
                    throw new SpecException(p, "expected a value greater than the previous one (" + previous
                            + "): the list must be strictly increasing, got " + l);
                }
                previous = l;
            }
        } else if (kind instanceof Kind.Mat m) {
            if (!(value instanceof Matrix mat)) {
                throw wrong(path, kind, value);
            }
            if (mat.size() == 0) {
                throw new SpecException(path, "expected " + kind.expected() + ", got an empty matrix");
            }
            for (int r = 0; r < mat.rows(); r++) {
                for (int c = 0; c < mat.cols(); c++) {
                    if (!Double.isFinite(mat.get(r, c))) {
                        throw new SpecException(path + "[" + r + "][" + c + "]", "expected a finite number, got "
                                + mat.get(r, c));
                    }
                }
            }
        } else if (kind instanceof Kind.Nested n) {
            if (!(value instanceof Component c) || !c.family().equals(n.family())) {
                throw wrong(path, kind, value);
            }
        } else if (kind instanceof Kind.Groups) {
            if (!(value instanceof List<?> list) || list.isEmpty()) {
                throw wrong(path, kind, value);
            }
            for (int g = 0; g < list.size(); g++) {
                if (!(list.get(g) instanceof Map<?, ?> group)) {
                    throw new SpecException(path + "[" + g + "]", "expected an object with \"params\", got "
                            + describe(list.get(g)));
                }
                checkGroupParams(path + "[" + g + "].params", group.get("params"));
            }
        } else if (kind instanceof Kind.Selector s) {
            if (value instanceof String str) {
                if (!str.equals("weights") && !str.equals("all")) {
                    throw wrong(path, kind, value);
                }
            } else if (value instanceof List<?> list) {
                if (list.isEmpty()) {
                    throw new SpecException(path, "expected " + kind.expected() + ", got an empty array");
                }
                for (int k = 0; k < list.size(); k++) {
                    if (!(list.get(k) instanceof String)) {
                        throw new SpecException(path + "[" + k + "]", "expected a parameter name (a string), got "
                                + describe(list.get(k)));
                    }
                }
            } else {
                throw wrong(path, kind, value);
            }
        }
    }

    static void checkComponent(String path, ComponentType type, Map<String, Object> settings) {
        Map<String, Field> fields = type.fieldMap();
        for (Map.Entry<String, Object> e : settings.entrySet()) {
            Field f = fields.get(e.getKey());
            if (f == null) {
                throw new SpecException(key(path, e.getKey()), unknownKey(e.getKey(), type));
            }
            check(key(path, e.getKey()), f.kind(), e.getValue());
            if (f.kind() instanceof Kind.Groups) {
                checkGroups(key(path, e.getKey()), type, (List<?>) e.getValue());
            }
        }
        for (Field f : type.fields()) {
            if (f.required() && !settings.containsKey(f.name())) {
                throw new SpecException(path, "missing required key \"" + f.name() + "\" of " + type.family()
                        + " \"" + type.name() + "\" (" + f.kind().expected() + ": " + f.description() + ")");
            }
        }
    }

    /** A parameter group's {@code params}: {@code "weights"}, {@code "biases"} or a non-empty list of names. */
    private static void checkGroupParams(String path, Object params) {
        if (params instanceof String s) {
            if (!s.equals("weights") && !s.equals("biases")) {
                throw new SpecException(path, "expected \"weights\", \"biases\" or an array of parameter names, got \""
                        + s + "\"");
            }
        } else if (params instanceof List<?> names && !names.isEmpty()) {
            for (int k = 0; k < names.size(); k++) {
                if (!(names.get(k) instanceof String)) {
                    throw new SpecException(path + "[" + k + "]", "expected a parameter name (a string), got "
                            + describe(names.get(k)));
                }
            }
        } else {
            throw new SpecException(path, "expected \"weights\", \"biases\" or a non-empty array of parameter "
                    + "names, got " + (params instanceof List<?> ? "an empty array" : describe(params)));
        }
    }

    /** Every group's overrides against the optimizer type's own settings (kinds and ranges). */
    private static void checkGroups(String path, ComponentType type, List<?> groups) {
        for (int g = 0; g < groups.size(); g++) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) groups.get(g)).entrySet()) {
                String k = String.valueOf(e.getKey());
                if (k.equals("params")) {
                    continue;
                }
                String p = key(path + "[" + g + "]", k);
                Field f = groupField(type, k);
                if (f == null) {
                    throw new SpecException(p, unknownGroupKey(k, type));
                }
                check(p, f.kind(), e.getValue());
            }
        }
    }

    /**
     * The optimizer setting a parameter group may override: any of the type's settings but {@code preset} and
     * {@code param_groups}.
     *
     * @return the field, or {@code null}
     */
    static Field groupField(ComponentType type, String key) {
        if (key.equals("preset") || key.equals(Catalog.PARAM_GROUPS)) {
            return null;
        }
        return type.field(key);
    }

    static String unknownGroupKey(String key, ComponentType type) {
        List<String> allowed = new java.util.ArrayList<>();
        allowed.add("params");
        type.fields().stream().map(Field::name).filter(n -> groupField(type, n) != null).forEach(allowed::add);
        return "unknown key \"" + key + "\" for a parameter group of " + type.family() + " \"" + type.name()
                + "\"; expected one of " + Format.quoted(allowed);
    }

    static String unknownKey(String key, ComponentType type) {
        List<String> allowed = new java.util.ArrayList<>();
        allowed.add("type");
        type.fields().forEach(f -> allowed.add(f.name()));
        return "unknown key \"" + key + "\" for " + type.family() + " \"" + type.name() + "\"; expected one of "
                + Format.quoted(allowed);
    }

    private static SpecException wrong(String path, Kind kind, Object value) {
        return new SpecException(path, "expected " + kind.expected() + ", got " + describe(value));
    }
}
