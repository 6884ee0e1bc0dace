package io.github.dlref.math;

import static io.github.dlref.math.ProductDefinition.assertSameBits;
import static io.github.dlref.math.ProductDefinition.definition;
import static io.github.dlref.math.ProductDefinition.kernels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import io.github.dlref.math.ProductDefinition.Layout;
import org.junit.jupiter.api.Test;

/**
 * The packed products equal the definition written out as a loop, bit for bit: every entry is
 * {@code (((+0.0 + a_i0 b_0j) + a_i1 b_1j) + ...) + a_i(k-1) b_(k-1)j}, for both micro-kernels (the plain-Java one
 * always; the Vector API one whenever this JVM has {@code jdk.incubator.vector}: math's build runs these tests
 * once with and once without the module), every layout ({@code A B}, {@code A^T B}, {@code A B^T}), every thread
 * count, and shapes that cut the tiles, the packed blocks ({@value PackedProducts#KC} inner steps,
 * {@value PackedProducts#MC_TARGET} rows, {@value PackedProducts#NC_TARGET} columns) and the thread split at
 * every kind of edge. Entries include {@code -0.0}, infinities and NaN. Seeds are fixed, so a failure reproduces.
 */
class PackedProductsTest {

    private static final double[] SPECIAL = {0.0, -0.0, 1.0, -1.0, 0.5, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE, -Double.MAX_VALUE};

    private static double[] entries(Rng rng, int count, int specialEvery) {
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = specialEvery > 0 && rng.nextInt(specialEvery) == 0 ? SPECIAL[rng.nextInt(SPECIAL.length)]
                    : rng.nextGaussian();
        }
        return x;
    }

    /** Multiplies with {@code kernel} into an output full of 99.0 (every entry must be overwritten). */
    private static double[] product(MicroKernel kernel, double[] a, double[] b, int m, int n, int k, int[] s,
            int threads) {
        double[] c = new double[m * n];
        Arrays.fill(c, 99.0);
        PackedProducts.multiply(kernel, a, s[0], s[1], b, s[2], s[3], c, m, n, k, threads);
        return c;
    }

    @Test
    void everyKernelIsTheDefinitionOnEveryEdgeOfItsTiles() {
        Rng rng = new Rng(42L);
        int checked = 0;
        int expected = 0;
        for (MicroKernel kernel : kernels()) {
            expected += (2 * kernel.rows() + 1) * (2 * kernel.cols() + 1) * 4 * 3;
            for (int m = 1; m <= 2 * kernel.rows() + 1; m++) {
                for (int n = 1; n <= 2 * kernel.cols() + 1; n++) {
                    for (int k : new int[] {1, 2, 5, 17}) {
                        for (Layout layout : Layout.values()) {
                            int[] s = layout.strides(m, n, k);
                            double[] a = entries(rng, m * k, 4);
                            double[] b = entries(rng, k * n, 4);
                            assertSameBits(definition(a, b, m, n, k, s), product(kernel, a, b, m, n, k, s, 1),
                                    kernel.description() + ", " + layout + ", " + m + "x" + k + " by " + k + "x" + n);
                            checked++;
                        }
                    }
                }
            }
        }
        assertEquals(expected, checked);
        assertTrue(checked >= 7 * 7 * 4 * 3, "checked " + checked);
    }

    @Test
    void everyKernelIsTheDefinitionAcrossBlocksAndThreads() {
        Rng rng = new Rng(2026L);
        // (m, n, k): one row and one column; blocks of the inner dimension cut at KC + 1 and 2 KC + 3; rows past
        // one row block (MC); columns past one column block (NC); splits by rows (n <= m) and by columns (n > m)
        int kc = PackedProducts.KC;
        int[][] shapes = {{1, 700, kc + 5}, {700, 1, kc + 5}, {3 * PackedProducts.MC_TARGET + 5, 37, 2 * kc + 3},
            {13, PackedProducts.NC_TARGET + 29, kc + 1}, {128, 256, 784 / 4}, {61, 45, 400}};
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            for (Layout layout : Layout.values()) {
                int[] s = layout.strides(m, n, k);
                double[] a = entries(rng, m * k, 97);
                double[] b = entries(rng, k * n, 97);
                double[] expected = definition(a, b, m, n, k, s);
                for (MicroKernel kernel : kernels()) {
                    for (int threads : new int[] {1, 2, 3, 5}) {
                        assertSameBits(expected, product(kernel, a, b, m, n, k, s, threads), kernel.description()
                                + ", " + layout + ", " + m + "x" + k + " by " + k + "x" + n + ", " + threads
                                + " thread(s)");
                    }
                }
            }
        }
    }

    @Test
    void packingBuffersLeftOverFromAnotherProductDoNotLeakIn() {
        // a product full of NaN fills this thread's packing buffers; a smaller product afterwards, whose edge
        // tiles read past its own entries in those buffers, must still be exact
        Rng rng = new Rng(5L);
        for (MicroKernel kernel : kernels()) {
            int big = 70;
            double[] nan = new double[big * big];
            Arrays.fill(nan, Double.NaN);
            product(kernel, nan, nan, big, big, big, Layout.A_B.strides(big, big, big), 1);
            int m = 5;
            int n = kernel.cols() + 3;
            int k = 19;
            int[] s = Layout.A_B.strides(m, n, k);
            double[] a = entries(rng, m * k, 0);
            double[] b = entries(rng, k * n, 0);
            assertSameBits(definition(a, b, m, n, k, s), product(kernel, a, b, m, n, k, s, 1),
                    kernel.description() + " after a NaN product");
        }
    }

    @Test
    void allNegativeZeroProductsSumToPositiveZero() {
        for (MicroKernel kernel : kernels()) {
            int m = 9;
            int n = 11;
            int k = 300;
            double[] a = new double[m * k];
            Arrays.fill(a, -1.0);
            double[] b = new double[k * n];
            double[] c = product(kernel, a, b, m, n, k, Layout.A_B.strides(m, n, k), 2);
            for (double v : c) {
                assertEquals(Double.doubleToLongBits(0.0), Double.doubleToLongBits(v), kernel.description());
            }
        }
    }

    @Test
    void theSimdKernelIsUsedExactlyWhenItsModuleIsPresent() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(module, PackedProducts.vectorModulePresent());
        MicroKernel vector = PackedProducts.load("io.github.dlref.math.VectorMicroKernel");
        if (module) {
            assertTrue(vector.description().startsWith("Vector API, "), vector.description());
            assertEquals(4, vector.rows());
            assertEquals(0, vector.cols() % 2);
            assertEquals(vector.getClass(), PackedProducts.FAST.getClass());
        } else {
            assertSame(PackedProducts.SCALAR, vector, "without the module the class cannot link");
            assertSame(PackedProducts.SCALAR, PackedProducts.FAST);
        }
    }

    @Test
    void aClassThatIsNoKernelFallsBackToThePlainKernel() {
        assertSame(PackedProducts.SCALAR, PackedProducts.load("io.github.dlref.math.NoSuchKernel"));
        assertSame(PackedProducts.SCALAR, PackedProducts.load("java.lang.Object"));
        assertEquals(3, PackedProducts.SCALAR.rows());
        assertEquals(3, PackedProducts.SCALAR.cols());
        assertEquals("plain Java, 3 x 3 tiles", PackedProducts.SCALAR.description());
    }

    @Test
    void threadPartsAreWholeTilesAndCoverEverything() {
        // 10 tiles of 4 rows over 3 parts: tiles 0-2, 3-5, 6-9; the end is the extent, not a whole tile
        assertEquals(0, PackedProducts.boundary(10, 3, 0, 4, 38));
        assertEquals(12, PackedProducts.boundary(10, 3, 1, 4, 38));
        assertEquals(24, PackedProducts.boundary(10, 3, 2, 4, 38));
        assertEquals(38, PackedProducts.boundary(10, 3, 3, 4, 38));
    }

    @Test
    void packedPanelsHoldTheDocumentedLayout() {
        // A = [[1, 2, 3], [4, 5, 6]] (2 x 3) in panels of 3 rows: step p holds a_0p, a_1p, then +0.0 padding
        double[] a = {1, 2, 3, 4, 5, 6};
        double[] ap = new double[9];
        Arrays.fill(ap, 7.0);
        PackedProducts.packA(a, 3, 1, 0, 2, 0, 3, 3, ap);
        assertSameBits(new double[] {1, 4, 0, 2, 5, 0, 3, 6, 0}, ap, "packA row-major");
        Arrays.fill(ap, 7.0);
        // the same A read as the transpose of [[1, 4], [2, 5], [3, 6]] (strides 1, 2)
        PackedProducts.packA(new double[] {1, 4, 2, 5, 3, 6}, 1, 2, 0, 2, 0, 3, 3, ap);
        assertSameBits(new double[] {1, 4, 0, 2, 5, 0, 3, 6, 0}, ap, "packA transposed");
        // B = [[1, 2, 3], [4, 5, 6]] (2 x 3), steps 1..1 (pc = 1, kc = 1), columns 1..2, panels of 4 columns
        double[] bp = new double[4];
        PackedProducts.packB(a, 3, 1, 1, 1, 1, 2, 4, bp);
        assertSameBits(new double[] {5, 6, 0, 0}, bp, "packB row-major");
        Arrays.fill(bp, 7.0);
        PackedProducts.packB(new double[] {1, 4, 2, 5, 3, 6}, 1, 2, 1, 1, 1, 2, 4, bp);
        assertSameBits(new double[] {5, 6, 0, 0}, bp, "packB transposed");
        // columns 1..2 in one full panel of 2 columns, both steps: the panel and nothing past it is written
        double[] wide = new double[8];
        Arrays.fill(wide, 7.0);
        PackedProducts.packB(a, 3, 1, 0, 2, 1, 2, 2, wide);
        assertSameBits(new double[] {2, 3, 5, 6, 7, 7, 7, 7}, wide, "packB, a whole number of panels");
    }

    @Test
    void everyPanelWidthPacksTheDefinedEntries() {
        // full panels of the kernels' widths (3, 4, 8) take the unrolled copies, every other width and every
        // partial panel the general one; each step holds the lanes' entries, then +0.0 up to the width
        Rng rng = new Rng(77L);
        int checked = 0;
        for (int width : new int[] {1, 2, 3, 4, 5, 8, 16}) {
            for (int lanes = 1; lanes <= width; lanes++) {
                for (int[] strides : new int[][] {{1, 23}, {31, 1}, {2, 67}}) {
                    int laneStride = strides[0];
                    int stepStride = strides[1];
                    int steps = 9;
                    int s = 5;
                    double[] src = entries(rng, s + (lanes - 1) * laneStride + (steps - 1) * stepStride + 1, 5);
                    int d = 3;
                    double[] dst = new double[d + steps * width + 2];
                    Arrays.fill(dst, 7.0);
                    PackedProducts.panel(src, s, laneStride, stepStride, lanes, steps, width, dst, d);
                    double[] expected = new double[dst.length];
                    Arrays.fill(expected, 7.0);
                    for (int p = 0; p < steps; p++) {
                        for (int q = 0; q < width; q++) {
                            expected[d + p * width + q] = q < lanes ? src[s + q * laneStride + p * stepStride] : 0.0;
                        }
                    }
                    assertSameBits(expected, dst, "width " + width + ", lanes " + lanes + ", strides " + laneStride
                            + " and " + stepStride);
                    checked++;
                }
            }
        }
        assertEquals(3 * (1 + 2 + 3 + 4 + 5 + 8 + 16), checked);
    }

    @Test
    void aFirstBlockStartsFromPositiveZeroWithoutReadingTheTile() {
        Rng rng = new Rng(11L);
        for (MicroKernel kernel : kernels()) {
            int mr = kernel.rows();
            int nr = kernel.cols();
            int steps = 6;
            double[] ap = entries(rng, mr * steps, 3);
            double[] bp = entries(rng, nr * steps, 3);
            // a tile inside a wider C (ldc = nr + 2) whose entries are NaN: fromZero must not read them
            int ldc = nr + 2;
            int co = 1;
            double[] c = new double[co + mr * ldc];
            Arrays.fill(c, Double.NaN);
            kernel.multiplyAdd(ap, 0, bp, 0, steps, c, co, ldc, true);
            // continuing from those sums over the same block again adds the same products once more
            double[] twice = c.clone();
            kernel.multiplyAdd(ap, 0, bp, 0, steps, twice, co, ldc, false);
            for (int r = 0; r < mr; r++) {
                for (int col = 0; col < nr; col++) {
                    double sum = 0.0;
                    for (int p = 0; p < steps; p++) {
                        sum += ap[p * mr + r] * bp[p * nr + col];
                    }
                    double again = sum;
                    for (int p = 0; p < steps; p++) {
                        again += ap[p * mr + r] * bp[p * nr + col];
                    }
                    String where = kernel.description() + ", entry (" + r + ", " + col + ")";
                    assertEquals(Double.doubleToLongBits(sum), Double.doubleToLongBits(c[co + r * ldc + col]), where);
                    assertEquals(Double.doubleToLongBits(again),
                            Double.doubleToLongBits(twice[co + r * ldc + col]), where + ", continued");
                }
                // the columns of C beside the tile are untouched
                assertTrue(Double.isNaN(c[co + r * ldc + nr]) && Double.isNaN(c[co + r * ldc + nr + 1]),
                        kernel.description() + ", row " + r);
            }
            assertTrue(Double.isNaN(c[0]), kernel.description());
        }
    }
}
