package io.github.dlref.bench;

import java.util.Objects;

/**
 * The arithmetic peak this machine reaches under the engine's rule for products (a multiplication, then a
 * separate addition; no fused multiply-add), measured at run time on one thread: a plain loop of the product
 * micro-kernel's operations on operands that fit in the level-1 cache. {@code dlref bench} divides the large
 * workloads' GFLOP/s by it, so the distance to the limit is printed, not guessed. With the
 * {@code jdk.incubator.vector} module the loop is SIMD ({@code VectorPeakLoop}); without it, the scalar loop
 * of the plain-Java kernel.
 */
public final class PeakFlops {

    /** Doubles the loop runs over: 4 KiB, well inside any level-1 data cache. */
    static final int LENGTH = 512;

    /** One form of the loop. */
    interface Loop {
        /**
         * What the loop does, for reports.
         *
         * @return a short description
         */
        String description();

        /**
         * Floating-point operations of one {@link #pass} (each multiplication and each addition counts one).
         *
         * @param length the length passed to {@link #pass}
         * @return the operation count
         */
        long flopsPerPass(int length);

        /**
         * One pass over {@code v}: eight running sums, each increased by a product of an entry of {@code x} and
         * an entry of {@code v}.
         *
         * @param v the streamed operand, at least {@code length} entries
         * @param x four constants
         * @param length the entries of {@code v} to use
         * @return a value that depends on every sum (so the loop is not removed)
         */
        double pass(double[] v, double[] x, int length);
    }

    /**
     * The result.
     *
     * @param gflops the best measured rate on one thread, in 10^9 floating-point operations per second
     * @param loop what was measured
     */
    public record Result(double gflops, String loop) {
        /**
         * Validates.
         *
         * @param gflops the rate, {@code > 0}
         * @param loop the description, not null
         * @throws IllegalArgumentException if the rate is not positive
         */
        public Result {
            Objects.requireNonNull(loop, "PeakFlops.Result: loop must not be null");
            if (!(gflops > 0)) {
                throw new IllegalArgumentException("PeakFlops.Result: gflops must be > 0, got " + gflops);
            }
        }
    }

    private PeakFlops() {
    }

    /**
     * The loop for this JVM: SIMD if {@code jdk.incubator.vector} is present, else scalar.
     *
     * @return the loop
     */
    static Loop loop() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (Loop) Class.forName("io.github.dlref.bench.VectorPeakLoop").getDeclaredConstructor()
                        .newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new ScalarLoop();
            }
        }
        return new ScalarLoop();
    }

    /**
     * Measures the peak: passes of the loop for {@code rounds} rounds of at least {@code roundNanos} each, after
     * one such round of warm-up; the best round counts (interruptions by other processes only slow a round).
     *
     * @param rounds timed rounds, {@code >= 1}
     * @param roundNanos least duration of a round, {@code >= 1}
     * @return the best rate and the loop's description
     * @throws IllegalArgumentException if a count is out of range
     */
    public static Result measure(int rounds, long roundNanos) {
        if (rounds < 1 || roundNanos < 1) {
            throw new IllegalArgumentException("PeakFlops.measure: rounds and roundNanos must be >= 1, got "
                    + rounds + " and " + roundNanos);
        }
        Loop loop = loop();
        double[] v = new double[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            v[i] = 1.0 + i * 1e-3;
        }
        double[] x = {0.5, 0.25, 0.125, 0.0625};
        double sink = 0.0;
        double best = 0.0;
        for (int r = 0; r <= rounds; r++) {
            long start = System.nanoTime();
            long passes = 0;
            long elapsed;
            do {
                for (int q = 0; q < 256; q++) {
                    sink += loop.pass(v, x, LENGTH);
                }
                passes += 256;
                elapsed = System.nanoTime() - start;
            } while (elapsed < roundNanos);
            double gflops = passes * (double) loop.flopsPerPass(LENGTH) / elapsed;
            if (r > 0 && gflops > best) {
                best = gflops;
            }
        }
        if (!Double.isFinite(sink)) {
            throw new IllegalStateException("PeakFlops: the loop's sums are not finite: " + sink);
        }
        return new Result(best, loop.description());
    }

    /** The scalar loop: the same eight running sums, one double each. */
    static final class ScalarLoop implements Loop {
        @Override
        public String description() {
            return "scalar multiply then add (no Vector API)";
        }

        @Override
        public long flopsPerPass(int length) {
            return (long) (length / 2) * 2 * 8;
        }

        @Override
        public double pass(double[] v, double[] x, int length) {
            double s0 = 0.0;
            double s1 = 0.0;
            double s2 = 0.0;
            double s3 = 0.0;
            double s4 = 0.0;
            double s5 = 0.0;
            double s6 = 0.0;
            double s7 = 0.0;
            double x0 = x[0];
            double x1 = x[1];
            double x2 = x[2];
            double x3 = x[3];
            for (int i = 0; i + 2 <= length; i += 2) {
                double y0 = v[i];
                double y1 = v[i + 1];
                s0 += x0 * y0;
                s1 += x0 * y1;
                s2 += x1 * y0;
                s3 += x1 * y1;
                s4 += x2 * y0;
                s5 += x2 * y1;
                s6 += x3 * y0;
                s7 += x3 * y1;
            }
            return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
        }
    }
}
