package io.github.dlref.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.data.Dataset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading the first images of an IDX file streams: a gzip "bomb" whose header claims 3,000,000 images of 28 x 28
 * (2,352,000,000 bytes, above every limit) and whose compressed stream is cut short after 10 MB of zeros is read
 * with a limit of 100 images. If the reader decompressed the whole file first, or checked the header's full size,
 * it would fail (limit exceeded, or corrupt gzip data at the cut); it returns the 100 images. Fashion-MNIST
 * directories whose training and test images differ in size are refused naming both files.
 */
class IdxStreamingTest {

    private static final int CLAIMED = 3_000_000;

    @TempDir
    Path dir;

    /** The bomb: header claiming {@code CLAIMED} 28 x 28 images, 100 real images, 10 MB of zeros, gzip cut short. */
    private static byte[] bomb() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            ByteBuffer header = ByteBuffer.allocate(16);
            header.putInt(IdxReader.IMAGES_MAGIC).putInt(CLAIMED).putInt(28).putInt(28);
            gz.write(header.array());
            byte[] image = new byte[28 * 28];
            for (int i = 0; i < 100; i++) {
                Arrays.fill(image, (byte) (i + 1));
                gz.write(image);
            }
            byte[] zeros = new byte[1 << 20];
            for (int k = 0; k < 10; k++) {
                gz.write(zeros);
            }
        }
        byte[] whole = out.toByteArray();
        return Arrays.copyOf(whole, whole.length - 40); // cut: the end of the deflate stream and the trailer
    }

    @Test
    void aGzipBombIsStreamedUpToTheLimit() throws IOException {
        byte[] bomb = bomb();
        assertTrue(bomb.length < 100_000, "compressed size " + bomb.length);
        Path file = dir.resolve("train-images-idx3-ubyte.gz");
        Files.write(file, bomb);

        IdxImages first = IdxReader.readImages(file, FashionMnist.MAX_IMAGE_BYTES, 100);
        assertEquals(100, first.count());
        assertEquals(28, first.rows());
        assertEquals(28, first.cols());
        assertEquals(1, first.pixel(0, 0, 0));
        assertEquals(100, first.pixel(99, 27, 27));

        // the whole file is refused by its header before any data is read
        DataFormatException all = assertThrows(DataFormatException.class,
                () -> IdxReader.readImages(file, FashionMnist.MAX_IMAGE_BYTES, Integer.MAX_VALUE));
        assertEquals(file + ": the header claims 3000000 x 28 x 28 = 2352000000 data bytes, more than the limit of "
                + "67108864 bytes", all.getMessage());
        // a limit whose kept images exceed the byte limit is refused naming both
        DataFormatException kept = assertThrows(DataFormatException.class,
                () -> IdxReader.readImages(file, 784 * 10, 11));
        assertEquals(file + ": the header claims 3000000 x 28 x 28 = 2352000000 data bytes, and its first 11 items "
                + "take 11 x 28 x 28 = 8624, more than the limit of 7840 bytes", kept.getMessage());
        // reading past the cut finds the damage
        DataFormatException cut = assertThrows(DataFormatException.class,
                () -> IdxReader.readImages(file, FashionMnist.MAX_IMAGE_BYTES, 20_000));
        assertEquals(file + ": corrupt gzip data (the compressed stream ends early)", cut.getMessage());
    }

    @Test
    void aLimitKeepsTheFirstItemsOfPlainFilesAndZeroKeepsNone() throws IOException {
        Path images = dir.resolve("i");
        Files.write(images, IdxBytes.images(7, 2, 3));
        Path labels = dir.resolve("l");
        Files.write(labels, IdxBytes.labels(7, 10));
        IdxImages three = IdxReader.readImages(images, 1000, 3);
        assertEquals(3, three.count());
        assertEquals((7 * 2 + 3 * 1 + 2) % 256, three.pixel(2, 1, 2));
        assertEquals(0, IdxReader.readImages(images, 1000, 0).count());
        assertEquals(7, IdxReader.readImages(images, 1000, 7).count());
        assertEquals(7, IdxReader.readImages(images, 42, 100).count());
        assertEquals(List.of(0, 1, 2, 3), Arrays.stream(IdxReader.readLabels(labels, 4).toArray()).boxed().toList());
        assertEquals(7, IdxReader.read(labels, 7, 100).size());
        // every item kept: bytes after the data are still noticed
        Files.write(images, concat(IdxBytes.images(2, 2, 2), new byte[] {9}));
        assertTrue(assertThrows(DataFormatException.class, () -> IdxReader.readImages(images, 1000, 2)).getMessage()
                .contains("more bytes follow the 8 data bytes"));
        assertEquals(1, IdxReader.readImages(images, 1000, 1).count());
        assertThrows(IllegalArgumentException.class, () -> IdxReader.readImages(images, 1000, -1));
        Files.write(images, IdxBytes.file(IdxReader.IMAGES_MAGIC, new int[] {5, 2, 2}, new byte[12]));
        assertEquals(images + ": truncated data: 4 x 2 x 2 = 16 data bytes are expected from the header, only 12 are "
                + "present in the content", assertThrows(DataFormatException.class,
                        () -> IdxReader.readImages(images, 1000, 4)).getMessage());
    }

    @Test
    void fashionMnistReadsOnlyTheLimitAndRefusesMismatchedImageSizes() throws IOException {
        write("train-images-idx3-ubyte", IdxBytes.images(6, 4, 4));
        write("train-labels-idx1-ubyte", IdxBytes.labels(6, 10));
        write("t10k-images-idx3-ubyte", IdxBytes.images(3, 4, 4));
        write("t10k-labels-idx1-ubyte", IdxBytes.labels(3, 10));
        List<Dataset> both = FashionMnist.loadBoth(dir, 5);
        assertEquals(5, both.get(0).size());
        assertEquals(16, both.get(0).numFeatures());
        assertEquals(3, both.get(1).size());
        assertEquals(4, FashionMnist.load(dir, FashionMnist.Part.TRAIN, 4).size());
        assertEquals(2, FashionMnist.readRaw(dir, FashionMnist.Part.TEST, 2).labels().count());

        write("t10k-images-idx3-ubyte", IdxBytes.images(3, 5, 3));
        DataFormatException e = assertThrows(DataFormatException.class, () -> FashionMnist.loadBoth(dir, 5));
        assertEquals(dir.resolve("t10k-images-idx3-ubyte") + ": test images are 5 x 3 pixels, but the training "
                + "images in " + dir.resolve("train-images-idx3-ubyte") + " are 4 x 4; both parts must have the same "
                + "image size", e.getMessage());
        write("t10k-images-idx3-ubyte", IdxBytes.images(3, 4, 5));
        assertTrue(assertThrows(DataFormatException.class, () -> FashionMnist.loadBoth(dir, 5)).getMessage()
                .contains("test images are 4 x 5 pixels"));
    }

    private void write(String name, byte[] content) throws IOException {
        Files.write(dir.resolve(name), content);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
