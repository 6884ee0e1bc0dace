package io.github.dlref.math;

import static io.github.dlref.math.MatrixAssert.assertSameBits;
import static io.github.dlref.math.MatrixAssert.assertThrowsWith;
import static io.github.dlref.math.MatrixAssert.m;
import static io.github.dlref.math.MatrixAssert.r;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Entrywise norms (Frobenius and p-norms), worked out by hand. */
class MatrixNormTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void frobeniusByHand() {
        // 1 + 4 + 4 + 16 = 25
        Matrix x = m(r(1, 2), r(-2, 4));
        assertEquals(25.0, x.frobeniusNormSquared());
        assertEquals(5.0, x.frobeniusNorm());
        assertEquals(5.0, Matrix.rowVector(3, -4).frobeniusNorm());
        assertEquals(7.0, Matrix.scalar(-7).frobeniusNorm());
        assertSameBits(0.0, Matrix.zeros(0, 3).frobeniusNorm());
        assertSameBits(0.0, Matrix.zeros(3, 0).frobeniusNormSquared());
    }

    @Test
    void oneTwoAndInfinityNormsByHand() {
        Matrix x = Matrix.rowVector(3, -4);
        assertEquals(7.0, x.normP(1));
        assertEquals(5.0, x.normP(2));
        assertEquals(4.0, x.normP(INF));
        Matrix y = m(r(1, -2), r(0, 2));
        assertEquals(5.0, y.normP(1));
        assertEquals(3.0, y.normP(2));
        assertEquals(2.0, y.normP(INF));
    }

    @Test
    void generalPByHand() {
        // ||(3, 4, 5)||_3 = (27 + 64 + 125)^(1/3) = 216^(1/3) = 6
        assertRelativelyClose(6.0, Matrix.rowVector(3, -4, 5).normP(3));
        // sixteen ones: 16^(1/4) = 2
        assertRelativelyClose(2.0, Matrix.ones(4, 4).normP(4));
        // a single entry: (|x|^p)^(1/p) = |x| for every p; 4^1.5 = 8 and 8^(2/3) = 4
        assertRelativelyClose(4.0, Matrix.scalar(-4).normP(1.5));
        // p = 2.5 on (1, 1, 1, 1): 4^(1/2.5) = 4^0.4 = 2^0.8 = 1.7411011265922482...
        assertRelativelyClose(1.7411011265922482, Matrix.ones(1, 4).normP(2.5));
    }

    @Test
    void normsOfEmptyAreZero() {
        Matrix e = Matrix.zeros(0, 5);
        for (double p : new double[] {1, 1.5, 2, 3, INF}) {
            assertSameBits(0.0, e.normP(p));
        }
        assertSameBits(0.0, Matrix.rowVector(-0.0, 0.0).normP(INF));
        assertSameBits(0.0, Matrix.rowVector(-0.0).normP(1));
    }

    @Test
    void nanPropagatesThroughEveryNorm() {
        Matrix x = Matrix.rowVector(1, Double.NaN, 100);
        for (double p : new double[] {1, 2, 3, INF}) {
            assertSameBits(Double.NaN, x.normP(p));
        }
        assertSameBits(Double.NaN, x.frobeniusNorm());
    }

    @Test
    void infinityNormOfAnInfiniteEntry() {
        assertEquals(INF, Matrix.rowVector(1, Double.NEGATIVE_INFINITY).normP(INF));
        assertEquals(INF, Matrix.rowVector(1, Double.NEGATIVE_INFINITY).normP(1));
    }

    @Test
    void orderBelowOneIsRejected() {
        Matrix x = Matrix.rowVector(1, 2);
        assertThrowsWith(IllegalArgumentException.class, () -> x.normP(0.5), "normP", "[1, inf]", "0.5");
        assertThrowsWith(IllegalArgumentException.class, () -> x.normP(Double.NaN), "normP", "NaN");
        assertThrowsWith(IllegalArgumentException.class, () -> x.normP(-INF), "normP", "-Infinity");
    }

    private static void assertRelativelyClose(double expected, double actual) {
        double tol = Tolerances.NORM_P_REL * Math.abs(expected);
        assertEquals(expected, actual, tol, () -> "relative error " + Math.abs(actual - expected) / expected);
    }
}
