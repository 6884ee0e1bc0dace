package io.github.dlref.verify.cli;

import io.github.dlref.verify.oracle.CheckReport;
import io.github.dlref.verify.oracle.Comparer;
import io.github.dlref.verify.oracle.Divergence;
import io.github.dlref.verify.oracle.OracleException;
import io.github.dlref.verify.oracle.ReportJson;
import io.github.dlref.verify.oracle.Runner;
import io.github.dlref.verify.oracle.Tolerance;
import io.github.dlref.verify.oracle.Trajectory;
import io.github.dlref.verify.oracle.spec.OutputSpec;
import io.github.dlref.verify.oracle.spec.Spec;
import io.github.dlref.verify.oracle.spec.SpecException;
import io.github.dlref.verify.oracle.spec.SpecWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dlref check SPEC.json THEIRS.json [--atol A] [--rtol R] [--format table|json]}: runs the spec and
 * compares another implementation's trajectory with dlref's, value by value ({@link Comparer}); reports the
 * first divergence (step, quantity, parameter, element, both values), the maximum absolute and relative
 * errors, and pass or fail. Exit status 0 pass, 1 fail (or a step cannot be computed), 2 invalid input.
 */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Dlref.Version.class,
        description = "Compare another implementation's trajectory (THEIRS.json, the format 'dlref run' writes) "
                + "with dlref's for the same spec.",
        footer = {"", "Exit status: 0 within tolerance, 1 outside tolerance, 2 invalid input or usage."})
public final class CheckCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandSpec commandSpec;

    @Parameters(index = "0", paramLabel = "SPEC.json", description = "The spec (format dlref.spec.v1).")
    private Path specFile;

    @Parameters(index = "1", paramLabel = "THEIRS.json", description = "The other trajectory (dlref.trajectory.v1).")
    private Path theirsFile;

    @Option(names = "--atol", paramLabel = "A", defaultValue = "1e-12",
            description = "Absolute tolerance (default: ${DEFAULT-VALUE}); 0 with --rtol 0 compares bit for bit.")
    private double atol;

    @Option(names = "--rtol", paramLabel = "R", defaultValue = "1e-9",
            description = "Relative tolerance, times |ours| (default: ${DEFAULT-VALUE}).")
    private double rtol;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "Output format: table or json (default: table).")
    private OutputFormat format = OutputFormat.TABLE;

    /** Creates the command (picocli fills in the arguments). */
    public CheckCommand() {
    }

    /**
     * Runs the check.
     *
     * @return the exit status
     */
    @Override
    public Integer call() {
        PrintWriter err = commandSpec.commandLine().getErr();
        PrintWriter out = commandSpec.commandLine().getOut();
        try {
            Tolerance tolerance = tolerance(atol, rtol);
            Spec spec = OracleInputs.spec(specFile);
            Trajectory theirs = OracleInputs.trajectory(theirsFile);
            if (theirs.steps().stream().anyMatch(s -> !s.optimizerState().isEmpty()) && !spec.output().optimizerState()) {
                spec = new Spec(spec.model(), spec.parameters(), spec.data(), spec.loss(), spec.regularization(),
                        spec.optimizer(), spec.schedule(), spec.training(), new OutputSpec(true));
            }
            CheckReport report;
            try {
                report = Comparer.compare(Runner.run(spec), theirs, tolerance);
            } catch (SpecException e) {
                throw new OracleInputs.FileSpecException(theirsFile, e);
            }
            if (format == OutputFormat.JSON) {
                out.print(SpecWriter.pretty(ReportJson.check(report)));
            } else {
                out.print(table(report));
            }
            out.flush();
            return report.passed() ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
        } catch (IllegalArgumentException e) {
            err.println("dlref check: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        } catch (OracleInputs.FileSpecException e) {
            err.println("dlref check: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        } catch (SpecException e) {
            err.println("dlref check: " + specFile + ": " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        } catch (OracleException e) {
            err.println("dlref check: " + specFile + ": " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        } finally {
            err.flush();
        }
    }

    static Tolerance tolerance(double atol, double rtol) {
        try {
            return new Tolerance(atol, rtol);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--atol and --rtol " + e.getMessage().replace("Tolerance: ", ""));
        }
    }

    static String table(CheckReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("check: ").append(r.passed() ? "PASS" : "FAIL").append('\n');
        sb.append("  compared:          ").append(r.compared()).append(" values over ").append(r.steps())
                .append(" steps\n");
        sb.append("  tolerance:         ").append(r.tolerance()).append('\n');
        sb.append("  failures:          ").append(r.failures()).append('\n');
        sb.append("  first difference:  ").append(line(r.firstDifference(), "none (bit for bit identical)"))
                .append('\n');
        sb.append("  first failure:     ").append(line(r.firstFailure(), "none")).append('\n');
        sb.append("  max abs error:     ").append(r.maxAbsoluteError())
                .append(r.maxAbsolute().map(d -> " at " + d.location()).orElse("")).append('\n');
        sb.append("  max rel error:     ").append(r.maxRelativeError())
                .append(r.maxRelative().map(d -> " at " + d.location()).orElse("")).append('\n');
        return sb.toString();
    }

    private static String line(Optional<Divergence> d, String none) {
        return d.map(Divergence::describe).orElse(none);
    }
}
