package io.github.dlref.verify.examples;

import java.util.Optional;

/**
 * One reproduced worked example: a quantity from a source, the value the source states (or the value of
 * the formula it states, or of its corrected form), the value dlref computes, and how the two are
 * compared.
 *
 * <p>An example <em>passes</em> when {@link #comparison()} accepts {@code (expected, computed)} and, if it
 * carries a {@link Correction} whose document form has a value, the same comparison <em>rejects</em>
 * {@code (documentValue, computed)}: an erratum is only proven if the document's form really disagrees
 * with the computation.
 *
 * @param id a unique id, such as {@code cs231n-opt-bp/quadratic/gradient-at-2}: non-blank, no whitespace
 * @param source where the example comes from
 * @param quantity what is computed, such as {@code dy/dx of y = 3x^2 + 6x at x = 2}
 * @param stated the source's stated value or formula as text, such as {@code 18} or
 *     {@code h2 (y_hat2 - y2)} (for a corrected example, the corrected form)
 * @param expected the stated value, or the stated formula evaluated (in double, by hand-written code
 *     independent of the engine)
 * @param computed the value dlref computes (engine, numeric differences, or the implementation under
 *     test)
 * @param comparison how {@code computed} is compared with {@code expected}
 * @param correction the document mistake this example corrects, if any
 */
public record WorkedExample(String id, SourceRef source, String quantity, String stated, double expected,
        double computed, Comparison comparison, Optional<Correction> correction) {

    /**
     * Validates the fields.
     *
     * @param id the id
     * @param source the source
     * @param quantity the quantity
     * @param stated the stated value or formula
     * @param expected the expected value
     * @param computed the computed value
     * @param comparison the comparison
     * @param correction the correction, or empty
     * @throws IllegalArgumentException if a field is null, a text is blank, or {@code id} contains
     *     whitespace
     */
    public WorkedExample {
        if (id == null || id.isBlank() || id.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("WorkedExample: id must be non-blank without whitespace, got '"
                    + id + "'");
        }
        if (source == null || comparison == null || correction == null) {
            throw new IllegalArgumentException("WorkedExample " + id + ": source, comparison and correction "
                    + "must not be null");
        }
        if (quantity == null || quantity.isBlank() || stated == null || stated.isBlank()) {
            throw new IllegalArgumentException("WorkedExample " + id + ": quantity and stated must be non-blank");
        }
    }

    /**
     * Whether the example passes (see the class documentation).
     *
     * @return {@code true} if the computed value matches the expected value and any correction's
     *     document value is refuted
     */
    public boolean passed() {
        return comparison.accepts(expected, computed) && !documentFormAccepted();
    }

    /**
     * Whether the document's (uncorrected) form would also be accepted, which would mean the correction is
     * not demonstrated by this example.
     *
     * @return {@code true} if there is a correction with a document value that the comparison accepts
     */
    public boolean documentFormAccepted() {
        return correction.isPresent() && correction.get().documentValue().isPresent()
                && comparison.accepts(correction.get().documentValue().getAsDouble(), computed);
    }

    /**
     * The status word printed by the command line.
     *
     * @return {@code "PASS"} or {@code "FAIL"}
     */
    public String status() {
        return passed() ? "PASS" : "FAIL";
    }
}
