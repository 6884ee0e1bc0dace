package io.github.dlref.bench.jmh;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.scalar.Value;
import io.github.dlref.math.Matrix;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-op overhead of the engines: a chain of {@value #CHAIN} cheap elementwise ops ({@code x * 1.0001},
 * {@code + 0.001}, {@code tanh}, repeated) on a tiny value, forward and backward. With so little arithmetic,
 * the time per op is what the engine costs around an op: creating the op and the result, recording the
 * graph, sorting it and passing gradients. Divide the reported time by {@value #CHAIN} for one op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OpOverheadBenchmark {

    /** The number of ops in the chain. */
    public static final int CHAIN = 30;

    /** The side of the square tensors of the matrix engine's chain. */
    @Param({"1", "4"})
    public int size;

    private Matrix start;

    /** Creates the benchmark (JMH instantiates it). */
    public OpOverheadBenchmark() {
    }

    /** Builds the start value. */
    @Setup
    public void setUp() {
        start = Matrix.filled(size, size, 0.5);
    }

    /**
     * The chain on the matrix engine, forward and backward.
     *
     * @return the gradient of the sum of the result with respect to the start
     */
    @Benchmark
    public Matrix matrixEngineChain() {
        Tensor x = Tensor.variable(start);
        Tensor y = x;
        for (int i = 0; i < CHAIN / 3; i++) {
            y = y.times(1.0001).plus(0.001).tanh();
        }
        y.sum().backward();
        return x.grad();
    }

    /**
     * The chain on the matrix engine, forward only (no graph recorded: the input needs no gradient).
     *
     * @return the result
     */
    @Benchmark
    public Matrix matrixEngineForwardOnly() {
        Tensor y = Tensor.constant(start);
        for (int i = 0; i < CHAIN / 3; i++) {
            y = y.times(1.0001).plus(0.001).tanh();
        }
        return y.value();
    }

    /**
     * The chain on the scalar engine, forward and backward.
     *
     * @return the gradient with respect to the start
     */
    @Benchmark
    public double scalarEngineChain() {
        Value x = Value.variable(0.5);
        Value y = x;
        for (int i = 0; i < CHAIN / 3; i++) {
            y = y.times(1.0001).plus(0.001).tanh();
        }
        y.backward();
        return x.grad();
    }
}
