package io.github.dlref.cli;

import io.github.dlref.train.Preset;
import picocli.CommandLine.Option;

/**
 * The {@code --preset} option (whose defaults and formulas an optimizer follows): a picocli mixin shared by
 * {@code train} and {@code search} (through {@link OptimizerOptions}) and {@code compare}.
 */
final class PresetOption {

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "pytorch", order = 21,
            description = "Whose defaults and formulas: pytorch, keras or optax (default: ${DEFAULT-VALUE}).")
    Preset preset = Preset.PYTORCH;

    /** Creates the option (picocli fills it). */
    PresetOption() {
    }
}
