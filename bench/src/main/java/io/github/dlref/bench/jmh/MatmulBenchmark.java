package io.github.dlref.bench.jmh;

import io.github.dlref.math.Matrix;
import io.github.dlref.math.MatrixKernels;
import io.github.dlref.math.Rng;
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
 * The three products of {@link Matrix} on the shapes the benchmark MLPs use, on the plain path
 * ({@code REFERENCE}, EJML) and the fast path ({@code TILED}) with 1 and 2 threads. A shape {@code m x k x n}
 * is the product of an {@code m x k} and a {@code k x n} operand:
 * <ul>
 *   <li>{@code 128x784x256}: the large MLP's first layer, {@code X W1^T} ({@link #timesTranspose()});</li>
 *   <li>{@code 256x128x784}: its weight gradient {@code G1^T X} ({@link #transposeTimes()});</li>
 *   <li>{@code 128x10x256}: {@code dH = G2 W2} ({@link #matmul()});</li>
 *   <li>{@code 128x256x10}: the second layer, {@code H W2^T};</li>
 *   <li>{@code 32x2x100}, {@code 32x100x3}: the spiral MLP's layers.</li>
 * </ul>
 * Each method computes its product for every shape (the operands are laid out for it), so every method and
 * shape combination is a valid measurement.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MatmulBenchmark {

    /** The shape {@code m x k x n}. */
    @Param({"128x784x256", "256x128x784", "128x10x256", "128x256x10", "32x2x100", "32x100x3"})
    public String shape;

    /** The product path. */
    @Param({"REFERENCE", "TILED"})
    public MatrixKernels.Products products;

    /** The thread limit of the fast path. */
    @Param({"1", "2"})
    public int threads;

    private Matrix a;
    private Matrix aTransposed;
    private Matrix b;
    private Matrix bTransposed;
    private MatrixKernels.Setting setting;

    /** Creates the benchmark (JMH instantiates it). */
    public MatmulBenchmark() {
    }

    /** Draws the operands and selects the product path. */
    @Setup(Level.Trial)
    public void setUp() {
        String[] dims = shape.split("x");
        int m = Integer.parseInt(dims[0]);
        int k = Integer.parseInt(dims[1]);
        int n = Integer.parseInt(dims[2]);
        Rng rng = new Rng(1L);
        a = rng.gaussian(m, k, 0.0, 1.0);
        b = rng.gaussian(k, n, 0.0, 1.0);
        aTransposed = a.transpose();
        bTransposed = b.transpose();
        setting = MatrixKernels.use(products, threads);
    }

    /** Restores the product path. */
    @TearDown(Level.Trial)
    public void tearDown() {
        setting.close();
    }

    /**
     * {@code A B}.
     *
     * @return the product
     */
    @Benchmark
    public Matrix matmul() {
        return a.matmul(b);
    }

    /**
     * {@code A^T B} from the stored {@code A^T}.
     *
     * @return the product
     */
    @Benchmark
    public Matrix transposeTimes() {
        return aTransposed.transposeTimes(b);
    }

    /**
     * {@code A B^T} from the stored {@code B^T}.
     *
     * @return the product
     */
    @Benchmark
    public Matrix timesTranspose() {
        return a.timesTranspose(bTransposed);
    }
}
