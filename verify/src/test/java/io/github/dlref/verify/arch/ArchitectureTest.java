package io.github.dlref.verify.arch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link ArchitectureRules} against the production classes of every module on the test class path:
 * everything under {@code io.github.dlref}, without test classes (test-classes directories and test jars),
 * so neither the fixtures nor any module's tests are part of this run. In {@code verify} that is every
 * module but {@code bench} and {@code cli}; {@code cli}'s {@code WholeProjectArchitectureTest} extends this
 * class and runs every rule again over the whole project.
 */
class ArchitectureTest {

    /** The production classes; imported once per test class. */
    static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages(ArchitectureRules.ROOT);
    }

    @Test
    void theImportHoldsProductionClassesAndNoTestClasses() {
        assertTrue(production.contain("io.github.dlref.math.Matrix"), "math's Matrix must be imported");
        assertTrue(production.contain("io.github.dlref.math.Rng"), "math's Rng must be imported");
        for (JavaClass c : production) {
            assertFalse(c.getPackageName().startsWith("io.github.dlref.verify.arch"),
                    () -> "test class imported: " + c.getName());
            String location = c.getSource().map(source -> source.getUri().toString()).orElse("");
            assertFalse(location.contains("/test-classes/"), () -> "test class imported: " + c.getName() + " from "
                    + location);
        }
    }

    @Test
    void onlyMathUsesEjml() {
        ArchitectureRules.ONLY_MATH_USES_EJML.check(production);
    }

    @Test
    void nnIndependentOfOptimAndData() {
        ArchitectureRules.NN_INDEPENDENT_OF_OPTIM_AND_DATA.check(production);
    }

    @Test
    void optimIndependentOfNnAndData() {
        ArchitectureRules.OPTIM_INDEPENDENT_OF_NN_AND_DATA.check(production);
    }

    @Test
    void dataIndependentOfNnAndOptim() {
        ArchitectureRules.DATA_INDEPENDENT_OF_NN_AND_OPTIM.check(production);
    }

    @Test
    void dataIndependentOfAutograd() {
        ArchitectureRules.DATA_INDEPENDENT_OF_AUTOGRAD.check(production);
    }

    @Test
    void libraryIndependentOfTools() {
        ArchitectureRules.LIBRARY_INDEPENDENT_OF_TOOLS.check(production);
    }

    @Test
    void verifyIndependentOfCliAndBench() {
        ArchitectureRules.VERIFY_INDEPENDENT_OF_CLI_AND_BENCH.check(production);
    }

    @Test
    void nothingDependsOnCli() {
        ArchitectureRules.NOTHING_DEPENDS_ON_CLI.check(production);
    }

    @Test
    void noCyclesBetweenModules() {
        ArchitectureRules.NO_CYCLES_BETWEEN_MODULES.check(production);
    }

    @Test
    void layers() {
        ArchitectureRules.LAYERS.check(production);
    }

    @Test
    void onlyCliPrints() {
        ArchitectureRules.ONLY_CLI_PRINTS.check(production);
    }

    @Test
    void consoleLibrariesOnlyInCli() {
        ArchitectureRules.CONSOLE_LIBRARIES_ONLY_IN_CLI.check(production);
    }

    @Test
    void jmhOnlyInBench() {
        ArchitectureRules.JMH_ONLY_IN_BENCH.check(production);
    }

    @Test
    void everyRuleSaysWhyAndIsListed() throws IllegalAccessException {
        for (ArchRule rule : ArchitectureRules.ALL) {
            assertTrue(rule.getDescription().contains(", because "), () -> "no because: " + rule.getDescription());
        }
        for (Field field : ArchitectureRules.class.getDeclaredFields()) {
            if (field.getType() == ArchRule.class && Modifier.isStatic(field.getModifiers())) {
                Object rule = field.get(null);
                assertTrue(ArchitectureRules.ALL.contains(rule), () -> field.getName() + " is missing from ALL");
            }
        }
    }
}
