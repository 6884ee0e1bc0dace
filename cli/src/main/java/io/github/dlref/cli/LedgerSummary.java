package io.github.dlref.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlref.verify.ledger.Ledger;
import io.github.dlref.verify.ledger.LedgerCounts;
import io.github.dlref.verify.ledger.LedgerDocument;
import java.util.Locale;

/**
 * What {@code dlref examples --ledger} prints: per source document, how many entries the ledger of the documents
 * has ({@code docs/ledger.md}) and how many of them are reproduced, errata, conventions and not computable, then the
 * totals; within 80 columns. {@link #json(Ledger)} gives the same counts as JSON.
 */
final class LedgerSummary {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LedgerSummary() {
    }

    /**
     * Renders the table.
     *
     * @param ledger the ledger
     * @return the text, each line ending with a line separator
     */
    static String render(Ledger ledger) {
        int nameWidth = "document".length();
        for (LedgerDocument d : ledger.documents()) {
            nameWidth = Math.max(nameWidth, d.shortId().length());
        }
        String format = "%-" + nameWidth + "s  %7s  %10s  %6s  %11s  %14s%n";
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, format, "document", "entries", "reproduced",
                "errata", "conventions", "not computable").replace("\n", nl));
        for (LedgerDocument d : ledger.documents()) {
            row(sb, format, nl, d.shortId(), d.counts());
        }
        row(sb, format, nl, "all", ledger.counts());
        sb.append(nl).append("Every entry with its form, verdict and evidence: docs/ledger.md").append(nl);
        return sb.toString();
    }

    private static void row(StringBuilder sb, String format, String nl, String name, LedgerCounts c) {
        sb.append(String.format(Locale.ROOT, format, name, c.entries(), c.reproduced(), c.errata(), c.conventions(),
                c.notComputable()).replace("\n", nl));
    }

    /**
     * Renders the counts as JSON: {@code {"documents": [{"id", "title", "entries", "reproduced", "errata",
     * "conventions", "notComputable"}, ...], "all": {...}}}.
     *
     * @param ledger the ledger
     * @return the JSON text
     */
    static String json(Ledger ledger) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode documents = root.putArray("documents");
        for (LedgerDocument d : ledger.documents()) {
            ObjectNode node = documents.addObject().put("id", d.shortId()).put("title", d.title());
            counts(node, d.counts());
        }
        counts(root.putObject("all"), ledger.counts());
        try {
            return MAPPER.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("LedgerSummary: cannot write JSON", e);
        }
    }

    private static void counts(ObjectNode node, LedgerCounts c) {
        node.put("entries", c.entries()).put("reproduced", c.reproduced()).put("errata", c.errata())
                .put("conventions", c.conventions()).put("notComputable", c.notComputable());
    }
}
