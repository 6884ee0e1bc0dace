package io.github.dlref.cli;

import io.github.dlref.verify.examples.WorkedExample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The short report of {@code dlref examples}, which fits a terminal of 80 columns: one line per source document
 * (its short id, the number of its examples that were reproduced and of those it has, the number of document
 * mistakes (errata) its examples demonstrate, and PASS or FAIL), then each failing example's id with the expected
 * and computed values, a pointer to the full table, and the overall verdict as the last line.
 * {@link TableRenderer} prints the full table ({@code --all}).
 */
final class ExamplesSummary {

    private ExamplesSummary() {
    }

    /**
     * Renders the summary.
     *
     * @param examples the examples, in order (grouped by document in order of first appearance)
     * @return the text, each line ending with a line separator
     */
    static String render(List<WorkedExample> examples) {
        Map<String, List<WorkedExample>> byDocument = new LinkedHashMap<>();
        for (WorkedExample e : examples) {
            byDocument.computeIfAbsent(e.source().shortId(), k -> new java.util.ArrayList<>()).add(e);
        }
        int nameWidth = "document".length();
        for (String d : byDocument.keySet()) {
            nameWidth = Math.max(nameWidth, d.length());
        }
        String format = "%-" + nameWidth + "s  %12s  %6s  %6s%n";
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, format, "document", "reproduced", "errata",
                "status").replace("\n", nl));
        Set<String> allErrata = new TreeSet<>();
        long passed = 0;
        for (Map.Entry<String, List<WorkedExample>> d : byDocument.entrySet()) {
            long ok = d.getValue().stream().filter(WorkedExample::passed).count();
            Set<String> errata = new TreeSet<>();
            for (WorkedExample e : d.getValue()) {
                e.correction().ifPresent(c -> errata.add(c.erratumId()));
            }
            allErrata.addAll(errata);
            passed += ok;
            sb.append(String.format(Locale.ROOT, format, d.getKey(), ok + " of " + d.getValue().size(),
                    errata.size(), ok == d.getValue().size() ? "PASS" : "FAIL").replace("\n", nl));
        }
        long failed = examples.size() - passed;
        if (failed > 0) {
            sb.append(nl).append("Failures:").append(nl);
            for (WorkedExample e : examples) {
                if (!e.passed()) {
                    sb.append("  ").append(e.id()).append(": expected ").append(e.expected()).append(", computed ")
                            .append(e.computed()).append(nl);
                }
            }
        }
        sb.append(nl).append("Full table: dlref examples --all; the errata: docs/errata.md").append(nl);
        if (failed == 0) {
            sb.append("PASS: all ").append(examples.size()).append(" examples of ").append(byDocument.size())
                    .append(byDocument.size() == 1 ? " document" : " documents").append(" reproduced (")
                    .append(allErrata.size()).append(" errata)").append(nl);
        } else {
            sb.append("FAIL: ").append(failed).append(" of ").append(examples.size())
                    .append(" examples not reproduced").append(nl);
        }
        return sb.toString();
    }
}
