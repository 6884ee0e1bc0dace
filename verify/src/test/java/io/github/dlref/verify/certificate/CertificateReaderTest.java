package io.github.dlref.verify.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** {@link CertificateReader}: the synthetic certificate reads back field by field; each malformation is refused. */
class CertificateReaderTest {

    private static String refused(Consumer<ObjectNode> change) {
        return assertThrows(CertificateException.class, () -> Tiny.certificate(change)).getMessage();
    }

    @Test
    void readsEveryField() {
        Certificate c = Tiny.certificate();
        assertEquals("tiny.cert.json", c.resource());
        assertEquals("tiny.json", c.vectors());
        assertEquals("tiny", c.name());
        assertEquals("scripts/certify/tiny.py", c.script());
        assertEquals(50, c.digits());
        assertEquals("1.2.1", c.mpmath());
        assertEquals(List.of("output"), c.fields());
        assertEquals(List.of("elementwise-one-libm-call", "row-reduction", "adam-pytorch-order"),
                List.copyOf(c.families().keySet()));
        Family r = c.families().get("row-reduction");
        assertEquals(new Family("row-reduction", "recursive summation: |fl(S) - S| <= gamma_{n-1} sum |x_i|", 0,
                BigDecimal.ONE, "sum of |x_i|; terms = n - 1", null), r);
        assertEquals("PyTorch 1.13 Adam: m = beta1 m + (1 - beta1) g, in that order",
                c.families().get("adam-pytorch-order").order());
        assertEquals(4, c.entries().size());
        assertEquals(7, c.valueCount());
        CertifiedEntry sum = c.entries().get(1);
        assertEquals(new CertifiedEntry("/vectors/1", "sum", "row-reduction", List.of(new CertifiedValue("/output/0/0",
                0.6000000000000001, "0.6000000000000000055511151", 1, "0.6000000000000000055511151", 2, null))), sum);
        CertifiedValue adam = c.entries().get(2).values().get(0);
        assertEquals(1.0000000000000004, adam.frameworkOrder());
        assertEquals(1, c.entries().get(0).values().get(0).terms());
        assertTrue(Double.isNaN(c.entries().get(2).values().get(1).dlref()));
        assertNull(c.entries().get(0).values().get(0).scale());
    }

    @Test
    void aNonIntegralFactorIsTheDoubleItNames() {
        Certificate c = Tiny.certificate(t -> Tiny.family(t, "row-reduction").put("scaled", 1.1));
        assertEquals(new BigDecimal(1.1), c.families().get("row-reduction").scaled());
    }

    @Test
    void pythonsBareNaNIsANumber() {
        String text = Tiny.text("tiny.cert.json").replace("\"framework_order\": 1.0000000000000004",
                "\"framework_order\": NaN");
        assertTrue(Double.isNaN(CertificateReader.read("t", text).entries().get(2).values().get(0).frameworkOrder()));
    }

    @Test
    void malformedCertificatesAreRefusedWithTheResourceAndPath() {
        assertEquals("tiny.cert.json: $.entries[0].entry: expected an RFC 6901 pointer such as \"/vectors/3\", got "
                + "\"vectors/0\"", refused(c -> Tiny.entry(c, 0).put("entry", "vectors/0")));
        assertEquals("tiny.cert.json: $.entries[0].entry: expected an RFC 6901 pointer such as \"/vectors/3\", got "
                + "\"\"", refused(c -> Tiny.entry(c, 0).put("entry", "")));
        assertEquals("tiny.cert.json: $.entries[0].values[1].path: expected an RFC 6901 pointer such as "
                + "\"/vectors/3\", got \"/output/~2\"", refused(c -> Tiny.value(c, 0, 1).put("path", "/output/~2")));
        assertEquals("tiny.cert.json: $.entries[0].values[1].path: expected an RFC 6901 pointer such as "
                + "\"/vectors/3\", got \"/output/~\"", refused(c -> Tiny.value(c, 0, 1).put("path", "/output/~")));
        assertEquals("tiny.cert.json: $.format: expected \"dlref.certificate.v1\", got \"v2\"",
                refused(c -> c.put("format", "v2")));
        assertEquals("tiny.cert.json: $.vectors: expected a file name ending in .json, got \"tiny\"",
                refused(c -> c.put("vectors", "tiny")));
        assertEquals("tiny.cert.json: $.vectors: expected a file name ending in .json, got \"a/tiny.json\"",
                refused(c -> c.put("vectors", "a/tiny.json")));
        assertEquals("tiny.cert.json: $.digits: expected at least 50 digits, got 17",
                refused(c -> c.put("digits", 17)));
        assertEquals("tiny.cert.json: $.digits: expected an integer, got 50.0", refused(c -> c.put("digits", 50.0)));
        assertEquals("tiny.cert.json: $.script: expected a string, got nothing", refused(c -> c.remove("script")));
        assertEquals("tiny.cert.json: $.mpmath: expected a string, got 1", refused(c -> c.put("mpmath", 1)));
        assertEquals("tiny.cert.json: $.fields: expected a non-empty array of field names",
                refused(c -> c.putArray("fields")));
        assertEquals("tiny.cert.json: $.fields: expected a non-empty array of field names",
                refused(c -> c.put("fields", "output")));
        assertEquals("tiny.cert.json: $.fields[0]: expected a string, got 3",
                refused(c -> c.putArray("fields").add(3)));
        assertEquals("tiny.cert.json: $.families: expected a non-empty object of families",
                refused(c -> c.putObject("families")));
        assertEquals("tiny.cert.json: $.families: expected a non-empty object of families",
                refused(c -> c.putArray("families")));
        assertEquals("tiny.cert.json: $.families.row-reduction: expected an object, got 3",
                refused(c -> ((ObjectNode) c.get("families")).put("row-reduction", 3)));
        assertEquals("tiny.cert.json: $.families.row-reduction.ulps: expected an integer >= 0, got -1",
                refused(c -> Tiny.family(c, "row-reduction").put("ulps", -1)));
        assertEquals("tiny.cert.json: $.families.row-reduction.scaled: expected a positive number K or null, got 0",
                refused(c -> Tiny.family(c, "row-reduction").put("scaled", 0)));
        assertEquals("tiny.cert.json: $.families.row-reduction.scaled: expected a positive number K or null, got \"1\"",
                refused(c -> Tiny.family(c, "row-reduction").put("scaled", "1")));
        assertEquals("tiny.cert.json: $.families.row-reduction.scaled: expected a positive number K or null, got "
                + "\"NaN\"", refused(c -> Tiny.family(c, "row-reduction").put("scaled", Double.NaN)));
        assertEquals("x: $.families.row-reduction.scaled: expected a positive number K or null, got \"NaN\"",
                assertThrows(CertificateException.class, () -> CertificateReader.read("x", Tiny.text("tiny.cert.json")
                        .replace("\"scaled\": 1,", "\"scaled\": NaN,"))).getMessage());
        assertEquals("tiny.cert.json: $.families.row-reduction.scale: a scaled bound needs both the factor \"scaled\" "
                + "and the \"scale\" text", refused(c -> Tiny.family(c, "row-reduction").putNull("scale")));
        assertEquals("tiny.cert.json: $.families.adam-pytorch-order.scale: a scaled bound needs both the factor "
                + "\"scaled\" and the \"scale\" text", refused(c -> Tiny.family(c, "adam-pytorch-order")
                .put("scale", "s")));
        assertEquals("tiny.cert.json: $.families.adam-pytorch-order.order: expected a string, got true",
                refused(c -> Tiny.family(c, "adam-pytorch-order").put("order", true)));
        assertEquals("tiny.cert.json: $.families.row-reduction.derivation: unknown key (expected one of [description, "
                + "order, scale, scaled, ulps])", refused(c -> Tiny.family(c, "row-reduction").put("derivation", "")));
        assertEquals("tiny.cert.json: $.entries: expected an array of entries", refused(c -> c.remove("entries")));
        assertEquals("tiny.cert.json: $.entries[1].family: unknown family \"rows\" (families: "
                + "[elementwise-one-libm-call, row-reduction, adam-pytorch-order])",
                refused(c -> Tiny.entry(c, 1).put("family", "rows")));
        assertEquals("tiny.cert.json: $.entries[1].values: expected a non-empty array of values",
                refused(c -> Tiny.entry(c, 1).putArray("values")));
        assertEquals("tiny.cert.json: $.entries[1].values: expected a non-empty array of values",
                refused(c -> Tiny.entry(c, 1).remove("values")));
        assertEquals("tiny.cert.json: $.entries[1].key: expected a string, got nothing",
                refused(c -> Tiny.entry(c, 1).remove("key")));
        assertEquals("tiny.cert.json: $.entries[1].values[0].dlref: expected a number (or \"NaN\", \"Infinity\", "
                + "\"-Infinity\"), got \"0.6\"", refused(c -> Tiny.value(c, 1, 0).put("dlref", "0.6")));
        assertEquals("tiny.cert.json: $.entries[1].values[0].exact: expected a decimal number, got \"0.6x\"",
                refused(c -> Tiny.value(c, 1, 0).put("exact", "0.6x")));
        assertEquals("tiny.cert.json: $.entries[1].values[0].exact: expected a string, got 0.6",
                refused(c -> Tiny.value(c, 1, 0).put("exact", 0.6)));
        assertEquals("tiny.cert.json: $.entries[1].values[0].ulps: expected an integer >= 0, got -2",
                refused(c -> Tiny.value(c, 1, 0).put("ulps", -2)));
        assertEquals("tiny.cert.json: $.entries[1].values[0].ulps: expected an integer, got 1.5",
                refused(c -> Tiny.value(c, 1, 0).put("ulps", 1.5)));
        assertEquals("tiny.cert.json: $.entries[1].values[0].ulps: expected an integer, got "
                + "1000000000000000000000000000000", refused(c -> Tiny.value(c, 1, 0).put("ulps",
                        new java.math.BigInteger("1000000000000000000000000000000"))));
        assertEquals("tiny.cert.json: $.entries[1].values[0].scale: expected a non-negative decimal, got \"-1\"",
                refused(c -> Tiny.value(c, 1, 0).put("scale", "-1")));
        assertEquals("tiny.cert.json: $.entries[1].values[0].scale: expected a decimal number, got \"big\"",
                refused(c -> Tiny.value(c, 1, 0).put("scale", "big")));
        assertEquals("tiny.cert.json: $.entries[1].values[0].terms: expected an integer >= 1, got 0",
                refused(c -> Tiny.value(c, 1, 0).put("terms", 0)));
        assertEquals("tiny.cert.json: $.entries[1].values[0].terms: expected an integer >= 1, got 3000000000",
                refused(c -> Tiny.value(c, 1, 0).put("terms", 3_000_000_000L)));
        assertEquals("tiny.cert.json: $.entries[1].values[0].framework_order: expected a number (or \"NaN\", "
                + "\"Infinity\", \"-Infinity\"), got null", refused(c -> Tiny.value(c, 1, 0).putNull("framework_order")));
        assertEquals("tiny.cert.json: $.entries[1].values[0].dlerf: unknown key (expected one of [dlref, exact, "
                + "framework_order, path, scale, terms, ulps])", refused(c -> Tiny.value(c, 1, 0).put("dlerf", 1)));
        assertEquals("tiny.cert.json: $.entries[1].values[0]: expected an object, got [1]",
                refused(c -> ((ArrayNode) Tiny.entry(c, 1).get("values")).removeAll().addArray().add(1)));
        assertEquals("tiny.cert.json: $.extra: unknown key (expected one of [digits, entries, families, fields, format, "
                + "mpmath, script, vectors])", refused(c -> c.put("extra", 1)));
    }

    @Test
    void textThatIsNotJsonOrHasDuplicateKeysIsRefused() {
        CertificateException e = assertThrows(CertificateException.class, () -> CertificateReader.read("x.json",
                "{\"format\": 1,"));
        assertEquals("x.json", e.resource());
        assertEquals("$", e.path());
        assertTrue(e.getMessage().startsWith("x.json: $: not JSON: "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        String dup = assertThrows(CertificateException.class, () -> CertificateReader.read("x.json",
                "{\"format\": \"a\", \"format\": \"b\"}")).getMessage();
        assertTrue(dup.startsWith("x.json: $: not JSON: Duplicate field 'format'"), dup);
        assertEquals("x.json: $: expected an object, got [1]", assertThrows(CertificateException.class,
                () -> CertificateReader.read("x.json", "[1]")).getMessage());
        String longValue = "[\"" + "x".repeat(100) + "\"]";
        assertEquals("x.json: $: expected an object, got [\"" + "x".repeat(55) + "...", assertThrows(
                CertificateException.class, () -> CertificateReader.read("x.json", longValue)).getMessage());
    }

    @Test
    void aMissingResourceIsEmpty() {
        assertTrue(CertificateReader.resource("no-such-file").isEmpty());
    }

    @Test
    void theRecordsRefuseImpossibleFields() {
        assertThrows(IllegalArgumentException.class, () -> new Family("f", "d", -1, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Family("f", "d", 0, BigDecimal.ZERO, "s", null));
        assertThrows(IllegalArgumentException.class, () -> new CertifiedValue("/p", 1, "1", -1, null, 1, null));
        assertThrows(IllegalArgumentException.class, () -> new CertifiedValue("/p", 1, "1", 0, null, 0, null));
        assertEquals("ulps <= 2, or |dlref - exact| <= 1.5 terms u scale (u = 2^-53), or dlref equals the framework "
                + "order's double bit for bit (framework order)",
                new Family("f", "d", 2, new BigDecimal("1.5"), "s", "o").bound());
        assertEquals("ulps <= 0", new Family("f", "d", 0, null, null, null).bound());
        Certificate c = new Certificate("r", "odd", "s", 50, "m", List.of("f"), java.util.Map.of(), List.of());
        assertEquals("odd", c.name());
    }
}
