package io.github.dlref.verify.certificate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code docs/certified-vectors.md} from the certificates: what is certified and how (mpmath in at least
 * 50 significant digits on the doubles of the vectors, the correctly rounded exact value, the ULP definition), the
 * bound rule, how to re-run, a summary per vectors file, then per file and family: the values, the bound, the
 * distribution of ULP errors (0, 1, 2, 3-4, 5-16, more than 16), the worst value (entry key, entry pointer and
 * path), how many values needed the framework order, and the family's derivation, scale and order texts. The page
 * is generated; the verify module's {@code CertificateTest} fails when the committed page differs from this
 * rendering.
 */
public final class CertifiedVectorsMarkdown {

    /** The upper ends of the histogram's bins (the last bin is everything above 16). */
    private static final long[] BINS = {0, 1, 2, 4, 16};

    /** The histogram's column headers. */
    private static final String BIN_HEADER = "| 0 | 1 | 2 | 3-4 | 5-16 | >16 |";

    private CertifiedVectorsMarkdown() {
    }

    /**
     * Renders the page.
     *
     * @param names the vectors files to list (names without {@code .json}), in order
     * @param certificates the certificates found, by name; a listed name without one is shown as not certified
     * @return the Markdown text, lines ending with {@code \n}
     */
    public static String render(List<String> names, Map<String, Certificate> certificates) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Certified golden vectors\n\n");
        sb.append("<!-- Generated from verify/src/main/resources/io/github/dlref/verify/certificates/*.json by\n");
        sb.append("     CertifiedVectorsMarkdown; do not edit. Regenerate: ./mvnw -B -pl verify test -Dtest=CertificateTest\n");
        sb.append("     -Ddlref.vectors.update=true -->\n\n");
        sb.append("Every double that dlref prints in a certified field of [vectors/](../vectors/) is recomputed by a\n");
        sb.append("checked-in mpmath script (`scripts/certify/<name>.py`, issue 22) and compared with the exact value:\n\n");
        sb.append("- **inputs** are the doubles in the vectors file and the hyper-parameters as dlref holds them (a\n");
        sb.append("  spec's `0.1` is the double nearest 0.1, whose exact binary value is the input, never decimal 1/10);\n");
        sb.append("- **exact** is the function dlref documents for the quantity, evaluated on those inputs in at least 50\n");
        sb.append("  significant digits (mpmath, 60 working digits); discrete decisions (a max, a ReLU at 0, a clamp, a\n");
        sb.append("  tie) are evaluated exactly, and where dlref's value lies within rounding of a switch point the\n");
        sb.append("  family's text says which branch is certified; the certificate prints it with 25 or more significant\n");
        sb.append("  digits, enough that the decimal rounds to the correctly rounded double;\n");
        sb.append("- **ULPs** are the number of doubles between dlref's double and the double nearest to the exact value\n");
        sb.append("  (ties to even; 0 means dlref is correctly rounded; +0 and -0 are the same point), counted from the\n");
        sb.append("  doubles' bit patterns ordered as integers. Java recomputes them from the exact decimal with\n");
        sb.append("  `Double.parseDouble`, which rounds correctly.\n\n");
        sb.append("Each value belongs to a **family** whose bound dlref guarantees. A value meets the bound when\n\n");
        sb.append("- `ulps <= U`, or\n");
        sb.append("- the family has a factor `K` and the value a `scale`, and `|dlref - exact| <= K * terms * u * scale`\n");
        sb.append("  with `u = 2^-53` (evaluated exactly; `scale` and `terms` are what the family's scale text says, such\n");
        sb.append("  as the sum of the absolute values of a sum's terms and its length), or\n");
        sb.append("- the family names a framework's order of operations (such as PyTorch's Adam update order) and the\n");
        sb.append("  value's `framework_order`, that order emulated with every operation correctly rounded in double\n");
        sb.append("  precision, equals dlref's double bit for bit; the exact value is then given too.\n\n");
        sb.append("The certificates are embedded in the vectors: the header field `certificate` (script, digits, mpmath\n");
        sb.append("version, families) and, after each certified entry's own fields, `certified` (family, bound in\n");
        sb.append("words, `max_ulps`, and per value path its `exact` decimal, `ulps`, and `scale`, `terms`,\n");
        sb.append("`framework_order` when present). The verify module's `CertificateTest` fails when a certificate's\n");
        sb.append("dlref double differs from the vectors' double (the two drifted apart), when a recorded `ulps` differs\n");
        sb.append("from Java's, when a value is outside its bound, when a number of a certified field is not certified,\n");
        sb.append("when a required file has no certificate (`loader.json` holds only integers, which is checked), and\n");
        sb.append("when this page is not the rendering of the certificates.\n\n");
        sb.append("To re-run: `/usr/bin/python3 scripts/certify/<name>.py` for each file below (from the repository\n");
        sb.append("root), then regenerate the vectors and this page with\n");
        sb.append("`./mvnw -B -pl verify test -Dtest=VectorsDriftTest,CertificateTest -Ddlref.vectors.update=true`.\n\n");
        sb.append("## Summary\n\n");
        sb.append("| file | script | entries | values ").append(BIN_HEADER).append(" worst | framework order |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String name : names) {
            Certificate c = certificates.get(name);
            if (c == null) {
                sb.append("| `").append(name).append(".json` | not certified yet | | | | | | | | | | |\n");
                continue;
            }
            List<Row> rows = rows(c, null);
            sb.append("| [`").append(name).append(".json`](#").append(anchor(name)).append(") | `").append(c.script())
                    .append("` | ").append(c.entries().size()).append(" | ").append(rows.size()).append(" | ")
                    .append(histogram(rows)).append(worstCell(rows)).append(" | ").append(framework(rows))
                    .append(" |\n");
        }
        for (String name : names) {
            Certificate c = certificates.get(name);
            if (c != null) {
                file(sb, c);
            }
        }
        return sb.toString();
    }

    private static void file(StringBuilder sb, Certificate c) {
        sb.append("\n## ").append(c.name()).append(".json\n\n");
        sb.append("Certificate `").append(CertificateReader.SOURCE_DIR).append(c.name()).append(".json`, written by `")
                .append(c.script()).append("` in ").append(c.digits()).append(" digits with mpmath ").append(c.mpmath())
                .append("; certified fields: ").append(String.join(", ", c.fields().stream().map(f -> "`" + f + "`")
                        .toList())).append("; ").append(c.entries().size()).append(" entries, ")
                .append(c.valueCount()).append(" values.\n\n");
        sb.append("| family | bound | entries | values ").append(BIN_HEADER).append(" worst | framework order |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Family f : c.families().values()) {
            List<Row> rows = rows(c, f.name());
            long entries = c.entries().stream().filter(e -> e.family().equals(f.name())).count();
            sb.append("| `").append(f.name()).append("` | ").append(cell(f.bound())).append(" | ").append(entries)
                    .append(" | ").append(rows.size()).append(" | ").append(histogram(rows)).append(worstCell(rows))
                    .append(" | ").append(framework(rows)).append(" |\n");
        }
        for (Family f : c.families().values()) {
            List<Row> rows = rows(c, f.name());
            sb.append("\n### ").append(c.name()).append(": ").append(f.name()).append("\n\n");
            sb.append("- bound: ").append(f.bound()).append("\n");
            sb.append("- derivation: ").append(f.description()).append("\n");
            if (f.scale() != null) {
                sb.append("- scale and terms: ").append(f.scale()).append("\n");
            }
            if (f.order() != null) {
                sb.append("- framework order: ").append(f.order()).append("\n");
            }
            Row w = worst(rows);
            if (w.value != null) {
                sb.append("- worst: ").append(w.ulps).append(" ulps at `").append(w.entry.key()).append("` (`")
                        .append(w.entry.entry()).append("`) `").append(w.value.path()).append("`: dlref ")
                        .append(w.value.dlref()).append(", exact ").append(w.value.exact());
                if (exactZero(w)) {
                    sb.append(" (the exact value is 0, so the ULP count is the number of doubles between 0 and")
                            .append(" dlref's value; the family's scaled bound is what holds)");
                }
                sb.append("\n");
            } else {
                sb.append("- no values\n");
            }
            sb.append("- values that needed the framework order: ").append(framework(rows)).append("\n");
        }
    }

    /** One value with its entry and family. */
    private record Row(CertifiedEntry entry, CertifiedValue value, Family family, long ulps) {
    }

    private static List<Row> rows(Certificate c, String family) {
        List<Row> out = new ArrayList<>();
        for (CertifiedEntry e : c.entries()) {
            if (family == null || e.family().equals(family)) {
                for (CertifiedValue v : e.values()) {
                    out.add(new Row(e, v, c.families().get(e.family()), v.ulps()));
                }
            }
        }
        return out;
    }

    private static String histogram(List<Row> rows) {
        long[] counts = new long[BINS.length + 1];
        for (Row r : rows) {
            int b = 0;
            while (b < BINS.length && r.ulps > BINS[b]) {
                b++;
            }
            counts[b]++;
        }
        StringBuilder sb = new StringBuilder();
        for (long n : counts) {
            sb.append(n).append(" | ");
        }
        return sb.toString();
    }

    /** The first value with the most ULPs (a row without a value when there is none). */
    private static Row worst(List<Row> rows) {
        Row w = new Row(null, null, null, 0);
        for (Row r : rows) {
            if (w.value == null || r.ulps > w.ulps) {
                w = r;
            }
        }
        return w;
    }

    /** The worst ULP count, marked when its exact value is 0 (where a ULP count measures nothing useful). */
    private static String worstCell(List<Row> rows) {
        Row w = worst(rows);
        return exactZero(w) ? w.ulps + " (exact 0)" : Long.toString(w.ulps);
    }

    private static boolean exactZero(Row r) {
        return r.value != null && new BigDecimal(r.value.exact()).signum() == 0;
    }

    private static long framework(List<Row> rows) {
        return rows.stream().filter(r -> CertificateCheck.needsFrameworkOrder(r.family, r.value)).count();
    }

    private static String anchor(String name) {
        return name + "json";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
