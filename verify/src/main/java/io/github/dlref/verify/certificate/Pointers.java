package io.github.dlref.verify.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** RFC 6901 JSON pointers: syntax, resolution and escaping, and the numeric leaves of a tree. */
final class Pointers {

    private Pointers() {
    }

    /**
     * Whether {@code p} is a pointer to something inside the document: non-empty, {@code /}-separated tokens in which
     * {@code ~} is {@code ~0} or {@code ~1} (RFC 6901's whole-document pointer, the empty string, is not one).
     */
    static boolean valid(String p) {
        if (!p.startsWith("/")) {
            return false;
        }
        for (int i = 0; i < p.length(); i++) {
            if (p.charAt(i) == '~' && (i + 1 >= p.length() || (p.charAt(i + 1) != '0' && p.charAt(i + 1) != '1'))) {
                return false;
            }
        }
        return true;
    }

    /** The node at a valid, non-empty pointer, or null when it does not resolve (an index has no leading 0). */
    static JsonNode resolve(JsonNode root, String pointer) {
        JsonNode node = root;
        for (String raw : pointer.substring(1).split("/", -1)) {
            String token = raw.replace("~1", "/").replace("~0", "~");
            if (node.isArray()) {
                if (!token.matches("0|[1-9][0-9]{0,8}") || Integer.parseInt(token) >= node.size()) {
                    return null;
                }
                node = node.get(Integer.parseInt(token));
            } else if (node.isObject() && node.has(token)) {
                node = node.get(token);
            } else {
                return null;
            }
        }
        return node;
    }

    /** A field name as a pointer token. */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** Whether a node is a numeric leaf: a number, or one of the strings NaN, Infinity, -Infinity. */
    static boolean numeric(JsonNode n) {
        return n.isNumber() || (n.isTextual() && nonFinite(n.textValue()));
    }

    /** Whether a text is one of NaN, Infinity, -Infinity. */
    static boolean nonFinite(String s) {
        return "NaN".equals(s) || "Infinity".equals(s) || "-Infinity".equals(s);
    }

    /** The double of a numeric leaf. */
    static double number(JsonNode n) {
        return n.isNumber() ? n.doubleValue() : Double.parseDouble(n.textValue());
    }

    /** Every numeric leaf under {@code node} (pointers from {@code base}), in document order. */
    static List<Map.Entry<String, JsonNode>> leaves(JsonNode node, String base) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        collect(node, base, out);
        return out;
    }

    private static void collect(JsonNode node, String base, List<Map.Entry<String, JsonNode>> out) {
        if (numeric(node)) {
            out.add(Map.entry(base, node));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), base + "/" + i, out);
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(f -> collect(f.getValue(), base + "/" + escape(f.getKey()), out));
        }
    }
}
