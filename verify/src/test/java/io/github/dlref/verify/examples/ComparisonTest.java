package io.github.dlref.verify.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    @Test
    void exactIsEqualityOfDoubles() {
        Comparison exact = new Comparison.Exact();
        assertTrue(exact.accepts(18.0, 18.0));
        assertTrue(exact.accepts(0.0, -0.0));
        assertFalse(exact.accepts(0.2, 0.19999999999999996));
        assertFalse(exact.accepts(Double.NaN, Double.NaN));
        assertEquals("exact", exact.describe());
    }

    @Test
    void toleranceIsAbsolutePlusRelative() {
        Comparison t = new Comparison.Tolerance(0.005, 0.0, "2 decimals");
        assertTrue(t.accepts(-0.2, -0.19661193324148185));
        assertFalse(t.accepts(-0.2, -0.1949));
        Comparison r = new Comparison.Tolerance(0.0, 1e-3, "relative");
        assertTrue(r.accepts(1000.0, 1000.9));
        assertFalse(r.accepts(1000.0, 1001.1));
        assertTrue(t.describe().contains("2 decimals"));
    }

    @Test
    void nonFiniteValuesMatchOnlyThemselves() {
        Comparison t = new Comparison.Tolerance(1e-15, 1e-12, "rounding");
        assertFalse(t.accepts(Double.POSITIVE_INFINITY, 0.2)); // the relative bound would be infinite
        assertFalse(t.accepts(0.2, Double.NaN));
        assertTrue(t.accepts(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
        Comparison u = new Comparison.Ulps(4, "ulps");
        assertFalse(u.accepts(Double.POSITIVE_INFINITY, Double.MAX_VALUE));
        assertFalse(u.accepts(Double.NaN, Double.NaN));
    }

    @Test
    void ulpsCountRepresentableDoublesIncludingAcrossZero() {
        assertEquals(2, Comparison.Ulps.distance(0.2, 0.19999999999999996));
        assertEquals(1, Comparison.Ulps.distance(1.0, Math.nextUp(1.0)));
        assertEquals(0, Comparison.Ulps.distance(0.0, -0.0));
        assertEquals(2, Comparison.Ulps.distance(Double.MIN_VALUE, -Double.MIN_VALUE));
        Comparison u = new Comparison.Ulps(2, "decimal");
        assertTrue(u.accepts(0.2, 0.19999999999999996));
        assertFalse(u.accepts(0.2, Math.nextDown(0.19999999999999996)));
        assertTrue(Comparison.Ulps.distance(-Double.MAX_VALUE, Double.MAX_VALUE) > 0); // no overflow
    }

    @Test
    void invalidComparisonsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Comparison.Tolerance(-1, 0, "x"));
        assertThrows(IllegalArgumentException.class, () -> new Comparison.Tolerance(0, 0, "x"));
        assertThrows(IllegalArgumentException.class, () -> new Comparison.Tolerance(1e-3, 0, " "));
        assertThrows(IllegalArgumentException.class, () -> new Comparison.Tolerance(Double.NaN, 0, "x"));
        assertThrows(IllegalArgumentException.class, () -> new Comparison.Ulps(0, "x"));
        assertThrows(IllegalArgumentException.class, () -> new Comparison.Ulps(1, null));
    }

    @Test
    void anExampleWithACorrectionPassesOnlyIfTheDocumentFormIsRefuted() {
        SourceRef src = new SourceRef("bp-optimizers", "RMSprop");
        Correction refuted = Correction.evaluated("e-1", "doc", "fixed", Double.NaN, "0/0");
        WorkedExample ok = new WorkedExample("a", src, "q", "0.5", 0.5, 0.5, Tolerances.EXACT, Optional.of(refuted));
        assertTrue(ok.passed());
        assertEquals("PASS", ok.status());
        Correction notRefuted = Correction.evaluated("e-1", "doc", "fixed", 0.5, "same value");
        WorkedExample bad = new WorkedExample("b", src, "q", "0.5", 0.5, 0.5, Tolerances.EXACT,
                Optional.of(notRefuted));
        assertTrue(bad.documentFormAccepted());
        assertFalse(bad.passed());
        assertEquals("FAIL", bad.status());
        WorkedExample wrong = new WorkedExample("c", src, "q", "0.5", 0.5, 0.6, Tolerances.EXACT, Optional.empty());
        assertFalse(wrong.passed());
        assertThrows(IllegalArgumentException.class,
                () -> new WorkedExample("has space", src, "q", "s", 0, 0, Tolerances.EXACT, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new SourceRef("cs231n opt", "x"));
        assertThrows(IllegalArgumentException.class, () -> new SourceRef("cs231n-opt-bp", ""));
        assertThrows(IllegalArgumentException.class,
                () -> new Correction("id", "doc", "fixed", null, "reading"));
        assertEquals("cs231n-opt-bp \u00a7RMSprop", new SourceRef("cs231n-opt-bp", "RMSprop").toString());
    }
}
