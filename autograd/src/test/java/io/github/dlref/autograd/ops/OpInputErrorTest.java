package io.github.dlref.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad shapes and bad constants fail with a message that names the op, the shapes or the value. */
class OpInputErrorTest {

    private static final Tensor M23 = Tensor.constant(Matrix.zeros(2, 3));
    private static final Tensor M32 = Tensor.constant(Matrix.zeros(3, 2));

    private static void assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }

    @Test
    void elementwiseShapesMustMatch() {
        assertMessage("Add: shapes 2x3 and 3x2 differ; an elementwise op needs equal shapes", () -> M23.plus(M32));
        assertMessage("Maximum: shapes 2x3 and 3x2 differ; an elementwise op needs equal shapes", () -> M23.max(M32));
        assertMessage("Subtract: shapes 2x3 and 3x2 differ; an elementwise op needs equal shapes", () -> M23.minus(M32));
        assertMessage("Multiply: shapes 2x3 and 3x2 differ; an elementwise op needs equal shapes", () -> M23.times(M32));
        assertMessage("Divide: shapes 2x3 and 3x2 differ; an elementwise op needs equal shapes", () -> M23.div(M32));
        // equal sizes, other shape: 6 elements each, so only the shape check can refuse it
        Tensor m16 = Tensor.constant(Matrix.zeros(1, 6));
        assertMessage("Subtract: shapes 2x3 and 1x6 differ; an elementwise op needs equal shapes", () -> M23.minus(m16));
        assertMessage("Multiply: shapes 2x3 and 1x6 differ; an elementwise op needs equal shapes", () -> M23.times(m16));
        assertMessage("Divide: shapes 2x3 and 1x6 differ; an elementwise op needs equal shapes", () -> M23.div(m16));
    }

    @Test
    void productsNameTheirFormAndTheMismatch() {
        assertMessage("MatMul (A B): shapes 2x3 and 2x3 do not align (3 != 2)", () -> M23.matmul(M23));
        assertMessage("TransposeTimes (A^T B): shapes 2x3 and 3x2 do not align (2 != 3)", () -> M23.transposeTimes(M32));
        assertMessage("TimesTranspose (A B^T): shapes 2x3 and 3x2 do not align (3 != 2)", () -> M23.timesTranspose(M32));
    }

    @Test
    void rowBroadcastNeedsAMatchingRow() {
        assertMessage("AddRow: the row must be 1x3 to broadcast over 2x3, got 1x2",
                () -> M23.plusRow(Tensor.constant(Matrix.zeros(1, 2))));
    }

    @Test
    void constantsMustBeFinite() {
        assertMessage("Pow: exponent must be finite, got NaN", () -> M23.pow(Double.NaN));
        assertMessage("AddScalar: constant must be finite, got Infinity", () -> M23.plus(Double.POSITIVE_INFINITY));
        assertMessage("Clamp: need lo <= hi (neither NaN), got lo=1.0, hi=0.0", () -> M23.clamp(1, 0));
        assertMessage("Clamp: need lo <= hi (neither NaN), got lo=NaN, hi=0.0", () -> M23.clamp(Double.NaN, 0));
        assertEquals(Matrix.filled(2, 3, 0.5), M23.clamp(0.5, 0.5).value(), "lo = hi is allowed");
        assertMessage("LeakyRelu: slope must be finite, got NaN", () -> M23.leakyRelu(Double.NaN));
        assertMessage("MultiplyScalar: factor must be finite, got -Infinity", () -> M23.times(Double.NEGATIVE_INFINITY));
        assertMessage("DropoutMask: mask entry 4 (row-major) must be finite, got Infinity",
                () -> M23.dropoutMask(Matrix.of(new double[][] {{0, 2, 0}, {2, Double.POSITIVE_INFINITY, 0}})));
    }

    @Test
    void lossTargetsAreValidated() {
        assertMessage("SoftmaxCrossEntropy: 3 class indices for logits of shape 2x3 (one index per row is needed)",
                () -> M23.softmaxCrossEntropy(new int[] {0, 1, 2}));
        assertMessage("SoftmaxCrossEntropy: class index of sample 1 is 3, outside [0, 3) for logits of shape 2x3",
                () -> M23.softmaxCrossEntropy(new int[] {0, 3}));
        assertMessage("SoftmaxCrossEntropy: class index of sample 0 must be >= 0, got -1",
                () -> M23.softmaxCrossEntropy(new int[] {-1, 0}));
        assertMessage("SoftmaxCrossEntropy: target probability at (0, 1) must be in [0, 1], got 1.5",
                () -> M23.softmaxCrossEntropy(Matrix.of(new double[][] {{0, 1.5, 0}, {0, 0, 1}})));
        assertMessage("BinaryCrossEntropyWithLogits: logits 2x3 and targets 3x2 differ in shape",
                () -> M23.binaryCrossEntropyWithLogits(Matrix.zeros(3, 2)));
        assertMessage("BinaryCrossEntropyWithLogits: target at (1, 0) must be in [0, 1], got NaN",
                () -> M23.binaryCrossEntropyWithLogits(Matrix.of(new double[][] {{0, 0, 0}, {Double.NaN, 0, 0}})));
        assertMessage("SoftmaxCrossEntropy: the mean over an empty batch (0 samples) is undefined",
                () -> Tensor.constant(Matrix.zeros(0, 3)).softmaxCrossEntropy(new int[0]));
    }

    @Test
    void rowOpsNeedColumnsAndMeanNeedsEntries() {
        Tensor noColumns = Tensor.constant(Matrix.zeros(2, 0));
        assertMessage("Softmax: input 2x0 has no columns", noColumns::softmax);
        assertMessage("MaxPerRow: input 2x0 has no columns", noColumns::maxPerRow);
        assertMessage("LogSoftmax: input 2x0 has no columns", noColumns::logSoftmax);
        assertMessage("Mean: input 2x0 is empty", noColumns::mean);
        assertMessage("DropoutMask: input 2x3 and mask 3x2 differ in shape", () -> M23.dropoutMask(Matrix.zeros(3, 2)));
    }
}
