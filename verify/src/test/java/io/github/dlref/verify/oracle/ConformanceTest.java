package io.github.dlref.verify.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dlref conform}'s engine: the suite, the protocol, and every way a client can go wrong (hang, crash,
 * garbage, a trajectory of another structure), with shell one-liners as clients; then the client kit's PyTorch
 * client ({@code clients/python/conform_torch.py}, real {@code torch.optim}), which must pass the whole suite, and
 * the same client with a deliberate bug (Adam's eps inside the square root), which must fail exactly the Adam cases.
 * The Python part is skipped with a printed reason without {@code /usr/bin/python3} and torch, unless
 * {@code DLREF_REQUIRE_PYTHON=1} (CI).
 */
class ConformanceTest {

    @TempDir
    Path dir;

    static Conformance.Case first() {
        return Conformance.suite().get(0);
    }

    @Test
    void theSuiteCoversEveryAreaWithUniqueNamesAndRunsInDlref() {
        List<Conformance.Case> suite = Conformance.suite();
        assertEquals(65, suite.size());
        Set<String> names = new HashSet<>();
        Map<String, Integer> areas = new TreeMap<>();
        Map<String, Integer> conventions = new TreeMap<>();
        for (Conformance.Case c : suite) {
            assertTrue(names.add(c.name()), c.name());
            areas.merge(c.name().substring(0, c.name().indexOf('-')), 1, Integer::sum);
            conventions.merge(c.convention(), 1, Integer::sum);
            assertEquals(8, Runner.run(c.spec()).steps().size(), c.name());
        }
        assertEquals(Map.of("format", 4, "keras", 5, "layer", 14, "loader", 2, "loss", 10, "optimizer", 18,
                "optax", 3, "schedule", 9), areas);
        assertEquals(Map.of("keras", 5, "optax", 3, "pytorch", 57), conventions);
    }

    @Test
    void aHangingClientIsKilledAndReported() throws Exception {
        long start = System.nanoTime();
        Conformance.Outcome o = Conformance.run(first(), "sleep 60; true", Duration.ofMillis(500), dir,
                Tolerance.DEFAULT);
        assertEquals("timeout", o.status());
        assertEquals("no result within 0.5 s; the process tree was killed", o.detail());
        assertTrue(System.nanoTime() - start < 30_000_000_000L);
    }

    @Test
    void aCrashingClientIsReportedWithItsLastLine() throws Exception {
        Conformance.Outcome o = Conformance.run(first(), "echo first; echo 'boom: no such layer' >&2; exit 7; true",
                Duration.ofSeconds(30), dir, Tolerance.DEFAULT);
        assertEquals("crash", o.status());
        assertEquals("exit status 7: boom: no such layer", o.detail());
    }

    @Test
    void garbageIsReported() throws Exception {
        Conformance.Outcome none = Conformance.run(first(), "true", Duration.ofSeconds(30), dir, Tolerance.DEFAULT);
        assertEquals("garbage", none.status());
        assertTrue(none.detail().startsWith("exit status 0 but no trajectory at "), none.detail());
        Conformance.Outcome notJson = Conformance.run(first(), "echo '{not json' > \"$DLREF_TRAJECTORY\"; true",
                Duration.ofSeconds(30), dir, Tolerance.DEFAULT);
        assertEquals("garbage", notJson.status());
        assertTrue(notJson.detail().startsWith("not a trajectory: "), notJson.detail());
        Conformance.Outcome oneStep = Conformance.run(first(), "printf '%s' '{\"format\": \"dlref.trajectory.v1\", "
                + "\"steps\": [{\"step\": 1, \"loss\": 1.0, \"gradients\": {}, \"parameters\": {}}]}' > \"$2\"; true",
                Duration.ofSeconds(30), dir, Tolerance.DEFAULT);
        assertEquals("garbage", oneStep.status());
        assertEquals("not the spec's structure: $.steps: expected 8 steps (the spec's training.steps), got 1",
                oneStep.detail());
    }

    @Test
    void theProtocolPassesThePathsAsArgumentsAndEnvironment() throws Exception {
        Conformance.Outcome o = Conformance.run(first(), "test \"$DLREF_SPEC\" = \"$1\" && test -f \"$1\" && "
                + "test \"$DLREF_TRAJECTORY\" = \"$2\" && exit 9; true", Duration.ofSeconds(30), dir, Tolerance.DEFAULT);
        assertEquals("exit status 9", o.detail());
        assertTrue(Files.isRegularFile(dir.resolve(first().name() + ".spec.json")));
    }

    @Test
    void reportsCarryEveryOutcome() throws Exception {
        List<Conformance.Outcome> outcomes = List.of(
                new Conformance.Outcome("a", "A", "pass", "", "", ""),
                new Conformance.Outcome("b", "B|x", "fail", "step 1, loss: ours 1.0, theirs 2.0", "matches X", ""),
                new Conformance.Outcome("c", "C", "timeout", "", "", "no result"));
        ObjectNode json = Conformance.json("cmd", outcomes);
        assertEquals("dlref.conform.v1", json.get("format").asText());
        assertEquals(3, json.get("cases").intValue());
        assertEquals(1, json.get("passed").intValue());
        assertEquals("matches X", json.get("results").get(1).get("diagnosis").asText());
        SchemasTest.valid("conform-report.schema.json", json);
        String md = Conformance.markdown("cmd", outcomes);
        assertTrue(md.contains("1 of 3 cases pass."), md);
        assertTrue(md.contains("| b | B\\|x | fail | step 1, loss: ours 1.0, theirs 2.0 | matches X |\n"), md);
        assertTrue(md.contains("| c | C | timeout: no result |  |  |\n"), md);
    }

    static void requirePythonAndTorch() throws Exception {
        boolean required = "1".equals(System.getenv("DLREF_REQUIRE_PYTHON"));
        boolean present = Files.isExecutable(Path.of("/usr/bin/python3"))
                && new ProcessBuilder("/usr/bin/python3", "-c", "import numpy, torch").start().waitFor() == 0;
        if (required) {
            assertTrue(present, "DLREF_REQUIRE_PYTHON=1 but /usr/bin/python3 cannot import numpy and torch");
        }
        if (!present) {
            System.err.println("ConformanceTest: the PyTorch client is skipped: /usr/bin/python3 with numpy and torch "
                    + "is not installed (Debian: python3-numpy, python3-torch)");
        }
        assumeTrue(present, "/usr/bin/python3 with numpy and torch is not installed");
    }

    static final String CLIENT = "PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 ../clients/python/conform_torch.py";

    static List<Conformance.Case> pytorchCases() {
        return Conformance.suite().stream().filter(c -> c.convention().equals(Conformance.PYTORCH)).toList();
    }

    @Test
    void theKitsPyTorchClientPassesEveryPyTorchCase() throws Exception {
        requirePythonAndTorch();
        List<String> failed = new ArrayList<>();
        for (Conformance.Case c : pytorchCases()) {
            Conformance.Outcome o = Conformance.run(c, CLIENT, Duration.ofSeconds(120), dir, Tolerance.DEFAULT);
            if (!o.passed()) {
                failed.add(o.toString());
            }
        }
        assertEquals(List.of(), failed);
    }

    /**
     * The client with GELU's tanh approximation where the spec asks for the exact GELU: among the layer and format
     * cases exactly the exact-GELU case fails (the tanh-form case and every other layer pass), at step 1's loss.
     */
    @Test
    void aClientWithTheTanhGeluForTheExactOneFailsExactlyTheExactGeluCase() throws Exception {
        requirePythonAndTorch();
        Map<String, String> status = new TreeMap<>();
        Map<String, String> expected = new TreeMap<>();
        for (Conformance.Case c : pytorchCases()) {
            if (c.name().startsWith("layer-") || c.name().startsWith("format-")) {
                Conformance.Outcome o = Conformance.run(c, CLIENT + " --bug gelu-tanh", Duration.ofSeconds(120), dir,
                        Tolerance.DEFAULT);
                status.put(c.name(), o.status());
                expected.put(c.name(), c.name().equals("layer-gelu") ? "fail" : "pass");
                if (o.status().equals("fail")) {
                    assertTrue(o.firstDivergence().startsWith("step 1, loss: "), o.firstDivergence());
                }
            }
        }
        assertEquals(18, expected.size());
        assertEquals(expected, status);
    }

    @Test
    void casesOfConventionsNotAskedAreListedWithTheReason() throws Exception {
        Conformance.Case keras = Conformance.suite().stream().filter(c -> c.name().equals("keras-adam")).findFirst()
                .orElseThrow();
        assertEquals("keras", keras.convention());
        Conformance.Outcome o = Conformance.notAsked(keras, List.of("pytorch"));
        assertEquals("not_asked", o.status());
        assertFalse(o.asked());
        assertFalse(o.passed());
        assertEquals("a keras case; this run asks pytorch (--conventions pytorch,keras includes it)", o.detail());
        ObjectNode json = Conformance.json("cmd", List.of(o, new Conformance.Outcome("a", "A", "pass", "", "", "")));
        assertEquals(1, json.get("not_asked").intValue());
        SchemasTest.valid("conform-report.schema.json", json);
        assertTrue(Conformance.markdown("cmd", List.of(o)).contains("0 of 0 cases pass; 1 not asked (conventions the "
                + "client did not opt into)."));
        assertThrows(IllegalArgumentException.class, () -> new Conformance.Case("x", "y", keras.spec(), "jax"));
    }

    /** The 20-line client of docs/oracle.md ({@code clients/python/example_sgd.py}) passes the loader cases. */
    @Test
    void theDocumentedExampleClientPassesTheLoaderCases() throws Exception {
        requirePythonAndTorch();
        for (Conformance.Case c : Conformance.suite()) {
            if (c.name().startsWith("loader-")) {
                Conformance.Outcome o = Conformance.run(c, "PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 "
                        + "../clients/python/example_sgd.py", Duration.ofSeconds(120), dir, Tolerance.DEFAULT);
                assertEquals("pass", o.status(), o.toString());
            }
        }
    }

    /**
     * The client with Adam's epsilon inside the square root: among the optimizer cases exactly the four Adam and
     * AdamW ones fail, each with a first divergence at step 1 (the first update) and a diagnosis.
     */
    @Test
    void aClientWithADeliberateBugFailsExactlyTheCasesItShould() throws Exception {
        requirePythonAndTorch();
        Map<String, String> status = new TreeMap<>();
        for (Conformance.Case c : pytorchCases()) {
            if (c.name().startsWith("optimizer-")) {
                Conformance.Outcome o = Conformance.run(c, CLIENT + " --bug adam-eps-inside", Duration.ofSeconds(120),
                        dir, Tolerance.DEFAULT);
                status.put(c.name(), o.status());
                if (o.status().equals("fail")) {
                    assertTrue(o.firstDivergence().startsWith("step 1, parameters "), o.firstDivergence());
                    assertTrue(!o.diagnosis().isEmpty());
                }
            }
        }
        Map<String, String> expected = new TreeMap<>();
        for (String n : List.of("sgd-momentum", "sgd-dampening", "sgd-nesterov", "sgd-weight-decay", "adagrad",
                "adagrad-lr-decay", "rmsprop", "rmsprop-centered-momentum", "nadam", "radam", "adamax", "adadelta",
                "rprop", "asgd")) {
            expected.put("optimizer-" + n, "pass");
        }
        for (String n : List.of("adam", "adam-amsgrad", "adam-l2", "adamw")) {
            expected.put("optimizer-" + n, "fail");
        }
        assertEquals(expected, status);
    }
}
