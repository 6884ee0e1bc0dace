package io.github.dlref.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded whole-input reads and strict UTF-8 with byte offsets: a file of exactly the limit is read, one byte
 * more is refused, an endless stream ({@code /dev/zero}, or a generated one) is refused after reading at most
 * {@code limit + 1} bytes, and a malformed byte is named by its offset and line.
 */
class BoundedInputTest {

    @TempDir
    Path dir;

    /** An endless stream of a repeated byte that counts what was read from it. */
    private static final class Endless extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return 'a';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 'a');
            read += len;
            return len;
        }
    }

    @Test
    void aFileOfExactlyTheLimitIsReadAndOneByteMoreIsRefused() throws IOException {
        byte[] content = new byte[100_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        Path f = dir.resolve("f.bin");
        Files.write(f, content);
        assertArrayEquals(content, BoundedInput.readAllBytes(f, content.length));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> BoundedInput.readAllBytes(f, content.length - 1));
        assertEquals(f + ": larger than the limit of 99999 bytes; reading stopped there",
                e.getMessage());
        assertEquals(f.toString(), e.source());
        assertArrayEquals(new byte[0], BoundedInput.readAllBytes(new ByteArrayInputStream(new byte[0]), "empty", 0));
        assertThrows(DataFormatException.class,
                () -> BoundedInput.readAllBytes(new ByteArrayInputStream(new byte[1]), "one", 0));
    }

    @Test
    void anEndlessStreamIsRefusedAfterTheLimitPlusOneByte() {
        Endless endless = new Endless();
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> BoundedInput.readAllBytes(endless, "endless", 3L << 20));
        assertEquals("endless: larger than the limit of 3145728 bytes (3 MiB); reading stopped there", e.getMessage());
        assertEquals((3L << 20) + 1, endless.read);
    }

    @Test
    void devZeroIsRefusedAtTheLimit() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero), "no /dev/zero on this platform");
        DataFormatException e = assertThrows(DataFormatException.class, () -> BoundedInput.readAllBytes(zero, 1 << 20));
        assertEquals("/dev/zero: larger than the limit of 1048576 bytes (1 MiB); reading stopped there",
                e.getMessage());
    }

    @Test
    void limitsOutsideTheArrayRangeAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BoundedInput.readAllBytes(new ByteArrayInputStream(new byte[0]), "s", -1));
        assertEquals("BoundedInput: maxBytes must be in [0, 2147483639], got -1", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> BoundedInput.readAllBytes(new ByteArrayInputStream(new byte[0]), "s", Integer.MAX_VALUE));
        assertThrows(NoSuchFileException.class, () -> BoundedInput.readAllBytes(dir.resolve("missing"), 10));
    }

    @Test
    void malformedUtf8IsNamedByByteOffsetAndLine() throws IOException {
        byte[] text = "{\n  \"a\": \"é\",\n  \"b\": 1\n}\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("{\n  \"a\": \"é\",\n  \"b\": 1\n}\n", BoundedInput.decodeUtf8(text, "t.json"));
        byte[] bad = text.clone();
        int offset = 18; // the 'b' on line 3
        assertEquals('b', bad[offset]);
        bad[offset] = (byte) 0xC3; // a lead byte followed by '"' (not a continuation byte)
        DataFormatException e = assertThrows(DataFormatException.class, () -> BoundedInput.decodeUtf8(bad, "t.json"));
        assertEquals("t.json: not valid UTF-8: malformed byte sequence at byte offset 18 (0xC3), line 3",
                e.getMessage());
        byte[] truncated = {'a', (byte) 0xE2, (byte) 0x82};
        assertEquals("x: not valid UTF-8: malformed byte sequence at byte offset 1 (0xE2), line 1",
                assertThrows(DataFormatException.class, () -> BoundedInput.decodeUtf8(truncated, "x")).getMessage());
        Path f = dir.resolve("latin1.txt");
        Files.write(f, new byte[] {'o', 'k', '\n', (byte) 0xFF});
        assertEquals(f + ": not valid UTF-8: malformed byte sequence at byte offset 3 (0xFF), line 2",
                assertThrows(DataFormatException.class, () -> BoundedInput.readUtf8(f, 10)).getMessage());
        Files.write(f, "ok".getBytes(StandardCharsets.UTF_8));
        assertEquals("ok", BoundedInput.readUtf8(f, 2));
    }

    @Test
    void longValidTextIsDecodedAcrossTheDecodersChunks() throws DataFormatException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            sb.append("αβ").append(i % 10);
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        assertEquals(sb.toString(), BoundedInput.decodeUtf8(bytes, "long"));
        assertEquals(-1, BoundedInput.malformedOffset(bytes));
        byte[] bad = bytes.clone();
        bad[bad.length - 3] = (byte) 0xFF; // the lead byte of the last beta
        assertEquals(bad.length - 3, BoundedInput.malformedOffset(bad));
        bad[bad.length - 3] = (byte) 0xCE;
        bad[bad.length - 2] = (byte) 0x39; // a lead byte without its continuation: the lead byte is named
        assertEquals(bad.length - 3, BoundedInput.malformedOffset(bad));
    }

    @Test
    void sizesAreDescribedInTheLargestExactUnit() {
        assertEquals("256 MiB", BoundedInput.describe(256L << 20));
        assertEquals("64 KiB", BoundedInput.describe(64 << 10));
        assertEquals("1025 KiB", BoundedInput.describe(1025 << 10));
        assertEquals("1000 bytes", BoundedInput.describe(1000));
        assertEquals("1023 bytes", BoundedInput.describe(1023));
    }
}
