package io.github.dlref.cli;

import io.github.dlref.verify.oracle.DiagnoseReport;
import io.github.dlref.verify.oracle.Diagnoser;
import io.github.dlref.verify.oracle.Divergence;
import io.github.dlref.verify.oracle.ReportJson;
import io.github.dlref.verify.oracle.Tolerance;
import io.github.dlref.verify.oracle.Trajectory;
import io.github.dlref.verify.oracle.spec.Spec;
import io.github.dlref.verify.oracle.spec.SpecException;
import io.github.dlref.verify.oracle.spec.SpecWriter;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dlref diagnose SPEC.json THEIRS.json [--atol A] [--rtol R] [--format table|json]}: replays the spec
 * under every convention variant of its optimizer, loss (reduction, mean over the nominal batch size, the
 * cross-entropy's log epsilon), BatchNorm convention, gradient-clipping form and schedule interval ({@link Diagnoser})
 * and reports which variants reproduce the other implementation's numbers, for example
 * {@code matches Keras epsilon-hat Adam ...; not the spec's own Algorithm 1 Adam ...}. Exit status 0 if some
 * variant matches, 1 if none does, 2 for invalid input.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true, versionProvider = Dlref.Version.class,
        description = "Find which optimizer preset/convention, loss form (reduction, short-batch mean, "
                + "log(softmax + eps)), BatchNorm convention, gradient-clipping form and schedule interval "
                + "reproduce another "
                + "implementation's trajectory.",
        footer = {"", "Exit status: 0 some variant matches, 1 none matches, 2 invalid input or usage."})
public final class DiagnoseCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandSpec commandSpec;

    @Mixin
    private ComparisonInputs inputs = new ComparisonInputs();

    /** Creates the command (picocli fills in the arguments). */
    public DiagnoseCommand() {
    }

    /**
     * Runs the diagnosis.
     *
     * @return 0 if some variant matches theirs, 1 if none does
     * @throws IllegalArgumentException for a negative or non-finite tolerance (exit status 2)
     * @throws CommandErrors.FileException naming the file, for an invalid spec or trajectory (exit status 2)
     */
    @Override
    public Integer call() {
        PrintWriter out = commandSpec.commandLine().getOut();
        Tolerance tolerance = inputs.tolerance();
        Spec spec = OracleInputs.spec(inputs.specFile);
        Trajectory theirs = OracleInputs.trajectory(inputs.theirsFile);
        DiagnoseReport report;
        try {
            report = Diagnoser.diagnose(spec, theirs, tolerance);
        } catch (SpecException e) {
            throw new CommandErrors.FileException(inputs.theirsFile, e);
        }
        if (inputs.output.json()) {
            out.print(SpecWriter.pretty(ReportJson.diagnose(report)));
        } else {
            out.print(table(report));
        }
        out.flush();
        return report.anyMatch() ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }

    static String table(DiagnoseReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("diagnose: ").append(r.verdict()).append("\n\n");
        sb.append("tolerance: ").append(r.tolerance()).append(" (per value)\n");
        sb.append("ranked: matches first (closest to the spec first), then by the step of the first failure (later "
                + "is closer), then by the normwise relative error\n");
        sb.append(String.format("%-5s %-8s %-36s %-12s %s%n", "match", "declared", "first failure", "normwise err",
                "variant"));
        for (DiagnoseReport.Result res : r.results()) {
            sb.append(String.format("%-5s %-8s %-36s %-12.3e %s%n", res.matched() ? "yes" : "no",
                    res.variant().declared() ? "*" : "",
                    res.report().firstFailure().map(Divergence::location).orElse("-"),
                    res.report().maxNormwiseError(), res.variant().describe()));
        }
        return sb.toString();
    }
}
