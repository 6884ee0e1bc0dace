package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.verify.examples.ExampleCatalog;
import io.github.dlref.verify.examples.ExampleSource;
import io.github.dlref.verify.examples.SourceRef;
import io.github.dlref.verify.examples.Tolerances;
import io.github.dlref.verify.examples.WorkedExample;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code dlref examples}: the short report by default, {@code --all} and {@code --only}. */
class ExamplesSummaryTest {

    private record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static Run run(ExampleCatalog catalog, String... args) {
        CommandLine cl = Dlref.commandLine(() -> catalog);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    private static ExampleCatalog withOneWrong() {
        List<ExampleSource> sources = new ArrayList<>(ExampleCatalog.standard().sources());
        WorkedExample wrong = new WorkedExample("test/deliberately-wrong", new SourceRef("cs231n-opt-bp", "test"),
                "dy/dx of 3x^2 + 6x at x = 2, with a wrong expected value", "19", 19.0, 18.0, Tolerances.EXACT,
                Optional.empty());
        sources.add(new ExampleSource() {
            @Override
            public String name() {
                return "fixed";
            }

            @Override
            public List<WorkedExample> examples() {
                return List.of(wrong);
            }
        });
        return new ExampleCatalog(sources);
    }

    @Test
    void byDefaultOneLinePerDocumentAndTheVerdictLastWithinEightyColumns() {
        List<WorkedExample> examples = ExampleCatalog.standard().run();
        Set<String> documents = new LinkedHashSet<>();
        Set<String> errata = new TreeSet<>();
        for (WorkedExample e : examples) {
            documents.add(e.source().shortId());
            e.correction().ifPresent(c -> errata.add(c.erratumId()));
        }
        Run r = run(ExampleCatalog.standard(), "examples");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.lines();
        for (String line : lines) {
            assertTrue(line.length() <= 80, line.length() + " columns: " + line);
        }
        assertTrue(lines.size() <= documents.size() + 4, "short: " + r.out());
        assertEquals("Full table: dlref examples --all; the errata: docs/errata.md", lines.get(lines.size() - 2));
        for (String d : documents) {
            assertEquals(1, lines.stream().filter(l -> l.startsWith(d + " ") && l.endsWith("PASS")).count(), d);
        }
        assertEquals("PASS: all " + examples.size() + " examples of " + documents.size() + " documents reproduced ("
                + errata.size() + " errata)", lines.get(lines.size() - 1));
    }

    @Test
    void aFailureIsNamedAndTheVerdictSaysFail() {
        Run r = run(withOneWrong(), "examples");
        assertEquals(1, r.exit());
        List<String> lines = r.lines();
        assertEquals("FAIL: 1 of " + (ExampleCatalog.standard().run().size() + 1) + " examples not reproduced",
                lines.get(lines.size() - 1));
        assertTrue(r.out().contains("  test/deliberately-wrong: expected 19.0, computed 18.0"), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("cs231n-opt-bp ") && l.endsWith("FAIL")), r.out());
    }

    @Test
    void onlyFiltersByDocumentOrIdPrefix() {
        Run doc = run(ExampleCatalog.standard(), "examples", "--only", "bp-optimizers");
        assertEquals(0, doc.exit(), doc.err());
        assertEquals(1, doc.lines().stream().filter(l -> l.endsWith("PASS") && !l.startsWith("PASS")).count(),
                doc.out());
        List<WorkedExample> bp = ExampleCatalog.standard().run().stream()
                .filter(e -> e.source().shortId().equals("bp-optimizers")).toList();
        long bpErrata = bp.stream().flatMap(e -> e.correction().stream()).map(c -> c.erratumId()).distinct().count();
        assertEquals("PASS: all " + bp.size() + " examples of 1 document reproduced (" + bpErrata + " errata)",
                doc.lines().get(doc.lines().size() - 1));
        long expected = ExampleCatalog.standard().run().stream()
                .filter(e -> e.id().startsWith("cs231n-opt-bp/quadratic/")).count();
        Run id = run(ExampleCatalog.standard(), "examples", "--only", "cs231n-opt-bp/quadratic/", "--all");
        assertEquals(0, id.exit(), id.err());
        assertEquals(expected, id.lines().stream().filter(l -> l.startsWith("cs231n-opt-bp/quadratic/")).count());
        Run none = run(ExampleCatalog.standard(), "examples", "--only", "nothing-like-this");
        assertEquals(2, none.exit());
        assertEquals(1, none.err().lines().count(), none.err());
        assertTrue(none.err().startsWith("dlref examples: --only nothing-like-this: no document or example id "
                + "matches; the documents are "), none.err());
        assertTrue(none.err().contains("bp-optimizers"), none.err());
    }
}
