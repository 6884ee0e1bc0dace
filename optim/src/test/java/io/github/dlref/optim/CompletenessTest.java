package io.github.dlref.optim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fails when an optimizer class has no test class implementing {@link OptimizerContract} or no case in the
 * PyTorch golden test or the framework-forms test.
 */
class CompletenessTest {

    private static List<Class<?>> optimizerClasses() throws URISyntaxException, ClassNotFoundException {
        File dir = new File(Optimizer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        File pkg = new File(dir, Optimizer.class.getPackageName().replace('.', File.separatorChar));
        List<Class<?>> out = new ArrayList<>();
        String[] names = pkg.list();
        assertTrue(names != null && names.length > 0, "no classes found in " + pkg);
        for (String name : names) {
            if (!name.endsWith(".class") || name.contains("$")) {
                continue;
            }
            Class<?> c = Class.forName(Optimizer.class.getPackageName() + "." + name.substring(0, name.length() - 6));
            if (Optimizer.class.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())) {
                out.add(c);
            }
        }
        return out;
    }

    @Test
    void everyOptimizerHasAContractTest() throws Exception {
        List<Class<?>> optimizers = optimizerClasses();
        assertFalse(optimizers.isEmpty());
        for (Class<?> c : optimizers) {
            Class<?> test;
            try {
                test = Class.forName(c.getName() + "Test");
            } catch (ClassNotFoundException e) {
                throw new AssertionError(c.getSimpleName() + " has no test class " + c.getSimpleName() + "Test", e);
            }
            assertTrue(OptimizerContract.class.isAssignableFrom(test),
                    test.getSimpleName() + " does not implement OptimizerContract");
        }
    }

    /** The scan itself can fail: it must at least find the four optimizers the project documents. */
    @Test
    void theScanFindsTheDocumentedOptimizers() throws Exception {
        List<Class<?>> found = optimizerClasses();
        for (Class<?> c : List.of(SGD.class, Adam.class, AdaGrad.class, RMSProp.class)) {
            assertTrue(found.contains(c), "the class scan missed " + c.getSimpleName() + ": " + found);
        }
        assertFalse(found.contains(BaseOptimizer.class), "an abstract class is not an optimizer");
    }

    @Test
    void everyOptimizerIsComparedWithAnIndependentImplementation() throws Exception {
        for (Class<?> c : optimizerClasses()) {
            String name = c.getSimpleName().toLowerCase(java.util.Locale.ROOT);
            boolean golden = PyTorchGoldenTest.CASES.keySet().stream().anyMatch(k -> k.startsWith(name))
                    || PyTorchExtendedGoldenTest.CASES.keySet().stream().anyMatch(k -> k.startsWith(name));
            assertTrue(golden, c.getSimpleName() + " has no case in PyTorchGoldenTest or PyTorchExtendedGoldenTest");
        }
    }
}
