package io.github.dlref.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.dlref.data.Dataset;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated CSV bytes (seeded, 400 cases): parsing and label extraction either succeed or throw
 * {@link DataFormatException} whose message starts with the source and carries the line (and column) it
 * reports; never anything else.
 */
class CsvFuzzTest {

    private static final int CASES = 400;
    private static final String ALPHABET = "0123456789012345678901234567890123456789....,,,,,,;--+eE  \t\n\n\n\r\"aZ";
    private static final String VALID = "a,b,label\n1.5,2,0\n-3e2,.5,1\n4,5,2\n\n7,+8.25,1\r\n";

    @Test
    void randomAndMutatedContentOnlyEverFailsWithTheDocumentedException() {
        Rng rng = new Rng(19360101L);
        int accepted = 0;
        int rejected = 0;
        for (int c = 0; c < CASES; c++) {
            int kind = rng.nextInt(3);
            byte[] content = fuzzCase(rng, kind);
            String source = "fuzz-" + c + ".csv";
            CsvReader.Options options = kind == 2 && rng.nextInt(4) > 0 ? CsvReader.Options.commaWithHeader()
                    : new CsvReader.Options(rng.nextBoolean() ? ',' : ';', rng.nextBoolean());
            try {
                CsvTable t = CsvReader.parse(content, source, options);
                assertTrue(t.rows() >= 1 && t.cols() >= 1);
                assertEquals(reference(content, options), t.values(), "case " + c);
                Dataset d = t.toClassification(t.cols() - 1);
                assertEquals(t.rows(), d.size());
                assertEquals(t.cols() - 1, d.numFeatures());
                accepted++;
            } catch (DataFormatException e) {
                String m = e.getMessage();
                assertTrue(m.startsWith(source) && m.length() > source.length() + 5, "case " + c + ": " + m);
                if (e.line() > 0) {
                    assertTrue(m.startsWith(source + ", line " + e.line()), "case " + c + ": " + m);
                }
                if (e.column() > 0) {
                    assertTrue(m.contains("column " + e.column()), "case " + c + ": " + m);
                }
                rejected++;
            } catch (Throwable t) {
                fail("case " + c + " threw " + t + " for content "
                        + HexFormat.of().formatHex(content, 0, Math.min(content.length, 80)), t);
            }
        }
        assertTrue(accepted >= 20, "accepted " + accepted);
        assertTrue(rejected >= 200, "rejected " + rejected);
    }

    /**
     * An independent reading of accepted content with the JDK: UTF-8 text (a leading byte-order mark
     * dropped), lines split at LF with one trailing CR removed, blank lines skipped, the header line skipped
     * if requested, fields split at the delimiter, spaces and tabs trimmed, {@link Double#parseDouble}.
     */
    private static Matrix reference(byte[] content, CsvReader.Options options) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<double[]> rows = new ArrayList<>();
        boolean skipHeader = options.header();
        for (String raw : text.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.chars().allMatch(ch -> ch == ' ' || ch == '\t')) {
                continue;
            }
            if (skipHeader) {
                skipHeader = false;
                continue;
            }
            String[] fields = line.split(Pattern.quote(String.valueOf(options.delimiter())), -1);
            double[] row = new double[fields.length];
            for (int k = 0; k < fields.length; k++) {
                row[k] = Double.parseDouble(fields[k].replaceAll("^[ \t]+|[ \t]+$", ""));
            }
            rows.add(row);
        }
        return Matrix.of(rows.toArray(new double[0][]));
    }

    private static byte[] fuzzCase(Rng rng, int kind) {
        switch (kind) {
            case 0: { // text from a CSV-like alphabet
                char[] text = new char[rng.nextInt(60)];
                for (int k = 0; k < text.length; k++) {
                    text[k] = ALPHABET.charAt(rng.nextInt(ALPHABET.length()));
                }
                return new String(text).getBytes(StandardCharsets.UTF_8);
            }
            case 1: { // arbitrary bytes, mostly invalid UTF-8
                byte[] b = new byte[rng.nextInt(40)];
                for (int k = 0; k < b.length; k++) {
                    b[k] = (byte) rng.nextInt(256);
                }
                return b;
            }
            default: { // a valid file with a few bytes changed, dropped or inserted
                byte[] b = VALID.getBytes(StandardCharsets.UTF_8);
                if (rng.nextInt(5) == 0) {
                    return b;
                }
                for (int k = 0, n = 1 + rng.nextInt(3); k < n; k++) {
                    int pos = rng.nextInt(b.length);
                    int op = rng.nextInt(3);
                    if (op == 0) {
                        b[pos] = (byte) (rng.nextBoolean() ? ALPHABET.charAt(rng.nextInt(ALPHABET.length()))
                                : rng.nextInt(256));
                    } else if (op == 1) {
                        byte[] shorter = new byte[b.length - 1];
                        System.arraycopy(b, 0, shorter, 0, pos);
                        System.arraycopy(b, pos + 1, shorter, pos, b.length - pos - 1);
                        b = shorter.length == 0 ? b : shorter;
                    } else {
                        b = Arrays.copyOf(b, b.length + 1);
                        System.arraycopy(b, pos, b, pos + 1, b.length - pos - 1);
                        b[pos] = (byte) ALPHABET.charAt(rng.nextInt(ALPHABET.length()));
                    }
                }
                return b;
            }
        }
    }
}
