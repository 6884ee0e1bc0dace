package io.github.dlref.verify.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The project's architecture (HOUSE_STYLE.md, "The shape of the system") as executable ArchUnit rules:
 *
 * <pre>
 * math  &lt;-  autograd  &lt;-  nn  &lt;-+
 *              ^                 +--  train      (the training library)
 *              +-------  optim &lt;-+
 * math  &lt;-  data  &lt;--------------+
 * verify  -&gt;  library modules    (worked examples, gradient-check sweeps, the oracle)
 * bench   -&gt;  library modules    (workloads, baselines, JMH)
 * cli     -&gt;  verify, train, bench, library modules (the only module that sees everything)
 * </pre>
 *
 * <p>The library modules are math, autograd, nn, optim, data and train. Each rule is a named constant over
 * the real packages ({@value #ROOT}) with a {@code because} that says why, built by a factory method that
 * takes the root package. The same factories, given the root of a fixture package tree in the test sources
 * ({@code io.github.dlref.verify.arch.fixtures.<case>}, whose sub-packages mimic the modules:
 * {@code <case>.math}, {@code <case>.nn}, ...), are checked against classes that break each rule, which
 * proves every rule can fail ({@code ArchitectureRulesCanFailTest}).
 *
 * <p>Only the command line, {@code io.github.dlref.cli..}, writes to {@code System.out} or {@code System.err}
 * and uses command-line, console and plotting libraries (picocli, progressbar, JLine, XChart); only
 * {@code bench} uses JMH. Everything else, including {@code train} and {@code verify}, is library code: it
 * returns results and the command line prints them.
 *
 * <p>{@code verify} runs these rules over what its test class path holds (every module but {@code bench}
 * and {@code cli}); {@code cli}, which depends on every module, runs them again over the whole project
 * ({@code WholeProjectArchitectureTest}, with {@code verify}'s test jar).
 *
 * <p>Rules about a module's classes allow an empty selection ({@code allowEmptyShould(true)}): a module
 * that has no classes yet must still build. {@code ArchitectureTest} checks separately that the import is
 * not empty.
 */
final class ArchitectureRules {

    /** The root package of the production code. */
    static final String ROOT = "io.github.dlref";

    /** The packages of the command-line, console and plotting libraries that only cli may use. */
    static final List<String> CLI_LIBRARIES = List.of("picocli..", "me.tongfei..", "org.jline..", "org.knowm..");

    /** The package of JMH, which only bench (and cli, which runs the benchmarks) may use. */
    static final String JMH = "org.openjdk.jmh..";

    /** Only math imports EJML. */
    static final ArchRule ONLY_MATH_USES_EJML = onlyMathUsesEjml(ROOT);

    /** nn sees neither optim nor data. */
    static final ArchRule NN_INDEPENDENT_OF_OPTIM_AND_DATA = nnIndependentOfOptimAndData(ROOT);

    /** optim sees neither nn nor data. */
    static final ArchRule OPTIM_INDEPENDENT_OF_NN_AND_DATA = optimIndependentOfNnAndData(ROOT);

    /** data sees neither nn nor optim. */
    static final ArchRule DATA_INDEPENDENT_OF_NN_AND_OPTIM = dataIndependentOfNnAndOptim(ROOT);

    /** data knows no computation graph. */
    static final ArchRule DATA_INDEPENDENT_OF_AUTOGRAD = dataIndependentOfAutograd(ROOT);

    /** No library module depends on verify, cli or bench. */
    static final ArchRule LIBRARY_INDEPENDENT_OF_TOOLS = libraryIndependentOfTools(ROOT);

    /** verify depends on neither cli nor bench. */
    static final ArchRule VERIFY_INDEPENDENT_OF_CLI_AND_BENCH = verifyIndependentOfCliAndBench(ROOT);

    /** Nothing depends on cli. */
    static final ArchRule NOTHING_DEPENDS_ON_CLI = nothingDependsOnCli(ROOT);

    /** No cycle between top-level packages. */
    static final ArchRule NO_CYCLES_BETWEEN_MODULES = noCyclesBetweenModules(ROOT);

    /** The whole layered picture. */
    static final ArchRule LAYERS = layers(ROOT);

    /** Only cli prints. */
    static final ArchRule ONLY_CLI_PRINTS = onlyCliPrints(ROOT);

    /** Only cli uses command-line, console and plotting libraries. */
    static final ArchRule CONSOLE_LIBRARIES_ONLY_IN_CLI = consoleLibrariesOnlyInCli(ROOT);

    /** Only bench and cli use JMH. */
    static final ArchRule JMH_ONLY_IN_BENCH = jmhOnlyInBench(ROOT);

    /** Every rule, in the order above. */
    static final List<ArchRule> ALL = List.of(ONLY_MATH_USES_EJML, NN_INDEPENDENT_OF_OPTIM_AND_DATA,
            OPTIM_INDEPENDENT_OF_NN_AND_DATA, DATA_INDEPENDENT_OF_NN_AND_OPTIM, DATA_INDEPENDENT_OF_AUTOGRAD,
            LIBRARY_INDEPENDENT_OF_TOOLS, VERIFY_INDEPENDENT_OF_CLI_AND_BENCH, NOTHING_DEPENDS_ON_CLI,
            NO_CYCLES_BETWEEN_MODULES, LAYERS, ONLY_CLI_PRINTS, CONSOLE_LIBRARIES_ONLY_IN_CLI, JMH_ONLY_IN_BENCH);

    private ArchitectureRules() {
    }

    private static String[] libraryPackages(String root) {
        return new String[] {root + ".math..", root + ".autograd..", root + ".nn..", root + ".optim..",
            root + ".data..", root + ".train.."};
    }

    /**
     * Only math (and the benchmark's hand-written EJML baseline) imports EJML.
     *
     * @param root the root package
     * @return the rule
     */
    static ArchRule onlyMathUsesEjml(String root) {
        // One exception: bench.baseline is the hand-written EJML version of the large benchmark workload, the
        // yardstick for the engine's overhead (issue 10); going through Matrix would measure dlref against itself.
        return noClasses().that().resideOutsideOfPackages(root + ".math..", root + ".bench.baseline..")
                .should().dependOnClassesThat().resideInAPackage("org.ejml..")
                .because("math is the only module that touches EJML; every module above it speaks Matrix, so the "
                        + "backend can change in one place (the benchmark's hand-written EJML baseline excepted)");
    }

    /**
     * nn never sees optim or data.
     *
     * @param root the root package
     * @return the rule
     */
    static ArchRule nnIndependentOfOptimAndData(String root) {
        return noClasses().that().resideInAPackage(root + ".nn..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".optim..", root + ".data..")
                .because("nn, optim and data are siblings: layers never see optimizers or loaders; wiring "
                        + "them together is train's job")
                .allowEmptyShould(true);
    }

    /**
     * optim never sees nn or data.
     *
     * @param root the root package
     * @return the rule
     */
    static ArchRule optimIndependentOfNnAndData(String root) {
        return noClasses().that().resideInAPackage(root + ".optim..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".nn..", root + ".data..")
                .because("optimizers see parameters (a value and its gradient, from autograd), never layers or "
                        + "data, as Tribuo's optimisers see only Parameters and PyTorch's see tensors")
                .allowEmptyShould(true);
    }

    /**
     * data never sees nn or optim.
     *
     * @param root the root package
     * @return the rule
     */
    static ArchRule dataIndependentOfNnAndOptim(String root) {
        return noClasses().that().resideInAPackage(root + ".data..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".nn..", root + ".optim..")
                .because("nn, optim and data are siblings: data yields plain matrices and knows no model or "
                        + "optimizer")
                .allowEmptyShould(true);
    }

    /**
     * data never sees autograd.
     *
     * @param root the root package
     * @return the rule
     */
    static ArchRule dataIndependentOfAutograd(String root) {
        return noClasses().that().resideInAPackage(root + ".data..")
                .should().dependOnClassesThat().resideInAPackage(root + ".autograd..")
                .because("data yields plain matrices and knows nothing about computation graphs")
                .allowEmptyShould(true);
    }

    /**
     * The library modules (math, autograd, nn, optim, data, train) never depend on verify, cli or bench.
     *
     * @param root the root package
     * @return the rule
     */
    static ArchRule libraryIndependentOfTools(String root) {
        return noClasses().that().resideInAnyPackage(libraryPackages(root))
                .should().dependOnClassesThat().resideInAnyPackage(root + ".verify..", root + ".cli..",
                        root + ".bench..")
                .because("a Java user takes a library module without the oracle, the command line or the "
                        + "benchmarks; a library class that reached into them would pull them along")
                .allowEmptyShould(true);
    }

    /**
     * verify never depends on cli or bench.
     *
     * @param root the root package
     * @return the rule
     */
    static ArchRule verifyIndependentOfCliAndBench(String root) {
        return noClasses().that().resideInAPackage(root + ".verify..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".cli..", root + ".bench..")
                .because("verify checks the library (worked examples, gradient checks, the oracle) and is used as "
                        + "a library itself; printing and benchmarking are the command line's")
                .allowEmptyShould(true);
    }

    /**
     * No class outside cli depends on cli.
     *
     * @param root the root package
     * @return the rule
     */
    static ArchRule nothingDependsOnCli(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".cli..")
                .should().dependOnClassesThat().resideInAPackage(root + ".cli..")
                .because("cli is the top: it wires everything for people (commands, tables, plots, progress), "
                        + "and a module that reached into it would pull picocli, XChart and the console along")
                .allowEmptyShould(true);
    }

    /**
     * No cycles between the top-level packages.
     *
     * @param root the root package
     * @return the rule
     */
    static ArchRule noCyclesBetweenModules(String root) {
        return slices().matching(root + ".(*)..")
                .should().beFreeOfCycles()
                .because("the modules form a layered graph; a cycle between top-level packages means two "
                        + "modules can no longer be understood, built or tested apart");
    }

    /**
     * The layered picture: every dependency points down.
     *
     * @param root the root package
     * @return the rule
     */
    static ArchRule layers(String root) {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("math").definedBy(root + ".math..")
                .layer("autograd").definedBy(root + ".autograd..")
                .layer("nn").definedBy(root + ".nn..")
                .layer("optim").definedBy(root + ".optim..")
                .layer("data").definedBy(root + ".data..")
                .layer("train").definedBy(root + ".train..")
                .layer("bench").definedBy(root + ".bench..")
                .layer("verify").definedBy(root + ".verify..")
                .layer("cli").definedBy(root + ".cli..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("verify").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("bench").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("train").mayOnlyBeAccessedByLayers("verify", "cli")
                .whereLayer("nn").mayOnlyBeAccessedByLayers("train", "bench", "verify", "cli")
                .whereLayer("optim").mayOnlyBeAccessedByLayers("train", "bench", "verify", "cli")
                .whereLayer("data").mayOnlyBeAccessedByLayers("train", "bench", "verify", "cli")
                .whereLayer("autograd").mayOnlyBeAccessedByLayers("nn", "optim", "train", "bench", "verify", "cli")
                .whereLayer("math").mayOnlyBeAccessedByLayers("autograd", "nn", "optim", "data", "train", "bench",
                        "verify", "cli")
                .because("HOUSE_STYLE's picture: math under autograd, autograd under nn and optim, math under "
                        + "data, train over nn, optim and data, verify and bench over the library, cli over "
                        + "everything; dependencies only point down");
    }

    /**
     * Only cli writes to the standard streams.
     *
     * @param root the root package
     * @return the rule
     */
    static ArchRule onlyCliPrints(String root) {
        return noClasses().that().resideOutsideOfPackages(root + ".cli..")
                .should(ACCESS_STANDARD_STREAMS)
                .because("library code returns results and never writes to System.out or System.err (nor "
                        + "printStackTrace); only the command line (cli) prints, so the oracle's and the "
                        + "training library's output stays machine-readable and embeddable")
                .allowEmptyShould(true);
    }

    /**
     * Only cli uses picocli, progressbar, JLine and XChart.
     *
     * @param root the root package
     * @return the rule
     */
    static ArchRule consoleLibrariesOnlyInCli(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + ".cli..")
                .should().dependOnClassesThat().resideInAnyPackage(CLI_LIBRARIES.toArray(new String[0]))
                .because("a library user takes math, autograd, nn, optim, data, train or verify without a "
                        + "command-line, console or plotting library (HOUSE_STYLE)")
                .allowEmptyShould(true);
    }

    /**
     * Only bench (and cli, which runs the benchmarks) uses JMH.
     *
     * @param root the root package
     * @return the rule
     */
    static ArchRule jmhOnlyInBench(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .and().resideOutsideOfPackages(root + ".bench..", root + ".cli..")
                .should().dependOnClassesThat().resideInAPackage(JMH)
                .because("benchmarks are measured by bench's JMH harness; no library or verification class "
                        + "carries a benchmark library to its users")
                .allowEmptyShould(true);
    }
}
