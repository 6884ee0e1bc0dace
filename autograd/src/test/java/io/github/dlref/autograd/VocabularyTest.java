package io.github.dlref.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.scalar.Value;
import io.github.dlref.math.Matrix;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The three classes that compute ({@link Value}, {@link Tensor}, {@link Matrix}) use one name per operation
 * (issue 14). Checked by reflection, so a rename in one class that is not made in the others fails here, and
 * against the table "Operation names" of {@code docs/conventions.md}, so the table and the code cannot drift
 * apart either.
 */
class VocabularyTest {

    private static final List<Class<?>> CLASSES = List.of(Value.class, Tensor.class, Matrix.class);

    /** Names used before issue 14 for operations that now have one name; none may come back. */
    private static final List<String> RETIRED = List.of("add", "sub", "subtract", "mul", "multiply", "divide",
            "scale", "negate", "rowSums", "colSums", "rowMeans", "colMeans");

    /** The operation every class must declare, with the parameter lists each form takes ({@code T} = own type). */
    private static final Map<String, List<String>> SHARED_BY_ALL = new LinkedHashMap<>();

    static {
        SHARED_BY_ALL.put("plus", List.of("T", "double"));
        SHARED_BY_ALL.put("minus", List.of("T"));
        SHARED_BY_ALL.put("times", List.of("T", "double"));
        SHARED_BY_ALL.put("div", List.of("T"));
        SHARED_BY_ALL.put("neg", List.of(""));
        SHARED_BY_ALL.put("exp", List.of(""));
        SHARED_BY_ALL.put("log", List.of(""));
        SHARED_BY_ALL.put("sqrt", List.of(""));
        SHARED_BY_ALL.put("pow", List.of("double"));
        SHARED_BY_ALL.put("max", List.of("T"));
    }

    /** Operations of the two matrix classes, with their parameter lists. */
    private static final Map<String, List<String>> SHARED_BY_MATRIX_CLASSES = new LinkedHashMap<>();

    static {
        SHARED_BY_MATRIX_CLASSES.put("abs", List.of(""));
        SHARED_BY_MATRIX_CLASSES.put("sum", List.of(""));
        SHARED_BY_MATRIX_CLASSES.put("mean", List.of(""));
        SHARED_BY_MATRIX_CLASSES.put("sumRows", List.of(""));
        SHARED_BY_MATRIX_CLASSES.put("sumCols", List.of(""));
        SHARED_BY_MATRIX_CLASSES.put("plusRow", List.of("T"));
        SHARED_BY_MATRIX_CLASSES.put("matmul", List.of("T"));
        SHARED_BY_MATRIX_CLASSES.put("transposeTimes", List.of("T"));
        SHARED_BY_MATRIX_CLASSES.put("timesTranspose", List.of("T"));
        SHARED_BY_MATRIX_CLASSES.put("transpose", List.of(""));
        SHARED_BY_MATRIX_CLASSES.put("maxPerRow", List.of(""));
        SHARED_BY_MATRIX_CLASSES.put("frobeniusNormSquared", List.of(""));
    }

    @Test
    void everyClassDeclaresTheOperationsSharedByAllThreeReturningItsOwnType() {
        List<String> missing = new ArrayList<>();
        for (Class<?> c : CLASSES) {
            SHARED_BY_ALL.forEach((name, forms) -> {
                for (String form : forms) {
                    Method m = find(c, name, form);
                    if (m == null || m.getReturnType() != c) {
                        missing.add(c.getSimpleName() + "." + name + "(" + form.replace("T", c.getSimpleName())
                                + ") returning " + c.getSimpleName());
                    }
                }
            });
        }
        assertEquals(List.of(), missing, "expected every shared operation in Value, Tensor and Matrix");
    }

    @Test
    void tensorAndMatrixDeclareTheMatrixOperationsUnderTheSameNames() {
        List<String> missing = new ArrayList<>();
        for (Class<?> c : List.of(Tensor.class, Matrix.class)) {
            SHARED_BY_MATRIX_CLASSES.forEach((name, forms) -> {
                for (String form : forms) {
                    if (find(c, name, form) == null) {
                        missing.add(c.getSimpleName() + "." + name + "(" + form.replace("T", c.getSimpleName())
                                + ")");
                    }
                }
            });
        }
        assertEquals(List.of(), missing, "expected every matrix operation in both Tensor and Matrix");
    }

    @Test
    void noRetiredNameIsDeclared() {
        List<String> found = new ArrayList<>();
        for (Class<?> c : CLASSES) {
            for (Method m : c.getMethods()) {
                if (m.getDeclaringClass() == c && RETIRED.contains(m.getName())) {
                    found.add(c.getSimpleName() + "." + m.getName());
                }
            }
        }
        assertEquals(List.of(), found, "expected none of the retired names " + RETIRED);
    }

    @Test
    void theConventionsTableListsEveryOperationAndWhichClassesHaveIt() throws IOException {
        Path doc = Path.of("..", "docs", "conventions.md");
        assertTrue(Files.isRegularFile(doc), "expected the conventions page at " + doc.toAbsolutePath());
        List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
        int header = lines.indexOf("| operation | formula | `Value` | `Tensor` | `Matrix` |");
        assertTrue(header >= 0, "expected the table 'Operation names' in " + doc);
        Map<String, List<String>> table = new LinkedHashMap<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = Arrays.stream(lines.get(i).split("\\|")).map(String::trim).toArray(String[]::new);
            // cells[0] is the empty text before the first '|'
            table.put(cells[1].replace("`", ""), List.of(cells[3], cells[4], cells[5]));
        }
        Set<String> expectedOps = new TreeSet<>(SHARED_BY_ALL.keySet());
        expectedOps.addAll(SHARED_BY_MATRIX_CLASSES.keySet());
        assertEquals(expectedOps, new TreeSet<>(table.keySet()), "operations listed in the table");
        List<String> wrong = new ArrayList<>();
        table.forEach((name, flags) -> {
            for (int k = 0; k < CLASSES.size(); k++) {
                Class<?> c = CLASSES.get(k);
                String actual = declaresPublicInstance(c, name) ? "yes" : "no";
                if (!actual.equals(flags.get(k))) {
                    wrong.add(c.getSimpleName() + "." + name + ": table says " + flags.get(k) + ", class says "
                            + actual);
                }
            }
        });
        assertEquals(List.of(), wrong, "expected the table to match the classes");
    }

    private static boolean declaresPublicInstance(Class<?> c, String name) {
        return Arrays.stream(c.getDeclaredMethods())
                .anyMatch(m -> m.getName().equals(name) && Modifier.isPublic(m.getModifiers())
                        && !Modifier.isStatic(m.getModifiers()));
    }

    /** The public instance method {@code name} of {@code c} whose parameters spell {@code form}, or null. */
    private static Method find(Class<?> c, String name, String form) {
        for (Method m : c.getDeclaredMethods()) {
            if (!m.getName().equals(name) || !Modifier.isPublic(m.getModifiers())
                    || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String params = Arrays.stream(m.getParameterTypes())
                    .map(p -> p == c ? "T" : p.getName())
                    .collect(Collectors.joining(","));
            if (params.equals(form)) {
                return m;
            }
        }
        return null;
    }
}
