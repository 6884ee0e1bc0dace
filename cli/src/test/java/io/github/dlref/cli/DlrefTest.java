package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlref.verify.examples.Correction;
import io.github.dlref.verify.examples.ExampleCatalog;
import io.github.dlref.verify.examples.ExampleSource;
import io.github.dlref.verify.examples.SourceRef;
import io.github.dlref.verify.examples.Tolerances;
import io.github.dlref.verify.examples.WorkedExample;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DlrefTest {

    /** The outcome of one in-process run. */
    private record Run(int exit, String out, String err) {
    }

    private static Run run(ExampleCatalog catalog, String... args) {
        CommandLine cl = Dlref.commandLine(() -> catalog);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** A provider with fixed examples. */
    private static ExampleSource fixed(WorkedExample... examples) {
        return new ExampleSource() {
            @Override
            public String name() {
                return "fixed";
            }

            @Override
            public List<WorkedExample> examples() {
                return List.of(examples);
            }
        };
    }

    /** The standard catalog with one extra example whose expected value is deliberately wrong. */
    private static ExampleCatalog standardPlusWrong() {
        List<ExampleSource> sources = new ArrayList<>(ExampleCatalog.standard().sources());
        sources.add(fixed(new WorkedExample("test/deliberately-wrong", new SourceRef("cs231n-opt-bp", "test"),
                "dy/dx of 3x^2 + 6x at x = 2, with a wrong expected value", "19", 19.0, 18.0, Tolerances.EXACT,
                Optional.empty())));
        return new ExampleCatalog(sources);
    }

    @Test
    void standardCatalogPassesAndPrintsTheTable() {
        Run r = run(ExampleCatalog.standard(), "examples", "--all");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().split("\\R");
        assertTrue(lines[0].startsWith("ID"), lines[0]);
        for (String column : List.of("SOURCE", "QUANTITY", "EXPECTED", "COMPUTED", "STATUS")) {
            assertTrue(lines[0].contains(column), column);
        }
        assertTrue(r.out().contains("cs231n-opt-bp/quadratic/gradient-at-2"));
        assertTrue(r.out().matches("(?s).*\\d+ examples: \\d+ passed, 0 failed.*"), r.out());
        assertTrue(r.out().contains("Corrections of the documents"));
        assertFalse(r.out().contains("FAIL"));
    }

    @Test
    void aDeliberatelyWrongExpectedValueMakesTheExitStatusNonZero() {
        Run table = run(standardPlusWrong(), "examples", "--all");
        assertEquals(1, table.exit());
        assertTrue(table.out().contains("test/deliberately-wrong"));
        assertTrue(table.out().contains("1 failed"));
        assertTrue(table.out().contains("Failures:"));
        Run json = run(standardPlusWrong(), "examples", "--format", "json");
        assertEquals(1, json.exit());
    }

    @Test
    void aCorrectionThatTheDocumentFormWouldAlsoPassFails() {
        WorkedExample notProven = new WorkedExample("test/not-proven", new SourceRef("bp-optimizers", "test"), "q",
                "0.5", 0.5, 0.5, Tolerances.EXACT,
                Optional.of(Correction.evaluated("bp-optimizers-5", "doc", "fixed", 0.5, "same value")));
        Run r = run(new ExampleCatalog(List.of(fixed(notProven))), "examples", "--all");
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("uncorrected form is accepted too"), r.out());
    }

    @Test
    void jsonHasEveryFieldAndDoublesRoundTrip() throws Exception {
        Run r = run(ExampleCatalog.standard(), "examples", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        List<WorkedExample> examples = ExampleCatalog.standard().run();
        assertEquals(examples.size(), root.path("summary").path("total").asInt());
        assertEquals(0, root.path("summary").path("failed").asInt());
        JsonNode array = root.path("examples");
        assertEquals(examples.size(), array.size());
        for (int i = 0; i < examples.size(); i++) {
            WorkedExample e = examples.get(i);
            JsonNode node = array.get(i);
            assertEquals(e.id(), node.path("id").asText());
            assertEquals(e.source().shortId(), node.path("source").path("shortId").asText());
            assertEquals(e.quantity(), node.path("quantity").asText());
            assertEquals(e.stated(), node.path("stated").asText());
            assertEquals("PASS", node.path("status").asText());
            // the JSON number text is Double.toString and parses back to the same bits
            assertEquals(Double.toString(e.computed()), node.path("computed").asText());
            assertEquals(Double.doubleToRawLongBits(e.computed()),
                    Double.doubleToRawLongBits(Double.parseDouble(node.path("computed").asText())));
            assertEquals(Double.doubleToRawLongBits(e.expected()),
                    Double.doubleToRawLongBits(Double.parseDouble(node.path("expected").asText())));
            assertTrue(node.has("comparison") && node.path("comparison").has("kind"));
            assertEquals(e.correction().isPresent(), !node.path("correction").isNull());
        }
        JsonNode decay = find(array, "bp-optimizers/lr-decay/epoch-0");
        assertEquals("Infinity", decay.path("correction").path("documentValue").asText());
        assertTrue(decay.path("correction").path("documentValue").isTextual());
        JsonNode softmax = find(array, "cs231n-opt-bp/softmax/dL-dW2-1");
        assertTrue(softmax.path("correction").path("documentValue").isNull());
        JsonNode tolerance = find(array, "cs231n-opt-bp/sigmoid-neuron/f/course-value");
        assertEquals("tolerance", tolerance.path("comparison").path("kind").asText());
        assertEquals(0.005, tolerance.path("comparison").path("absolute").asDouble());
    }

    private static JsonNode find(JsonNode array, String id) {
        for (JsonNode node : array) {
            if (node.path("id").asText().equals(id)) {
                return node;
            }
        }
        throw new AssertionError("no " + id);
    }

    @Test
    void helpAndVersionExitZero() {
        Run help = run(ExampleCatalog.standard(), "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("Usage: dlref"));
        assertTrue(help.out().contains("examples"));
        Run version = run(ExampleCatalog.standard(), "--version");
        assertEquals(0, version.exit());
        assertTrue(version.out().startsWith("dlref "), version.out());
        Run subHelp = run(ExampleCatalog.standard(), "examples", "--help");
        assertEquals(0, subHelp.exit());
        assertTrue(subHelp.out().contains("--format"));
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run(ExampleCatalog.standard(), "examples", "--format", "xml").exit());
        assertEquals(2, run(ExampleCatalog.standard(), "examples", "--bogus").exit());
        assertEquals(2, run(ExampleCatalog.standard(), "no-such-command").exit());
        Run none = run(ExampleCatalog.standard());
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("missing command"), none.err());
    }

    @Test
    void formatIsCaseInsensitive() {
        assertEquals(0, run(ExampleCatalog.standard(), "examples", "--format", "JSON").exit());
        assertEquals(0, run(ExampleCatalog.standard(), "examples", "--format=table").exit());
    }
}
