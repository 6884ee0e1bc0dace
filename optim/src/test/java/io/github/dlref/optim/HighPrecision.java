package io.github.dlref.optim;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Arithmetic with 40 significant decimal digits, for evaluating documented update formulas independently
 * of the double-precision code under test. Inputs enter exactly ({@code new BigDecimal(double)}), so the
 * reference computes the very same mathematical quantity as the double code, only without its rounding.
 */
final class HighPrecision {

    static final MathContext MC = new MathContext(40, RoundingMode.HALF_EVEN);
    static final BigDecimal ZERO = BigDecimal.ZERO;
    static final BigDecimal ONE = BigDecimal.ONE;

    private HighPrecision() {
    }

    static BigDecimal d(double x) {
        return new BigDecimal(x);
    }

    static BigDecimal add(BigDecimal a, BigDecimal b) {
        return a.add(b, MC);
    }

    static BigDecimal sub(BigDecimal a, BigDecimal b) {
        return a.subtract(b, MC);
    }

    static BigDecimal mul(BigDecimal a, BigDecimal b) {
        return a.multiply(b, MC);
    }

    static BigDecimal div(BigDecimal a, BigDecimal b) {
        return a.divide(b, MC);
    }

    static BigDecimal sqrt(BigDecimal a) {
        return a.sqrt(MC);
    }

    static BigDecimal pow(BigDecimal a, int n) {
        return a.pow(n, MC);
    }

    static BigDecimal max(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
