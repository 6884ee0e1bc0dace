package io.github.dlref.bench.jmh;

import io.github.dlref.bench.Workload;
import io.github.dlref.bench.Workloads;
import io.github.dlref.math.MatrixKernels;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of each workload of {@link Workloads} (forward, loss, backward, optimizer step), on the
 * plain and the fast product path. {@code large-fashion} on {@code REFERENCE} with 1 thread against
 * {@code large-fashion-ejml-plain} with 1 thread is the engine's own overhead (same kernels, same bits);
 * {@code large-fashion} on {@code TILED} against {@code large-fashion-ejml} is the engine's fast path
 * against the best hand-written EJML.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrainingStepBenchmark {

    /** The workload name. */
    @Param({Workloads.SMALL_222, Workloads.SMALL_SPIRAL, Workloads.LARGE_FASHION, Workloads.LARGE_FASHION_EJML,
        Workloads.LARGE_FASHION_EJML_PLAIN, Workloads.SCALAR_MICROGRAD})
    public String workload;

    /** The product path of the engine (the baselines read only the thread limit). */
    @Param({"TILED", "REFERENCE"})
    public MatrixKernels.Products products;

    /** The thread limit. */
    @Param({"2", "1"})
    public int threads;

    private Workload w;
    private MatrixKernels.Setting setting;

    /** Creates the benchmark (JMH instantiates it). */
    public TrainingStepBenchmark() {
    }

    /** Builds the workload and selects the product path. */
    @Setup(Level.Trial)
    public void setUp() {
        setting = MatrixKernels.use(products, threads);
        w = Workloads.create(workload, Workloads.DEFAULT_SEED);
    }

    /** Restores the product path. */
    @TearDown(Level.Trial)
    public void tearDown() {
        setting.close();
    }

    /**
     * One step.
     *
     * @return the step's loss
     */
    @Benchmark
    public double step() {
        return w.step();
    }
}
