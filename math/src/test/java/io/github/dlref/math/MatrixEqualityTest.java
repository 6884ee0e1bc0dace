package io.github.dlref.math;

import static io.github.dlref.math.MatrixAssert.assertThrowsWith;
import static io.github.dlref.math.MatrixAssert.m;
import static io.github.dlref.math.MatrixAssert.r;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bitwise equality and hashing, tolerant equality, and the text rendering. */
class MatrixEqualityTest {

    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void equalsComparesShapeAndBits() {
        Matrix a = m(r(1, 2), r(3, 4));
        Matrix b = Matrix.fromRowMajor(2, 2, 1, 2, 3, 4);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, m(r(1, 2), r(3, 4.000000000000001)));
        assertNotEquals(Matrix.rowVector(1, 2), Matrix.columnVector(1, 2));
        assertNotEquals(Matrix.zeros(0, 3), Matrix.zeros(3, 0));
        assertEquals(Matrix.zeros(0, 3), Matrix.zeros(0, 3));
        assertEquals(Matrix.zeros(0, 0), Matrix.of(new double[0][]));
        assertFalse(a.equals(null));
        assertFalse(a.equals("Matrix 2x2"));
        assertTrue(a.equals(a));
    }

    @Test
    void equalsSeparatesSignedZerosAndJoinsNaNs() {
        assertNotEquals(Matrix.scalar(0.0), Matrix.scalar(-0.0));
        // every NaN bit pattern is the same NaN (Double.doubleToLongBits collapses them)
        Matrix quiet = Matrix.scalar(NAN);
        Matrix payload = Matrix.scalar(Double.longBitsToDouble(0x7ff8000000000001L));
        assertTrue(Double.isNaN(payload.scalarValue()));
        assertEquals(quiet, payload);
        assertEquals(quiet.hashCode(), payload.hashCode());
    }

    @Test
    void approxEqualsWithAnAbsoluteTolerance() {
        Matrix a = Matrix.rowVector(1.0, -2.0);
        assertTrue(a.approxEquals(Matrix.rowVector(1.25, -2.0), 0.25));
        assertFalse(a.approxEquals(Matrix.rowVector(1.25, -2.0), 0.125));
        assertTrue(a.approxEquals(a, 0.0));
        assertTrue(Matrix.scalar(0.0).approxEquals(Matrix.scalar(-0.0), 0.0));
        assertFalse(a.approxEquals(Matrix.columnVector(1.0, -2.0), 1.0));
        assertTrue(Matrix.zeros(0, 2).approxEquals(Matrix.zeros(0, 2), 0.0));
    }

    @Test
    void approxEqualsWithARelativeToleranceUsesTheArgumentAsReference() {
        // |101 - 100| = 1 <= 0.01 * 100
        assertTrue(Matrix.scalar(101).approxEquals(Matrix.scalar(100), 0, 0.01));
        assertFalse(Matrix.scalar(101.5).approxEquals(Matrix.scalar(100), 0, 0.01));
        // rtol * |reference|: 0.00995 * 101 = 1.005 >= 1 but 0.00995 * 100 = 0.995 < 1
        assertTrue(Matrix.scalar(100).approxEquals(Matrix.scalar(101), 0, 0.00995));
        assertFalse(Matrix.scalar(101).approxEquals(Matrix.scalar(100), 0, 0.00995));
        // atol and rtol add up: 1 <= 0.5 + 0.005 * 100
        assertTrue(Matrix.scalar(101).approxEquals(Matrix.scalar(100), 0.5, 0.005));
        assertFalse(Matrix.scalar(101).approxEquals(Matrix.scalar(100), 0.49, 0.005));
    }

    @Test
    void approxEqualsNeverMatchesNaNAndInfinitiesOnlyThemselves() {
        assertFalse(Matrix.scalar(NAN).approxEquals(Matrix.scalar(NAN), 1.0));
        assertFalse(Matrix.scalar(1).approxEquals(Matrix.scalar(NAN), INF));
        assertTrue(Matrix.scalar(INF).approxEquals(Matrix.scalar(INF), 0.0));
        assertFalse(Matrix.scalar(INF).approxEquals(Matrix.scalar(-INF), 1.0, 1.0));
        // a finite value is never close to an infinite reference, however large rtol is
        // (|1 - inf| = inf and rtol * |inf| = inf would otherwise pass)
        assertFalse(Matrix.scalar(1).approxEquals(Matrix.scalar(INF), 0, 1e-3));
        assertFalse(Matrix.scalar(INF).approxEquals(Matrix.scalar(1), 0, 1e-3));
        assertFalse(Matrix.scalar(1e308).approxEquals(Matrix.scalar(INF), INF, 0));
    }

    @Test
    void approxEqualsRejectsBadTolerances() {
        Matrix a = Matrix.scalar(1);
        assertThrowsWith(IllegalArgumentException.class, () -> a.approxEquals(a, -1e-9), "approxEquals", "atol=-1.0E-9");
        assertThrowsWith(IllegalArgumentException.class, () -> a.approxEquals(a, 0, NAN), "approxEquals", "rtol=NaN");
        assertThrowsWith(NullPointerException.class, () -> a.approxEquals(null, 1), "approxEquals");
    }

    @Test
    void unequalMatricesHashApart() {
        // a hash that ignored the shape, an entry, its position or half of its bits would collide in this family
        List<Matrix> family = new ArrayList<>();
        for (int n = 0; n <= 3; n++) {
            family.add(Matrix.zeros(n, 0));
            family.add(Matrix.zeros(0, n + 1));
            for (int c = 1; c <= 3; c++) {
                family.add(Matrix.zeros(n + 1, c));
            }
        }
        Matrix base = m(r(1, 2, 3), r(4, 5, 6));
        for (int k = 0; k < base.size(); k++) {
            for (double v : new double[] {-0.0, 0.5, 7, 8, 1e300, NAN, INF}) {
                family.add(base.withFlat(k, v));
            }
        }
        for (double first : new double[] {1, 2, 3, 0.25}) {
            family.add(Matrix.build(1, 40, (i, j) -> j == 0 ? first : j));
        }
        Set<Integer> hashes = new HashSet<>();
        for (Matrix a : family) {
            assertTrue(hashes.add(a.hashCode()), "hash " + a.hashCode() + " repeats at " + a.shape() + " " + a);
        }
    }

    @Test
    void toStringShowsShapeAndRows() {
        assertEquals("Matrix 2x2 [\n  [1.0, 2.0]\n  [3.0, 4.5]\n]", m(r(1, 2), r(3, 4.5)).toString());
        assertEquals("Matrix 1x1 [\n  [-0.0]\n]", Matrix.scalar(-0.0).toString());
        assertEquals("Matrix 0x3 []", Matrix.zeros(0, 3).toString());
        assertEquals("Matrix 0x0 []", Matrix.zeros(0, 0).toString());
        assertEquals("Matrix 2x0 [\n  []\n  []\n]", Matrix.zeros(2, 0).toString());
    }

    @Test
    void toStringEntriesReadBackExactly() {
        double[] values = {0.1, 1e-300, NAN, -INF, 1.0 / 3, 5e-324};
        String text = Matrix.rowVector(values).toString();
        assertEquals("Matrix 1x6 [\n  [0.1, 1.0E-300, NaN, -Infinity, 0.3333333333333333, 4.9E-324]\n]", text);
        String inner = text.substring(text.indexOf("  [") + 3, text.lastIndexOf(']', text.length() - 3));
        String[] parts = inner.split(", ");
        for (int i = 0; i < values.length; i++) {
            assertEquals(Double.doubleToLongBits(values[i]), Double.doubleToLongBits(Double.parseDouble(parts[i])));
        }
    }

    @Test
    void toStringAbbreviatesMoreThanTwentyOneRowsOrColumns() {
        Matrix tall = Matrix.build(22, 1, (i, j) -> i);
        String expectedTall = "Matrix 22x1 [\n"
                + "  [0.0]\n  [1.0]\n  [2.0]\n  [3.0]\n  [4.0]\n  [5.0]\n  [6.0]\n  [7.0]\n  [8.0]\n  [9.0]\n"
                + "  [10.0]\n  [11.0]\n  [12.0]\n  [13.0]\n  [14.0]\n  [15.0]\n  [16.0]\n  [17.0]\n  [18.0]\n  [19.0]\n"
                + "  ... (1 more rows)\n"
                + "  [21.0]\n]";
        assertEquals(expectedTall, tall.toString());
        Matrix wide = Matrix.build(1, 23, (i, j) -> j);
        String expectedWide = "Matrix 1x23 [\n  [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, "
                + "13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.0, ..., 22.0]\n]";
        assertEquals(expectedWide, wide.toString());
        // 21 rows are printed in full, and so are 21 columns
        assertEquals(21 + 2, Matrix.zeros(21, 1).toString().split("\n").length);
        assertEquals("Matrix 1x21 [\n  [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, "
                + "14.0, 15.0, 16.0, 17.0, 18.0, 19.0, 20.0]\n]", Matrix.build(1, 21, (i, j) -> j).toString());
    }
}
