package io.github.dlref.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.data.Dataset;
import io.github.dlref.math.Matrix;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearRegressionDataTest {

    @Test
    void featuresThenNoiseDrawnRowMajorFromJavaUtilRandom() {
        // W = [[2, -3.4]] and b = 4.2, the example of Dive into Deep Learning's synthetic_data
        Matrix w = Matrix.fromRowMajor(1, 2, 2, -3.4);
        Matrix b = Matrix.rowVector(4.2);
        int n = 6;
        Random jdk = new Random(9L);
        double[][] x = new double[n][2];
        for (double[] row : x) {
            row[0] = jdk.nextGaussian();
            row[1] = jdk.nextGaussian();
        }
        Dataset d = LinearRegressionData.generate(n, w, b, 0.01, 9L);
        assertFalse(d.isClassification());
        for (int i = 0; i < n; i++) {
            assertEquals(x[i][0], d.features().get(i, 0));
            assertEquals(x[i][1], d.features().get(i, 1));
            double y = (x[i][0] * 2 + x[i][1] * -3.4) + 4.2 + 0.01 * jdk.nextGaussian();
            assertEquals(y, d.targets().get(i, 0), "target " + i);
        }
    }

    @Test
    void severalOutputsUseTheOutByInWeight() {
        // y = x W^T + b with W 2 x 3: y_0 = x_0 + x_1 + x_2 + 1, y_1 = x_0 - x_2 - 1
        Matrix w = Matrix.fromRowMajor(2, 3, 1, 1, 1, 1, 0, -1);
        Dataset d = LinearRegressionData.generate(4, w, Matrix.rowVector(1, -1), 0.0, 3L);
        Matrix x = d.features();
        for (int i = 0; i < 4; i++) {
            assertEquals(x.get(i, 0) + x.get(i, 1) + x.get(i, 2) + 1, d.targets().get(i, 0), 0.0);
            assertEquals(x.get(i, 0) - x.get(i, 2) - 1, d.targets().get(i, 1), 0.0);
        }
        assertEquals(4, d.targets().rows());
        assertEquals(2, d.targets().cols());
    }

    @Test
    void badArgumentsAreRejected() {
        Matrix w = Matrix.fromRowMajor(2, 3, 1, 1, 1, 1, 0, -1);
        String m = assertThrows(IllegalArgumentException.class,
                () -> LinearRegressionData.generate(4, w, Matrix.rowVector(1), 0.0, 3L)).getMessage();
        assertTrue(m.contains("bias must be 1x2") && m.contains("2x3"), m);
        assertThrows(IllegalArgumentException.class,
                () -> LinearRegressionData.generate(4, w.with(0, 0, Double.NaN), Matrix.rowVector(1, 1), 0.0, 3L));
        assertThrows(IllegalArgumentException.class,
                () -> LinearRegressionData.generate(0, w, Matrix.rowVector(1, 1), 0.0, 3L));
        assertThrows(IllegalArgumentException.class,
                () -> LinearRegressionData.generate(4, w, Matrix.rowVector(1, 1), -1, 3L));
    }
}
