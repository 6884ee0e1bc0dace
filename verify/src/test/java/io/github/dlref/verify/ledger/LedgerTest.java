package io.github.dlref.verify.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.verify.examples.ExampleCatalog;
import io.github.dlref.verify.examples.WorkedExample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The ledger of the source documents ({@code ledger.json}) against the project: every reference names a catalog
 * example or a test method that exists (found by scanning the modules' test sources from the project root, so
 * tests of modules that are not on this module's classpath count too), every catalog example and every erratum
 * of {@code docs/errata.md} is referenced, every erratum entry names a test that its {@code docs/errata.md} section
 * names, and {@code docs/ledger.md} and the README's counts are those of the resource. Regenerate
 * {@code docs/ledger.md} with {@code -Ddlref.vectors.update=true}.
 */
class LedgerTest {

    private static final Path ROOT = Path.of("..");
    private static final Ledger LEDGER = Ledger.standard();
    private static final List<WorkedExample> CATALOG = ExampleCatalog.standard().run();
    private static final List<String> DOCUMENTS = List.of("dl-optimization", "bp-optimizers", "dl-basics",
            "param-optimization", "cs231n-opt-bp");

    @Test
    void theFiveDocumentsAreThereInTheOrderOfTheSourcesReadme() {
        assertEquals(DOCUMENTS, LEDGER.documents().stream().map(LedgerDocument::shortId).toList());
        for (LedgerDocument d : LEDGER.documents()) {
            assertTrue(d.entries().size() >= 10, d.shortId() + " has only " + d.entries().size() + " entries");
        }
    }

    @Test
    void everyTestReferenceNamesATestMethodThatExists() throws IOException {
        Map<String, String> sources = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (LedgerEntry e : LEDGER.entries()) {
            for (Reference r : e.verdict().evidence()) {
                if (r.kind() != Reference.Kind.TEST) {
                    continue;
                }
                Path file = ROOT.resolve(r.module()).resolve("src/test/java")
                        .resolve(r.className().replace('.', '/') + ".java");
                if (!Files.isRegularFile(file)) {
                    missing.add(e.id() + ": no file " + file);
                    continue;
                }
                String text = sources.computeIfAbsent(file.toString(), f -> read(Path.of(f)));
                if (!isTestMethod(text, r.methodName())) {
                    missing.add(e.id() + ": no test method " + r.methodName() + " in " + file);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void theSourceScanFindsTestMethodsOnlyWhereTheyAreAnnotated() {
        String source = "class T {\n    @Test\n    void a() {\n    }\n\n    @ParameterizedTest\n"
                + "    @ValueSource(doubles = {0.5, 1.0})\n    void b(double x) {\n    }\n\n    /** Helper. */\n"
                + "    private static void c() {\n    }\n}\n";
        assertTrue(isTestMethod(source, "a"));
        assertTrue(isTestMethod(source, "b"));
        assertFalse(isTestMethod(source, "c"));
        assertFalse(isTestMethod(source, "d"));
    }

    @Test
    void everyExampleReferenceNamesAtLeastOneCatalogExample() {
        List<String> dangling = new ArrayList<>();
        for (LedgerEntry e : LEDGER.entries()) {
            for (Reference r : e.verdict().evidence()) {
                if (r.kind() == Reference.Kind.EXAMPLE
                        && CATALOG.stream().noneMatch(x -> r.matchesExample(x.id()))) {
                    dangling.add(e.id() + " -> " + r);
                }
            }
        }
        assertEquals(List.of(), dangling);
    }

    @Test
    void everyCatalogExampleIsReferencedByAnEntry() {
        List<Reference> refs = LEDGER.entries().stream().flatMap(e -> e.verdict().evidence().stream()).toList();
        List<String> unreferenced = CATALOG.stream().map(WorkedExample::id)
                .filter(id -> refs.stream().noneMatch(r -> r.matchesExample(id))).toList();
        assertEquals(List.of(), unreferenced);
    }

    @Test
    void everyErratumIsAnEntryAndEveryEntryNamesATestOfItsErratum() throws IOException {
        String errata = Files.readString(ROOT.resolve("docs/errata.md"), StandardCharsets.UTF_8);
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^### ([a-z0-9-]+-\\d+) ").matcher(errata);
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> referenced = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (LedgerEntry e : LEDGER.entries()) {
            if (e.verdict() instanceof Verdict.Erratum v) {
                referenced.add(v.erratumId());
                if (!documented.contains(v.erratumId())) {
                    problems.add(e.id() + ": docs/errata.md has no entry " + v.erratumId());
                    continue;
                }
                String section = sectionOf(errata, v.erratumId());
                boolean named = v.evidence().stream().filter(r -> r.kind() == Reference.Kind.TEST)
                        .anyMatch(r -> section.contains(simpleName(r.className()) + "#" + r.methodName()));
                if (!named) {
                    problems.add(e.id() + ": none of its tests is named in the section of " + v.erratumId());
                }
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(documented, referenced, "every erratum of docs/errata.md needs a ledger entry");
        assertTrue(documented.size() >= 20);
    }

    @Test
    void everyEntryIdStartsWithItsDocumentAndEveryVerdictIsOneOfTheFour() {
        for (LedgerDocument d : LEDGER.documents()) {
            for (LedgerEntry e : d.entries()) {
                assertTrue(e.id().startsWith(d.shortId() + "/"), e.id());
                assertTrue(Set.of("reproduced", "erratum", "convention", "not-computable")
                        .contains(e.verdict().kind()), e.id());
            }
        }
        LedgerCounts all = LEDGER.counts();
        assertEquals(LEDGER.entries().size(), all.entries());
        assertEquals(all.entries(), LEDGER.documents().stream().mapToInt(d -> d.counts().entries()).sum());
    }

    @Test
    void docsLedgerIsTheRenderingOfTheResource() throws IOException {
        String rendered = LedgerMarkdown.render(LEDGER);
        Path committed = ROOT.resolve("docs/ledger.md");
        if (Boolean.getBoolean("dlref.vectors.update")) {
            Files.writeString(committed, rendered, StandardCharsets.UTF_8);
        }
        assertEquals(rendered, Files.readString(committed, StandardCharsets.UTF_8),
                "docs/ledger.md drifted from ledger.json; regenerate with -Ddlref.vectors.update=true");
    }

    @Test
    void theReadmesDocumentationTableCarriesTheCounts() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        LedgerCounts c = LEDGER.counts();
        String expected = c.entries() + " entries of the five documents: " + c.reproduced() + " reproduced, "
                + c.errata() + " errata, " + c.conventions() + " conventions, " + c.notComputable() + " not computable";
        assertTrue(readme.contains(expected), "README.md should say: " + expected);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    /** Whether {@code source} declares {@code void method(} with a test annotation among the lines just above it. */
    static boolean isTestMethod(String source, String method) {
        String[] lines = source.split("\n", -1);
        Pattern declaration = Pattern.compile("\\bvoid\\s+" + Pattern.quote(method) + "\\s*\\(");
        for (int i = 0; i < lines.length; i++) {
            if (!declaration.matcher(lines[i]).find()) {
                continue;
            }
            for (int j = i - 1; j >= 0; j--) {
                String t = lines[j].trim();
                if (t.isEmpty() || t.endsWith(";") || t.equals("}") || t.endsWith("*/") || t.endsWith("{")
                        && !t.startsWith("@")) {
                    break;
                }
                if (t.matches("@(Test|ParameterizedTest|RepeatedTest)\\b.*")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String sectionOf(String errata, String id) {
        int start = errata.indexOf("### " + id + " ");
        int end = errata.indexOf("\n### ", start + 1);
        String own = errata.substring(start, end < 0 ? errata.length() : end);
        // later "further evidence" bullets name more tests for an earlier entry
        StringBuilder all = new StringBuilder(own);
        Matcher m = Pattern.compile("(?m)^- \\*\\*" + Pattern.quote(id) + "\\*\\*.*(\\n  .*)*").matcher(errata);
        while (m.find()) {
            all.append('\n').append(m.group());
        }
        return all.toString();
    }
}
