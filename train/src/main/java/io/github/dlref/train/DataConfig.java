package io.github.dlref.train;

import io.github.dlref.data.Dataset;
import io.github.dlref.data.io.CsvReader;
import io.github.dlref.data.io.CsvTable;
import io.github.dlref.data.io.DataFormatException;
import io.github.dlref.data.io.FashionMnist;
import io.github.dlref.data.io.Iris;
import io.github.dlref.data.preprocess.StandardScaler;
import io.github.dlref.data.synthetic.Spiral;
import io.github.dlref.math.Matrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which data a run uses and how it is split.
 *
 * <p>Splits (seeded by {@link Seeds#split()}, with {@code Dataset.split}'s Fisher-Yates permutation): Iris, the
 * spiral and CSV files are split three ways, {@code round(validationFraction N)} validation samples,
 * {@code round(testFraction N)} test samples and the rest for training; their features are then standardized
 * ({@code StandardScaler}, fitted on the training part only). Fashion-MNIST keeps its official 10,000-image test
 * part as the test set and splits {@code round(validationFraction N)} validation images off its training part;
 * its features are the pixels divided by 255, not standardized.
 *
 * @param source where the data comes from
 * @param path the Fashion-MNIST directory ({@code null} for {@link FashionMnist#DEFAULT_DIRECTORY}) or the CSV
 *     file (required); must be {@code null} for Iris and the spiral
 * @param labelColumn the CSV's 0-based label column, or {@code null} for its last column; CSV only
 * @param header whether the CSV's first line is a header; CSV only
 * @param limit the largest number of samples read from each file (Fashion-MNIST: from each of its two parts;
 *     CSV: the first rows), {@code >= 0}, 0 for all; must be 0 for Iris and the spiral
 * @param validationFraction the validation fraction, in {@code [0, 1)}, or {@code null} for
 *     {@value #DEFAULT_VALIDATION_FRACTION} ({@value #DEFAULT_FASHION_VALIDATION_FRACTION} for Fashion-MNIST)
 * @param testFraction the test fraction, in {@code [0, 1)}, or {@code null} for {@value #DEFAULT_TEST_FRACTION};
 *     not used by Fashion-MNIST (which has its own test part)
 */
public record DataConfig(DataSource source, String path, Integer labelColumn, boolean header, int limit,
        Double validationFraction, Double testFraction) {

    /** The spiral's points per class (CS231n's example). */
    public static final int SPIRAL_POINTS_PER_CLASS = 100;

    /** The spiral's number of classes (CS231n's example). */
    public static final int SPIRAL_CLASSES = 3;

    /** The default validation fraction of Iris, the spiral and CSV files. */
    public static final double DEFAULT_VALIDATION_FRACTION = 0.2;

    /** The default validation fraction of Fashion-MNIST's training part (6,000 of 60,000 images). */
    public static final double DEFAULT_FASHION_VALIDATION_FRACTION = 0.1;

    /** The fewest data rows a CSV file must have (after {@code limit}) to be trained on. */
    public static final int MIN_CSV_ROWS = 2;

    /** The default test fraction of Iris, the spiral and CSV files. */
    public static final double DEFAULT_TEST_FRACTION = 0.2;

    /**
     * Validates the settings (not the files: see {@link #checkAvailable()}).
     *
     * @param source the source
     * @param path the directory or file
     * @param labelColumn the label column
     * @param header whether the CSV has a header
     * @param limit the sample limit
     * @param validationFraction the validation fraction
     * @param testFraction the test fraction
     * @throws IllegalArgumentException naming the setting, its value and the valid range, or a setting that does
     *     not apply to the source
     */
    public DataConfig {
        Objects.requireNonNull(source, "data: source must not be null");
        String name = source.name().toLowerCase(Locale.ROOT).replace('_', '-');
        if ((source == DataSource.IRIS || source == DataSource.SPIRAL) && path != null) {
            throw new IllegalArgumentException("data: dataset " + name + " is built in and takes no path (got "
                    + path + ")");
        }
        if (source == DataSource.CSV && path == null) {
            throw new IllegalArgumentException("data: dataset csv needs the path of a CSV file");
        }
        if (source != DataSource.CSV && (labelColumn != null || header)) {
            throw new IllegalArgumentException("data: the label column and header settings apply to csv only, not "
                    + name);
        }
        if (labelColumn != null && labelColumn < 0) {
            throw new IllegalArgumentException("data: label column must be >= 0, got " + labelColumn);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("data: limit must be >= 0 (0 for all samples), got " + limit);
        }
        if (limit != 0 && (source == DataSource.IRIS || source == DataSource.SPIRAL)) {
            throw new IllegalArgumentException("data: limit applies to fashion-mnist and csv, not " + name);
        }
        fraction("validation fraction", validationFraction);
        fraction("test fraction", testFraction);
        if (source == DataSource.FASHION_MNIST && testFraction != null) {
            throw new IllegalArgumentException("data: fashion-mnist has its own test part; a test fraction does not "
                    + "apply");
        }
        if (source != DataSource.FASHION_MNIST && resolvedValidation(source, validationFraction)
                + resolvedTest(testFraction) >= 1.0) {
            throw new IllegalArgumentException("data: validation fraction + test fraction must be < 1, got "
                    + resolvedValidation(source, validationFraction) + " + " + resolvedTest(testFraction));
        }
    }

    private static void fraction(String name, Double value) {
        if (value != null && !(value >= 0.0 && value < 1.0)) {
            throw new IllegalArgumentException("data: " + name + " must be in [0, 1), got " + value);
        }
    }

    private static double resolvedValidation(DataSource source, Double value) {
        if (value != null) {
            return value;
        }
        return source == DataSource.FASHION_MNIST ? DEFAULT_FASHION_VALIDATION_FRACTION : DEFAULT_VALIDATION_FRACTION;
    }

    private static double resolvedTest(Double value) {
        return value != null ? value : DEFAULT_TEST_FRACTION;
    }

    /**
     * A built-in dataset with the default split.
     *
     * @param source {@link DataSource#IRIS} or {@link DataSource#SPIRAL}
     * @return the configuration
     */
    public static DataConfig builtIn(DataSource source) {
        return new DataConfig(source, null, null, false, 0, null, null);
    }

    /**
     * The directory or file the data is read from.
     *
     * @return the path, or {@code null} for built-in data
     */
    public Path resolvedPath() {
        return switch (source) {
            case IRIS, SPIRAL -> null;
            case FASHION_MNIST -> path == null ? FashionMnist.DEFAULT_DIRECTORY : Path.of(path);
            case CSV -> Path.of(path);
        };
    }

    /**
     * Checks that the files exist, so that a wrong path is reported as a usage error before anything runs.
     *
     * @throws IllegalArgumentException naming the path and what is missing
     */
    public void checkAvailable() {
        Path p = resolvedPath();
        if (source == DataSource.FASHION_MNIST) {
            if (!Files.isDirectory(p)) {
                throw new IllegalArgumentException("data: Fashion-MNIST directory " + p + " does not exist (Debian's "
                        + "dataset-fashion-mnist package installs the data in " + FashionMnist.DEFAULT_DIRECTORY
                        + "; give another directory with --data)");
            }
            if (!FashionMnist.isPresent(p)) {
                throw new IllegalArgumentException("data: directory " + p + " does not hold the four Fashion-MNIST "
                        + "files (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, "
                        + "t10k-labels-idx1-ubyte, each plain or .gz)");
            }
        } else if (source == DataSource.CSV && !Files.isRegularFile(p)) {
            throw new IllegalArgumentException("data: CSV file " + p + " does not exist or is not a regular file");
        }
    }

    /**
     * Loads, splits and scales the data.
     *
     * @param seeds the run's seeds ({@link Seeds#split()} for the split, {@link Seeds#data()} for the spiral)
     * @return the prepared data
     * @throws IOException if a file cannot be read or is malformed (the data module's messages name the file,
     *     line and column)
     * @throws IllegalArgumentException if a file is missing ({@link #checkAvailable()}) or the split leaves no
     *     training samples
     */
    public PreparedData prepare(Seeds seeds) throws IOException {
        checkAvailable();
        List<DataFile> files = fingerprints();
        double validation = resolvedValidation(source, validationFraction);
        switch (source) {
            case FASHION_MNIST -> {
                Path dir = resolvedPath();
                int max = limit == 0 ? Integer.MAX_VALUE : limit;
                // the split is built straight from the file's bytes (FashionMnist.split): the same datasets as
                // load(...).split(...), without the whole training part in doubles beside its split; both parts'
                // image sizes are checked before any features are built
                FashionMnist.Raw raw = FashionMnist.readRaw(dir, FashionMnist.Part.TRAIN, max);
                FashionMnist.Raw testRaw = FashionMnist.readRaw(dir, FashionMnist.Part.TEST, max);
                FashionMnist.requireSameImageSize(raw, testRaw);
                int size = Math.min(max, raw.images().count());
                int validationSize = (int) Math.round(validation * size);
                requireTraining(size - validationSize, size);
                Dataset.Split split = FashionMnist.split(raw, max, size - validationSize, validationSize,
                        seeds.split());
                Dataset test = FashionMnist.toDataset(testRaw, max);
                int features = split.train().numFeatures();
                double[] pixelScale = new double[features];
                java.util.Arrays.fill(pixelScale, 255.0);
                return new PreparedData(split.train(), split.validation(), test, "Fashion-MNIST (" + dir + "): "
                        + split.train().size() + " train, " + split.validation().size() + " validation, "
                        + test.size() + " test, 784 features (pixels / 255), 10 classes",
                        new Preprocessing(Matrix.zeros(1, features), Matrix.rowVector(pixelScale)),
                        FashionMnist.CLASS_NAMES, files);
            }
            default -> {
                Dataset all = loadSmall(seeds);
                int n = all.size();
                int validationSize = (int) Math.round(validation * n);
                int testSize = (int) Math.round(resolvedTest(testFraction) * n);
                requireTraining(n - validationSize - testSize, n);
                Dataset.Split split = all.split(n - validationSize - testSize, validationSize, seeds.split());
                StandardScaler scaler = StandardScaler.fit(split.train());
                Dataset train = split.train().withFeatures(scaler.transform(split.train().features()));
                Dataset val = split.validation().withFeatures(scaler.transform(split.validation().features()));
                Dataset test = split.test().withFeatures(scaler.transform(split.test().features()));
                return new PreparedData(train, val, test, describeSmall() + ": " + train.size() + " train, "
                        + val.size() + " validation, " + test.size() + " test, " + all.numFeatures()
                        + " features (standardized on the training part), " + all.numClasses() + " classes",
                        new Preprocessing(scaler.shift(), scaler.scale()), classLabels(all.numClasses()), files);
            }
        }
    }

    /**
     * The files this configuration reads: none for built-in data, the CSV file, or Fashion-MNIST's four files
     * (training images and labels, test images and labels).
     *
     * @return the paths
     * @throws IOException if a Fashion-MNIST file is missing
     */
    public List<Path> files() throws IOException {
        Path p = resolvedPath();
        return switch (source) {
            case IRIS, SPIRAL -> List.of();
            case CSV -> List.of(p);
            case FASHION_MNIST -> List.of(FashionMnist.imagesFile(p, FashionMnist.Part.TRAIN),
                    FashionMnist.labelsFile(p, FashionMnist.Part.TRAIN),
                    FashionMnist.imagesFile(p, FashionMnist.Part.TEST),
                    FashionMnist.labelsFile(p, FashionMnist.Part.TEST));
        };
    }

    /**
     * The identity (path, size, SHA-256) of every file of {@link #files()} as it is now.
     *
     * @return one entry per file
     * @throws IOException if a file is missing or cannot be read
     */
    public List<DataFile> fingerprints() throws IOException {
        List<DataFile> out = new java.util.ArrayList<>();
        for (Path f : files()) {
            out.add(DataFile.of(f));
        }
        return out;
    }

    private List<String> classLabels(int classes) {
        return source == DataSource.IRIS ? Iris.CLASS_NAMES : PreparedData.numberedLabels(classes);
    }

    private static void requireTraining(int trainSize, int n) {
        if (trainSize < 1) {
            throw new IllegalArgumentException("data: the split leaves no training samples out of " + n
                    + "; lower the validation and test fractions");
        }
    }

    /**
     * Refuses CSV data a classifier cannot learn from: fewer than {@value #MIN_CSV_ROWS} rows, or a single class
     * (a run on it would report a meaningless 100% accuracy).
     */
    private static Dataset checkTrainable(Dataset data, Path file, int column, boolean limited)
            throws DataFormatException {
        if (data.size() < MIN_CSV_ROWS) {
            throw new DataFormatException(file.toString(), data.size() + " data row" + (data.size() == 1 ? "" : "s")
                    + (limited ? " kept by the limit" : "") + "; training needs at least " + MIN_CSV_ROWS);
        }
        int present = 0;
        for (int count : data.classCounts()) {
            present += count > 0 ? 1 : 0;
        }
        if (present < 2) {
            throw new DataFormatException(file.toString(), "every data row has class " + data.label(0)
                    + " (label column " + column + "); a classifier needs at least 2 classes");
        }
        return data;
    }

    private String describeSmall() {
        return switch (source) {
            case IRIS -> "Iris";
            case SPIRAL -> "spiral (CS231n)";
            default -> "CSV " + path;
        };
    }

    private Dataset loadSmall(Seeds seeds) throws IOException {
        return switch (source) {
            case IRIS -> Iris.load();
            case SPIRAL -> Spiral.generate(SPIRAL_POINTS_PER_CLASS, SPIRAL_CLASSES, seeds.data());
            case CSV -> {
                CsvTable table = CsvReader.read(resolvedPath(), header ? CsvReader.Options.commaWithHeader()
                        : CsvReader.Options.comma());
                int column = labelColumn == null ? table.cols() - 1 : labelColumn;
                if (column >= table.cols()) {
                    throw new IllegalArgumentException("data: label column " + column + " does not exist; "
                            + resolvedPath() + " has " + table.cols() + " columns (0 to " + (table.cols() - 1) + ")");
                }
                Dataset all = table.toClassification(column);
                Dataset kept = limit == 0 || limit >= all.size() ? all : all.slice(0, limit);
                yield checkTrainable(kept, resolvedPath(), column, limit != 0);
            }
            default -> throw new IllegalStateException("data: " + source + " is not a small dataset");
        };
    }
}
