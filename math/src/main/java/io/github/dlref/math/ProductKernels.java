package io.github.dlref.math;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The kernels of {@link Matrix}'s products, chosen by {@link MatrixKernels}. Every kernel computes each entry
 * as the sum of its products in ascending inner index, started from {@code +0.0} (see {@link MatrixKernels}
 * for why that makes every path give the same bits). Outputs are preallocated by the caller with the
 * result's shape; inputs are not modified; an output never aliases an input (Matrix always allocates it).
 */
final class ProductKernels {

    private ProductKernels() {
    }

    /**
     * {@code C = A B}: {@code c_ij = sum_k a_ik b_kj}.
     *
     * @param a {@code m x k}, not modified
     * @param b {@code k x n}, not modified
     * @param c {@code m x n}, modified: overwritten with the product
     */
    static void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        int m = a.numRows;
        int k = a.numCols;
        int n = b.numCols;
        if (packed(m, n, k)) {
            fast(a.data, k, 1, b.data, n, 1, c.data, m, n, k);
        } else {
            CommonOps_DDRM.mult(a, b, c);
            positiveZeros(c);
        }
    }

    /**
     * {@code C = A^T B}: {@code c_ij = sum_k a_ki b_kj}.
     *
     * @param a {@code k x m}, not modified
     * @param b {@code k x n}, not modified
     * @param c {@code m x n}, modified: overwritten with the product
     */
    static void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        int m = a.numCols;
        int k = a.numRows;
        int n = b.numCols;
        if (packed(m, n, k)) {
            fast(a.data, 1, m, b.data, n, 1, c.data, m, n, k);
        } else {
            CommonOps_DDRM.multTransA(a, b, c);
            positiveZeros(c);
        }
    }

    /**
     * {@code C = A B^T}: {@code c_ij = sum_k a_ik b_jk}.
     *
     * @param a {@code m x k}, not modified
     * @param b {@code n x k}, not modified
     * @param c {@code m x n}, modified: overwritten with the product
     */
    static void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        int m = a.numRows;
        int k = a.numCols;
        int n = b.numRows;
        if (packed(m, n, k)) {
            fast(a.data, k, 1, b.data, 1, k, c.data, m, n, k);
        } else {
            CommonOps_DDRM.multTransB(a, b, c);
            positiveZeros(c);
        }
    }

    /**
     * A product on the fast path's kernels ({@code a_ip = a[i ars + p acs]}, {@code b_pj = b[p brs + j bcs]}):
     * {@link SparseProducts} when {@link SparseProducts#choose} finds an operand with enough zeros, else
     * {@link PackedProducts}. Same bits either way.
     */
    private static void fast(double[] a, int ars, int acs, double[] b, int brs, int bcs, double[] c, int m, int n,
            int k) {
        MicroKernel kernel = PackedProducts.FAST;
        SparseProducts.Side side = SparseProducts.choose(kernel, a, ars, acs, b, brs, bcs, m, n, k);
        if (side == SparseProducts.Side.NONE) {
            PackedProducts.multiply(kernel, a, ars, acs, b, brs, bcs, c, m, n, k, MatrixKernels.threads());
        } else {
            SparseProducts.multiply(kernel, side, a, ars, acs, b, brs, bcs, c, m, n, k, MatrixKernels.threads());
        }
    }

    /**
     * Whether an {@code m x k} by {@code k x n} product runs on the packed kernels: the fast path is selected,
     * the product has at least {@link MatrixKernels#TILED_MIN_WORK} multiply-adds, and either the SIMD
     * micro-kernel runs or {@code k >= }{@link MatrixKernels#TILED_MIN_INNER} (the plain-Java micro-kernel
     * gains nothing over EJML on shorter sums).
     *
     * @param m rows of the result
     * @param n columns of the result
     * @param k the inner dimension
     * @return true for the packed kernels, false for EJML's
     */
    static boolean packed(int m, int n, int k) {
        return MatrixKernels.products() == MatrixKernels.Products.TILED
                && (k >= MatrixKernels.TILED_MIN_INNER || MatrixKernels.vectorized())
                && (long) m * n * k >= MatrixKernels.TILED_MIN_WORK;
    }

    /**
     * Turns every {@code -0.0} into {@code +0.0} ({@code x + 0.0} changes no other value). EJML picks its
     * product kernel by shape; some start each sum from {@code 0.0}, others from the first product, and the
     * two differ only when every product is {@code -0.0}. Normalising makes every product equal, bit for
     * bit, to the ascending-{@code k} sum started from {@code +0.0}, whichever kernel ran.
     */
    private static void positiveZeros(DMatrixRMaj out) {
        double[] d = out.data;
        int n = out.getNumElements();
        for (int i = 0; i < n; i++) {
            d[i] += 0.0;
        }
    }
}
