package io.github.dlref.verify.ledger;

import java.util.List;

/**
 * dlref's verdict on one ledger entry: exactly one of four kinds.
 */
public sealed interface Verdict {

    /**
     * The kind's name as written in the ledger ({@code reproduced}, {@code erratum}, {@code convention},
     * {@code not-computable}).
     *
     * @return the name
     */
    String kind();

    /**
     * The catalog examples and tests this verdict points to (empty for {@link NotComputable}).
     *
     * @return the references, in ledger order
     */
    List<Reference> evidence();

    private static List<Reference> evidence(String kind, List<Reference> evidence, boolean required) {
        if (evidence == null || evidence.stream().anyMatch(r -> r == null)) {
            throw new IllegalArgumentException("Verdict " + kind + ": evidence must not be null or contain null");
        }
        if (required && evidence.isEmpty()) {
            throw new IllegalArgumentException("Verdict " + kind + ": at least one example or test is required");
        }
        return List.copyOf(evidence);
    }

    private static void nonBlank(String kind, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Verdict " + kind + ": " + field + " must be non-blank");
        }
    }

    /**
     * The entry is computed by dlref and agrees with the document.
     *
     * @param evidence the catalog examples or tests that compute it; at least one
     */
    record Reproduced(List<Reference> evidence) implements Verdict {

        /**
         * Validates the evidence.
         *
         * @param evidence the references
         * @throws IllegalArgumentException if empty or null
         */
        public Reproduced {
            evidence = Verdict.evidence("reproduced", evidence, true);
        }

        @Override
        public String kind() {
            return "reproduced";
        }
    }

    /**
     * The entry is wrong in the document; {@code docs/errata.md} has the correction.
     *
     * @param erratumId the id of the entry in {@code docs/errata.md}, such as {@code bp-optimizers-2}
     * @param evidence the tests (or catalog examples) that prove the correction; at least one
     */
    record Erratum(String erratumId, List<Reference> evidence) implements Verdict {

        /**
         * Validates the fields.
         *
         * @param erratumId the erratum id
         * @param evidence the references
         * @throws IllegalArgumentException if the id is not {@code <document>-<number>} or the evidence is empty
         */
        public Erratum {
            if (erratumId == null || !erratumId.matches("[a-z0-9]+(-[a-z0-9]+)*-[0-9]+")) {
                throw new IllegalArgumentException("Verdict erratum: id must be <document>-<number>, got '"
                        + erratumId + "'");
            }
            evidence = Verdict.evidence("erratum", evidence, true);
        }

        @Override
        public String kind() {
            return "erratum";
        }
    }

    /**
     * The document is ambiguous; dlref picks one reading.
     *
     * @param ambiguity what the document leaves open
     * @param pick the reading dlref implements
     * @param agree the frameworks or references that use the same reading
     * @param evidence tests or examples of the pick (may be empty when the pick is a reading, not a number)
     */
    record Convention(String ambiguity, String pick, String agree, List<Reference> evidence) implements Verdict {

        /**
         * Validates the fields.
         *
         * @param ambiguity the ambiguity
         * @param pick the pick
         * @param agree who agrees
         * @param evidence the references
         * @throws IllegalArgumentException if a text is blank or the evidence is null
         */
        public Convention {
            nonBlank("convention", "ambiguity", ambiguity);
            nonBlank("convention", "pick", pick);
            nonBlank("convention", "agree", agree);
            evidence = Verdict.evidence("convention", evidence, false);
        }

        @Override
        public String kind() {
            return "convention";
        }
    }

    /**
     * The entry has no value to compute: a definition, a prose claim, a name.
     *
     * @param reason why, in a few words
     */
    record NotComputable(String reason) implements Verdict {

        /**
         * Validates the reason.
         *
         * @param reason the reason
         * @throws IllegalArgumentException if blank
         */
        public NotComputable {
            nonBlank("not-computable", "reason", reason);
        }

        @Override
        public String kind() {
            return "not-computable";
        }

        @Override
        public List<Reference> evidence() {
            return List.of();
        }
    }
}
