package io.github.dlref.math;

import static io.github.dlref.math.MatrixAssert.assertBitwise;
import static io.github.dlref.math.MatrixAssert.assertSameBits;
import static io.github.dlref.math.MatrixAssert.assertThrowsWith;
import static io.github.dlref.math.MatrixAssert.m;
import static io.github.dlref.math.MatrixAssert.r;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Construction: from rows, from a flat array, the constant matrices, build, outer and concatRows. */
class MatrixConstructionTest {

    @Test
    void ofKeepsRowsInOrderAndCopiesTheArray() {
        double[][] rows = {{1, 2, 3}, {4, 5, 6}};
        Matrix a = Matrix.of(rows);
        rows[0][0] = 99;
        assertEquals(2, a.rows());
        assertEquals(3, a.cols());
        assertEquals(1.0, a.get(0, 0));
        assertEquals(2.0, a.get(0, 1));
        assertEquals(6.0, a.get(1, 2));
    }

    @Test
    void ofEmptyShapes() {
        Matrix none = Matrix.of(new double[0][]);
        assertEquals("0x0", none.shape());
        Matrix oneEmptyRow = Matrix.of(new double[][] {{}});
        assertEquals("1x0", oneEmptyRow.shape());
        Matrix twoEmptyRows = Matrix.of(new double[][] {{}, {}});
        assertEquals("2x0", twoEmptyRows.shape());
        assertEquals(0, twoEmptyRows.size());
    }

    @Test
    void ofRejectsRaggedAndNullRows() {
        assertThrowsWith(IllegalArgumentException.class, () -> Matrix.of(new double[][] {{1, 2, 3}, {4, 5}}),
                "Matrix.of", "row 1 has length 2", "expected 3");
        assertThrowsWith(IllegalArgumentException.class, () -> Matrix.of(new double[][] {{1}, null}),
                "Matrix.of", "row 1 is null");
        assertThrowsWith(IllegalArgumentException.class, () -> Matrix.of(new double[][] {null}),
                "Matrix.of", "row 0 is null");
        assertThrowsWith(NullPointerException.class, () -> Matrix.of(null), "Matrix.of", "rows");
    }

    @Test
    void fromRowMajorPlacesValueIJAtIndexITimesColsPlusJ() {
        double[] values = {1, 2, 3, 4, 5, 6};
        Matrix a = Matrix.fromRowMajor(2, 3, values);
        values[0] = 99;
        assertBitwise(m(r(1, 2, 3), r(4, 5, 6)), a);
        assertBitwise(m(r(1, 2), r(3, 4), r(5, 6)), Matrix.fromRowMajor(3, 2, 1, 2, 3, 4, 5, 6));
        assertEquals("0x5", Matrix.fromRowMajor(0, 5).shape());
        assertEquals("5x0", Matrix.fromRowMajor(5, 0).shape());
    }

    @Test
    void fromRowMajorRejectsWrongLengthAndNegativeDimensions() {
        assertThrowsWith(IllegalArgumentException.class, () -> Matrix.fromRowMajor(2, 3, 1, 2, 3, 4, 5),
                "Matrix.fromRowMajor", "2x3", "needs 6", "got 5");
        assertThrowsWith(IllegalArgumentException.class, () -> Matrix.fromRowMajor(-1, 3),
                "Matrix.fromRowMajor", ">= 0", "-1x3");
        assertThrowsWith(NullPointerException.class, () -> Matrix.fromRowMajor(1, 1, (double[]) null),
                "Matrix.fromRowMajor");
    }

    @Test
    void vectorsAndScalar() {
        assertBitwise(m(r(1, 2, 3)), Matrix.rowVector(1, 2, 3));
        assertBitwise(m(r(1), r(2), r(3)), Matrix.columnVector(1, 2, 3));
        assertEquals("1x0", Matrix.rowVector().shape());
        assertEquals("0x1", Matrix.columnVector().shape());
        Matrix s = Matrix.scalar(-7.5);
        assertEquals("1x1", s.shape());
        assertEquals(-7.5, s.scalarValue());
    }

    @Test
    void zerosArePositiveZero() {
        Matrix z = Matrix.zeros(2, 3);
        assertEquals("2x3", z.shape());
        for (int k = 0; k < z.size(); k++) {
            assertEquals(0L, Double.doubleToRawLongBits(z.getFlat(k)), "entry " + k + " must be +0.0");
        }
        assertEquals("0x4", Matrix.zeros(0, 4).shape());
        assertEquals("4x0", Matrix.zeros(4, 0).shape());
        assertThrowsWith(IllegalArgumentException.class, () -> Matrix.zeros(2, -1), "Matrix.zeros", "2x-1");
    }

    @Test
    void onesAndFilled() {
        assertBitwise(m(r(1, 1), r(1, 1), r(1, 1)), Matrix.ones(3, 2));
        assertBitwise(m(r(-2.5, -2.5, -2.5)), Matrix.filled(1, 3, -2.5));
        assertBitwise(m(r(-0.0)), Matrix.filled(1, 1, -0.0));
        assertEquals("0x0", Matrix.filled(0, 0, 4).shape());
        assertThrowsWith(IllegalArgumentException.class, () -> Matrix.ones(-3, 2), "Matrix.filled", "-3x2");
    }

    @Test
    void identity() {
        assertBitwise(m(r(1, 0, 0), r(0, 1, 0), r(0, 0, 1)), Matrix.identity(3));
        assertBitwise(Matrix.scalar(1), Matrix.identity(1));
        assertEquals("0x0", Matrix.identity(0).shape());
        assertThrowsWith(IllegalArgumentException.class, () -> Matrix.identity(-1), "Matrix.identity");
    }

    @Test
    void buildEvaluatesEveryEntryOnceInRowMajorOrder() {
        List<String> calls = new ArrayList<>();
        Matrix a = Matrix.build(2, 3, (i, j) -> {
            calls.add(i + "," + j);
            return 10 * i + j;
        });
        assertBitwise(m(r(0, 1, 2), r(10, 11, 12)), a);
        assertEquals(List.of("0,0", "0,1", "0,2", "1,0", "1,1", "1,2"), calls);
        assertEquals("0x3", Matrix.build(0, 3, (i, j) -> 1).shape());
        assertThrowsWith(IllegalArgumentException.class, () -> Matrix.build(1, -2, (i, j) -> 1), "Matrix.build");
    }

    @Test
    void outerProductOfRowAndColumnVectors() {
        Matrix expected = m(r(3, 4, 5), r(6, 8, 10));
        assertBitwise(expected, Matrix.outer(Matrix.columnVector(1, 2), Matrix.rowVector(3, 4, 5)));
        assertBitwise(expected, Matrix.outer(Matrix.rowVector(1, 2), Matrix.columnVector(3, 4, 5)));
        assertBitwise(Matrix.scalar(-6), Matrix.outer(Matrix.scalar(2), Matrix.scalar(-3)));
        assertEquals("0x3", Matrix.outer(Matrix.rowVector(), Matrix.rowVector(1, 2, 3)).shape());
        assertEquals("2x0", Matrix.outer(Matrix.rowVector(1, 2), Matrix.columnVector()).shape());
    }

    @Test
    void outerRejectsNonVectors() {
        assertThrowsWith(IllegalArgumentException.class,
                () -> Matrix.outer(Matrix.zeros(2, 2), Matrix.rowVector(1, 2)), "outer", "2x2", "1x2");
        assertThrowsWith(IllegalArgumentException.class,
                () -> Matrix.outer(Matrix.rowVector(1), Matrix.zeros(0, 3)), "outer", "1x1", "0x3");
    }

    @Test
    void concatRowsStacksVertically() {
        Matrix a = m(r(1, 2));
        Matrix b = m(r(3, 4), r(5, 6));
        assertBitwise(m(r(1, 2), r(3, 4), r(5, 6)), Matrix.concatRows(a, b));
        assertBitwise(m(r(1, 2)), Matrix.concatRows(Matrix.zeros(0, 2), a, Matrix.zeros(0, 2)));
        assertEquals("0x2", Matrix.concatRows(Matrix.zeros(0, 2)).shape());
        assertEquals("3x0", Matrix.concatRows(Matrix.zeros(1, 0), Matrix.zeros(2, 0)).shape());
    }

    @Test
    void concatRowsRejectsMismatchedColumnsAndNoParts() {
        assertThrowsWith(IllegalArgumentException.class,
                () -> Matrix.concatRows(Matrix.zeros(1, 2), Matrix.zeros(1, 3)), "concatRows", "1x2", "1x3",
                "2 != 3");
        assertThrowsWith(IllegalArgumentException.class, Matrix::concatRows, "concatRows", "at least one");
    }

    @Test
    void concatRowsRefusesAResultTooLargeForOneArrayBeforeAllocating() {
        // 2^11 copies of a row of 2^20 entries: 2^31 entries, more than a Java array holds
        Matrix[] parts = new Matrix[1 << 11];
        Arrays.fill(parts, Matrix.zeros(1, 1 << 20));
        assertThrowsWith(IllegalArgumentException.class, () -> Matrix.concatRows(parts), "concatRows",
                "2048x1048576", "more than");
    }

    @Test
    void shapesTooLargeForAnArrayAreRejectedNotWrappedAround() {
        // 65536 * 65537 overflows int to 65536: without the check the matrix would get a 65536-entry array.
        assertThrowsWith(IllegalArgumentException.class, () -> Matrix.zeros(65536, 65537), "Matrix.zeros",
                "65536x65537", "4295032832 entries");
        Matrix tall = Matrix.zeros(65536, 1);
        Matrix wide = Matrix.zeros(1, 65537);
        assertThrowsWith(IllegalArgumentException.class, () -> tall.matmul(wide), "matmul", "65536x65537");
        assertThrowsWith(IllegalArgumentException.class, () -> tall.timesTranspose(wide.transpose()),
                "timesTranspose", "65536x65537");
        assertThrowsWith(IllegalArgumentException.class, () -> tall.transpose().transposeTimes(wide),
                "transposeTimes", "65536x65537");
        assertThrowsWith(IllegalArgumentException.class, () -> Matrix.outer(tall, wide), "outer", "65536x65537");
        assertThrowsWith(IllegalArgumentException.class, () -> wide.repeatRows(65536), "repeatRows",
                "65536x65537");
    }

    @Test
    void constructorsKeepSignedZeroAndNaN() {
        Matrix a = Matrix.rowVector(-0.0, Double.NaN, Double.NEGATIVE_INFINITY);
        assertSameBits(-0.0, a.get(0, 0));
        assertSameBits(Double.NaN, a.get(0, 1));
        assertSameBits(Double.NEGATIVE_INFINITY, a.get(0, 2));
    }
}
