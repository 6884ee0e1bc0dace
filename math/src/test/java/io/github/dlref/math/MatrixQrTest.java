package io.github.dlref.math;

import static io.github.dlref.math.MatrixAssert.assertBitwise;
import static io.github.dlref.math.MatrixAssert.assertClose;
import static io.github.dlref.math.MatrixAssert.assertThrowsWith;
import static io.github.dlref.math.MatrixAssert.m;
import static io.github.dlref.math.MatrixAssert.r;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The thin QR factorisation: factors worked out by Gram-Schmidt by hand, and the defining properties
 * (orthonormal Q, upper triangular R with a non-negative diagonal, Q R = A) on tall, square and wide
 * matrices, including rank-deficient and empty ones. Tolerance: {@link Tolerances#QR_ABS}.
 */
class MatrixQrTest {

    private static final double TOL = Tolerances.QR_ABS;

    // Gram-Schmidt on the columns (3, 4) and (1, 2): q1 = (3, 4) / 5, r11 = 5; r12 = q1 . (1, 2) = 11/5;
    // (1, 2) - (11/5) q1 = (-8/25, 6/25), of norm 10/25 = 2/5, so q2 = (-4/5, 3/5) and r22 = 2/5.
    private static final Matrix Q2 = m(r(0.6, -0.8), r(0.8, 0.6));

    @Test
    void squareByHand() {
        Matrix.QR qr = m(r(3, 1), r(4, 2)).qr();
        assertClose(Q2, qr.q(), TOL);
        assertClose(m(r(5, 2.2), r(0, 0.4)), qr.r(), TOL);
    }

    @Test
    void wideByHand() {
        // the extra column (0, 5) gives the third column of R: q1 . (0, 5) = 4, q2 . (0, 5) = 3
        Matrix.QR qr = m(r(3, 1, 0), r(4, 2, 5)).qr();
        assertEquals("2x2", qr.q().shape());
        assertEquals("2x3", qr.r().shape());
        assertClose(Q2, qr.q(), TOL);
        assertClose(m(r(5, 2.2, 4), r(0, 0.4, 3)), qr.r(), TOL);
    }

    @Test
    void tallByHand() {
        // columns (1, 1, 1) and (0, 1, 1): q1 = (1, 1, 1)/sqrt(3), r11 = sqrt(3), r12 = 2/sqrt(3);
        // (0, 1, 1) - (2/3)(1, 1, 1) = (-2, 1, 1)/3, of norm sqrt(6)/3, so q2 = (-2, 1, 1)/sqrt(6).
        Matrix.QR qr = m(r(1, 0), r(1, 1), r(1, 1)).qr();
        double s3 = Math.sqrt(3);
        double s6 = Math.sqrt(6);
        assertEquals("3x2", qr.q().shape());
        assertEquals("2x2", qr.r().shape());
        assertClose(m(r(1 / s3, -2 / s6), r(1 / s3, 1 / s6), r(1 / s3, 1 / s6)), qr.q(), TOL);
        assertClose(m(r(s3, 2 / s3), r(0, s6 / 3)), qr.r(), TOL);
    }

    @Test
    void negativeDiagonalIsFlippedToPositive() {
        // [[-2, 1], [0, -3]]: q1 = (-1, 0), r11 = 2, r12 = q1 . (1, -3) = -1; (1, -3) + (-1, 0) = (0, -3),
        // so q2 = (0, -1) and r22 = 3.
        Matrix.QR qr = m(r(-2, 1), r(0, -3)).qr();
        assertClose(m(r(-1, 0), r(0, -1)), qr.q(), TOL);
        assertClose(m(r(2, -1), r(0, 3)), qr.r(), TOL);
        Matrix.QR one = Matrix.scalar(-5).qr();
        assertClose(Matrix.scalar(-1), one.q(), TOL);
        assertClose(Matrix.scalar(5), one.r(), TOL);
    }

    @Test
    void emptyShapes() {
        Matrix.QR wide = Matrix.zeros(0, 3).qr();
        assertEquals("0x0", wide.q().shape());
        assertEquals("0x3", wide.r().shape());
        Matrix.QR tall = Matrix.zeros(3, 0).qr();
        assertEquals("3x0", tall.q().shape());
        assertEquals("0x0", tall.r().shape());
        assertEquals("0x0", Matrix.zeros(0, 0).qr().q().shape());
    }

    @Test
    void rankDeficientMatricesAreFactorisedToo() {
        // the zero matrix, a zero second column below the diagonal, a rank-one square and tall matrix,
        // a 1x1 zero: EJML reports these as failures, yet the factors it leaves are exact.
        Matrix[] cases = {
            Matrix.zeros(2, 3), Matrix.zeros(3, 2), m(r(1, 2), r(0, 0)), m(r(1, 2), r(2, 4)),
            m(r(1, 2), r(2, 4), r(3, 6)), Matrix.scalar(0), m(r(1, 0, 0), r(0, 0, 1))
        };
        for (Matrix a : cases) {
            assertQrProperties(a);
        }
        assertClose(Matrix.zeros(2, 3), Matrix.zeros(2, 3).qr().r(), 0.0);
        // r_ii = 0 is not flipped: the zero matrix's reflectors are all the identity (gamma = 0), so Q is I and R
        // keeps +0.0 (flipping would give -I and -0.0)
        Matrix.QR zero = Matrix.zeros(2, 2).qr();
        assertBitwise(Matrix.identity(2), zero.q());
        assertBitwise(Matrix.zeros(2, 2), zero.r());
        // rank one: r22 = 0 up to rounding
        assertEquals(0.0, m(r(1, 2), r(2, 4)).qr().r().get(1, 1), TOL);
    }

    @Test
    void nonFiniteEntriesAreRejected() {
        assertThrowsWith(IllegalArgumentException.class, () -> m(r(1, 2), r(Double.NaN, 4)).qr(), "qr",
                "entry 1,0", "2x2", "NaN", "finite");
        assertThrowsWith(IllegalArgumentException.class,
                () -> m(r(1, Double.POSITIVE_INFINITY)).qr(), "qr", "entry 0,1", "Infinity");
    }

    @Test
    void randomTallSquareAndWideMatricesSatisfyTheDefiningProperties() {
        Gen<Matrix> matrices = integers().between(1, 6).zip(integers().between(1, 6), (rows, cols) -> new int[] {rows, cols})
                .flatMap(shape -> MatrixGenerators.matrices(shape[0], shape[1]));
        qt().withFixedSeed(42L).withExamples(60).forAll(matrices).checkAssert(MatrixQrTest::assertQrProperties);
    }

    /** Q is m x k with Q^T Q = I, R is k x n upper triangular (exact zeros) with r_ii >= 0, Q R = A. */
    static void assertQrProperties(Matrix a) {
        Matrix.QR qr = a.qr();
        int k = Math.min(a.rows(), a.cols());
        Matrix q = qr.q();
        Matrix rr = qr.r();
        assertEquals(a.rows() + "x" + k, q.shape(), "shape of Q");
        assertEquals(k + "x" + a.cols(), rr.shape(), "shape of R");
        assertClose(Matrix.identity(k), q.transposeTimes(q), TOL);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < i; j++) {
                assertEquals(0.0, rr.get(i, j), "R below the diagonal at (" + i + ", " + j + ") of " + rr);
            }
            double diag = rr.get(i, i);
            assertTrue(diag >= 0, "R diagonal at " + i + " is " + diag + " for " + a);
        }
        assertClose(a, q.matmul(rr), TOL);
    }
}
