package io.github.dlref.cli;

import io.github.dlref.verify.oracle.Conformance;
import io.github.dlref.verify.oracle.Tolerance;
import io.github.dlref.verify.oracle.spec.SpecWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dlref conform --client "COMMAND" [--out DIR] [--timeout SECONDS] [--only TEXT] [--conventions LIST]
 * [--atol A] [--rtol R]}:
 * runs the conformance suite ({@link Conformance#suite()}) against another implementation. For each case it runs
 * {@code COMMAND SPEC.json OUT.json} (also {@code DLREF_SPEC}, {@code DLREF_TRAJECTORY} in the environment), checks
 * the trajectory and diagnoses a failure; a client that hangs, crashes or writes garbage is reported and the suite
 * goes on. The cases of conventions not in {@code --conventions} (default {@code pytorch}) are not run and are
 * listed as {@code not_asked} with the reason. Prints a table and writes {@code conform.json}
 * ({@value Conformance#FORMAT}) and {@code conform.md} into
 * {@code DIR}. Exit status 0 if every case passes, 1 if not, 2 for a usage error.
 */
@Command(name = "conform", mixinStandardHelpOptions = true, versionProvider = Dlref.Version.class,
        description = "Run the conformance suite against another implementation: COMMAND is run once per case with "
                + "the spec's path and the path of the trajectory to write appended.",
        footer = {"", "Exit status: 0 every case passes, 1 some case does not, 2 usage error."})
public final class ConformCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandSpec commandSpec;

    @Option(names = "--client", required = true, paramLabel = "COMMAND",
            description = "The client's command line (run with /bin/sh; SPEC and OUT are appended).")
    private String client;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "conform",
            description = "Where the specs, trajectories, logs and reports go (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Time limit per case in seconds (default: ${DEFAULT-VALUE}).")
    private double timeout;

    @Option(names = "--only", paramLabel = "TEXT", description = "Run only the cases whose name contains TEXT.")
    private String only;

    @Option(names = "--conventions", paramLabel = "LIST", defaultValue = "pytorch", split = ",",
            description = "The named conventions the client implements, comma-separated, from pytorch, keras, optax "
                    + "(default: ${DEFAULT-VALUE}); the cases of the others are listed as not asked.")
    private List<String> conventions;

    @Option(names = "--atol", paramLabel = "A", defaultValue = "1e-12", description = "Absolute tolerance.")
    private double atol;

    @Option(names = "--rtol", paramLabel = "R", defaultValue = "1e-9", description = "Relative tolerance.")
    private double rtol;

    /** Creates the command (picocli fills in the arguments). */
    public ConformCommand() {
    }

    /**
     * Runs the suite.
     *
     * @return 0 if every asked case passes, 1 if not
     * @throws IllegalArgumentException for a bad timeout or tolerance, or a filter that selects no case (exit
     *     status 2)
     * @throws UncheckedIOException if the output directory cannot be written (exit status 1)
     */
    @Override
    public Integer call() {
        if (!(timeout > 0) || Double.isInfinite(timeout)) {
            throw new IllegalArgumentException("--timeout must be a finite number of seconds > 0, got " + timeout);
        }
        if (client.isBlank()) {
            throw new IllegalArgumentException("--client must be a command, got an empty string");
        }
        for (String c : conventions) {
            if (!Conformance.CONVENTIONS.contains(c)) {
                throw new IllegalArgumentException("--conventions: unknown convention \"" + c + "\"; expected a "
                        + "comma-separated list of " + Conformance.CONVENTIONS);
            }
        }
        Tolerance tolerance = new Tolerance(atol, rtol);
        List<Conformance.Case> cases = Conformance.suite().stream()
                .filter(c -> only == null || c.name().contains(only)).toList();
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("--only " + only + " selects no case; the cases are "
                    + Conformance.suite().stream().map(Conformance.Case::name).toList());
        }
        PrintWriter o = commandSpec.commandLine().getOut();
        o.printf("%-32s %-8s %s%n", "case", "result", "first divergence / diagnosed convention / detail");
        List<Conformance.Outcome> outcomes = new ArrayList<>();
        Duration limit = Duration.ofMillis(Math.round(timeout * 1000));
        try {
            for (Conformance.Case c : cases) {
                Conformance.Outcome r = conventions.contains(c.convention())
                        ? Conformance.run(c, client, limit, out, tolerance) : Conformance.notAsked(c, conventions);
                outcomes.add(r);
                o.printf("%-32s %-8s %s%n", r.name(), r.status(), row(r));
                o.flush();
            }
            Files.writeString(out.resolve("conform.json"), SpecWriter.pretty(Conformance.json(client, outcomes)),
                    StandardCharsets.UTF_8);
            Files.writeString(out.resolve("conform.md"), Conformance.markdown(client, outcomes), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": " + e.getMessage(), e);
        }
        long passed = outcomes.stream().filter(Conformance.Outcome::passed).count();
        long asked = outcomes.stream().filter(Conformance.Outcome::asked).count();
        o.printf("%nconform: %d of %d cases pass%s; reports: %s, %s%n", passed, asked,
                asked == outcomes.size() ? "" : " (" + (outcomes.size() - asked) + " not asked: conventions "
                        + "the client did not opt into)", out.resolve("conform.json"), out.resolve("conform.md"));
        o.flush();
        return passed == asked ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }

    private static String row(Conformance.Outcome r) {
        return switch (r.status()) {
            case "pass" -> "";
            case "fail" -> r.firstDivergence() + "; diagnose: " + r.diagnosis();
            case "not_asked" -> "not asked: " + r.detail();
            default -> r.detail();
        };
    }
}
