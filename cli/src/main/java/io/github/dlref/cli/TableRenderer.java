package io.github.dlref.cli;

import io.github.dlref.verify.examples.Correction;
import io.github.dlref.verify.examples.WorkedExample;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders worked examples as an aligned plain-text table with the columns ID, SOURCE, QUANTITY, EXPECTED,
 * COMPUTED, STATUS and STATED (the document's value or formula), then a summary line, the failures with
 * their comparison, and the corrections of document mistakes with their erratum ids. Numbers are printed
 * with {@link Double#toString(double)}, so they read back to the same doubles.
 */
public final class TableRenderer {

    private static final String[] HEADER = {"ID", "SOURCE", "QUANTITY", "EXPECTED", "COMPUTED", "STATUS", "STATED"};

    private TableRenderer() {
    }

    /**
     * Renders the examples.
     *
     * @param examples the examples, in order
     * @return the text, ending with a line separator
     */
    public static String render(List<WorkedExample> examples) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (WorkedExample e : examples) {
            rows.add(new String[] {e.id(), e.source().toString(), e.quantity(), Double.toString(e.expected()),
                Double.toString(e.computed()), e.status(), e.stated()});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(row[c]);
                if (c < row.length - 1) {
                    line.append(" ".repeat(widths[c] - row[c].length() + 2));
                }
            }
            sb.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        long passed = examples.stream().filter(WorkedExample::passed).count();
        long failed = examples.size() - passed;
        sb.append(System.lineSeparator());
        sb.append(examples.size()).append(" examples: ").append(passed).append(" passed, ").append(failed)
                .append(" failed").append(System.lineSeparator());
        if (failed > 0) {
            sb.append(System.lineSeparator()).append("Failures:").append(System.lineSeparator());
            for (WorkedExample e : examples) {
                if (!e.passed()) {
                    sb.append("  ").append(e.id()).append(": expected ").append(e.expected()).append(", computed ")
                            .append(e.computed()).append(", comparison ").append(e.comparison().describe());
                    if (e.documentFormAccepted()) {
                        sb.append("; the document's uncorrected form is accepted too, so the correction is not shown");
                    }
                    sb.append(System.lineSeparator());
                }
            }
        }
        boolean anyCorrection = examples.stream().anyMatch(e -> e.correction().isPresent());
        if (anyCorrection) {
            sb.append(System.lineSeparator()).append("Corrections of the documents (see docs/errata.md):")
                    .append(System.lineSeparator());
            for (WorkedExample e : examples) {
                if (e.correction().isPresent()) {
                    Correction c = e.correction().get();
                    sb.append("  [").append(c.erratumId()).append("] ").append(e.id()).append(": document has ")
                            .append(c.documentForm()).append("; corrected ").append(c.correctedForm());
                    if (c.documentValue().isPresent()) {
                        sb.append("; the document's form gives ").append(c.documentValue().getAsDouble())
                                .append(" (").append(c.reading()).append(")");
                    } else {
                        sb.append("; the document's form has no value (").append(c.reading()).append(")");
                    }
                    sb.append(System.lineSeparator());
                }
            }
        }
        return sb.toString();
    }
}
