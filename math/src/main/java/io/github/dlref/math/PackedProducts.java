package io.github.dlref.math;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * The fast path's products: {@code C = op(A) op(B)} for any of {@code A B}, {@code A^T B}, {@code A B^T},
 * without transposed copies. The operands are read through strides ({@code a_ip = a[i ars + p acs]},
 * {@code b_pj = b[p brs + j bcs]}), copied block by block into packed panels (the layout of
 * {@link MicroKernel}), and multiplied tile by tile by the micro-kernel: the SIMD kernel
 * ({@link #FAST}, {@code VectorMicroKernel}) when the JVM has the {@code jdk.incubator.vector} module, the
 * plain-Java kernel ({@link ScalarMicroKernel}) otherwise.
 *
 * <p><b>Order of the sums.</b> The inner dimension is taken in blocks of {@value #KC} steps in ascending order;
 * in the first block the micro-kernel starts every entry's running sum from {@code +0.0} (so {@code C} need not
 * be cleared beforehand), in each later block it continues the sum from the value left in {@code C} by the
 * previous block, one product at a time in ascending {@code p}.
 * Storing a partial sum in {@code C} and loading it back changes no bit, so every entry is
 * {@code (((+0.0 + a_i0 b_0j) + a_i1 b_1j) + ...) + a_i(k-1) b_(k-1)j}, whichever kernel, block size, tile
 * size or thread computes it: the loop nest decides only which entries are computed together and where.
 *
 * <p>Loop nest (Goto and van de Geijn's, "Anatomy of high-performance matrix multiplication", 2008):
 * columns in blocks of up to {@value #NC_TARGET}, inside them the inner dimension in blocks of {@value #KC}
 * (B's block packed once), inside those rows in blocks of up to {@value #MC_TARGET} (A's block packed once),
 * then one B panel (kept in the level-1 cache) against every A panel. Large products are split over threads
 * by rows or by columns, whichever duplicates less packing; each thread writes its own entries.
 *
 * <p>Memory: each thread keeps its packing buffers ({@code MC x KC} and {@code KC x NC} doubles, about
 * 1.1 MB) for reuse; nothing else is allocated per product.
 */
final class PackedProducts {

    /** Inner steps per packed block. */
    static final int KC = 128;
    /** Rows per packed block of A (rounded down to whole tiles). */
    static final int MC_TARGET = 32;
    /** Columns per packed block of B (rounded down to whole tiles). */
    static final int NC_TARGET = 1024;

    /** The plain-Java micro-kernel, always available. */
    static final MicroKernel SCALAR = new ScalarMicroKernel();

    /** The micro-kernel of the fast path: SIMD when {@code jdk.incubator.vector} is present, else {@link #SCALAR}. */
    static final MicroKernel FAST = select();

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private PackedProducts() {
    }

    /**
     * The SIMD kernel if the running JVM has the incubator module, else the plain one. The SIMD class is named
     * only as a string, so it is never loaded without its module.
     */
    private static MicroKernel select() {
        return vectorModulePresent() ? load("io.github.dlref.math.VectorMicroKernel") : SCALAR;
    }

    /**
     * Whether {@code jdk.incubator.vector} is in the boot layer (the JVM was started with
     * {@code --add-modules jdk.incubator.vector}).
     *
     * @return true if the module is present
     */
    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /**
     * Instantiates a micro-kernel by class name; the plain kernel if that fails (a JVM whose vector module cannot
     * be linked).
     *
     * @param className a {@link MicroKernel} subclass with a no-argument constructor
     * @return the kernel, or {@link #SCALAR}
     */
    static MicroKernel load(String className) {
        try {
            return (MicroKernel) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return SCALAR;
        }
    }

    /**
     * {@code C = A B} with {@code a_ip = a[i ars + p acs]} ({@code m x k}) and {@code b_pj = b[p brs + j bcs]}
     * ({@code k x n}), {@code C} row-major {@code m x n}.
     *
     * @param kernel the micro-kernel
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
    static void multiply(MicroKernel kernel, double[] a, int ars, int acs, double[] b, int brs, int bcs, double[] c,
            int m, int n, int k, int threads) {
        long work = (long) m * n * k;
        boolean byRows = n <= m;
        int unit = byRows ? kernel.rows() : kernel.cols();
        int extent = byRows ? m : n;
        int units = (extent + unit - 1) / unit;
        int parts = work < MatrixKernels.PARALLEL_MIN_WORK ? 1 : Math.min(threads, units);
        if (parts <= 1) {
            block(kernel, a, ars, acs, b, brs, bcs, c, n, k, 0, m, 0, n);
            return;
        }
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[parts - 1];
        for (int t = 1; t < parts; t++) {
            int from = boundary(units, parts, t, unit, extent);
            int to = boundary(units, parts, t + 1, unit, extent);
            tasks[t - 1] = Pool.INSTANCE.submit(byRows
                    ? () -> block(kernel, a, ars, acs, b, brs, bcs, c, n, k, from, to, 0, n)
                    : () -> block(kernel, a, ars, acs, b, brs, bcs, c, n, k, 0, m, from, to));
        }
        int first = boundary(units, parts, 1, unit, extent);
        if (byRows) {
            block(kernel, a, ars, acs, b, brs, bcs, c, n, k, 0, first, 0, n);
        } else {
            block(kernel, a, ars, acs, b, brs, bcs, c, n, k, 0, m, 0, first);
        }
        for (ForkJoinTask<?> task : tasks) {
            task.join();
        }
    }

    /** The first row (or column) of part {@code t} of {@code parts}: whole tiles, {@code extent} for the end. */
    static int boundary(int units, int parts, int t, int unit, int extent) {
        return Math.min(extent, (int) ((long) units * t / parts) * unit);
    }

    /** Rows {@code [r0, r1)} and columns {@code [c0, c1)} of C, on the calling thread. */
    private static void block(MicroKernel kernel, double[] a, int ars, int acs, double[] b, int brs, int bcs,
            double[] c, int n, int k, int r0, int r1, int c0, int c1) {
        int mr = kernel.rows();
        int nr = kernel.cols();
        int mcMax = Math.max(mr, MC_TARGET / mr * mr);
        int ncMax = Math.max(nr, NC_TARGET / nr * nr);
        Scratch scratch = SCRATCH.get();
        double[] ap = scratch.a(mcMax * KC);
        double[] bp = scratch.b(ncMax * KC);
        double[] tile = scratch.tile(mr * nr);
        for (int jc = c0; jc < c1; jc += ncMax) {
            int nc = Math.min(ncMax, c1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(b, brs, bcs, pc, kc, jc, nc, nr, bp);
                for (int ic = r0; ic < r1; ic += mcMax) {
                    int mc = Math.min(mcMax, r1 - ic);
                    packA(a, ars, acs, ic, mc, pc, kc, mr, ap);
                    for (int jr = 0; jr < nc; jr += nr) {
                        int bo = jr * kc;
                        int cols = Math.min(nr, nc - jr);
                        for (int ir = 0; ir < mc; ir += mr) {
                            int ao = ir * kc;
                            int rows = Math.min(mr, mc - ir);
                            int co = (ic + ir) * n + jc + jr;
                            if (rows == mr && cols == nr) {
                                kernel.multiplyAdd(ap, ao, bp, bo, kc, c, co, n, pc == 0);
                            } else {
                                edgeTile(kernel, ap, ao, bp, bo, kc, c, co, n, rows, cols, tile, pc == 0);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * A tile cut by the edge of C: its entries are copied into a full-size tile (the rest set to {@code +0.0}),
     * updated there, and copied back; the entries outside C are discarded. In the first block of the inner
     * dimension ({@code first}) nothing is read from C: the tile starts from {@code +0.0}.
     */
    private static void edgeTile(MicroKernel kernel, double[] ap, int ao, double[] bp, int bo, int kc, double[] c,
            int co, int n, int rows, int cols, double[] tile, boolean first) {
        int nr = kernel.cols();
        Arrays.fill(tile, 0.0);
        if (!first) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(c, co + r * n, tile, r * nr, cols);
            }
        }
        kernel.multiplyAdd(ap, ao, bp, bo, kc, tile, 0, nr, false);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(tile, r * nr, c, co + r * n, cols);
        }
    }

    /**
     * Packs rows {@code [ic, ic + mc)} and inner steps {@code [pc, pc + kc)} of A into panels of {@code mr} rows:
     * panel {@code q} starts at {@code q mr kc}, and its step {@code p} holds {@code a_(ic + q mr + r),(pc + p)}
     * for {@code r = 0 .. mr-1} (rows past the block are {@code +0.0}).
     */
    static void packA(double[] a, int ars, int acs, int ic, int mc, int pc, int kc, int mr, double[] ap) {
        for (int ir = 0; ir < mc; ir += mr) {
            panel(a, (ic + ir) * ars + pc * acs, ars, acs, Math.min(mr, mc - ir), kc, mr, ap, ir * kc);
        }
    }

    /**
     * Packs inner steps {@code [pc, pc + kc)} and columns {@code [jc, jc + nc)} of B into panels of {@code nr}
     * columns: panel {@code q} starts at {@code q nr kc}, and its step {@code p} holds
     * {@code b_(pc + p),(jc + q nr + col)} for {@code col = 0 .. nr-1} (columns past the block are {@code +0.0}).
     */
    static void packB(double[] b, int brs, int bcs, int pc, int kc, int jc, int nc, int nr, double[] bp) {
        for (int jr = 0; jr < nc; jr += nr) {
            panel(b, pc * brs + (jc + jr) * bcs, bcs, brs, Math.min(nr, nc - jr), kc, nr, bp, jr * kc);
        }
    }

    /**
     * Writes one packed panel: for each step {@code p < steps}, {@code width} consecutive entries of {@code dst}
     * from {@code d + p width}: lane {@code q < lanes} is {@code src[s + q laneStride + p stepStride]}, the lanes
     * from {@code lanes} to {@code width - 1} are {@code +0.0}. A full panel of the micro-kernels' widths (3, 4 and
     * 8) is copied step by step with its lanes written out (about twice as fast as a lane at a time or a
     * {@code System.arraycopy} per step, measured on the shapes of the large benchmark MLP); any other panel lane
     * by lane. Only copies: the values, and so the products, are the same either way.
     *
     * @param src the operand's entries, not modified
     * @param s index of the panel's first entry (lane 0, step 0) in {@code src}
     * @param laneStride distance in {@code src} between neighbouring lanes (rows of A, columns of B)
     * @param stepStride distance in {@code src} between neighbouring inner steps
     * @param lanes lanes that exist in the operand, {@code 1 .. width}
     * @param steps inner steps
     * @param width lanes of a packed step (the kernel's rows for A, columns for B)
     * @param dst the packing buffer, modified
     * @param d index of the panel's first entry in {@code dst}
     */
    static void panel(double[] src, int s, int laneStride, int stepStride, int lanes, int steps, int width,
            double[] dst, int d) {
        if (lanes == width && width == 8) {
            panel8(src, s, laneStride, stepStride, steps, dst, d);
        } else if (lanes == width && width == 4) {
            panel4(src, s, laneStride, stepStride, steps, dst, d);
        } else if (lanes == width && width == 3) {
            panel3(src, s, laneStride, stepStride, steps, dst, d);
        } else {
            for (int q = 0; q < width; q++) {
                int o = d + q;
                if (q < lanes) {
                    for (int p = 0, x = s + q * laneStride; p < steps; p++, o += width, x += stepStride) {
                        dst[o] = src[x];
                    }
                } else {
                    for (int p = 0; p < steps; p++, o += width) {
                        dst[o] = 0.0;
                    }
                }
            }
        }
    }

    private static void panel8(double[] src, int s, int ls, int ss, int steps, double[] dst, int d) {
        for (int p = 0, x = s, o = d; p < steps; p++, x += ss, o += 8) {
            dst[o] = src[x];
            dst[o + 1] = src[x + ls];
            dst[o + 2] = src[x + 2 * ls];
            dst[o + 3] = src[x + 3 * ls];
            dst[o + 4] = src[x + 4 * ls];
            dst[o + 5] = src[x + 5 * ls];
            dst[o + 6] = src[x + 6 * ls];
            dst[o + 7] = src[x + 7 * ls];
        }
    }

    private static void panel4(double[] src, int s, int ls, int ss, int steps, double[] dst, int d) {
        for (int p = 0, x = s, o = d; p < steps; p++, x += ss, o += 4) {
            dst[o] = src[x];
            dst[o + 1] = src[x + ls];
            dst[o + 2] = src[x + 2 * ls];
            dst[o + 3] = src[x + 3 * ls];
        }
    }

    private static void panel3(double[] src, int s, int ls, int ss, int steps, double[] dst, int d) {
        for (int p = 0, x = s, o = d; p < steps; p++, x += ss, o += 3) {
            dst[o] = src[x];
            dst[o + 1] = src[x + ls];
            dst[o + 2] = src[x + 2 * ls];
        }
    }

    /** A thread's packing buffers, grown on demand and kept for the next product. */
    private static final class Scratch {
        private double[] a = new double[0];
        private double[] b = new double[0];
        private double[] tile = new double[0];

        double[] a(int size) {
            if (a.length < size) {
                a = new double[size];
            }
            return a;
        }

        double[] b(int size) {
            if (b.length < size) {
                b = new double[size];
            }
            return b;
        }

        double[] tile(int size) {
            if (tile.length < size) {
                tile = new double[size];
            }
            return tile;
        }
    }

    /**
     * The worker threads of split products: a pool of daemon threads, one fewer than the available processors
     * (the calling thread computes one part itself), at least one; created on first use.
     */
    static final class Pool {
        static final ForkJoinPool INSTANCE =
                new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
    }
}
