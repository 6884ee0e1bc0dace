package io.github.dlref.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/**
 * What the product tests compare against: the definition of {@code C = A B} written out as a loop, the three
 * layouts as strides, the micro-kernels this JVM can run, and a bit-for-bit comparison of arrays.
 */
final class ProductDefinition {

    private ProductDefinition() {
    }

    /** The layouts, as strides {@code ars, acs, brs, bcs} for an {@code m x k} by {@code k x n} product. */
    enum Layout {
        A_B, AT_B, A_BT;

        int[] strides(int m, int n, int k) {
            return switch (this) {
                case A_B -> new int[] {k, 1, n, 1};
                case AT_B -> new int[] {1, m, n, 1};
                case A_BT -> new int[] {k, 1, 1, k};
            };
        }
    }

    /** Every kernel this JVM can run: the plain one, and the SIMD one if the module is present. */
    static List<MicroKernel> kernels() {
        List<MicroKernel> out = new ArrayList<>();
        out.add(PackedProducts.SCALAR);
        if (PackedProducts.vectorModulePresent()) {
            out.add(PackedProducts.load("io.github.dlref.math.VectorMicroKernel"));
        }
        return out;
    }

    /**
     * The definition, one entry at a time, in ascending {@code p} from {@code +0.0}, every term included:
     * {@code c_ij = (((+0.0 + a_i0 b_0j) + a_i1 b_1j) + ...)} with {@code a_ip = a[i s0 + p s1]},
     * {@code b_pj = b[p s2 + j s3]}.
     */
    static double[] definition(double[] a, double[] b, int m, int n, int k, int[] s) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0.0;
                for (int p = 0; p < k; p++) {
                    sum += a[i * s[0] + p * s[1]] * b[p * s[2] + j * s[3]];
                }
                c[i * n + j] = sum;
            }
        }
        return c;
    }

    /** Fails naming the first entry whose bits differ ({@code doubleToLongBits}: every NaN is one NaN). */
    static void assertSameBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(actual[i])) {
                fail(what + ": entry " + i + " is " + actual[i] + ", expected " + expected[i]);
            }
        }
    }
}
