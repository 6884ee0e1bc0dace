package io.github.dlref.nn.io;

import io.github.dlref.math.Matrix;
import io.github.dlref.nn.Module;
import io.github.dlref.nn.StateMismatchException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Saves and loads a model's state (its parameters and buffers, {@link Module#stateDict()}) in a small
 * binary format with an exact (bitwise) round trip, a checksum, and an atomic write.
 *
 * <h2>Format, version 1</h2>
 * All integers are big-endian (Java's {@code DataOutputStream}); offsets in bytes.
 * <pre>
 * offset      size  field
 * 0           8     magic: 0x89 'D' 'L' 'R' 'E' 'F' '\r' '\n'  (89 44 4C 52 45 46 0D 0A)
 * 8           4     format version, int32 = 1
 * 12          8     payload length L, int64
 * 20          L     payload:
 *                     int32 entry count n
 *                     n times: int32 name length k (1 .. 65535), k bytes of UTF-8 name,
 *                              int32 rows, int32 cols,
 *                              rows*cols int64 values: the IEEE 754 bits of each double
 *                              (Double.doubleToRawLongBits), row-major
 * 20 + L      4     CRC-32 of bytes [0, 20 + L) (java.util.zip.CRC32: the zlib / PNG polynomial),
 *                   as an unsigned 32-bit integer
 * </pre>
 * The file is exactly {@code 24 + L} bytes long. Entries appear in the model's {@link Module#stateDict()}
 * order; names are unique. The magic's first byte is not ASCII and it contains CR LF, so text-mode
 * transfers and line-ending conversions are detected, as in PNG.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Round trip: {@code load(save(model))} restores every value bit for bit (NaN payloads and the sign
 *       of zero included).</li>
 *   <li>Atomic write: the bytes go to a temporary file in the target's directory, which is flushed to the
 *       device ({@code FileChannel.force}) and then renamed over the target with
 *       {@link StandardCopyOption#ATOMIC_MOVE}. A failure or crash before the rename leaves the previous
 *       file untouched (the temporary file is deleted on failure); a file system that cannot rename
 *       atomically makes the save fail rather than fall back to a non-atomic copy.</li>
 *   <li>Loading checks, in this order, and fails with a {@link ModelFileException} naming the file and
 *       the problem: the magic ({@code NOT_A_MODEL_FILE}), the version ({@code UNSUPPORTED_VERSION}), the
 *       length against the header ({@code TRUNCATED}, or {@code CORRUPT} for trailing bytes), the checksum
 *       ({@code CORRUPT}), the structure ({@code CORRUPT}), and finally the names and shapes against the
 *       model ({@code MISMATCH}, listing every missing or unexpected name and every wrong shape). Nothing
 *       is assigned unless every check passes, so a failed load leaves the model unchanged.</li>
 * </ul>
 */
public final class ModelFile {

    /** The format version written by this code and the only one it reads. */
    public static final int VERSION = 1;

    private static final byte[] MAGIC = {(byte) 0x89, 'D', 'L', 'R', 'E', 'F', '\r', '\n'};
    private static final int HEADER_BYTES = 20;
    private static final int CHECKSUM_BYTES = 4;
    private static final int MAX_NAME_BYTES = 65535;

    private ModelFile() {
    }

    /** Writes the content of a file to a stream; used to inject failures in tests. */
    @FunctionalInterface
    interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    // ------------------------------------------------------------------------------------------
    // Model-level API

    /**
     * Saves a model's parameters and buffers ({@link Module#stateDict()}) to a file, atomically.
     *
     * @param model the model
     * @param path the target file; replaced if it exists; its directory must exist
     * @throws IOException if writing fails (the previous file, if any, is then unchanged)
     */
    public static void save(Module model, Path path) throws IOException {
        Objects.requireNonNull(model, "ModelFile.save: model must not be null");
        write(model.stateDict(), path);
    }

    /**
     * Loads a model's parameters and buffers from a file written by {@link #save(Module, Path)}. The file's
     * names and shapes must match the model's exactly.
     *
     * @param model the model, changed only if the whole file is valid and matches
     * @param path the file
     * @throws ModelFileException if the file is not a valid model file or does not match the model
     * @throws IOException if the file cannot be read
     */
    public static void load(Module model, Path path) throws IOException {
        Objects.requireNonNull(model, "ModelFile.load: model must not be null");
        Map<String, Matrix> state = read(path);
        try {
            model.loadStateDict(state);
        } catch (StateMismatchException e) {
            throw new ModelFileException(path, ModelFileException.Reason.MISMATCH, e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------------
    // State-level API

    /**
     * Writes a state (names to values, in the map's iteration order) to a file, atomically.
     *
     * @param state the state, for example {@link Module#stateDict()}
     * @param path the target file; replaced if it exists; its directory must exist
     * @throws IOException if writing fails (the previous file, if any, is then unchanged)
     * @throws IllegalArgumentException if a name is empty or longer than 65535 UTF-8 bytes
     */
    public static void write(Map<String, Matrix> state, Path path) throws IOException {
        byte[] content = encode(state);
        writeAtomically(path, out -> out.write(content));
    }

    /**
     * Reads a state from a file.
     *
     * @param path the file
     * @return the names and values, in file order (unmodifiable)
     * @throws ModelFileException if the file is not a valid model file
     * @throws IOException if the file cannot be read
     */
    public static Map<String, Matrix> read(Path path) throws IOException {
        Objects.requireNonNull(path, "ModelFile.read: path must not be null");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "model file does not exist");
        }
        return decode(bytes, path);
    }

    /**
     * Encodes a state in the documented format.
     *
     * @param state names to values, written in the map's iteration order
     * @return the file content
     * @throws IllegalArgumentException if a name is empty or longer than 65535 UTF-8 bytes
     */
    public static byte[] encode(Map<String, Matrix> state) {
        Objects.requireNonNull(state, "ModelFile.encode: state must not be null");
        try {
            ByteArrayOutputStream payloadBytes = new ByteArrayOutputStream();
            DataOutputStream payload = new DataOutputStream(payloadBytes);
            payload.writeInt(state.size());
            for (Map.Entry<String, Matrix> e : state.entrySet()) {
                String name = Objects.requireNonNull(e.getKey(), "ModelFile.encode: a name is null");
                Matrix m = Objects.requireNonNull(e.getValue(), () -> "ModelFile.encode: value of '" + name + "' is null");
                byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
                if (nameBytes.length == 0 || nameBytes.length > MAX_NAME_BYTES) {
                    throw new IllegalArgumentException("ModelFile.encode: name '" + name + "' must have 1 to "
                            + MAX_NAME_BYTES + " UTF-8 bytes, has " + nameBytes.length);
                }
                payload.writeInt(nameBytes.length);
                payload.write(nameBytes);
                payload.writeInt(m.rows());
                payload.writeInt(m.cols());
                for (int k = 0; k < m.size(); k++) {
                    payload.writeLong(Double.doubleToRawLongBits(m.getFlat(k)));
                }
            }
            payload.flush();
            ByteArrayOutputStream fileBytes = new ByteArrayOutputStream(HEADER_BYTES + payloadBytes.size() + 4);
            DataOutputStream file = new DataOutputStream(fileBytes);
            file.write(MAGIC);
            file.writeInt(VERSION);
            file.writeLong(payloadBytes.size());
            payloadBytes.writeTo(file);
            file.flush();
            CRC32 crc = new CRC32();
            crc.update(fileBytes.toByteArray());
            file.writeInt((int) crc.getValue());
            file.flush();
            return fileBytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("ModelFile.encode: in-memory stream failed", e);
        }
    }

    /**
     * Decodes a state from bytes in the documented format, checking magic, version, length, checksum and
     * structure in that order.
     *
     * @param bytes the file content
     * @param source the file the bytes came from, for messages (may be {@code null})
     * @return the names and values, in file order (unmodifiable)
     * @throws ModelFileException if the bytes are not a valid model file
     */
    public static Map<String, Matrix> decode(byte[] bytes, Path source) throws ModelFileException {
        Objects.requireNonNull(bytes, "ModelFile.decode: bytes must not be null");
        int prefix = Math.min(bytes.length, MAGIC.length);
        for (int i = 0; i < prefix; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw fail(source, ModelFileException.Reason.NOT_A_MODEL_FILE, "the first " + MAGIC.length
                        + " bytes are not the dlref model magic 89 44 4C 52 45 46 0D 0A (byte " + i + " differs)");
            }
        }
        if (bytes.length < HEADER_BYTES) {
            throw fail(source, ModelFileException.Reason.TRUNCATED, "the file has " + bytes.length
                    + " bytes, fewer than the " + HEADER_BYTES + "-byte header");
        }
        ByteBuffer header = ByteBuffer.wrap(bytes);
        int version = header.getInt(8);
        if (version != VERSION) {
            throw fail(source, ModelFileException.Reason.UNSUPPORTED_VERSION, "format version " + version
                    + " at byte 8; this code reads version " + VERSION);
        }
        long payloadLength = header.getLong(12);
        if (payloadLength < 4) {
            throw fail(source, ModelFileException.Reason.CORRUPT, "payload length " + payloadLength
                    + " at byte 12 is smaller than the 4-byte entry count");
        }
        long expected = HEADER_BYTES + payloadLength + CHECKSUM_BYTES;
        if (bytes.length < expected) {
            throw fail(source, ModelFileException.Reason.TRUNCATED, "the header declares " + expected
                    + " bytes but the file has " + bytes.length);
        }
        if (bytes.length > expected) {
            throw fail(source, ModelFileException.Reason.CORRUPT, "the header declares " + expected
                    + " bytes but the file has " + bytes.length + " (trailing bytes, or a damaged length field)");
        }
        int end = (int) (HEADER_BYTES + payloadLength);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, end);
        long stored = Integer.toUnsignedLong(header.getInt(end));
        if (stored != crc.getValue()) {
            throw fail(source, ModelFileException.Reason.CORRUPT, String.format(java.util.Locale.ROOT,
                    "checksum mismatch: stored CRC-32 0x%08X at byte %d, computed 0x%08X", stored, end, crc.getValue()));
        }
        return parsePayload(ByteBuffer.wrap(bytes, HEADER_BYTES, end - HEADER_BYTES), end, source);
    }

    private static Map<String, Matrix> parsePayload(ByteBuffer in, int end, Path source) throws ModelFileException {
        int count = in.getInt();
        if (count < 0) {
            throw fail(source, ModelFileException.Reason.CORRUPT, "negative entry count " + count + " at byte 20");
        }
        Map<String, Matrix> out = new LinkedHashMap<>();
        for (int e = 0; e < count; e++) {
            int at = in.position();
            if (end - at < 4) {
                throw structure(source, "entry " + e + " of " + count + " starts at byte " + at
                        + " but the payload ends at byte " + end);
            }
            int nameLength = in.getInt();
            if (nameLength < 1 || nameLength > MAX_NAME_BYTES || nameLength > end - in.position()) {
                throw structure(source, "entry " + e + " at byte " + at + " has name length " + nameLength);
            }
            byte[] nameBytes = new byte[nameLength];
            in.get(nameBytes);
            String name;
            try {
                name = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(nameBytes)).toString();
            } catch (CharacterCodingException ex) {
                throw structure(source, "entry " + e + " at byte " + at + " has a name that is not valid UTF-8");
            }
            if (end - in.position() < 8) {
                throw structure(source, "entry '" + name + "' has no room for its shape");
            }
            int rows = in.getInt();
            int cols = in.getInt();
            long values = (long) rows * cols;
            if (rows < 0 || cols < 0 || values > (end - in.position()) / 8) {
                throw structure(source, "entry '" + name + "' declares shape " + rows + "x" + cols
                        + " but only " + (end - in.position()) + " payload bytes remain");
            }
            double[] data = new double[(int) values];
            for (int k = 0; k < data.length; k++) {
                data[k] = Double.longBitsToDouble(in.getLong());
            }
            if (out.put(name, Matrix.fromRowMajor(rows, cols, data)) != null) {
                throw structure(source, "entry name '" + name + "' appears twice");
            }
        }
        if (in.position() != end) {
            throw structure(source, "the " + count + " entries end at byte " + in.position()
                    + " but the payload ends at byte " + end);
        }
        return Collections.unmodifiableMap(out);
    }

    private static ModelFileException structure(Path source, String detail) {
        return fail(source, ModelFileException.Reason.CORRUPT, "inconsistent structure (checksum matched, so the"
                + " writer was faulty): " + detail);
    }

    private static ModelFileException fail(Path source, ModelFileException.Reason reason, String detail) {
        return new ModelFileException(source, reason, detail, null);
    }

    // ------------------------------------------------------------------------------------------
    // Atomic write

    /**
     * Writes a file atomically: content to a temporary file in the same directory, forced to the device,
     * then renamed over the target with {@code ATOMIC_MOVE}; the temporary file is deleted on failure.
     *
     * @param target the file to create or replace
     * @param writer produces the content
     * @throws IOException if any step fails; the target is then unchanged
     */
    static void writeAtomically(Path target, ContentWriter writer) throws IOException {
        Objects.requireNonNull(target, "ModelFile.write: path must not be null");
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new IOException("model file " + target + ": is a directory");
        }
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(String.valueOf(dir), null, "directory of model file " + target
                    + " does not exist");
        }
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(channel);
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
