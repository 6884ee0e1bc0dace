package io.github.dlref.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dlref.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the real Fashion-MNIST files when Debian's {@code dataset-fashion-mnist} is installed and checks
 * the published facts (Fashion-MNIST README: 60,000 training and 10,000 test images of 28 x 28, 10 classes,
 * and, as the dataset is balanced, 6,000 and 1,000 images per class). Skipped, with the reason, otherwise.
 */
class FashionMnistTest {

    @TempDir
    Path dir;

    private static void assumeInstalled() {
        // CI installs the package and sets DLREF_REQUIRE_DATA=1 (.ci/run): there the check must run, never skip.
        if ("1".equals(System.getenv("DLREF_REQUIRE_DATA"))) {
            assertTrue(FashionMnist.isPresent(FashionMnist.DEFAULT_DIRECTORY), "DLREF_REQUIRE_DATA=1 but "
                    + "Fashion-MNIST is not installed in " + FashionMnist.DEFAULT_DIRECTORY
                    + " (apt-get install dataset-fashion-mnist)");
        }
        assumeTrue(FashionMnist.isPresent(FashionMnist.DEFAULT_DIRECTORY),
                "Fashion-MNIST is not installed in " + FashionMnist.DEFAULT_DIRECTORY
                        + " (Debian package dataset-fashion-mnist); the real-data check is skipped");
    }

    private static void checkPart(FashionMnist.Part part, int count) throws IOException {
        FashionMnist.Raw raw = FashionMnist.readRaw(FashionMnist.DEFAULT_DIRECTORY, part);
        assertEquals(count, raw.images().count());
        assertEquals(28, raw.images().rows());
        assertEquals(28, raw.images().cols());
        assertEquals(count, raw.labels().count());
        int[] histogram = new int[10];
        for (int l : raw.labels().toArray()) {
            histogram[l]++;
        }
        int[] expected = new int[10];
        java.util.Arrays.fill(expected, count / 10);
        assertArrayEquals(expected, histogram, part + " label histogram");
    }

    @Test
    void trainingSetHasThePublishedSizeAndHistogram() throws IOException {
        assumeInstalled();
        checkPart(FashionMnist.Part.TRAIN, FashionMnist.TRAIN_SIZE);
    }

    @Test
    void testSetHasThePublishedSizeAndHistogram() throws IOException {
        assumeInstalled();
        checkPart(FashionMnist.Part.TEST, FashionMnist.TEST_SIZE);
        Dataset first = FashionMnist.load(FashionMnist.DEFAULT_DIRECTORY, FashionMnist.Part.TEST, 100);
        assertEquals(100, first.size());
        assertEquals(784, first.numFeatures());
        assertEquals(10, first.numClasses());
        assertTrue(first.features().minValue() >= 0 && first.features().maxValue() <= 1);
    }

    @Test
    void anyDirectoryWithTheFourFilesWorks() throws IOException {
        assertFalse(FashionMnist.isPresent(dir));
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> FashionMnist.load(dir, FashionMnist.Part.TEST));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte"), e.getMessage());
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), IdxBytes.gzip(IdxBytes.images(20, 28, 28)));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxBytes.labels(20, 10));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxBytes.images(10, 28, 28));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), IdxBytes.gzip(IdxBytes.labels(10, 10)));
        assertTrue(FashionMnist.isPresent(dir));
        Dataset train = FashionMnist.load(dir, FashionMnist.Part.TRAIN);
        assertEquals(20, train.size());
        assertArrayEquals(new int[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, train.classCounts());
        assertEquals(10, FashionMnist.load(dir, FashionMnist.Part.TEST).size());
        assertEquals("Ankle boot", FashionMnist.CLASS_NAMES.get(9));

        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), IdxBytes.gzip(IdxBytes.labels(9, 10)));
        DataFormatException mismatch = assertThrows(DataFormatException.class,
                () -> FashionMnist.load(dir, FashionMnist.Part.TEST));
        assertTrue(mismatch.getMessage().contains("label count 9 does not match the image count 10"),
                mismatch.getMessage());
    }

    @Test
    void splitStraightFromTheBytesEqualsLoadThenSplit() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte"), IdxBytes.images(23, 28, 28));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxBytes.labels(23, 10));
        FashionMnist.Raw raw = FashionMnist.readRaw(dir, FashionMnist.Part.TRAIN);
        for (int limit : new int[] {23, 17, 1000}) {
            int n = Math.min(limit, 23);
            Dataset.Split expected = FashionMnist.load(dir, FashionMnist.Part.TRAIN, limit).split(n - 5, 3, 99L);
            Dataset.Split actual = FashionMnist.split(raw, limit, n - 5, 3, 99L);
            Dataset[] e = {expected.train(), expected.validation(), expected.test()};
            Dataset[] a = {actual.train(), actual.validation(), actual.test()};
            for (int part = 0; part < 3; part++) {
                assertEquals(e[part].features(), a[part].features(), "limit " + limit + ", part " + part);
                assertArrayEquals(e[part].labels(), a[part].labels(), "limit " + limit + ", part " + part);
                assertEquals(e[part].numClasses(), a[part].numClasses());
            }
            assertEquals(n - 5, actual.train().size());
            assertEquals(3, actual.validation().size());
            assertEquals(2, actual.test().size());
        }
    }

    @Test
    void splitRefusesSizesBeforeBuildingFeatures() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte"), IdxBytes.images(6, 28, 28));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxBytes.labels(6, 10));
        FashionMnist.Raw raw = FashionMnist.readRaw(dir, FashionMnist.Part.TRAIN);
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> FashionMnist.split(raw, 5, 4, 2, 1L));
        assertEquals("FashionMnist.split: need trainSize >= 0, validationSize >= 0 and trainSize + validationSize"
                + " <= 5, got trainSize=4, validationSize=2", tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FashionMnist.split(raw, 6, -1, 2, 1L));
        assertThrows(IllegalArgumentException.class, () -> FashionMnist.split(raw, 6, 2, -1, 1L));
        IllegalArgumentException limit = assertThrows(IllegalArgumentException.class,
                () -> FashionMnist.split(raw, -1, 0, 0, 1L));
        assertEquals("FashionMnist.split: limit must be >= 0, got -1", limit.getMessage());
        Dataset.Split exact = FashionMnist.split(raw, 6, 4, 2, 1L);
        assertEquals(0, exact.test().size());
    }

    @Test
    void featuresByIndexAreThoseImagesInThatOrder() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte"), IdxBytes.images(4, 28, 28));
        IdxImages images = IdxReader.readImages(dir.resolve("train-images-idx3-ubyte"));
        io.github.dlref.math.Matrix all = images.toFeatures(0, 4);
        io.github.dlref.math.Matrix picked = images.toFeatures(new int[] {3, 0, 3});
        assertEquals(all.getRow(3), picked.getRow(0));
        assertEquals(all.getRow(0), picked.getRow(1));
        assertEquals(all.getRow(3), picked.getRow(2));
        assertEquals(images.pixel(3, 27, 27) / 255.0, picked.get(0, 783));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> images.toFeatures(new int[] {0, 4}));
        assertEquals("IdxImages.toFeatures: index 4 at position 1 is outside [0, 4)", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> images.toFeatures(new int[] {-1}));
        assertEquals(0, images.toFeatures(new int[0]).rows());
    }
}
