package io.github.dlref.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --format table|json} option: a picocli mixin shared by {@code examples}, {@code bench},
 * {@code check} and {@code diagnose} (the last two through {@link ComparisonInputs}).
 */
final class FormatOption {

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "Output format: table or json (default: table).")
    OutputFormat format = OutputFormat.TABLE;

    /** Creates the option (picocli fills it). */
    FormatOption() {
    }

    /**
     * Whether the output is JSON.
     *
     * @return {@code true} for {@code --format json}
     */
    boolean json() {
        return format == OutputFormat.JSON;
    }
}
