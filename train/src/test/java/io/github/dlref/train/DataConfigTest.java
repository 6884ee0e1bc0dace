package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.data.io.DataFormatException;
import io.github.dlref.math.Matrix;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    static void fashionFixture(Path dir, int train, int test) throws IOException {
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

    @Test
    void aCsvFileWithOneRowOrOneClassIsRefusedNamingTheFile() throws IOException {
        Path csv = tmp.resolve("few.csv");
        Files.writeString(csv, "1.0,2.0,1\n", StandardCharsets.UTF_8);
        DataConfig one = new DataConfig(DataSource.CSV, csv.toString(), null, false, 0, 0.0, 0.0);
        DataFormatException rows = assertThrows(DataFormatException.class, () -> one.prepare(Seeds.of(1)));
        assertEquals(csv + ": 1 data row; training needs at least 2", rows.getMessage());
        assertEquals(2, DataConfig.MIN_CSV_ROWS);

        Files.writeString(csv, "1,2,0\n3,4,1\n5,6,1\n", StandardCharsets.UTF_8);
        DataConfig limited = new DataConfig(DataSource.CSV, csv.toString(), null, false, 1, 0.0, 0.0);
        assertEquals(csv + ": 1 data row kept by the limit; training needs at least 2",
                assertThrows(DataFormatException.class, () -> limited.prepare(Seeds.of(1))).getMessage());
        // two rows and two classes are enough
        DataConfig two = new DataConfig(DataSource.CSV, csv.toString(), null, false, 2, 0.0, 0.0);
        assertEquals(2, two.prepare(Seeds.of(1)).train().size());

        Files.writeString(csv, "1,2,2\n3,4,2\n5,6,2\n7,8,2\n", StandardCharsets.UTF_8);
        DataConfig oneClass = new DataConfig(DataSource.CSV, csv.toString(), null, false, 0, 0.0, 0.0);
        assertEquals(csv + ": every data row has class 2 (label column 2); a classifier needs at least 2 classes",
                assertThrows(DataFormatException.class, () -> oneClass.prepare(Seeds.of(1))).getMessage());
        DataConfig firstColumn = new DataConfig(DataSource.CSV, csv.toString(), 0, false, 0, 0.0, 0.0);
        assertEquals(4, firstColumn.prepare(Seeds.of(1)).train().size());
    }

    @Test
    void theFilesOfEachSourceAreFingerprinted() throws Exception {
        assertEquals(List.of(), DataConfig.builtIn(DataSource.IRIS).files());
        assertEquals(List.of(), DataConfig.builtIn(DataSource.SPIRAL).fingerprints());
        Path csv = tmp.resolve("f.csv");
        Files.writeString(csv, "1,0\n2,1\n", StandardCharsets.UTF_8);
        DataConfig c = new DataConfig(DataSource.CSV, csv.toString(), null, false, 0, 0.0, 0.0);
        assertEquals(List.of(csv), c.files());
        assertEquals(8, c.fingerprints().get(0).size());
        // SHA-256 of "1,0\n2,1\n", by the JDK's MessageDigest
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("1,0\n2,1\n".getBytes(StandardCharsets.UTF_8))), c.fingerprints().get(0).sha256());
        assertEquals(c.fingerprints(), c.prepare(Seeds.of(1)).files());
        Path fm = Files.createDirectories(tmp.resolve("fm"));
        for (String name : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte")) {
            Files.write(fm.resolve(name), new byte[] {1});
        }
        Files.write(fm.resolve("t10k-images-idx3-ubyte.gz"), new byte[] {1, 2});
        assertEquals(List.of(fm.resolve("train-images-idx3-ubyte"), fm.resolve("train-labels-idx1-ubyte"),
                fm.resolve("t10k-images-idx3-ubyte.gz"), fm.resolve("t10k-labels-idx1-ubyte")),
                new DataConfig(DataSource.FASHION_MNIST, fm.toString(), null, false, 0, null, null).files());
    }
}
