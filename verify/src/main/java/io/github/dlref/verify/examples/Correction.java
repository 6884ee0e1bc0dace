package io.github.dlref.verify.examples;

import java.util.OptionalDouble;

/**
 * A mistake in a source document that a worked example corrects: the document's form, the corrected
 * form, and (where the document's form can be evaluated) the value the document's form gives, which the
 * example must <em>refute</em>. Each correction has an entry in {@code docs/errata.md} under the same id.
 *
 * @param erratumId the id of the entry in {@code docs/errata.md}, such as {@code dl-optimization-1}
 * @param documentForm the document's form, transcribed as a formula
 * @param correctedForm the corrected form
 * @param documentValue the value of the document's form at the example's point, if it can be evaluated;
 *     it may be NaN or infinite (that is then part of the evidence)
 * @param reading how the document's form was read to evaluate it, or why it cannot be evaluated
 */
public record Correction(String erratumId, String documentForm, String correctedForm, OptionalDouble documentValue,
        String reading) {

    /**
     * Validates the fields.
     *
     * @param erratumId the erratum id
     * @param documentForm the document's form
     * @param correctedForm the corrected form
     * @param documentValue the document's value, or empty
     * @param reading the reading
     * @throws IllegalArgumentException if a text is null or blank or {@code documentValue} is null
     */
    public Correction {
        for (String[] field : new String[][] {{"erratumId", erratumId}, {"documentForm", documentForm},
                {"correctedForm", correctedForm}, {"reading", reading}}) {
            if (field[1] == null || field[1].isBlank()) {
                throw new IllegalArgumentException("Correction: " + field[0] + " must be non-blank");
            }
        }
        if (documentValue == null) {
            throw new IllegalArgumentException("Correction " + erratumId + ": documentValue must not be null "
                    + "(use OptionalDouble.empty())");
        }
    }

    /**
     * A correction whose document form evaluates to {@code documentValue}.
     *
     * @param erratumId the erratum id
     * @param documentForm the document's form
     * @param correctedForm the corrected form
     * @param documentValue the document's value at the example's point
     * @param reading how the document's form was read
     * @return the correction
     */
    public static Correction evaluated(String erratumId, String documentForm, String correctedForm,
            double documentValue, String reading) {
        return new Correction(erratumId, documentForm, correctedForm, OptionalDouble.of(documentValue), reading);
    }

    /**
     * A correction whose document form cannot be evaluated as written.
     *
     * @param erratumId the erratum id
     * @param documentForm the document's form
     * @param correctedForm the corrected form
     * @param whyNot why the document's form has no value
     * @return the correction
     */
    public static Correction notEvaluable(String erratumId, String documentForm, String correctedForm,
            String whyNot) {
        return new Correction(erratumId, documentForm, correctedForm, OptionalDouble.empty(), whyNot);
    }
}
