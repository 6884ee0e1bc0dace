package io.github.dlref.math;

import java.util.concurrent.ForkJoinTask;

/**
 * Products with an operand that is mostly exact zeros (the gradients and activations of ReLU networks, images with
 * a blank background): {@code C = op(A) op(B)} computed without the terms whose sparse factor is {@code 0.0} or
 * {@code -0.0}, with the same bits as {@link PackedProducts}.
 *
 * <p><b>Why skipping is exact.</b> Every entry is {@code (((+0.0 + t_0) + t_1) + ...) + t_(k-1)} with
 * {@code t_p = a_ip b_pj} in ascending {@code p} (see {@link MatrixKernels}). A running sum started from
 * {@code +0.0} is never {@code -0.0} (in round-to-nearest, {@code x + y} is {@code -0.0} only when both are
 * {@code -0.0}), and {@code s + (+-0.0) = s} for every such {@code s}, NaN and infinities included. A term with
 * a zero factor is {@code +-0.0} when the other factor is finite, so leaving it out changes no bit; when the other
 * factor is infinite or NaN the term is NaN and must stay: a block of the dense operand with any non-finite entry
 * is summed over every {@code p} instead (exact, and slow, as rare inputs may be).
 *
 * <p><b>Layout.</b> The sparse operand {@code S} is read as {@code columns} sparse columns of {@code k} steps;
 * each column becomes the list of its nonzero steps in ascending order (offsets and values). The dense operand
 * {@code D} is read as {@code lanes} rows of {@code k} steps, packed {@link MicroKernel#sparseLanes()} rows at a
 * time step-major ({@code dp[p R + r]}), and the micro-kernel's {@link MicroKernel#sparseColumns} sums every
 * sparse column against the packed block. For {@code B} sparse the sparse columns are the columns of {@code B}
 * and the dense rows the rows of {@code A}; for {@code A} sparse, the rows of {@code A} and the columns of
 * {@code B} ({@code C^T = B^T A^T}).
 *
 * <p><b>Memory.</b> The lists hold at most {@value #LIST_BUDGET} entries (the sparse columns are taken in chunks
 * of that many terms, at least one column), a block {@code R k} packed doubles and a tile {@code R} per column of
 * the chunk; each thread keeps its arrays for its next product.
 *
 * <p><b>When.</b> {@link #choose} samples {@value #SAMPLES} entries of each operand (evenly spaced, so the same
 * inputs always choose the same way; the choice changes only the speed): an operand is sparse enough when at
 * least {@value #MIN_ZERO_PERCENT}% of its samples are zeros, and usable when the other operand gives at least
 * one full block of dense rows. The sparser usable operand wins. Measured on this project's 2-core machine with
 * the SIMD kernel, for a {@code 784 x 128} by {@code 128 x 256} product (the shape of the benchmark MLP's first-layer
 * weight gradient) whose second operand is random with a given share of zeros: half zeros, 1.6 ms against 2.1 to
 * 2.3 ms packed; no zeros, 2.6 ms against 2.3 ms.
 */
final class SparseProducts {

    /** Evenly spaced entries of each operand examined by {@link #choose}. */
    static final int SAMPLES = 1024;

    /**
     * The most list entries built at once (6 MB of offsets and values): the sparse columns are taken in chunks of
     * at most {@code max(1, LIST_BUDGET / k)} columns, so the lists stay within that however large the operands
     * are.
     */
    static final int LIST_BUDGET = 1 << 19;

    /** The smallest share of zeros, in percent of the samples, for which an operand counts as sparse. */
    static final int MIN_ZERO_PERCENT = 30;

    /** Which operand, if any, the sparse kernel skips the zeros of. */
    enum Side {
        /** Neither: the product runs on the packed kernels. */
        NONE,
        /** {@code op(A)}'s zeros are skipped. */
        A,
        /** {@code op(B)}'s zeros are skipped. */
        B
    }

    private static final ThreadLocal<Lists> LISTS = ThreadLocal.withInitial(Lists::new);
    private static final ThreadLocal<Blocks> BLOCKS = ThreadLocal.withInitial(Blocks::new);

    private SparseProducts() {
    }

    /**
     * Chooses the operand whose zeros to skip for {@code C = A B}, {@code a_ip = a[i ars + p acs]}
     * ({@code m x k}), {@code b_pj = b[p brs + j bcs]} ({@code k x n}).
     *
     * @param kernel the micro-kernel that would run
     * @param a A's entries, not modified
     * @param ars A's row stride
     * @param acs A's column stride
     * @param b B's entries, not modified
     * @param brs B's row stride
     * @param bcs B's column stride
     * @param m rows of C
     * @param n columns of C
     * @param k the inner dimension, {@code >= 1}
     * @return the operand to skip the zeros of, or {@link Side#NONE}
     */
    static Side choose(MicroKernel kernel, double[] a, int ars, int acs, double[] b, int brs, int bcs, int m, int n,
            int k) {
        int lanes = kernel.sparseLanes();
        int zerosA = n >= lanes ? zeroPercent(a, ars, acs, m, k) : -1;
        int zerosB = m >= lanes ? zeroPercent(b, brs, bcs, k, n) : -1;
        if (Math.max(zerosA, zerosB) < MIN_ZERO_PERCENT) {
            return Side.NONE;
        }
        return zerosA > zerosB ? Side.A : Side.B;
    }

    /**
     * The share of zeros among {@code min(SAMPLES, rows cols)} evenly spaced entries of a {@code rows x cols}
     * operand ({@code x_rc = x[r rs + c cs]}), in whole percent rounded down.
     */
    static int zeroPercent(double[] x, int rs, int cs, int rows, int cols) {
        long total = (long) rows * cols;
        int samples = (int) Math.min(SAMPLES, total);
        int zeros = 0;
        for (int t = 0; t < samples; t++) {
            long e = t * total / samples;
            int r = (int) (e / cols);
            int c = (int) (e % cols);
            if (x[r * rs + c * cs] == 0.0) {
                zeros++;
            }
        }
        return (int) (100L * zeros / samples);
    }

    /**
     * {@code C = A B} (strides as in {@link #choose}), {@code C} row-major {@code m x n}, skipping the zeros of the
     * operand {@code side}; the same bits as {@link PackedProducts#multiply}.
     *
     * @param kernel the micro-kernel
     * @param side {@link Side#A} or {@link Side#B}
     * @param a A's entries, not modified
     * @param ars A's row stride
     * @param acs A's column stride
     * @param b B's entries, not modified
     * @param brs B's row stride
     * @param bcs B's column stride
     * @param c the result, modified: overwritten; must not alias {@code a} or {@code b}
     * @param m rows of C
     * @param n columns of C
     * @param k the inner dimension, {@code >= 1}
     * @param threads the largest number of threads to split over, {@code >= 1}
     */
    static void multiply(MicroKernel kernel, Side side, double[] a, int ars, int acs, double[] b, int brs, int bcs,
            double[] c, int m, int n, int k, int threads) {
        multiply(kernel, side, a, ars, acs, b, brs, bcs, c, m, n, k, threads, LIST_BUDGET);
    }

    /**
     * {@link #multiply(MicroKernel, Side, double[], int, int, double[], int, int, double[], int, int, int, int)}
     * with the sparse columns taken in chunks of {@code max(1, listBudget / k)}: each chunk's lists are built, then
     * every block of dense rows is packed and summed against them (split over threads by rows).
     */
    static void multiply(MicroKernel kernel, Side side, double[] a, int ars, int acs, double[] b, int brs, int bcs,
            double[] c, int m, int n, int k, int threads, int listBudget) {
        Operands o = side == Side.B
                ? new Operands(b, brs, bcs, n, a, ars, acs, m, k, c, n, 1)
                : new Operands(a, acs, ars, m, b, bcs, brs, n, k, c, 1, n);
        int lanes = kernel.sparseLanes();
        int units = (o.rows + lanes - 1) / lanes;
        long work = (long) m * n * k;
        int parts = work < MatrixKernels.PARALLEL_MIN_WORK ? 1 : Math.min(threads, units);
        int chunk = Math.max(1, Math.min(o.columns, listBudget / k));
        for (int u0 = 0; u0 < o.columns; u0 += chunk) {
            Lists lists = LISTS.get().build(o, lanes, u0, Math.min(o.columns, u0 + chunk));
            if (parts <= 1) {
                rows(kernel, o, lists, 0, o.rows);
                continue;
            }
            ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[parts - 1];
            for (int t = 1; t < parts; t++) {
                int from = PackedProducts.boundary(units, parts, t, lanes, o.rows);
                int to = PackedProducts.boundary(units, parts, t + 1, lanes, o.rows);
                tasks[t - 1] = PackedProducts.Pool.INSTANCE.submit(() -> rows(kernel, o, lists, from, to));
            }
            rows(kernel, o, lists, 0, PackedProducts.boundary(units, parts, 1, lanes, o.rows));
            for (ForkJoinTask<?> task : tasks) {
                task.join();
            }
        }
    }

    /**
     * Dense rows {@code [r0, r1)} against the sparse columns of {@code lists}, on the calling thread: block by block
     * of {@link MicroKernel#sparseLanes()} rows, packed, summed into the block's tile and copied into {@code C}.
     */
    private static void rows(MicroKernel kernel, Operands o, Lists lists, int r0, int r1) {
        int lanes = kernel.sparseLanes();
        int columns = lists.to - lists.from;
        Blocks blocks = BLOCKS.get();
        double[] dp = blocks.packed(lanes * o.k);
        double[] tile = blocks.tile(lanes * columns);
        for (int v0 = r0; v0 < r1; v0 += lanes) {
            int rows = Math.min(lanes, r1 - v0);
            if (pack(o, v0, rows, lanes, dp)) {
                kernel.sparseColumns(dp, lists.start, lists.offsets, lists.values, columns, tile);
            } else {
                everyStep(o, lists.from, lists.to, dp, lanes, tile);
            }
            store(o, lists.from, lists.to, v0, rows, lanes, tile);
        }
    }

    /**
     * Packs dense rows {@code [v0, v0 + rows)}: {@code dp[p lanes + r] = d_(v0 + r),p}, the lanes past
     * {@code rows} {@code +0.0}.
     *
     * @return whether every packed entry is finite
     */
    private static boolean pack(Operands o, int v0, int rows, int lanes, double[] dp) {
        boolean finite = true;
        for (int p = 0; p < o.k; p++) {
            int to = p * lanes;
            int from = v0 * o.denseRowStride + p * o.denseStepStride;
            for (int r = 0; r < rows; r++, from += o.denseRowStride) {
                double x = o.dense[from];
                finite &= Double.isFinite(x);
                dp[to + r] = x;
            }
            for (int r = rows; r < lanes; r++) {
                dp[to + r] = 0.0;
            }
        }
        return finite;
    }

    /**
     * The packed block against sparse columns {@code [u0, u1)} over every step, zeros included, in ascending
     * {@code p} from {@code +0.0}: the exact path for a block with a non-finite entry, whose products with a zero
     * are NaN.
     */
    private static void everyStep(Operands o, int u0, int u1, double[] dp, int lanes, double[] tile) {
        for (int u = u0; u < u1; u++) {
            for (int r = 0; r < lanes; r++) {
                double s = 0.0;
                for (int p = 0; p < o.k; p++) {
                    s += dp[p * lanes + r] * o.sparse[p * o.sparseStepStride + u * o.sparseColumnStride];
                }
                tile[(u - u0) * lanes + r] = s;
            }
        }
    }

    /**
     * Copies the block's tile ({@code tile[(u - u0) lanes + r]}) to {@code C}'s entries of dense rows {@code v0 + r}
     * and sparse columns {@code [u0, u1)}.
     */
    private static void store(Operands o, int u0, int u1, int v0, int rows, int lanes, double[] tile) {
        if (o.cColumnStride == 1) {
            for (int r = 0; r < rows; r++) {
                int to = (v0 + r) * o.cRowStride;
                for (int u = u0, from = r; u < u1; u++, from += lanes) {
                    o.c[to + u] = tile[from];
                }
            }
        } else {
            for (int u = u0; u < u1; u++) {
                System.arraycopy(tile, (u - u0) * lanes, o.c, u * o.cColumnStride + v0, rows);
            }
        }
    }

    /**
     * A product seen as sparse columns against dense rows: sparse entry {@code (p, u)} is
     * {@code sparse[p sparseStepStride + u sparseColumnStride]}, dense entry {@code (v, p)} is
     * {@code dense[v denseRowStride + p denseStepStride]}, and their sum over {@code p} is
     * {@code c[v cRowStride + u cColumnStride]}.
     */
    private record Operands(double[] sparse, int sparseStepStride, int sparseColumnStride, int columns,
            double[] dense, int denseRowStride, int denseStepStride, int rows, int k,
            double[] c, int cRowStride, int cColumnStride) {
    }

    /**
     * Sparse columns {@code [from, to)} as lists: column {@code from + u}'s nonzero steps are entries
     * {@code [start[u], start[u + 1])}, each the offset {@code p lanes} of its step in a packed block and its
     * value, in ascending {@code p}. Built per chunk of columns by the calling thread, then only read; the arrays
     * are kept for the thread's next chunk.
     */
    private static final class Lists {
        private int[] start = new int[0];
        private int[] offsets = new int[0];
        private double[] values = new double[0];
        private int from;
        private int to;

        Lists build(Operands o, int lanes, int first, int end) {
            int columns = end - first;
            if (start.length < columns + 1) {
                start = new int[columns + 1];
            }
            int capacity = columns * o.k;
            if (offsets.length < capacity) {
                offsets = new int[capacity];
                values = new double[capacity];
            }
            int q = 0;
            for (int u = 0; u < columns; u++) {
                start[u] = q;
                for (int p = 0, x = (first + u) * o.sparseColumnStride; p < o.k; p++, x += o.sparseStepStride) {
                    double v = o.sparse[x];
                    offsets[q] = p * lanes;
                    values[q] = v;
                    q += v != 0.0 ? 1 : 0;
                }
            }
            start[columns] = q;
            from = first;
            to = end;
            return this;
        }
    }

    /** A thread's packed block and tile, grown on demand and kept for the next product. */
    private static final class Blocks {
        private double[] packed = new double[0];
        private double[] tile = new double[0];

        double[] packed(int size) {
            if (packed.length < size) {
                packed = new double[size];
            }
            return packed;
        }

        double[] tile(int size) {
            if (tile.length < size) {
                tile = new double[size];
            }
            return tile;
        }
    }
}
