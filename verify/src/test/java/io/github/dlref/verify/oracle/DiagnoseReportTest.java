package io.github.dlref.verify.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.verify.oracle.spec.Spec;
import io.github.dlref.verify.oracle.spec.SpecParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link DiagnoseReport} and {@link Variant#describe()} on comparisons of other implementations' trajectories
 * (PyTorch's Adam against itself, which matches, and against a NumPy Keras Adam, which does not under the default
 * tolerance): which results match, in the report's order, and how a variant names its axes.
 */
class DiagnoseReportTest {

    static final Path DIR = Path.of("src", "test", "resources", "diagnose");

    static Trajectory load(String name) throws IOException {
        return TrajectoryJson.read(Files.readString(DIR.resolve(name + ".trajectory.json"), StandardCharsets.UTF_8));
    }

    @Test
    void matchesAreThePassingResultsInOrder() throws IOException {
        Spec spec = SpecParser.parse(DIR.resolve("torch_adam.own.spec.json"));
        Trajectory torch = load("torch_adam");
        CheckReport same = Comparer.compare(torch, torch, Tolerance.DEFAULT);
        CheckReport other = Comparer.compare(torch, load("numpy_keras_adam"), Tolerance.DEFAULT);
        Variant a = new Variant(spec, "Algorithm 1 Adam", "loss reduction \"mean\"", "", true, "", 0);
        Variant b = new Variant(spec, "Keras epsilon-hat Adam", "loss reduction \"mean\"", "BatchNorm PyTorch", false,
                "schedule stepped per epoch", 2);
        DiagnoseReport.Result matching = new DiagnoseReport.Result(a, same);
        DiagnoseReport.Result failing = new DiagnoseReport.Result(b, other);
        assertTrue(matching.matched());
        assertFalse(failing.matched());

        List<DiagnoseReport.Result> results = new ArrayList<>(List.of(failing, matching, failing));
        DiagnoseReport report = new DiagnoseReport(Tolerance.DEFAULT, results, "matches Algorithm 1 Adam");
        results.clear();
        assertEquals(3, report.results().size(), "the results are copied");
        assertEquals(List.of(matching), report.matches());
        assertTrue(report.anyMatch());
        DiagnoseReport none = new DiagnoseReport(Tolerance.DEFAULT, List.of(failing), "no variant matches");
        assertEquals(List.of(), none.matches());
        assertFalse(none.anyMatch());
        assertFalse(new DiagnoseReport(Tolerance.EXACT, List.of(), "nothing").anyMatch());
        assertEquals("tolerance", assertThrows(NullPointerException.class,
                () -> new DiagnoseReport(null, List.of(), "v")).getMessage());
        assertEquals("verdict", assertThrows(NullPointerException.class,
                () -> new DiagnoseReport(Tolerance.DEFAULT, List.of(), null)).getMessage());

        assertEquals("Algorithm 1 Adam; loss reduction \"mean\"", a.describe());
        assertEquals("Keras epsilon-hat Adam; loss reduction \"mean\"; BatchNorm PyTorch; schedule stepped per epoch",
                b.describe());
        assertEquals("x; y; schedule", new Variant(spec, "x", "y", "", false, "schedule", 1).describe());
        assertEquals("x; y; bn", new Variant(spec, "x", "y", "bn", false, "", 1).describe());
    }

    @Test
    void aReportRefusesMissingParts() {
        Tolerance t = Tolerance.DEFAULT;
        java.util.Optional<Divergence> none = java.util.Optional.empty();
        assertEquals("firstDifference", assertThrows(NullPointerException.class, () -> new CheckReport(t, 1, 0, 0,
                null, none, none, none, none, List.of(), none)).getMessage());
        assertEquals("maxUlp", assertThrows(NullPointerException.class, () -> new CheckReport(t, 1, 0, 0,
                none, none, none, none, none, List.of(), null)).getMessage());
        CheckReport empty = new CheckReport(t, 1, 0, 0, none, none, none, none, none, List.of(), none);
        assertTrue(empty.passed());
        assertEquals(0.0, empty.maxErrorRatio());
        assertEquals(0L, empty.maxUlpDistance());
        assertEquals(0.0, empty.maxNormwiseError());
        assertEquals(Integer.MAX_VALUE, empty.firstFailureStep());
        CheckReport failed = new CheckReport(t, 1, 2, 1, none, none, none, none, none, List.of(), none);
        assertFalse(failed.passed());
    }
}
