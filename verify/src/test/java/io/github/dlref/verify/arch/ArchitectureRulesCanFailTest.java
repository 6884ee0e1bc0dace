package io.github.dlref.verify.arch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves that every rule in {@link ArchitectureRules} can fail. Each case is a small package tree in the
 * test sources under {@value #FIXTURES}, whose sub-packages stand for the modules ({@code <case>.math},
 * {@code <case>.nn}, ...). The rule factory is given the case's root package, evaluated on the case's
 * classes, and must report the class that breaks it and must not report the classes that follow it. The
 * {@code clean} case, a miniature of the legal architecture, must pass every rule, so the rules are not
 * simply failing on everything.
 */
class ArchitectureRulesCanFailTest {

    static final String FIXTURES = "io.github.dlref.verify.arch.fixtures";

    private static String root(String fixtureCase) {
        return FIXTURES + "." + fixtureCase;
    }

    /** All fixture classes, imported once (resolving their dependencies is the slow part). */
    private static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importPackages(FIXTURES);
    }

    /** The classes of one case only: rules see just these, as the real run sees just the production code. */
    private static JavaClasses importCase(String fixtureCase) {
        JavaClasses classes = fixtures.that(JavaClass.Predicates.resideInAPackage(root(fixtureCase) + ".."));
        assertFalse(classes.isEmpty(), "fixture case " + fixtureCase + " has no classes");
        return classes;
    }

    /**
     * The classes that violations originate from: each failure line starts with the origin, as in
     * {@code Method <a.b.C.m()> calls method <d.e.F.g()> in (C.java:8)}; the target may be anywhere.
     */
    private static List<String> origins(List<String> details) {
        List<String> out = new ArrayList<>();
        for (String line : details) {
            Matcher m = ORIGIN.matcher(line);
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static final Pattern ORIGIN = Pattern.compile("^\\w+ <([^>]*)>");

    /** Evaluates the rule built by {@code factory} for a fixture case and asserts that it fails. */
    private static EvaluationResult assertFails(Function<String, ArchRule> factory, String fixtureCase) {
        ArchRule rule = factory.apply(root(fixtureCase));
        EvaluationResult result = rule.evaluate(importCase(fixtureCase));
        assertTrue(result.hasViolation(), () -> "rule did not fail on fixture '" + fixtureCase + "': "
                + rule.getDescription());
        return result;
    }

    /**
     * Asserts that the rule fails on the case, that a violation originates in every class of
     * {@code reported}, and in none of {@code notReported} (classes of the case that follow the rule).
     * Returns the failure report.
     */
    private static String assertReported(Function<String, ArchRule> factory, String fixtureCase, List<String> reported,
            List<String> notReported) {
        EvaluationResult result = assertFails(factory, fixtureCase);
        List<String> details = result.getFailureReport().getDetails();
        String report = String.join("\n", details);
        List<String> origins = origins(details);
        for (String name : reported) {
            String fqn = root(fixtureCase) + "." + name;
            assertTrue(originatesIn(origins, fqn), () -> "violation by " + fqn + " not reported:\n" + report);
        }
        for (String name : notReported) {
            String fqn = root(fixtureCase) + "." + name;
            assertFalse(originatesIn(origins, fqn), () -> fqn + " follows the rule but was reported:\n" + report);
        }
        return report;
    }

    private static boolean originatesIn(List<String> origins, String fqn) {
        return origins.stream().anyMatch(o -> o.equals(fqn) || o.startsWith(fqn + ".") || o.startsWith(fqn + "$"));
    }

    @Test
    void ejmlOutsideMathIsReported() {
        String report = assertReported(ArchitectureRules::onlyMathUsesEjml, "ejml",
                List.of("nn.EjmlUser", "bench.EjmlOutsideBaseline"),
                List.of("math.EjmlWrapper", "bench.baseline.EjmlBaseline"));
        assertTrue(report.contains("org.ejml.data.DMatrixRMaj"), report);
    }

    @Test
    void nnUsingDataIsReported() {
        assertReported(ArchitectureRules::nnIndependentOfOptimAndData, "siblings", List.of("nn.DataAwareLayer"),
                List.of("nn.Layer"));
    }

    @Test
    void optimUsingNnIsReported() {
        assertReported(ArchitectureRules::optimIndependentOfNnAndData, "siblings",
                List.of("optim.LayerAwareOptimizer"), List.of());
    }

    @Test
    void dataUsingOptimIsReported() {
        assertReported(ArchitectureRules::dataIndependentOfNnAndOptim, "siblings", List.of("data.OptimizerAwareLoader"),
                List.of("data.Loader"));
    }

    @Test
    void dataUsingAutogradIsReported() {
        assertReported(ArchitectureRules::dataIndependentOfAutograd, "dataautograd", List.of("data.GraphLoader"),
                List.of("autograd.Node"));
    }

    @Test
    void aLibraryModuleUsingVerifyCliOrBenchIsReported() {
        String report = assertReported(ArchitectureRules::libraryIndependentOfTools, "librarydeps",
                List.of("nn.ToolUser", "train.CliUser", "optim.BenchUser"),
                List.of("verify.Tool", "cli.Command", "bench.Workload"));
        assertTrue(report.contains(root("librarydeps") + ".cli.Command"), report);
    }

    @Test
    void verifyUsingCliOrBenchIsReported() {
        assertReported(ArchitectureRules::verifyIndependentOfCliAndBench, "verifydeps",
                List.of("verify.Report", "verify.Timing"), List.of("verify.Oracle", "train.Loop"));
    }

    @Test
    void anyModuleUsingCliIsReported() {
        assertReported(ArchitectureRules::nothingDependsOnCli, "clidep", List.of("bench.Report", "train.Help"),
                List.of("cli.Main"));
        assertReported(ArchitectureRules::nothingDependsOnCli, "librarydeps", List.of("train.CliUser"),
                List.of("cli.Command", "nn.ToolUser"));
    }

    @Test
    void consoleAndBenchmarkLibrariesOutsideTheirModulesAreReported() {
        String report = assertReported(ArchitectureRules::consoleLibrariesOnlyInCli, "consolelibs",
                List.of("train.Progress"), List.of("cli.Command", "verify.Timer", "bench.Harness"));
        assertTrue(report.contains("picocli.CommandLine"), report);
        String jmh = assertReported(ArchitectureRules::jmhOnlyInBench, "consolelibs", List.of("verify.Timer"),
                List.of("bench.Harness", "cli.Command", "train.Progress"));
        assertTrue(jmh.contains("org.openjdk.jmh.annotations.Mode"), jmh);
    }

    @Test
    void aCycleBetweenModulesIsReported() {
        EvaluationResult result = assertFails(ArchitectureRules::noCyclesBetweenModules, "cycle");
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(report.contains("Cycle detected: Slice autograd -> "), report);
        assertTrue(report.contains(root("cycle") + ".autograd.CycleA"), report);
        assertTrue(report.contains(root("cycle") + ".nn.CycleB"), report);
    }

    @Test
    void upwardDependenciesBreakTheLayers() {
        assertReported(ArchitectureRules::layers, "layers", List.of("autograd.UsesNn", "math.UsesAutograd"),
                List.of("nn.Dense"));
    }

    @Test
    void theSiblingAndVerifyViolationsAlsoBreakTheLayers() {
        assertReported(ArchitectureRules::layers, "siblings",
                List.of("nn.DataAwareLayer", "optim.LayerAwareOptimizer", "data.OptimizerAwareLoader"), List.of());
        assertReported(ArchitectureRules::layers, "dataautograd", List.of("data.GraphLoader"), List.of());
        assertReported(ArchitectureRules::layers, "librarydeps",
                List.of("nn.ToolUser", "train.CliUser", "optim.BenchUser"), List.of("cli.Command"));
        assertReported(ArchitectureRules::layers, "verifydeps", List.of("verify.Report", "verify.Timing"),
                List.of("verify.Oracle"));
        assertReported(ArchitectureRules::layers, "clidep", List.of("bench.Report", "train.Help"), List.of());
    }

    @Test
    void printingOutsideTheCommandLineIsReported() {
        String report = assertReported(ArchitectureRules::onlyCliPrints, "streams",
                List.of("nn.Printer", "optim.ErrPrinter", "data.StackTracePrinter", "verify.examples.ExamplePrinter",
                        "train.App"),
                List.of("cli.Cli"));
        assertTrue(report.contains("java.lang.System.out"), report);
        assertTrue(report.contains("java.lang.System.err"), report);
        assertTrue(report.contains("printStackTrace"), report);
    }

    @Test
    void theCleanArchitecturePassesEveryRule() {
        JavaClasses clean = importCase("clean");
        List<Function<String, ArchRule>> factories = List.of(ArchitectureRules::onlyMathUsesEjml,
                ArchitectureRules::nnIndependentOfOptimAndData, ArchitectureRules::optimIndependentOfNnAndData,
                ArchitectureRules::dataIndependentOfNnAndOptim, ArchitectureRules::dataIndependentOfAutograd,
                ArchitectureRules::libraryIndependentOfTools, ArchitectureRules::verifyIndependentOfCliAndBench,
                ArchitectureRules::nothingDependsOnCli, ArchitectureRules::noCyclesBetweenModules,
                ArchitectureRules::layers, ArchitectureRules::onlyCliPrints,
                ArchitectureRules::consoleLibrariesOnlyInCli, ArchitectureRules::jmhOnlyInBench);
        assertTrue(factories.size() == ArchitectureRules.ALL.size(), "every rule is checked on the clean case");
        for (Function<String, ArchRule> factory : factories) {
            ArchRule rule = factory.apply(root("clean"));
            EvaluationResult result = rule.evaluate(clean);
            assertFalse(result.hasViolation(), () -> rule.getDescription() + "\n" + result.getFailureReport());
        }
    }
}
