package io.github.dlref.verify.ledger;

import java.util.List;

/**
 * The entries of one source document, in document order.
 *
 * @param shortId the document's short id ({@code shared/sources/README.md}), such as {@code bp-optimizers}
 * @param title the document's title, as the README gives it (with an English gloss where it is not English)
 * @param entries the entries, section by section in the order the document is written
 */
public record LedgerDocument(String shortId, String title, List<LedgerEntry> entries) {

    /**
     * Validates the fields.
     *
     * @param shortId the short id
     * @param title the title
     * @param entries the entries
     * @throws IllegalArgumentException if a text is blank, there are no entries, or an entry's id does not start
     *     with {@code shortId/}
     */
    public LedgerDocument {
        if (shortId == null || shortId.isBlank() || title == null || title.isBlank()) {
            throw new IllegalArgumentException("LedgerDocument: shortId and title must be non-blank");
        }
        if (entries == null || entries.isEmpty() || entries.stream().anyMatch(e -> e == null)) {
            throw new IllegalArgumentException("LedgerDocument " + shortId + ": entries must be non-empty, no null");
        }
        for (LedgerEntry e : entries) {
            if (!e.documentId().equals(shortId)) {
                throw new IllegalArgumentException("LedgerDocument " + shortId + ": entry " + e.id()
                        + " belongs to another document");
            }
        }
        entries = List.copyOf(entries);
    }

    /**
     * The counts of this document's verdicts.
     *
     * @return the counts
     */
    public LedgerCounts counts() {
        return LedgerCounts.of(entries);
    }
}
