package io.github.dlref.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PyTorch's {@code clip_grad_norm_} with {@code norm_type} other than 2, by hand: gradients {@code [3, -4]} and
 * {@code [1]} (and a parameter without a gradient): the infinity norm is 4, the 1-norm 8, the 3-norm
 * {@code cbrt(27 + 64 + 1)}.
 */
class GradientClippingNormTypeTest {

    private static List<Parameter> parameters() {
        Parameter a = new Parameter("a", Matrix.zeros(1, 2));
        a.accumulateGrad(Matrix.of(new double[][] {{3.0, -4.0}}));
        Parameter b = new Parameter("b", Matrix.zeros(1, 1));
        b.accumulateGrad(Matrix.of(new double[][] {{1.0}}));
        return List.of(a, b, new Parameter("c", Matrix.zeros(1, 1)));
    }

    private static void assertScaled(List<Parameter> ps, double coefficient) {
        assertEquals(3.0 * coefficient, ps.get(0).grad().get(0, 0), 0.0);
        assertEquals(-4.0 * coefficient, ps.get(0).grad().get(0, 1), 0.0);
        assertEquals(coefficient, ps.get(1).grad().get(0, 0), 0.0);
        assertNull(ps.get(2).grad());
    }

    @Test
    void infinityNormIsTheLargestMagnitude() {
        List<Parameter> ps = parameters();
        assertEquals(4.0, GradientClipping.pytorchClipGradNorm(ps, 2.0, Double.POSITIVE_INFINITY));
        assertScaled(ps, 2.0 / (4.0 + 1e-6));
    }

    @Test
    void oneNormSumsTheMagnitudes() {
        List<Parameter> ps = parameters();
        assertEquals(8.0, GradientClipping.pytorchClipGradNorm(ps, 4.0, 1.0));
        assertScaled(ps, 4.0 / (8.0 + 1e-6));
    }

    @Test
    void threeNormIsTheNormOfThePerParameterNorms() {
        List<Parameter> ps = parameters();
        double total = GradientClipping.pytorchClipGradNorm(ps, 1.0, 3.0);
        assertEquals(Math.cbrt(92.0), total, 1e-14 * total);
        double coefficient = 1.0 / (total + 1e-6);
        assertEquals(3.0 * coefficient, ps.get(0).grad().get(0, 0), 1e-15);
        assertEquals(coefficient, ps.get(1).grad().get(0, 0), 1e-15);
    }

    @Test
    void belowTheThresholdTheGradientsAreMultipliedByOne() {
        List<Parameter> ps = parameters();
        assertEquals(8.0, GradientClipping.pytorchClipGradNorm(ps, 100.0, 1.0));
        assertScaled(ps, 1.0);
    }

    @Test
    void normTypeTwoIsTheTwoArgumentForm() {
        List<Parameter> ps = parameters();
        List<Parameter> qs = parameters();
        assertEquals(GradientClipping.pytorchClipGradNorm(qs, 1.0), GradientClipping.pytorchClipGradNorm(ps, 1.0, 2.0));
        assertEquals(qs.get(0).grad(), ps.get(0).grad());
    }

    @Test
    void noGradientGivesZeroAndBadArgumentsAreRefusedByName() {
        assertEquals(0.0, GradientClipping.pytorchClipGradNorm(List.of(new Parameter("c", Matrix.zeros(1, 1))), 1.0,
                1.0));
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> GradientClipping.pytorchClipGradNorm(parameters(), 1.0, 0.5));
        assertEquals("GradientClipping.pytorchClipGradNorm: normType must be in [1, inf], got 0.5", p.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> GradientClipping.pytorchClipGradNorm(parameters(), 1.0, Double.NaN));
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> GradientClipping.pytorchClipGradNorm(parameters(), -1.0, 1.0));
        assertEquals(true, m.getMessage().contains("maxNorm"), m.getMessage());
    }
}
