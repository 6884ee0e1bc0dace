package io.github.dlref.cli;

import io.github.dlref.verify.oracle.Tolerance;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The inputs {@code dlref check} and {@code dlref diagnose} share (a picocli mixin): the spec, the other
 * implementation's trajectory, the tolerance {@code |theirs - ours| <= atol + rtol |ours|} and the output
 * format.
 */
final class ComparisonInputs {

    @Parameters(index = "0", paramLabel = "SPEC.json", description = "The spec (format dlref.spec.v1).")
    Path specFile;

    @Parameters(index = "1", paramLabel = "THEIRS.json", description = "The other trajectory (dlref.trajectory.v1).")
    Path theirsFile;

    @Option(names = "--atol", paramLabel = "A", defaultValue = "1e-12",
            description = "Absolute tolerance (default: ${DEFAULT-VALUE}); 0 with --rtol 0 compares bit for bit.")
    double atol;

    @Option(names = "--rtol", paramLabel = "R", defaultValue = "1e-9",
            description = "Relative tolerance, times |ours| (default: ${DEFAULT-VALUE}).")
    double rtol;

    @Mixin
    FormatOption output = new FormatOption();

    /** Creates the mixin (picocli fills in the values). */
    ComparisonInputs() {
    }

    /**
     * The tolerance from {@code --atol} and {@code --rtol}.
     *
     * @return the validated tolerance
     * @throws IllegalArgumentException naming both options if a value is negative or not finite
     */
    Tolerance tolerance() {
        try {
            return new Tolerance(atol, rtol);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--atol and --rtol " + e.getMessage().replace("Tolerance: ", ""));
        }
    }
}
