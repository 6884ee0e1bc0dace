package io.github.dlref.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.math.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Autograd}: gradients as tensors, double backward, Hessian-vector products and Hessians, against closed
 * forms ({@code d/dx x^3 = 3 x^2}, {@code d^2/dx^2 = 6 x}; the Hessian of {@code x A x^T} is {@code A + A^T}).
 */
class AutogradTest {

    private static final Matrix X = Matrix.rowVector(0.5, -1.25, 2.0);

    @Test
    void doubleBackwardOfACubeGivesSixX() {
        Tensor x = Tensor.variable("x", X);
        Tensor y = x.pow(3.0).sum();
        Tensor first = Autograd.grad(y, List.of(x), true).get(0);
        assertTrue(first.requiresGrad(), "with createGraph the gradient has a graph");
        assertEquals(Matrix.rowVector(0.75, 4.6875, 12.0), first.value());
        Tensor second = Autograd.grad(first.sum(), List.of(x), false).get(0);
        assertFalse(second.requiresGrad());
        assertEquals(Matrix.rowVector(3.0, -7.5, 12.0), second.value());
        Tensor third = Autograd.grad(Autograd.grad(first.sum(), List.of(x), true).get(0).sum(), List.of(x), false)
                .get(0);
        assertEquals(Matrix.rowVector(6.0, 6.0, 6.0), third.value(), "third derivative of x^3");
        assertNull(x.grad(), "grad(...) leaves the accumulated gradient alone");
    }

    @Test
    void theSeedWeightsTheGradientAndIsDifferentiable() {
        Tensor x = Tensor.variable(X);
        Tensor u = Tensor.variable(Matrix.rowVector(1.0, 2.0, -1.0));
        Tensor g = Autograd.grad(x.exp(), List.of(x), u, true).get(0);   // u * e^x
        Tensor du = Autograd.grad(g.sum(), List.of(u), false).get(0);     // e^x
        assertEquals(X.exp(), du.value());
        assertEquals(X.exp().times(Matrix.rowVector(1.0, 2.0, -1.0)), g.value());
    }

    @Test
    void gradientsOfIntermediateResultsAndOfUnreachedInputs() {
        Tensor x = Tensor.variable(X);
        Tensor unused = Tensor.variable(Matrix.zeros(2, 2));
        Tensor h = x.times(2.0);
        Tensor y = h.times(h).sum();
        for (boolean createGraph : new boolean[] {false, true}) {
            List<Tensor> g = Autograd.grad(y, List.of(h, x, unused), createGraph);
            assertEquals(h.value().times(2.0), g.get(0).value(), "dy/dh = 2 h");
            assertEquals(X.times(8.0), g.get(1).value(), "dy/dx = 8 x");
            assertEquals(Matrix.zeros(2, 2), g.get(2).value(), "not reached: zeros");
            assertFalse(g.get(2).requiresGrad());
        }
    }

    @Test
    void aTensorUsedTwiceReceivesBothContributionsThroughTheGraph() {
        Tensor x = Tensor.variable(X);
        Tensor y = x.times(x).plus(x.exp()).sum();
        Tensor g = Autograd.grad(y, List.of(x), true).get(0);                  // 2x + e^x
        assertEquals(X.times(2.0).plus(X.exp()), g.value());
        Matrix h = Autograd.grad(g.sum(), List.of(x), false).get(0).value();   // 2 + e^x
        assertEquals(X.exp().plus(2.0), h);
    }

    @Test
    void hessianVectorProductOfAQuadraticFormIsSymmetrizedMatrixTimesV() {
        Matrix a = Matrix.of(new double[][] {{2.0, 1.0, 0.0}, {-3.0, 0.5, 4.0}, {1.0, 0.0, -1.0}});
        Matrix v = Matrix.rowVector(0.25, -2.0, 1.0);
        Matrix[] hv = Autograd.hvp(xs -> xs[0].matmul(Tensor.constant(a)).matmul(xs[0].transpose()),
                new Matrix[] {X}, new Matrix[] {v});
        // H = A + A^T, H v as a row: v (A + A^T)^T = v (A^T + A)
        assertEquals(v.matmul(a.plus(a.transpose())), hv[0]);
        Matrix h = Autograd.hessian(xs -> xs[0].matmul(Tensor.constant(a)).matmul(xs[0].transpose()), X);
        assertEquals(a.plus(a.transpose()), h);
    }

    @Test
    void hessianOfTwoArgumentsIsFlattenedArgumentAfterArgument() {
        Matrix a = Matrix.of(new double[][] {{1.0, 2.0}});
        Matrix b = Matrix.of(new double[][] {{3.0}, {4.0}});
        // f(a, b) = (a b)^2 with a 1x2, b 2x1: grad_a = 2 (a b) b^T, grad_b = 2 (a b) a^T
        Matrix h = Autograd.hessian(xs -> xs[0].matmul(xs[1]).pow(2.0), a, b);
        double ab = 11.0;
        Matrix expected = Matrix.of(new double[][] {
            {2 * 3 * 3, 2 * 3 * 4, 2 * (ab + 1 * 3), 2 * 2 * 3},
            {2 * 4 * 3, 2 * 4 * 4, 2 * 1 * 4, 2 * (ab + 2 * 4)},
            {2 * (ab + 3 * 1), 2 * 1 * 4, 2 * 1 * 1, 2 * 1 * 2},
            {2 * 2 * 3, 2 * (ab + 4 * 2), 2 * 2 * 1, 2 * 2 * 2}});
        assertEquals(expected, h);
        Matrix[] hv = Autograd.hvp(xs -> xs[0].matmul(xs[1]).pow(2.0), new Matrix[] {a, b},
                new Matrix[] {Matrix.rowVector(1.0, 0.0), Matrix.columnVector(0.0, -1.0)});
        assertEquals(Matrix.rowVector(18.0 - 12.0, 24.0 - 16.0 - 22.0), hv[0]);   // H[0..1] (1, 0, 0, -1)
        assertEquals(Matrix.columnVector(28.0 - 4.0, 8.0 - 4.0), hv[1]);
    }

    @Test
    void linearAndConstantFunctionsHaveZeroSecondDerivatives() {
        Matrix v = Matrix.rowVector(1.0, 1.0, 1.0);
        assertEquals(Matrix.zeros(1, 3), Autograd.hvp(xs -> xs[0].times(2.0).sum(), new Matrix[] {X},
                new Matrix[] {v})[0]);
        assertEquals(Matrix.zeros(1, 3), Autograd.hvp(xs -> Tensor.constant(Matrix.scalar(1.0)), new Matrix[] {X},
                new Matrix[] {v})[0]);
        assertEquals(Matrix.zeros(3, 3), Autograd.hessian(xs -> xs[0].sum(), X));
        assertEquals(Matrix.zeros(3, 3), Autograd.hessian(xs -> Tensor.constant(Matrix.scalar(1.0)), X));
        assertEquals(0, Autograd.hvp(xs -> Tensor.constant(Matrix.scalar(1.0)), new Matrix[0], new Matrix[0]).length);
    }

    @Test
    void reluHasSecondDerivativeZeroAwayFromItsKinkButPassesTheUpstreamGradient() {
        // f(x) = sum(relu(x)^2): f'' = 2 where x > 0, 0 where x < 0 (the mask is a constant)
        Matrix h = Autograd.hessian(xs -> xs[0].relu().pow(2.0).sum(), X);
        assertEquals(Matrix.of(new double[][] {{2, 0, 0}, {0, 0, 0}, {0, 0, 2}}), h);
    }

    @Test
    void badArgumentsFailWithOneClearMessage() {
        Tensor x = Tensor.variable(X);
        Tensor y = x.sum();
        assertEquals("Autograd.grad: without a seed the output must be 1x1, got 1x3; pass a seed gradient of shape 1x3",
                assertThrows(IllegalArgumentException.class, () -> Autograd.grad(x.exp(), List.of(x), true))
                        .getMessage());
        assertEquals("Autograd.grad: seed shape 2x2 does not match output shape 1x1", assertThrows(
                IllegalArgumentException.class, () -> Autograd.grad(y, List.of(x),
                        Tensor.constant(Matrix.zeros(2, 2)), false)).getMessage());
        Tensor c = Tensor.constant(X);
        assertTrue(assertThrows(IllegalStateException.class, () -> Autograd.grad(c.sum(), List.of(x), false))
                .getMessage().startsWith("Autograd.grad: the output leaf (1x1) does not require a gradient (no input"));
        assertEquals("Autograd.grad: input 1 leaf (1x3) does not require a gradient", assertThrows(
                IllegalArgumentException.class, () -> Autograd.grad(y, List.of(x, c), true)).getMessage());
        assertEquals("Autograd.hvp: 1 point argument(s) but 2 direction(s)", assertThrows(IllegalArgumentException.class,
                () -> Autograd.hvp(xs -> xs[0].sum(), new Matrix[] {X}, new Matrix[] {X, X})).getMessage());
        assertEquals("Autograd.hvp: direction 0 has shape 3x1 but argument 0 has shape 1x3", assertThrows(
                IllegalArgumentException.class, () -> Autograd.hvp(xs -> xs[0].sum(), new Matrix[] {X},
                        new Matrix[] {X.transpose()})).getMessage());
        assertEquals("Autograd.hvp: the function must return a 1x1 tensor, got 1x3", assertThrows(
                IllegalArgumentException.class, () -> Autograd.hvp(xs -> xs[0], new Matrix[] {X}, new Matrix[] {X}))
                .getMessage());
        assertEquals("Autograd.hessian: the function returned null", assertThrows(IllegalArgumentException.class,
                () -> Autograd.hessian(xs -> null, X)).getMessage());
        assertEquals("Autograd.hessian: 4097 entries give a 4097x4097 Hessian, above the limit of 16777216 entries;"
                + " use Autograd.hvp", assertThrows(IllegalArgumentException.class,
                        () -> Autograd.hessian(xs -> xs[0].sum(), Matrix.zeros(1, 4097))).getMessage());
        // exactly at the limit the size is accepted (4096^2 = 2^24); checked on a smaller shape for speed
        assertEquals(1L << 24, Autograd.MAX_HESSIAN_ENTRIES);
    }

    @Test
    void anomalyModeNamesTheOpWhoseDifferentiableBackwardGoesNonFinite() {
        Tensor x = Tensor.variable(Matrix.rowVector(0.0, 1.0));
        Tensor y = x.sqrt().sum();
        try (GradMode.Scope scope = GradMode.detectAnomaly()) {
            AnomalyException e = assertThrows(AnomalyException.class, () -> Autograd.grad(y, List.of(x), true));
            assertTrue(e.getMessage().startsWith("anomaly: Divide forward produced Infinity"), e.getMessage());
        }
        assertEquals(Double.POSITIVE_INFINITY, Autograd.grad(y, List.of(x), true).get(0).value().get(0, 0));
    }

    /** Custom ops that break the differentiable-backward contract, each in one way. */
    private static final class Broken extends Op {
        private final int mode;

        Broken(int mode) {
            this.mode = mode;
        }

        @Override
        public int arity() {
            return 1;
        }

        @Override
        protected Matrix forward(Matrix... inputs) {
            return inputs[0];
        }

        @Override
        protected Matrix[] backward(Matrix gradOutput) {
            return new Matrix[] {gradOutput};
        }

        @Override
        protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
            return switch (mode) {
                case 0 -> new Tensor[0];
                case 1 -> new Tensor[] {null};
                case 2 -> new Tensor[] {gradOutput.transpose()};
                default -> new Tensor[] {Tensor.constant(Matrix.filled(1, 2, Double.NaN))};
            };
        }
    }

    @Test
    void aCustomOpThatBreaksTheContractIsNamed() {
        Tensor x = Tensor.variable(Matrix.rowVector(1.0, 2.0));
        assertEquals("Broken.differentiableBackward returned 0 gradients for 1 inputs", assertThrows(
                IllegalStateException.class, () -> Autograd.grad(Tensor.apply(new Broken(0), x).sum(), List.of(x),
                        true)).getMessage());
        assertEquals("Broken.differentiableBackward returned no gradient for input 0, which requires one",
                assertThrows(IllegalStateException.class, () -> Autograd.grad(Tensor.apply(new Broken(1), x).sum(),
                        List.of(x), true)).getMessage());
        assertEquals("Broken.differentiableBackward: gradient for input 0 has shape 2x1 but the input has shape 1x2",
                assertThrows(IllegalStateException.class, () -> Autograd.grad(Tensor.apply(new Broken(2), x).sum(),
                        List.of(x), true)).getMessage());
        assertTrue(Double.isNaN(Autograd.grad(Tensor.apply(new Broken(3), x).sum(), List.of(x), true).get(0).value()
                .get(0, 0)), "without anomaly mode NaN passes, as in PyTorch");
        try (GradMode.Scope scope = GradMode.detectAnomaly()) {
            AnomalyException e = assertThrows(AnomalyException.class,
                    () -> Autograd.grad(Tensor.apply(new Broken(3), x).sum(), List.of(x), true));
            assertEquals("anomaly: Broken differentiable backward (gradient for input 0) produced NaN at element (0, 0)"
                    + " of a 1x2 result; input shapes [1x2]", e.getMessage());
        }
    }

    @Test
    void everyOpClassDeclaresWhetherItIsTwiceDifferentiable() {
        assertTrue(new io.github.dlref.autograd.ops.Tanh().isTwiceDifferentiable());
        assertFalse(new io.github.dlref.autograd.ops.Relu().isTwiceDifferentiable());
        assertTrue(new Broken(0).isTwiceDifferentiable(), "the default for a custom op");
    }
}
