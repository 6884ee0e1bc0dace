package io.github.dlref.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.dlref.bench.baseline.BaselineKernels;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.MatrixKernels;
import io.github.dlref.math.MatrixKernels.Products;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Optimisations do not change results: for a fixed seed, the fast training path (tiled products, split over
 * 2 and 3 threads) produces the same losses and the same parameters, bit for bit, as the plain path (EJML's
 * single-threaded products); and the hand-written EJML baseline, with either set of EJML kernels, trains the
 * same numbers as the engine, so the benchmark compares equal work.
 */
class FastPathBitIdentityTest {

    private static final long SEED = 99L;

    /** Losses of {@code steps} steps and the parameters after them. */
    record Run(List<Double> losses, List<Matrix> parameters) {
    }

    private static Run train(Supplier<Workload> factory, Products products, int threads, int steps) {
        try (var setting = MatrixKernels.use(products, threads)) {
            Workload w = factory.get();
            List<Double> losses = new ArrayList<>();
            for (int s = 0; s < steps; s++) {
                losses.add(w.step());
            }
            return new Run(losses, w.parameterValues());
        }
    }

    private static void assertSameBits(Run expected, Run actual, String what) {
        assertEquals(expected.losses().size(), actual.losses().size(), what + ": number of steps");
        for (int s = 0; s < expected.losses().size(); s++) {
            long e = Double.doubleToLongBits(expected.losses().get(s));
            long a = Double.doubleToLongBits(actual.losses().get(s));
            if (e != a) {
                fail(what + ": loss of step " + s + " is " + actual.losses().get(s) + ", expected "
                        + expected.losses().get(s));
            }
        }
        assertEquals(expected.parameters().size(), actual.parameters().size(), what + ": parameter count");
        for (int p = 0; p < expected.parameters().size(); p++) {
            // Matrix.equals compares shapes and the bits of every entry
            assertEquals(expected.parameters().get(p), actual.parameters().get(p), what + ": parameter " + p);
        }
    }

    @Test
    void largeWorkloadFastPathEqualsPlainPath() {
        Supplier<Workload> large = () -> Workloads.largeFashion(SEED);
        Run plain = train(large, Products.REFERENCE, 1, 3);
        Run initial = train(large, Products.REFERENCE, 1, 0);
        assertNotEquals(initial.parameters().get(0), plain.parameters().get(0), "training must change the weights");
        for (int threads : new int[] {1, 2, 3}) {
            assertSameBits(plain, train(large, Products.TILED, threads, 3), "large, tiled, " + threads + " thread(s)");
        }
    }

    @Test
    void handWrittenBaselineTrainsTheEnginesNumbers() {
        Run engine = train(() -> Workloads.largeFashion(SEED), Products.TILED, 2, 3);
        for (BaselineKernels kernels : BaselineKernels.values()) {
            for (int threads : new int[] {1, 2}) {
                assertSameBits(engine, train(() -> Workloads.largeFashionBaseline(SEED, kernels), Products.TILED,
                        threads, 3), "baseline " + kernels + ", " + threads + " thread(s)");
            }
        }
    }

    @Test
    void smallWorkloadsFastPathEqualsPlainPath() {
        for (String name : List.of(Workloads.SMALL_222, Workloads.SMALL_SPIRAL)) {
            Supplier<Workload> w = () -> Workloads.create(name, SEED);
            Run plain = train(w, Products.REFERENCE, 1, 40);
            assertSameBits(plain, train(w, Products.TILED, 2, 40), name);
        }
    }

    @Test
    void theComparisonSeesADifferentSeed() {
        // the check is not vacuous: another seed gives other numbers
        Run a = train(() -> Workloads.smallSpiral(SEED), Products.TILED, 2, 5);
        Run b = train(() -> Workloads.smallSpiral(SEED + 1), Products.TILED, 2, 5);
        assertNotEquals(a.losses(), b.losses());
        assertNotEquals(a.parameters().get(0), b.parameters().get(0));
    }
}
