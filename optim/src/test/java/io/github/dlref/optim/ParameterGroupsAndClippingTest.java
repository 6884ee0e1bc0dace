package io.github.dlref.optim;

import static io.github.dlref.optim.SGDTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parameter groups' validation and bookkeeping; every clipping form on gradients worked by hand. */
class ParameterGroupsAndClippingTest {

    private static Parameter withGrad(String name, double... g) {
        Parameter p = new Parameter(name, Matrix.zeros(1, g.length));
        p.accumulateGrad(Matrix.rowVector(g));
        return p;
    }

    @Test
    void groupsAreValidated() {
        Parameter a = new Parameter("a", Matrix.scalar(1));
        Optimizer first = SGD.Hyperparameters.pytorch(0.1).create(List.of(a));
        assertMessage(() -> new ParameterGroups(List.of()), "groups must not be empty");
        assertMessage(() -> new ParameterGroups(null), "groups must not be null");
        assertMessage(() -> new ParameterGroups(java.util.Arrays.asList(first, null)), "group 1 is null");
        assertMessage(() -> new ParameterGroups(List.of(first, SGD.Hyperparameters.pytorch(0.2).create(List.of(a)))),
                "parameter 'a' is in group 0 and group 1");
    }

    @Test
    void groupsStepAndClearInOrder() {
        Parameter a = withGrad("a", 1.0);
        Parameter b = withGrad("b", 2.0);
        ParameterGroups groups = new ParameterGroups(List.of(SGD.Hyperparameters.pytorch(0.1).create(List.of(a)),
                SGD.Hyperparameters.pytorch(0.5).create(List.of(b))));
        groups.step();
        assertEquals(-0.1, a.value().scalarValue());
        assertEquals(-1.0, b.value().scalarValue());
        assertEquals(List.of(a, b), groups.parameters());
        assertArrayEquals(new double[] {0.1, 0.5}, groups.learningRates());
        groups.zeroGrad();
        assertNull(a.grad());
        assertNull(b.grad());
        assertEquals(2, groups.groups().size());
    }

    /** Gradients (3, 4) and (0, 12): norms 5 and 12, global 13. */
    @Test
    void everyFormByHand() {
        Parameter a = withGrad("a", 3, 4);
        Parameter b = withGrad("b", 0, 12);
        assertEquals(13.0, GradientClipping.pytorchClipGradNorm(List.of(a, b), 6.5));
        double c = 6.5 / (13 + 1e-6);
        assertArrayEquals(new double[] {3 * c, 4 * c}, a.grad().toRowMajorArray());

        a = withGrad("a", 3, 4);
        b = withGrad("b", 0, 12);
        GradientClipping.kerasClipNorm(List.of(a, b), 6.0);
        assertArrayEquals(new double[] {3, 4}, a.grad().toRowMajorArray(), "norm 5 <= 6 stays");
        assertArrayEquals(new double[] {0, 12 * 6.0 / 12}, b.grad().toRowMajorArray());

        a = withGrad("a", 3, 4);
        b = withGrad("b", 0, 12);
        assertEquals(13.0, GradientClipping.kerasGlobalClipNorm(List.of(a, b), 6.5));
        assertArrayEquals(new double[] {0, 12 * (6.5 * (1.0 / 13))}, b.grad().toRowMajorArray());

        a = withGrad("a", 3, 4);
        b = withGrad("b", 0, 12);
        assertEquals(13.0, GradientClipping.optaxClipByGlobalNorm(List.of(a, b), 13.5));
        assertArrayEquals(new double[] {3, 4}, a.grad().toRowMajorArray(), "below max_norm: untouched");
        assertEquals(13.0, GradientClipping.optaxClipByGlobalNorm(List.of(a, b), 6.5));
        assertArrayEquals(new double[] {(3 / 13.0) * 6.5, (4 / 13.0) * 6.5}, a.grad().toRowMajorArray());

        a = withGrad("a", 3, -4);
        GradientClipping.clipGradValue(List.of(a), 3.5);
        assertArrayEquals(new double[] {3, -3.5}, a.grad().toRowMajorArray());
    }

    /** PyTorch multiplies by exactly 1 below the threshold; its 1e-6 clips a norm equal to max_norm slightly. */
    @Test
    void pytorchsEpsilonClipsAtTheThreshold() {
        Parameter a = withGrad("a", 3, 4);
        GradientClipping.pytorchClipGradNorm(List.of(a), 5.0);
        assertEquals(3 * (5.0 / (5 + 1e-6)), a.grad().getFlat(0));
        Parameter b = withGrad("b", 3, 4);
        GradientClipping.pytorchClipGradNorm(List.of(b), 10.0);
        assertArrayEquals(new double[] {3, 4}, b.grad().toRowMajorArray());
    }

    @Test
    void parametersWithoutGradientAreSkippedAndArgumentsValidated() {
        Parameter none = new Parameter("n", Matrix.scalar(1));
        assertEquals(0.0, GradientClipping.pytorchClipGradNorm(List.of(none), 1.0));
        assertEquals(0.0, GradientClipping.kerasGlobalClipNorm(List.of(none), 1.0));
        assertEquals(0.0, GradientClipping.optaxClipByGlobalNorm(List.of(none), 1.0));
        assertNull(none.grad());
        assertMessage(() -> GradientClipping.pytorchClipGradNorm(List.of(none), -1), "maxNorm must be in [0, inf)");
        assertMessage(() -> GradientClipping.kerasClipNorm(List.of(none), 0), "clipNorm must be in (0, inf), got 0.0");
        assertMessage(() -> GradientClipping.optaxClipByGlobalNorm(List.of(none), Double.NaN), "maxNorm");
        assertMessage(() -> GradientClipping.clipGradValue(null, 1), "parameters must not be null");
        assertMessage(() -> GradientClipping.clipGradValue(java.util.Arrays.asList(none, null), 1), "parameter 1 is null");
    }
}
