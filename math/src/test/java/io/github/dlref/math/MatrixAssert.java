package io.github.dlref.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.function.Executable;

/** Assertions on matrices with messages that show both operands and the first differing entry. */
final class MatrixAssert {

    private MatrixAssert() {
    }

    /** Shorthand for {@link Matrix#of(double[][])}. */
    static Matrix m(double[]... rows) {
        return Matrix.of(rows);
    }

    /** Shorthand for a row of values. */
    static double[] r(double... values) {
        return values;
    }

    /**
     * Asserts same shape and the same IEEE bit pattern in every entry ({@link Matrix#equals(Object)},
     * which also distinguishes {@code -0.0} from {@code 0.0}).
     */
    static void assertBitwise(Matrix expected, Matrix actual) {
        if (!expected.equals(actual)) {
            fail("matrices differ bitwise" + firstDifference(expected, actual) + "\nexpected: " + expected
                    + "\nactual:   " + actual);
        }
    }

    /** Asserts same shape and {@code |expected - actual| <= atol} in every entry. */
    static void assertClose(Matrix expected, Matrix actual, double atol) {
        assertEquals(expected.shape(), actual.shape(), "shape");
        for (int i = 0; i < expected.rows(); i++) {
            for (int j = 0; j < expected.cols(); j++) {
                double e = expected.get(i, j);
                double a = actual.get(i, j);
                if (!(Math.abs(e - a) <= atol)) {
                    fail("entry (" + i + ", " + j + "): expected " + e + ", got " + a + ", |diff| = "
                            + Math.abs(e - a) + " > " + atol + "\nexpected: " + expected + "\nactual:   " + actual);
                }
            }
        }
    }

    /** Asserts that two doubles have the same bit pattern (so {@code -0.0 != 0.0}, NaN equals NaN). */
    static void assertSameBits(double expected, double actual) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                () -> "expected " + expected + ", got " + actual);
    }

    /**
     * Asserts that running {@code code} throws {@code type} and that the message contains every fragment.
     */
    static <T extends Throwable> T assertThrowsWith(Class<T> type, Executable code, String... fragments) {
        T e = assertThrows(type, code);
        String msg = e.getMessage();
        for (String fragment : fragments) {
            assertTrue(msg != null && msg.contains(fragment),
                    () -> "message " + (msg == null ? "null" : "'" + msg + "'") + " should contain '" + fragment + "'");
        }
        return e;
    }

    private static String firstDifference(Matrix expected, Matrix actual) {
        if (!expected.sameShape(actual)) {
            return " (shapes " + expected.shape() + " and " + actual.shape() + ")";
        }
        for (int k = 0; k < expected.size(); k++) {
            if (Double.doubleToLongBits(expected.getFlat(k)) != Double.doubleToLongBits(actual.getFlat(k))) {
                return " at flat index " + k + ": expected " + expected.getFlat(k) + ", got " + actual.getFlat(k);
            }
        }
        return "";
    }
}
