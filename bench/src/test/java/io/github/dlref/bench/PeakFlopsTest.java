package io.github.dlref.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The peak loop counts its operations correctly and computes what it claims; the rate itself is a benchmark
 * and is only checked to be measured (positive).
 */
class PeakFlopsTest {

    @Test
    void bothLoopsCountSixteenOperationsPerPairOfEntries() {
        // eight sums, each one multiplication and one addition per pair of streamed entries
        assertEquals(4096, new PeakFlops.ScalarLoop().flopsPerPass(512));
        assertEquals(4096, PeakFlops.loop().flopsPerPass(512));
        assertEquals(16, new PeakFlops.ScalarLoop().flopsPerPass(3));
    }

    @Test
    void theScalarLoopSumsEveryProduct() {
        double[] v = new double[8];
        Arrays.fill(v, 1.0);
        // s0..s7 each gain x_r * 1 four times: 4 (2 x0 + 2 x1 + 2 x2 + 2 x3) = 8 (1 + 2 + 3 + 4)
        assertEquals(80.0, new PeakFlops.ScalarLoop().pass(v, new double[] {1, 2, 3, 4}, 8));
    }

    @Test
    void theLoopMatchesTheModule() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        String d = PeakFlops.loop().description();
        assertTrue(module ? d.startsWith("Vector API ") : d.startsWith("scalar"), d);
        if (module) {
            // lane 0 of the summed vectors: with v and x all ones each of the 8 sums gains 1 per step of 2 L
            // entries, so the value is 8 * 64 / (2 L) = 256 / L for L lanes (2 with 128-bit vectors, 4 with AVX2)
            double[] v = new double[64];
            Arrays.fill(v, 1.0);
            double value = PeakFlops.loop().pass(v, new double[] {1, 1, 1, 1}, 64);
            double lanes = 256.0 / value;
            assertTrue(lanes == 2 || lanes == 4 || lanes == 8 || lanes == 16, "value " + value);
        }
    }

    @Test
    void measuresAPositiveRate() {
        PeakFlops.Result r = PeakFlops.measure(1, 1_000_000L);
        assertTrue(r.gflops() > 0, r.toString());
        assertEquals(PeakFlops.loop().description(), r.loop());
    }

    @Test
    void badArgumentsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PeakFlops.measure(0, 1));
        assertEquals("PeakFlops.measure: rounds and roundNanos must be >= 1, got 0 and 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PeakFlops.measure(1, 0));
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class,
                () -> new PeakFlops.Result(0.0, "x"));
        assertEquals("PeakFlops.Result: gflops must be > 0, got 0.0", r.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PeakFlops.Result(Double.NaN, "x"));
        assertThrows(NullPointerException.class, () -> new PeakFlops.Result(1.0, null));
    }
}
