package io.github.dlref.math;

import static io.github.dlref.math.MatrixAssert.assertBitwise;
import static io.github.dlref.math.MatrixAssert.assertSameBits;
import static io.github.dlref.math.MatrixAssert.assertThrowsWith;
import static io.github.dlref.math.MatrixAssert.m;
import static io.github.dlref.math.MatrixAssert.r;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Sums, means, per-row maxima and extreme values, including empty shapes and the summation order. */
class MatrixReductionTest {

    private static final Matrix A = m(r(1, 2, 3), r(4, 5, 6));
    private static final double NAN = Double.NaN;

    @Test
    void totalSumAndMean() {
        assertEquals(21.0, A.sum());
        assertEquals(3.5, A.mean());
        assertEquals(-2.5, Matrix.scalar(-2.5).mean());
    }

    @Test
    void sumOfEmptyIsPositiveZero() {
        assertSameBits(0.0, Matrix.zeros(0, 3).sum());
        assertSameBits(0.0, Matrix.zeros(3, 0).sum());
        assertSameBits(0.0, Matrix.zeros(0, 0).sum());
        // the sum starts from +0.0, so a sum of negative zeros is +0.0
        assertSameBits(0.0, Matrix.rowVector(-0.0, -0.0).sum());
    }

    @Test
    void meanOfEmptyIsAnError() {
        assertThrowsWith(IllegalStateException.class, () -> Matrix.zeros(0, 3).mean(), "mean", "0x3", "empty");
    }

    @Test
    void sumsAddLeftToRightInRowMajorOrder() {
        // The spacing of doubles at 1e16 is 2, and 1e16 + 1 is a tie that rounds to the even 1e16.
        // Left to right: (1e16 + 1) + (-1e16) = 1e16 - 1e16 = 0. Any other order (pairwise, sorted,
        // compensated) gives 1.
        Matrix row = Matrix.rowVector(1e16, 1, -1e16);
        assertSameBits(0.0, row.sum());
        assertSameBits(0.0, row.sumRows().scalarValue());
        assertSameBits(0.0, row.transpose().sumCols().scalarValue());
        assertSameBits(0.0, m(r(1e16, 1), r(-1e16, 0)).sum());
        assertSameBits(0.0, row.dot(Matrix.ones(1, 3)));
    }

    @Test
    void rowAndColumnSums() {
        assertBitwise(Matrix.columnVector(6, 15), A.sumRows());
        assertBitwise(Matrix.rowVector(5, 7, 9), A.sumCols());
        assertBitwise(Matrix.zeros(3, 1), Matrix.zeros(3, 0).sumRows());
        assertBitwise(Matrix.zeros(0, 1), Matrix.zeros(0, 3).sumRows());
        assertBitwise(Matrix.zeros(1, 3), Matrix.zeros(0, 3).sumCols());
        assertBitwise(Matrix.zeros(1, 0), Matrix.zeros(3, 0).sumCols());
        assertBitwise(Matrix.scalar(4), Matrix.scalar(4).sumRows());
        assertBitwise(Matrix.scalar(4), Matrix.scalar(4).sumCols());
    }

    @Test
    void rowAndColumnMeansDivideTheSumByTheCount() {
        assertBitwise(Matrix.columnVector(2, 5), A.meanRows());
        assertBitwise(Matrix.rowVector(2.5, 3.5, 4.5), A.meanCols());
        // 3 + 3 + 4 = 10, and 10 / 3 = 3.3333333333333335 while 10 * (1/3) = 3.333333333333333:
        // the mean is the quotient, as mean() computes it.
        assertNotEquals(10.0 / 3, 10 * (1.0 / 3));
        assertBitwise(Matrix.columnVector(10.0 / 3), Matrix.rowVector(3, 3, 4).meanRows());
        assertBitwise(Matrix.rowVector(10.0 / 3), Matrix.columnVector(3, 3, 4).meanCols());
        assertEquals(10.0 / 3, Matrix.rowVector(3, 3, 4).mean());
        assertBitwise(Matrix.zeros(0, 1), Matrix.zeros(0, 2).meanRows());
        assertBitwise(Matrix.zeros(1, 0), Matrix.zeros(2, 0).meanCols());
    }

    @Test
    void meansOverAnEmptyAxisAreErrors() {
        assertThrowsWith(IllegalStateException.class, () -> Matrix.zeros(2, 0).meanRows(), "meanRows", "2x0");
        assertThrowsWith(IllegalStateException.class, () -> Matrix.zeros(0, 2).meanCols(), "meanCols", "0x2");
    }

    @Test
    void maxPerRowTakesTheFirstIndexOnTies() {
        Matrix x = m(r(1, 3, 2), r(5, 5, 0), r(-1, -2, -3), r(-0.0, 0.0, 0.0));
        Matrix.RowMax rm = x.maxPerRow();
        assertBitwise(Matrix.columnVector(3, 5, -1, -0.0), rm.values());
        assertArrayEquals(new int[] {1, 0, 0, 0}, rm.indices());
        assertEquals(1, rm.index(0));
        assertEquals(0, rm.index(1));
    }

    @Test
    void maxPerRowReportsTheFirstNaN() {
        Matrix.RowMax rm = m(r(1, NAN, 3, NAN), r(NAN, 5, 7, 9)).maxPerRow();
        assertBitwise(Matrix.columnVector(NAN, NAN), rm.values());
        assertArrayEquals(new int[] {1, 0}, rm.indices());
    }

    @Test
    void maxPerRowShapes() {
        Matrix.RowMax none = Matrix.zeros(0, 3).maxPerRow();
        assertEquals("0x1", none.values().shape());
        assertEquals(0, none.indices().length);
        Matrix.RowMax one = Matrix.scalar(-4).maxPerRow();
        assertBitwise(Matrix.scalar(-4), one.values());
        assertArrayEquals(new int[] {0}, one.indices());
        assertThrowsWith(IllegalStateException.class, () -> Matrix.zeros(2, 0).maxPerRow(), "maxPerRow", "2x0");
    }

    @Test
    void rowMaxIsAValueWithCopiedIndices() {
        int[] idx = {2, 0};
        Matrix.RowMax a = new Matrix.RowMax(Matrix.columnVector(1, 2), idx);
        idx[0] = 9;
        assertEquals(2, a.index(0));
        a.indices()[1] = 9;
        assertEquals(0, a.index(1));
        Matrix.RowMax b = new Matrix.RowMax(Matrix.columnVector(1, 2), new int[] {2, 0});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        Matrix.RowMax otherIndex = new Matrix.RowMax(Matrix.columnVector(1, 2), new int[] {2, 1});
        Matrix.RowMax otherValue = new Matrix.RowMax(Matrix.columnVector(1, 3), new int[] {2, 0});
        assertNotEquals(a, otherIndex);
        assertNotEquals(a, otherValue);
        // unequal row maxima hash apart: the hash uses both the values and the indices
        assertNotEquals(a.hashCode(), otherIndex.hashCode());
        assertNotEquals(a.hashCode(), otherValue.hashCode());
        assertNotEquals(otherIndex.hashCode(), otherValue.hashCode());
        assertEquals("RowMax[values=" + Matrix.columnVector(1, 2) + ", indices=[2, 0]]", a.toString());
        assertThrowsWith(NullPointerException.class, () -> new Matrix.RowMax(null, new int[0]), "values");
    }

    @Test
    void maxValueAndMinValue() {
        Matrix x = m(r(1, -2), r(3, 0));
        assertEquals(3.0, x.maxValue());
        assertEquals(-2.0, x.minValue());
        assertSameBits(NAN, Matrix.rowVector(1, NAN, 2).maxValue());
        assertSameBits(NAN, Matrix.rowVector(1, NAN, 2).minValue());
        assertSameBits(-0.0, Matrix.scalar(-0.0).maxValue());
        assertEquals(Double.NEGATIVE_INFINITY, Matrix.rowVector(Double.NEGATIVE_INFINITY).maxValue());
        assertThrowsWith(IllegalStateException.class, () -> Matrix.zeros(0, 2).maxValue(), "maxValue", "0x2");
        assertThrowsWith(IllegalStateException.class, () -> Matrix.zeros(2, 0).minValue(), "minValue", "2x0");
    }
}
