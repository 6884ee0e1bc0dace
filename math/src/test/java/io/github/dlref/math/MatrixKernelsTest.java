package io.github.dlref.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.dlref.math.MatrixKernels.Products;
import org.junit.jupiter.api.Test;

/**
 * The fast product path ({@link Products#TILED}, with and without threads) gives the same bits as the plain
 * path ({@link Products#REFERENCE}, EJML) and as the definition written out as a triple loop: every entry is
 * {@code (((+0.0 + a_i0 b_0j) + a_i1 b_1j) + ...)}. Entries include {@code -0.0}, infinities and NaN. The kernels
 * themselves, on every edge shape and both micro-kernels, are checked in {@code PackedProductsTest}.
 */
class MatrixKernelsTest {

    private static final double[] SPECIAL = {0.0, -0.0, 1.0, -1.0, 0.5, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE, -Double.MAX_VALUE};

    /** Gaussian entries with one in {@code specialEvery} replaced by a special value (none when 0). */
    private static double[] entries(Rng rng, int count, int specialEvery) {
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = specialEvery > 0 && rng.nextInt(specialEvery) == 0 ? SPECIAL[rng.nextInt(SPECIAL.length)]
                    : rng.nextGaussian();
        }
        return x;
    }

    /** The definition: c_ij = (((+0.0 + a_i0 b_j0) + a_i1 b_j1) + ...) for row-major a (m x k), b (n x k). */
    private static double[] definitionTimesTranspose(double[] a, double[] b, int m, int n, int k) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0.0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[j * k + p];
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    private static void assertSameBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(actual[i])) {
                fail(what + ": entry " + i + " is " + actual[i] + ", expected " + expected[i]);
            }
        }
    }

    private static void assertSameBits(Matrix expected, Matrix actual, String what) {
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        assertSameBits(expected.toRowMajorArray(), actual.toRowMajorArray(), what);
    }

    @Test
    void fastPathGivesThePlainPathsBitsForEveryProductAndThreadCount() {
        Rng rng = new Rng(2024L);
        // (m, k, n): tiled but single-threaded (80,237 and 31,152 multiply-adds), then split over threads
        // (1,120,470 and 1,048,576 multiply-adds, the latter exactly at the threshold), with odd edges.
        // Short inner dimensions (10, 1, 3) with enough work run on the packed kernels when they are SIMD.
        int[][] shapes = {{37, 53, 41}, {19, 16, 103}, {130, 129, 67}, {64, 128, 128}, {128, 10, 256},
            {300, 1, 120}, {91, 3, 131}};
        for (int[] s : shapes) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            for (int specialEvery : new int[] {0, 9}) {
                Matrix a = Matrix.fromRowMajor(m, k, entries(rng, m * k, specialEvery));
                Matrix bt = Matrix.fromRowMajor(n, k, entries(rng, n * k, specialEvery));
                Matrix b = bt.transpose();
                Matrix at = a.transpose();
                Matrix definition = Matrix.fromRowMajor(m, n, definitionTimesTranspose(a.toRowMajorArray(),
                        bt.toRowMajorArray(), m, n, k));
                Matrix[] reference;
                try (var plain = MatrixKernels.use(Products.REFERENCE, 1)) {
                    reference = new Matrix[] {a.matmul(b), at.transposeTimes(b), a.timesTranspose(bt)};
                }
                String shape = m + "x" + k + " by " + k + "x" + n + " (special every " + specialEvery + ")";
                for (Matrix r : reference) {
                    assertSameBits(definition, r, "plain path, " + shape);
                }
                for (int threads : new int[] {1, 2, 3}) {
                    try (var fast = MatrixKernels.use(Products.TILED, threads)) {
                        String what = "tiled, " + threads + " thread(s), " + shape;
                        assertSameBits(definition, a.matmul(b), "A B, " + what);
                        assertSameBits(definition, at.transposeTimes(b), "A^T B, " + what);
                        assertSameBits(definition, a.timesTranspose(bt), "A B^T, " + what);
                    }
                }
            }
        }
    }

    @Test
    void shortInnerDimensionsArePackedExactlyWhenTheKernelIsSimd() {
        try (var fast = MatrixKernels.use(Products.TILED, 1)) {
            assertEquals(MatrixKernels.vectorized(), ProductKernels.packed(128, 256, 10), "128x10 by 10x256");
            assertEquals(MatrixKernels.vectorized(), ProductKernels.packed(300, 120, 1), "300x1 by 1x120");
            assertTrue(ProductKernels.packed(128, 256, MatrixKernels.TILED_MIN_INNER), "k at the threshold");
            assertFalse(ProductKernels.packed(8, 8, 8), "below the work threshold");
        }
        try (var plain = MatrixKernels.use(Products.REFERENCE, 1)) {
            assertFalse(ProductKernels.packed(128, 256, 784), "the plain path never packs");
        }
    }

    @Test
    void productsOfNegativeZerosArePositiveZeroOnBothPaths() {
        // every product (-1) * (+0.0) is -0.0; a sum started from +0.0 is +0.0 (the plain path normalises
        // EJML's reorder kernels, which start from the first product and would give -0.0)
        for (int k : new int[] {50, 3}) {
            negativeZeroProducts(Matrix.filled(k == 50 ? 40 : 200, k, -1.0), Matrix.zeros(k, k == 50 ? 30 : 60));
        }
    }

    private static void negativeZeroProducts(Matrix a, Matrix b) {
        for (Products products : Products.values()) {
            try (var setting = MatrixKernels.use(products, 2)) {
                for (Matrix c : new Matrix[] {a.matmul(b), a.transpose().transposeTimes(b),
                    a.timesTranspose(b.transpose())}) {
                    for (double v : c.toRowMajorArray()) {
                        assertEquals(Double.doubleToLongBits(0.0), Double.doubleToLongBits(v), products + ": " + v);
                    }
                }
            }
        }
    }

    @Test
    void scopeRestoresThePreviousSetting() {
        Products before = MatrixKernels.products();
        int threadsBefore = MatrixKernels.threads();
        try (var outer = MatrixKernels.use(Products.REFERENCE, 3)) {
            assertEquals(Products.REFERENCE, MatrixKernels.products());
            assertEquals(3, MatrixKernels.threads());
            var inner = MatrixKernels.use(Products.TILED, 1);
            assertEquals(Products.TILED, MatrixKernels.products());
            inner.close();
            inner.close(); // a second close changes nothing
            assertEquals(Products.REFERENCE, MatrixKernels.products());
            assertEquals(3, MatrixKernels.threads());
        }
        assertEquals(before, MatrixKernels.products());
        assertEquals(threadsBefore, MatrixKernels.threads());
    }

    @Test
    void defaultIsTheFastPathWithOneThreadPerProcessor() {
        assertEquals(Products.TILED, MatrixKernels.products());
        assertEquals(Runtime.getRuntime().availableProcessors(), MatrixKernels.threads());
    }

    @Test
    void reportsWhichMicroKernelRuns() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(module, MatrixKernels.vectorized());
        String description = MatrixKernels.kernelDescription();
        assertTrue(module ? description.startsWith("Vector API, ") : description.equals("plain Java, 3 x 3 tiles"),
                description);
    }

    @Test
    void badSettingsAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MatrixKernels.use(Products.TILED, 0));
        assertTrue(e.getMessage().contains("threads must be >= 1, got 0"), e.getMessage());
        NullPointerException npe = assertThrows(NullPointerException.class, () -> MatrixKernels.use(null, 1));
        assertTrue(npe.getMessage().contains("products"), npe.getMessage());
        assertEquals(Products.TILED, MatrixKernels.products(), "a rejected setting changes nothing");
    }
}
