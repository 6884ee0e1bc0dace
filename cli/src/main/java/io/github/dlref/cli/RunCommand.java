package io.github.dlref.cli;

import io.github.dlref.verify.oracle.OracleException;
import io.github.dlref.verify.oracle.Runner;
import io.github.dlref.verify.oracle.Trajectory;
import io.github.dlref.verify.oracle.TrajectoryJson;
import io.github.dlref.verify.oracle.spec.Spec;
import io.github.dlref.verify.oracle.spec.SpecException;
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
     * @return the exit status
     */
    @Override
    public Integer call() {
        PrintWriter err = commandSpec.commandLine().getErr();
        try {
            Spec spec = OracleInputs.spec(specFile);
            Trajectory trajectory = Runner.run(spec);
            String text = SpecWriter.pretty(TrajectoryJson.write(trajectory));
            if (out == null) {
                PrintWriter o = commandSpec.commandLine().getOut();
                o.print(text);
                o.flush();
            } else {
                Files.writeString(out, text, StandardCharsets.UTF_8);
            }
            return CommandLine.ExitCode.OK;
        } catch (OracleInputs.FileSpecException e) {
            err.println("dlref run: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        } catch (SpecException e) {
            err.println("dlref run: " + specFile + ": " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        } catch (OracleException e) {
            err.println("dlref run: " + specFile + ": " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        } catch (IOException e) {
            err.println("dlref run: cannot write " + out + ": " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        } finally {
            err.flush();
        }
    }
}
