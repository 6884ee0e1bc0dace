package io.github.dlref.bench.baseline;

import io.github.dlref.math.Rng;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * EJML's ways to the two large products of the 784-256-10 MLP at batch 128, into preallocated outputs: the
 * forward product {@code Z1 = X W1^T} ({@code 128x784} by {@code (256x784)^T}) and the weight gradient
 * {@code dW1 = G1^T X} ({@code (128x256)^T} by {@code 128x784}), each single-threaded and with
 * {@code CommonOps_MT_DDRM}. These measurements chose {@link BaselineKernels#EJML_BEST}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EjmlKernelBenchmark {

    private DMatrixRMaj x;
    private DMatrixRMaj w1;
    private DMatrixRMaj w1t;
    private DMatrixRMaj g1;
    private DMatrixRMaj g1t;
    private DMatrixRMaj z1;
    private DMatrixRMaj dw1;

    /** Creates the benchmark (JMH instantiates it). */
    public EjmlKernelBenchmark() {
    }

    /** Draws the operands. */
    @Setup
    public void setUp() {
        Rng rng = new Rng(1L);
        x = DMatrixRMaj.wrap(128, 784, rng.uniform(128, 784, 0.0, 1.0).toRowMajorArray());
        w1 = DMatrixRMaj.wrap(256, 784, rng.gaussian(256, 784, 0.0, 0.03).toRowMajorArray());
        g1 = DMatrixRMaj.wrap(128, 256, rng.gaussian(128, 256, 0.0, 1e-3).toRowMajorArray());
        w1t = new DMatrixRMaj(784, 256);
        g1t = new DMatrixRMaj(256, 128);
        z1 = new DMatrixRMaj(128, 256);
        dw1 = new DMatrixRMaj(256, 784);
    }

    /**
     * {@code X W1^T} with {@code multTransB} (dot products of rows).
     *
     * @return the output
     */
    @Benchmark
    public DMatrixRMaj forwardMultTransB() {
        CommonOps_DDRM.multTransB(x, w1, z1);
        return z1;
    }

    /**
     * {@code X W1^T} with {@code CommonOps_MT_DDRM.multTransB}.
     *
     * @return the output
     */
    @Benchmark
    public DMatrixRMaj forwardMultTransBConcurrent() {
        CommonOps_MT_DDRM.multTransB(x, w1, z1);
        return z1;
    }

    /**
     * {@code X (W1^T)}: transpose into a buffer, then the row-reordered {@code mult}.
     *
     * @return the output
     */
    @Benchmark
    public DMatrixRMaj forwardTransposeThenMult() {
        CommonOps_DDRM.transpose(w1, w1t);
        CommonOps_DDRM.mult(x, w1t, z1);
        return z1;
    }

    /**
     * {@code X (W1^T)} with {@code CommonOps_MT_DDRM.mult}.
     *
     * @return the output
     */
    @Benchmark
    public DMatrixRMaj forwardTransposeThenMultConcurrent() {
        CommonOps_DDRM.transpose(w1, w1t);
        CommonOps_MT_DDRM.mult(x, w1t, z1);
        return z1;
    }

    /**
     * {@code G1^T X} with {@code multTransA} (row-reordered).
     *
     * @return the output
     */
    @Benchmark
    public DMatrixRMaj gradientMultTransA() {
        CommonOps_DDRM.multTransA(g1, x, dw1);
        return dw1;
    }

    /**
     * {@code G1^T X} with {@code CommonOps_MT_DDRM.multTransA}.
     *
     * @return the output
     */
    @Benchmark
    public DMatrixRMaj gradientMultTransAConcurrent() {
        CommonOps_MT_DDRM.multTransA(g1, x, dw1);
        return dw1;
    }

    /**
     * {@code (G1^T) X}: transpose into a buffer, then {@code mult}.
     *
     * @return the output
     */
    @Benchmark
    public DMatrixRMaj gradientTransposeThenMult() {
        CommonOps_DDRM.transpose(g1, g1t);
        CommonOps_DDRM.mult(g1t, x, dw1);
        return dw1;
    }
}
