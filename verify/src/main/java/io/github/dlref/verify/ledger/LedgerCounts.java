package io.github.dlref.verify.ledger;

import java.util.List;

/**
 * How many entries of a document (or of the whole ledger) have each verdict.
 *
 * @param entries all entries
 * @param reproduced entries reproduced by an example or a test
 * @param errata entries that are errata
 * @param conventions entries resolved by a convention
 * @param notComputable entries with nothing to compute
 */
public record LedgerCounts(int entries, int reproduced, int errata, int conventions, int notComputable) {

    /**
     * Validates that the four verdicts add up to the entries.
     *
     * @param entries all entries
     * @param reproduced reproduced
     * @param errata errata
     * @param conventions conventions
     * @param notComputable not computable
     * @throws IllegalArgumentException if a count is negative or they do not add up
     */
    public LedgerCounts {
        if (reproduced < 0 || errata < 0 || conventions < 0 || notComputable < 0
                || reproduced + errata + conventions + notComputable != entries) {
            throw new IllegalArgumentException("LedgerCounts: the verdicts " + reproduced + " + " + errata + " + "
                    + conventions + " + " + notComputable + " must add up to the " + entries + " entries");
        }
    }

    /**
     * Counts the verdicts of the given entries.
     *
     * @param entries the entries
     * @return the counts
     */
    public static LedgerCounts of(List<LedgerEntry> entries) {
        int reproduced = 0;
        int errata = 0;
        int conventions = 0;
        int notComputable = 0;
        for (LedgerEntry e : entries) {
            Verdict v = e.verdict();
            if (v instanceof Verdict.Reproduced) {
                reproduced++;
            } else if (v instanceof Verdict.Erratum) {
                errata++;
            } else if (v instanceof Verdict.Convention) {
                conventions++;
            } else {
                notComputable++;
            }
        }
        return new LedgerCounts(entries.size(), reproduced, errata, conventions, notComputable);
    }
}
