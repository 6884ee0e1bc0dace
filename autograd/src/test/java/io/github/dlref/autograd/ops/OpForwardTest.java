package io.github.dlref.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.Tolerances;
import io.github.dlref.math.Matrix;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Forward values of every op against values worked out by hand (exact integers where the arithmetic is exact,
 * closed forms such as {@code softmax(ln 1, ln 2, ln 3) = (1/6, 1/3, 1/2)} elsewhere), and the gradients of the
 * fused losses against their closed forms.
 */
class OpForwardTest {

    private static final Matrix A = Matrix.of(new double[][] {{1, 2}, {3, 4}});
    private static final Matrix B = Matrix.of(new double[][] {{5, 6}, {7, 8}});

    private static Tensor c(Matrix m) {
        return Tensor.constant(m);
    }

    private static Matrix rows(double[]... rows) {
        return Matrix.of(rows);
    }

    private static void assertExact(Matrix expected, Tensor actual) {
        assertEquals(expected, actual.value(), () -> "expected " + expected + " got " + actual.value());
    }

    private static void assertClose(Matrix expected, Matrix actual) {
        assertTrue(expected.sameShape(actual), () -> "shape: expected " + expected.shape() + " got " + actual.shape());
        for (int k = 0; k < expected.size(); k++) {
            int index = k;
            assertTrue(Tolerances.close(expected.getFlat(k), actual.getFlat(k), Tolerances.HAND_COMPUTED_RELATIVE),
                    () -> "entry " + index + ": expected " + expected + " got " + actual);
        }
    }

    @Nested
    class Arithmetic {
        @Test
        void elementwise() {
            assertExact(rows(new double[] {6, 8}, new double[] {10, 12}), c(A).plus(c(B)));
            assertExact(rows(new double[] {-4, -4}, new double[] {-4, -4}), c(A).minus(c(B)));
            assertExact(rows(new double[] {5, 12}, new double[] {21, 32}), c(A).times(c(B)));
            assertExact(rows(new double[] {0.2, 2.0 / 6}, new double[] {3.0 / 7, 0.5}), c(A).div(c(B)));
            assertExact(rows(new double[] {-1, -2}, new double[] {-3, -4}), c(A).neg());
            assertExact(rows(new double[] {1.5, 2.5}, new double[] {3.5, 4.5}), c(A).plus(0.5));
            assertExact(rows(new double[] {-2, -4}, new double[] {-6, -8}), c(A).times(-2.0));
        }

        @Test
        void products() {
            assertExact(rows(new double[] {19, 22}, new double[] {43, 50}), c(A).matmul(c(B)));
            assertExact(rows(new double[] {26, 30}, new double[] {38, 44}), c(A).transposeTimes(c(B)));
            assertExact(rows(new double[] {17, 23}, new double[] {39, 53}), c(A).timesTranspose(c(B)));
            assertExact(rows(new double[] {1, 3}, new double[] {2, 4}), c(A).transpose());
            Matrix x = Matrix.rowVector(1, 2, 3);
            assertExact(Matrix.scalar(14), c(x).timesTranspose(c(x)));
            assertExact(Matrix.of(new double[][] {{1, 2, 3}, {2, 4, 6}, {3, 6, 9}}), c(x).transposeTimes(c(x)));
        }

        @Test
        void broadcastAndReductions() {
            assertExact(rows(new double[] {11, 22}, new double[] {13, 24}), c(A).plusRow(c(Matrix.rowVector(10, 20))));
            assertExact(Matrix.scalar(10), c(A).sum());
            assertExact(Matrix.columnVector(3, 7), c(A).sumRows());
            assertExact(Matrix.rowVector(4, 6), c(A).sumCols());
            assertExact(Matrix.scalar(2.5), c(A).mean());
            assertExact(Matrix.scalar(30), c(A).frobeniusNormSquared());
            assertExact(rows(new double[] {0, 3}, new double[] {4.5, 0}),
                    c(A).dropoutMask(rows(new double[] {0, 1.5}, new double[] {1.5, 0})));
        }
    }

    @Nested
    class Elementwise {
        @Test
        void exponentialsAndPowers() {
            // Math.exp(1) is one ulp above the double nearest e, so these two are compared to a few ulps
            assertClose(Matrix.rowVector(1, Math.E), c(Matrix.rowVector(0, 1)).exp().value());
            assertClose(Matrix.rowVector(0, 1), c(Matrix.rowVector(1, Math.E)).log().value());
            assertExact(Matrix.rowVector(2, 1.5), c(Matrix.rowVector(4, 2.25)).sqrt());
            assertExact(Matrix.rowVector(8, -27), c(Matrix.rowVector(2, -3)).pow(3));
            assertExact(Matrix.rowVector(0.5, 0.25), c(Matrix.rowVector(4, 16)).pow(-0.5));
            assertExact(Matrix.rowVector(1, 1), c(Matrix.rowVector(0, 5)).pow(0));
        }

        @Test
        void piecewiseLinear() {
            Matrix x = Matrix.rowVector(-2, -0.0, 0, 3);
            assertExact(Matrix.rowVector(2, 0, 0, 3), c(x).abs());
            assertExact(Matrix.rowVector(0, 0, 0, 3), c(x).relu());
            assertExact(Matrix.rowVector(-0.25, -0.0, 0, 3), c(x).leakyRelu(0.125));
            assertExact(Matrix.rowVector(-1, -0.0, 0, 1), c(x).clamp(-1, 1));
            assertExact(Matrix.rowVector(1, 0, 0, 3), c(x).max(c(Matrix.rowVector(1, 0, -1, 2))));
            assertExact(Matrix.columnVector(3, 5), c(rows(new double[] {1, 3, 2}, new double[] {5, 4, 5})).maxPerRow());
        }

        @Test
        void squashing() {
            // sigmoid(ln 3) = 3 / (3 + 1); tanh(ln 2) = (2 - 1/2) / (2 + 1/2) = 0.6
            assertClose(Matrix.rowVector(0.5, 0.75, 0.25), c(Matrix.rowVector(0, Math.log(3), -Math.log(3))).sigmoid()
                    .value());
            assertExact(Matrix.rowVector(0.0, 1.0), c(Matrix.rowVector(-1000, 1000)).sigmoid());
            assertClose(Matrix.rowVector(0, 0.6, -0.6), c(Matrix.rowVector(0, Math.log(2), -Math.log(2))).tanh().value());
        }
    }

    @Nested
    class RowWise {
        private final Matrix logits = rows(new double[] {0, Math.log(2), Math.log(3)},
                new double[] {Math.log(3) + 5, 5, Math.log(2) + 5});

        @Test
        void softmaxOfLogsIsTheNormalisedRow() {
            assertClose(rows(new double[] {1.0 / 6, 1.0 / 3, 0.5}, new double[] {0.5, 1.0 / 6, 1.0 / 3}),
                    c(logits).softmax().value());
            assertClose(rows(new double[] {-Math.log(6), -Math.log(3), -Math.log(2)},
                    new double[] {-Math.log(2), -Math.log(6), -Math.log(3)}), c(logits).logSoftmax().value());
        }

        @Test
        void crossEntropyFromClassIndices() {
            // l_i = -ln p_{i, t_i}: row 0 class 2 gives ln 2, row 1 class 1 gives ln 6
            assertClose(Matrix.columnVector(Math.log(2), Math.log(6)),
                    c(logits).softmaxCrossEntropy(new int[] {2, 1}, Reduction.NONE).value());
            assertClose(Matrix.scalar(Math.log(12)),
                    c(logits).softmaxCrossEntropy(new int[] {2, 1}, Reduction.SUM).value());
            assertClose(Matrix.scalar(Math.log(12) / 2), c(logits).softmaxCrossEntropy(new int[] {2, 1}).value());
        }

        @Test
        void crossEntropyGradientIsPredictionMinusTarget() {
            // dl/dz = y_hat - y (dl-optimization, equation 3), divided by N = 2 for the mean
            Tensor z = Tensor.variable(logits);
            z.softmaxCrossEntropy(new int[] {2, 1}).backward();
            assertClose(rows(new double[] {1.0 / 12, 1.0 / 6, -0.25}, new double[] {0.25, -5.0 / 12, 1.0 / 6}),
                    z.grad());
        }

        @Test
        void crossEntropyWithSoftLabels() {
            // targets (1/2, 0, 1/2) on p = (1/6, 1/3, 1/2): l = -(ln(1/6) + ln(1/2)) / 2 = ln(12) / 2
            Matrix y = Matrix.rowVector(0.5, 0, 0.5);
            Tensor z = Tensor.variable(logits.getRow(0));
            Tensor loss = z.softmaxCrossEntropy(y, Reduction.SUM);
            assertClose(Matrix.scalar(Math.log(12) / 2), loss.value());
            loss.backward();
            assertClose(Matrix.rowVector(1.0 / 6 - 0.5, 1.0 / 3, 0.0), z.grad());
        }

        @Test
        void classIndicesAndOneHotTargetsAgreeExactly() {
            Matrix oneHot = rows(new double[] {0, 0, 1}, new double[] {0, 1, 0});
            Tensor byIndex = Tensor.variable(logits);
            Tensor byProbability = Tensor.variable(logits);
            Tensor l1 = byIndex.softmaxCrossEntropy(new int[] {2, 1});
            Tensor l2 = byProbability.softmaxCrossEntropy(oneHot);
            assertEquals(l1.value(), l2.value());
            l1.backward();
            l2.backward();
            assertEquals(byIndex.grad(), byProbability.grad());
        }

        @Test
        void binaryCrossEntropyFromLogits() {
            // sigma(0) = 1/2, sigma(ln 3) = 3/4: target 1 gives ln 2 and ln(4/3); target 0 at ln 3 gives ln 4
            Matrix z = rows(new double[] {0, Math.log(3), Math.log(3)});
            Matrix y = rows(new double[] {1, 1, 0});
            assertClose(Matrix.rowVector(Math.log(2), Math.log(4.0 / 3), Math.log(4)),
                    c(z).binaryCrossEntropyWithLogits(y, Reduction.NONE).value());
            Tensor logits = Tensor.variable(z);
            logits.binaryCrossEntropyWithLogits(y).backward();
            // (sigma(z) - y) / 3 for the mean over three elements
            assertClose(Matrix.rowVector(-0.5 / 3, -0.25 / 3, 0.75 / 3), logits.grad());
        }
    }
}
