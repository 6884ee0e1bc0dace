package io.github.dlref.cli;

/** The output formats of {@code dlref examples}. */
public enum OutputFormat {
    /** An aligned text table with a summary and the list of corrections. */
    TABLE,
    /** One JSON document with a summary and every example. */
    JSON
}
