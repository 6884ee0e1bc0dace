package io.github.dlref.nn.regularization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import io.github.dlref.nn.GradChecks;
import io.github.dlref.nn.NamedParameter;
import io.github.dlref.nn.ParameterRole;
import io.github.dlref.nn.Sequential;
import io.github.dlref.nn.Tolerances;
import io.github.dlref.nn.layers.BatchNorm;
import io.github.dlref.nn.layers.Linear;
import io.github.dlref.nn.layers.ReLU;
import java.util.List;
import org.junit.jupiter.api.Test;

class PenaltyTest {

    private static final Matrix W1 = Matrix.of(new double[][] {{1, -2}, {3, 0}});
    private static final Matrix W2 = Matrix.of(new double[][] {{0.5, -1}});

    private static Sequential model() {
        return new Sequential(new Linear(W1, Matrix.rowVector(10, 20)), new ReLU(), new BatchNorm(2),
                new Linear(W2, Matrix.rowVector(30)));
    }

    @Test
    void l2IsHalfLambdaTimesSquaredFrobeniusNormsOfTheWeightsOnly() {
        Sequential m = model();
        Tensor s = new L2Penalty(0.1).compute(m);
        // (0.1 / 2) (||W1||^2 + ||W2||^2) = 0.05 (14 + 1.25); biases and batch-norm parameters excluded
        assertEquals(0.05 * 15.25, s.item(), Tolerances.FEW_ULPS);
        s.backward();
        assertEquals(W1.times(0.1), ((Linear) m.get(0)).weight().grad()); // ds/dW = lambda W
        assertEquals(W2.times(0.1), ((Linear) m.get(3)).weight().grad());
        assertNull(((Linear) m.get(0)).bias().grad());
        assertNull(((BatchNorm) m.get(2)).gamma().grad());
    }

    @Test
    void l1IsLambdaTimesAbsoluteValues() {
        Sequential m = model();
        Tensor s = new L1Penalty(0.5).compute(m);
        assertEquals(0.5 * (6 + 1.5), s.item(), Tolerances.FEW_ULPS);
        s.backward();
        assertEquals(Matrix.of(new double[][] {{0.5, -0.5}, {0.5, 0}}), ((Linear) m.get(0)).weight().grad());
    }

    @Test
    void selectorsChooseParameters() {
        Sequential m = model();
        assertEquals(List.of("0.weight", "3.weight"),
                new L2Penalty(1).selected(m).stream().map(NamedParameter::name).toList());
        assertEquals(6, new L2Penalty(1, ParameterSelector.all()).selected(m).size());
        assertEquals(List.of("0.bias", "3.bias"), new L1Penalty(1, ParameterSelector.roles(ParameterRole.BIAS))
                .selected(m).stream().map(NamedParameter::name).toList());
        Tensor biasOnly = new L2Penalty(2, ParameterSelector.named("3.bias")).compute(m);
        assertEquals(900.0, biasOnly.item()); // (2 / 2) 30^2
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new L2Penalty(1, ParameterSelector.named("3.wieght")).compute(m));
        assertTrue(e.getMessage().contains("no parameter named '3.wieght'"), e.getMessage());
        Tensor none = new L2Penalty(1, p -> false).compute(m);
        assertEquals(0.0, none.item());
    }

    @Test
    void aSharedWeightIsPenalizedOnce() {
        Linear shared = new Linear(W1, null);
        Sequential m = new Sequential(shared, shared);
        assertEquals(0.5 * 14, new L2Penalty(1).compute(m).item());
    }

    @Test
    void penaltiesPassTheGradientCheck() {
        Sequential m = new Sequential(new Linear(3, 4, new Rng(1)), new ReLU(), new Linear(4, 2, new Rng(2)));
        GradChecks.assertParameters(() -> new L2Penalty(0.3).compute(m), m.parameters().subList(0, 1));
        GradChecks.assertParameters(() -> new L1Penalty(0.3).compute(m), List.of(((Linear) m.get(2)).weight()));
    }

    @Test
    void badLambdaIsRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new L2Penalty(-1)).getMessage()
                .contains("L2Penalty: lambda must be finite and >= 0, got -1.0"));
        assertThrows(IllegalArgumentException.class, () -> new L1Penalty(Double.NaN));
        assertEquals("L2Penalty(lambda=0.5)", new L2Penalty(0.5).toString());
    }
}
