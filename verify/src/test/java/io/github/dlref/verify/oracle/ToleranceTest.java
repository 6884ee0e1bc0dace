package io.github.dlref.verify.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The oracle's acceptance rule {@code |theirs - ours| <= absolute + relative |ours|} and the error measures of a
 * {@link Divergence}, at the boundaries of the rule, on values whose arithmetic is exact in binary (powers of
 * two), so each expected verdict follows from the formula without rounding.
 */
class ToleranceTest {

    @Test
    void acceptsExactlyUpToAbsolutePlusRelativeTimesOurs() {
        Tolerance t = new Tolerance(0.25, 0.125);
        // bound at ours = 4: 0.25 + 0.125 * 4 = 0.75
        assertTrue(t.accepts(4.0, 4.75));
        assertTrue(t.accepts(4.0, 3.25));
        assertFalse(t.accepts(4.0, 4.75 + 0x1p-50));
        assertFalse(t.accepts(4.0, 3.25 - 0x1p-50));
        // the scale is |ours|, not |theirs|: at ours = -4, theirs = -4.75 is inside, at ours = 0, 0.25 is the bound
        assertTrue(t.accepts(-4.0, -4.75));
        assertTrue(t.accepts(0.0, 0.25));
        assertFalse(t.accepts(0.0, 0.5));
        assertFalse(t.accepts(0.5, 0.0), "0.5 > 0.25 + 0.0625");
    }

    @Test
    void nonFiniteValuesMustBeIdentical() {
        Tolerance loose = new Tolerance(1.0, 1.0);
        assertTrue(loose.accepts(Double.NaN, Double.NaN));
        assertTrue(loose.accepts(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
        assertFalse(loose.accepts(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        assertFalse(loose.accepts(Double.NaN, 1.0));
        assertFalse(loose.accepts(1.0, Double.NaN));
        assertFalse(loose.accepts(1.0, Double.POSITIVE_INFINITY));
        assertFalse(loose.accepts(Double.MAX_VALUE, Double.POSITIVE_INFINITY));
        assertTrue(Tolerance.EXACT.accepts(0.0, -0.0), "the sign of zero is not compared");
        assertFalse(Tolerance.EXACT.accepts(1.0, Math.nextUp(1.0)));
        assertTrue(Tolerance.identical(Double.NaN, Double.NaN));
        assertFalse(Tolerance.identical(Double.NaN, 0.0));
        assertFalse(Tolerance.identical(0.0, Double.NaN));
    }

    @Test
    void defaultsAndRefusals() {
        assertEquals(new Tolerance(1e-12, 1e-9), Tolerance.DEFAULT);
        assertEquals(new Tolerance(0.0, 0.0), Tolerance.EXACT);
        assertEquals("|theirs - ours| <= 0.25 + 0.125 |ours|", new Tolerance(0.25, 0.125).toString());
        for (double bad : new double[] {-1e-300, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertEquals("Tolerance: absolute must be finite and >= 0, got " + bad,
                    assertThrows(IllegalArgumentException.class, () -> new Tolerance(bad, 0.0)).getMessage());
            assertEquals("Tolerance: relative must be finite and >= 0, got " + bad,
                    assertThrows(IllegalArgumentException.class, () -> new Tolerance(0.0, bad)).getMessage());
        }
    }

    @Test
    void divergenceErrorsAndLocations() {
        Divergence d = new Divergence(3, "parameters", "0.weight", 1, 2, 4.0, 5.0);
        assertEquals(1.0, d.absoluteError());
        assertEquals(0.2, d.relativeError(), "1 / max(4, 5)");
        assertEquals("step 3, parameters 0.weight[1][2]", d.location());
        assertEquals("step 3, parameters 0.weight[1][2]: ours 4.0, theirs 5.0 (abs error 1.0, rel error 0.2)",
                d.describe());
        Divergence loss = new Divergence(0, "loss", "", 0, 0, -8.0, -6.0);
        assertEquals(2.0, loss.absoluteError());
        assertEquals(0.25, loss.relativeError(), "2 / max(|-8|, |-6|)");
        assertEquals("initial, loss", loss.location());
        Divergence same = new Divergence(1, "lr", "", 0, 0, Double.NaN, Double.NaN);
        assertEquals(0.0, same.absoluteError());
        assertEquals(0.0, same.relativeError());
        Divergence nan = new Divergence(1, "loss", "", 0, 0, 1.0, Double.NaN);
        assertEquals(Double.POSITIVE_INFINITY, nan.absoluteError());
        assertEquals(Double.POSITIVE_INFINITY, nan.relativeError());
        Divergence inf = new Divergence(1, "loss", "", 0, 0, 1.0, Double.POSITIVE_INFINITY);
        assertEquals(Double.POSITIVE_INFINITY, inf.absoluteError());
        assertEquals(Double.POSITIVE_INFINITY, inf.relativeError());
    }
}
