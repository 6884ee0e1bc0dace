package io.github.dlref.verify.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link CertificateCheck} on the synthetic {@code tiny} vectors and certificate: the correct certificate passes,
 * and each rule, broken once, gives its one-line message (a test per rule, so removing a rule fails a test).
 */
class CertificateCheckTest {

    private static final String RERUN = "; vectors and certificate drift apart; rerun scripts/certify/tiny.py";

    private static List<String> problems(Consumer<ObjectNode> change) {
        return CertificateCheck.check(Tiny.certificate(change), Tiny.vectors());
    }

    @Test
    void theCorrectCertificatePasses() {
        assertEquals(List.of(), CertificateCheck.check(Tiny.certificate(), Tiny.vectors()));
    }

    @Test
    void aChangedDlrefDoubleIsDrift() {
        assertEquals(List.of("tiny.json /vectors/0 (exp): /output/0/0 is 1.6487212707001282 in the vectors, "
                + "1.648721270700128 in the certificate" + RERUN),
                problems(c -> Tiny.value(c, 0, 0).put("dlref", 1.648721270700128)));
    }

    @Test
    void aChangedVectorsDoubleIsDriftToo() {
        ObjectNode vectors = Tiny.vectors();
        ((ArrayNode) vectors.at("/vectors/1/output/0")).set(0, 0.6);
        assertEquals(List.of("tiny.json /vectors/1 (sum): /output/0/0 is 0.6 in the vectors, 0.6000000000000001 in "
                + "the certificate" + RERUN), CertificateCheck.check(Tiny.certificate(), vectors));
    }

    @Test
    void minusZeroIsNotPlusZeroForTheDriftCheck() {
        ObjectNode vectors = Tiny.vectors();
        ((ObjectNode) vectors.at("/vectors/2/output")).put("a/b", 0.0);
        ObjectNode cert = Tiny.tree("tiny.cert.json");
        Tiny.value(cert, 2, 2).put("dlref", -0.0).put("exact", "0");
        List<String> p = CertificateCheck.check(CertificateReader.read("t", cert.toString()), vectors);
        assertEquals(List.of("tiny.json /vectors/2 (adam): /output/a~1b is 0.0 in the vectors, -0.0 in the "
                + "certificate" + RERUN), p);
    }

    @Test
    void aWrongUlpsFails() {
        assertEquals(List.of("tiny.json /vectors/0 (exp): /output/0/1 records 0 ulps, Java computes 1 (dlref "
                + "2.7182818284590455, exact 2.718281828459045235360287)"),
                problems(c -> Tiny.value(c, 0, 1).put("ulps", 0)));
    }

    @Test
    void ulpsOfANumberAgainstNaNAreUndefined() {
        assertEquals(List.of("tiny.json /vectors/0 (exp): /output/0/1 records 1 ulps, Java computes none (one of "
                + "dlref and exact is NaN) (dlref 2.7182818284590455, exact NaN)"),
                problems(c -> Tiny.value(c, 0, 1).put("exact", "NaN")));
    }

    @Test
    void aValueOutsideItsUlpBoundFails() {
        assertEquals(List.of("tiny.json /vectors/0 (exp): /output/0/1 is 1 ulps from exact 2.718281828459045235360287 "
                + "(dlref 2.7182818284590455), outside family elementwise-one-libm-call (ulps <= 0)"),
                problems(c -> Tiny.family(c, "elementwise-one-libm-call").put("ulps", 0)));
    }

    @Test
    void aValueOutsideItsScaledBoundFails() {
        // the error is 8.33e-17; 1 * 1 * u * 0.6 is 6.7e-17 with one term instead of two
        assertEquals(List.of("tiny.json /vectors/1 (sum): /output/0/0 is 1 ulps from exact 0.6000000000000000055511151 "
                + "(dlref 0.6000000000000001), outside family row-reduction (ulps <= 0, or |dlref - exact| <= 1 terms "
                + "u scale (u = 2^-53))"), problems(c -> Tiny.value(c, 1, 0).put("terms", 1)));
        assertEquals(1, problems(c -> Tiny.value(c, 1, 0).put("scale", "0.3")).size());
        assertEquals(1, problems(c -> Tiny.value(c, 1, 0).remove("scale")).size());
    }

    @Test
    void aFrameworkOrderThatIsNotDlrefsDoubleFails() {
        assertEquals(List.of("tiny.json /vectors/2 (adam): /output/m/0 is 2 ulps from exact 1.0 (dlref "
                + "1.0000000000000004), outside family adam-pytorch-order (ulps <= 0, or dlref equals the framework "
                + "order's double bit for bit (framework order))"),
                problems(c -> Tiny.value(c, 2, 0).put("framework_order", 1.0000000000000002)));
        assertEquals(1, problems(c -> Tiny.value(c, 2, 0).remove("framework_order")).size());
        assertEquals(1, problems(c -> Tiny.family(c, "adam-pytorch-order").putNull("order")).size());
    }

    @Test
    void aMissingValueFails() {
        assertEquals(List.of("tiny.json /vectors/0 (exp): /output/0/1 is not certified" + RERUN),
                problems(c -> ((ArrayNode) Tiny.entry(c, 0).get("values")).remove(1)));
    }

    @Test
    void aMissingEntryFails() {
        assertEquals(List.of("tiny.json /vectors/1: has numbers under [output] but no certificate entry" + RERUN),
                problems(c -> ((ArrayNode) c.get("entries")).remove(1)));
        assertEquals(List.of("tiny.json /functions/0: has numbers under [output] but no certificate entry" + RERUN),
                problems(c -> ((ArrayNode) c.get("entries")).remove(3)));
    }

    @Test
    void aPointerThatDoesNotResolveFails() {
        assertEquals(List.of("tiny.json /vectors/9 (exp): no such entry" + RERUN,
                "tiny.json /vectors/0: has numbers under [output] but no certificate entry" + RERUN),
                problems(c -> Tiny.entry(c, 0).put("entry", "/vectors/9")));
        assertEquals(List.of("tiny.json /vectors/0 (exp): /output/7/0 is not a number under [output]" + RERUN,
                "tiny.json /vectors/0 (exp): /output/0/0 is not certified" + RERUN),
                problems(c -> Tiny.value(c, 0, 0).put("path", "/output/7/0")));
        assertEquals(List.of("tiny.json /vectors/0 (exp): /inputs/a/0/0 is not a number under [output]" + RERUN,
                "tiny.json /vectors/0 (exp): /output/0/0 is not certified" + RERUN),
                problems(c -> Tiny.value(c, 0, 0).put("path", "/inputs/a/0/0")));
        assertEquals(List.of("tiny.json /vectors/01 (exp): no such entry" + RERUN,
                "tiny.json /vectors/0: has numbers under [output] but no certificate entry" + RERUN),
                problems(c -> Tiny.entry(c, 0).put("entry", "/vectors/01")));
    }

    @Test
    void anEntryOrValueCertifiedTwiceFails() {
        List<String> twice = problems(c -> ((ArrayNode) c.get("entries")).add(Tiny.entry(c, 0).deepCopy()));
        assertEquals(List.of("tiny.json /vectors/0 (exp): certified twice in tiny.cert.json"), twice);
        List<String> value = problems(c -> ((ArrayNode) Tiny.entry(c, 0).get("values")).add(Tiny.value(c, 0, 0)
                .deepCopy()));
        assertEquals(List.of("tiny.json /vectors/0 (exp): /output/0/0 is certified twice"), value);
    }

    @Test
    void withinEvaluatesTheScaledRuleExactly() {
        Family f = new Family("r", "d", 0, BigDecimal.ONE, "s", null);
        // |1.0000000000000002 - 1| = 2u exactly: within 1 * 2 * u * 1, not within 1 * 1 * u * 1.99...
        assertTrue(CertificateCheck.within(f, new CertifiedValue("/p", 1.0000000000000002, "1", 1, "1", 2, null)));
        assertFalse(CertificateCheck.within(f, new CertifiedValue("/p", 1.0000000000000002, "1", 1,
                "1.999999999999999999999999", 1, null)));
        assertTrue(CertificateCheck.within(f, new CertifiedValue("/p", 1.0000000000000002, "1", 1, "2", 1, null)));
        assertFalse(CertificateCheck.within(f, new CertifiedValue("/p", Double.POSITIVE_INFINITY, "1", 9, "2", 1,
                null)));
        assertFalse(CertificateCheck.within(f, new CertifiedValue("/p", 1.0, "Infinity", 9, "2", 1, null)));
        assertFalse(CertificateCheck.within(new Family("r", "d", 0, null, null, null),
                new CertifiedValue("/p", 1.0000000000000002, "1", 1, "2", 1, null)));
        assertTrue(CertificateCheck.within(new Family("r", "d", 1, null, null, null),
                new CertifiedValue("/p", 1.0000000000000002, "1", 1, null, 1, null)));
    }

    @Test
    void needsFrameworkOrderCountsOnlyValuesNoOtherRuleAdmits() {
        Family f = new Family("a", "d", 1, null, null, "order");
        assertTrue(CertificateCheck.needsFrameworkOrder(f, new CertifiedValue("/p", 1.5, "1", 9, null, 1, 1.5)));
        assertFalse(CertificateCheck.needsFrameworkOrder(f, new CertifiedValue("/p", 1.5, "1.5", 0, null, 1, 1.5)));
        assertFalse(CertificateCheck.needsFrameworkOrder(f, new CertifiedValue("/p", 1.5, "1", 9, null, 1, 1.25)));
    }

    @Test
    void requiredFilesNeedACertificateAndTheLoaderOnlyIntegers() {
        Map<String, JsonNode> files = new LinkedHashMap<>();
        ObjectNode loader = Tiny.MAPPER.createObjectNode();
        loader.putArray("vectors").addObject().put("n", 10).putArray("order").add(1).add(0);
        files.put("loader.json", loader);
        files.put("tiny.json", Tiny.vectors());
        List<String> p = CertificateCheck.files(files, Map.of());
        assertEquals(CertificateCheck.REQUIRED.size(), p.size());
        assertEquals("ops.json has no certificate (verify/src/main/resources/io/github/dlref/verify/certificates/"
                + "ops.json); run /usr/bin/python3 scripts/certify/ops.py", p.get(0));
        ((ArrayNode) loader.at("/vectors/0/order")).add(0.5).add("NaN");
        Map<String, Certificate> certs = new LinkedHashMap<>();
        Certificate tiny = Tiny.certificate();
        for (String name : CertificateCheck.REQUIRED) {
            certs.put(name, tiny);
        }
        List<String> q = CertificateCheck.files(files, certs);
        assertTrue(q.contains("loader.json /vectors/0/order/2: 0.5 is not an integer (this file is not certified: "
                + "it must hold only integers)"), q.toString());
        assertTrue(q.contains("loader.json /vectors/0/order/3: \"NaN\" is not an integer (this file is not "
                + "certified: it must hold only integers)"), q.toString());
        assertTrue(q.contains("tiny.cert.json certifies tiny.json, expected ops.json"), q.toString());
        assertEquals(CertificateCheck.REQUIRED.size() + 2, q.size(), q.toString());
        certs.clear();
        CertificateCheck.REQUIRED.forEach(n -> certs.put(n, rename(tiny, n + ".json")));
        files.remove("tiny.json");
        files.remove("loader.json");
        List<String> r = CertificateCheck.files(files, certs);
        assertEquals("tiny.cert.json certifies ops.json, which is not a vectors file", r.get(0));
        assertEquals("loader.json is missing", r.get(r.size() - 1));
        CertificateCheck.REQUIRED.forEach(n -> files.put(n + ".json", Tiny.vectors()));
        files.put("loader.json", Tiny.MAPPER.createObjectNode().set("vectors", Tiny.MAPPER.createArrayNode().add(3)));
        assertEquals(List.of(), CertificateCheck.files(files, certs));
        files.put("loader.json", Tiny.MAPPER.createObjectNode().put("kind", "loader"));
        assertEquals(List.of(), CertificateCheck.files(files, certs));
    }

    private static Certificate rename(Certificate c, String vectors) {
        return new Certificate(c.resource(), vectors, c.script(), c.digits(), c.mpmath(), c.fields(), c.families(),
                c.entries());
    }

    @Test
    void entriesAreTheObjectsOfTheTopLevelArrays() {
        assertEquals(List.of("/vectors/0", "/vectors/1", "/vectors/2", "/vectors/3", "/functions/0"),
                CertificateCheck.entries(Tiny.vectors()));
    }
}
