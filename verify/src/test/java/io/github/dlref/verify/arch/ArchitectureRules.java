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
 * math  &lt;-  autograd  &lt;-  nn
 *              ^
 *              +-------  optim
 * math  &lt;-  data
 * verify  -&gt;  everything
 * </pre>
 *
 * <p>Each rule is a named constant over the real packages ({@value #ROOT}) with a {@code because} that
 * says why, built by a factory method that takes the root package. The same factories, given the root of
 * a fixture package tree in the test sources ({@code io.github.dlref.verify.arch.fixtures.<case>}, whose
 * sub-packages mimic the modules: {@code <case>.math}, {@code <case>.nn}, ...), are checked against
 * classes that break each rule, which proves every rule can fail ({@code ArchitectureRulesCanFailTest}).
 *
 * <p>Application packages: only the command line, {@code io.github.dlref.verify.cli..}, and applications
 * built on it, {@code io.github.dlref.verify.app..} (the training app and its progress output), may write to
 * {@code System.out} or {@code System.err}. Everything else, including the rest of {@code verify} (worked
 * examples, golden files, gradient-check sweeps), is library code: it returns results and the command line
 * prints them.
 *
 * <p>Rules about a module's classes allow an empty selection ({@code allowEmptyShould(true)}): a module
 * that has no classes yet must still build. {@code ArchitectureTest} checks separately that the import is
 * not empty.
 */
final class ArchitectureRules {

    /** The root package of the production code. */
    static final String ROOT = "io.github.dlref";

    /** Only math may depend on EJML. */
    static final ArchRule ONLY_MATH_USES_EJML = onlyMathUsesEjml(ROOT);

    /** nn depends on neither optim nor data. */
    static final ArchRule NN_INDEPENDENT_OF_OPTIM_AND_DATA = nnIndependentOfOptimAndData(ROOT);

    /** optim depends on neither nn nor data. */
    static final ArchRule OPTIM_INDEPENDENT_OF_NN_AND_DATA = optimIndependentOfNnAndData(ROOT);

    /** data depends on neither nn nor optim. */
    static final ArchRule DATA_INDEPENDENT_OF_NN_AND_OPTIM = dataIndependentOfNnAndOptim(ROOT);

    /** data does not depend on autograd. */
    static final ArchRule DATA_INDEPENDENT_OF_AUTOGRAD = dataIndependentOfAutograd(ROOT);

    /** Nothing outside verify depends on verify. */
    static final ArchRule NOTHING_DEPENDS_ON_VERIFY = nothingDependsOnVerify(ROOT);

    /** No cycles between the top-level packages (the modules). */
    static final ArchRule NO_CYCLES_BETWEEN_MODULES = noCyclesBetweenModules(ROOT);

    /** The whole layer picture: each module may be used only by the modules above it. */
    static final ArchRule LAYERS = layers(ROOT);

    /** Library code does not write to the standard streams. */
    static final ArchRule LIBRARY_DOES_NOT_PRINT = libraryDoesNotPrint(ROOT);

    /** Every rule over the production packages. */
    static final List<ArchRule> ALL = List.of(ONLY_MATH_USES_EJML, NN_INDEPENDENT_OF_OPTIM_AND_DATA,
            OPTIM_INDEPENDENT_OF_NN_AND_DATA, DATA_INDEPENDENT_OF_NN_AND_OPTIM, DATA_INDEPENDENT_OF_AUTOGRAD,
            NOTHING_DEPENDS_ON_VERIFY, NO_CYCLES_BETWEEN_MODULES, LAYERS, LIBRARY_DOES_NOT_PRINT);

    private ArchitectureRules() {
    }

    static ArchRule onlyMathUsesEjml(String root) {
        // One exception: bench.baseline is the hand-written EJML version of the large benchmark workload, the
        // yardstick for the engine's overhead (issue 10); going through Matrix would measure dlref against itself.
        return noClasses().that().resideOutsideOfPackages(root + ".math..", root + ".bench.baseline..")
                .should().dependOnClassesThat().resideInAPackage("org.ejml..")
                .because("math is the only module that touches EJML; every module above it speaks Matrix, so the "
                        + "backend can change in one place (the benchmark's hand-written EJML baseline excepted)");
    }

    static ArchRule nnIndependentOfOptimAndData(String root) {
        return noClasses().that().resideInAPackage(root + ".nn..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".optim..", root + ".data..")
                .because("nn, optim and data are siblings: layers never see optimizers or loaders; wiring "
                        + "them together is verify's job")
                .allowEmptyShould(true);
    }

    static ArchRule optimIndependentOfNnAndData(String root) {
        return noClasses().that().resideInAPackage(root + ".optim..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".nn..", root + ".data..")
                .because("optimizers see parameters (a value and its gradient, from autograd), never layers or "
                        + "data, as Tribuo's optimisers see only Parameters and PyTorch's see tensors")
                .allowEmptyShould(true);
    }

    static ArchRule dataIndependentOfNnAndOptim(String root) {
        return noClasses().that().resideInAPackage(root + ".data..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".nn..", root + ".optim..")
                .because("nn, optim and data are siblings: data yields plain matrices and knows no model or "
                        + "optimizer")
                .allowEmptyShould(true);
    }

    static ArchRule dataIndependentOfAutograd(String root) {
        return noClasses().that().resideInAPackage(root + ".data..")
                .should().dependOnClassesThat().resideInAPackage(root + ".autograd..")
                .because("data yields plain matrices and knows nothing about computation graphs")
                .allowEmptyShould(true);
    }

    static ArchRule nothingDependsOnVerify(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".verify..")
                .should().dependOnClassesThat().resideInAPackage(root + ".verify..")
                .because("verify is the top: it wires everything (examples, sweeps, the CLI), and a library "
                        + "module that reached into it would pull the whole application along")
                .allowEmptyShould(true);
    }

    static ArchRule noCyclesBetweenModules(String root) {
        return slices().matching(root + ".(*)..")
                .should().beFreeOfCycles()
                .because("the modules form a layered graph; a cycle between top-level packages means two "
                        + "modules can no longer be understood, built or tested apart");
    }

    static ArchRule layers(String root) {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("math").definedBy(root + ".math..")
                .layer("autograd").definedBy(root + ".autograd..")
                .layer("nn").definedBy(root + ".nn..")
                .layer("optim").definedBy(root + ".optim..")
                .layer("data").definedBy(root + ".data..")
                .layer("verify").definedBy(root + ".verify..")
                .whereLayer("verify").mayNotBeAccessedByAnyLayer()
                .whereLayer("nn").mayOnlyBeAccessedByLayers("verify")
                .whereLayer("optim").mayOnlyBeAccessedByLayers("verify")
                .whereLayer("data").mayOnlyBeAccessedByLayers("verify")
                .whereLayer("autograd").mayOnlyBeAccessedByLayers("nn", "optim", "verify")
                .whereLayer("math").mayOnlyBeAccessedByLayers("autograd", "nn", "optim", "data", "verify")
                .because("HOUSE_STYLE's picture: math under autograd, autograd under nn and optim, math under "
                        + "data, verify over everything; dependencies only point down");
    }

    static ArchRule libraryDoesNotPrint(String root) {
        return noClasses().that().resideOutsideOfPackages(root + ".verify.cli..", root + ".verify.app..")
                .should(ACCESS_STANDARD_STREAMS)
                .because("library code returns results and never writes to System.out or System.err (nor "
                        + "printStackTrace); only the command line (verify.cli) and the applications on it "
                        + "(verify.app) print, so the oracle's output stays machine-readable")
                .allowEmptyShould(true);
    }
}
