package io.github.dlref.data.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reading a whole input file with a size limit, and strict UTF-8 decoding that names the byte offset of a bad
 * byte. The size of a file is never trusted ({@code /dev/zero} and pipes report 0, a file may grow while it is
 * read): at most {@code maxBytes + 1} bytes are read, into a buffer that grows only as bytes arrive, and a
 * longer input is refused with a {@link DataFormatException} naming the file and the limit. Every reader of a
 * whole text or binary input (CSV files, the oracle's spec and trajectory files, checkpoint and model files)
 * goes through here with its documented limit.
 */
public final class BoundedInput {

    private static final int CHUNK = 1 << 16;

    private BoundedInput() {
    }

    /**
     * Reads a whole file, refusing one longer than the limit.
     *
     * @param file the file (a regular file, a device or a pipe)
     * @param maxBytes the largest accepted size in bytes, in {@code [0, 2^31 - 9]}
     * @return the bytes
     * @throws DataFormatException {@code <file>: larger than the limit of <maxBytes> bytes (...)} if the file has
     *     more than {@code maxBytes} bytes; nothing past the limit is read
     * @throws IOException if the file cannot be read (for example {@code NoSuchFileException})
     */
    public static byte[] readAllBytes(Path file, long maxBytes) throws IOException {
        Objects.requireNonNull(file, "BoundedInput.readAllBytes: file must not be null");
        try (InputStream in = Files.newInputStream(file)) {
            return readAllBytes(in, file.toString(), maxBytes);
        }
    }

    /**
     * Reads a stream to its end (without closing it), refusing one longer than the limit.
     *
     * @param in the stream
     * @param source the name used in the error message
     * @param maxBytes the largest accepted size in bytes, in {@code [0, 2^31 - 9]}
     * @return the bytes
     * @throws DataFormatException if the stream has more than {@code maxBytes} bytes; at most
     *     {@code maxBytes + 1} bytes are read
     * @throws IOException if the stream cannot be read
     */
    public static byte[] readAllBytes(InputStream in, String source, long maxBytes) throws IOException {
        Objects.requireNonNull(in, "BoundedInput.readAllBytes: stream must not be null");
        Objects.requireNonNull(source, "BoundedInput.readAllBytes: source must not be null");
        if (maxBytes < 0 || maxBytes > Integer.MAX_VALUE - 8L) {
            throw new IllegalArgumentException("BoundedInput: maxBytes must be in [0, " + (Integer.MAX_VALUE - 8L)
                    + "], got " + maxBytes);
        }
        byte[] buffer = new byte[(int) Math.min(maxBytes + 1, CHUNK)];
        int filled = 0;
        while (true) {
            if (filled == buffer.length) {
                if (filled > maxBytes) {
                    String unit = describe(maxBytes);
                    throw new DataFormatException(source, "larger than the limit of " + maxBytes + " bytes"
                            + (unit.endsWith(" bytes") ? "" : " (" + unit + ")") + "; reading stopped there");
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min(2L * buffer.length, maxBytes + 1));
            }
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                return filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled);
            }
            filled += n;
        }
    }

    /**
     * Decodes UTF-8 strictly: a malformed or truncated sequence is an error naming its byte offset. A leading
     * byte-order mark is kept (callers that allow one skip it).
     *
     * @param content the bytes
     * @param source the name used in the error message
     * @return the text
     * @throws DataFormatException {@code <source>: not valid UTF-8: malformed byte sequence at byte offset <n>
     *     (0x<byte>), line <l>}
     */
    public static String decodeUtf8(byte[] content, String source) throws DataFormatException {
        Objects.requireNonNull(content, "BoundedInput.decodeUtf8: content must not be null");
        Objects.requireNonNull(source, "BoundedInput.decodeUtf8: source must not be null");
        int offset = malformedOffset(content);
        if (offset < 0) {
            return new String(content, StandardCharsets.UTF_8);
        }
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (content[i] == '\n') {
                line++;
            }
        }
        throw new DataFormatException(source, "not valid UTF-8: malformed byte sequence at byte offset " + offset
                + " (0x" + String.format("%02X", content[offset] & 0xFF) + "), line " + line);
    }

    /**
     * Reads a whole file as strict UTF-8 text with a size limit: {@link #readAllBytes(Path, long)} then
     * {@link #decodeUtf8(byte[], String)}.
     *
     * @param file the file
     * @param maxBytes the largest accepted size in bytes
     * @return the text
     * @throws DataFormatException if the file is larger than the limit or not valid UTF-8 (naming the offset)
     * @throws IOException if the file cannot be read
     */
    public static String readUtf8(Path file, long maxBytes) throws IOException {
        return decodeUtf8(readAllBytes(file, maxBytes), file.toString());
    }

    /**
     * The offset of the first byte of the first malformed UTF-8 sequence, or -1 if the content is valid UTF-8.
     *
     * @param content the bytes
     * @return the offset, or -1
     */
    static int malformedOffset(byte[] content) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(CHUNK);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isOverflow()) {
                out.clear();
                continue;
            }
            return decoder.flush(out).isError() ? in.position() : -1;
        }
    }

    /** A size in bytes for people: {@code 256 MiB}, {@code 64 KiB} or {@code 1000 bytes}. */
    static String describe(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }
}
