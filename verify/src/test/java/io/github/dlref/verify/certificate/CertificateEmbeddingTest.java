package io.github.dlref.verify.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link CertificateEmbedding} on the synthetic {@code tiny} file: only additions (every line of the file without
 * the certificate is a line of the file with it, in order), {@code certified} after each entry's own fields,
 * {@code certificate} in the header before the entries, and the embedded values are the certificate's.
 */
class CertificateEmbeddingTest {

    private static ObjectNode embedded() {
        return CertificateEmbedding.embed(Tiny.vectors(), Tiny.certificate());
    }

    @Test
    void everyExistingLineIsKept() {
        String before = Tiny.pretty(Tiny.vectors());
        String after = CertificateEmbedding.keepLines(Tiny.pretty(embedded()));
        List<String> old = List.of(before.split("\n", -1));
        List<String> now = List.of(after.split("\n", -1));
        int i = 0;
        for (String line : now) {
            if (i < old.size() && old.get(i).equals(line)) {
                i++;
            }
        }
        assertEquals(old.size(), i, "line " + (i + 1) + " of the file is not kept: " + (i < old.size() ? old.get(i)
                : ""));
        assertTrue(now.size() > old.size());
        assertTrue(after.contains("\n    , \"certified\" : {"), after);
        assertTrue(after.contains("\n        \"/output/0/0\" : { \"exact\" : \"0.6000000000000000055511151\", \"ulps\" : 1, "
                + "\"scale\" : \"0.6000000000000000055511151\", \"terms\" : 2 }\n"), after);
        assertTrue(after.contains("\n        \"/output/m/0\" : { \"exact\" : \"1.0\", \"ulps\" : 2, \"framework_order\" : "
                + "1.0000000000000004 },\n"), after);
        assertTrue(after.contains("\n        \"/output/0/1\" : { \"exact\" : \"2.718281828459045235360287\", \"ulps\" : 1 }\n"),
                after);
        assertEquals(Tiny.MAPPER.valueToTree(embedded()).toString(), parse(after).toString());
        // without keepLines the entry's last line would gain a comma
        assertFalse(List.of(Tiny.pretty(embedded()).split("\n", -1)).containsAll(old));
    }

    @Test
    void certifiedFollowsTheEntrysOwnFieldsAndTheHeaderPrecedesTheEntries() {
        ObjectNode root = embedded();
        assertEquals(List.of("format", "kind", "description", "numbers", "certificate", "vectors", "functions"),
                names(root));
        assertEquals(List.of("op", "inputs", "output", "certified"), names(root.at("/vectors/0")));
        assertEquals(List.of("op", "inputs"), names(root.at("/vectors/3")));
        assertEquals(List.of("name", "output", "certified"), names(root.at("/functions/0")));
        ObjectNode noArrays = Tiny.MAPPER.createObjectNode().put("kind", "x");
        assertEquals(List.of("kind", "certificate"), names(CertificateEmbedding.embed(noArrays, Tiny.certificate())));
    }

    @Test
    void theEmbeddedValuesAreTheCertificates() {
        ObjectNode root = embedded();
        JsonNode exp = root.at("/vectors/0/certified");
        assertEquals("elementwise-one-libm-call", exp.get("family").asText());
        assertEquals("ulps <= 1", exp.get("bound").asText());
        assertEquals(1, exp.get("max_ulps").asInt());
        assertEquals("{\"exact\":\"2.718281828459045235360287\",\"ulps\":1}",
                exp.get("values").get("/output/0/1").toString());
        assertEquals("{\"exact\":\"0.6000000000000000055511151\",\"ulps\":1,\"scale\":\"0.6000000000000000055511151\","
                + "\"terms\":2}", root.at("/vectors/1/certified/values").get("/output/0/0").toString());
        JsonNode adam = root.at("/vectors/2/certified/values");
        assertEquals("{\"exact\":\"1.0\",\"ulps\":2,\"framework_order\":1.0000000000000004}",
                adam.get("/output/m/0").toString());
        assertEquals("{\"exact\":\"0.5\",\"ulps\":0}", adam.get("/output/a~1b").toString());
        assertEquals(2, root.at("/vectors/2/certified/max_ulps").asInt());
        JsonNode h = root.get("certificate");
        assertEquals(List.of("format", "source", "script", "digits", "mpmath", "fields", "exact", "ulps", "bound",
                "entries", "values", "max_ulps", "families"), names(h));
        assertEquals("verify/src/main/resources/io/github/dlref/verify/certificates/tiny.json",
                h.get("source").asText());
        assertEquals(4, h.get("entries").asInt());
        assertEquals(7, h.get("values").asInt());
        assertEquals(2, h.get("max_ulps").asInt());
        assertEquals("[\"output\"]", h.get("fields").toString());
        assertEquals("{\"description\":\"recursive summation: |fl(S) - S| <= gamma_{n-1} sum |x_i|\",\"ulps\":0,"
                + "\"scaled\":1,\"scale\":\"sum of |x_i|; terms = n - 1\",\"order\":null}",
                h.at("/families/row-reduction").toString());
        assertTrue(h.at("/families/elementwise-one-libm-call/scaled").isNull());
    }

    @Test
    void aNonFiniteFrameworkOrderIsAString() {
        String text = Tiny.text("tiny.cert.json").replace("\"framework_order\": 1.0000000000000004",
                "\"framework_order\": -Infinity");
        ObjectNode root = CertificateEmbedding.embed(Tiny.vectors(), CertificateReader.read("t", text));
        assertEquals("\"-Infinity\"", root.at("/vectors/2/certified/values").get("/output/m/0")
                .get("framework_order").toString());
    }

    @Test
    void anEntryTheFileDoesNotHoldIsLeftOut() {
        Certificate c = Tiny.certificate(t -> Tiny.entry(t, 0).put("entry", "/vectors/9"));
        ObjectNode root = CertificateEmbedding.embed(Tiny.vectors(), c);
        assertFalse(root.at("/vectors/0").has("certified"));
        assertEquals(4, root.get("vectors").size());
    }

    private static JsonNode parse(String text) {
        try {
            return Tiny.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(out::add);
        return out;
    }
}
