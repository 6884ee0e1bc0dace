package io.github.dlref.cli;

import io.github.dlref.autograd.check.GradCheckSettings;
import io.github.dlref.verify.oracle.GradcheckSweep;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code dlref gradcheck [--h H] [--atol A] [--rtol R] [--second-order]}: runs the gradient check over every op,
 * layer and loss at several shapes ({@link GradcheckSweep}) and prints a table of the maximum absolute and CS231n
 * relative errors; with {@code --second-order}, then the second-order check (PyTorch's {@code gradgradcheck}) over
 * the same subjects, naming those left out as not twice differentiable. Exit status 0 if every check passes, 1
 * otherwise.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true, versionProvider = Dlref.Version.class,
        description = "Check every op, layer and loss against central differences and print the errors.",
        footer = {"", "Pass: |analytic - numeric| <= atol + rtol |numeric| for every Jacobian entry (PyTorch "
                + "gradcheck's criterion). rel err is CS231n's |a - n| / max(|a|, |n|).",
                "Second order (gradgradcheck): the gradient of <u, f> for a fixed Gaussian u, checked the same way "
                + "as a function of every input and of u; layers with respect to their input.",
                "Exit status: 0 all pass, 1 a check failed, 2 usage error."})
public final class GradcheckCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandSpec commandSpec;

    @Option(names = "--h", paramLabel = "H", defaultValue = "1e-6", description = "Step of the central "
            + "difference (default: ${DEFAULT-VALUE}).")
    private double h;

    @Option(names = "--atol", paramLabel = "A", defaultValue = "1e-5", description = "Absolute tolerance "
            + "(default: ${DEFAULT-VALUE}).")
    private double atol;

    @Option(names = "--rtol", paramLabel = "R", defaultValue = "1e-3", description = "Relative tolerance "
            + "(default: ${DEFAULT-VALUE}).")
    private double rtol;

    @Option(names = "--second-order", description = "Also run the second-order check (PyTorch's gradgradcheck) "
            + "over every twice-differentiable subject.")
    private boolean secondOrder;

    /** Creates the command (picocli fills in the arguments). */
    public GradcheckCommand() {
    }

    /**
     * Runs the sweep and prints the table.
     *
     * @return 0 if every check passes, 1 otherwise
     * @throws IllegalArgumentException naming the setting, if {@code --h}, {@code --atol} or {@code --rtol} is out
     *     of range (exit status 2)
     */
    @Override
    public Integer call() {
        GradCheckSettings settings = GradCheckSettings.DEFAULTS.withH(h).withTolerances(atol, rtol);
        List<GradcheckSweep.Row> rows = GradcheckSweep.run(settings);
        PrintWriter out = commandSpec.commandLine().getOut();
        out.print(table(rows, settings));
        boolean passed = rows.stream().allMatch(GradcheckSweep.Row::passed);
        if (secondOrder) {
            GradcheckSweep.SecondOrder second = GradcheckSweep.runSecondOrder(settings);
            out.print(System.lineSeparator() + "second order (gradgradcheck):" + System.lineSeparator());
            out.print(table(second.rows(), settings));
            out.print(TrainCommand.wrap("not twice differentiable, left out: ",
                    String.join(", ", second.notTwiceDifferentiable())));
            passed &= second.rows().stream().allMatch(GradcheckSweep.Row::passed);
        }
        out.flush();
        return passed ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }

    /**
     * The table of a sweep, within 80 columns: kind, shape, inputs, errors and status first, the subject last
     * (wrapped at its spaces when long, such as a loss with class weights, and starting on the next line when its
     * first word does not fit), a failure's worst comparison on the lines below it, then the count of checks and
     * failures with the criterion.
     */
    static String table(List<GradcheckSweep.Row> rows, GradCheckSettings settings) {
        String fmt = "%-5s %-5s %6s %9s %9s %-6s ";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(fmt, "kind", "shape", "inputs", "max abs", "max rel", "status"))
                .append("subject").append(System.lineSeparator());
        long failed = 0;
        for (GradcheckSweep.Row r : rows) {
            String columns = String.format(fmt, r.kind(), r.shape(), r.inputs(),
                    String.format("%.3e", r.maxAbsoluteError()), String.format("%.3e", r.maxRelativeError()),
                    r.passed() ? "PASS" : "FAIL");
            String first = r.subject().split(" ", 2)[0];
            if (columns.length() + first.length() <= TrainCommand.WIDTH) {
                sb.append(TrainCommand.wrap(columns, r.subject()));
            } else {
                sb.append(columns.stripTrailing()).append(System.lineSeparator())
                        .append(TrainCommand.wrap("      ", r.subject()));
            }
            if (!r.passed()) {
                sb.append(TrainCommand.wrap("       worst: ", r.worst()));
                failed++;
            }
        }
        sb.append(String.format("%n%d checks, %d failed (h = %s, pass if |a - n| <= %s + %s |n|)%n", rows.size(),
                failed, settings.h(), settings.atol(), settings.rtol()));
        return sb.toString();
    }
}
