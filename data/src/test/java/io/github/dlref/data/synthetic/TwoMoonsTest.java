package io.github.dlref.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.data.Dataset;
import io.github.dlref.data.ReferenceData;
import io.github.dlref.data.Tolerances;
import io.github.dlref.math.Matrix;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TwoMoonsTest {

    @Test
    void tableEqualsScikitLearnMakeMoons() {
        for (int n : new int[] {7, 100}) {
            Dataset d = TwoMoons.generate(n, 0.0, false, 3L);
            assertNull(ReferenceData.mismatch(d.features(), "moons_" + n + "_x"));
            assertArrayEquals(ReferenceData.ints("moons_" + n + "_y"), d.labels());
        }
    }

    @Test
    void shuffleThenNoiseInTheDocumentedDrawOrder() {
        long seed = 11L;
        int n = 7;
        double noise = 0.1;
        Matrix table = ReferenceData.matrix("moons_7_x");
        int[] tableLabels = ReferenceData.ints("moons_7_y");
        Random jdk = new Random(seed);
        int[] p = {0, 1, 2, 3, 4, 5, 6};
        for (int i = n - 1; i > 0; i--) {
            int j = jdk.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        Dataset d = TwoMoons.generate(n, noise, true, seed);
        for (int k = 0; k < n; k++) {
            for (int c = 0; c < 2; c++) {
                double expected = table.get(p[k], c) + noise * jdk.nextGaussian();
                assertEquals(expected, d.features().get(k, c), Tolerances.REFERENCE_ATOL, "row " + k + " col " + c);
            }
            assertEquals(tableLabels[p[k]], d.label(k));
        }
    }

    @Test
    void microgradDemoSizes() {
        Dataset d = TwoMoons.microgradDemo(1337L);
        assertEquals(100, d.size());
        assertArrayEquals(new int[] {50, 50}, d.classCounts());
        assertEquals(d.features(), TwoMoons.microgradDemo(1337L).features());
        assertNotEquals(d.features(), TwoMoons.microgradDemo(1338L).features());
        Dataset odd = TwoMoons.generate(5, 0.0, false, 1L);
        assertArrayEquals(new int[] {2, 3}, odd.classCounts(), "n_samples_out = n // 2, the rest inner");
    }

    @Test
    void badArgumentsAreRejected() {
        String m = assertThrows(IllegalArgumentException.class, () -> TwoMoons.generate(0, 0.1, true, 1L))
                .getMessage();
        assertTrue(m.contains("n must be >= 1, got 0"), m);
        assertThrows(IllegalArgumentException.class, () -> TwoMoons.generate(10, -1, true, 1L));
        assertThrows(IllegalArgumentException.class, () -> TwoMoons.generate(10, Double.POSITIVE_INFINITY, true, 1L));
    }
}
