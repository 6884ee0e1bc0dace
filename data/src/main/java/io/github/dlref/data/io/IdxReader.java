package io.github.dlref.data.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of the MNIST and Fashion-MNIST files (Y. LeCun's MNIST page; Zalando's
 * Fashion-MNIST README), plain or gzip-compressed.
 *
 * <p>Format (all integers big-endian): a magic number of four bytes {@code 0x00 0x00 TT NN}, where
 * {@code TT} is the data type and {@code NN} the number of dimensions; then {@code NN} dimension sizes as
 * 32-bit integers; then the data, last dimension fastest. Only data type {@code 0x08} (unsigned byte), the
 * type of every MNIST-like file, is supported; the others the format defines ({@code 0x09} signed byte,
 * {@code 0x0B} short, {@code 0x0C} int, {@code 0x0D} float, {@code 0x0E} double) are rejected by name. Image
 * files have magic {@code 0x00000803} (count x rows x columns), label files {@code 0x00000801} (count).
 *
 * <p>Compression is detected from the content, not the file name: data that starts with the gzip magic
 * bytes {@code 1f 8b} is decompressed.
 *
 * <p>Safety: a size written in the header is never used to allocate. The product of the dimension sizes is
 * computed in 64 bits and must not exceed a limit ({@link #DEFAULT_MAX_DATA_BYTES} unless a smaller one is
 * given); the data is then read into a buffer that grows (by doubling, from at most 64 KiB) only as bytes
 * actually arrive, so a header that claims gigabytes in a short file costs kilobytes and ends in a
 * "truncated" error. Every problem with the content is a {@link DataFormatException} naming the source and
 * what was wrong: bad magic number, unsupported type, negative or oversized dimension, truncated header or
 * data, bytes after the data, corrupt gzip data.
 */
public final class IdxReader {

    /** The data-type byte for unsigned bytes, 0x08. */
    public static final int TYPE_UNSIGNED_BYTE = 0x08;

    /** The magic number of an image file (unsigned bytes, 3 dimensions), 0x00000803. */
    public static final int IMAGES_MAGIC = 0x00000803;

    /** The magic number of a label file (unsigned bytes, 1 dimension), 0x00000801. */
    public static final int LABELS_MAGIC = 0x00000801;

    /** The largest data size accepted by default: the largest Java byte array, {@code 2^31 - 9} bytes. */
    public static final long DEFAULT_MAX_DATA_BYTES = Integer.MAX_VALUE - 8L;

    private static final int INITIAL_BUFFER = 1 << 16;

    private IdxReader() {
    }

    /**
     * Reads an IDX file (any number of dimensions), plain or gzip.
     *
     * @param file the file
     * @return its content
     * @throws DataFormatException if the content is not a valid unsigned-byte IDX file
     * @throws IOException if the file cannot be read
     */
    public static IdxArray read(Path file) throws IOException {
        return read(file, DEFAULT_MAX_DATA_BYTES);
    }

    /**
     * Reads an IDX file with a limit on the data size.
     *
     * @param file the file
     * @param maxDataBytes the largest number of data bytes accepted, in {@code [0, 2^31 - 9]}
     * @return its content
     * @throws DataFormatException if the content is not a valid unsigned-byte IDX file or is larger than the
     *     limit
     * @throws IOException if the file cannot be read
     */
    public static IdxArray read(Path file, long maxDataBytes) throws IOException {
        Objects.requireNonNull(file, "IdxReader.read: file must not be null");
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), maxDataBytes, 0);
        }
    }

    /**
     * Reads the first items of an IDX file: at most {@code maxItems} entries of its first dimension (images of
     * an image file, labels of a label file), streaming, so a gzip file whose header claims gigabytes costs only
     * what is kept. The header's other dimensions are checked as usual; the data size checked against
     * {@code maxDataBytes} is that of the kept items. Bytes after the kept items are not read (so a file longer
     * than its header says is noticed only when every item is kept).
     *
     * @param file the file, plain or gzip
     * @param maxDataBytes the largest number of data bytes accepted, in {@code [0, 2^31 - 9]}
     * @param maxItems the largest number of items kept, {@code >= 0}
     * @return the first {@code min(maxItems, count)} items; the first dimension of the result is their number
     * @throws DataFormatException if the content is not a valid unsigned-byte IDX file or the kept items are
     *     larger than the limit
     * @throws IOException if the file cannot be read
     */
    public static IdxArray read(Path file, long maxDataBytes, int maxItems) throws IOException {
        Objects.requireNonNull(file, "IdxReader.read: file must not be null");
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), maxDataBytes, 0, maxItems);
        }
    }

    /**
     * Reads the first images of an image file, streaming (see {@link #read(Path, long, int)}).
     *
     * @param file the file, plain or gzip
     * @param maxDataBytes the largest number of pixel bytes accepted for the kept images
     * @param maxItems the largest number of images kept, {@code >= 0}
     * @return the first {@code min(maxItems, count)} images
     * @throws DataFormatException if the content is not a valid IDX image file or the kept images are larger
     *     than the limit
     * @throws IOException if the file cannot be read
     */
    public static IdxImages readImages(Path file, long maxDataBytes, int maxItems) throws IOException {
        Objects.requireNonNull(file, "IdxReader.readImages: file must not be null");
        try (InputStream in = Files.newInputStream(file)) {
            return new IdxImages(read(in, file.toString(), maxDataBytes, IMAGES_MAGIC, maxItems));
        }
    }

    /**
     * Reads the first labels of a label file, streaming (see {@link #read(Path, long, int)}).
     *
     * @param file the file, plain or gzip
     * @param maxItems the largest number of labels kept, {@code >= 0}
     * @return the first {@code min(maxItems, count)} labels
     * @throws DataFormatException if the content is not a valid IDX label file
     * @throws IOException if the file cannot be read
     */
    public static IdxLabels readLabels(Path file, int maxItems) throws IOException {
        Objects.requireNonNull(file, "IdxReader.readLabels: file must not be null");
        try (InputStream in = Files.newInputStream(file)) {
            return new IdxLabels(read(in, file.toString(), DEFAULT_MAX_DATA_BYTES, LABELS_MAGIC, maxItems));
        }
    }

    /**
     * Reads IDX content from a stream (which is read to its end but not closed).
     *
     * @param in the stream, plain or gzip
     * @param source the name to use in error messages
     * @param maxDataBytes the largest number of data bytes accepted, in {@code [0, 2^31 - 9]}
     * @return the content
     * @throws DataFormatException if the content is not a valid unsigned-byte IDX file
     * @throws IOException if the stream cannot be read
     */
    public static IdxArray read(InputStream in, String source, long maxDataBytes) throws IOException {
        return read(in, source, maxDataBytes, 0);
    }

    /**
     * Reads IDX content held in memory.
     *
     * @param content the bytes, plain or gzip
     * @param source the name to use in error messages
     * @return the content
     * @throws DataFormatException if the content is not a valid unsigned-byte IDX file
     */
    public static IdxArray read(byte[] content, String source) throws DataFormatException {
        Objects.requireNonNull(content, "IdxReader.read: content must not be null");
        try {
            return read(new ByteArrayInputStream(content), source, DEFAULT_MAX_DATA_BYTES, 0);
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException e) {
            // a ByteArrayInputStream does not fail; only the gzip layer can, and read() converts that
            throw new DataFormatException(source, "unreadable content (" + e + ")", e);
        }
    }

    /**
     * Reads an image file: magic {@code 0x00000803}, dimensions count x rows x columns.
     *
     * @param file the file, plain or gzip
     * @return the images
     * @throws DataFormatException if the content is not a valid IDX image file
     * @throws IOException if the file cannot be read
     */
    public static IdxImages readImages(Path file) throws IOException {
        Objects.requireNonNull(file, "IdxReader.readImages: file must not be null");
        try (InputStream in = Files.newInputStream(file)) {
            return new IdxImages(read(in, file.toString(), DEFAULT_MAX_DATA_BYTES, IMAGES_MAGIC));
        }
    }

    /**
     * Reads image content held in memory.
     *
     * @param content the bytes, plain or gzip
     * @param source the name to use in error messages
     * @return the images
     * @throws DataFormatException if the content is not a valid IDX image file
     */
    public static IdxImages readImages(byte[] content, String source) throws DataFormatException {
        return new IdxImages(readExpecting(content, source, IMAGES_MAGIC));
    }

    /**
     * Reads a label file: magic {@code 0x00000801}, one dimension (the count).
     *
     * @param file the file, plain or gzip
     * @return the labels
     * @throws DataFormatException if the content is not a valid IDX label file
     * @throws IOException if the file cannot be read
     */
    public static IdxLabels readLabels(Path file) throws IOException {
        Objects.requireNonNull(file, "IdxReader.readLabels: file must not be null");
        try (InputStream in = Files.newInputStream(file)) {
            return new IdxLabels(read(in, file.toString(), DEFAULT_MAX_DATA_BYTES, LABELS_MAGIC));
        }
    }

    /**
     * Reads label content held in memory.
     *
     * @param content the bytes, plain or gzip
     * @param source the name to use in error messages
     * @return the labels
     * @throws DataFormatException if the content is not a valid IDX label file
     */
    public static IdxLabels readLabels(byte[] content, String source) throws DataFormatException {
        return new IdxLabels(readExpecting(content, source, LABELS_MAGIC));
    }

    private static IdxArray readExpecting(byte[] content, String source, int expectedMagic)
            throws DataFormatException {
        Objects.requireNonNull(content, "IdxReader: content must not be null");
        try {
            return read(new ByteArrayInputStream(content), source, DEFAULT_MAX_DATA_BYTES, expectedMagic);
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new DataFormatException(source, "unreadable content (" + e + ")", e);
        }
    }

    /** Reads and validates; {@code expectedMagic} 0 accepts any unsigned-byte magic number. */
    private static IdxArray read(InputStream raw, String source, long maxDataBytes, int expectedMagic)
            throws IOException {
        return read(raw, source, maxDataBytes, expectedMagic, Integer.MAX_VALUE);
    }

    /** As above, keeping at most {@code maxItems} entries of the first dimension. */
    private static IdxArray read(InputStream raw, String source, long maxDataBytes, int expectedMagic, int maxItems)
            throws IOException {
        if (maxItems < 0) {
            throw new IllegalArgumentException("IdxReader.read: maxItems must be >= 0, got " + maxItems);
        }
        Objects.requireNonNull(raw, "IdxReader.read: stream must not be null");
        Objects.requireNonNull(source, "IdxReader.read: source must not be null");
        if (maxDataBytes < 0 || maxDataBytes > DEFAULT_MAX_DATA_BYTES) {
            throw new IllegalArgumentException("IdxReader.read: maxDataBytes must be in [0, "
                    + DEFAULT_MAX_DATA_BYTES + "], got " + maxDataBytes);
        }
        BufferedInputStream buffered = new BufferedInputStream(raw);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = b0 < 0 ? -1 : buffered.read();
        buffered.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                return parse(new GZIPInputStream(buffered), source, maxDataBytes, expectedMagic, true, maxItems);
            } catch (DataFormatException e) {
                throw e;
            } catch (IOException e) {
                String why = e instanceof java.io.EOFException ? "the compressed stream ends early"
                        : e.getMessage() == null ? "unreadable" : e.getMessage();
                throw new DataFormatException(source, "corrupt gzip data (" + why + ")", e);
            }
        }
        return parse(buffered, source, maxDataBytes, expectedMagic, false, maxItems);
    }

    private static IdxArray parse(InputStream in, String source, long maxDataBytes, int expectedMagic,
            boolean gzip, int maxItems) throws IOException {
        String what = gzip ? "decompressed content" : "content";
        byte[] magicBytes = new byte[4];
        int got = in.readNBytes(magicBytes, 0, 4);
        if (got == 0) {
            throw new DataFormatException(source, "empty " + what + "; an IDX file starts with a 4-byte magic"
                    + " number");
        }
        if (got < 4) {
            throw new DataFormatException(source, "truncated header: the " + what + " has " + got
                    + " bytes, the magic number alone needs 4");
        }
        int magic = ((magicBytes[0] & 0xFF) << 24) | ((magicBytes[1] & 0xFF) << 16) | ((magicBytes[2] & 0xFF) << 8)
                | (magicBytes[3] & 0xFF);
        String magicText = String.format("0x%08X", magic);
        if (magicBytes[0] != 0 || magicBytes[1] != 0) {
            throw new DataFormatException(source, "bad magic number " + magicText
                    + ": an IDX file starts with two zero bytes" + expectation(expectedMagic));
        }
        int type = magicBytes[2] & 0xFF;
        int rank = magicBytes[3] & 0xFF;
        if (type != TYPE_UNSIGNED_BYTE) {
            throw new DataFormatException(source, "bad magic number " + magicText + ": data type 0x"
                    + String.format("%02X", type) + " (" + typeName(type) + ") is not supported, only 0x08 (unsigned"
                    + " byte)" + expectation(expectedMagic));
        }
        if (expectedMagic != 0 && magic != expectedMagic) {
            throw new DataFormatException(source, "bad magic number " + magicText + expectation(expectedMagic)
                    + ", found " + rank + " dimension(s)");
        }
        if (rank == 0) {
            throw new DataFormatException(source, "bad magic number " + magicText + ": 0 dimensions");
        }
        byte[] dimBytes = new byte[4 * rank];
        got = in.readNBytes(dimBytes, 0, dimBytes.length);
        if (got < dimBytes.length) {
            throw new DataFormatException(source, "truncated header: " + rank + " dimension sizes need "
                    + dimBytes.length + " bytes after the magic number, only " + got + " are present");
        }
        int[] dims = new int[rank];
        boolean anyZero = false;
        for (int k = 0; k < rank; k++) {
            int p = 4 * k;
            dims[k] = ((dimBytes[p] & 0xFF) << 24) | ((dimBytes[p + 1] & 0xFF) << 16)
                    | ((dimBytes[p + 2] & 0xFF) << 8) | (dimBytes[p + 3] & 0xFF);
            if (dims[k] < 0) {
                throw new DataFormatException(source, "dimension " + k + " has a negative size " + dims[k]
                        + " (0x" + String.format("%08X", dims[k]) + " as a signed 32-bit integer)");
            }
            anyZero |= dims[k] == 0;
        }
        boolean truncated = dims[0] > maxItems;
        int[] kept = dims.clone();
        kept[0] = Math.min(dims[0], maxItems);
        long total = 1;
        if (anyZero || kept[0] == 0) {
            total = 0;
        } else {
            for (int d : kept) {
                total *= d;
                if (total > maxDataBytes) {
                    throw new DataFormatException(source, "the header claims " + dimsText(dims) + " data bytes"
                            + (truncated ? ", and its first " + maxItems + " items take " + dimsText(kept) : "")
                            + ", more than the limit of " + maxDataBytes + " bytes");
                }
            }
        }
        byte[] data = readData(in, (int) total, source, kept, what);
        if (truncated) {
            return new IdxArray(source, magic, kept, data);
        }
        if (in.read() >= 0) {
            throw new DataFormatException(source, "more bytes follow the " + total + " data bytes the header ("
                    + dimsText(dims) + ") describes; the " + what + " is longer than an IDX file of these"
                    + " dimensions");
        }
        return new IdxArray(source, magic, dims, data);
    }

    /** Reads exactly {@code total} bytes, allocating only as data arrives. */
    private static byte[] readData(InputStream in, int total, String source, int[] dims, String what)
            throws IOException {
        byte[] buffer = new byte[Math.min(total, INITIAL_BUFFER)];
        int filled = 0;
        while (filled < total) {
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, total));
            }
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                throw new DataFormatException(source, "truncated data: " + dimsText(dims)
                        + " data bytes are expected from the header, only " + filled + " are present in the " + what);
            }
            filled += n;
        }
        return buffer;
    }

    private static String dimsText(int[] dims) {
        StringBuilder sb = new StringBuilder();
        long product = 1;
        for (int k = 0; k < dims.length; k++) {
            if (k > 0) {
                sb.append(" x ");
            }
            sb.append(dims[k]);
            product = product == -1 ? -1 : multiplyOrMinusOne(product, dims[k]);
        }
        if (dims.length == 1) {
            return sb.toString();
        }
        return sb.append(" = ").append(product < 0 ? "more than 2^63" : Long.toString(product)).toString();
    }

    private static long multiplyOrMinusOne(long a, int b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    private static String expectation(int expectedMagic) {
        if (expectedMagic == IMAGES_MAGIC) {
            return "; expected 0x00000803 (images: unsigned bytes, 3 dimensions)";
        }
        if (expectedMagic == LABELS_MAGIC) {
            return "; expected 0x00000801 (labels: unsigned bytes, 1 dimension)";
        }
        return "";
    }

    private static String typeName(int type) {
        switch (type) {
            case 0x08:
                return "unsigned byte";
            case 0x09:
                return "signed byte";
            case 0x0B:
                return "short, 2 bytes";
            case 0x0C:
                return "int, 4 bytes";
            case 0x0D:
                return "float, 4 bytes";
            case 0x0E:
                return "double, 8 bytes";
            default:
                return "not an IDX data type";
        }
    }
}
