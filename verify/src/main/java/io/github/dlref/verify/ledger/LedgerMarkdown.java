package io.github.dlref.verify.ledger;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders the ledger as {@code docs/ledger.md}: the counts per document, then each document section by section,
 * one table row per entry (id, the document's form, the verdict with its erratum, convention or reason, and the
 * evidence). The file is generated; a test of the verify module fails when the committed file differs from
 * this rendering of the resource.
 */
public final class LedgerMarkdown {

    private LedgerMarkdown() {
    }

    /**
     * Renders the ledger.
     *
     * @param ledger the ledger
     * @return the Markdown text, lines ending with {@code \n}
     */
    public static String render(Ledger ledger) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Ledger of the source documents\n\n");
        sb.append("<!-- Generated from verify/src/main/resources/io/github/dlref/verify/ledger/ledger.json by\n");
        sb.append("     LedgerMarkdown; do not edit. Regenerate: ./mvnw -B -pl verify test -Dtest=LedgerTest\n");
        sb.append("     -Ddlref.vectors.update=true -->\n\n");
        sb.append("Every formula, derivation line, algorithm step, hyper-parameter default and stated number of the five\n");
        sb.append("source documents (`shared/sources/README.md`), section by section in the order each document is\n");
        sb.append("written, with dlref's verdict:\n\n");
        sb.append("- **reproduced**: a worked example of `./dlref examples` (`example:ID`, or `example:PREFIX*` for every\n");
        sb.append("  example whose id starts so) or a test method (`test:MODULE:CLASS#METHOD`) computes it and agrees;\n");
        sb.append("- **erratum**: the document is wrong; the entry of [errata.md](errata.md) gives the correction and the\n");
        sb.append("  evidence is the test that proves it;\n");
        sb.append("- **convention**: the document is ambiguous; dlref's reading and the frameworks that agree;\n");
        sb.append("- **not computable**: nothing to compute (a definition, a name, a prose claim), and why.\n\n");
        sb.append("Forms are transcribed in ASCII (`sum_k`, `d l / d w8`, `(.)` for the elementwise product). The\n");
        sb.append("verify module's `LedgerTest` fails when a reference names an example or test that does not exist,\n");
        sb.append("when a catalog example of the documents or an erratum is referenced by no entry, and when this file\n");
        sb.append("is not the rendering of the resource. `./dlref examples --ledger` prints the counts.\n\n");
        sb.append("| document | entries | reproduced | errata | conventions | not computable |\n");
        sb.append("|---|---:|---:|---:|---:|---:|\n");
        for (LedgerDocument d : ledger.documents()) {
            countsRow(sb, "[" + d.shortId() + "](#" + d.shortId() + ")", d.counts());
        }
        countsRow(sb, "all", ledger.counts());
        for (LedgerDocument d : ledger.documents()) {
            sb.append("\n## ").append(d.shortId()).append("\n\n").append(d.title()).append("\n");
            String section = null;
            for (LedgerEntry e : d.entries()) {
                if (!e.section().equals(section)) {
                    section = e.section();
                    sb.append("\n### ").append(section).append("\n\n");
                    sb.append("| id | document's form | verdict | evidence |\n|---|---|---|---|\n");
                }
                sb.append("| `").append(e.id().substring(d.shortId().length() + 1)).append("` | ")
                        .append(code(e.form())).append(" | ").append(cell(verdict(e.verdict()))).append(" | ")
                        .append(evidence(e.verdict().evidence())).append(" |\n");
            }
        }
        return sb.toString();
    }

    private static void countsRow(StringBuilder sb, String name, LedgerCounts c) {
        sb.append("| ").append(name).append(" | ").append(c.entries()).append(" | ").append(c.reproduced())
                .append(" | ").append(c.errata()).append(" | ").append(c.conventions()).append(" | ")
                .append(c.notComputable()).append(" |\n");
    }

    private static String verdict(Verdict v) {
        if (v instanceof Verdict.Erratum e) {
            return "erratum " + e.erratumId();
        }
        if (v instanceof Verdict.Convention c) {
            return "convention: " + c.ambiguity() + " dlref: " + c.pick() + " (" + c.agree() + ")";
        }
        if (v instanceof Verdict.NotComputable n) {
            return "not computable: " + n.reason();
        }
        return "reproduced";
    }

    private static String evidence(List<Reference> refs) {
        return refs.stream().map(r -> code(r.toString())).collect(Collectors.joining("<br>"));
    }

    /** A code span for a table cell: pipes escaped, backticks in the text taken by a double-backtick span. */
    private static String code(String text) {
        String escaped = text.replace("|", "\\|");
        return escaped.contains("`") ? "`` " + escaped + " ``" : "`" + escaped + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
