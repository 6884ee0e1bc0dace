package io.github.dlref.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import io.github.dlref.nn.Module;
import io.github.dlref.nn.Sequential;
import io.github.dlref.nn.TestData;
import io.github.dlref.nn.layers.BatchNorm;
import io.github.dlref.nn.layers.Linear;
import io.github.dlref.nn.layers.ReLU;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

    @TempDir
    Path dir;

    private static Sequential model(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential(new Linear(3, 4, rng), new BatchNorm(4), new ReLU(), new Linear(4, 2, false, rng));
    }

    /** A trained-looking model: running statistics moved away from their initial values. */
    private static Sequential trainedModel() {
        Sequential m = model(1);
        m.forward(Tensor.constant(TestData.gaussian(2, 5, 3)));
        return m;
    }

    private static Map<String, Matrix> snapshot(Module m) {
        return new LinkedHashMap<>(m.stateDict());
    }

    // ------------------------------------------------------------------------------------------
    // Round trip and format

    @Test
    void saveThenLoadRestoresEveryValueBitForBit() throws IOException {
        Sequential saved = trainedModel();
        Path file = dir.resolve("model.dlref");
        ModelFile.save(saved, file);
        Sequential loaded = model(77);
        ModelFile.load(loaded, file);
        assertEquals(saved.stateDict(), loaded.stateDict()); // Matrix.equals is bitwise
        assertEquals(List.copyOf(saved.stateDict().keySet()), List.copyOf(ModelFile.read(file).keySet()));
    }

    @Test
    void specialValuesRoundTripBitwise() throws IOException {
        double nanWithPayload = Double.longBitsToDouble(0x7ff8_0000_dead_beefL);
        Map<String, Matrix> state = new LinkedHashMap<>();
        state.put("specials", Matrix.rowVector(-0.0, 0.0, Double.MIN_VALUE, -Double.MAX_VALUE,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, nanWithPayload, 0.1));
        state.put("empty", Matrix.zeros(0, 3));
        state.put("name with ünïcode", Matrix.scalar(1.0));
        Path file = dir.resolve("specials.dlref");
        ModelFile.write(state, file);
        Map<String, Matrix> back = ModelFile.read(file);
        assertEquals(List.copyOf(state.keySet()), List.copyOf(back.keySet()));
        double[] original = state.get("specials").toRowMajorArray();
        double[] read = back.get("specials").toRowMajorArray();
        for (int k = 0; k < original.length; k++) {
            assertEquals(Double.doubleToRawLongBits(original[k]), Double.doubleToRawLongBits(read[k]), "entry " + k);
        }
        assertEquals(Matrix.zeros(0, 3), back.get("empty"));
    }

    @Test
    void bytesFollowTheDocumentedLayout() {
        Map<String, Matrix> state = new LinkedHashMap<>();
        state.put("w", Matrix.rowVector(1.0, -2.5));
        byte[] bytes = ModelFile.encode(state);
        // header 20 + payload (count 4 + name length 4 + "w" 1 + rows 4 + cols 4 + 2 values 16) + CRC 4
        int payload = 4 + 4 + 1 + 4 + 4 + 16;
        assertEquals(20 + payload + 4, bytes.length);
        assertArrayEquals(new byte[] {(byte) 0x89, 0x44, 0x4C, 0x52, 0x45, 0x46, 0x0D, 0x0A},
                Arrays.copyOf(bytes, 8));
        ByteBuffer b = ByteBuffer.wrap(bytes);
        assertEquals(1, b.getInt(8));
        assertEquals(payload, b.getLong(12));
        assertEquals(1, b.getInt(20));
        assertEquals(1, b.getInt(24));
        assertEquals('w', bytes[28]);
        assertEquals(1, b.getInt(29));
        assertEquals(2, b.getInt(33));
        assertEquals(Double.doubleToRawLongBits(1.0), b.getLong(37));
        assertEquals(Double.doubleToRawLongBits(-2.5), b.getLong(45));
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, 53);
        assertEquals(crc.getValue(), Integer.toUnsignedLong(b.getInt(53)));
    }

    // ------------------------------------------------------------------------------------------
    // Bad files: each kind gives its error and leaves the model unchanged

    private ModelFileException loadFails(byte[] content, ModelFileException.Reason reason, String... fragments)
            throws IOException {
        Path file = dir.resolve("bad.dlref");
        Files.write(file, content);
        Sequential m = model(5);
        Map<String, Matrix> before = snapshot(m);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(m, file));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith("model file " + file + ": "), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message lacks '" + f + "': " + e.getMessage());
        }
        assertEquals(before, m.stateDict(), "the model must be unchanged after a failed load");
        return e;
    }

    private static byte[] goodBytes() {
        return ModelFile.encode(trainedModel().stateDict());
    }

    @Test
    void notAModelFile() throws IOException {
        loadFails("{\"weights\": []}".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                ModelFileException.Reason.NOT_A_MODEL_FILE, "magic", "byte 0 differs");
        byte[] textMode = goodBytes();
        textMode[6] = '\n'; // a CR LF -> LF conversion shifts the magic
        loadFails(textMode, ModelFileException.Reason.NOT_A_MODEL_FILE, "byte 6 differs");
    }

    @Test
    void unsupportedVersion() throws IOException {
        byte[] bytes = goodBytes();
        ByteBuffer.wrap(bytes).putInt(8, 2);
        loadFails(bytes, ModelFileException.Reason.UNSUPPORTED_VERSION, "format version 2", "reads version 1");
    }

    @Test
    void truncatedFiles() throws IOException {
        byte[] bytes = goodBytes();
        loadFails(Arrays.copyOf(bytes, bytes.length - 1), ModelFileException.Reason.TRUNCATED,
                "declares " + bytes.length + " bytes but the file has " + (bytes.length - 1));
        loadFails(Arrays.copyOf(bytes, bytes.length / 2), ModelFileException.Reason.TRUNCATED);
        loadFails(Arrays.copyOf(bytes, 12), ModelFileException.Reason.TRUNCATED, "fewer than the 20-byte header");
        loadFails(new byte[0], ModelFileException.Reason.TRUNCATED, "has 0 bytes");
    }

    @Test
    void corruptFiles() throws IOException {
        byte[] flipped = goodBytes();
        flipped[100] ^= 0x10; // one bit of a value
        loadFails(flipped, ModelFileException.Reason.CORRUPT, "checksum mismatch");
        byte[] badCrc = goodBytes();
        badCrc[badCrc.length - 1] ^= 0x01;
        loadFails(badCrc, ModelFileException.Reason.CORRUPT, "checksum mismatch");
        byte[] good = goodBytes();
        byte[] trailing = Arrays.copyOf(good, good.length + 3);
        loadFails(trailing, ModelFileException.Reason.CORRUPT, "trailing bytes");
    }

    @Test
    void structurallyInconsistentFileWithAValidChecksumIsCorrupt() throws IOException {
        Map<String, Matrix> state = new LinkedHashMap<>();
        state.put("a", Matrix.scalar(1.0));
        byte[] bytes = ModelFile.encode(state);
        ByteBuffer.wrap(bytes).putInt(20, 2); // claims two entries
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.decode(bytes, null));
        assertEquals(ModelFileException.Reason.CORRUPT, e.reason());
        assertTrue(e.getMessage().startsWith("model data: corrupt: inconsistent structure"), e.getMessage());
    }

    /** A complete file around a hand-made payload: the magic and version of a real file, the length, a valid CRC. */
    private static byte[] fileWithPayload(byte[] payload) {
        byte[] real = ModelFile.encode(Map.of());
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length + 4);
        b.put(real, 0, 12).putLong(12, payload.length);
        b.position(20);
        b.put(payload);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, 20 + payload.length);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    private static byte[] entry(String name, int rows, int cols, double... values) {
        byte[] n = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(4 + n.length + 8 + 8 * values.length);
        b.putInt(n.length).put(n).putInt(rows).putInt(cols);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    private static byte[] payload(int count, byte[]... parts) {
        int size = 4;
        for (byte[] p : parts) {
            size += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).putInt(count);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    private static void corrupt(byte[] bytes, String detail) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.decode(bytes, null));
        assertEquals(ModelFileException.Reason.CORRUPT, e.reason());
        assertTrue(e.getMessage().endsWith(detail), e.getMessage());
    }

    /**
     * Each structural check of the payload, on files whose checksum is valid (so only the structure can be
     * wrong); byte offsets follow the layout of {@link #bytesFollowTheDocumentedLayout()}: the payload starts at
     * byte 20 with the entry count, the first entry's name length at 24, its name at 28.
     */
    @Test
    void everyStructuralCheckNamesWhatIsWrongAndWhere() throws IOException {
        byte[] a = entry("a", 1, 1, 2.5);
        assertEquals(Map.of("a", Matrix.scalar(2.5)), ModelFile.decode(fileWithPayload(payload(1, a)), null));
        corrupt(fileWithPayload(payload(-1)), "negative entry count -1 at byte 20");
        corrupt(fileWithPayload(payload(0, a)), "the 0 entries end at byte 24 but the payload ends at byte 45");
        corrupt(fileWithPayload(payload(2, a, new byte[2])),
                "entry 1 of 2 starts at byte 45 but the payload ends at byte 47");
        corrupt(fileWithPayload(payload(1, entry("", 1, 1, 2.5))), "entry 0 at byte 24 has name length 0");
        byte[] longName = payload(1, a);
        ByteBuffer.wrap(longName).putInt(4, 22);
        corrupt(fileWithPayload(longName), "entry 0 at byte 24 has name length 22");
        ByteBuffer.wrap(longName).putInt(4, 65536);
        corrupt(fileWithPayload(longName), "entry 0 at byte 24 has name length 65536");
        byte[] badName = payload(1, a);
        badName[8] = (byte) 0xFF;
        corrupt(fileWithPayload(badName), "entry 0 at byte 24 has a name that is not valid UTF-8");
        corrupt(fileWithPayload(payload(1, new byte[] {0, 0, 0, 1, 'a', 0, 0, 0, 1})),
                "entry 'a' has no room for its shape");
        corrupt(fileWithPayload(payload(1, entry("a", -1, 1, 2.5))),
                "entry 'a' declares shape -1x1 but only 8 payload bytes remain");
        corrupt(fileWithPayload(payload(1, entry("a", 1, -1, 2.5))),
                "entry 'a' declares shape 1x-1 but only 8 payload bytes remain");
        corrupt(fileWithPayload(payload(1, entry("a", 2, 1, 2.5))),
                "entry 'a' declares shape 2x1 but only 8 payload bytes remain");
        corrupt(fileWithPayload(payload(2, a, a)), "entry name 'a' appears twice");
        byte[] shortLength = fileWithPayload(payload(0));
        ByteBuffer.wrap(shortLength).putLong(12, 3);
        corrupt(shortLength, "payload length 3 at byte 12 is smaller than the 4-byte entry count");
        // a 1x0 entry holds no values and is valid
        assertEquals(Map.of("e", Matrix.zeros(1, 0)), ModelFile.decode(fileWithPayload(payload(1, entry("e", 1, 0))),
                null));
    }

    @Test
    void fileThatDoesNotMatchTheModelListsEveryDifference() throws IOException {
        Rng rng = new Rng(3);
        Sequential other = new Sequential(new Linear(3, 5, rng), new BatchNorm(5), new ReLU(), new Linear(5, 2, rng));
        ModelFileException e = loadFails(ModelFile.encode(other.stateDict()), ModelFileException.Reason.MISMATCH,
                "unexpected [3.bias]", "0.weight: model 4x3, state 5x3", "1.running_mean: model 1x4, state 1x5",
                "the model was not changed");
        assertTrue(e.getCause() instanceof io.github.dlref.nn.StateMismatchException);
        Sequential smaller = new Sequential(new Linear(3, 4, rng));
        loadFails(ModelFile.encode(smaller.stateDict()), ModelFileException.Reason.MISMATCH,
                "missing [1.weight, 1.bias, 1.running_mean, 1.running_var, 3.weight]");
    }

    @Test
    void missingFileSaysSo() {
        Path absent = dir.resolve("absent.dlref");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ModelFile.load(model(1), absent));
        assertTrue(e.getMessage().contains("absent.dlref") && e.getMessage().contains("does not exist"),
                e.getMessage());
    }

    // ------------------------------------------------------------------------------------------
    // Atomic write

    @Test
    void aFailureInTheMiddleOfASaveLeavesThePreviousFileIntact() throws IOException {
        Path file = dir.resolve("model.dlref");
        ModelFile.save(trainedModel(), file);
        byte[] previous = Files.readAllBytes(file);
        byte[] next = ModelFile.encode(model(9).stateDict());
        IOException e = assertThrows(IOException.class, () -> ModelFile.writeAtomically(file, out -> {
            out.write(next, 0, next.length / 2);
            throw new IOException("simulated crash after " + next.length / 2 + " bytes");
        }));
        assertTrue(e.getMessage().startsWith("simulated crash"));
        assertArrayEquals(previous, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "the temporary file must be removed");
        }
    }

    @Test
    void saveReplacesAnExistingFile() throws IOException {
        Path file = dir.resolve("model.dlref");
        ModelFile.save(model(1), file);
        Sequential second = model(2);
        ModelFile.save(second, file);
        Sequential loaded = model(3);
        ModelFile.load(loaded, file);
        assertEquals(second.stateDict(), loaded.stateDict());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void saveIntoAMissingDirectoryOrOntoADirectoryFails() throws IOException {
        Path missing = dir.resolve("no/such/dir/model.dlref");
        assertTrue(assertThrows(NoSuchFileException.class, () -> ModelFile.save(model(1), missing)).getMessage()
                .contains("does not exist"));
        Path directory = Files.createDirectory(dir.resolve("adir"));
        assertTrue(assertThrows(IOException.class, () -> ModelFile.save(model(1), directory)).getMessage()
                .contains("is a directory"));
        assertTrue(Files.isDirectory(directory));
    }

    @Test
    void encodeRejectsUnwritableNames() {
        Map<String, Matrix> state = new LinkedHashMap<>();
        state.put("", Matrix.scalar(1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelFile.encode(state)).getMessage()
                .contains("must have 1 to 65535 UTF-8 bytes"));
    }

    @Test
    void encodeNamesAnEntryWithoutAValue() {
        Map<String, Matrix> state = new LinkedHashMap<>();
        state.put("w", null);
        assertEquals("ModelFile.encode: value of 'w' is null",
                assertThrows(NullPointerException.class, () -> ModelFile.encode(state)).getMessage());
    }

    /** Names of the shortest (1 byte) and the longest allowed length (65535 UTF-8 bytes) are written and read back. */
    @Test
    void namesOfTheBoundaryLengthsRoundTrip() throws IOException {
        Map<String, Matrix> state = new LinkedHashMap<>();
        state.put("a", Matrix.scalar(1.5));
        state.put("b".repeat(65535), Matrix.rowVector(-2.0, 0.25));
        assertEquals(state, ModelFile.decode(ModelFile.encode(state), null));
    }

    /**
     * Structural checks at their exact bounds (valid checksums throughout): a file of exactly the 20 header bytes
     * is judged by its declared length, an entry with only its 4-byte name length left is judged by that length,
     * and a name that ends exactly at the payload's end leaves no room for the shape.
     */
    @Test
    void structuralChecksAtTheirExactBounds() {
        byte[] headerOnly = Arrays.copyOf(fileWithPayload(payload(0)), 20);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.decode(headerOnly, null));
        assertEquals(ModelFileException.Reason.TRUNCATED, e.reason());
        assertTrue(e.getMessage().endsWith("the header declares 28 bytes but the file has 20"), e.getMessage());
        corrupt(fileWithPayload(payload(1, new byte[] {0, 0, 0, 5})), "entry 0 at byte 24 has name length 5");
        corrupt(fileWithPayload(payload(1, new byte[] {0, 0, 0, 1, 'a'})), "entry 'a' has no room for its shape");
    }
}
