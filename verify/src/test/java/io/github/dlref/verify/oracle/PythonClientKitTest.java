package io.github.dlref.verify.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the Python client kit's own tests ({@code clients/python/tests}, Python's {@code unittest}) from Maven, so
 * {@code ./mvnw verify} covers them: the loader and initializers bit for bit against dlref's golden vectors, the
 * trajectory writer, and a real PyTorch loop recorded with the kit against {@code dlref run}'s trajectory.
 *
 * <p>Without {@code /usr/bin/python3} or NumPy the test is skipped, and the reason is printed; the kit's PyTorch test
 * skips itself without torch. CI ({@code .ci/run}) installs Debian's {@code python3-numpy} and {@code python3-torch}
 * and sets {@code DLREF_REQUIRE_PYTHON=1}: then nothing may skip, here or in the kit.
 */
class PythonClientKitTest {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path KIT = Path.of("..", "clients", "python");

    static boolean required() {
        return "1".equals(System.getenv("DLREF_REQUIRE_PYTHON"));
    }

    static int run(Path out, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(KIT.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1"); // no __pycache__ in the source tree
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    static void skipOrRequire(boolean present, String reason) {
        if (required()) {
            assertTrue(present, "DLREF_REQUIRE_PYTHON=1 but " + reason);
        }
        if (!present) {
            // printed so that a skip is never silent in the build log
            System.err.println("PythonClientKitTest skipped: " + reason);
        }
        assumeTrue(present, reason);
    }

    @Test
    void theKitsUnitTestsPass() throws Exception {
        skipOrRequire(Files.isExecutable(PYTHON), PYTHON + " is not installed (Debian: python3)");
        Path log = Files.createTempFile("dlref-python-kit", ".log");
        try {
            int numpy = run(log, PYTHON.toString(), "-c", "import numpy");
            skipOrRequire(numpy == 0, "NumPy cannot be imported by " + PYTHON + " (Debian: python3-numpy)");
            int status = run(log, PYTHON.toString(), "-m", "unittest", "discover", "-s", "tests", "-v");
            String output = Files.readString(log, StandardCharsets.UTF_8);
            System.err.println(output.lines().filter(l -> l.contains("skipped") || l.startsWith("Ran ")
                    || l.startsWith("OK") || l.startsWith("FAILED")).reduce("", (a, b) -> a + b + "\n"));
            assertEquals(0, status, output);
            assertTrue(output.contains("\nOK"), output);
            if (required()) {
                assertTrue(!output.contains("skipped"), "DLREF_REQUIRE_PYTHON=1 but a kit test was skipped:\n" + output);
            }
            assertTrue(List.of(output.split("\n")).stream().anyMatch(l -> l.matches("Ran \\d+ tests in .*")), output);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
