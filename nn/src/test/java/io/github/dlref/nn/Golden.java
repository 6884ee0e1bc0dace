package io.github.dlref.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.math.Matrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the golden files written by {@code golden/make_golden.py} and {@code golden/make_second_order_golden.py}
 * (PyTorch float64); see the scripts' headers for the format.
 */
public final class Golden {

    private static final Map<String, Map<String, Matrix>> CASES = loadAll("/golden/nn_golden.txt",
            "/golden/nn_second_order_golden.txt");

    private Golden() {
    }

    /** One case of the golden file. */
    public static final class Case {
        private final String name;
        private final Map<String, Matrix> values;

        private Case(String name, Map<String, Matrix> values) {
            this.name = name;
            this.values = values;
        }

        /**
         * A matrix of the case.
         *
         * @param key the key
         * @return the matrix
         */
        public Matrix get(String key) {
            Matrix m = values.get(key);
            if (m == null) {
                throw new IllegalArgumentException("golden case [" + name + "] has no key '" + key + "'; keys are "
                        + values.keySet());
            }
            return m;
        }

        /**
         * A scalar of the case.
         *
         * @param key the key
         * @return the value of the 1 x 1 matrix
         */
        public double scalar(String key) {
            return get(key).scalarValue();
        }

        /**
         * A row of integers (class indices) of the case.
         *
         * @param key the key
         * @return the values as ints
         */
        public int[] ints(String key) {
            double[] v = get(key).toRowMajorArray();
            int[] out = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = (int) v[i];
            }
            return out;
        }

        /**
         * Asserts that a value matches the case's value within the golden tolerances.
         *
         * @param key the key of the expected value
         * @param actual the value computed by dlref
         */
        public void assertClose(String key, Matrix actual) {
            Matrix expected = get(key);
            assertTrue(actual.approxEquals(expected, Tolerances.GOLDEN_ATOL, Tolerances.GOLDEN_RTOL),
                    () -> "[" + name + "] " + key + ": expected (PyTorch) " + expected + "\nbut dlref computed "
                            + actual + "\nlargest difference " + maxDiff(expected, actual));
        }

        private static String maxDiff(Matrix a, Matrix b) {
            if (!a.sameShape(b)) {
                return "(shapes " + a.shape() + " and " + b.shape() + ")";
            }
            return Double.toString(a.minus(b).abs().maxValue());
        }
    }

    /**
     * A case by name.
     *
     * @param name the case name, as in the file's {@code [name]} line
     * @return the case
     */
    public static Case of(String name) {
        Map<String, Matrix> values = CASES.get(name);
        if (values == null) {
            throw new IllegalArgumentException("no golden case [" + name + "]; cases are " + CASES.keySet());
        }
        return new Case(name, values);
    }

    /**
     * The names of the cases that start with a prefix, in file order.
     *
     * @param prefix the prefix
     * @return the names
     */
    public static java.util.List<String> namesStartingWith(String prefix) {
        return CASES.keySet().stream().filter(n -> n.startsWith(prefix)).toList();
    }

    private static Map<String, Map<String, Matrix>> loadAll(String... resources) {
        Map<String, Map<String, Matrix>> all = new LinkedHashMap<>();
        for (String resource : resources) {
            load(resource).forEach((name, values) -> {
                if (all.putIfAbsent(name, values) != null) {
                    throw new IllegalStateException("golden case [" + name + "] appears twice (in " + resource + ")");
                }
            });
        }
        return all;
    }

    private static Map<String, Map<String, Matrix>> load(String resource) {
        Map<String, Map<String, Matrix>> cases = new LinkedHashMap<>();
        try (InputStream in = Golden.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("golden resource " + resource + " not found");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, Matrix> current = null;
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("[")) {
                    current = new LinkedHashMap<>();
                    cases.put(line.substring(1, line.length() - 1), current);
                    continue;
                }
                String[] parts = line.trim().split(" ");
                int rows = Integer.parseInt(parts[1]);
                int cols = Integer.parseInt(parts[2]);
                if (current == null || parts.length != 3 + rows * cols) {
                    throw new IllegalStateException(resource + " line " + lineNo + ": malformed entry '" + parts[0]
                            + "'");
                }
                double[] values = new double[rows * cols];
                for (int k = 0; k < values.length; k++) {
                    values[k] = Double.parseDouble(parts[3 + k]);
                }
                current.put(parts[0], Matrix.fromRowMajor(rows, cols, values));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }
}
