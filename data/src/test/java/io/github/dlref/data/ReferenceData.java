package io.github.dlref.data;

import io.github.dlref.math.Matrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads {@code sklearn_reference.txt}, the values written by {@code data/src/test/python/sklearn_reference.py}
 * (numpy and scikit-learn; see the script's header for the format and how to regenerate it).
 */
public final class ReferenceData {

    private static final Map<String, double[]> VALUES = new HashMap<>();
    private static final Map<String, int[]> SHAPES = new HashMap<>();

    static {
        try (InputStream in = ReferenceData.class.getResourceAsStream("sklearn_reference.txt")) {
            if (in == null) {
                throw new IllegalStateException("sklearn_reference.txt is missing from the test resources");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split(" ");
                int rows = Integer.parseInt(f[1]);
                int cols = Integer.parseInt(f[2]);
                if (f.length != 3 + rows * cols) {
                    throw new IllegalStateException("sklearn_reference.txt: " + f[0] + " has " + (f.length - 3)
                            + " values for shape " + rows + "x" + cols);
                }
                double[] v = new double[rows * cols];
                for (int k = 0; k < v.length; k++) {
                    v[k] = Double.parseDouble(f[3 + k]);
                }
                VALUES.put(f[0], v);
                SHAPES.put(f[0], new int[] {rows, cols});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ReferenceData() {
    }

    /**
     * A named matrix.
     *
     * @param name the name in the file
     * @return the matrix
     */
    public static Matrix matrix(String name) {
        double[] v = VALUES.get(name);
        if (v == null) {
            throw new IllegalArgumentException("sklearn_reference.txt has no entry " + name);
        }
        int[] s = SHAPES.get(name);
        return Matrix.fromRowMajor(s[0], s[1], v);
    }

    /**
     * A named row of integers (labels).
     *
     * @param name the name in the file
     * @return the integers
     */
    public static int[] ints(String name) {
        double[] v = matrix(name).toRowMajorArray();
        int[] out = new int[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = (int) v[k];
            if (out[k] != v[k]) {
                throw new IllegalStateException(name + " holds a non-integer " + v[k]);
            }
        }
        return out;
    }

    /**
     * Whether {@code actual} matches the reference within {@link Tolerances#REFERENCE_ATOL} and
     * {@link Tolerances#REFERENCE_RTOL}.
     *
     * @param actual the computed matrix
     * @param name the reference entry
     * @return a failure description, or {@code null} when they match
     */
    public static String mismatch(Matrix actual, String name) {
        Matrix expected = matrix(name);
        if (!actual.sameShape(expected)) {
            return name + ": shape " + actual.shape() + ", expected " + expected.shape();
        }
        for (int i = 0; i < expected.rows(); i++) {
            for (int j = 0; j < expected.cols(); j++) {
                double a = actual.get(i, j);
                double e = expected.get(i, j);
                if (!(Math.abs(a - e) <= Tolerances.REFERENCE_ATOL + Tolerances.REFERENCE_RTOL * Math.abs(e))) {
                    return name + ": entry (" + i + ", " + j + ") is " + a + ", reference " + e + " (difference "
                            + (a - e) + ")";
                }
            }
        }
        return null;
    }
}
