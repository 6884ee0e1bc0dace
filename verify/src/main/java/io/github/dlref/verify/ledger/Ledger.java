package io.github.dlref.verify.ledger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The ledger of the source documents: one {@link LedgerDocument} per document, in the order of
 * {@code shared/sources/README.md}.
 *
 * <p>The file format ({@code ledger.json}, format {@code dlref-ledger/1}):
 * <pre>
 * {"format": "dlref-ledger/1",
 *  "documents": [{"id": SHORT_ID, "title": TITLE, "entries": [
 *     {"id": SHORT_ID/SLUG, "section": HEADING, "form": FORMULA, "verdict": "reproduced", "evidence": [REF, ...]},
 *     {..., "verdict": "erratum", "erratum": ERRATUM_ID, "evidence": [REF, ...]},
 *     {..., "verdict": "convention", "ambiguity": TEXT, "pick": TEXT, "agree": TEXT, "evidence": [REF, ...]},
 *     {..., "verdict": "not-computable", "reason": TEXT}]}]}
 * </pre>
 * where a {@code REF} is a {@link Reference} string. Unknown or missing keys, duplicate keys and duplicate ids
 * are errors; {@code evidence} is optional only for a convention.
 *
 * @param documents the documents, in order
 */
public record Ledger(List<LedgerDocument> documents) {

    /** The format name this reader accepts. */
    public static final String FORMAT = "dlref-ledger/1";

    /** The classpath resource of the project's ledger. */
    public static final String RESOURCE = "/io/github/dlref/verify/ledger/ledger.json";

    /**
     * Validates the documents: at least one, no null, document and entry ids unique.
     *
     * @param documents the documents
     * @throws IllegalArgumentException if not
     */
    public Ledger {
        if (documents == null || documents.isEmpty() || documents.stream().anyMatch(d -> d == null)) {
            throw new IllegalArgumentException("Ledger: documents must be non-empty, no null");
        }
        Set<String> ids = new HashSet<>();
        for (LedgerDocument d : documents) {
            if (!ids.add(d.shortId())) {
                throw new IllegalArgumentException("Ledger: document " + d.shortId() + " appears twice");
            }
            for (LedgerEntry e : d.entries()) {
                if (!ids.add(e.id())) {
                    throw new IllegalArgumentException("Ledger: entry id " + e.id() + " appears twice");
                }
            }
        }
        documents = List.copyOf(documents);
    }

    /**
     * The project's ledger, read from {@link #RESOURCE}.
     *
     * @return the ledger
     * @throws IllegalStateException if the resource is missing or invalid (a build error, not a user error)
     */
    public static Ledger standard() {
        try (InputStream in = Ledger.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Ledger: resource " + RESOURCE + " is missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Ledger: cannot read " + RESOURCE, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a ledger.
     *
     * @param json the text, in the format of the class documentation
     * @return the ledger
     * @throws IllegalArgumentException naming the JSON path ({@code $.documents[0].entries[3].verdict}) of the
     *     first problem
     */
    public static Ledger parse(String json) {
        JsonNode root = readTree(json);
        object(root, "$", List.of("format", "documents"));
        String format = text(root, "$", "format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("$.format: expected " + FORMAT + ", got " + format);
        }
        JsonNode docs = array(root, "$", "documents");
        List<LedgerDocument> documents = new ArrayList<>();
        for (int d = 0; d < docs.size(); d++) {
            String path = "$.documents[" + d + "]";
            JsonNode doc = docs.get(d);
            object(doc, path, List.of("id", "title", "entries"));
            String shortId = text(doc, path, "id");
            String title = text(doc, path, "title");
            JsonNode list = array(doc, path, "entries");
            List<LedgerEntry> entries = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                entries.add(entry(list.get(i), path + ".entries[" + i + "]"));
            }
            documents.add(rethrowAt(path, () -> new LedgerDocument(shortId, title, entries)));
        }
        return rethrowAt("$", () -> new Ledger(documents));
    }

    private static LedgerEntry entry(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(path + ": expected an object");
        }
        String kind = text(node, path, "verdict");
        List<String> keys = new ArrayList<>(List.of("id", "section", "form", "verdict"));
        switch (kind) {
            case "reproduced" -> keys.add("evidence");
            case "erratum" -> keys.addAll(List.of("erratum", "evidence"));
            case "convention" -> keys.addAll(List.of("ambiguity", "pick", "agree", "evidence"));
            case "not-computable" -> keys.add("reason");
            default -> throw new IllegalArgumentException(path + ".verdict: expected reproduced, erratum, convention "
                    + "or not-computable, got " + kind);
        }
        object(node, path, keys);
        String id = text(node, path, "id");
        String section = text(node, path, "section");
        String form = text(node, path, "form");
        Verdict verdict = rethrowAt(path, () -> switch (kind) {
            case "reproduced" -> new Verdict.Reproduced(references(node, path, true));
            case "erratum" -> new Verdict.Erratum(text(node, path, "erratum"), references(node, path, true));
            case "convention" -> new Verdict.Convention(text(node, path, "ambiguity"), text(node, path, "pick"),
                    text(node, path, "agree"), references(node, path, false));
            default -> new Verdict.NotComputable(text(node, path, "reason"));
        });
        return rethrowAt(path, () -> new LedgerEntry(id, section, form, verdict));
    }

    private static List<Reference> references(JsonNode node, String path, boolean required) {
        if (!required && !node.has("evidence")) {
            return List.of();
        }
        JsonNode list = array(node, path, "evidence");
        List<Reference> refs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = path + ".evidence[" + i + "]";
            JsonNode r = list.get(i);
            if (!r.isTextual()) {
                throw new IllegalArgumentException(at + ": expected a string, got " + r.getNodeType());
            }
            refs.add(rethrowAt(at, () -> Reference.parse(r.asText())));
        }
        return refs;
    }

    private static JsonNode readTree(String json) {
        ObjectMapper mapper = new ObjectMapper();
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try {
            JsonNode root = json == null ? null : mapper.readTree(json);
            if (root == null || root.isMissingNode()) {
                throw new IllegalArgumentException("$: expected a JSON object, got an empty document");
            }
            return root;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new IllegalArgumentException("$: not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        }
    }

    private static void object(JsonNode node, String path, List<String> allowed) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(path + ": expected an object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(path + "." + key + ": unknown key; expected one of " + allowed);
            }
        }
    }

    private static String text(JsonNode node, String path, String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(path + "." + key + ": expected a non-blank string, got "
                    + (v == null ? "nothing" : v.toString()));
        }
        return v.asText();
    }

    private static JsonNode array(JsonNode node, String path, String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException(path + "." + key + ": expected an array, got "
                    + (v == null ? "nothing" : v.getNodeType().toString()));
        }
        return v;
    }

    /** A computation whose {@link IllegalArgumentException} gets the JSON path in front of its message. */
    private interface Build<T> {
        T get();
    }

    private static <T> T rethrowAt(String path, Build<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("$")) {
                throw e;
            }
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The document with the given short id.
     *
     * @param shortId the short id
     * @return the document
     * @throws IllegalArgumentException if the ledger has no such document
     */
    public LedgerDocument document(String shortId) {
        return documents.stream().filter(d -> d.shortId().equals(shortId)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("Ledger: no document " + shortId));
    }

    /**
     * Every entry of every document, in order.
     *
     * @return the entries
     */
    public List<LedgerEntry> entries() {
        return documents.stream().flatMap(d -> d.entries().stream()).toList();
    }

    /**
     * The counts over the whole ledger.
     *
     * @return the counts
     */
    public LedgerCounts counts() {
        return LedgerCounts.of(entries());
    }
}
