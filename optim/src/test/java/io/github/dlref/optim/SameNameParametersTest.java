package io.github.dlref.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Layers name their parameters locally ({@code weight}, {@code bias}), so a two-layer model hands an optimizer
 * two parameters called {@code weight}. State is positional (as in PyTorch), so that must work, and each
 * parameter must get its own state.
 */
class SameNameParametersTest {

    @Test
    void parametersWithTheSameNameAreUpdatedIndependently() {
        Parameter first = new Parameter("weight", Matrix.rowVector(1.0));
        Parameter second = new Parameter("weight", Matrix.rowVector(10.0));
        SGD sgd = new SGD(List.of(first, second), SGD.Hyperparameters.pytorch(0.5).withMomentum(0.5));
        first.accumulateGrad(Matrix.rowVector(2.0));
        second.accumulateGrad(Matrix.rowVector(4.0));
        sgd.step();
        // PyTorch momentum, first step: b = g, theta -= lr b
        assertEquals(0.0, first.value().get(0, 0));
        assertEquals(8.0, second.value().get(0, 0));
        sgd.step();
        // b = 0.5 b + g = 3 and 6
        assertEquals(-1.5, first.value().get(0, 0));
        assertEquals(5.0, second.value().get(0, 0));
    }

    @Test
    void theSameParameterTwiceIsStillRejected() {
        Parameter p = new Parameter("weight", Matrix.rowVector(1.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SGD(List.of(p, p), SGD.Hyperparameters.pytorch(0.1)));
        assertTrue(e.getMessage().contains("appears more than once"), e.getMessage());
    }
}
