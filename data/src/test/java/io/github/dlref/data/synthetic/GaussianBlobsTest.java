package io.github.dlref.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.data.Dataset;
import io.github.dlref.data.ReferenceData;
import io.github.dlref.math.Matrix;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GaussianBlobsTest {

    @Test
    void sampleCountsAndOrderFollowScikitLearn() {
        Matrix centers = Matrix.fromRowMajor(3, 2, 0, 0, 5, 5, -5, 5);
        Dataset d = GaussianBlobs.generate(10, centers, 0.0, false, 1L);
        assertEquals(ReferenceData.matrix("blobs_10_3_x"), d.features());
        assertArrayEquals(ReferenceData.ints("blobs_10_3_y"), d.labels());
        assertArrayEquals(new int[] {4, 3, 3}, GaussianBlobs.samplesPerCenter(10, 3));
        assertArrayEquals(new int[] {0, 0, 0}, GaussianBlobs.samplesPerCenter(0, 3));
        assertArrayEquals(new int[] {1, 1, 0}, GaussianBlobs.samplesPerCenter(2, 3));
    }

    @Test
    void randomCentersThenSamplesThenShuffleFromJavaUtilRandom() {
        long seed = 77L;
        int n = 5;
        Random jdk = new Random(seed);
        double[][] c = new double[2][3];
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 3; j++) {
                c[k][j] = -10.0 + 20.0 * jdk.nextDouble();
            }
        }
        int[] counts = {3, 2};
        double[][] ordered = new double[n][3];
        int[] labels = new int[n];
        int row = 0;
        for (int k = 0; k < 2; k++) {
            for (int s = 0; s < counts[k]; s++, row++) {
                for (int j = 0; j < 3; j++) {
                    ordered[row][j] = c[k][j] + 0.5 * jdk.nextGaussian();
                }
                labels[row] = k;
            }
        }
        int[] p = {0, 1, 2, 3, 4};
        for (int i = n - 1; i > 0; i--) {
            int j = jdk.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        Dataset d = GaussianBlobs.generate(n, 2, 3, 0.5, true, seed);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(ordered[p[r]][j], d.features().get(r, j), "row " + r + " col " + j);
            }
            assertEquals(labels[p[r]], d.label(r));
        }
        for (double[] center : c) {
            for (double v : center) {
                assertTrue(v >= -10 && v < 10);
            }
        }
    }

    @Test
    void badArgumentsAreRejected() {
        Matrix centers = Matrix.fromRowMajor(1, 2, 0, Double.NaN);
        String m = assertThrows(IllegalArgumentException.class,
                () -> GaussianBlobs.generate(3, centers, 1, false, 1L)).getMessage();
        assertTrue(m.contains("center 0") && m.contains("column 1"), m);
        assertThrows(IllegalArgumentException.class,
                () -> GaussianBlobs.generate(3, Matrix.zeros(0, 2), 1, false, 1L));
        assertThrows(IllegalArgumentException.class, () -> GaussianBlobs.generate(0, 2, 2, 1, false, 1L));
        assertThrows(IllegalArgumentException.class, () -> GaussianBlobs.generate(4, 2, 2, -1, false, 1L));
        assertThrows(IllegalArgumentException.class, () -> GaussianBlobs.samplesPerCenter(3, 0));
    }
}
