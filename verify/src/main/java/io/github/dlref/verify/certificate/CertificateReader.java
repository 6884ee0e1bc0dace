package io.github.dlref.verify.certificate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads certificates (format {@value Certificate#FORMAT}; see {@code scripts/certify/certlib.py}) and refuses a
 * malformed one with a {@link CertificateException} whose one-line message names the resource and the JSON path.
 *
 * <p>Checked here: the JSON parses (no duplicate keys; {@code NaN}, {@code Infinity} and {@code -Infinity} are
 * accepted as numbers, as Python's {@code json} writes them); {@code format} is {@value Certificate#FORMAT};
 * {@code vectors} names a {@code .json} file; {@code digits} is at least 50; every family has a description, an
 * integer {@code ulps >= 0}, a positive {@code scaled} factor with a {@code scale} text or neither, and an optional
 * {@code order} text; every entry's {@code entry} and every value's {@code path} is an RFC 6901 pointer; every
 * entry names a family of the certificate; every value has a double {@code dlref}, an {@code exact} decimal that
 * {@link BigDecimal} reads (or {@code NaN}, {@code Infinity}, {@code -Infinity}), an integer {@code ulps >= 0},
 * and optionally a non-negative decimal {@code scale}, an integer {@code terms >= 1} and a double
 * {@code framework_order}. Unknown keys are refused (a misspelt key would otherwise be ignored).
 */
public final class CertificateReader {

    /** The classpath folder of the certificates. */
    public static final String RESOURCE_DIR = "io/github/dlref/verify/certificates/";

    /** The folder of the certificates in the source tree, from the project root. */
    public static final String SOURCE_DIR = "verify/src/main/resources/" + RESOURCE_DIR;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private CertificateReader() {
    }

    /**
     * The certificate of a vectors file from the classpath ({@value #RESOURCE_DIR}{@code <name>.json}), if it
     * exists.
     *
     * @param name the vectors file's name without {@code .json} (such as {@code ops})
     * @return the certificate, or empty when there is no such resource
     * @throws CertificateException if the resource is malformed
     * @throws UncheckedIOException if it cannot be read
     */
    public static Optional<Certificate> resource(String name) {
        String resource = RESOURCE_DIR + name + ".json";
        try (InputStream in = CertificateReader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(read(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a certificate.
     *
     * @param resource the resource's name, for messages
     * @param json the certificate's text
     * @return the certificate
     * @throws CertificateException if the text is not a well-formed certificate
     */
    public static Certificate read(String resource, String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CertificateException(resource, "$", "not JSON: " + e.getOriginalMessage().replace('\n', ' '));
        }
        return new Reader(resource).certificate(root);
    }

    /** One reading: the resource name for messages. */
    private static final class Reader {

        private final String resource;

        Reader(String resource) {
            this.resource = resource;
        }

        private CertificateException fail(String path, String message) {
            return new CertificateException(resource, path, message);
        }

        Certificate certificate(JsonNode root) {
            object("$", root, Set.of("format", "vectors", "script", "digits", "mpmath", "fields", "families",
                    "entries"));
            String format = text("$.format", root.get("format"));
            if (!Certificate.FORMAT.equals(format)) {
                throw fail("$.format", "expected \"" + Certificate.FORMAT + "\", got \"" + format + "\"");
            }
            String vectors = text("$.vectors", root.get("vectors"));
            if (!vectors.endsWith(".json") || vectors.contains("/")) {
                throw fail("$.vectors", "expected a file name ending in .json, got \"" + vectors + "\"");
            }
            String script = text("$.script", root.get("script"));
            long digits = integer("$.digits", root.get("digits"));
            if (digits < 50) {
                throw fail("$.digits", "expected at least 50 digits, got " + digits);
            }
            String mpmath = text("$.mpmath", root.get("mpmath"));
            JsonNode fieldsNode = root.get("fields");
            if (fieldsNode == null || !fieldsNode.isArray() || fieldsNode.isEmpty()) {
                throw fail("$.fields", "expected a non-empty array of field names");
            }
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < fieldsNode.size(); i++) {
                fields.add(text("$.fields[" + i + "]", fieldsNode.get(i)));
            }
            Map<String, Family> families = families(root.get("families"));
            JsonNode entriesNode = root.get("entries");
            if (entriesNode == null || !entriesNode.isArray()) {
                throw fail("$.entries", "expected an array of entries");
            }
            List<CertifiedEntry> entries = new ArrayList<>();
            for (int i = 0; i < entriesNode.size(); i++) {
                entries.add(entry("$.entries[" + i + "]", entriesNode.get(i), families));
            }
            return new Certificate(resource, vectors, script, (int) digits, mpmath, fields, families, entries);
        }

        private Map<String, Family> families(JsonNode node) {
            if (node == null || !node.isObject() || node.isEmpty()) {
                throw fail("$.families", "expected a non-empty object of families");
            }
            Map<String, Family> out = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                String p = "$.families." + f.getKey();
                JsonNode fam = f.getValue();
                object(p, fam, Set.of("description", "ulps", "scaled", "scale", "order"));
                String description = text(p + ".description", fam.get("description"));
                long ulps = integer(p + ".ulps", fam.get("ulps"));
                if (ulps < 0) {
                    throw fail(p + ".ulps", "expected an integer >= 0, got " + ulps);
                }
                BigDecimal scaled = null;
                JsonNode k = fam.get("scaled");
                if (k != null && !k.isNull()) {
                    if (!k.isNumber() || !Double.isFinite(k.doubleValue()) || k.doubleValue() <= 0) {
                        throw fail(p + ".scaled", "expected a positive number K or null, got " + k);
                    }
                    scaled = k.isIntegralNumber() ? new BigDecimal(k.bigIntegerValue()) : new BigDecimal(k.doubleValue());
                }
                String scale = optionalText(p + ".scale", fam.get("scale"));
                if ((scaled == null) != (scale == null)) {
                    throw fail(p + ".scale", "a scaled bound needs both the factor \"scaled\" and the \"scale\" text");
                }
                String order = optionalText(p + ".order", fam.get("order"));
                out.put(f.getKey(), new Family(f.getKey(), description, ulps, scaled, scale, order));
            }
            return out;
        }

        private CertifiedEntry entry(String p, JsonNode node, Map<String, Family> families) {
            object(p, node, Set.of("entry", "key", "family", "values"));
            String pointer = pointer(p + ".entry", node.get("entry"));
            String key = text(p + ".key", node.get("key"));
            String family = text(p + ".family", node.get("family"));
            if (!families.containsKey(family)) {
                throw fail(p + ".family", "unknown family \"" + family + "\" (families: " + families.keySet() + ")");
            }
            JsonNode values = node.get("values");
            if (values == null || !values.isArray() || values.isEmpty()) {
                throw fail(p + ".values", "expected a non-empty array of values");
            }
            List<CertifiedValue> out = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                out.add(value(p + ".values[" + i + "]", values.get(i)));
            }
            return new CertifiedEntry(pointer, key, family, out);
        }

        private CertifiedValue value(String p, JsonNode node) {
            object(p, node, Set.of("path", "dlref", "exact", "ulps", "scale", "terms", "framework_order"));
            String path = pointer(p + ".path", node.get("path"));
            double dlref = number(p + ".dlref", node.get("dlref"));
            String exact = text(p + ".exact", node.get("exact"));
            if (!Pointers.nonFinite(exact)) {
                decimal(p + ".exact", exact);
            }
            long ulps = integer(p + ".ulps", node.get("ulps"));
            if (ulps < 0) {
                throw fail(p + ".ulps", "expected an integer >= 0, got " + ulps);
            }
            String scale = null;
            if (node.has("scale")) {
                scale = text(p + ".scale", node.get("scale"));
                if (decimal(p + ".scale", scale).signum() < 0) {
                    throw fail(p + ".scale", "expected a non-negative decimal, got \"" + scale + "\"");
                }
            }
            int terms = 1;
            if (node.has("terms")) {
                long t = integer(p + ".terms", node.get("terms"));
                if (t < 1 || t > Integer.MAX_VALUE) {
                    throw fail(p + ".terms", "expected an integer >= 1, got " + t);
                }
                terms = (int) t;
            }
            Double framework = node.has("framework_order") ? number(p + ".framework_order", node.get("framework_order"))
                    : null;
            return new CertifiedValue(path, dlref, exact, ulps, scale, terms, framework);
        }

        private void object(String p, JsonNode node, Set<String> allowed) {
            if (node == null || !node.isObject()) {
                throw fail(p, "expected an object, got " + describe(node));
            }
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (!allowed.contains(n)) {
                    throw fail(p + "." + n, "unknown key (expected one of " + new java.util.TreeSet<>(allowed) + ")");
                }
            }
        }

        private String text(String p, JsonNode node) {
            if (node == null || !node.isTextual()) {
                throw fail(p, "expected a string, got " + describe(node));
            }
            return node.textValue();
        }

        private String optionalText(String p, JsonNode node) {
            return node == null || node.isNull() ? null : text(p, node);
        }

        private long integer(String p, JsonNode node) {
            if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
                throw fail(p, "expected an integer, got " + describe(node));
            }
            return node.longValue();
        }

        private double number(String p, JsonNode node) {
            if (node != null && (node.isNumber() || (node.isTextual() && Pointers.nonFinite(node.textValue())))) {
                return Pointers.number(node);
            }
            throw fail(p, "expected a number (or \"NaN\", \"Infinity\", \"-Infinity\"), got " + describe(node));
        }

        private BigDecimal decimal(String p, String s) {
            try {
                return new BigDecimal(s);
            } catch (NumberFormatException e) {
                throw fail(p, "expected a decimal number, got \"" + s + "\"");
            }
        }

        private String pointer(String p, JsonNode node) {
            String s = text(p, node);
            if (!Pointers.valid(s)) {
                throw fail(p, "expected an RFC 6901 pointer such as \"/vectors/3\", got \"" + s + "\"");
            }
            return s;
        }

        private static String describe(JsonNode node) {
            if (node == null || node.isMissingNode()) {
                return "nothing";
            }
            String s = node.toString();
            return s.length() > 60 ? s.substring(0, 57) + "..." : s;
        }
    }
}
