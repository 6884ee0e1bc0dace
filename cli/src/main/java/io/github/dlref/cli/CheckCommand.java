package io.github.dlref.cli;

import io.github.dlref.verify.oracle.CheckReport;
import io.github.dlref.verify.oracle.Comparer;
import io.github.dlref.verify.oracle.Divergence;
import io.github.dlref.verify.oracle.NormwiseError;
import io.github.dlref.verify.oracle.ReportJson;
import io.github.dlref.verify.oracle.Tolerance;
import io.github.dlref.verify.oracle.Trajectory;
import io.github.dlref.verify.oracle.spec.OutputSpec;
import io.github.dlref.verify.oracle.spec.Spec;
import io.github.dlref.verify.oracle.spec.SpecException;
import io.github.dlref.verify.oracle.spec.SpecWriter;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dlref check SPEC.json THEIRS.json [--atol A] [--rtol R] [--format table|json]}: runs the spec and
 * compares another implementation's trajectory with dlref's, value by value ({@link Comparer}); reports the
 * criterion {@code |theirs - ours| <= atol + rtol |ours|}, the first divergence (step, quantity, parameter,
 * element, both values), the worst value against the criterion, the maximum absolute error and ulp distance, the
 * normwise relative error of every quantity, and pass or fail. Exit status 0 pass, 1 fail (or a step cannot be computed), 2 invalid input.
 */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Dlref.Version.class,
        description = "Compare another implementation's trajectory (THEIRS.json, the format 'dlref run' writes) "
                + "with dlref's for the same spec.",
        footer = {"", "Exit status: 0 within tolerance, 1 outside tolerance, 2 invalid input or usage."})
public final class CheckCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandSpec commandSpec;

    @Mixin
    private ComparisonInputs inputs = new ComparisonInputs();

    /** Creates the command (picocli fills in the arguments). */
    public CheckCommand() {
    }

    /**
     * Runs the check.
     *
     * @return 0 if theirs is within the tolerance, 1 if not
     * @throws IllegalArgumentException for a negative or non-finite tolerance (exit status 2)
     * @throws CommandErrors.FileException naming the file, for an invalid spec or trajectory (exit status 2) or a
     *     step that cannot be computed (exit status 1)
     */
    @Override
    public Integer call() {
        PrintWriter out = commandSpec.commandLine().getOut();
        Tolerance tolerance = inputs.tolerance();
        Spec spec = OracleInputs.spec(inputs.specFile);
        Trajectory theirs = OracleInputs.trajectory(inputs.theirsFile);
        if (theirs.steps().stream().anyMatch(s -> !s.optimizerState().isEmpty()) && !spec.output().optimizerState()) {
            spec = spec.withOutput(new OutputSpec(true, spec.output().evaluation()));
        }
        Trajectory ours = OracleInputs.run(spec, inputs.specFile);
        CheckReport report;
        try {
            report = Comparer.compare(ours, theirs, tolerance);
        } catch (SpecException e) {
            throw new CommandErrors.FileException(inputs.theirsFile, e);
        }
        if (inputs.output.json()) {
            out.print(SpecWriter.pretty(ReportJson.check(report)));
        } else {
            out.print(table(report));
        }
        out.flush();
        return report.passed() ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }

    static String table(CheckReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("check: ").append(r.passed() ? "PASS" : "FAIL").append('\n');
        sb.append("  compared:          ").append(r.compared()).append(" values over ").append(r.steps())
                .append(" steps\n");
        sb.append("  tolerance:         ").append(r.tolerance())
                .append(" (per value, as numpy.allclose and torch.testing.assert_close)\n");
        sb.append("  failures:          ").append(r.failures()).append('\n');
        sb.append("  first difference:  ").append(line(r.firstDifference(), "none (bit for bit identical)"))
                .append('\n');
        sb.append("  first failure:     ").append(line(r.firstFailure(), "none")).append('\n');
        sb.append("  worst value:       ").append(r.worst().map(d -> String.format("%.3g", d.errorRatio(r.tolerance()))
                + " of the allowed error, at " + d.describe()).orElse("none")).append('\n');
        sb.append("  max abs error:     ").append(r.maxAbsoluteError())
                .append(r.maxAbsolute().map(d -> " at " + d.location()).orElse("")).append('\n');
        if (r.passed()) {
            // ulps measure rounding; once values fail they are only a very large number
            sb.append("  max ulp distance:  ").append(r.maxUlp().map(d -> d.ulpDistance() + " at " + d.location())
                    .orElse("0")).append(" (where rtol |ours| >= atol)\n");
        }
        sb.append("  normwise relative error ||theirs - ours|| / ||ours||, at its worst step:\n");
        int width = r.normwise().stream().mapToInt(n -> n.label().length()).max().orElse(0);
        for (NormwiseError n : r.normwise()) {
            sb.append("    ").append(String.format("%-" + width + "s  %.3e", n.label(), n.error()));
            if (n.error() > 0) {
                sb.append(n.step() == 0 ? "  initial" : "  step " + n.step());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String line(Optional<Divergence> d, String none) {
        return d.map(Divergence::describe).orElse(none);
    }
}
