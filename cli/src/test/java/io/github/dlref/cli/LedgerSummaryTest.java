package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlref.verify.examples.ExampleCatalog;
import io.github.dlref.verify.ledger.Ledger;
import io.github.dlref.verify.ledger.LedgerCounts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code dlref examples --ledger}: the ledger's counts per document, as a table within 80 columns or as JSON. */
class LedgerSummaryTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    private static final String SMALL = "{\"format\": \"dlref-ledger/1\", \"documents\": ["
            + "{\"id\": \"first-document\", \"title\": \"One\", \"entries\": ["
            + "{\"id\": \"first-document/a\", \"section\": \"S\", \"form\": \"f\", \"verdict\": \"reproduced\", "
            + "\"evidence\": [\"example:x\"]},"
            + "{\"id\": \"first-document/b\", \"section\": \"S\", \"form\": \"f\", \"verdict\": \"not-computable\", "
            + "\"reason\": \"r\"}]},"
            + "{\"id\": \"second\", \"title\": \"Two\", \"entries\": ["
            + "{\"id\": \"second/c\", \"section\": \"S\", \"form\": \"f\", \"verdict\": \"erratum\", "
            + "\"erratum\": \"second-1\", \"evidence\": [\"example:y\"]},"
            + "{\"id\": \"second/d\", \"section\": \"S\", \"form\": \"f\", \"verdict\": \"convention\", "
            + "\"ambiguity\": \"a\", \"pick\": \"p\", \"agree\": \"g\"},"
            + "{\"id\": \"second/e\", \"section\": \"S\", \"form\": \"f\", \"verdict\": \"convention\", "
            + "\"ambiguity\": \"a\", \"pick\": \"p\", \"agree\": \"g\"}]}]}";

    /** The examples command over a small ledger, configured as {@link Dlref#commandLine} configures it. */
    private static CommandLine small() {
        CommandLine cl = new CommandLine(new ExamplesCommand(() -> {
            throw new AssertionError("--ledger must not run the catalog");
        }, () -> Ledger.parse(SMALL)));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        CommandErrors errors = new CommandErrors();
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionExceptionHandler(errors);
        return cl;
    }

    @Test
    void aTableOfTheCountsPerDocumentAndInAll() {
        Run r = run(small(), "--ledger");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(List.of(
                "document        entries  reproduced  errata  conventions  not computable",
                "first-document        2           1       0            0               1",
                "second                3           0       1            2               0",
                "all                   5           1       1            2               1",
                "",
                "Every entry with its form, verdict and evidence: docs/ledger.md"), lines);
    }

    @Test
    void theProjectsLedgerFitsEightyColumnsAndShowsItsCounts() {
        Run r = run(Dlref.commandLine(ExampleCatalog::standard), "examples", "--ledger");
        assertEquals(0, r.exit(), r.err());
        Ledger ledger = Ledger.standard();
        List<String> lines = r.out().lines().toList();
        assertEquals(ledger.documents().size() + 4, lines.size());
        for (String line : lines) {
            assertTrue(line.length() <= 80, line.length() + " columns: " + line);
        }
        LedgerCounts all = ledger.counts();
        assertEquals(String.format("%-18s  %7d  %10d  %6d  %11d  %14d", "all", all.entries(), all.reproduced(),
                all.errata(), all.conventions(), all.notComputable()), lines.get(ledger.documents().size() + 1));
        assertTrue(lines.get(1).startsWith("dl-optimization "), lines.get(1));
    }

    @Test
    void jsonGivesTheSameCounts() throws Exception {
        Run r = run(small(), "--ledger", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("second", root.get("documents").get(1).get("id").asText());
        assertEquals("Two", root.get("documents").get(1).get("title").asText());
        assertEquals(2, root.get("documents").get(1).get("conventions").asInt());
        assertEquals(1, root.get("documents").get(0).get("notComputable").asInt());
        assertEquals(5, root.get("all").get("entries").asInt());
        assertEquals(1, root.get("all").get("errata").asInt());
        assertEquals(1, root.get("all").get("reproduced").asInt());
    }

    @Test
    void theLedgerIsNotCombinedWithAllOrOnly() {
        Run all = run(small(), "--ledger", "--all");
        assertEquals(2, all.exit());
        assertTrue(all.err().contains("--ledger prints the counts of every document; it cannot be combined with --all"),
                all.err());
        Run only = run(small(), "--ledger", "--only", "second");
        assertEquals(2, only.exit());
        assertTrue(only.err().contains("cannot be combined with --only"), only.err());
        assertThrows(IllegalArgumentException.class, () -> new ExamplesCommand(ExampleCatalog::standard, null));
    }
}
