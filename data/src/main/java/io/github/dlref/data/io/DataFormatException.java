package io.github.dlref.data.io;

import java.io.IOException;
import java.util.Objects;

/**
 * The content of a data file is not what its format requires. The message always starts with the source
 * (the file name, or the name given for a stream), then, where they apply, the 1-based line and column,
 * then what was expected and what was found, for example
 * {@code "data.csv, line 7, column 3: 'abc' is not a number"} or
 * {@code "train-images-idx3-ubyte.gz: truncated: the header claims 60000 x 28 x 28 = 47040000 data bytes,
 * only 1024 are present"}.
 *
 * <p>It is an {@link IOException}, so callers that read files handle it with other I/O failures; a missing
 * or unreadable file is reported by the JDK's own {@code IOException} ({@code NoSuchFileException} and
 * so on), not by this class. (Not to be confused with {@code java.util.zip.DataFormatException}.)
 */
public final class DataFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The value of {@link #line()} and {@link #column()} when they do not apply. */
    public static final int NO_POSITION = 0;

    /** The file or stream name. */
    private final String source;

    /** The 1-based line, or {@link #NO_POSITION}. */
    private final int line;

    /** The 1-based column, or {@link #NO_POSITION}. */
    private final int column;

    /**
     * A problem with a whole source (no line or column).
     *
     * @param source the file or stream name
     * @param detail what was expected and what was found
     */
    public DataFormatException(String source, String detail) {
        this(source, NO_POSITION, NO_POSITION, detail, null);
    }

    /**
     * A problem with a whole source, caused by another exception (for example corrupt gzip data).
     *
     * @param source the file or stream name
     * @param detail what was expected and what was found
     * @param cause the underlying exception
     */
    public DataFormatException(String source, String detail, Throwable cause) {
        this(source, NO_POSITION, NO_POSITION, detail, cause);
    }

    /**
     * A problem at a position in a text source.
     *
     * @param source the file or stream name
     * @param line the 1-based line, or {@link #NO_POSITION}
     * @param column the 1-based column (field number in CSV), or {@link #NO_POSITION}
     * @param detail what was expected and what was found
     */
    public DataFormatException(String source, int line, int column, String detail) {
        this(source, line, column, detail, null);
    }

    private DataFormatException(String source, int line, int column, String detail, Throwable cause) {
        super(format(source, line, column, detail), cause);
        this.source = Objects.requireNonNull(source, "source");
        this.line = line;
        this.column = column;
    }

    private static String format(String source, int line, int column, String detail) {
        StringBuilder sb = new StringBuilder(String.valueOf(source));
        if (line > 0) {
            sb.append(", line ").append(line);
        }
        if (column > 0) {
            sb.append(", column ").append(column);
        }
        return sb.append(": ").append(detail).toString();
    }

    /**
     * The file or stream the problem is in.
     *
     * @return its name
     */
    public String source() {
        return source;
    }

    /**
     * The 1-based line of the problem.
     *
     * @return the line, or {@link #NO_POSITION}
     */
    public int line() {
        return line;
    }

    /**
     * The 1-based column of the problem (the field number in CSV).
     *
     * @return the column, or {@link #NO_POSITION}
     */
    public int column() {
        return column;
    }
}
