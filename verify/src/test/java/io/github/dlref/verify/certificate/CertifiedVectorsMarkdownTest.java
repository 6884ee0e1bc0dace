package io.github.dlref.verify.certificate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link CertifiedVectorsMarkdown} on the synthetic certificate and on one built for the histogram's bins. */
class CertifiedVectorsMarkdownTest {

    @Test
    void rendersTheSummaryAndEachFamily() {
        String page = CertifiedVectorsMarkdown.render(List.of("tiny", "ops"), Map.of("tiny", Tiny.certificate()));
        assertTrue(page.startsWith("# Certified golden vectors\n"), page);
        assertTrue(page.contains("| [`tiny.json`](#tinyjson) | `scripts/certify/tiny.py` | 4 | 7 | 4 | 2 | 1 | 0 | 0 "
                + "| 0 | 2 | 1 |\n"), page);
        assertTrue(page.contains("| `ops.json` | not certified yet | | | | | | | | | | |\n"), page);
        assertTrue(page.contains("\n## tiny.json\n\nCertificate `verify/src/main/resources/io/github/dlref/verify/"
                + "certificates/tiny.json`, written by `scripts/certify/tiny.py` in 50 digits with mpmath 1.2.1; "
                + "certified fields: `output`; 4 entries, 7 values.\n"), page);
        assertTrue(page.contains("| `row-reduction` | ulps <= 0, or \\|dlref - exact\\| <= 1 terms u scale (u = 2^-53) "
                + "| 1 | 1 | 0 | 1 | 0 | 0 | 0 | 0 | 1 | 0 |\n"), page);
        assertTrue(page.contains("| `adam-pytorch-order` | ulps <= 0, or dlref equals the framework order's double bit "
                + "for bit (framework order) | 1 | 3 | 2 | 0 | 1 | 0 | 0 | 0 | 2 | 1 |\n"), page);
        assertTrue(page.contains("\n### tiny: adam-pytorch-order\n\n- bound: ulps <= 0, or dlref equals the framework "
                + "order's double bit for bit (framework order)\n- derivation: PyTorch's update order\n- framework "
                + "order: PyTorch 1.13 Adam: m = beta1 m + (1 - beta1) g, in that order\n- worst: 2 ulps at `adam` "
                + "(`/vectors/2`) `/output/m/0`: dlref 1.0000000000000004, exact 1.0\n- values that needed the "
                + "framework order: 1\n"), page);
        assertTrue(page.contains("\n### tiny: row-reduction\n\n- bound: ulps <= 0, or |dlref - exact| <= 1 terms u "
                + "scale (u = 2^-53)\n- derivation: recursive summation: |fl(S) - S| <= gamma_{n-1} sum |x_i|\n"
                + "- scale and terms: sum of |x_i|; terms = n - 1\n- worst: 1 ulps"), page);
    }

    @Test
    void theHistogramBinsAreZeroOneTwoThreeToFourFiveToSixteenAndMore() {
        List<CertifiedValue> values = new ArrayList<>();
        for (long u : new long[] {0, 1, 2, 3, 4, 5, 16, 17, 40}) {
            values.add(new CertifiedValue("/o/" + u, 1.0, "1", u, null, 1, null));
        }
        Map<String, Family> fams = new LinkedHashMap<>();
        fams.put("f", new Family("f", "d", 100, null, null, null));
        fams.put("empty", new Family("empty", "nothing here", 0, null, null, null));
        Certificate c = new Certificate("r", "h.json", "s.py", 50, "1.2.1", List.of("o"), fams,
                List.of(new CertifiedEntry("/vectors/0", "k", "f", values)));
        String page = CertifiedVectorsMarkdown.render(List.of("h"), Map.of("h", c));
        assertTrue(page.contains("| `f` | ulps <= 100 | 1 | 9 | 1 | 1 | 1 | 2 | 2 | 2 | 40 | 0 |\n"), page);
        assertTrue(page.contains("- worst: 40 ulps at `k` (`/vectors/0`) `/o/40`"), page);
        assertTrue(page.contains("| `empty` | ulps <= 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"), page);
        assertTrue(page.contains("### h: empty\n\n- bound: ulps <= 0\n- derivation: nothing here\n- no values\n"), page);
    }

    @Test
    void aWorstValueWhoseExactValueIsZeroIsMarkedInTheTablesAndExplained() {
        // 2^-52 against an exact 0: 4503599627370496 doubles lie between them, a count that says nothing
        List<CertifiedValue> values = List.of(new CertifiedValue("/o/0", 0x1p-52, "0", 4503599627370496L, "1", 4,
                null), new CertifiedValue("/o/1", 1.0, "1", 0, "1", 4, null));
        Map<String, Family> fams = new LinkedHashMap<>();
        fams.put("z", new Family("z", "cancels to 0", 0, new BigDecimal("8"), "sum of |x_i|", null));
        Certificate c = new Certificate("r", "z.json", "s.py", 50, "1.2.1", List.of("o"), fams,
                List.of(new CertifiedEntry("/vectors/0", "k", "z", values)));
        String page = CertifiedVectorsMarkdown.render(List.of("z"), Map.of("z", c));
        assertTrue(page.contains("| [`z.json`](#zjson) | `s.py` | 1 | 2 | 1 | 0 | 0 | 0 | 0 | 1 | "
                + "4503599627370496 (exact 0) | 0 |\n"), page);
        assertTrue(page.contains("exact 0 (the exact value is 0, so the ULP count is the number of doubles between 0 "
                + "and dlref's value; the family's scaled bound is what holds)\n"), page);
    }
}
