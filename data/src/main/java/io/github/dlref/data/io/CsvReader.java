package io.github.dlref.data.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads numeric CSV files into a {@link CsvTable}; the table then picks a label or target column
 * ({@link CsvTable#toClassification(int)}, {@link CsvTable#toRegression(int...)}).
 *
 * <p>The format read (a strict subset of RFC 4180, for numbers):
 * <ul>
 *   <li>UTF-8 text (a leading byte-order mark is skipped); lines end with {@code \n} or {@code \r\n}.
 *       Lines that are empty or hold only spaces and tabs are skipped; line numbers in messages count every
 *       line of the file, from 1.</li>
 *   <li>Fields are separated by the delimiter (default {@code ,}); there is no quoting, so a field never
 *       contains the delimiter or a line break. Spaces and tabs around a field are ignored.</li>
 *   <li>With {@code header}, the first non-blank line holds the column names (taken as written, trimmed);
 *       every other line is a data row.</li>
 *   <li>Every data row has as many fields as the header, or as the first data row when there is no header.
 *       Every field is a decimal number: {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?},
 *       parsed by {@link Double#parseDouble(String)} (correctly rounded). Empty fields, {@code NaN},
 *       {@code Infinity}, hexadecimal and values beyond the double range are errors: there are no missing
 *       values.</li>
 *   <li>At least one data row.</li>
 * </ul>
 * Every violation is a {@link DataFormatException} naming the source, the line and the column (the
 * 1-based field number) and what was found, for example {@code "iris.csv, line 7, column 3: 'abc' is not a
 * number"}.
 */
public final class CsvReader {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    private static final int SHOWN_CHARS = 40;

    /**
     * The largest CSV file read: 256 MiB (268,435,456 bytes; Fashion-MNIST's 60,000 training images as CSV take
     * about 130 MB). dlref's choice, so that a wrong path (a device, a huge log) is one clear error.
     */
    public static final long MAX_FILE_BYTES = 256L << 20;

    private CsvReader() {
    }

    /**
     * Reader settings.
     *
     * @param delimiter the field separator: an ASCII character that cannot occur in a number or a line
     *     break (not a letter, digit, {@code . + - "}, space, {@code \r} or {@code \n}); {@code ,},
     *     {@code ;}, tab and {@code |} are typical
     * @param header whether the first non-blank line holds column names
     */
    public record Options(char delimiter, boolean header) {
        /**
         * Validates the delimiter.
         *
         * @param delimiter the field separator
         * @param header whether there is a header line
         * @throws IllegalArgumentException if the delimiter could be part of a number or a line break
         */
        public Options {
            if (delimiter > 127 || Character.isLetterOrDigit(delimiter) || ".+-\" \r\n".indexOf(delimiter) >= 0
                    || delimiter < 32 && delimiter != '\t') {
                throw new IllegalArgumentException("CsvReader.Options: delimiter " + describe(delimiter)
                        + " cannot be used; it must be an ASCII character that does not occur in numbers or line"
                        + " breaks (for example ',' ';' '|' or tab)");
            }
        }

        /**
         * Comma-separated, no header.
         *
         * @return the options
         */
        public static Options comma() {
            return new Options(',', false);
        }

        /**
         * Comma-separated with a header line.
         *
         * @return the options
         */
        public static Options commaWithHeader() {
            return new Options(',', true);
        }

        private static String describe(char c) {
            return c >= 32 && c < 127 ? "'" + c + "'" : String.format("U+%04X", (int) c);
        }
    }

    /**
     * Reads a CSV file.
     *
     * @param file the file
     * @param options delimiter and header
     * @return the table
     * @throws DataFormatException if the content breaks the format (with line and column), or the file is larger
     *     than {@link #MAX_FILE_BYTES} (reading stops at the limit, so {@code /dev/zero} is refused too)
     * @throws IOException if the file cannot be read
     */
    public static CsvTable read(Path file, Options options) throws IOException {
        Objects.requireNonNull(file, "CsvReader.read: file must not be null");
        return parse(BoundedInput.readAllBytes(file, MAX_FILE_BYTES), file.toString(), options);
    }

    /**
     * Parses CSV bytes (UTF-8).
     *
     * @param content the bytes
     * @param source the name to use in error messages
     * @param options delimiter and header
     * @return the table
     * @throws DataFormatException if the content is not valid UTF-8 or breaks the format
     */
    public static CsvTable parse(byte[] content, String source, Options options) throws DataFormatException {
        Objects.requireNonNull(content, "CsvReader.parse: content must not be null");
        Objects.requireNonNull(source, "CsvReader.parse: source must not be null");
        Objects.requireNonNull(options, "CsvReader.parse: options must not be null");
        return parse(decode(content, source, options.delimiter()), source, options);
    }

    /**
     * Parses CSV text.
     *
     * @param text the text
     * @param source the name to use in error messages
     * @param options delimiter and header
     * @return the table
     * @throws DataFormatException if the text breaks the format
     */
    public static CsvTable parse(String text, String source, Options options) throws DataFormatException {
        Objects.requireNonNull(text, "CsvReader.parse: text must not be null");
        Objects.requireNonNull(source, "CsvReader.parse: source must not be null");
        Objects.requireNonNull(options, "CsvReader.parse: options must not be null");
        char delimiter = options.delimiter();
        List<String> names = List.of();
        boolean needHeader = options.header();
        int cols = -1;
        int headerLine = 0;
        double[] values = new double[64];
        int filled = 0;
        int[] lines = new int[16];
        int rows = 0;
        int start = text.startsWith("\uFEFF") ? 1 : 0;
        int lineNumber = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lineNumber++;
            String line = text.substring(start, end);
            start = end + 1;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (isBlank(line)) {
                continue;
            }
            String[] fields = split(line, delimiter);
            if (needHeader) {
                List<String> n = new ArrayList<>(fields.length);
                for (String f : fields) {
                    n.add(trim(f, delimiter));
                }
                names = List.copyOf(n);
                cols = fields.length;
                headerLine = lineNumber;
                needHeader = false;
                continue;
            }
            if (cols < 0) {
                cols = fields.length;
            } else if (fields.length != cols) {
                throw new DataFormatException(source, lineNumber, 0, "expected " + cols + " fields (as "
                        + (headerLine > 0 ? "the header on line " + headerLine : "the first data row") + " has), found "
                        + fields.length);
            }
            if ((long) (rows + 1) * cols > Integer.MAX_VALUE - 8L) {
                throw new DataFormatException(source, lineNumber, 0, "more values than fit in one matrix");
            }
            if (filled + cols > values.length) {
                values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8L,
                        Math.max((long) values.length * 2, (long) filled + cols)));
            }
            for (int c = 0; c < cols; c++) {
                values[filled++] = parseNumber(fields[c], delimiter, source, lineNumber, c + 1);
            }
            if (rows == lines.length) {
                lines = Arrays.copyOf(lines, lines.length * 2);
            }
            lines[rows++] = lineNumber;
        }
        if (rows == 0) {
            throw new DataFormatException(source, headerLine > 0 ? "no data rows after the header on line "
                    + headerLine : (options.header() ? "empty: no header and no data rows" : "empty: no data rows"));
        }
        return new CsvTable(source, names, rows, cols, Arrays.copyOf(values, filled), Arrays.copyOf(lines, rows));
    }

    private static double parseNumber(String field, char delimiter, String source, int line, int column)
            throws DataFormatException {
        String t = trim(field, delimiter);
        if (t.isEmpty()) {
            throw new DataFormatException(source, line, column, "empty field (missing values are not supported)");
        }
        if (!NUMBER.matcher(t).matches()) {
            throw new DataFormatException(source, line, column, show(t) + " is not a number");
        }
        double v = Double.parseDouble(t);
        if (Double.isInfinite(v)) {
            throw new DataFormatException(source, line, column, show(t) + " is beyond the double range");
        }
        return v;
    }

    /** The field in quotes, shortened, with control characters escaped. */
    static String show(String s) {
        StringBuilder sb = new StringBuilder("'");
        int limit = Math.min(s.length(), SHOWN_CHARS);
        for (int i = 0; i < limit; i++) {
            char c = s.charAt(i);
            if (c < 32 || c == 127) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (s.length() > SHOWN_CHARS) {
            sb.append("...");
        }
        return sb.append('\'').toString();
    }

    private static String[] split(String line, char delimiter) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == delimiter) {
                parts.add(line.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(line.substring(from));
        return parts.toArray(new String[0]);
    }

    private static boolean isBlank(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String trim(String s, char delimiter) {
        int a = 0;
        int b = s.length();
        while (a < b && isPad(s.charAt(a), delimiter)) {
            a++;
        }
        while (b > a && isPad(s.charAt(b - 1), delimiter)) {
            b--;
        }
        return s.substring(a, b);
    }

    private static boolean isPad(char c, char delimiter) {
        return c != delimiter && (c == ' ' || c == '\t');
    }

    /** Strict UTF-8 decoding; a malformed byte is reported with its line and field. */
    private static String decode(byte[] content, String source, char delimiter) throws DataFormatException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(content.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int column = 1;
            for (int i = 0; i < offset; i++) {
                if (content[i] == '\n') {
                    line++;
                    column = 1;
                } else if (content[i] == delimiter) {
                    column++;
                }
            }
            throw new DataFormatException(source, line, column, "not valid UTF-8: malformed byte sequence at byte "
                    + "offset " + offset + " (0x" + String.format("%02X", content[offset] & 0xFF) + ")");
        }
        out.flip();
        return out.toString();
    }
}
