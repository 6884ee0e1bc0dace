package io.github.dlref.verify.oracle.spec;

import io.github.dlref.math.Matrix;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One configurable part of a spec: a layer, initializer, loss, regularizer, optimizer, learning-rate
 * schedule or built-in dataset, written in JSON as an object with a {@code "type"} and settings, for example
 * <pre>{@code {"type": "adam", "preset": "keras", "lr": 0.01, "betas": [0.9, 0.99]}}</pre>
 *
 * <p>{@link #settings()} holds only the settings the spec gives explicitly (so that writing a spec back
 * reproduces it, and so that {@code diagnose} knows which hyper-parameters the user fixed); the getters fall
 * back to the documented defaults. The families, types, setting names, kinds and ranges are listed in
 * {@code docs/oracle-format.md}. Setting values are held as {@link Double} (numbers), {@link Long}
 * (integers), {@link Boolean}, {@link String} (choices), {@code List<Double>} (for example {@code betas}),
 * {@code List<Long>} ({@code milestones}), {@link Matrix}, a nested {@code Component} (initializers of a
 * linear layer), and {@code String} or {@code List<String>} (a regularizer's {@code parameters}).
 *
 * @param family the family: {@code layer}, {@code init}, {@code loss}, {@code regularizer},
 *     {@code optimizer}, {@code schedule} or {@code dataset}
 * @param type the type within the family, such as {@code adam}
 * @param settings the explicit settings by key, in the order given (copied, unmodifiable)
 */
public record Component(String family, String type, Map<String, Object> settings) {

    /**
     * Validates every setting against the format (key known, value of the right kind and in range, required
     * settings present) and copies the map. Paths in messages are relative to the component ({@code $} is
     * the component object); the parser reports the same problems with absolute paths before this runs.
     *
     * @param family the family
     * @param type the type
     * @param settings the settings
     * @throws SpecException if the family or type is unknown, or a setting is unknown, missing, of the wrong
     *     kind or out of range
     */
    public Component {
        Objects.requireNonNull(family, "Component: family");
        Objects.requireNonNull(type, "Component: type");
        Objects.requireNonNull(settings, "Component: settings");
        if (!Catalog.FAMILIES.contains(family)) {
            throw new SpecException("$", "unknown component family \"" + family + "\"; expected one of "
                    + Format.quoted(Catalog.FAMILIES));
        }
        ComponentType ct = Catalog.type(family, type);
        if (ct == null) {
            throw new SpecException("$.type", "expected one of " + Format.quoted(List.copyOf(
                    Catalog.family(family).keySet())) + " for a " + family + ", got \"" + type + "\"");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : settings.entrySet()) {
            Object v = e.getValue();
            copy.put(e.getKey(), v instanceof List<?> l ? List.copyOf(l.stream().map(x -> x instanceof Map<?, ?> m
                    ? Collections.unmodifiableMap(new LinkedHashMap<>(m)) : x).toList()) : v);
        }
        Values.checkComponent("$", ct, copy);
        settings = Collections.unmodifiableMap(copy);
    }

    /**
     * A component with the given settings, for code that builds specs.
     *
     * @param family the family
     * @param type the type
     * @param settings alternating keys and values, such as {@code "lr", 0.01, "betas", List.of(0.9, 0.99)}
     *     (integers may be given as {@link Integer}; they are stored as {@link Long})
     * @return the component
     * @throws SpecException if the settings do not fit the format
     * @throws IllegalArgumentException if the arguments are not key-value pairs
     */
    public static Component of(String family, String type, Object... settings) {
        if (settings.length % 2 != 0) {
            throw new IllegalArgumentException("Component.of: settings must be key-value pairs, got "
                    + settings.length + " arguments");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int k = 0; k < settings.length; k += 2) {
            if (!(settings[k] instanceof String key)) {
                throw new IllegalArgumentException("Component.of: argument " + k + " must be a key (a String)");
            }
            map.put(key, normalize(settings[k + 1]));
        }
        return new Component(family, type, map);
    }

    private static Object normalize(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Component::normalize).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), normalize(v)));
            return out;
        }
        return value;
    }

    /**
     * A copy with one setting added or replaced.
     *
     * @param key the setting's key
     * @param value the value ({@link Integer} is stored as {@link Long})
     * @return the new component
     * @throws SpecException if the key or value does not fit the format
     */
    public Component with(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>(settings);
        map.put(key, normalize(value));
        return new Component(family, type, map);
    }

    /**
     * A copy without one setting (so its default applies).
     *
     * @param key the setting's key
     * @return the new component
     * @throws SpecException if the setting is required
     */
    public Component without(String key) {
        Map<String, Object> map = new LinkedHashMap<>(settings);
        map.remove(key);
        return new Component(family, type, map);
    }

    /**
     * Whether the spec gives the setting explicitly.
     *
     * @param key the setting's key
     * @return {@code true} if present in {@link #settings()}
     */
    public boolean has(String key) {
        return settings.containsKey(key);
    }

    /**
     * The explicit value of a setting, or its documented default.
     *
     * @param key the setting's key
     * @return the value, or empty if neither given nor defaulted (its default then depends on other settings,
     *     such as an optimizer's preset)
     * @throws IllegalArgumentException if the type has no such setting
     */
    public Optional<Object> value(String key) {
        Field f = Catalog.type(family, type).field(key);
        if (f == null) {
            throw new IllegalArgumentException(family + " \"" + type + "\" has no setting \"" + key + "\"");
        }
        Object v = settings.get(key);
        return Optional.ofNullable(v != null ? v : f.defaultValue());
    }

    private Object require(String key) {
        return value(key).orElseThrow(() -> new IllegalStateException(family + " \"" + type + "\": setting \"" + key
                + "\" has no value and no fixed default"));
    }

    /**
     * A number setting (explicit or default).
     *
     * @param key the setting's key
     * @return the value
     * @throws IllegalStateException if it has neither a value nor a fixed default
     */
    public double number(String key) {
        return (Double) require(key);
    }

    /**
     * An integer setting (explicit or default).
     *
     * @param key the setting's key
     * @return the value
     * @throws IllegalStateException if it has neither a value nor a fixed default
     */
    public long integer(String key) {
        return (Long) require(key);
    }

    /**
     * A boolean setting (explicit or default).
     *
     * @param key the setting's key
     * @return the value
     * @throws IllegalStateException if it has neither a value nor a fixed default
     */
    public boolean bool(String key) {
        return (Boolean) require(key);
    }

    /**
     * A choice setting (explicit or default).
     *
     * @param key the setting's key
     * @return the chosen string
     * @throws IllegalStateException if it has neither a value nor a fixed default
     */
    public String choice(String key) {
        return (String) require(key);
    }

    /**
     * A number-array setting such as {@code betas}.
     *
     * @param key the setting's key
     * @return the values
     * @throws IllegalStateException if it has neither a value nor a fixed default
     */
    @SuppressWarnings("unchecked")
    public List<Double> numbers(String key) {
        return (List<Double>) require(key);
    }

    /**
     * An integer-list setting such as {@code milestones}.
     *
     * @param key the setting's key
     * @return the values
     * @throws IllegalStateException if it has neither a value nor a fixed default
     */
    @SuppressWarnings("unchecked")
    public List<Long> integers(String key) {
        return (List<Long>) require(key);
    }

    /**
     * A matrix setting.
     *
     * @param key the setting's key
     * @return the matrix
     * @throws IllegalStateException if it has no value
     */
    public Matrix matrix(String key) {
        return (Matrix) require(key);
    }

    /**
     * A nested component setting, such as a linear layer's {@code weight_init}.
     *
     * @param key the setting's key
     * @return the component, or empty if not given
     */
    public Optional<Component> component(String key) {
        return value(key).map(Component.class::cast);
    }

    /**
     * A regularizer's parameter selector.
     *
     * @param key the setting's key ({@code parameters})
     * @return {@code "weights"}, {@code "all"}, or a {@code List<String>} of qualified names
     */
    public Object selector(String key) {
        return require(key);
    }
}
