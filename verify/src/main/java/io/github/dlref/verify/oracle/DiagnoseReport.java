package io.github.dlref.verify.oracle;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@code dlref diagnose}: every replayed variant with its comparison against the other
 * implementation, ordered by {@link Diagnoser#RANKING}: matching variants first (the declared one, then those
 * changing the fewest axes), then the others by the step of their first failure (later first) and normwise error.
 *
 * @param tolerance the tolerance a variant must meet to match
 * @param results the variants and their comparisons, ordered as described
 * @param verdict one sentence, such as
 *     {@code matches Keras epsilon-hat Adam (...); not the spec's own Algorithm 1 Adam (...)}
 */
public record DiagnoseReport(Tolerance tolerance, List<Result> results, String verdict) {

    /**
     * Copies.
     *
     * @param tolerance the tolerance
     * @param results the results
     * @param verdict the verdict
     */
    public DiagnoseReport {
        Objects.requireNonNull(tolerance, "tolerance");
        results = List.copyOf(results);
        Objects.requireNonNull(verdict, "verdict");
    }

    /**
     * One variant and how it compares.
     *
     * @param variant the variant
     * @param report the comparison of its trajectory with theirs
     */
    public record Result(Variant variant, CheckReport report) {

        /**
         * Whether the variant reproduces the other implementation within the tolerance.
         *
         * @return {@code report().passed()}
         */
        public boolean matched() {
            return report.passed();
        }
    }

    /**
     * The variants that match.
     *
     * @return the matching results, in order
     */
    public List<Result> matches() {
        return results.stream().filter(Result::matched).toList();
    }

    /**
     * Whether any variant matches.
     *
     * @return {@code true} if at least one does
     */
    public boolean anyMatch() {
        return results.stream().anyMatch(Result::matched);
    }
}
