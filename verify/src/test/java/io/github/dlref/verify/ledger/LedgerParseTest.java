package io.github.dlref.verify.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ledger's reader and model on small hand-written ledgers: each verdict kind, and every malformed input
 * refused with the JSON path of the problem.
 */
class LedgerParseTest {

    private static final String R = "{\"id\": \"doc/a\", \"section\": \"S\", \"form\": \"x = 1\", \"verdict\": "
            + "\"reproduced\", \"evidence\": [\"example:doc/x\"]}";
    private static final String E = "{\"id\": \"doc/b\", \"section\": \"S\", \"form\": \"y | z\", \"verdict\": "
            + "\"erratum\", \"erratum\": \"doc-1\", \"evidence\": [\"test:nn:a.b.CTest#m\"]}";
    private static final String C = "{\"id\": \"doc/c\", \"section\": \"T\", \"form\": \"`q`\", \"verdict\": "
            + "\"convention\", \"ambiguity\": \"A\", \"pick\": \"P\", \"agree\": \"G\"}";
    private static final String N = "{\"id\": \"doc/d\", \"section\": \"T\", \"form\": \"w\", \"verdict\": "
            + "\"not-computable\", \"reason\": \"prose\"}";

    private static String ledger(String... entries) {
        return "{\"format\": \"dlref-ledger/1\", \"documents\": [{\"id\": \"doc\", \"title\": \"Doc\", \"entries\": ["
                + String.join(", ", entries) + "]}]}";
    }

    private static String refused(String json) {
        return assertThrows(IllegalArgumentException.class, () -> Ledger.parse(json)).getMessage();
    }

    @Test
    void readsTheFourVerdictsAndCountsThem() {
        Ledger l = Ledger.parse(ledger(R, E, C, N));
        List<LedgerEntry> entries = l.document("doc").entries();
        assertEquals(List.of("doc/a", "doc/b", "doc/c", "doc/d"), entries.stream().map(LedgerEntry::id).toList());
        assertEquals(List.of(Reference.parse("example:doc/x")), entries.get(0).verdict().evidence());
        Verdict.Erratum e = assertInstanceOf(Verdict.Erratum.class, entries.get(1).verdict());
        assertEquals("doc-1", e.erratumId());
        assertEquals("erratum", e.kind());
        Verdict.Convention c = assertInstanceOf(Verdict.Convention.class, entries.get(2).verdict());
        assertEquals(List.of("A", "P", "G"), List.of(c.ambiguity(), c.pick(), c.agree()));
        assertEquals(List.of(), c.evidence());
        assertEquals("convention", c.kind());
        Verdict.NotComputable n = assertInstanceOf(Verdict.NotComputable.class, entries.get(3).verdict());
        assertEquals("prose", n.reason());
        assertEquals(List.of(), n.evidence());
        assertEquals("not-computable", n.kind());
        assertEquals("reproduced", entries.get(0).verdict().kind());
        assertEquals(new LedgerCounts(4, 1, 1, 1, 1), l.counts());
        assertEquals(new LedgerCounts(4, 1, 1, 1, 1), l.document("doc").counts());
        assertEquals("doc", entries.get(0).documentId());
        assertEquals(4, l.entries().size());
        assertThrows(IllegalArgumentException.class, () -> l.document("other"));
    }

    @Test
    void aMissingOrUnknownVerdictIsRefusedWithItsPath() {
        assertEquals("$.documents[0].entries[1].verdict: expected a non-blank string, got nothing",
                refused(ledger(R, "{\"id\": \"doc/b\", \"section\": \"S\", \"form\": \"f\"}")));
        assertEquals("$.documents[0].entries[0].verdict: expected reproduced, erratum, convention or not-computable, "
                + "got maybe", refused(ledger(R.replace("\"reproduced\"", "\"maybe\""))));
    }

    @Test
    void keysMustBeThoseOfTheVerdict() {
        assertTrue(refused(ledger(N.replace("\"reason\"", "\"evidence\": [], \"reason\""))).startsWith(
                "$.documents[0].entries[0].evidence: unknown key"));
        assertTrue(refused(ledger(R.replace("\"form\": \"x = 1\"", "\"form\": \"x = 1\", \"pick\": \"p\"")))
                .startsWith("$.documents[0].entries[0].pick: unknown key"));
        assertEquals("$.documents[0].entries[0].reason: expected a non-blank string, got \" \"",
                refused(ledger(N.replace("\"prose\"", "\" \""))));
        assertTrue(refused("{\"format\": \"dlref-ledger/1\", \"documents\": [], \"x\": 1}").startsWith("$.x: unknown key"));
    }

    @Test
    void evidenceIsRequiredExceptForAConventionAndMustBeWellFormed() {
        assertEquals("$.documents[0].entries[0].evidence: expected an array, got nothing",
                refused(ledger(R.replace(", \"evidence\": [\"example:doc/x\"]", ""))));
        assertEquals("$.documents[0].entries[0]: Verdict reproduced: at least one example or test is required",
                refused(ledger(R.replace("[\"example:doc/x\"]", "[]"))));
        assertEquals("$.documents[0].entries[0]: Verdict erratum: at least one example or test is required",
                refused(ledger(E.replace("[\"test:nn:a.b.CTest#m\"]", "[]"))));
        assertEquals("$.documents[0].entries[0].evidence[0]: expected a string, got NUMBER",
                refused(ledger(R.replace("\"example:doc/x\"", "3"))));
        assertTrue(refused(ledger(R.replace("example:doc/x", "doc/x")))
                .startsWith("$.documents[0].entries[0].evidence[0]: Reference: expected 'example:ID'"));
        assertTrue(refused(ledger(E.replace("test:nn:a.b.CTest#m", "test:nn:CTest#m")))
                .contains("a test is MODULE:package.Class#method"));
        assertTrue(refused(ledger(E.replace("\"doc-1\"", "\"doc1\""))).contains("<document>-<number>"));
    }

    @Test
    void idsAreUniqueAndBelongToTheirDocument() {
        assertEquals("$: Ledger: entry id doc/a appears twice", refused(ledger(R, R)));
        assertTrue(refused(ledger(R.replace("doc/a", "other/a"))).contains("entry other/a belongs to another document"));
        assertTrue(refused(ledger(R.replace("doc/a", "Doc/A"))).contains("<document>/<slug>"));
        assertEquals("$.documents[0]: LedgerDocument doc: entries must be non-empty, no null", refused(ledger()));
        String two = "{\"format\": \"dlref-ledger/1\", \"documents\": [{\"id\": \"doc\", \"title\": \"D\", \"entries\": ["
                + R + "]}, {\"id\": \"doc\", \"title\": \"D\", \"entries\": [" + N + "]}]}";
        assertEquals("$: Ledger: document doc appears twice", refused(two));
    }

    @Test
    void theFileMustBeTheFormatInValidJson() {
        assertEquals("$.format: expected dlref-ledger/1, got dlref-ledger/2",
                refused(ledger(R).replace("dlref-ledger/1", "dlref-ledger/2")));
        assertTrue(refused("{\"format\": ").startsWith("$: not valid JSON at line 1"));
        assertEquals("$: expected a JSON object, got an empty document", refused(""));
        assertEquals("$: expected an object", refused("[1]"));
        assertEquals("$.documents: expected an array, got OBJECT",
                refused("{\"format\": \"dlref-ledger/1\", \"documents\": {}}"));
        assertEquals("$.documents[0].entries[0]: expected an object", refused(ledger("1")));
        assertTrue(refused("{\"format\": \"dlref-ledger/1\", \"format\": \"x\"}").startsWith("$: not valid JSON"));
        assertEquals("$: Ledger: documents must be non-empty, no null",
                refused("{\"format\": \"dlref-ledger/1\", \"documents\": []}"));
    }

    @Test
    void referencesMatchExamplesByIdOrPrefixAndNameTestSources() {
        Reference exact = Reference.parse("example:a/b");
        assertTrue(exact.matchesExample("a/b"));
        assertFalse(exact.matchesExample("a/bc"));
        Reference prefix = Reference.parse("example:a/b*");
        assertTrue(prefix.matchesExample("a/b"));
        assertTrue(prefix.matchesExample("a/bc/d"));
        assertFalse(prefix.matchesExample("a/c"));
        assertEquals("example:a/b*", prefix.toString());
        assertThrows(IllegalArgumentException.class, () -> Reference.parse("example:a*b"));
        assertThrows(IllegalArgumentException.class, () -> Reference.parse("example:a b"));
        assertThrows(IllegalArgumentException.class, () -> Reference.parse(null));
        Reference test = Reference.parse("test:optim:io.github.dlref.optim.AdamTest#firstStepsByHand");
        assertEquals("optim", test.module());
        assertEquals("io.github.dlref.optim.AdamTest", test.className());
        assertEquals("firstStepsByHand", test.methodName());
        assertFalse(test.matchesExample("optim"));
        assertEquals("test:optim:io.github.dlref.optim.AdamTest#firstStepsByHand", test.toString());
        assertThrows(IllegalStateException.class, exact::module);
        assertThrows(IllegalStateException.class, exact::className);
        assertThrows(IllegalStateException.class, exact::methodName);
    }

    @Test
    void theModelRefusesIncompleteValues() {
        assertThrows(IllegalArgumentException.class, () -> new LedgerCounts(3, 1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new LedgerCounts(0, -1, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LedgerEntry("doc/a", "S", "f", null));
        assertThrows(IllegalArgumentException.class,
                () -> new LedgerEntry("doc/a", " ", "f", new Verdict.NotComputable("r")));
        assertThrows(IllegalArgumentException.class, () -> new Verdict.Convention("a", "p", "", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Verdict.Convention("a", "p", "g", null));
        assertThrows(IllegalArgumentException.class, () -> new Verdict.NotComputable(null));
        assertThrows(IllegalArgumentException.class, () -> new LedgerDocument("doc", " ", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Ledger(null));
    }

    @Test
    void theMarkdownEscapesPipesAndBackticksAndGroupsBySection() {
        String md = LedgerMarkdown.render(Ledger.parse(ledger(R, E, C, N)));
        assertTrue(md.contains("| [doc](#doc) | 4 | 1 | 1 | 1 | 1 |\n"));
        assertTrue(md.contains("| all | 4 | 1 | 1 | 1 | 1 |\n"));
        assertTrue(md.contains("| `b` | `y \\| z` | erratum doc-1 | `test:nn:a.b.CTest#m` |\n"));
        assertTrue(md.contains("| `c` | `` `q` `` | convention: A dlref: P (G) |  |\n"));
        assertTrue(md.contains("| `d` | `w` | not computable: prose |  |\n"));
        assertEquals(2, md.split("\n### ", -1).length - 1, "one heading per run of entries in a section");
    }
}
