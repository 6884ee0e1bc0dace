package io.github.dlref.verify.oracle.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.dlref.math.Matrix;
import org.junit.jupiter.api.Test;

/**
 * Doubles round-trip exactly through the oracle's JSON: any bit pattern (finite, subnormal, signed zero,
 * infinite, NaN) written by {@link JsonNumbers} and read back through the strict parser gives the same bits
 * (NaN: a NaN); Python's {@code float.hex} strings read exactly.
 */
class JsonNumbersTest {

    static double roundTrip(double v) {
        String text = SpecWriter.pretty(JsonNumbers.write(Matrix.scalar(v)));
        JsonNode back = SpecParser.readTree(text);
        return JsonNumbers.read("$", back.get(0).get(0));
    }

    @Test
    void everyBitPatternRoundTrips() {
        qt().withFixedSeed(42L).withExamples(5000).forAll(longs().all()).checkAssert(bits -> {
            double v = Double.longBitsToDouble(bits);
            double back = roundTrip(v);
            if (Double.isNaN(v)) {
                assertEquals(true, Double.isNaN(back));
            } else {
                assertEquals(bits.longValue(), Double.doubleToRawLongBits(back), () -> "value " + v);
            }
        });
    }

    @Test
    void edgeValuesRoundTrip() {
        for (double v : new double[] {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
            Double.MAX_VALUE, 0.1, 0.1 + 0.2, 1.0 / 3.0, 1e-308, 2.2250738585072011e-308, Math.nextUp(1.0),
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(roundTrip(v)), "value " + v);
        }
    }

    @Test
    void pythonHexAndDecimalForms() {
        assertEquals(3.0, JsonNumbers.read("$", TextNode.valueOf("0x1.8000000000000p+1")));
        assertEquals(-0.1, JsonNumbers.read("$", TextNode.valueOf("-0x1.999999999999ap-4")));
        assertEquals(0.30000000000000004, JsonNumbers.read("$", SpecParser.readTree("0.30000000000000004")));
        assertEquals(0.1, JsonNumbers.read("$", SpecParser.readTree("0.1000000000000000055511151231257827")));
        SpecException e = assertThrows(SpecException.class, () -> JsonNumbers.read("$.x", TextNode.valueOf("1.5")));
        assertEquals("$.x", e.path());
        assertThrows(SpecException.class, () -> JsonNumbers.readFinite("$.x", TextNode.valueOf("NaN")));
    }
}
