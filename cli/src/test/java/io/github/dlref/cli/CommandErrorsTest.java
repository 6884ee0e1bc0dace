package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dlref.cli.TrainCommandTest.CliRun;
import io.github.dlref.data.io.DataFormatException;
import io.github.dlref.train.TrainingDivergedException;
import io.github.dlref.verify.oracle.OracleException;
import io.github.dlref.verify.oracle.spec.SpecException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The shared error path: every class of exception gets its exit status (2 for usage errors and malformed input,
 * 1 for failed computations and I/O errors) and exactly one line on standard error, {@code <command>: <message>},
 * with no stack trace; through the real commands as well as through a small command that throws what it is told.
 */
class CommandErrorsTest {

    @TempDir
    Path tmp;

    /** A command that throws the exception it is given, with the shared handler installed as in {@link Dlref}. */
    @Command(name = "throwing")
    static final class Throwing implements Callable<Integer> {

        private final Exception toThrow;

        @Spec
        CommandSpec spec;

        @Option(names = "--count", paramLabel = "N")
        int count;

        @Option(names = "--kind", paramLabel = "NAME")
        OutputFormat kind;

        Throwing(Exception toThrow) {
            this.toThrow = toThrow;
        }

        /** Checks {@code --count >= 0}, then throws the exception, if any. */
        @Override
        public Integer call() throws Exception {
            CommandErrors.atLeast(spec.commandLine(), "--count", count, 0);
            if (toThrow != null) {
                throw toThrow;
            }
            return 0;
        }
    }

    private record Outcome(int exit, String out, String err) {
    }

    private static Outcome execute(Exception toThrow, String... args) {
        CommandLine cl = new CommandLine(new Throwing(toThrow));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        CommandErrors errors = new CommandErrors();
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionExceptionHandler(errors);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new Outcome(cl.execute(args), out.toString(), err.toString());
    }

    /** Asserts the exit status and that standard error is exactly the one line given. */
    private static void assertOneLine(int status, String line, Outcome o) {
        assertEquals(status, o.exit(), o.err());
        assertEquals(List.of(line), o.err().lines().toList());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
        assertEquals("", o.out());
    }

    @Test
    void malformedInputExitsTwoWithItsPathFileLineOrParameter() {
        assertOneLine(2, "throwing: $.optimizer.lr: expected a finite number >= 0.0, got -0.1",
                execute(new SpecException("$.optimizer.lr", "expected a finite number >= 0.0, got -0.1")));
        assertOneLine(2, "throwing: bad.csv, line 2, column 2: 'oops' is not a number",
                execute(new DataFormatException("bad.csv", 2, 2, "'oops' is not a number")));
        assertOneLine(2, "throwing: Adam: beta2 must be in [0, 1), got 1.0",
                execute(new IllegalArgumentException("Adam: beta2 must be in [0, 1), got 1.0")));
        assertOneLine(2, "throwing: spec.json: $.training.steps: expected an integer >= 1, got 0",
                execute(new CommandErrors.FileException(Path.of("spec.json"),
                        new SpecException("$.training.steps", "expected an integer >= 1, got 0"))));
    }

    @Test
    void failedComputationsAndIoErrorsExitOne() {
        assertOneLine(1, "throwing: training diverged: the loss of epoch 3, batch 7 is NaN (try a lower learning "
                + "rate)", execute(new TrainingDivergedException(3, 7, Double.NaN)));
        assertOneLine(1, "throwing: step 1: AdaGrad: division by zero",
                execute(new OracleException("step 1: AdaGrad: division by zero", null)));
        assertOneLine(1, "throwing: spec.json: step 1: AdaGrad: division by zero",
                execute(new CommandErrors.FileException(Path.of("spec.json"),
                        new OracleException("step 1: AdaGrad: division by zero", null))));
        assertOneLine(1, "throwing: data/x.idx: no such file", execute(new NoSuchFileException("data/x.idx")));
        assertOneLine(1, "throwing: out/metrics.csv: permission denied",
                execute(new AccessDeniedException("out/metrics.csv")));
        assertOneLine(1, "throwing: disk full", execute(new IOException("disk full")));
        assertOneLine(1, "throwing: cannot write the output: out/metrics.csv: permission denied",
                execute(CommandErrors.cannotWrite("the output", new AccessDeniedException("out/metrics.csv"))));
        assertOneLine(1, "throwing: cannot write out.json: disk full",
                execute(CommandErrors.cannotWrite(Path.of("out.json"),
                        new UncheckedIOException(new IOException("disk full")))));
    }

    @Test
    void anUnforeseenExceptionIsOneLineNamingItsClass() {
        assertOneLine(1, "throwing: internal error: java.lang.IllegalStateException: no model",
                execute(new IllegalStateException("no model")));
        assertOneLine(1, "throwing: internal error: java.lang.NullPointerException",
                execute(new NullPointerException()));
    }

    @Test
    void aMessageOfSeveralLinesBecomesOneLine() {
        assertOneLine(2, "throwing: $: invalid JSON at line 3: unexpected character ','",
                execute(new SpecException("$", "invalid JSON at line 3:\n  unexpected character ','\n")));
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        assertOneLine(2, "throwing: --count must be >= 0, got -1", execute(null, "--count", "-1"));
        assertOneLine(2, "throwing: Unknown option: '--bogus'", execute(null, "--bogus"));
        assertOneLine(2, "throwing: Unknown options: '--cont', '1'; did you mean --count?",
                execute(null, "--cont", "1"));
        assertOneLine(2, "throwing: Invalid value for option '--count': 'x' is not an int",
                execute(null, "--count", "x"));
        assertOneLine(2, "throwing: Missing required parameter for option '--count' (N)", execute(null, "--count"));
        assertOneLine(2, "throwing: Invalid value for option '--kind': unknown kind 'xml'; expected one of table, "
                + "json", execute(null, "--kind", "xml"));
    }

    @Test
    void atLeastNamesTheOptionTheBoundAndTheValue() {
        CommandLine cl = new CommandLine(new Throwing(null));
        assertEquals(1, CommandErrors.atLeast(cl, "--epochs", 1, 1));
        assertEquals(0, CommandErrors.atLeast(cl, "--strategy-iterations", 0, 0));
        ParameterException e = assertThrows(ParameterException.class, () -> CommandErrors.atLeast(cl, "--epochs", 0,
                1));
        assertEquals("--epochs must be >= 1, got 0", e.getMessage());
    }

    @Test
    void theRealCommandsPrintOneLineWithTheirName() {
        assertOneLine(2, "dlref train: --epochs must be >= 1, got 0",
                strip(CliRun.of("train", "--epochs", "0", "--out", tmp.resolve("x").toString())));
        assertOneLine(2, "dlref: Unmatched argument at index 0: 'tran'; did you mean train or gradcheck?",
                strip(CliRun.of("tran")));
        assertOneLine(2, "dlref: missing command; one of examples, vectors, run, check, diagnose, conform, gradcheck, "
                + "train, evaluate, predict, compare, search, bench, help ('dlref --help' describes them)",
                strip(CliRun.of()));
        Path none = tmp.resolve("none.json");
        assertOneLine(2, "dlref run: " + none + ": $: cannot read " + none + ": no such file",
                strip(CliRun.of("run", none.toString())));
        assertOneLine(2, "dlref gradcheck: GradCheckSettings: h must be finite and > 0, got -1.0",
                strip(CliRun.of("gradcheck", "--h", "-1")));
    }

    private static Outcome strip(CliRun r) {
        return new Outcome(r.exit(), r.out(), r.err());
    }
}
