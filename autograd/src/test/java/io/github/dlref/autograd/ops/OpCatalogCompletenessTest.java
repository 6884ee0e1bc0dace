package io.github.dlref.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Op;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fails when an op class exists without a gradient check: it lists every concrete {@link Op} subclass in the
 * compiled {@code io.github.dlref.autograd.ops} package (the directory that holds {@code Add.class}) and
 * requires each to appear in {@link OpCases#ALL}.
 */
class OpCatalogCompletenessTest {

    static List<Class<? extends Op>> opClassesOnClasspath() throws IOException, URISyntaxException {
        Path dir = Path.of(Add.class.getResource("Add.class").toURI()).getParent();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> load(Add.class.getPackageName() + "." + n.substring(0, n.length() - ".class".length())))
                    .filter(c -> Op.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers()))
                    .<Class<? extends Op>>map(c -> c.asSubclass(Op.class))
                    .sorted((a, b) -> a.getName().compareTo(b.getName()))
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, OpCatalogCompletenessTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot load " + name, e);
        }
    }

    @Test
    void everyOpClassHasAGradientCheck() throws Exception {
        List<Class<? extends Op>> ops = opClassesOnClasspath();
        assertFalse(ops.isEmpty(), "no op classes found next to Add.class");
        Set<String> checked = OpCases.ALL.stream().map(c -> c.op().getSimpleName()).collect(Collectors.toSet());
        Set<String> missing = ops.stream().map(Class::getSimpleName).filter(n -> !checked.contains(n))
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(missing.isEmpty(), () -> "op classes without a gradient check in OpCases: " + missing);
    }

    @Test
    void theScanFindsTheKnownOps() throws Exception {
        // Guards the scan itself: if it found nothing (or only a few classes), the test above would pass vacuously.
        Set<String> names = opClassesOnClasspath().stream().map(Class::getSimpleName).collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("Add", "MatMul", "Relu", "SoftmaxCrossEntropy")), names::toString);
        assertFalse(names.contains("Reduction"), "Reduction is an enum, not an op");
        assertFalse(names.contains("Shapes"), "Shapes is a helper, not an op");
        assertEquals(34, names.size(), () -> "number of op classes changed; update this guard and OpCases: " + names);
    }
}
