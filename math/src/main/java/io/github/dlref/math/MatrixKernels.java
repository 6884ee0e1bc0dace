package io.github.dlref.math;

import java.util.Objects;

/**
 * Chooses the kernels behind {@link Matrix}'s three products ({@link Matrix#matmul(Matrix)},
 * {@link Matrix#transposeTimes(Matrix)}, {@link Matrix#timesTranspose(Matrix)}): the plain path, EJML's
 * single-threaded kernels, or the fast path, register-tiled kernels that split large products over
 * threads.
 *
 * <p><b>Both paths give the same bits.</b> Every entry {@code c_ij} of a product is the sum of its
 * products {@code p_0, ..., p_(k-1)} in ascending {@code k}, each product rounded on its own and each
 * addition rounded on its own (Java never fuses a multiply and an add), starting from {@code +0.0}:
 * {@code c_ij = (((+0.0 + p_0) + p_1) + ...) + p_(k-1)}. The kernels differ only in which entries they
 * compute together and on which thread, never in the operations that make one entry, so the result does
 * not depend on the path or the thread count. {@code MatrixKernelsTest} checks this against EJML and
 * against a plain triple loop, including {@code -0.0}, infinities and NaN.
 *
 * <p>The setting is process-wide (a {@code volatile} field, like a JVM flag): products started after a
 * change use the new setting. {@link #use(Products, int)} returns a scope that restores the previous
 * setting, for try-with-resources. The default is {@link Products#TILED} with one thread per available
 * processor.
 *
 * <p>When the fast path applies (see {@link Products#TILED}): products with at least
 * {@value #TILED_MIN_WORK} multiply-adds use the packed kernels (below that, EJML's kernels are as fast and need
 * no packing); with the plain-Java micro-kernel the inner dimension must also be at least
 * {@value #TILED_MIN_INNER}, with the SIMD micro-kernel any inner dimension is packed (EJML's row-by-row kernel
 * took 0.18 ms for a 128x8 by 8x256 product where the SIMD kernel took 0.04 ms, packing included, and the SIMD
 * kernel was faster for every inner dimension from 1 to 16 on that shape); packed products with at
 * least {@value #PARALLEL_MIN_WORK} multiply-adds are split over up to {@link #threads()} threads (the calling
 * thread and a shared pool of daemon threads).
 *
 * <p><b>Zeros.</b> A packed product whose operand is at least 30% exact zeros (sampled; ReLU's activations and
 * gradients are often about half zeros) leaves out the terms with a zero factor: a sum started from {@code +0.0}
 * never becomes {@code -0.0}, so adding {@code +-0.0} changes no bit, and the terms whose other factor is infinite
 * or NaN (NaN, not zero) are kept. Same bits, fewer operations: a 784x128 by 128x256 product with half of one
 * operand zero took 1.6 ms instead of 2.1 to 2.3 ms, and an epoch of Fashion-MNIST (whose images are about half
 * blank pixels) 3.0 s instead of 6.9 s.
 *
 * <p><b>SIMD.</b> The packed products use the Java Vector API when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} (the {@code dlref} launcher passes it) and plain Java otherwise;
 * {@link #vectorized()} says which. The SIMD lanes are different entries of the result, and each lane does a
 * multiplication and then a separate addition, so both give the same bits; without the module the products
 * are only slower.
 */
public final class MatrixKernels {

    /** The smallest number of multiply-adds {@code m n k} for which the tiled kernel is used. */
    public static final long TILED_MIN_WORK = 1L << 15;

    /**
     * The smallest inner dimension {@code k} for which the tiled kernel is used when it is the plain-Java
     * micro-kernel; the SIMD micro-kernel ({@link #vectorized()}) is used for any {@code k >= 1}.
     */
    public static final int TILED_MIN_INNER = 16;

    /** The smallest number of multiply-adds {@code m n k} for which a tiled product is split over threads. */
    public static final long PARALLEL_MIN_WORK = 1L << 20;

    /** Which kernels compute the products. */
    public enum Products {
        /**
         * The plain path: EJML's single-threaded kernels ({@code CommonOps_DDRM.mult}, {@code multTransA},
         * {@code multTransB}), with every {@code -0.0} result turned into {@code +0.0} (some EJML kernels start
         * each sum from the first product rather than from {@code +0.0}; the two differ only when every
         * product is {@code -0.0}).
         */
        REFERENCE,
        /**
         * The fast path: the operands are packed block by block into panels (read through strides, so
         * {@code A^T B} and {@code A B^T} need no transposed copies) and multiplied by a micro-kernel that keeps
         * a tile of results in registers (SIMD vectors with the Java Vector API, scalars without it) while it
         * runs over {@code k}. Large products are split over threads. Same bits as {@link #REFERENCE}.
         */
        TILED
    }

    private static volatile Products products = Products.TILED;
    private static volatile int threads = Runtime.getRuntime().availableProcessors();

    private MatrixKernels() {
    }

    /**
     * The kernels in use.
     *
     * @return the current choice
     */
    public static Products products() {
        return products;
    }

    /**
     * The largest number of threads a tiled product is split over.
     *
     * @return the thread count, {@code >= 1}
     */
    public static int threads() {
        return threads;
    }

    /**
     * Whether the fast path's products run on the SIMD micro-kernel: true when the running JVM has the
     * {@code jdk.incubator.vector} module ({@code --add-modules jdk.incubator.vector}). Either way the products
     * give the same bits.
     *
     * @return true if the Java Vector API kernel is in use
     */
    public static boolean vectorized() {
        return !(PackedProducts.FAST instanceof ScalarMicroKernel);
    }

    /**
     * The fast path's micro-kernel, for reports: for example {@code "Vector API, 256-bit, 4 x 8 tiles"} or
     * {@code "plain Java, 3 x 3 tiles"}.
     *
     * @return a one-line description
     */
    public static String kernelDescription() {
        return PackedProducts.FAST.description();
    }

    /**
     * Switches the kernels until the returned scope is closed.
     *
     * <pre>{@code
     * try (var plain = MatrixKernels.use(MatrixKernels.Products.REFERENCE, 1)) {
     *     // every product here runs on EJML's single-threaded kernels
     * }
     * }</pre>
     *
     * @param products the kernels to use
     * @param threads the largest number of threads for a tiled product, {@code >= 1} (ignored by
     *     {@link Products#REFERENCE}, which is single-threaded)
     * @return a scope that restores the previous setting when closed
     * @throws IllegalArgumentException if {@code threads < 1}
     * @throws NullPointerException if {@code products} is null
     */
    public static Setting use(Products products, int threads) {
        Objects.requireNonNull(products, "MatrixKernels.use: products must not be null");
        if (threads < 1) {
            throw new IllegalArgumentException("MatrixKernels.use: threads must be >= 1, got " + threads);
        }
        Setting previous = new Setting(MatrixKernels.products, MatrixKernels.threads);
        MatrixKernels.products = products;
        MatrixKernels.threads = threads;
        return previous;
    }

    /**
     * A setting to go back to: closing it restores the kernels and thread count in force when
     * {@link #use(Products, int)} was called. Closing it twice has no further effect.
     */
    public static final class Setting implements AutoCloseable {
        private final Products products;
        private final int threads;
        private boolean closed;

        private Setting(Products products, int threads) {
            this.products = products;
            this.threads = threads;
        }

        /** Restores the previous setting. */
        @Override
        public void close() {
            if (!closed) {
                MatrixKernels.products = products;
                MatrixKernels.threads = threads;
                closed = true;
            }
        }
    }
}
