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
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpiralTest {

    @Test
    void noiseFreeSpiralEqualsTheCs231nCode() {
        Dataset d = Spiral.generate(5, 3, 0.0, 1L);
        assertNull(ReferenceData.mismatch(d.features(), "spiral_noisefree_5_3_x"));
        assertArrayEquals(ReferenceData.ints("spiral_noisefree_5_3_y"), d.labels());
        assertEquals(3, d.numClasses());
    }

    @Test
    void noiseIsDrawnClassByClassFromJavaUtilRandom() {
        // N = 5: r = 0, 0.25, 0.5, 0.75, 1 and theta = 4j + 0, 1, 2, 3, 4 exactly (numpy's linspace gives
        // these exactly, see spiral_noisefree in the reference file)
        long seed = 2024L;
        Random jdk = new Random(seed);
        Dataset d = Spiral.generate(5, 3, seed);
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 5; i++) {
                double r = 0.25 * i;
                double t = (4 * j + i) + jdk.nextGaussian() * 0.2;
                int row = 5 * j + i;
                assertEquals(r * StrictMath.sin(t), d.features().get(row, 0), "x of row " + row);
                assertEquals(r * StrictMath.cos(t), d.features().get(row, 1), "y of row " + row);
                assertEquals(j, d.label(row));
            }
        }
    }

    @Test
    void cs231nSizeAndReproducibility() {
        Dataset a = Spiral.generate(100, 3, 5L);
        assertEquals(300, a.size());
        assertEquals(2, a.numFeatures());
        assertArrayEquals(new int[] {100, 100, 100}, a.classCounts());
        for (int i = 0; i < a.size(); i++) {
            double x = a.features().get(i, 0);
            double y = a.features().get(i, 1);
            assertTrue(x * x + y * y <= 1 + Tolerances.UNIT_DISC_SLACK, "points lie in the unit disc (radius <= 1)");
        }
        assertEquals(a.features(), Spiral.generate(100, 3, 5L).features());
        assertNotEquals(a.features(), Spiral.generate(100, 3, 6L).features());
    }

    @Test
    void badArgumentsAreRejected() {
        String m = assertThrows(IllegalArgumentException.class, () -> Spiral.generate(0, 3, 1L)).getMessage();
        assertTrue(m.contains("pointsPerClass must be >= 1, got 0"), m);
        assertThrows(IllegalArgumentException.class, () -> Spiral.generate(5, 0, 1L));
        m = assertThrows(IllegalArgumentException.class, () -> Spiral.generate(5, 3, -0.1, 1L)).getMessage();
        assertTrue(m.contains("noise"), m);
        assertThrows(IllegalArgumentException.class, () -> Spiral.generate(5, 3, Double.NaN, 1L));
        assertThrows(IllegalArgumentException.class, () -> Spiral.generate(1 << 20, 1 << 12, 1L));
    }
}
