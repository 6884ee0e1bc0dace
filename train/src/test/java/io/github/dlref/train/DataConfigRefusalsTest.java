package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dlref.data.io.FashionMnist;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DataConfig}: every refusal of a setting by its exact message, the accepted boundary values, the resolved
 * paths, the messages of missing files and of a split that leaves no training sample, and Fashion-MNIST's default
 * validation fraction (6,000 of 60,000 images, so a tenth).
 */
class DataConfigRefusalsTest {

    @TempDir
    Path tmp;

    static void refuses(String message, Runnable r) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, r::run).getMessage());
    }

    static DataConfig data(DataSource source, String path, Integer column, boolean header, int limit, Double val,
            Double test) {
        return new DataConfig(source, path, column, header, limit, val, test);
    }

    @Test
    void settingsAreRefusedByNameAndValue() {
        assertEquals("data: source must not be null", assertThrows(NullPointerException.class,
                () -> data(null, null, null, false, 0, null, null)).getMessage());
        refuses("data: dataset spiral is built in and takes no path (got p)",
                () -> data(DataSource.SPIRAL, "p", null, false, 0, null, null));
        refuses("data: dataset csv needs the path of a CSV file", () -> data(DataSource.CSV, null, null, false, 0, null,
                null));
        refuses("data: the label column and header settings apply to csv only, not iris",
                () -> data(DataSource.IRIS, null, 0, false, 0, null, null));
        refuses("data: the label column and header settings apply to csv only, not fashion-mnist",
                () -> data(DataSource.FASHION_MNIST, null, null, true, 0, null, null));
        refuses("data: label column must be >= 0, got -1", () -> data(DataSource.CSV, "d.csv", -1, false, 0, null, null));
        refuses("data: limit must be >= 0 (0 for all samples), got -1",
                () -> data(DataSource.CSV, "d.csv", null, false, -1, null, null));
        refuses("data: limit applies to fashion-mnist and csv, not iris",
                () -> data(DataSource.IRIS, null, null, false, 5, null, null));
        refuses("data: limit applies to fashion-mnist and csv, not spiral",
                () -> data(DataSource.SPIRAL, null, null, false, 5, null, null));
        for (double bad : new double[] {-0.1, 1.0, Double.NaN}) {
            refuses("data: validation fraction must be in [0, 1), got " + bad,
                    () -> data(DataSource.IRIS, null, null, false, 0, bad, 0.0));
            refuses("data: test fraction must be in [0, 1), got " + bad,
                    () -> data(DataSource.IRIS, null, null, false, 0, 0.0, bad));
        }
        refuses("data: validation fraction + test fraction must be < 1, got 0.2 + 0.8",
                () -> data(DataSource.IRIS, null, null, false, 0, null, 0.8));
        refuses("data: validation fraction + test fraction must be < 1, got 0.9 + 0.2",
                () -> data(DataSource.CSV, "d.csv", null, false, 0, 0.9, null));
        // Fashion-MNIST has no test fraction, so its validation fraction alone must be < 1
        assertEquals(0.95, data(DataSource.FASHION_MNIST, null, null, false, 0, 0.95, null).validationFraction());
    }

    @Test
    void boundaryValuesAreAccepted() {
        assertEquals(0, data(DataSource.CSV, "d.csv", 0, true, 0, 0.0, 0.0).labelColumn());
        assertEquals(1, data(DataSource.CSV, "d.csv", null, false, 1, null, null).limit());
        assertEquals(1, data(DataSource.FASHION_MNIST, null, null, false, 1, null, null).limit());
        assertEquals(0.25, data(DataSource.SPIRAL, null, null, false, 0, 0.25, Math.nextDown(0.75))
                .validationFraction());
        assertEquals(0.0, data(DataSource.SPIRAL, null, null, false, 0, 0.0, Math.nextDown(1.0)).validationFraction());
        assertEquals(0.2, DataConfig.DEFAULT_VALIDATION_FRACTION);
        assertEquals(0.2, DataConfig.DEFAULT_TEST_FRACTION);
        assertEquals(0.1, DataConfig.DEFAULT_FASHION_VALIDATION_FRACTION);
    }

    @Test
    void pathsResolvePerSource() {
        assertNull(DataConfig.builtIn(DataSource.IRIS).resolvedPath());
        assertNull(DataConfig.builtIn(DataSource.SPIRAL).resolvedPath());
        assertEquals(FashionMnist.DEFAULT_DIRECTORY, data(DataSource.FASHION_MNIST, null, null, false, 0, null, null)
                .resolvedPath());
        assertEquals(Path.of("/some/dir"), data(DataSource.FASHION_MNIST, "/some/dir", null, false, 0, null, null)
                .resolvedPath());
        assertEquals(Path.of("x/d.csv"), data(DataSource.CSV, "x/d.csv", null, false, 0, null, null).resolvedPath());
    }

    @Test
    void missingFilesAreNamed() throws IOException {
        Path none = tmp.resolve("none");
        refuses("data: Fashion-MNIST directory " + none + " does not exist (Debian's dataset-fashion-mnist package "
                + "installs the data in " + FashionMnist.DEFAULT_DIRECTORY + "; give another directory with --data)",
                () -> data(DataSource.FASHION_MNIST, none.toString(), null, false, 0, null, null).checkAvailable());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        refuses("data: directory " + empty + " does not hold the four Fashion-MNIST files (train-images-idx3-ubyte, "
                + "train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, each plain or .gz)",
                () -> data(DataSource.FASHION_MNIST, empty.toString(), null, false, 0, null, null).checkAvailable());
        refuses("data: CSV file " + none + " does not exist or is not a regular file",
                () -> data(DataSource.CSV, none.toString(), null, false, 0, null, null).checkAvailable());
        refuses("data: CSV file " + empty + " does not exist or is not a regular file",
                () -> data(DataSource.CSV, empty.toString(), null, false, 0, null, null).checkAvailable());
        DataConfig.builtIn(DataSource.IRIS).checkAvailable();
    }

    @Test
    void aSplitWithoutTrainingSamplesIsRefused() throws IOException {
        Path csv = tmp.resolve("two.csv");
        Files.writeString(csv, "1,0\n2,1\n", StandardCharsets.UTF_8);
        // round(0.5 * 2) = 1 validation, round(0.45 * 2) = 1 test, none left
        refuses("data: the split leaves no training samples out of 2; lower the validation and test fractions",
                () -> prepare(data(DataSource.CSV, csv.toString(), null, false, 0, 0.5, 0.45)));
        // round(0.5 * 2) = 1, round(0.2 * 2) = 0: one training sample is enough
        assertEquals(1, prepare(data(DataSource.CSV, csv.toString(), null, false, 0, 0.5, null)).train().size());
        // limit >= the number of rows keeps them all
        assertEquals(2, prepare(data(DataSource.CSV, csv.toString(), null, false, 2, 0.0, 0.0)).train().size());
        assertEquals(2, prepare(data(DataSource.CSV, csv.toString(), null, false, 9, 0.0, 0.0)).train().size());

        Path fm = tmp.resolve("fm");
        DataConfigTest.fashionFixture(fm, 20, 4);
        // the default validation fraction of Fashion-MNIST's training part: round(0.1 * 20) = 2
        PreparedData d = prepare(data(DataSource.FASHION_MNIST, fm.toString(), null, false, 0, null, null));
        assertEquals(18, d.train().size());
        assertEquals(2, d.validation().size());
        assertEquals(4, d.test().size());
        refuses("data: the split leaves no training samples out of 2; lower the validation and test fractions",
                () -> prepare(data(DataSource.FASHION_MNIST, fm.toString(), null, false, 2, 0.75, null)));
    }

    static PreparedData prepare(DataConfig config) {
        try {
            return config.prepare(Seeds.of(5));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
