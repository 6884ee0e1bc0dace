package io.github.dlref.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The layers' settings as they report and print them, the smallest valid sizes and hyper-parameters at the ends of
 * their ranges (each accepted), and Dropout's rule at a draw equal to {@code p}.
 */
class LayerSettingsTest {

    @Test
    void activationsReportTheirSettings() {
        assertEquals(0.5, new ELU(0.5).alpha());
        assertEquals(GELU.Approximation.TANH, new GELU(GELU.Approximation.TANH).approximation());
        assertEquals(-2.0, new Hardtanh(-2.0, 0.5).minVal());
        assertEquals(0.5, new Hardtanh(-2.0, 0.5).maxVal());
        assertEquals(0.2, new LeakyReLU(0.2).negativeSlope());
        assertEquals(2.0, new Softplus(2.0, 3.0).beta());
        assertEquals(3.0, new Softplus(2.0, 3.0).threshold());
        assertEquals(0.25, new Dropout(0.25, new Rng(1)).p());
        assertEquals("Dropout(p=0.25)", new Dropout(0.25, new Rng(1)).toString());
    }

    @Test
    void batchNormReportsItsConfiguration() {
        BatchNorm.Config keras = BatchNorm.Config.keras();
        BatchNorm bn = new BatchNorm(3, keras);
        assertEquals(3, bn.numFeatures());
        assertEquals(keras, bn.config());
        assertEquals("BatchNorm(3, eps=0.001, momentum=0.99, convention=KERAS, affine=true)", bn.toString());
        // momentum is a weight in [0, 1]; both ends are valid (0 keeps the running statistics, 1 replaces them)
        assertEquals(0.0, new BatchNorm.Config(1e-5, 0.0, BatchNorm.Convention.PYTORCH, true).momentum());
        assertEquals(1.0, new BatchNorm.Config(1e-5, 1.0, BatchNorm.Convention.PYTORCH, false).momentum());
        assertEquals("BatchNorm: momentum must be in [0, 1], got 1.5", assertThrows(IllegalArgumentException.class,
                () -> new BatchNorm.Config(1e-5, 1.5, BatchNorm.Convention.PYTORCH, true)).getMessage());
    }

    @Test
    void oneFeatureIsTheSmallestLayer() {
        // y = x W^T + b with W = (2), b = (1): 3 -> 7
        Linear one = new Linear(Matrix.scalar(2.0), Matrix.scalar(1.0));
        assertEquals(Matrix.scalar(7.0), one.forward(Tensor.constant(Matrix.scalar(3.0))).value());
        Linear drawn = new Linear(1, 1, new Rng(5));
        assertEquals(1, drawn.inFeatures());
        assertEquals(1, drawn.outFeatures());
        assertEquals("Linear: inFeatures and outFeatures must be >= 1, got in=0, out=2",
                assertThrows(IllegalArgumentException.class, () -> new Linear(Matrix.zeros(2, 0), null))
                        .getMessage());
        // a single feature normalizes to 0 (x - mean = 0), then the shift beta = 0
        LayerNorm ln = new LayerNorm(1, 1e-5, true);
        assertEquals(Matrix.columnVector(0.0, 0.0), ln.forward(Tensor.constant(Matrix.columnVector(4.0, -2.0)))
                .value());
        assertEquals("LayerNorm: numFeatures must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new LayerNorm(0, 1e-5, true)).getMessage());
    }

    @Test
    void dropoutKeepsAnEntryWhoseDrawEqualsP() {
        // the documented rule keeps an entry iff u >= p; with p equal to the first draw u of the generator
        // (java.util.Random, which Rng follows), that entry is kept with scale 1 / (1 - p)
        long seed = 42;
        double p = new Random(seed).nextDouble();
        Matrix mask = new Dropout(p, new Rng(seed)).drawMask(1, 1);
        assertEquals(1.0 / (1.0 - p), mask.get(0, 0));
    }
}
