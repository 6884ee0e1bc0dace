package io.github.dlref.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import io.github.dlref.nn.layers.BatchNorm;
import io.github.dlref.nn.layers.Dropout;
import io.github.dlref.nn.layers.Linear;
import io.github.dlref.nn.layers.ReLU;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: {@link Module#predict(Matrix)} runs a plain matrix through a model in evaluation mode without
 * recording a graph, and leaves every module in the mode it was in. Expected outputs are worked by hand.
 */
class ModulePredictTest {

    private static final Matrix X = Matrix.of(new double[][] {{1, 2}, {-1, 0.5}});

    /** {@code W = [[1, -1], [0.5, 2]]}, {@code b = (0.25, -4)}. */
    private static Linear linear() {
        return new Linear(Matrix.of(new double[][] {{1, -1}, {0.5, 2}}), Matrix.rowVector(0.25, -4));
    }

    @Test
    void predictComputesTheForwardPassOnAPlainMatrix() {
        // x W^T + b: (1 - 2 + 0.25, 0.5 + 4 - 4) = (-0.75, 0.5); (-1 - 0.5 + 0.25, -0.5 + 1 - 4) = (-1.25, -3.5);
        // then ReLU
        Sequential model = new Sequential(linear(), new ReLU());
        assertEquals(Matrix.of(new double[][] {{0, 0.5}, {0, 0}}), model.predict(X));
    }

    @Test
    void predictRecordsNoGraphAndLeavesGradientsUntouched() {
        Sequential model = new Sequential(linear());
        model.predict(X);
        for (Parameter p : model.parameters()) {
            assertNull(p.grad(), p.name());
        }
    }

    @Test
    void predictUsesEvaluationModeAndRestoresTrainingMode() {
        // Dropout with p = 1 drops everything in training mode; in evaluation mode it is the identity
        Rng rng = new Rng(3);
        Sequential model = new Sequential(new Dropout(1.0, rng));
        assertTrue(model.isTraining());
        assertEquals(X, model.predict(X));
        assertTrue(model.isTraining());
        assertTrue(model.get(0).isTraining());
        // evaluation mode draws no mask, so the generator was not advanced
        assertEquals(new Rng(3).nextDouble(), rng.nextDouble());
    }

    @Test
    void predictUsesRunningStatisticsWithoutUpdatingThem() {
        // PyTorch defaults: running mean 0, running variance 1, eps 1e-5, gamma 1, beta 0:
        // y = (x - 0) / sqrt(1 + 1e-5)
        BatchNorm bn = new BatchNorm(2);
        Matrix meanBefore = bn.runningMean().value();
        Matrix varBefore = bn.runningVar().value();
        Matrix y = bn.predict(X);
        double scale = Math.sqrt(1.0 + 1e-5);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(X.get(i, j) / scale, y.get(i, j), 1e-15);
            }
        }
        assertEquals(meanBefore, bn.runningMean().value());
        assertEquals(varBefore, bn.runningVar().value());
        assertTrue(bn.isTraining());
    }

    @Test
    void mixedModesAreRestoredModuleByModule() {
        BatchNorm frozen = new BatchNorm(2);
        frozen.eval();
        Dropout dropout = new Dropout(0.5, new Rng(1));
        Sequential model = new Sequential(frozen, dropout);
        assertTrue(model.isTraining());
        model.predict(X);
        assertTrue(model.isTraining());
        assertFalse(frozen.isTraining());
        assertTrue(dropout.isTraining());
    }

    @Test
    void modesAreRestoredWhenTheForwardPassFails() {
        Sequential model = new Sequential(linear(), new Dropout(0.5, new Rng(1)));
        Matrix wrongWidth = Matrix.ones(2, 3);
        assertThrows(IllegalArgumentException.class, () -> model.predict(wrongWidth));
        assertTrue(model.isTraining());
        assertTrue(model.get(1).isTraining());
        assertThrows(NullPointerException.class, () -> model.predict(null));
    }
}
