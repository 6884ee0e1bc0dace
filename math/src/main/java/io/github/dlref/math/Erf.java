package io.github.dlref.math;

/**
 * The error function {@code erf(x) = (2 / sqrt(pi)) int_0^x exp(-t^2) dt} and its complement
 * {@code erfc(x) = 1 - erf(x)}, in double precision: {@code erf} within one ulp and {@code erfc} within two
 * ulps of the correctly rounded value (checked against mpmath at 60 significant digits at about 3000 points,
 * {@code math/src/test/resources/golden/erf_mpmath.py}). Java has no {@code erf};
 * exact GELU ({@code x Phi(x)}, {@code Phi(x) = erfc(-x / sqrt 2) / 2}) needs one.
 *
 * <p>Method: the rational approximations of Sun's fdlibm {@code s_erf.c} (1993; the same algorithm as
 * glibc's and FreeBSD's {@code erf} before 2023), whose coefficients are written below as their IEEE bit
 * patterns. With {@code a = |x|}:
 * <ul>
 *   <li>{@code a < 0.84375}: {@code erf(x) = x + x R(x^2)}, {@code R = P/Q} of degrees 8 and 10 (odd in
 *       {@code x}); {@code erfc} is {@code 1 - erf} for {@code x < 1/4}, otherwise {@code 1/2 - (x - 1/2 + x R)}
 *       so that no digits cancel;</li>
 *   <li>{@code 0.84375 <= a < 1.25}: with {@code s = a - 1}, {@code erf(a) = c + P1(s)/Q1(s)} where
 *       {@code c = 0.84506291151} rounded to 24 bits, and {@code erfc(a) = (1 - c) - P1/Q1};</li>
 *   <li>{@code 1.25 <= a < 28}: {@code erfc(a) = exp(-a^2 - 0.5625 + R(1/a^2)/S(1/a^2)) / a}, one rational
 *       function below {@code 1/0.35} and another above; {@code -a^2} is evaluated as
 *       {@code -z^2 + (z - a)(z + a)} with {@code z} the upper 32 bits of {@code a}, so that {@code z^2} is
 *       exact and the exponential loses nothing to the rounding of {@code a^2}. {@code erf(a) = 1 - erfc(a)},
 *       which rounds to 1 from {@code a = 6} on;</li>
 *   <li>{@code a >= 28}: {@code erfc(a)} underflows to 0 and {@code erf(a)} is 1.</li>
 * </ul>
 * Negative arguments use {@code erf(-x) = -erf(x)} and {@code erfc(-x) = 2 - erfc(x)}. Special values:
 * {@code erf(+-0) = +-0}, {@code erf(+-inf) = +-1}, {@code erfc(+inf) = 0}, {@code erfc(-inf) = 2}, NaN gives
 * NaN. Exponentials are {@link StrictMath#exp(double)}'s (fdlibm), so the result is the same on every JVM.
 */
public final class Erf {

    /** {@code c}: 0.84506291151 rounded to single precision. */
    private static final double ERX = bits(0x3FEB0AC160000000L);
    /** {@code 2 / sqrt(pi) - 1}. */
    private static final double EFX = bits(0x3FC06EBA8214DB68L);
    /** {@code 8 (2 / sqrt(pi) - 1)}, for arguments so small that {@code EFX x} would lose bits to underflow. */
    private static final double EFX8 = bits(0x3FF06EBA8214DB69L);

    // erf on [0, 0.84375]: P(z) and Q(z), z = x^2.
    private static final double PP0 = bits(0x3FC06EBA8214DB68L);
    private static final double PP1 = bits(0xBFD4CD7D691CB913L);
    private static final double PP2 = bits(0xBF9D2A51DBD7194FL);
    private static final double PP3 = bits(0xBF77A291236668E4L);
    private static final double PP4 = bits(0xBEF8EAD6120016ACL);
    private static final double QQ1 = bits(0x3FD97779CDDADC09L);
    private static final double QQ2 = bits(0x3FB0A54C5536CEBAL);
    private static final double QQ3 = bits(0x3F74D022C4D36B0FL);
    private static final double QQ4 = bits(0x3F215DC9221C1A10L);
    private static final double QQ5 = bits(0xBED09C4342A26120L);

    // erf on [0.84375, 1.25]: P1(s) and Q1(s), s = |x| - 1.
    private static final double PA0 = bits(0xBF6359B8BEF77538L);
    private static final double PA1 = bits(0x3FDA8D00AD92B34DL);
    private static final double PA2 = bits(0xBFD7D240FBB8C3F1L);
    private static final double PA3 = bits(0x3FD45FCA805120E4L);
    private static final double PA4 = bits(0xBFBC63983D3E28ECL);
    private static final double PA5 = bits(0x3FA22A36599795EBL);
    private static final double PA6 = bits(0xBF61BF380A96073FL);
    private static final double QA1 = bits(0x3FBB3E6618EEE323L);
    private static final double QA2 = bits(0x3FE14AF092EB6F33L);
    private static final double QA3 = bits(0x3FB2635CD99FE9A7L);
    private static final double QA4 = bits(0x3FC02660E763351FL);
    private static final double QA5 = bits(0x3F8BEDC26B51DD1CL);
    private static final double QA6 = bits(0x3F888B545735151DL);

    // erfc on [1.25, 1/0.35]: R(s) and S(s), s = 1/x^2.
    private static final double RA0 = bits(0xBF843412600D6435L);
    private static final double RA1 = bits(0xBFE63416E4BA7360L);
    private static final double RA2 = bits(0xC0251E0441B0E726L);
    private static final double RA3 = bits(0xC04F300AE4CBA38DL);
    private static final double RA4 = bits(0xC0644CB184282266L);
    private static final double RA5 = bits(0xC067135CEBCCABB2L);
    private static final double RA6 = bits(0xC054526557E4D2F2L);
    private static final double RA7 = bits(0xC023A0EFC69AC25CL);
    private static final double SA1 = bits(0x4033A6B9BD707687L);
    private static final double SA2 = bits(0x4061350C526AE721L);
    private static final double SA3 = bits(0x407B290DD58A1A71L);
    private static final double SA4 = bits(0x40842B1921EC2868L);
    private static final double SA5 = bits(0x407AD02157700314L);
    private static final double SA6 = bits(0x405B28A3EE48AE2CL);
    private static final double SA7 = bits(0x401A47EF8E484A93L);
    private static final double SA8 = bits(0xBFAEEFF2EE749A62L);

    // erfc on [1/0.35, 28]: R(s) and S(s), s = 1/x^2.
    private static final double RB0 = bits(0xBF84341239E86F4AL);
    private static final double RB1 = bits(0xBFE993BA70C285DEL);
    private static final double RB2 = bits(0xC031C209555F995AL);
    private static final double RB3 = bits(0xC064145D43C5ED98L);
    private static final double RB4 = bits(0xC083EC881375F228L);
    private static final double RB5 = bits(0xC09004616A2E5992L);
    private static final double RB6 = bits(0xC07E384E9BDC383FL);
    private static final double SB1 = bits(0x403E568B261D5190L);
    private static final double SB2 = bits(0x40745CAE221B9F0AL);
    private static final double SB3 = bits(0x409802EB189D5118L);
    private static final double SB4 = bits(0x40A8FFB7688C246AL);
    private static final double SB5 = bits(0x40A3F219CEDF3BE6L);
    private static final double SB6 = bits(0x407DA874E79FE763L);
    private static final double SB7 = bits(0xC03670E242712D62L);

    /** Below this, {@code erf(x) = x (1 + EFX)} to within rounding: {@code 2^-28}. */
    private static final double TINY_ERF = 0x1p-28;
    /** Below this, {@code erfc(x)} rounds to {@code 1 - x}: {@code 2^-56}. */
    private static final double TINY_ERFC = 0x1p-56;
    private static final double SMALL = 0.84375;
    private static final double MEDIUM = 1.25;
    private static final double SWITCH = 1 / 0.35;

    private Erf() {
    }

    private static double bits(long b) {
        return Double.longBitsToDouble(b);
    }

    /**
     * The error function.
     *
     * @param x the argument
     * @return {@code erf(x)}, in {@code [-1, 1]}; NaN for NaN
     */
    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double a = Math.abs(x);
        if (a < SMALL) {
            if (a < TINY_ERF) {
                return 0.125 * (8.0 * x + EFX8 * x);
            }
            return x + x * smallRatio(x * x);
        }
        if (a < MEDIUM) {
            double r = ERX + mediumRatio(a - 1.0);
            return x >= 0 ? r : -r;
        }
        if (a >= 6.0) {
            return x >= 0 ? 1.0 : -1.0;
        }
        double r = 1.0 - tail(a);
        return x >= 0 ? r : -r;
    }

    /**
     * The complementary error function, accurate also where {@code erf(x)} is close to 1.
     *
     * @param x the argument
     * @return {@code erfc(x) = 1 - erf(x)}, in {@code [0, 2]}; NaN for NaN
     */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double a = Math.abs(x);
        if (a < SMALL) {
            if (a < TINY_ERFC) {
                return 1.0 - x;
            }
            double y = smallRatio(x * x);
            if (x < 0.25) {
                return 1.0 - (x + x * y);
            }
            return 0.5 - (x * y + (x - 0.5));
        }
        if (a < MEDIUM) {
            double pq = mediumRatio(a - 1.0);
            return x >= 0 ? (1.0 - ERX) - pq : 1.0 + (ERX + pq);
        }
        if (a < 28.0) {
            if (x <= -6.0) {
                return 2.0;
            }
            double t = tail(a);
            return x > 0 ? t : 2.0 - t;
        }
        return x > 0 ? 0.0 : 2.0;
    }

    /** {@code R(z) = P(z) / Q(z)} with {@code (erf(x) - x) / x ~ R(x^2)} on {@code [0, 0.84375]}. */
    private static double smallRatio(double z) {
        double p = PP0 + z * (PP1 + z * (PP2 + z * (PP3 + z * PP4)));
        double q = 1.0 + z * (QQ1 + z * (QQ2 + z * (QQ3 + z * (QQ4 + z * QQ5))));
        return p / q;
    }

    /** {@code P1(s) / Q1(s) ~ erf(1 + s) - c} on {@code s in [-0.15625, 0.25]}. */
    private static double mediumRatio(double s) {
        double p = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
        double q = 1.0 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
        return p / q;
    }

    /** {@code erfc(a)} for {@code 1.25 <= a < 28}. */
    private static double tail(double a) {
        double s = 1.0 / (a * a);
        double r;
        double q;
        if (a < SWITCH) {
            r = RA0 + s * (RA1 + s * (RA2 + s * (RA3 + s * (RA4 + s * (RA5 + s * (RA6 + s * RA7))))));
            q = 1.0 + s * (SA1 + s * (SA2 + s * (SA3 + s * (SA4 + s * (SA5 + s * (SA6 + s * (SA7 + s * SA8)))))));
        } else {
            r = RB0 + s * (RB1 + s * (RB2 + s * (RB3 + s * (RB4 + s * (RB5 + s * RB6)))));
            q = 1.0 + s * (SB1 + s * (SB2 + s * (SB3 + s * (SB4 + s * (SB5 + s * (SB6 + s * SB7))))));
        }
        double z = Double.longBitsToDouble(Double.doubleToRawLongBits(a) & 0xFFFFFFFF00000000L);
        return StrictMath.exp(-z * z - 0.5625) * StrictMath.exp((z - a) * (z + a) + r / q) / a;
    }
}
