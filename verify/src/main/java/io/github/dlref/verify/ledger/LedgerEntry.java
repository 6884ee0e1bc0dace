package io.github.dlref.verify.ledger;

/**
 * One formula, derivation line, algorithm step, default or stated number of a source document.
 *
 * @param id a stable id, {@code <document short id>/<slug>} (lower case, digits, {@code -}, {@code /}, {@code .})
 * @param section the section heading it stands under, in English, outermost first ({@code "2 > 2.3 AdaGrad"})
 * @param form the document's form, transcribed as ASCII or LaTeX-like text (not its prose)
 * @param verdict dlref's verdict
 */
public record LedgerEntry(String id, String section, String form, Verdict verdict) {

    /**
     * Validates the fields.
     *
     * @param id the id
     * @param section the section
     * @param form the form
     * @param verdict the verdict
     * @throws IllegalArgumentException if a text is blank, the id is malformed, or the verdict is null
     */
    public LedgerEntry {
        if (id == null || !id.matches("[a-z0-9-]+/[a-z0-9./-]+")) {
            throw new IllegalArgumentException("LedgerEntry: id must be <document>/<slug> in lower case, got '"
                    + id + "'");
        }
        if (section == null || section.isBlank() || form == null || form.isBlank()) {
            throw new IllegalArgumentException("LedgerEntry " + id + ": section and form must be non-blank");
        }
        if (verdict == null) {
            throw new IllegalArgumentException("LedgerEntry " + id + ": a verdict is required");
        }
    }

    /**
     * The document short id, the part of {@link #id()} before the first {@code /}.
     *
     * @return the short id
     */
    public String documentId() {
        return id.substring(0, id.indexOf('/'));
    }
}
