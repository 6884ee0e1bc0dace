package io.github.dlref.verify.examples;

/**
 * Where a worked example comes from: a source's short id (one of the five documents in
 * {@code shared/sources/README.md}, such as {@code cs231n-opt-bp}, or an outside reference such as
 * {@code micrograd}) and a section within it, named in English after the document's heading.
 *
 * @param shortId the source's short id: non-blank, no whitespace
 * @param section the section or heading, non-blank
 */
public record SourceRef(String shortId, String section) {

    /**
     * Validates the fields.
     *
     * @param shortId the short id
     * @param section the section
     * @throws IllegalArgumentException if either is null or blank, or {@code shortId} contains whitespace
     */
    public SourceRef {
        if (shortId == null || shortId.isBlank() || shortId.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("SourceRef: shortId must be non-blank without whitespace, got '"
                    + shortId + "'");
        }
        if (section == null || section.isBlank()) {
            throw new IllegalArgumentException("SourceRef: section must be non-blank for source " + shortId);
        }
    }

    /**
     * The form used in tables: {@code shortId §section}.
     *
     * @return the short form
     */
    @Override
    public String toString() {
        return shortId + " \u00a7" + section;
    }
}
