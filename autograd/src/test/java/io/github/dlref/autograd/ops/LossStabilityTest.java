package io.github.dlref.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.Tolerances;
import io.github.dlref.autograd.check.GradCheck;
import io.github.dlref.autograd.check.GradCheckReport;
import io.github.dlref.math.Matrix;
import org.junit.jupiter.api.Test;

/**
 * The fused losses and the row-wise softmax stay finite and correct for logits around 1000, where
 * {@code exp(1000)} overflows a double.
 */
class LossStabilityTest {

    /** Logits 1000, 1001, 1002: the same probabilities as 0, 1, 2. */
    private static final Matrix LARGE = Matrix.of(new double[][] {{1000, 1001, 1002}, {1002, 1000, 1001}});
    private static final Matrix SMALL = Matrix.of(new double[][] {{0, 1, 2}, {2, 0, 1}});
    private static final int[] TARGETS = {0, 2};

    /** Closed form: l = ln(1 + e + e^2) - z_t with z shifted to (0, 1, 2); here z_t = 0 and 1. */
    private static double expectedMeanLoss() {
        double logSumExp = Math.log(1 + Math.E + Math.E * Math.E);
        return ((logSumExp - 0) + (logSumExp - 1)) / 2;
    }

    @Test
    void naiveExponentialOverflows() {
        // the reason for fusing: exp(1000) is infinite in double precision
        assertEquals(Double.POSITIVE_INFINITY, Tensor.constant(LARGE).exp().value().get(0, 0));
    }

    @Test
    void crossEntropyOfLargeLogitsIsFiniteAndCorrect() {
        Tensor logits = Tensor.variable(LARGE);
        Tensor loss = logits.softmaxCrossEntropy(TARGETS);
        assertTrue(Double.isFinite(loss.item()));
        assertTrue(Tolerances.close(expectedMeanLoss(), loss.item(), Tolerances.LARGE_LOGITS_RELATIVE), () -> "loss " + loss.item());
        loss.backward();
        // the gradient equals that of the shifted logits (softmax is shift invariant): (p - y) / N
        Tensor shifted = Tensor.variable(SMALL);
        shifted.softmaxCrossEntropy(TARGETS).backward();
        assertTrue(logits.grad().approxEquals(shifted.grad(), Tolerances.FEW_ULPS), () -> logits.grad() + " vs " + shifted.grad());
        for (int k = 0; k < logits.grad().size(); k++) {
            assertTrue(Double.isFinite(logits.grad().getFlat(k)));
        }
    }

    @Test
    void crossEntropyOfLargeLogitsPassesGradCheck() {
        GradCheckReport report = GradCheck.check(Tolerances.PYTORCH_GRADCHECK,
                xs -> xs[0].softmaxCrossEntropy(TARGETS, Reduction.NONE), Tensor.variable(LARGE));
        assertTrue(report.passed(), report::toString);
    }

    @Test
    void softmaxAndLogSoftmaxOfLargeLogitsEqualTheShiftedOnes() {
        Matrix p = Tensor.constant(LARGE).softmax().value();
        Matrix q = Tensor.constant(SMALL).softmax().value();
        assertTrue(p.approxEquals(q, Tolerances.FEW_ULPS), () -> p + " vs " + q);
        // log-softmax is shift invariant: at -LARGE it equals its closed form at -SMALL, -s - ln(1 + e^-1 + e^-2)
        // with s the shifted logits (0, 1, 2) and (2, 0, 1); the naive form would give -Infinity - (-Infinity) = NaN
        Matrix logP = Tensor.constant(LARGE.neg()).logSoftmax().value();
        double logSumExp = Math.log(1 + Math.exp(-1) + Math.exp(-2));
        for (int k = 0; k < logP.size(); k++) {
            double expected = -SMALL.getFlat(k) - logSumExp;
            double actual = logP.getFlat(k);
            assertTrue(Tolerances.close(expected, actual, Tolerances.LARGE_LOGITS_RELATIVE),
                    () -> "entry " + expected + " vs " + actual);
        }
    }

    @Test
    void binaryCrossEntropyOfLargeLogitsIsFinite() {
        // l = max(z, 0) - z y + log(1 + exp(-|z|)): z = -1000, y = 1 gives 1000; z = 1000, y = 1 gives 0
        Tensor logits = Tensor.variable(Matrix.rowVector(-1000, 1000, 1000));
        Matrix targets = Matrix.rowVector(1, 1, 0);
        Tensor losses = logits.binaryCrossEntropyWithLogits(targets, Reduction.NONE);
        assertEquals(Matrix.rowVector(1000, 0, 1000), losses.value());
        losses.sum().backward();
        // sigma(z) - y: sigma(-1000) = 0 and sigma(1000) = 1 exactly in double precision
        assertEquals(Matrix.rowVector(-1, 0, 1), logits.grad());
        assertFalse(Double.isNaN(logits.grad().sum()));
    }
}
