package io.github.dlref.verify.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.verify.TestTolerances;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ExampleCatalogTest {

    private static final List<WorkedExample> STANDARD = ExampleCatalog.standard().run();

    @Test
    void everyStandardExamplePasses() {
        List<String> failures = STANDARD.stream().filter(e -> !e.passed())
                .map(e -> e.id() + ": expected " + e.expected() + ", computed " + e.computed()).toList();
        assertEquals(List.of(), failures);
        assertTrue(STANDARD.size() >= 150, "catalog size " + STANDARD.size());
    }

    @Test
    void theIssuesRequiredExamplesArePresent() {
        Set<String> ids = STANDARD.stream().map(WorkedExample::id).collect(Collectors.toSet());
        for (String id : List.of("cs231n-opt-bp/quadratic/gradient-at-2", "cs231n-opt-bp/quadratic/step-lr-0.1",
                "cs231n-opt-bp/quadratic/step-lr-0.01", "cs231n-opt-bp/quadratic/step-lr-1",
                "cs231n-opt-bp/quadratic/loss-after-lr-1", "cs231n-opt-bp/quadratic/converges-to-minimum",
                "cs231n-opt-bp/product/df-dx", "cs231n-opt-bp/sigmoid-neuron/df-dx1/course-value",
                "cs231n-opt-bp/max-gate/tie-da", "cs231n-opt-bp/ratio/df-dx",
                "dl-optimization/dl-dw8/C/numeric", "dl-optimization/dl-dz2/B/engine",
                "dl-optimization/softmax-jacobian/A/dy1-dz2/engine", "bp-optimizers/sigmoid-derivative/z=0.5",
                "bp-optimizers/three-layer/de-dw_m2i3", "bp-optimizers/three-layer/de-dw_i3j2",
                "micrograd/sanity-check/dy-dx", "micrograd/more-ops/dg-db/pytorch")) {
            assertTrue(ids.contains(id), id);
        }
    }

    @Test
    void documentValuesOfTheCs231nQuadraticAreReproduced() {
        assertEquals(18.0, find("cs231n-opt-bp/quadratic/gradient-at-2").computed());
        assertEquals(-16.0, find("cs231n-opt-bp/quadratic/step-lr-1").computed());
        assertEquals(0.2, find("cs231n-opt-bp/quadratic/step-lr-0.1").computed(), TestTolerances.FEW_ULPS);
        assertEquals(1.82, find("cs231n-opt-bp/quadratic/step-lr-0.01").computed(), TestTolerances.FEW_ULPS);
        assertTrue(find("cs231n-opt-bp/quadratic/loss-after-lr-1").computed() > 24.0); // loss rises
        assertTrue(find("cs231n-opt-bp/quadratic/loss-after-lr-0.1").computed() < 24.0);
        assertEquals(-1.0, find("cs231n-opt-bp/quadratic/converges-to-minimum").computed(), TestTolerances.ROUNDING);
    }

    @Test
    void runsAreDeterministicBitForBit() {
        List<WorkedExample> again = ExampleCatalog.standard().run();
        assertEquals(STANDARD.size(), again.size());
        for (int i = 0; i < again.size(); i++) {
            assertEquals(STANDARD.get(i).id(), again.get(i).id());
            assertEquals(Double.doubleToRawLongBits(STANDARD.get(i).computed()),
                    Double.doubleToRawLongBits(again.get(i).computed()), STANDARD.get(i).id());
        }
    }

    @Test
    void aFailingProviderBecomesAFailingExampleAndDuplicatesAreRejected() {
        ExampleSource broken = new ExampleSource() {
            @Override
            public String name() {
                return "broken provider";
            }

            @Override
            public List<WorkedExample> examples() {
                throw new ArithmeticException("log: argument must be > 0, got 0.0");
            }
        };
        List<WorkedExample> run = new ExampleCatalog(List.of(broken)).run();
        assertEquals(1, run.size());
        assertEquals("broken-provider/error", run.get(0).id());
        assertFalse(run.get(0).passed());
        assertTrue(run.get(0).quantity().contains("log: argument must be > 0"));

        WorkedExample one = new WorkedExample("x/1", new SourceRef("x", "s"), "q", "1", 1, 1, Tolerances.EXACT,
                Optional.empty());
        ExampleSource twice = new ExampleSource() {
            @Override
            public String name() {
                return "twice";
            }

            @Override
            public List<WorkedExample> examples() {
                return List.of(one, one);
            }
        };
        assertThrows(IllegalStateException.class, () -> new ExampleCatalog(List.of(twice)).run());
        assertThrows(IllegalArgumentException.class, () -> new ExampleCatalog(null));
    }

    @Test
    void errataFileAndCatalogCorrectionsMatchBothWays() throws IOException {
        String errata = Files.readString(Path.of("..", "docs", "errata.md"));
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^### ([a-z0-9-]+-\\d+)\\b").matcher(errata);
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> corrected = STANDARD.stream().flatMap(e -> e.correction().stream())
                .map(Correction::erratumId).collect(Collectors.toCollection(TreeSet::new));
        // every correction in the catalog has an entry; every entry whose evidence names catalog examples
        // is corrected by one (entries proved only by a module's own tests, e.g. optim's, name no example)
        for (String id : corrected) {
            assertTrue(documented.contains(id), "docs/errata.md lacks " + id);
        }
        Pattern namesExamples = Pattern.compile("examples? `[a-z0-9-]+/");
        for (String id : documented) {
            if (errata.contains("### " + id + " ") && namesExamples.matcher(sectionOf(errata, id)).find()) {
                assertTrue(corrected.contains(id), "no catalog example corrects " + id);
            }
        }
    }

    private static String sectionOf(String errata, String id) {
        int start = errata.indexOf("### " + id + " ");
        int end = errata.indexOf("\n### ", start + 1);
        return errata.substring(start, end < 0 ? errata.length() : end);
    }

    static WorkedExample find(String id) {
        return STANDARD.stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no example " + id));
    }

    static List<WorkedExample> corrections(String erratumId) {
        return STANDARD.stream()
                .filter(e -> e.correction().map(c -> c.erratumId().equals(erratumId)).orElse(false)).toList();
    }
}
