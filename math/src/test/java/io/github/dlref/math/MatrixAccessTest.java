package io.github.dlref.math;

import static io.github.dlref.math.MatrixAssert.assertBitwise;
import static io.github.dlref.math.MatrixAssert.assertThrowsWith;
import static io.github.dlref.math.MatrixAssert.m;
import static io.github.dlref.math.MatrixAssert.r;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Shape queries, element access, copies out, single-entry updates, slices, gathers and reshape. */
class MatrixAccessTest {

    private static final Matrix A = m(r(1, 2, 3), r(4, 5, 6));

    @Test
    void shapeQueries() {
        assertEquals(2, A.rows());
        assertEquals(3, A.cols());
        assertEquals(6, A.size());
        assertEquals("2x3", A.shape());
        Matrix empty = Matrix.zeros(0, 4);
        assertEquals(0, empty.rows());
        assertEquals(4, empty.cols());
        assertEquals(0, empty.size());
        assertEquals("0x4", empty.shape());
        assertEquals("4x0", Matrix.zeros(4, 0).shape());
        assertEquals(1, Matrix.scalar(3).size());
    }

    @Test
    void sameShapeAndIsVector() {
        assertTrue(A.sameShape(Matrix.zeros(2, 3)));
        assertFalse(A.sameShape(Matrix.zeros(3, 2)));
        assertFalse(Matrix.zeros(0, 3).sameShape(Matrix.zeros(3, 0)));
        assertTrue(Matrix.rowVector(1, 2, 3).isVector());
        assertTrue(Matrix.columnVector(1, 2, 3).isVector());
        assertTrue(Matrix.scalar(1).isVector());
        assertTrue(Matrix.rowVector().isVector());
        assertFalse(Matrix.zeros(2, 2).isVector());
        assertFalse(Matrix.zeros(0, 3).isVector());
    }

    @Test
    void getAndGetFlatAgree() {
        assertEquals(5.0, A.get(1, 1));
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(A.get(i, j), A.getFlat(i * 3 + j));
            }
        }
        assertEquals(6.0, A.getFlat(5));
    }

    @Test
    void outOfRangeAccessNamesIndexAndShape() {
        assertThrowsWith(IndexOutOfBoundsException.class, () -> A.get(2, 0), "get", "(2, 0)", "2x3");
        assertThrowsWith(IndexOutOfBoundsException.class, () -> A.get(0, -1), "get", "(0, -1)", "2x3");
        assertThrowsWith(IndexOutOfBoundsException.class, () -> A.getFlat(6), "getFlat", "6", "2x3", "size 6");
        assertThrowsWith(IndexOutOfBoundsException.class, () -> Matrix.zeros(0, 3).get(0, 0), "get", "0x3");
    }

    @Test
    void scalarValueNeedsOneByOne() {
        assertEquals(4.5, Matrix.scalar(4.5).scalarValue());
        assertThrowsWith(IllegalStateException.class, () -> Matrix.rowVector(1, 2).scalarValue(), "scalarValue",
                "1x2");
        assertThrowsWith(IllegalStateException.class, () -> Matrix.zeros(0, 0).scalarValue(), "scalarValue",
                "0x0");
    }

    @Test
    void arraysOutAreCopies() {
        double[][] rows = A.toArray();
        assertArrayEquals(new double[] {1, 2, 3}, rows[0]);
        assertArrayEquals(new double[] {4, 5, 6}, rows[1]);
        rows[0][0] = 99;
        double[] flat = A.toRowMajorArray();
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, flat);
        flat[1] = 99;
        assertBitwise(m(r(1, 2, 3), r(4, 5, 6)), A);
        assertEquals(3, Matrix.zeros(3, 0).toArray().length);
        assertEquals(0, Matrix.zeros(3, 0).toArray()[2].length);
        assertEquals(0, Matrix.zeros(0, 3).toRowMajorArray().length);
    }

    @Test
    void withReplacesOneEntryInACopy() {
        assertBitwise(m(r(1, 2, 3), r(4, -1, 6)), A.with(1, 1, -1));
        assertBitwise(m(r(1, 2, 3), r(4, 5, -1)), A.withFlat(5, -1));
        assertBitwise(m(r(1, 2, 3), r(4, 5, 6)), A);
        assertThrowsWith(IndexOutOfBoundsException.class, () -> A.with(0, 3, 0), "with", "(0, 3)", "2x3");
        assertThrowsWith(IndexOutOfBoundsException.class, () -> A.withFlat(-1, 0), "withFlat", "-1", "2x3");
    }

    @Test
    void rowsAndColumns() {
        assertBitwise(m(r(1, 2, 3)), A.getRow(0));
        assertBitwise(m(r(4, 5, 6)), A.getRow(1));
        assertBitwise(m(r(1), r(4)), A.getColumn(0));
        assertBitwise(m(r(3), r(6)), A.getColumn(2));
        assertBitwise(Matrix.zeros(1, 0), Matrix.zeros(2, 0).getRow(1));
        assertBitwise(Matrix.zeros(0, 1), Matrix.zeros(0, 2).getColumn(1));
        assertThrowsWith(IndexOutOfBoundsException.class, () -> A.getRow(2), "getRow", "2", "2x3");
        assertThrowsWith(IndexOutOfBoundsException.class, () -> A.getRow(-1), "getRow", "-1", "2x3");
        assertThrowsWith(IndexOutOfBoundsException.class, () -> A.getColumn(3), "getColumn", "3", "2x3");
    }

    @Test
    void rowSliceIsHalfOpen() {
        Matrix b = m(r(1, 2), r(3, 4), r(5, 6));
        assertBitwise(m(r(3, 4), r(5, 6)), b.rowSlice(1, 3));
        assertBitwise(Matrix.zeros(0, 2), b.rowSlice(2, 2));
        assertBitwise(b, b.rowSlice(0, 3));
        assertThrowsWith(IndexOutOfBoundsException.class, () -> b.rowSlice(2, 1), "rowSlice", "[2, 1)", "3x2");
        assertThrowsWith(IndexOutOfBoundsException.class, () -> b.rowSlice(0, 4), "rowSlice", "[0, 4)", "3x2");
        assertThrowsWith(IndexOutOfBoundsException.class, () -> b.rowSlice(-1, 1), "rowSlice", "[-1, 1)");
    }

    @Test
    void selectRowsGathersInTheGivenOrderWithRepeats() {
        Matrix b = m(r(1, 2), r(3, 4), r(5, 6));
        assertBitwise(m(r(5, 6), r(1, 2), r(5, 6)), b.selectRows(new int[] {2, 0, 2}));
        assertBitwise(Matrix.zeros(0, 2), b.selectRows(new int[0]));
        assertThrowsWith(IndexOutOfBoundsException.class, () -> b.selectRows(new int[] {0, 3}), "selectRows",
                "index 3", "position 1", "3x2");
        assertThrowsWith(NullPointerException.class, () -> b.selectRows(null), "selectRows");
    }

    @Test
    void selectRowsRefusesAResultTooLargeForOneArrayBeforeAllocating() {
        // 2^11 picks of a row of 2^20 entries: 2^31 entries, more than a Java array holds (the same limit as zeros)
        Matrix wide = Matrix.zeros(1, 1 << 20);
        assertThrowsWith(IllegalArgumentException.class, () -> wide.selectRows(new int[1 << 11]), "selectRows",
                "2048x1048576", "more than");
    }

    @Test
    void reshapeKeepsRowMajorOrder() {
        assertBitwise(m(r(1, 2), r(3, 4), r(5, 6)), A.reshape(3, 2));
        assertBitwise(Matrix.rowVector(1, 2, 3, 4, 5, 6), A.reshape(1, 6));
        assertBitwise(Matrix.zeros(3, 0), Matrix.zeros(0, 3).reshape(3, 0));
        assertThrowsWith(IllegalArgumentException.class, () -> A.reshape(4, 2), "reshape", "2x3", "6 entries",
                "4x2");
        assertThrowsWith(IllegalArgumentException.class, () -> A.reshape(-2, -3), "reshape", ">= 0");
    }

    @Test
    void updatedRowMajorChangesACopyAndAdoptsIt() {
        Matrix a = Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        double[][] seen = new double[1][];
        Matrix b = a.updatedRowMajor(x -> {
            seen[0] = x.clone();
            x[0] = -1.0;
            x[5] = x[5] * 2;
        });
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, seen[0], 0.0);
        assertEquals(Matrix.of(new double[][] {{-1, 2, 3}, {4, 5, 12}}), b);
        assertEquals(Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}}), a, "the original does not change");
        assertEquals(Matrix.zeros(0, 4), Matrix.zeros(0, 4).updatedRowMajor(x -> assertEquals(0, x.length)));
        NullPointerException e = assertThrows(NullPointerException.class, () -> a.updatedRowMajor(null));
        assertEquals("updatedRowMajor: update must not be null", e.getMessage());
    }
}
