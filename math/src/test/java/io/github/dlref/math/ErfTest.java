package io.github.dlref.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Erf} against mpmath at 60 digits rounded to the nearest double ({@code golden/erf_mpmath.py}): at every
 * one of about 3000 points (a grid over [-7, 7], tiny magnitudes down to subnormals, every interval boundary of
 * the algorithm and its neighbours, random draws over [-30, 30]) {@code erf} is within
 * {@link Tolerances#TRANSCENDENTAL_ULPS} ulp and {@code erfc} within {@link Tolerances#ERFC_ULPS} ulps of the
 * correctly rounded value.
 */
class ErfTest {

    private record Point(double x, double erf, double erfc) {
    }

    private static List<Point> points() throws IOException {
        List<Point> out = new ArrayList<>();
        try (InputStream in = ErfTest.class.getResourceAsStream("/golden/erf_mpmath.txt")) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] p = line.split(" ");
                out.add(new Point(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2])));
            }
        }
        return out;
    }

    /** The distance in units in the last place of the expected value (subnormal ulps below the normal range). */
    private static double ulps(double expected, double actual) {
        if (expected == actual) {
            return 0.0;
        }
        return Math.abs(actual - expected) / Math.ulp(expected);
    }

    @Test
    void withinOneUlpOfTheCorrectlyRoundedValueEverywhere() throws IOException {
        List<Point> points = points();
        assertTrue(points.size() > 3000, "the reference file has " + points.size() + " points");
        double worstErf = 0;
        double worstErfc = 0;
        StringBuilder failures = new StringBuilder();
        for (Point p : points) {
            double e = ulps(p.erf(), Erf.erf(p.x()));
            double c = ulps(p.erfc(), Erf.erfc(p.x()));
            worstErf = Math.max(worstErf, e);
            worstErfc = Math.max(worstErfc, c);
            // written so that a NaN distance (a NaN result) fails too
            if (!(e <= Tolerances.TRANSCENDENTAL_ULPS) || !(c <= Tolerances.ERFC_ULPS)) {
                failures.append(String.format("x = %s: erf %s (mpmath %s, %.2f ulp), erfc %s (mpmath %s, %.2f ulp)%n",
                        Double.toHexString(p.x()), Erf.erf(p.x()), p.erf(), e, Erf.erfc(p.x()), p.erfc(), c));
            }
        }
        assertEquals("", failures.toString(), "worst erf " + worstErf + " ulp, worst erfc " + worstErfc + " ulp");
    }

    @Test
    void erfcAtOneAndAQuarterComesFromTheTailInterval() throws IOException {
        // fdlibm's intervals are half-open: x = 1.25 belongs to [1.25, 1/0.35), where erfc is correctly rounded
        // (mpmath); the [0.84375, 1.25) formula would give one ulp more
        Point p = points().stream().filter(q -> q.x() == 1.25).findFirst().orElseThrow();
        assertEquals(p.erfc(), Erf.erfc(1.25));
    }

    @Test
    void specialValuesAndSymmetry() {
        assertEquals(0.0, Erf.erf(0.0));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Erf.erf(-0.0)));
        assertEquals(1.0, Erf.erf(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Erf.erf(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, Erf.erfc(0.0));
        assertEquals(0.0, Erf.erfc(Double.POSITIVE_INFINITY));
        assertEquals(2.0, Erf.erfc(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(Erf.erf(Double.NaN)));
        assertTrue(Double.isNaN(Erf.erfc(Double.NaN)));
        assertEquals(0.0, Erf.erfc(30.0));
        assertEquals(2.0, Erf.erfc(-30.0));
        assertEquals(2.0, Erf.erfc(-6.0));
        for (double x = -8; x <= 8; x += 0.125) {
            assertEquals(-Erf.erf(x), Erf.erf(-x), "erf is odd at " + x);
        }
    }

    @Test
    void knownClosedFormValues() {
        // erf(x) ~ 2x / sqrt(pi) for tiny x, exactly to double precision below 2^-28 (the next term is x^3 / 3)
        double x = 0x1p-40;
        assertEquals(2 / Math.sqrt(Math.PI) * x, Erf.erf(x), Math.ulp(2 / Math.sqrt(Math.PI) * x));
        // subnormal argument: the 8x scaling keeps the bits
        double sub = 0x1p-1060;
        assertEquals(1.1283791670955126 * sub, Erf.erf(sub), Double.MIN_VALUE);
        assertEquals(1.0 - 1e-20, Erf.erfc(1e-20));
    }
}
