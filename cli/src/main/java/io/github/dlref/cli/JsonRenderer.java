package io.github.dlref.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlref.verify.examples.Comparison;
import io.github.dlref.verify.examples.Correction;
import io.github.dlref.verify.examples.WorkedExample;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Renders worked examples as one JSON document:
 * <pre>{@code
 * {"summary": {"total": 2, "passed": 2, "failed": 0},
 *  "examples": [{"id": ..., "source": {"shortId": ..., "section": ...}, "quantity": ..., "stated": ...,
 *                "expected": 18.0, "computed": 18.0,
 *                "comparison": {"kind": "exact" | "tolerance" | "ulps", "description": ...,
 *                               "absolute": ..., "relative": ..., "maxUlps": ..., "reason": ...},
 *                "status": "PASS", "passed": true,
 *                "correction": null | {"erratumId": ..., "documentForm": ..., "correctedForm": ...,
 *                                      "documentValue": number | "NaN" | "Infinity" | null, "reading": ...}}]}
 * }</pre>
 * Finite doubles are written as Jackson writes a {@code double}, which is {@link Double#toString(double)}:
 * the text parses back to the identical double. Non-finite values (which can only occur as a document's
 * value, such as a division by zero) are written as the strings {@code "NaN"}, {@code "Infinity"} and
 * {@code "-Infinity"}.
 */
public final class JsonRenderer {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonRenderer() {
    }

    /**
     * Renders the examples.
     *
     * @param examples the examples, in order
     * @return the JSON text (no trailing line separator)
     */
    public static String render(List<WorkedExample> examples) {
        ObjectNode root = MAPPER.createObjectNode();
        long passed = examples.stream().filter(WorkedExample::passed).count();
        ObjectNode summary = root.putObject("summary");
        summary.put("total", examples.size());
        summary.put("passed", passed);
        summary.put("failed", examples.size() - passed);
        ArrayNode array = root.putArray("examples");
        for (WorkedExample e : examples) {
            ObjectNode node = array.addObject();
            node.put("id", e.id());
            ObjectNode source = node.putObject("source");
            source.put("shortId", e.source().shortId());
            source.put("section", e.source().section());
            node.put("quantity", e.quantity());
            node.put("stated", e.stated());
            putDouble(node, "expected", e.expected());
            putDouble(node, "computed", e.computed());
            comparison(node.putObject("comparison"), e.comparison());
            node.put("status", e.status());
            node.put("passed", e.passed());
            if (e.correction().isPresent()) {
                Correction c = e.correction().get();
                ObjectNode cn = node.putObject("correction");
                cn.put("erratumId", c.erratumId());
                cn.put("documentForm", c.documentForm());
                cn.put("correctedForm", c.correctedForm());
                if (c.documentValue().isPresent()) {
                    putDouble(cn, "documentValue", c.documentValue().getAsDouble());
                } else {
                    cn.putNull("documentValue");
                }
                cn.put("reading", c.reading());
            } else {
                node.putNull("correction");
            }
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException("examples: cannot write JSON: " + ex.getOriginalMessage(), ex);
        }
    }

    private static void putDouble(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.put(field, Double.toString(value));
        }
    }

    private static void comparison(ObjectNode node, Comparison comparison) {
        node.put("description", comparison.describe());
        if (comparison instanceof Comparison.Tolerance t) {
            node.put("kind", "tolerance");
            node.put("absolute", t.absolute());
            node.put("relative", t.relative());
            node.put("reason", t.reason());
        } else if (comparison instanceof Comparison.Ulps u) {
            node.put("kind", "ulps");
            node.put("maxUlps", u.maxUlps());
            node.put("reason", u.reason());
        } else {
            node.put("kind", "exact");
        }
    }
}
