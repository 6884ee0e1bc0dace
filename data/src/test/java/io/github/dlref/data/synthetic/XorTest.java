package io.github.dlref.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dlref.data.Dataset;
import io.github.dlref.math.Matrix;
import java.util.Random;
import org.junit.jupiter.api.Test;

class XorTest {

    @Test
    void truthTable() {
        Dataset d = Xor.truthTable();
        assertEquals(Matrix.fromRowMajor(4, 2, 0, 0, 0, 1, 1, 0, 1, 1), d.features());
        assertArrayEquals(new int[] {0, 1, 1, 0}, d.labels());
        assertEquals(2, d.numClasses());
    }

    @Test
    void noisyCornersDrawRowMajorFromJavaUtilRandom() {
        Random jdk = new Random(5L);
        Dataset d = Xor.noisy(3, 0.25, 5L);
        int[][] corners = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        int row = 0;
        for (int[] c : corners) {
            for (int p = 0; p < 3; p++, row++) {
                assertEquals(c[0] + 0.25 * jdk.nextGaussian(), d.features().get(row, 0));
                assertEquals(c[1] + 0.25 * jdk.nextGaussian(), d.features().get(row, 1));
                assertEquals(c[0] ^ c[1], d.label(row));
            }
        }
        assertEquals(12, d.size());
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Xor.noisy(0, 0.1, 1L));
        assertThrows(IllegalArgumentException.class, () -> Xor.noisy(2, -0.1, 1L));
    }
}
