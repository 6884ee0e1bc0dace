package io.github.dlref.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.Tolerances;
import java.util.List;
import io.github.dlref.nn.LayerContract;
import io.github.dlref.nn.Module;
import org.junit.jupiter.api.Test;

/** Batch normalization worked by hand on the batch {@code x = (1, 3)^T}: mean 2, biased variance 1, unbiased 2. */
class BatchNormTest implements LayerContract {

    @Override
    public Module layer() {
        return new BatchNorm(3);
    }

    @Override
    public Matrix input() {
        return io.github.dlref.nn.TestData.gaussian(1, 4, 3);
    }


    private static final Matrix X = Matrix.columnVector(1, 3);

    @Test
    void trainingNormalizesWithTheBiasedVariance() {
        BatchNorm bn = new BatchNorm(1, new BatchNorm.Config(1e-5, 0.1, BatchNorm.Convention.PYTORCH, true));
        Matrix y = bn.forward(Tensor.constant(X)).value();
        double expected = 1 / Math.sqrt(1 + 1e-5); // (3 - 2) / sqrt(1 + eps)
        assertTrue(y.approxEquals(Matrix.columnVector(-expected, expected), Tolerances.SAME_FORMULA), y.toString());
    }

    @Test
    void pytorchConventionStoresTheUnbiasedVariance() {
        BatchNorm bn = new BatchNorm(1);
        bn.forward(Tensor.constant(X));
        // running = 0.9 running + 0.1 batch: mean 0.9 * 0 + 0.1 * 2, variance 0.9 * 1 + 0.1 * 2 (unbiased)
        assertEquals(0.2, bn.runningMean().value().scalarValue(), Tolerances.FEW_ULPS);
        assertEquals(1.1, bn.runningVar().value().scalarValue(), Tolerances.FEW_ULPS);
    }

    @Test
    void kerasConventionStoresTheBiasedVariance() {
        BatchNorm bn = new BatchNorm(1, BatchNorm.Config.keras());
        bn.forward(Tensor.constant(X));
        // moving = 0.99 moving + 0.01 batch: mean 0.01 * 2, variance 0.99 * 1 + 0.01 * 1 (biased)
        assertEquals(0.02, bn.runningMean().value().scalarValue(), Tolerances.FEW_ULPS);
        assertEquals(1.0, bn.runningVar().value().scalarValue(), Tolerances.FEW_ULPS);
    }

    @Test
    void evaluationUsesTheRunningStatistics() {
        BatchNorm bn = new BatchNorm(1, BatchNorm.Config.keras());
        bn.runningMean().update(Matrix.scalar(1.0));
        bn.runningVar().update(Matrix.scalar(4.0 - 1e-3)); // sqrt(var + eps) = 2
        bn.gamma().assign(Matrix.scalar(3.0));
        bn.beta().assign(Matrix.scalar(0.5));
        bn.eval();
        Matrix y = bn.forward(Tensor.constant(Matrix.columnVector(5.0))).value();
        assertEquals(3.0 * (5 - 1) / 2 + 0.5, y.scalarValue(), Tolerances.SAME_FORMULA);
        assertEquals(Matrix.scalar(1.0), bn.runningMean().value());
    }

    @Test
    void defaultsAndStateNamesFollowTheFrameworks() {
        assertEquals(new BatchNorm.Config(1e-5, 0.1, BatchNorm.Convention.PYTORCH, true), BatchNorm.Config.pytorch());
        assertEquals(new BatchNorm.Config(1e-3, 0.99, BatchNorm.Convention.KERAS, true), BatchNorm.Config.keras());
        BatchNorm bn = new BatchNorm(2);
        assertEquals(List.of("weight", "bias", "running_mean", "running_var"), List.copyOf(bn.stateDict().keySet()));
        assertEquals(Matrix.ones(1, 2), bn.gamma().value());
        assertEquals(Matrix.zeros(1, 2), bn.beta().value());
        assertEquals(Matrix.ones(1, 2), bn.runningVar().value());
        BatchNorm plain = new BatchNorm(2, new BatchNorm.Config(1e-5, 0.1, BatchNorm.Convention.PYTORCH, false));
        assertEquals(List.of("running_mean", "running_var"), List.copyOf(plain.stateDict().keySet()));
        assertThrows(IllegalStateException.class, plain::gamma);
    }

    @Test
    void badInputsAndHyperParametersAreRejectedClearly() {
        BatchNorm bn = new BatchNorm(2);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> bn.forward(Tensor.constant(Matrix.ones(1, 2)))).getMessage()
                .contains("training needs at least 2 rows"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> bn.forward(Tensor.constant(Matrix.ones(4, 3)))).getMessage()
                .contains("input 4x3 has 3 columns, expected 2"));
        BatchNorm keras = new BatchNorm(2, BatchNorm.Config.keras());
        assertEquals(Matrix.zeros(1, 2), keras.forward(Tensor.constant(Matrix.ones(1, 2))).value()); // N = 1 allowed
        bn.eval();
        assertEquals(1, bn.forward(Tensor.constant(Matrix.ones(1, 2))).rows()); // N = 1 fine in evaluation
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new BatchNorm.Config(0, 0.1, BatchNorm.Convention.PYTORCH, true)).getMessage()
                .contains("eps must be finite and > 0, got 0.0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new BatchNorm.Config(1e-5, 1.5, BatchNorm.Convention.KERAS, true)).getMessage()
                .contains("momentum must be in [0, 1], got 1.5"));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm(0));
    }
}
