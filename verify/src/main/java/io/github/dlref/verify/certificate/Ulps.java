package io.github.dlref.verify.certificate;

import java.math.BigDecimal;

/**
 * Units in the last place, as the certificates count them: the distance between two doubles is the number of
 * doubles from one to the other, from their bit patterns ordered as integers ({@code +0} and {@code -0} are the
 * same point; {@code NaN} is at distance 0 from {@code NaN} and undefined from anything else); the exact value is
 * rounded to the nearest double by {@link Double#parseDouble(String)}, which rounds correctly (ties to even) per
 * the Java Language Specification.
 */
public final class Ulps {

    /** The unit roundoff {@code u = 2^-53} of binary64, exactly. */
    public static final BigDecimal UNIT_ROUNDOFF = BigDecimal.ONE.divide(BigDecimal.valueOf(2).pow(53));

    private Ulps() {
    }

    /**
     * The distance in doubles between two doubles.
     *
     * @param a a double
     * @param b another
     * @return the number of doubles between them (0 when equal, {@code +0} and {@code -0} equal, both NaN equal),
     *     {@link Long#MAX_VALUE} if it does not fit a long, or -1 when exactly one of them is NaN
     */
    public static long distance(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b) ? 0 : -1;
        }
        long d = ordered(a) - ordered(b);
        if (((ordered(a) ^ ordered(b)) & (ordered(a) ^ d)) < 0) {
            return Long.MAX_VALUE;
        }
        return Math.abs(d);
    }

    /**
     * The distance in doubles between dlref's double and the double nearest to an exact decimal.
     *
     * @param dlref dlref's double
     * @param exact the exact value as a decimal (or {@code NaN}, {@code Infinity}, {@code -Infinity})
     * @return as {@link #distance(double, double)}
     * @throws NumberFormatException if {@code exact} is not a decimal
     */
    public static long of(double dlref, String exact) {
        return distance(dlref, Double.parseDouble(exact));
    }

    /** The bit pattern of a double ordered as a signed integer: -0 and +0 both map to 0. */
    private static long ordered(double d) {
        long bits = Double.doubleToRawLongBits(d);
        return bits >= 0 ? bits : -(bits & Long.MAX_VALUE);
    }
}
