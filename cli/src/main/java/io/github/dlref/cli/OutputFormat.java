package io.github.dlref.cli;

/**
 * The output formats of {@code --format} (the shared option of {@code dlref examples}, {@code bench},
 * {@code check}, {@code diagnose}).
 */
public enum OutputFormat {
    /** An aligned text table with a summary and the list of corrections. */
    TABLE,
    /** One JSON document with a summary and every example. */
    JSON
}
