package io.github.dlref.autograd;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The engine's behaviour around the ops: seeds, accumulation, no-grad scopes, anomaly mode, determinism, depth. */
class TensorEngineTest {

    @Nested
    class Backward {

        @Test
        void withoutASeedTheResultMustBeOneByOne() {
            Tensor x = Tensor.variable(Matrix.ones(2, 3));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.exp().backward());
            assertEquals("backward: without a seed gradient the tensor must be 1x1, got 2x3; call"
                    + " backward(seedGradient) with a 2x3 gradient", e.getMessage());
        }

        @Test
        void aSeedMustHaveTheResultsShape() {
            Tensor y = Tensor.variable(Matrix.ones(2, 3)).exp();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> y.backward(Matrix.ones(3, 2)));
            assertEquals("backward: seed gradient shape 3x2 does not match tensor shape 2x3", e.getMessage());
        }

        @Test
        void aSeedGivesTheVectorJacobianProduct() {
            // y = 3 x elementwise: dL/dx = 3 seed
            Tensor x = Tensor.variable(Matrix.ones(2, 2));
            x.times(3.0).backward(Matrix.of(new double[][] {{1, 2}, {3, 4}}));
            assertEquals(Matrix.of(new double[][] {{3, 6}, {9, 12}}), x.grad());
        }

        @Test
        void gradientsAccumulateUntilZeroed() {
            Tensor x = Tensor.variable(Matrix.scalar(3));
            x.times(x).backward(); // d(x^2)/dx = 2x = 6: both uses of x contribute
            assertEquals(Matrix.scalar(6), x.grad());
            x.times(x).backward();
            assertEquals(Matrix.scalar(12), x.grad());
            x.zeroGrad();
            assertNull(x.grad());
        }

        @Test
        void constantsAndIntermediatesGetNoGradientUnlessRetained() {
            Tensor c = Tensor.constant(Matrix.scalar(2));
            Tensor x = Tensor.variable(Matrix.scalar(5));
            Tensor hidden = x.times(c);
            Tensor kept = hidden.exp().retainGrad();
            kept.log().backward();
            assertNull(c.grad());
            assertNull(hidden.grad());
            assertEquals(1.0 / Math.exp(10), kept.grad().scalarValue(), Tolerances.EXP_MINUS_TEN);
            assertEquals(2.0, x.grad().scalarValue(), Tolerances.FEW_ULPS);
        }

        @Test
        void aResultWithoutGradientRefusesBackward() {
            // as in PyTorch, a result computed without recording is a leaf that does not require a gradient
            Tensor y = Tensor.constant(Matrix.scalar(1)).exp();
            assertTrue(y.isLeaf());
            IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
            assertTrue(e.getMessage().startsWith("backward: tensor leaf (1x1) does not require a gradient"),
                    e.getMessage());
        }
    }

    @Nested
    class NoGrad {

        @Test
        void insideTheScopeNoGraphIsRecorded() {
            Tensor w = new Parameter("w", Matrix.scalar(2));
            Tensor y;
            try (GradMode.Scope scope = GradMode.noGrad()) {
                assertFalse(GradMode.isGradEnabled());
                y = w.times(w).exp();
            }
            assertTrue(GradMode.isGradEnabled());
            assertFalse(y.requiresGrad());
            assertNull(y.creator());
            assertEquals(Math.exp(4), y.item());
            assertThrows(IllegalStateException.class, y::backward);
            assertNull(w.grad());
        }

        @Test
        void enableGradReopensRecordingInsideNoGrad() {
            Tensor w = new Parameter("w", Matrix.scalar(2));
            try (GradMode.Scope outer = GradMode.noGrad()) {
                try (GradMode.Scope inner = GradMode.enableGrad()) {
                    w.times(3.0).backward();
                }
                assertFalse(GradMode.isGradEnabled());
            }
            assertEquals(Matrix.scalar(3), w.grad());
        }
    }

    @Nested
    class Anomaly {

        @Test
        void offByDefaultIeeeValuesPassThrough() {
            assertTrue(Double.isNaN(Tensor.variable(Matrix.scalar(-1)).log().item()));
        }

        @Test
        void aForwardNanNamesTheOpAndTheShapes() {
            Tensor x = Tensor.variable(Matrix.rowVector(1, -1));
            try (GradMode.Scope scope = GradMode.detectAnomaly()) {
                AnomalyException e = assertThrows(AnomalyException.class, x::log);
                assertEquals("anomaly: Log forward produced NaN at element (0, 1) of a 1x2 result; input shapes [1x2]",
                        e.getMessage());
            }
            assertFalse(GradMode.isAnomalyDetectionEnabled());
        }

        @Test
        void aBackwardInfinityNamesTheOpAndTheShapes() {
            // sqrt is finite at 0 but its derivative 1 / (2 sqrt x) is not
            Tensor x = Tensor.variable(Matrix.rowVector(4, 0));
            try (GradMode.Scope scope = GradMode.detectAnomaly()) {
                Tensor y = x.sqrt().sum();
                AnomalyException e = assertThrows(AnomalyException.class, y::backward);
                assertEquals("anomaly: Sqrt backward (gradient for input 0) produced Infinity at element (0, 1) of a 1x2"
                        + " result; input shapes [1x2]", e.getMessage());
            }
        }

        @Test
        void theStableLossesDoNotTriggerIt() {
            try (GradMode.Scope scope = GradMode.detectAnomaly()) {
                Tensor z = Tensor.variable(Matrix.rowVector(1000, -1000, 0));
                // loss = logsumexp(z) - z_1 = 1000 - (-1000) = 2000; gradient softmax(z) - e_1 = (1, -1, 0), since
                // e^-2000 and e^-1000 underflow to 0 without producing NaN or Infinity anywhere
                Tensor loss = z.softmaxCrossEntropy(new int[] {1});
                assertDoesNotThrow(() -> loss.backward());
                assertEquals(2000.0, loss.value().scalarValue(), 0.0);
                assertEquals(1.0, z.grad().get(0, 0), 0.0);
                assertEquals(-1.0, z.grad().get(0, 1), 0.0);
                assertEquals(0.0, z.grad().get(0, 2), 0.0);
            }
        }
    }

    @Nested
    class Determinism {

        /** A two-layer network with a shared weight, so some gradients are sums of several contributions. */
        private List<Matrix> gradients() {
            Rng rng = new Rng(2024L);
            Parameter w1 = new Parameter("w1", rng.gaussian(5, 4, 0, 1));
            Parameter b1 = new Parameter("b1", rng.gaussian(1, 5, 0, 1));
            Parameter w2 = new Parameter("w2", rng.gaussian(3, 5, 0, 1));
            Tensor x = Tensor.constant(rng.gaussian(8, 4, 0, 1));
            Tensor hidden = x.timesTranspose(w1).plusRow(b1).tanh();
            Tensor logits = hidden.timesTranspose(w2).plus(hidden.timesTranspose(w2).times(0.5));
            Tensor loss = logits.softmaxCrossEntropy(new int[] {0, 1, 2, 0, 1, 2, 0, 1})
                    .plus(w1.frobeniusNormSquared().times(1e-3));
            loss.backward();
            return List.of(w1.grad(), b1.grad(), w2.grad());
        }

        @Test
        void repeatedRunsGiveBitIdenticalGradients() {
            List<Matrix> first = gradients();
            for (int run = 0; run < 3; run++) {
                assertEquals(first, gradients()); // Matrix.equals compares bit patterns
            }
        }
    }

    @Nested
    class Depth {

        @Test
        void aChainOfOneHundredThousandOpsBackpropagatesIteratively() {
            // y = x c^n with c = 1 + 1e-6 and n = 100,000 ops: dy/dx = c^n = exp(n ln c) ~ 1.105
            int n = 100_000;
            double c = 1 + 1e-6;
            Tensor x = Tensor.variable(Matrix.scalar(1));
            Tensor y = x;
            for (int i = 0; i < n; i++) {
                y = y.times(c);
            }
            Tensor out = y;
            assertDoesNotThrow(() -> out.backward());
            // each step rounds once, so the product differs from Math.pow by at most about n ulps
            assertEquals(Math.pow(c, n), x.grad().scalarValue(), Tolerances.chainedProducts(n));
        }
    }
}
