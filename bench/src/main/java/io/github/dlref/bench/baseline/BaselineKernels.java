package io.github.dlref.bench.baseline;

/** Which EJML kernels the baseline's five matrix products use. */
public enum BaselineKernels {
    /**
     * The kernels of the engine's plain path ({@code io.github.dlref.math.MatrixKernels.Products#REFERENCE}),
     * single-threaded: {@code CommonOps_DDRM.multTransB} for {@code X W^T}, {@code mult} for {@code G W},
     * {@code multTransA} for {@code G^T X}. Against the engine on the plain path this isolates the engine's own
     * overhead: same kernels, same bits, no graph.
     */
    EJML_PLAIN,
    /**
     * EJML's fastest way to each product on this workload's shapes, as measured by the JMH benchmark
     * {@code EjmlKernelBenchmark}: {@code X W1^T} as {@code X (W1^T)} with {@code W1} transposed into a
     * preallocated buffer and the row-reordered {@code mult} (whose inner loop runs along rows and vectorises,
     * unlike {@code multTransB}'s dot products), {@code G1^T X} with {@code multTransA}; both through
     * {@code CommonOps_MT_DDRM}, EJML's concurrent versions, when more than one thread is allowed
     * ({@code MatrixKernels.threads()}). The small products stay single-threaded.
     */
    EJML_BEST
}
