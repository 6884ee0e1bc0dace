package io.github.dlref.train;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Jackson's exceptions as one line for a person: the JSON path of the offending value
 * ({@code $.config.model.hidden[1]}, JSONPath notation) and what was expected, never a Java class name, a
 * {@code [Source: ...]} location or a reference chain. Every reader of dlref's JSON files (checkpoints, model files, the oracle's specs and
 * trajectories) reports Jackson's errors through {@link #describe(JsonProcessingException, String)}.
 *
 * <p>Examples: {@code $.config.model.evil: unknown key "evil" (known: activation, batchNorm, ...)},
 * {@code $.config.epochs: expected an integer, got "abc"}, {@code $: not valid JSON at line 3, column 7: Unexpected
 * character ('}' (code 125)): was expecting double-quote to start field name}.
 */
public final class JsonErrors {

    private JsonErrors() {
    }

    /**
     * Describes a Jackson exception in one line.
     *
     * @param e the exception (a syntax error, or a mapping error of a tree into a record)
     * @param root the JSON path of the value that was parsed or mapped, such as {@code $} or {@code $.config}
     * @return {@code <path>: <problem>}, one line, without Java class names
     */
    public static String describe(JsonProcessingException e, String root) {
        Objects.requireNonNull(e, "JsonErrors.describe: exception must not be null");
        Objects.requireNonNull(root, "JsonErrors.describe: root must not be null");
        if (!(e instanceof JsonMappingException m)) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr();
            return root + ": not valid JSON" + where + ": " + clean(e.getOriginalMessage());
        }
        String path = path(root, m.getPath());
        if (m instanceof UnrecognizedPropertyException u) {
            Collection<Object> known = u.getKnownPropertyIds();
            return path + ": unknown key \"" + clean(u.getPropertyName()) + "\""
                    + (known == null || known.isEmpty() ? "" : " (known: " + known.stream().map(String::valueOf)
                            .collect(Collectors.toCollection(TreeSet::new)).stream()
                            .collect(Collectors.joining(", ")) + ")");
        }
        if (m instanceof ValueInstantiationException v && v.getCause() != null) {
            return path + ": " + clean(v.getCause().getMessage());
        }
        if (m instanceof InvalidFormatException f) {
            return path + ": expected " + expected(f.getTargetType()) + ", got " + shown(f.getValue());
        }
        if (m instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            return path + ": expected " + expected(mi.getTargetType());
        }
        Throwable cause = m.getCause();
        if (cause instanceof IllegalArgumentException) {
            return path + ": " + clean(cause.getMessage());
        }
        return path + ": " + clean(m.getOriginalMessage());
    }

    /** The JSON path of a reference chain below {@code root}. */
    static String path(String root, List<JsonMappingException.Reference> chain) {
        StringBuilder sb = new StringBuilder(root);
        for (JsonMappingException.Reference r : chain) {
            if (r.getFieldName() != null) {
                sb.append('.').append(clean(r.getFieldName()));
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** What a JSON value of a Java type looks like, in JSON's words. */
    static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class || type == byte.class || type == Byte.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> "\"" + ((Enum<?>) c).name() + "\"")
                    .collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a value of another type";
    }

    private static String shown(Object value) {
        String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return clean(text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }

    /**
     * A message reduced to one line without Jackson's locations ({@code [Source: ...; line: 1, column: 2]}),
     * Java class names ({@code (class io.github...Foo)}, {@code `java.lang.String`}) or reference chains.
     *
     * @param message a message, or {@code null}
     * @return the cleaned line (empty for {@code null})
     */
    public static String clean(String message) {
        if (message == null) {
            return "";
        }
        String s = message.replaceAll("\\s*\\R\\s*", " ");
        s = s.replaceAll("\\s*\\(through reference chain:[^)]*\\)", "");
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
