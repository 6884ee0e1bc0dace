package io.github.dlref.nn.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.GradChecks;
import io.github.dlref.nn.TestData;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Gradient checks, names and argument checks of issue 21's ops (applied directly, without their layers). */
class Issue21OpsTest {

    private static void check(Supplier<Op> op, Matrix x) {
        Tensor probe = Tensor.apply(op.get(), Tensor.constant(x));
        Matrix g = TestData.gaussian(91, probe.rows(), probe.cols());
        GradChecks.assertInputs(in -> Tensor.apply(op.get(), in[0]).times(Tensor.constant(g)).sum(),
                Tensor.variable("a", x));
    }

    @Test
    void gradientChecks() {
        Matrix x = TestData.gaussian(90, 3, 4).times(2);
        Matrix away = TestData.awayFromZero(92, 3, 4, 0.05);
        check(() -> new Gelu(false), x);
        check(() -> new Gelu(true), x);
        check(NormalCdf::new, x);
        check(() -> new Elu(1.3, 0.7), away);
        check(Silu::new, x);
        check(() -> new Softplus(0.5, 0.3), away);
        check(() -> new Hardtanh(-0.5, 2.0), away.map(v -> Math.abs(v + 0.5) < 0.05 ? v + 0.2 : v));
        Matrix target = TestData.gaussian(93, 3, 4);
        check(() -> new HuberElementwise(0.3, false, target), target.plus(away));
        check(() -> new HuberElementwise(0.3, true, target), target.plus(away));
        check(() -> new WeightedPick(new int[] {2, 0, 3}, new double[] {0.5, 1.0, 2.0, 3.0}), x);
    }

    @Test
    void weightedPickReadsOnlyTheTargetEntries() {
        Tensor a = Tensor.variable(Matrix.of(new double[][] {{Double.NEGATIVE_INFINITY, -2.0}, {-1.0, -3.0}}));
        Tensor y = Tensor.apply(new WeightedPick(new int[] {1, 0}, new double[] {2.0, 5.0}), a);
        assertEquals(Matrix.columnVector(10.0, 2.0), y.value());
        y.backward(Matrix.columnVector(1.0, 3.0));
        assertEquals(Matrix.of(new double[][] {{0.0, -5.0}, {-6.0, 0.0}}), a.grad());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tensor.apply(new WeightedPick(new int[] {0},
                new double[] {1.0}), Tensor.constant(Matrix.zeros(2, 1)))).getMessage().contains("does not fit"));
    }

    @Test
    void namesAndChecks() {
        assertEquals("Gelu(approximate=tanh)", new Gelu(true).name());
        assertEquals("Gelu(approximate=none)", new Gelu(false).name());
        assertEquals("Elu(alpha=1.0, scale=2.0)", new Elu(1.0, 2.0).name());
        assertEquals("Softplus(beta=1.0, threshold=20.0)", new Softplus(1.0, 20.0).name());
        assertEquals("Hardtanh(min_val=-1.0, max_val=1.0)", new Hardtanh(-1.0, 1.0).name());
        assertEquals("Huber(delta=0.5)", new HuberElementwise(0.5, false, Matrix.zeros(1, 1)).name());
        assertEquals("SmoothL1(beta=0.5)", new HuberElementwise(0.5, true, Matrix.zeros(1, 1)).name());
        assertThrows(IllegalArgumentException.class, () -> new Elu(1.0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new Softplus(Double.POSITIVE_INFINITY, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new Hardtanh(Double.NaN, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new Hardtanh(0.0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new HuberElementwise(Double.NaN, true, Matrix.zeros(1, 1)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tensor.apply(new HuberElementwise(1.0, false,
                Matrix.zeros(1, 2)), Tensor.constant(Matrix.zeros(2, 2)))).getMessage().contains("differ in shape"));
    }

    @Test
    void smoothL1WithBetaZeroIsTheAbsoluteErrorWithPyTorchsSlopeAtZero() {
        Tensor p = Tensor.variable(Matrix.rowVector(-2.0, 0.0, 3.0));
        Tensor l = Tensor.apply(new HuberElementwise(0.0, true, Matrix.zeros(1, 3)), p);
        assertEquals(Matrix.rowVector(2.0, 0.0, 3.0), l.value());
        l.backward(Matrix.ones(1, 3));
        assertEquals(Matrix.rowVector(-1.0, -1.0, 1.0), p.grad());
    }
}
