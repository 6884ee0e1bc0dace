package io.github.dlref.verify.oracle.spec;

/**
 * One setting of a component type: its JSON key, kind, whether it is required, its default (or
 * {@code null} when the default depends on other settings, such as an optimizer preset) and a description
 * (package-private: the schema of the spec format).
 */
record Field(String name, Kind kind, boolean required, Object defaultValue, String description) {

    static Field required(String name, Kind kind, String description) {
        return new Field(name, kind, true, null, description);
    }

    static Field optional(String name, Kind kind, Object defaultValue, String description) {
        return new Field(name, kind, false, defaultValue, description);
    }
}
