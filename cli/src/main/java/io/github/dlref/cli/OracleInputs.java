package io.github.dlref.cli;

import io.github.dlref.verify.oracle.Trajectory;
import io.github.dlref.verify.oracle.TrajectoryJson;
import io.github.dlref.verify.oracle.spec.Spec;
import io.github.dlref.verify.oracle.spec.SpecException;
import io.github.dlref.verify.oracle.spec.SpecParser;
import java.nio.file.Path;

/**
 * Reading the oracle commands' input files with the file name added to every {@link SpecException}
 * message, so that the command line prints one line such as
 * {@code spec.json: $.optimizer.betas[1]: expected a number in [0.0, 1.0), got 1.0}.
 */
final class OracleInputs {

    private OracleInputs() {
    }

    /** A spec exception that names its file. */
    static final class FileSpecException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FileSpecException(Path file, SpecException cause) {
            super(file + ": " + cause.getMessage(), cause);
        }
    }

    static Spec spec(Path file) {
        try {
            return SpecParser.parse(file);
        } catch (SpecException e) {
            throw new FileSpecException(file, e);
        }
    }

    static Trajectory trajectory(Path file) {
        try {
            return TrajectoryJson.read(SpecParser.readFile(file));
        } catch (SpecException e) {
            throw new FileSpecException(file, e);
        }
    }
}
