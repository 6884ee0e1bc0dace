package io.github.dlref.cli;

import io.github.dlref.verify.oracle.OracleException;
import io.github.dlref.verify.oracle.Runner;
import io.github.dlref.verify.oracle.Trajectory;
import io.github.dlref.verify.oracle.TrajectoryJson;
import io.github.dlref.verify.oracle.spec.Spec;
import io.github.dlref.verify.oracle.spec.SpecException;
import io.github.dlref.verify.oracle.spec.SpecParser;
import java.nio.file.Path;

/**
 * Reading the oracle commands' input files with the file name added to every {@link SpecException}
 * message ({@link CommandErrors.FileException}), so that the command line prints one line such as
 * {@code dlref run: spec.json: $.optimizer.betas[1]: expected a number in [0.0, 1.0), got 1.0}.
 */
final class OracleInputs {

    private OracleInputs() {
    }

    /**
     * Reads a spec file.
     *
     * @param file the spec file
     * @return the spec
     * @throws CommandErrors.FileException naming the file, for a spec that cannot be read or is invalid
     */
    static Spec spec(Path file) {
        try {
            return SpecParser.parse(file);
        } catch (SpecException e) {
            throw new CommandErrors.FileException(file, e);
        }
    }

    /**
     * Reads a trajectory file.
     *
     * @param file the trajectory file
     * @return the trajectory
     * @throws CommandErrors.FileException naming the file, for a trajectory that cannot be read or is invalid
     */
    static Trajectory trajectory(Path file) {
        try {
            return TrajectoryJson.read(SpecParser.readFile(file));
        } catch (SpecException e) {
            throw new CommandErrors.FileException(file, e);
        }
    }

    /**
     * Runs a spec, naming its file in a failure.
     *
     * @param spec the spec
     * @param file the spec's file
     * @return dlref's trajectory
     * @throws CommandErrors.FileException naming the file, if the spec cannot be run ({@link SpecException},
     *     exit status 2) or a step cannot be computed ({@link OracleException}, exit status 1)
     */
    static Trajectory run(Spec spec, Path file) {
        try {
            return Runner.run(spec);
        } catch (SpecException | OracleException e) {
            throw new CommandErrors.FileException(file, e);
        }
    }
}
