package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.math.Matrix;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataConfigTest {

    @TempDir
    Path tmp;

    @Test
    void irisIsSplit60To20To20AndStandardizedOnTheTrainingPart() throws IOException {
        PreparedData d = DataConfig.builtIn(DataSource.IRIS).prepare(Seeds.of(1));
        assertEquals(90, d.train().size());
        assertEquals(30, d.validation().size());
        assertEquals(30, d.test().size());
        Matrix means = d.train().features().meanCols();
        for (int j = 0; j < 4; j++) {
            assertEquals(0.0, means.get(0, j), 1e-12, "training column " + j + " has mean 0");
        }
        PreparedData again = DataConfig.builtIn(DataSource.IRIS).prepare(Seeds.of(1));
        assertEquals(d.train().features(), again.train().features(), "same seed, same split");
        PreparedData other = DataConfig.builtIn(DataSource.IRIS).prepare(Seeds.of(2));
        assertTrue(!d.train().features().equals(other.train().features()), "another seed, another split");
    }

    private static void idx(Path file, int magic, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
        Files.write(file, bytes.toByteArray());
    }

    private static void fashionFixture(Path dir, int train, int test) throws IOException {
        Files.createDirectories(dir);
        for (String[] part : new String[][] {{"train", Integer.toString(train)}, {"t10k", Integer.toString(test)}}) {
            int n = Integer.parseInt(part[1]);
            byte[] pixels = new byte[n * 28 * 28];
            byte[] labels = new byte[n];
            for (int i = 0; i < n; i++) {
                labels[i] = (byte) (i % 10);
                pixels[i * 784 + i % 784] = (byte) 255;
            }
            idx(dir.resolve(part[0] + "-images-idx3-ubyte"), 0x803, new int[] {n, 28, 28}, pixels);
            idx(dir.resolve(part[0] + "-labels-idx1-ubyte"), 0x801, new int[] {n}, labels);
        }
    }

    @Test
    void fashionMnistFromADirectoryKeepsItsTestPartAndSplitsOffValidation() throws IOException {
        Path dir = tmp.resolve("fm");
        fashionFixture(dir, 40, 12);
        DataConfig config = new DataConfig(DataSource.FASHION_MNIST, dir.toString(), null, false, 0, 0.25, null);
        PreparedData d = config.prepare(Seeds.of(3));
        assertEquals(30, d.train().size());
        assertEquals(10, d.validation().size());
        assertEquals(12, d.test().size());
        assertEquals(784, d.numFeatures());
        assertEquals(10, d.numClasses());
        assertEquals(1.0, d.test().features().get(0, 0), "pixel 255 / 255");
        PreparedData limited = new DataConfig(DataSource.FASHION_MNIST, dir.toString(), null, false, 20, 0.25, null)
                .prepare(Seeds.of(3));
        assertEquals(15, limited.train().size());
        assertEquals(12, limited.test().size());
    }

    @Test
    void missingFilesAreReportedBeforeAnythingIsRead() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DataConfig(DataSource.FASHION_MNIST, empty.toString(), null, false, 0, null, null)
                        .checkAvailable());
        assertTrue(e.getMessage().contains("does not hold the four Fashion-MNIST files"), e.getMessage());
    }

    @Test
    void aCsvFileWithAHeaderAndALabelColumn() throws IOException {
        Path csv = tmp.resolve("d.csv");
        StringBuilder sb = new StringBuilder("label,a,b\n");
        for (int i = 0; i < 20; i++) {
            sb.append(i % 2).append(',').append(i).append(',').append(20 - i).append('\n');
        }
        Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
        PreparedData d = new DataConfig(DataSource.CSV, csv.toString(), 0, true, 0, 0.25, 0.25).prepare(Seeds.of(1));
        assertEquals(10, d.train().size());
        assertEquals(5, d.validation().size());
        assertEquals(5, d.test().size());
        assertEquals(2, d.numFeatures());
        assertEquals(2, d.numClasses());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DataConfig(DataSource.CSV, csv.toString(), 7, true, 0, null, null).prepare(Seeds.of(1)));
        assertTrue(e.getMessage().contains("label column 7 does not exist"), e.getMessage());
    }
}
