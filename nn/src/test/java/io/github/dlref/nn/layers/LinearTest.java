package io.github.dlref.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import io.github.dlref.nn.init.Constant;
import io.github.dlref.nn.init.Zeros;
import java.util.List;
import io.github.dlref.nn.LayerContract;
import io.github.dlref.nn.Module;
import org.junit.jupiter.api.Test;

class LinearTest implements LayerContract {

    @Override
    public Module layer() {
        return new Linear(3, 2, new Rng(1));
    }

    @Override
    public Matrix input() {
        return io.github.dlref.nn.TestData.gaussian(1, 4, 3);
    }


    @Test
    void computesXTimesWTransposePlusBias() {
        // W = [[1, 2], [3, 4], [5, 6]] (out 3 x in 2), b = (1, 0, -1); x = (1, -1): x W^T = (-1, -1, -1).
        Linear layer = new Linear(Matrix.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}), Matrix.rowVector(1, 0, -1));
        Tensor y = layer.forward(Tensor.constant(Matrix.of(new double[][] {{1, -1}, {2, 0}})));
        assertEquals(Matrix.of(new double[][] {{0, -1, -2}, {3, 6, 9}}), y.value());
        assertEquals(2, layer.inFeatures());
        assertEquals(3, layer.outFeatures());
    }

    /**
     * PyTorch's default initialization, value by value: W (2 x 3, row-major) and then b (1 x 2) from
     * U(-k, k) with k = 1 / sqrt(in) = 1 / sqrt(3), each entry -k + 2k u for the next u of java.util.Random
     * seeded 7 (the generator the project's Rng reproduces; this test draws from the JDK's own class).
     */
    @Test
    void defaultInitializationDrawsWThenBFromUniformOneOverSqrtIn() {
        Linear layer = new Linear(3, 2, new Rng(7));
        java.util.Random jdk = new java.util.Random(7);
        double k = 1 / Math.sqrt(3);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(-k + 2 * k * jdk.nextDouble(), layer.weight().value().get(i, j), 1e-16);
            }
        }
        for (int j = 0; j < 2; j++) {
            assertEquals(-k + 2 * k * jdk.nextDouble(), layer.bias().value().get(0, j), 1e-16);
        }
    }

    @Test
    void chosenInitializersAndNoBias() {
        Linear layer = new Linear(2, 3, true, new Constant(0.5), new Zeros(), new Rng(1));
        assertEquals(Matrix.filled(3, 2, 0.5), layer.weight().value());
        assertEquals(Matrix.zeros(1, 3), layer.bias().value());
        Linear noBias = new Linear(2, 3, false, new Rng(1));
        assertFalse(noBias.hasBias());
        assertEquals(List.of("weight"), List.copyOf(noBias.stateDict().keySet()));
        assertTrue(assertThrows(IllegalStateException.class, noBias::bias).getMessage().contains("has no bias"));
    }

    @Test
    void shapeErrorsNameTheLayerAndTheShapes() {
        Linear layer = new Linear(2, 3, new Rng(1));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> layer.forward(Tensor.constant(Matrix.ones(4, 5)))).getMessage()
                .contains("Linear(in=2, out=3): input 4x5 has 5 columns, expected 2"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Linear(Matrix.ones(3, 2), Matrix.ones(1, 2))).getMessage()
                .contains("bias must be 1x3 for weight 3x2, got 1x2"));
        assertThrows(IllegalArgumentException.class, () -> new Linear(0, 3, new Rng(1)));
    }
}
