package io.github.dlref.math;

import static io.github.dlref.math.MatrixAssert.assertBitwise;
import static io.github.dlref.math.MatrixAssert.assertSameBits;
import static io.github.dlref.math.MatrixAssert.assertThrowsWith;
import static io.github.dlref.math.MatrixAssert.m;
import static io.github.dlref.math.MatrixAssert.r;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The products A B, A^T B, A B^T, the transpose and the Frobenius inner product, against values worked out
 * by hand (small integers, so every result is exact and compared bit for bit).
 */
class MatrixProductTest {

    // [[1, 2, 3], [4, 5, 6]] times [[7, 8], [9, 10], [11, 12]]:
    // row 0: 1*7 + 2*9 + 3*11 = 58, 1*8 + 2*10 + 3*12 = 64; row 1: 4*7 + 5*9 + 6*11 = 139, 4*8 + 5*10 + 6*12 = 154.
    private static final Matrix A = m(r(1, 2, 3), r(4, 5, 6));
    private static final Matrix B = m(r(7, 8), r(9, 10), r(11, 12));
    private static final Matrix AB = m(r(58, 64), r(139, 154));

    @Test
    void matmulByHand() {
        assertBitwise(AB, A.matmul(B));
        // [[1, 2], [3, 4]] [[5, 6], [7, 8]] = [[5 + 14, 6 + 16], [15 + 28, 18 + 32]]
        assertBitwise(m(r(19, 22), r(43, 50)), m(r(1, 2), r(3, 4)).matmul(m(r(5, 6), r(7, 8))));
        assertBitwise(Matrix.scalar(12), Matrix.scalar(3).matmul(Matrix.scalar(4)));
    }

    @Test
    void matmulWithAColumnVectorRightOperand() {
        // EJML has a separate matrix-vector kernel; 1 + 2 + 3 = 6, 4 + 5 + 6 = 15
        assertBitwise(Matrix.columnVector(6, 15), A.matmul(Matrix.columnVector(1, 1, 1)));
        // row times column: 1*4 + 2*5 + 3*6 = 32
        assertBitwise(Matrix.scalar(32), Matrix.rowVector(1, 2, 3).matmul(Matrix.columnVector(4, 5, 6)));
    }

    @Test
    void matmulWithManyColumnsUsesTheSameValues() {
        // 16 columns make EJML switch to its row-reordered kernel (at 15 columns and more).
        // b_kj = k + j, so c_ij = sum_k a_ik k + j sum_k a_ik:
        // row 0: (0*1 + 1*2 + 2*3) + j (1 + 2 + 3) = 8 + 6j; row 1: (0*4 + 1*5 + 2*6) + j (4 + 5 + 6) = 17 + 15j.
        Matrix b = Matrix.build(3, 16, (k, j) -> k + j);
        Matrix expected = Matrix.build(2, 16, (i, j) -> i == 0 ? 8 + 6 * j : 17 + 15 * j);
        assertBitwise(expected, A.matmul(b));
        assertBitwise(expected, A.transpose().transposeTimes(b));
        assertBitwise(expected, A.timesTranspose(b.transpose()));
    }

    @Test
    void emptyInnerDimensionGivesZeros() {
        // (m x 0)(0 x n) is the m x n zero matrix: every entry is an empty sum, +0.0.
        assertBitwise(Matrix.zeros(3, 4), Matrix.zeros(3, 0).matmul(Matrix.zeros(0, 4)));
        assertBitwise(Matrix.zeros(3, 4), Matrix.zeros(0, 3).transposeTimes(Matrix.zeros(0, 4)));
        assertBitwise(Matrix.zeros(3, 4), Matrix.zeros(3, 0).timesTranspose(Matrix.zeros(4, 0)));
        assertBitwise(Matrix.zeros(1, 1), Matrix.rowVector().matmul(Matrix.columnVector()));
    }

    @Test
    void emptyOuterDimensionsGiveEmptyResults() {
        assertEquals("0x2", Matrix.zeros(0, 3).matmul(B).shape());
        assertEquals("2x0", A.matmul(Matrix.zeros(3, 0)).shape());
        assertEquals("0x0", Matrix.zeros(0, 3).matmul(Matrix.zeros(3, 0)).shape());
        assertEquals("0x2", Matrix.zeros(3, 0).transposeTimes(B).shape());
        assertEquals("2x0", A.timesTranspose(Matrix.zeros(0, 3)).shape());
    }

    @Test
    void productsNeverReturnNegativeZero() {
        // -0.0 * 1.0 = -0.0; a sum started from +0.0 gives +0.0. EJML's kernels differ here (some start
        // from the first product), so Matrix normalises; checked for the small and the 16-column kernels.
        Matrix negZero = Matrix.scalar(-0.0);
        assertSameBits(0.0, negZero.matmul(Matrix.scalar(1)).scalarValue());
        assertSameBits(0.0, negZero.transposeTimes(Matrix.scalar(1)).scalarValue());
        assertSameBits(0.0, negZero.timesTranspose(Matrix.scalar(1)).scalarValue());
        assertBitwise(Matrix.zeros(1, 16), negZero.matmul(Matrix.ones(1, 16)));
        assertBitwise(Matrix.zeros(1, 16), negZero.transposeTimes(Matrix.ones(1, 16)));
        assertBitwise(Matrix.zeros(16, 1), Matrix.filled(16, 1, -0.0).matmul(Matrix.scalar(1)));
        assertBitwise(Matrix.zeros(1, 16), negZero.timesTranspose(Matrix.ones(16, 1)));
    }

    @Test
    void productsPropagateNaNAndInfinity() {
        Matrix c = Matrix.rowVector(Double.POSITIVE_INFINITY, 1).matmul(Matrix.columnVector(0, 1));
        assertSameBits(Double.NaN, c.scalarValue()); // inf * 0 = NaN
        Matrix d = Matrix.rowVector(Double.POSITIVE_INFINITY, 1).matmul(Matrix.columnVector(2, 1));
        assertSameBits(Double.POSITIVE_INFINITY, d.scalarValue());
    }

    @Test
    void matmulShapeErrorNamesOpAndBothShapes() {
        assertThrowsWith(IllegalArgumentException.class, () -> Matrix.zeros(3, 4).matmul(Matrix.zeros(5, 2)),
                "matmul: shapes 3x4 and 5x2 do not align (4 != 5)");
        assertThrowsWith(IllegalArgumentException.class, () -> Matrix.zeros(0, 1).matmul(Matrix.zeros(0, 1)),
                "matmul", "0x1", "0x1");
    }

    @Test
    void transposeTimesByHand() {
        // A^T is 3x2; A^T B with A = [[1, 4], [2, 5], [3, 6]] equals [[1, 2, 3], [4, 5, 6]] B.
        assertBitwise(AB, m(r(1, 4), r(2, 5), r(3, 6)).transposeTimes(B));
        assertBitwise(Matrix.scalar(32), Matrix.columnVector(1, 2, 3).transposeTimes(Matrix.columnVector(4, 5, 6)));
        // vector right operand: [[1, 2], [3, 4]]^T (1, 1) = (1 + 3, 2 + 4)
        assertBitwise(Matrix.columnVector(4, 6), m(r(1, 2), r(3, 4)).transposeTimes(Matrix.columnVector(1, 1)));
        assertThrowsWith(IllegalArgumentException.class, () -> Matrix.zeros(3, 2).transposeTimes(Matrix.zeros(2, 2)),
                "transposeTimes", "3x2", "2x2", "3 != 2");
    }

    @Test
    void timesTransposeByHand() {
        // B^T = [[7, 9, 11], [8, 10, 12]] as the stored operand.
        assertBitwise(AB, A.timesTranspose(m(r(7, 9, 11), r(8, 10, 12))));
        assertBitwise(Matrix.columnVector(6, 15), A.timesTranspose(Matrix.rowVector(1, 1, 1)));
        assertThrowsWith(IllegalArgumentException.class, () -> A.timesTranspose(Matrix.zeros(2, 2)),
                "timesTranspose", "2x3", "2x2", "3 != 2");
    }

    @Test
    void transpose() {
        assertBitwise(m(r(1, 4), r(2, 5), r(3, 6)), A.transpose());
        assertBitwise(A, A.transpose().transpose());
        assertBitwise(Matrix.zeros(3, 0), Matrix.zeros(0, 3).transpose());
        assertBitwise(Matrix.scalar(-0.0), Matrix.scalar(-0.0).transpose());
        assertBitwise(Matrix.columnVector(1, 2), Matrix.rowVector(1, 2).transpose());
    }

    @Test
    void dotIsTheFrobeniusInnerProduct() {
        // 1*5 + 2*6 + 3*7 + 4*8 = 70
        assertEquals(70.0, m(r(1, 2), r(3, 4)).dot(m(r(5, 6), r(7, 8))));
        assertSameBits(0.0, Matrix.zeros(0, 3).dot(Matrix.zeros(0, 3)));
        assertSameBits(0.0, Matrix.scalar(-0.0).dot(Matrix.scalar(1)));
        assertThrowsWith(IllegalArgumentException.class, () -> Matrix.rowVector(1, 2).dot(Matrix.columnVector(1, 2)),
                "dot: shapes 1x2 and 2x1 differ");
    }

    @Test
    void productsDoNotModifyTheirOperands() {
        Matrix a = m(r(1, 2), r(3, 4));
        Matrix b = m(r(5, 6), r(7, 8));
        a.matmul(b);
        a.transposeTimes(b);
        a.timesTranspose(b);
        a.transpose();
        assertBitwise(m(r(1, 2), r(3, 4)), a);
        assertBitwise(m(r(5, 6), r(7, 8)), b);
    }
}
