package io.github.dlref.math;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
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
        if (tiled(m, n, k)) {
            tiledTimesTranspose(a.data, transposed(b), c.data, m, n, k);
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
        if (tiled(m, n, k)) {
            tiledTimesTranspose(transposed(a), transposed(b), c.data, m, n, k);
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
        if (tiled(m, n, k)) {
            tiledTimesTranspose(a.data, b.data, c.data, m, n, k);
        } else {
            CommonOps_DDRM.multTransB(a, b, c);
            positiveZeros(c);
        }
    }

    private static boolean tiled(int m, int n, int k) {
        return MatrixKernels.products() == MatrixKernels.Products.TILED && k >= MatrixKernels.TILED_MIN_INNER
                && (long) m * n * k >= MatrixKernels.TILED_MIN_WORK;
    }

    private static double[] transposed(DMatrixRMaj x) {
        return CommonOps_DDRM.transpose(x, null).data;
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

    /**
     * {@code C = A B^T} with the tiled kernel, split by rows over up to {@link MatrixKernels#threads()}
     * threads when the product is large enough.
     *
     * @param a row-major {@code m x k}
     * @param b row-major {@code n x k}
     * @param c row-major {@code m x n}, overwritten
     */
    static void tiledTimesTranspose(double[] a, double[] b, double[] c, int m, int n, int k) {
        long work = (long) m * n * k;
        int parts = work < MatrixKernels.PARALLEL_MIN_WORK ? 1 : Math.min(MatrixKernels.threads(), m / 3);
        if (parts <= 1) {
            timesTransposeRows(a, b, c, n, k, 0, m);
            return;
        }
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[parts - 1];
        for (int t = 1; t < parts; t++) {
            int from = rowBoundary(m, parts, t);
            int to = rowBoundary(m, parts, t + 1);
            tasks[t - 1] = Pool.INSTANCE.submit(() -> timesTransposeRows(a, b, c, n, k, from, to));
        }
        timesTransposeRows(a, b, c, n, k, 0, rowBoundary(m, parts, 1));
        for (ForkJoinTask<?> task : tasks) {
            task.join();
        }
    }

    /** The first row of part {@code t} of {@code parts}: a multiple of 3 (whole 3-row tiles), {@code m} for the end. */
    private static int rowBoundary(int m, int parts, int t) {
        return t == parts ? m : (int) ((long) m * t / parts) / 3 * 3;
    }

    /**
     * Rows {@code [from, to)} of {@code C = A B^T}. Results are computed in 3 x 3 tiles: nine running sums
     * {@code s_rc} for rows {@code i .. i+2} and columns {@code j .. j+2}, each started at {@code +0.0} and
     * increased by {@code a_(i+r),p * b_(j+c),p} for {@code p = 0, 1, ..., k-1} in that order (nine independent
     * additions per step, so they do not wait for each other, and six loads for nine products). The rows and
     * columns left over at the edges are summed the same way, in 3 x 1, 1 x 3 and 1 x 1 blocks.
     */
    static void timesTransposeRows(double[] a, double[] b, double[] c, int n, int k, int from, int to) {
        int i = from;
        for (; i + 2 < to; i += 3) {
            int a0 = i * k;
            int a1 = a0 + k;
            int a2 = a1 + k;
            int c0 = i * n;
            int c1 = c0 + n;
            int c2 = c1 + n;
            int j = 0;
            for (; j + 2 < n; j += 3) {
                int b0 = j * k;
                int b1 = b0 + k;
                int b2 = b1 + k;
                double s00 = 0.0;
                double s01 = 0.0;
                double s02 = 0.0;
                double s10 = 0.0;
                double s11 = 0.0;
                double s12 = 0.0;
                double s20 = 0.0;
                double s21 = 0.0;
                double s22 = 0.0;
                for (int p = 0; p < k; p++) {
                    double x0 = a[a0 + p];
                    double x1 = a[a1 + p];
                    double x2 = a[a2 + p];
                    double y0 = b[b0 + p];
                    double y1 = b[b1 + p];
                    double y2 = b[b2 + p];
                    s00 += x0 * y0;
                    s01 += x0 * y1;
                    s02 += x0 * y2;
                    s10 += x1 * y0;
                    s11 += x1 * y1;
                    s12 += x1 * y2;
                    s20 += x2 * y0;
                    s21 += x2 * y1;
                    s22 += x2 * y2;
                }
                c[c0 + j] = s00;
                c[c0 + j + 1] = s01;
                c[c0 + j + 2] = s02;
                c[c1 + j] = s10;
                c[c1 + j + 1] = s11;
                c[c1 + j + 2] = s12;
                c[c2 + j] = s20;
                c[c2 + j + 1] = s21;
                c[c2 + j + 2] = s22;
            }
            for (; j < n; j++) {
                int bj = j * k;
                double s0 = 0.0;
                double s1 = 0.0;
                double s2 = 0.0;
                for (int p = 0; p < k; p++) {
                    double y = b[bj + p];
                    s0 += a[a0 + p] * y;
                    s1 += a[a1 + p] * y;
                    s2 += a[a2 + p] * y;
                }
                c[c0 + j] = s0;
                c[c1 + j] = s1;
                c[c2 + j] = s2;
            }
        }
        for (; i < to; i++) {
            int ai = i * k;
            int ci = i * n;
            int j = 0;
            for (; j + 2 < n; j += 3) {
                int b0 = j * k;
                int b1 = b0 + k;
                int b2 = b1 + k;
                double s0 = 0.0;
                double s1 = 0.0;
                double s2 = 0.0;
                for (int p = 0; p < k; p++) {
                    double x = a[ai + p];
                    s0 += x * b[b0 + p];
                    s1 += x * b[b1 + p];
                    s2 += x * b[b2 + p];
                }
                c[ci + j] = s0;
                c[ci + j + 1] = s1;
                c[ci + j + 2] = s2;
            }
            for (; j < n; j++) {
                int bj = j * k;
                double s = 0.0;
                for (int p = 0; p < k; p++) {
                    s += a[ai + p] * b[bj + p];
                }
                c[ci + j] = s;
            }
        }
    }

    /**
     * The worker threads of split products: a pool of daemon threads, one fewer than the available processors
     * (the calling thread computes one part itself), at least one; created on first use.
     */
    private static final class Pool {
        static final ForkJoinPool INSTANCE =
                new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
    }
}
