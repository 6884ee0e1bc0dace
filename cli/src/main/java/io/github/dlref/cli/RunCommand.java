package io.github.dlref.cli;

import io.github.dlref.verify.oracle.Trajectory;
import io.github.dlref.verify.oracle.TrajectoryJson;
import io.github.dlref.verify.oracle.spec.SpecWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dlref run SPEC.json [--out FILE]}: runs the training computation a spec describes and writes its
 * trajectory (per step the loss, gradients, parameters after the step, buffers, optionally optimizer state)
 * as JSON ({@code docs/oracle-format.md}). Exit status 0 on success, 1 if a step cannot be computed, 2 for
 * an invalid spec (one line naming the file, the JSON path and what was expected; no stack trace).
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Dlref.Version.class,
        description = "Run the training computation of a spec and write its trajectory as JSON.",
        footer = {"", "Exit status: 0 success, 1 a step cannot be computed, 2 invalid spec or usage."})
public final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandSpec commandSpec;

    @Parameters(index = "0", paramLabel = "SPEC.json", description = "The spec (format dlref.spec.v1).")
    private Path specFile;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the trajectory to FILE instead of standard output.")
    private Path out;

    /** Creates the command (picocli fills in the arguments). */
    public RunCommand() {
    }

    /**
     * Runs the spec and writes the trajectory.
     *
     * @return 0
     * @throws CommandErrors.FileException naming the spec file, for an invalid spec (exit status 2) or a step
     *     that cannot be computed (exit status 1)
     * @throws java.io.UncheckedIOException if the trajectory cannot be written (exit status 1)
     */
    @Override
    public Integer call() {
        Trajectory trajectory = OracleInputs.run(OracleInputs.spec(specFile), specFile);
        String text = SpecWriter.pretty(TrajectoryJson.write(trajectory));
        if (out == null) {
            PrintWriter o = commandSpec.commandLine().getOut();
            o.print(text);
            o.flush();
        } else {
            try {
                Files.writeString(out, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw CommandErrors.cannotWrite(out, e);
            }
        }
        return CommandLine.ExitCode.OK;
    }
}
