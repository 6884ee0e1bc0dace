package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The last resort of the error path (issue 17): an {@link OutOfMemoryError} or {@link StackOverflowError} that a
 * command raises despite the documented limits is one line with exit status 1, not a stack trace; and a failed
 * write names the path once and the operating system's reason.
 */
class LastResortErrorsTest {

    /** A command that raises the error it is given. */
    @Command(name = "raising")
    static final class Raising implements Callable<Integer> {
        private final Error error;

        Raising(Error error) {
            this.error = error;
        }

        @Override
        public Integer call() {
            throw error;
        }
    }

    private static String[] run(Error error) {
        CommandLine cl = new CommandLine(new Raising(error));
        CommandErrors errors = new CommandErrors();
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionExceptionHandler(errors);
        cl.setExecutionStrategy(CommandErrors::executeOrReport);
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute();
        return new String[] {Integer.toString(exit), err.toString()};
    }

    @Test
    void outOfMemoryAndStackOverflowAreOneLineWithExitOne() {
        String[] oom = run(new OutOfMemoryError("Java heap space"));
        assertEquals("1", oom[0]);
        assertEquals("raising: internal error: out of memory (Java heap space); give the JVM more heap (java -Xmx...)"
                + " or a smaller input\n", oom[1]);
        String[] deep = run(new StackOverflowError());
        assertEquals("1", deep[0]);
        assertEquals("raising: internal error: stack overflow (the input nests too deeply)\n", deep[1]);
    }

    @Test
    void theRealCommandLineInstallsTheLastResort() {
        assertEquals(CommandLine.ExitCode.USAGE, TrainCommandTest.CliRun.of("train", "--evil").exit());
        // the strategy still runs commands normally
        assertEquals(0, TrainCommandTest.CliRun.of("bench", "--list").exit());
    }

    @Test
    void aFailedWriteNamesThePathOnceAndTheReason() {
        assertEquals("cannot write /dev/full/x: Not a directory", CommandErrors.cannotWrite("/dev/full/x",
                new FileSystemException("/dev/full/x", null, "Not a directory")).getMessage());
        assertEquals("cannot write the output: /d/f: No space left on device", CommandErrors.cannotWrite("the output",
                new UncheckedIOException(new FileSystemException("/d/f", null, "No space left on device")))
                .getMessage());
        assertEquals("cannot write out.json: No space left on device", CommandErrors.cannotWrite("out.json",
                new IOException("No space left on device")).getMessage());
        assertEquals("cannot write x: /a/b: no such file", CommandErrors.cannotWrite("x",
                new NoSuchFileException("/a/b")).getMessage());
        assertEquals("cannot write x: /a/b: permission denied", CommandErrors.cannotWrite("x",
                new AccessDeniedException("/a/b")).getMessage());
        assertEquals("cannot write x: f: disk gone", CommandErrors.cannotWrite("x",
                new FileSystemException("f", null, "disk\n  gone")).getMessage());
    }
}
