package io.github.dlref.nn.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import org.junit.jupiter.api.Test;

/**
 * The argument checks of nn's ops with their exact messages (the reported position of the first bad entry, the
 * accepted bounds themselves) and SiLU where the naive logistic overflows.
 */
class NnOpArgumentsTest {

    private static String refusal(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    /** A 2x3 matrix of zeros with one entry {@code value} at (1, 2), the last one: flat index 5 = 1 * 3 + 2. */
    private static Matrix withLastEntry(double value) {
        return Matrix.of(new double[][] {{0, 0, 0}, {0, 0, value}});
    }

    @Test
    void outOfRangeTargetsAndProbabilitiesAreReportedAtTheirRowAndColumn() {
        assertEquals("BinaryCrossEntropy: target at (1, 2) must be in [0, 1], got 2.0",
                refusal(() -> new BinaryCrossEntropy(withLastEntry(2.0))));
        assertEquals("ProbabilityCrossEntropy: target at (1, 2) must be in [0, 1], got -0.5",
                refusal(() -> new ProbabilityCrossEntropy(withLastEntry(-0.5))));
        assertEquals("BinaryCrossEntropy: probability at (1, 2) must be in [0, 1], got 1.5 (use BCEWithLogitsLoss"
                + " for logits)", refusal(() -> Tensor.apply(new BinaryCrossEntropy(Matrix.zeros(2, 3)),
                        Tensor.constant(withLastEntry(1.5)))));
        assertEquals("BinaryCrossEntropy: targets must not be null",
                assertThrows(NullPointerException.class, () -> new BinaryCrossEntropy(null)).getMessage());
    }

    @Test
    void probabilitiesOfExactlyZeroAndOneAreAccepted() {
        // -sum_k y_k ln p_k with p = (0, 1), y = (0, 1): the zero target skips ln 0, the other term is -ln 1 = 0
        Matrix p = Matrix.rowVector(0.0, 1.0);
        Tensor loss = Tensor.apply(new ProbabilityCrossEntropy(Matrix.rowVector(0.0, 1.0)), Tensor.constant(p));
        assertEquals(Matrix.scalar(0.0), loss.value());
    }

    @Test
    void broadcastingToZeroCopiesGivesAnEmptyTensor() {
        Tensor row = Tensor.constant(Matrix.rowVector(1, 2, 3));
        assertEquals(Matrix.zeros(0, 3), Broadcast.rows(row, 0).value());
        Tensor column = Tensor.constant(Matrix.columnVector(1, 2));
        assertEquals(Matrix.zeros(2, 0), Broadcast.columns(column, 0).value());
        assertEquals("Broadcast.rows: need a 1xD row and count >= 0, got 1x3 and count -1",
                refusal(() -> Broadcast.rows(row, -1)));
        assertEquals("Broadcast.columns: need an Nx1 column and count >= 0, got 2x1 and count -1",
                refusal(() -> Broadcast.columns(column, -1)));
    }

    @Test
    void siluOfLargeInputsDoesNotOverflow() {
        // silu(x) = x sigma(x); sigma(800) rounds to 1 and sigma(-800) to 0 (e^-800 underflows), so silu is x and
        // -0; the naive e^x / (1 + e^x) at x = 800 would be Infinity / Infinity = NaN
        Tensor x = Tensor.variable(Matrix.rowVector(800.0, -800.0));
        Tensor y = Tensor.apply(new Silu(), x);
        assertEquals(800.0, y.value().get(0, 0));
        assertEquals(0.0, y.value().get(0, 1), 0.0);
        y.sum().backward();
        // silu'(x) = sigma(x) (1 + x (1 - sigma(x))): 1 at 800, 0 at -800
        assertEquals(1.0, x.grad().get(0, 0));
        assertEquals(0.0, x.grad().get(0, 1), 0.0);
    }
}
