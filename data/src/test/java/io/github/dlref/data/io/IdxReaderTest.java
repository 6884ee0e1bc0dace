package io.github.dlref.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dlref.data.Dataset;
import io.github.dlref.math.Matrix;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    private static String failure(byte[] content) {
        return assertThrows(DataFormatException.class, () -> IdxReader.read(content, "t.idx")).getMessage();
    }

    @Test
    void readsPlainAndGzipImages() throws IOException {
        byte[] plain = IdxBytes.images(3, 2, 4);
        for (byte[] content : new byte[][] {plain, IdxBytes.gzip(plain)}) {
            IdxImages img = IdxReader.readImages(content, "img");
            assertEquals(3, img.count());
            assertEquals(2, img.rows());
            assertEquals(4, img.cols());
            assertEquals(7 * 2 + 3 * 1 + 3, img.pixel(2, 1, 3));
            // image 1 flattened row by row: (7 + 3 r + c) / 255
            assertEquals(Matrix.fromRowMajor(1, 8, 7 / 255.0, 8 / 255.0, 9 / 255.0, 10 / 255.0, 10 / 255.0,
                    11 / 255.0, 12 / 255.0, 13 / 255.0), img.toFeatures(1, 2));
        }
        Path file = dir.resolve("x-images-idx3-ubyte.gz");
        Files.write(file, IdxBytes.gzip(plain));
        IdxImages fromFile = IdxReader.readImages(file);
        assertEquals(file.toString(), fromFile.source());
        assertEquals(3, fromFile.count());
    }

    @Test
    void pixelsAreUnsignedBytes() throws DataFormatException {
        byte[] content = IdxBytes.file(IdxReader.IMAGES_MAGIC, new int[] {1, 1, 2}, new byte[] {(byte) 255, (byte) 128});
        IdxImages img = IdxReader.readImages(content, "u");
        assertEquals(255, img.pixel(0, 0, 0));
        assertEquals(128, img.pixel(0, 0, 1));
        assertEquals(Matrix.fromRowMajor(1, 2, 1.0, 128 / 255.0), img.toFeatures(0, 1));
    }

    @Test
    void readsLabelsAndGenericArrays() throws IOException {
        IdxLabels l = IdxReader.readLabels(IdxBytes.labels(5, 3), "lab");
        assertArrayEquals(new int[] {0, 1, 2, 0, 1}, l.toArray());
        IdxArray a = IdxReader.read(IdxBytes.file(0x00000802, new int[] {2, 3}, new byte[6]), "two-d");
        assertArrayEquals(new int[] {2, 3}, a.dims());
        assertEquals(6, a.size());
        IdxArray empty = IdxReader.read(IdxBytes.file(IdxReader.IMAGES_MAGIC, new int[] {0, 28, 28}, new byte[0]),
                "none");
        assertEquals(0, empty.size());
        IdxArray viaStream = IdxReader.read(new ByteArrayInputStream(IdxBytes.labels(2, 2)), "s", 10);
        assertEquals(2, viaStream.size());
    }

    @Test
    void badMagicNumbers() {
        String m = failure(new byte[] {1, 0, 8, 1, 0, 0, 0, 0});
        assertTrue(m.startsWith("t.idx: bad magic number 0x01000801"), m);
        m = failure(IdxBytes.file(0x00000D01, new int[] {1}, new byte[4]));
        assertTrue(m.contains("0x00000D01") && m.contains("0x0D (float, 4 bytes) is not supported"), m);
        m = assertThrows(DataFormatException.class,
                () -> IdxReader.readImages(IdxBytes.labels(3, 2), "lab-as-img")).getMessage();
        assertTrue(m.contains("bad magic number 0x00000801") && m.contains("expected 0x00000803"), m);
        m = assertThrows(DataFormatException.class,
                () -> IdxReader.readLabels(IdxBytes.images(1, 1, 1), "img-as-lab")).getMessage();
        assertTrue(m.contains("expected 0x00000801"), m);
        m = failure(new byte[] {0, 0, 8, 0});
        assertTrue(m.contains("0 dimensions"), m);
    }

    @Test
    void truncationIsReportedWithWhatWasClaimedAndFound() {
        assertTrue(failure(new byte[0]).contains("empty"));
        assertTrue(failure(new byte[] {0, 0}).contains("2 bytes, the magic number alone needs 4"));
        String m = failure(new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0});
        assertTrue(m.contains("3 dimension sizes need 12 bytes") && m.contains("only 5"), m);
        byte[] full = IdxBytes.images(10, 28, 28);
        m = failure(Arrays.copyOf(full, full.length - 100));
        assertTrue(m.contains("truncated data") && m.contains("10 x 28 x 28 = 7840") && m.contains("only 7740"), m);
        m = failure(IdxBytes.gzip(Arrays.copyOf(full, full.length - 1)));
        assertTrue(m.contains("only 7839") && m.contains("decompressed"), m);
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] full = IdxBytes.labels(4, 2);
        String m = failure(Arrays.copyOf(full, full.length + 1));
        assertTrue(m.contains("more bytes follow the 4 data bytes"), m);
    }

    @Test
    void corruptGzipIsADataFormatException() {
        byte[] gz = IdxBytes.gzip(IdxBytes.images(2, 3, 3));
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        String m = failure(cut);
        assertTrue(m.startsWith("t.idx: "), m);
        byte[] garbage = {0x1f, (byte) 0x8b, 1, 2, 3};
        m = failure(garbage);
        assertTrue(m.contains("corrupt gzip data"), m);
    }

    @Test
    void negativeAndHugeDimensionsAreRejectedBeforeAllocating() {
        String m = failure(IdxBytes.file(IdxReader.IMAGES_MAGIC, new int[] {-1, 28, 28}, new byte[0]));
        assertTrue(m.contains("dimension 0 has a negative size -1 (0xFFFFFFFF"), m);
        m = failure(IdxBytes.file(IdxReader.IMAGES_MAGIC, new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, 2},
                new byte[16]));
        assertTrue(m.contains("more than the limit of 2147483639 bytes"), m);
        // the message states the product exactly while it fits a long, and says so when it does not
        assertTrue(m.contains("the header claims 2147483647 x 2147483647 x 2 = 9223372028264841218 data bytes"), m);
        m = failure(IdxBytes.file(IdxReader.IMAGES_MAGIC, new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, 3},
                new byte[16]));
        assertTrue(m.contains("the header claims 2147483647 x 2147483647 x 3 = more than 2^63 data bytes, more than"
                + " the limit of 2147483639 bytes"), m);
        m = failure(IdxBytes.file(IdxReader.IMAGES_MAGIC, new int[] {3, 0, Integer.MAX_VALUE}, new byte[1]));
        assertTrue(m.contains("more bytes follow the 0 data bytes the header (3 x 0 x 2147483647 = 0) describes"), m);
        String limited = assertThrows(DataFormatException.class, () -> IdxReader.read(
                new ByteArrayInputStream(IdxBytes.labels(100, 2)), "lim", 99)).getMessage();
        assertTrue(limited.contains("the header claims 100 data bytes, more than the limit of 99"), limited);
        assertThrows(IllegalArgumentException.class,
                () -> IdxReader.read(new ByteArrayInputStream(new byte[0]), "x", -1));
    }

    /**
     * A header that claims just under 2 GiB in a file of a few bytes must cost kilobytes, not gigabytes:
     * the bytes this thread allocates while reading are measured with
     * {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}.
     */
    @Test
    void aHugeClaimInATinyFileAllocatesOnlyWhatIsPresent() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "this JVM cannot measure per-thread allocation");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation measurement is disabled");
        // 46340 x 46340 = 2,147,395,600 bytes claimed (just under the limit), 10 present
        byte[] content = IdxBytes.file(0x00000802, new int[] {46340, 46340}, new byte[10]);
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        for (int k = 0; k < 20; k++) {
            String m = assertThrows(DataFormatException.class, () -> IdxReader.read(content, "huge")).getMessage();
            assertTrue(m.contains("only 10 are present"), m);
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 20L * (1 << 20), "20 reads allocated " + allocated + " bytes");
    }

    @Test
    void idxDatasetChecksThePair() throws IOException {
        Path img = dir.resolve("img");
        Path lab = dir.resolve("lab");
        Files.write(img, IdxBytes.images(6, 2, 2));
        Files.write(lab, IdxBytes.gzip(IdxBytes.labels(6, 3)));
        Dataset d = IdxDataset.load(img, lab, 3);
        assertEquals(6, d.size());
        assertEquals(4, d.numFeatures());
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, d.labels());
        assertEquals(2, IdxDataset.load(img, lab, 3, 2).size());

        Files.write(lab, IdxBytes.labels(5, 3));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxDataset.load(img, lab, 3));
        assertEquals(lab.toString(), e.source());
        assertTrue(e.getMessage().contains("label count 5 does not match the image count 6 of " + img), e.getMessage());

        Files.write(lab, IdxBytes.labels(6, 3));
        String m = assertThrows(DataFormatException.class, () -> IdxDataset.load(img, lab, 2)).getMessage();
        assertTrue(m.contains("label 2 at index 2 is outside [0, 2)"), m);

        assertThrows(NoSuchFileException.class, () -> IdxDataset.load(dir.resolve("missing"), lab, 3));
    }
}
