package io.github.dlref.math;

import static io.github.dlref.math.MatrixAssert.assertBitwise;
import static io.github.dlref.math.MatrixAssert.assertSameBits;
import static io.github.dlref.math.MatrixAssert.assertThrowsWith;
import static io.github.dlref.math.MatrixAssert.m;
import static io.github.dlref.math.MatrixAssert.r;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Elementwise binary and unary operations, scalar operations, maps and row broadcasting. */
class MatrixElementwiseTest {

    private static final Matrix A = m(r(1, 2), r(3, 4));
    private static final Matrix B = m(r(5, 6), r(7, 8));
    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void binaryArithmeticByHand() {
        assertBitwise(m(r(6, 8), r(10, 12)), A.plus(B));
        assertBitwise(m(r(-4, -4), r(-4, -4)), A.minus(B));
        assertBitwise(m(r(5, 12), r(21, 32)), A.times(B));
        // IEEE division is correctly rounded, so 2/6 is the double nearest 1/3, the same as 1.0 / 3.0.
        assertBitwise(m(r(0.2, 1.0 / 3.0), r(3.0 / 7.0, 0.5)), A.div(B));
    }

    @Test
    void divisionFollowsIeee() {
        Matrix q = Matrix.rowVector(1, -1, 0, 1).div(Matrix.rowVector(0, 0, 0, -0.0));
        assertBitwise(Matrix.rowVector(INF, -INF, NAN, -INF), q);
    }

    @Test
    void binaryOpsOnEmptyAndOneByOne() {
        Matrix e = Matrix.zeros(0, 3);
        assertBitwise(e, e.plus(e));
        assertBitwise(e, e.minus(e));
        assertBitwise(e, e.times(e));
        assertBitwise(e, e.div(e));
        assertBitwise(e, e.max(e));
        assertBitwise(e, e.min(e));
        assertBitwise(Matrix.zeros(3, 0), Matrix.zeros(3, 0).zip(Matrix.zeros(3, 0), Double::sum));
        assertBitwise(Matrix.scalar(-2), Matrix.scalar(3).minus(Matrix.scalar(5)));
    }

    @Test
    void everyBinaryOpNamesItselfAndBothShapesOnMismatch() {
        Matrix c = Matrix.zeros(2, 3);
        List<String> names = List.of("plus", "minus", "times", "div", "max", "min", "zip");
        List<BiFunction<Matrix, Matrix, Matrix>> ops = List.of(Matrix::plus, Matrix::minus, Matrix::times,
                Matrix::div, Matrix::max, Matrix::min, (x, y) -> x.zip(y, Double::sum));
        for (int i = 0; i < ops.size(); i++) {
            BiFunction<Matrix, Matrix, Matrix> op = ops.get(i);
            assertThrowsWith(IllegalArgumentException.class, () -> op.apply(A, c),
                    names.get(i) + ": shapes 2x2 and 2x3 differ");
        }
        assertThrowsWith(NullPointerException.class, () -> A.plus((Matrix) null), "plus");
    }

    @Test
    void scalarOps() {
        assertBitwise(m(r(1.5, 2.5), r(3.5, 4.5)), A.plus(0.5));
        assertBitwise(m(r(-2, -4), r(-6, -8)), A.times(-2));
        assertBitwise(m(r(-1, -2), r(-3, -4)), A.neg());
        assertBitwise(Matrix.rowVector(-0.0, 0.0), Matrix.rowVector(0.0, -0.0).neg());
        assertBitwise(Matrix.zeros(0, 2), Matrix.zeros(0, 2).times(3));
    }

    @Test
    void expUsesStrictMath() {
        Matrix e = Matrix.rowVector(0, 1, -INF, INF, NAN).exp();
        assertSameBits(1.0, e.get(0, 0));
        // StrictMath.exp(1) is within one ulp of e (fdlibm); it is not the correctly rounded Math.E.
        assertTrue(Math.abs(e.get(0, 1) - Math.E) <= Tolerances.TRANSCENDENTAL_ULPS * Math.ulp(Math.E));
        assertSameBits(0.0, e.get(0, 2));
        assertSameBits(INF, e.get(0, 3));
        assertSameBits(NAN, e.get(0, 4));
        // the documented algorithm, so the bits are the same on every machine
        assertBitwise(Matrix.rowVector(StrictMath.exp(-3.7), StrictMath.exp(0.1)), Matrix.rowVector(-3.7, 0.1).exp());
    }

    @Test
    void logUsesStrictMath() {
        Matrix l = Matrix.rowVector(1, 0, -0.0, -1, INF, NAN).log();
        assertBitwise(Matrix.rowVector(0, -INF, -INF, NAN, INF, NAN), l);
        double logE = Matrix.scalar(Math.E).log().scalarValue();
        assertTrue(Math.abs(logE - 1.0) <= Tolerances.TRANSCENDENTAL_ULPS * Math.ulp(1.0));
        assertBitwise(Matrix.rowVector(StrictMath.log(0.3), StrictMath.log(7)), Matrix.rowVector(0.3, 7).log());
    }

    @Test
    void sqrtIsCorrectlyRounded() {
        assertBitwise(Matrix.rowVector(2, 1.5, 0, -0.0, NAN, INF), Matrix.rowVector(4, 2.25, 0, -0.0, -1, INF).sqrt());
    }

    @Test
    void powByHand() {
        assertBitwise(Matrix.rowVector(8, -512, 729), Matrix.rowVector(2, -8, 9).pow(3));
        assertBitwise(Matrix.rowVector(3, 1.5), Matrix.rowVector(9, 2.25).pow(0.5));
        // x^0 = 1 even for 0 and NaN; a negative base with a non-integer exponent is NaN
        assertBitwise(Matrix.rowVector(1, 1, 1), Matrix.rowVector(0, NAN, -3).pow(0));
        assertSameBits(NAN, Matrix.scalar(-8).pow(1.0 / 3.0).scalarValue());
        assertBitwise(Matrix.rowVector(0.25, INF), Matrix.rowVector(2, 0).pow(-2));
    }

    @Test
    void absAndSign() {
        assertBitwise(Matrix.rowVector(1.5, 0, 0, 2, INF), Matrix.rowVector(-1.5, 0, -0.0, 2, -INF).abs());
        // Math.signum keeps the sign of zero and NaN
        assertBitwise(Matrix.rowVector(-1, 0, -0.0, 1, 1, NAN), Matrix.rowVector(-3, 0, -0.0, 2.5, INF, NAN).sign());
    }

    @Test
    void maxAndMinWithAScalar() {
        Matrix x = Matrix.rowVector(-1, 0.5, 3, NAN, -0.0);
        // Math.max: NaN propagates and max(-0.0, 0.0) = +0.0
        assertBitwise(Matrix.rowVector(0, 0.5, 3, NAN, 0.0), x.max(0));
        assertBitwise(Matrix.rowVector(-1, 0.5, 1, NAN, -0.0), x.min(1));
        assertBitwise(Matrix.rowVector(-1, 0, 0, NAN, -0.0), x.min(0));
    }

    @Test
    void elementwiseMaxAndMin() {
        Matrix x = Matrix.rowVector(1, 5, -2, NAN);
        Matrix y = Matrix.rowVector(4, 2, -2, 0);
        assertBitwise(Matrix.rowVector(4, 5, -2, NAN), x.max(y));
        assertBitwise(Matrix.rowVector(1, 2, -2, NAN), x.min(y));
    }

    @Test
    void clamp() {
        assertBitwise(Matrix.rowVector(-1, -0.5, 1, 1), Matrix.rowVector(-2, -0.5, 3, 1).clamp(-1, 1));
        assertBitwise(Matrix.rowVector(2, 2), Matrix.rowVector(-5, 5).clamp(2, 2));
        assertThrowsWith(IllegalArgumentException.class, () -> A.clamp(1, 0), "clamp", "lo=1.0", "hi=0.0");
        assertThrowsWith(IllegalArgumentException.class, () -> A.clamp(NAN, 0), "clamp", "NaN");
    }

    @Test
    void mapAndZipVisitEntriesInRowMajorOrder() {
        List<Double> seen = new ArrayList<>();
        Matrix mapped = A.map(x -> {
            seen.add(x);
            return 10 * x;
        });
        assertBitwise(m(r(10, 20), r(30, 40)), mapped);
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0), seen);
        assertBitwise(m(r(15, 26), r(37, 48)), A.zip(B, (x, y) -> 10 * x + y));
    }

    @Test
    void plusRowBroadcastsOverRows() {
        Matrix x = m(r(1, 2), r(3, 4), r(5, 6));
        assertBitwise(m(r(11, 22), r(13, 24), r(15, 26)), x.plusRow(Matrix.rowVector(10, 20)));
        assertBitwise(Matrix.zeros(0, 2), Matrix.zeros(0, 2).plusRow(Matrix.rowVector(1, 2)));
        assertBitwise(Matrix.zeros(3, 0), Matrix.zeros(3, 0).plusRow(Matrix.zeros(1, 0)));
        assertBitwise(Matrix.scalar(3), Matrix.scalar(1).plusRow(Matrix.scalar(2)));
        assertThrowsWith(IllegalArgumentException.class, () -> x.plusRow(Matrix.rowVector(1, 2, 3)), "plusRow",
                "1x2", "3x2", "got 1x3");
        assertThrowsWith(IllegalArgumentException.class, () -> x.plusRow(Matrix.columnVector(1, 2)), "plusRow",
                "got 2x1");
    }

    @Test
    void repeatRows() {
        assertBitwise(m(r(1, 2), r(1, 2), r(1, 2)), Matrix.rowVector(1, 2).repeatRows(3));
        assertBitwise(Matrix.zeros(0, 2), Matrix.rowVector(1, 2).repeatRows(0));
        assertBitwise(Matrix.zeros(2, 0), Matrix.rowVector().repeatRows(2));
        assertThrowsWith(IllegalArgumentException.class, () -> A.repeatRows(2), "repeatRows", "1xn", "2x2");
        assertThrowsWith(IllegalArgumentException.class, () -> Matrix.rowVector(1).repeatRows(-1), "repeatRows",
                ">= 0");
    }

    @Test
    void operationsDoNotModifyTheReceiver() {
        Matrix x = m(r(1, -2), r(3, 4));
        x.plus(x);
        x.times(2);
        x.neg();
        x.abs();
        x.exp();
        x.clamp(0, 1);
        x.plusRow(Matrix.rowVector(1, 1));
        assertBitwise(m(r(1, -2), r(3, 4)), x);
    }
}
