package io.github.dlref.math;

import static io.github.dlref.math.ProductDefinition.assertSameBits;
import static io.github.dlref.math.ProductDefinition.definition;
import static io.github.dlref.math.ProductDefinition.kernels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.dlref.math.MatrixKernels.Products;
import io.github.dlref.math.ProductDefinition.Layout;
import io.github.dlref.math.SparseProducts.Side;
import org.junit.jupiter.api.Test;

/**
 * Products that skip the zeros of a sparse operand ({@link SparseProducts}) equal the definition written out as a
 * loop, bit for bit: {@code (((+0.0 + a_i0 b_0j) + a_i1 b_1j) + ...)} over every {@code p}, zero terms included.
 * Checked for both micro-kernels' sparse kernels (the SIMD one when this JVM has {@code jdk.incubator.vector}),
 * every layout, either operand sparse, one to three threads, the sparse columns all at once or in chunks, shapes
 * that cut the blocks of dense rows, sparse zeros of both signs, and dense operands with infinities and NaN (a zero
 * times an infinity is NaN, so those terms must not be skipped). Seeds are fixed, so a failure reproduces.
 */
class SparseProductsTest {

    private static final double[] FINITE_SPECIAL = {0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, -Double.MAX_VALUE};

    /** How the dense operand's entries are drawn. */
    private enum Dense {
        /** Gaussian with finite special values: every block runs on the sparse kernel. */
        FINITE,
        /** Gaussian with one infinity and one NaN where the sparse operand has zeros: those blocks sum every step. */
        TWO_NON_FINITE
    }

    /** Half of the entries {@code +0.0} or {@code -0.0}, the rest Gaussian with an occasional special value. */
    private static double[] sparse(Rng rng, int count) {
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            if (rng.nextInt(2) == 0) {
                x[i] = rng.nextInt(2) == 0 ? 0.0 : -0.0;
            } else {
                x[i] = rng.nextInt(11) == 0 ? FINITE_SPECIAL[rng.nextInt(FINITE_SPECIAL.length)] : rng.nextGaussian();
            }
        }
        return x;
    }

    private static double[] dense(Rng rng, int count) {
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = rng.nextInt(13) == 0 ? FINITE_SPECIAL[rng.nextInt(FINITE_SPECIAL.length)] : rng.nextGaussian();
        }
        return x;
    }

    /**
     * Puts an infinity and a NaN into the dense operand at a step where the sparse operand has a zero, so the
     * definition has a NaN term there that a careless skip would lose.
     */
    private static void nonFinite(double[] a, double[] b, int m, int n, int k, int[] s, Side side) {
        for (int hit = 0; hit < 2; hit++) {
            double value = hit == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
            boolean placed = false;
            for (int p = hit; p < k && !placed; p++) {
                if (side == Side.B) {
                    for (int j = 0; j < n && !placed; j++) {
                        if (b[p * s[2] + j * s[3]] == 0.0) {
                            a[(hit * (m - 1)) * s[0] + p * s[1]] = value;
                            placed = true;
                        }
                    }
                } else {
                    for (int i = 0; i < m && !placed; i++) {
                        if (a[i * s[0] + p * s[1]] == 0.0) {
                            b[p * s[2] + (hit * (n - 1)) * s[3]] = value;
                            placed = true;
                        }
                    }
                }
            }
            assertTrue(placed, "the sparse operand has a zero to put a non-finite entry against");
        }
    }

    @Test
    void skippingZerosGivesTheDefinitionsBitsForEveryKernelLayoutSideAndThreadCount() {
        Rng rng = new Rng(77L);
        // (m, k, n): one thread (70 x 45 x 90); cut blocks of dense rows (33 and 41 rows or columns: one full SIMD
        // block of 32 and a short one); long sums (k = 300); split over threads (128 x 128 x 100 > 2^20).
        int[][] shapes = {{70, 45, 90}, {33, 300, 41}, {41, 7, 33}, {128, 128, 100}};
        int checked = 0;
        for (int[] shape : shapes) {
            int m = shape[0];
            int k = shape[1];
            int n = shape[2];
            for (Side side : new Side[] {Side.A, Side.B}) {
                for (Dense kind : Dense.values()) {
                    for (Layout layout : Layout.values()) {
                        int[] s = layout.strides(m, n, k);
                        double[] a = side == Side.A ? sparse(rng, m * k) : dense(rng, m * k);
                        double[] b = side == Side.B ? sparse(rng, k * n) : dense(rng, k * n);
                        if (kind == Dense.TWO_NON_FINITE) {
                            nonFinite(a, b, m, n, k, s, side);
                        }
                        double[] expected = definition(a, b, m, n, k, s);
                        for (MicroKernel kernel : kernels()) {
                            for (int threads = 1; threads <= 3; threads++) {
                                // all sparse columns at once, three at a time, one at a time
                                for (int budget : new int[] {SparseProducts.LIST_BUDGET, 3 * k, 1}) {
                                    double[] c = new double[m * n];
                                    SparseProducts.multiply(kernel, side, a, s[0], s[1], b, s[2], s[3], c, m, n, k,
                                            threads, budget);
                                    assertSameBits(expected, c, kernel.description() + ", " + side + " sparse, "
                                            + kind + ", " + layout + ", " + m + "x" + k + " by " + k + "x" + n + ", "
                                            + threads + " thread(s), list budget " + budget);
                                    checked++;
                                }
                            }
                        }
                    }
                }
            }
        }
        assertEquals(shapes.length * 2 * 2 * 3 * 3 * 3 * kernels().size(), checked);
    }

    @Test
    void matrixProductsOfAReluLayersGradientSkipItsZerosWithTheSameBitsAsThePlainPath() {
        // dW = X^T G with G a ReLU gradient (about half of it zero) and X dense: the fast path chooses G's zeros
        Rng rng = new Rng(5L);
        Matrix x = Matrix.fromRowMajor(128, 200, dense(rng, 128 * 200));
        Matrix g = Matrix.fromRowMajor(128, 64, sparse(rng, 128 * 64));
        assertEquals(Side.B, SparseProducts.choose(PackedProducts.FAST, x.toRowMajorArray(), 1, 200,
                g.toRowMajorArray(), 64, 1, 200, 64, 128));
        Matrix plain;
        try (var setting = MatrixKernels.use(Products.REFERENCE, 1)) {
            plain = x.transposeTimes(g);
        }
        for (int threads = 1; threads <= 2; threads++) {
            try (var setting = MatrixKernels.use(Products.TILED, threads)) {
                assertSameBits(plain.toRowMajorArray(), x.transposeTimes(g).toRowMajorArray(),
                        "X^T G, " + threads + " thread(s)");
                assertSameBits(plain.transpose().toRowMajorArray(), g.transposeTimes(x).toRowMajorArray(),
                        "G^T X, " + threads + " thread(s)");
            }
        }
    }

    /** The plain sparse kernel, counting its calls and the listed terms it sums. */
    private static final class CountingKernel extends MicroKernel {
        int calls;
        long terms;

        @Override
        int rows() {
            return PackedProducts.SCALAR.rows();
        }

        @Override
        int cols() {
            return PackedProducts.SCALAR.cols();
        }

        @Override
        void multiplyAdd(double[] ap, int ao, double[] bp, int bo, int steps, double[] c, int co, int ldc,
                boolean fromZero) {
            PackedProducts.SCALAR.multiplyAdd(ap, ao, bp, bo, steps, c, co, ldc, fromZero);
        }

        @Override
        int sparseLanes() {
            return PackedProducts.SCALAR.sparseLanes();
        }

        @Override
        void sparseColumns(double[] dp, int[] start, int[] offsets, double[] values, int columns, double[] tile) {
            calls++;
            terms += start[columns] - start[0];
            PackedProducts.SCALAR.sparseColumns(dp, start, offsets, values, columns, tile);
        }

        @Override
        String description() {
            return "counting " + PackedProducts.SCALAR.description();
        }
    }

    @Test
    void theKernelSumsOnlyTheNonzeroTermsAndIsBypassedForBlocksWithNonFiniteEntries() throws InterruptedException {
        // on a new thread, so the first product starts from empty buffers (they grow on demand and are kept)
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(() -> {
            try {
                countedProducts();
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        thread.start();
        thread.join();
        if (failure[0] != null) {
            fail(failure[0]);
        }
    }

    private static void countedProducts() {
        Rng rng = new Rng(9L);
        int m = 10;
        int k = 30;
        int n = 7;
        int[] s = Layout.A_B.strides(m, n, k);
        double[] a = dense(rng, m * k);
        double[] b = sparse(rng, k * n);
        int nonzeros = 0;
        for (double v : b) {
            nonzeros += v != 0.0 ? 1 : 0;
        }
        int blocks = (m + ScalarMicroKernel.SPARSE_LANES - 1) / ScalarMicroKernel.SPARSE_LANES;
        CountingKernel kernel = new CountingKernel();
        double[] c = new double[m * n];
        SparseProducts.multiply(kernel, Side.B, a, s[0], s[1], b, s[2], s[3], c, m, n, k, 1);
        assertSameBits(definition(a, b, m, n, k, s), c, "B sparse");
        assertEquals(blocks, kernel.calls, "one call per block of dense rows");
        assertEquals((long) blocks * nonzeros, kernel.terms, "each block sums B's nonzero terms only");
        // an infinity in A's row 5 (the second block of four rows): that block sums every term itself
        a[5 * k + 3] = Double.POSITIVE_INFINITY;
        kernel.calls = 0;
        SparseProducts.multiply(kernel, Side.B, a, s[0], s[1], b, s[2], s[3], c, m, n, k, 1);
        assertSameBits(definition(a, b, m, n, k, s), c, "B sparse, an infinity in A");
        assertEquals(blocks - 1, kernel.calls, "the block with the infinity bypasses the kernel");
        // A sparse (the same values read as A^T's): the lists are A's rows
        kernel.calls = 0;
        kernel.terms = 0;
        int[] t = Layout.A_BT.strides(n, m, k);
        double[] c2 = new double[n * m];
        SparseProducts.multiply(kernel, Side.A, b, 1, n, dense(rng, m * k), t[2], t[3], c2, n, m, k, 1);
        assertEquals((m + ScalarMicroKernel.SPARSE_LANES - 1) / ScalarMicroKernel.SPARSE_LANES, kernel.calls);
        assertEquals((long) kernel.calls * nonzeros, kernel.terms, "each block sums A's nonzero terms only");
        // one sparse column more than before: the kept buffers must grow
        double[] wider = sparse(rng, k * (n + 1));
        int[] w = Layout.A_B.strides(m, n + 1, k);
        double[] c3 = new double[m * (n + 1)];
        SparseProducts.multiply(kernel, Side.B, a, w[0], w[1], wider, w[2], w[3], c3, m, n + 1, k, 1);
        assertSameBits(definition(a, wider, m, n + 1, k, w), c3, "B sparse, one column more");
    }

    /** {@code rows x cols} row-major entries: the first {@code zeros} are {@code 0.0}, the rest {@code 1.0}. */
    private static double[] leadingZeros(int rows, int cols, int zeros) {
        double[] x = new double[rows * cols];
        for (int i = zeros; i < x.length; i++) {
            x[i] = 1.0;
        }
        return x;
    }

    @Test
    void theShareOfZerosIsCountedOnEvenlySpacedSamples() {
        assertEquals(30, SparseProducts.zeroPercent(leadingZeros(10, 10, 30), 10, 1, 10, 10), "every entry read");
        assertEquals(29, SparseProducts.zeroPercent(leadingZeros(10, 10, 29), 10, 1, 10, 10));
        // column-major reading of the same entries: strides (1, 10) read x[r + 10 c]; the zeros are columns 0-2
        assertEquals(30, SparseProducts.zeroPercent(leadingZeros(10, 10, 30), 1, 10, 10, 10), "transposed strides");
        // 4,096 entries, 1,024 samples: every fourth entry; the zeros are entries 0 to 2,047, so half the samples
        assertEquals(50, SparseProducts.zeroPercent(leadingZeros(64, 64, 2048), 64, 1, 64, 64), "sampled");
        // the samples are entries 4t: zeros at the other entries are not seen
        double[] x = leadingZeros(64, 64, 0);
        for (int i = 0; i < x.length; i++) {
            if (i % 4 != 0) {
                x[i] = 0.0;
            }
        }
        assertEquals(0, SparseProducts.zeroPercent(x, 64, 1, 64, 64), "only the samples are read");
    }

    @Test
    void theSparserOperandIsChosenWhenItHasEnoughZerosAndTheOtherFillsABlock() {
        MicroKernel kernel = PackedProducts.FAST;
        int lanes = kernel.sparseLanes();
        int m = 2 * lanes;
        int n = 3 * lanes;
        int k = 10;
        double[] dense = leadingZeros(Math.max(m, n), k, 0);
        double[] a30 = leadingZeros(m, k, m * k * 3 / 10);
        double[] b40 = leadingZeros(k, n, k * n * 4 / 10);
        double[] b29 = leadingZeros(k, n, k * n * 29 / 100);
        assertEquals(Side.NONE, SparseProducts.choose(kernel, dense, k, 1, dense, 1, k, m, n, k), "no zeros");
        assertEquals(Side.A, SparseProducts.choose(kernel, a30, k, 1, dense, 1, k, m, n, k), "A at the threshold");
        assertEquals(Side.NONE, SparseProducts.choose(kernel, dense, k, 1, b29, n, 1, m, n, k), "B below it");
        assertEquals(Side.B, SparseProducts.choose(kernel, a30, k, 1, b40, n, 1, m, n, k), "the sparser wins");
        assertEquals(Side.B, SparseProducts.choose(kernel, a30, k, 1, leadingZeros(k, n, k * n * 3 / 10), n, 1,
                m, n, k), "a tie goes to B");
        // A's zeros need B to give a full block of columns; B's need A to give a full block of rows
        assertEquals(Side.NONE, SparseProducts.choose(kernel, a30, k, 1, dense, 1, k, m, lanes - 1, k), "n short");
        assertEquals(Side.A, SparseProducts.choose(kernel, a30, k, 1, dense, 1, k, m, lanes, k), "n one block");
        assertEquals(Side.NONE, SparseProducts.choose(kernel, dense, k, 1, b40, n, 1, lanes - 1, n, k), "m short");
        assertEquals(Side.B, SparseProducts.choose(kernel, dense, k, 1, b40, n, 1, lanes, n, k), "m one block");
    }
}
