package io.github.dlref.verify.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** {@link Ulps}: distances counted in doubles from the ordered bit patterns. */
class UlpsTest {

    @Test
    void distancesInDoubles() {
        assertEquals(0, Ulps.distance(1.0, 1.0));
        assertEquals(0, Ulps.distance(0.0, -0.0));
        assertEquals(1, Ulps.distance(1.0, Math.nextUp(1.0)));
        assertEquals(1, Ulps.distance(Math.nextUp(1.0), 1.0));
        assertEquals(1, Ulps.distance(1.0, Math.nextDown(1.0)));
        assertEquals(2, Ulps.distance(Double.MIN_VALUE, -Double.MIN_VALUE));
        assertEquals(1, Ulps.distance(0.0, -Double.MIN_VALUE));
        assertEquals(1, Ulps.distance(Double.MAX_VALUE, Double.POSITIVE_INFINITY));
        assertEquals(0, Ulps.distance(Double.NaN, Double.NaN));
        assertEquals(-1, Ulps.distance(Double.NaN, 1.0));
        assertEquals(-1, Ulps.distance(1.0, Double.NaN));
        assertEquals(Long.MAX_VALUE, Ulps.distance(Double.MAX_VALUE, -Double.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, Ulps.distance(-Double.MAX_VALUE, Double.MAX_VALUE));
        assertEquals(0x7fefffffffffffffL, Ulps.distance(Double.MAX_VALUE, 0.0));
        assertEquals(Double.doubleToLongBits(2.0) - Double.doubleToLongBits(1.0), Ulps.distance(-1.0, -2.0));
    }

    @Test
    void theExactDecimalIsRoundedCorrectly() {
        // 0.1 + 0.2 is 1 ulp above the double nearest 0.3; 1 + 2^-53 ties to even 1.0
        assertEquals(1, Ulps.of(0.1 + 0.2, "0.3"));
        assertEquals(0, Ulps.of(1.0, "1.00000000000000011102230246251565404236316680908203125"));
        assertEquals(1, Ulps.of(1.0, "1.00000000000000011102230246251565404236316680908203126"));
        assertEquals(0, Ulps.of(Double.NEGATIVE_INFINITY, "-Infinity"));
        assertEquals(new BigDecimal("1.1102230246251565404236316680908203125E-16"), Ulps.UNIT_ROUNDOFF);
    }
}
