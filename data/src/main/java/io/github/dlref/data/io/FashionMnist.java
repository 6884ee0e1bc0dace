package io.github.dlref.data.io;

import io.github.dlref.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import io.github.dlref.math.Rng;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Fashion-MNIST (Zalando Research, 2017; MIT licence): 70,000 grey-scale 28 x 28 images of clothing in 10
 * classes, 60,000 for training and 10,000 for testing, in the IDX format of MNIST. Read from a directory
 * holding the four files under their original names, gzip-compressed ({@code .gz}) or not:
 * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte},
 * {@code t10k-labels-idx1-ubyte}. Debian's package {@code dataset-fashion-mnist} installs the gzip files in
 * {@link #DEFAULT_DIRECTORY}. The data is not shipped with this project.
 *
 * <p>The reader checks the IDX format and that each image file and label file agree (counts, labels in
 * {@code [0, 10)}); it does not insist on the published sizes, so a directory of MNIST files (the same
 * names and format) or of subsets also loads.
 */
public final class FashionMnist {

    /** Where Debian's {@code dataset-fashion-mnist} installs the files. */
    public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    /** The number of classes, 10. */
    public static final int NUM_CLASSES = 10;

    /** The published number of training images, 60,000. */
    public static final int TRAIN_SIZE = 60_000;

    /** The published number of test images, 10,000. */
    public static final int TEST_SIZE = 10_000;

    /** The image height and width, 28. */
    public static final int IMAGE_SIZE = 28;

    /**
     * The largest image data read from one image file: 64 MiB (67,108,864 pixel bytes; the training images take
     * 60,000 x 28 x 28 = 47,040,000), checked against the header (or against the first {@code limit} images when
     * a limit is given) before anything is allocated. As doubles the pixels take eight times as much. dlref's
     * choice.
     */
    public static final long MAX_IMAGE_BYTES = 64L << 20;

    /** The class names by label, from the Fashion-MNIST README. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {
    }

    /** The two parts of the dataset and their file-name prefixes. */
    public enum Part {
        /** The 60,000 training images ({@code train-*}). */
        TRAIN("train"),
        /** The 10,000 test images ({@code t10k-*}). */
        TEST("t10k");

        private final String prefix;

        Part(String prefix) {
            this.prefix = prefix;
        }

        /**
         * The image file name without {@code .gz}.
         *
         * @return for example {@code "train-images-idx3-ubyte"}
         */
        public String imagesFileName() {
            return prefix + "-images-idx3-ubyte";
        }

        /**
         * The label file name without {@code .gz}.
         *
         * @return for example {@code "train-labels-idx1-ubyte"}
         */
        public String labelsFileName() {
            return prefix + "-labels-idx1-ubyte";
        }
    }

    /**
     * The images and labels of one part, checked to belong together.
     *
     * @param images the images
     * @param labels the labels, as many as images, each in {@code [0, 10)}
     */
    public record Raw(IdxImages images, IdxLabels labels) {
        /**
         * Validates that both are present.
         *
         * @param images the images
         * @param labels the labels
         */
        public Raw {
            Objects.requireNonNull(images, "FashionMnist.Raw: images must not be null");
            Objects.requireNonNull(labels, "FashionMnist.Raw: labels must not be null");
        }
    }

    /**
     * Whether all four files are in a directory (each as {@code .gz} or plain).
     *
     * @param directory the directory
     * @return {@code true} when every file is present and readable
     */
    public static boolean isPresent(Path directory) {
        for (Part part : Part.values()) {
            if (find(directory, part.imagesFileName()) == null || find(directory, part.labelsFileName()) == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * The image file of a part: {@code <name>.gz} if present, else {@code <name>}.
     *
     * @param directory the directory
     * @param part the part
     * @return the path
     * @throws NoSuchFileException naming both candidates if neither exists
     */
    public static Path imagesFile(Path directory, Part part) throws NoSuchFileException {
        return require(directory, part.imagesFileName());
    }

    /**
     * The label file of a part: {@code <name>.gz} if present, else {@code <name>}.
     *
     * @param directory the directory
     * @param part the part
     * @return the path
     * @throws NoSuchFileException naming both candidates if neither exists
     */
    public static Path labelsFile(Path directory, Part part) throws NoSuchFileException {
        return require(directory, part.labelsFileName());
    }

    /**
     * Reads one part without converting pixels to doubles (the training images take 47 MB as bytes,
     * 376 MB as a double matrix).
     *
     * @param directory the directory holding the files
     * @param part the part
     * @return the checked images and labels
     * @throws DataFormatException if a file is invalid or the two files disagree
     * @throws IOException if a file is missing or cannot be read
     */
    public static Raw readRaw(Path directory, Part part) throws IOException {
        return readRaw(directory, part, Integer.MAX_VALUE);
    }

    /**
     * Reads the first {@code limit} images and labels of one part, streaming: only the kept images are read and
     * decompressed, so a gzip file whose header claims gigabytes costs what is kept ({@code IdxReader}'s
     * {@code readImages(Path, long, int)}). The kept images must fit {@link #MAX_IMAGE_BYTES}.
     *
     * @param directory the directory holding the files
     * @param part the part
     * @param limit the largest number of samples kept, {@code >= 0}
     * @return the checked images and labels, {@code min(limit, count)} of each
     * @throws DataFormatException if a file is invalid, larger than the limit, or the two files disagree
     * @throws IOException if a file is missing or cannot be read
     */
    public static Raw readRaw(Path directory, Part part, int limit) throws IOException {
        IdxImages images = IdxReader.readImages(imagesFile(directory, part), MAX_IMAGE_BYTES, limit);
        IdxLabels labels = IdxReader.readLabels(labelsFile(directory, part), limit);
        IdxDataset.checkPair(images, labels, NUM_CLASSES);
        return new Raw(images, labels);
    }

    /**
     * Both parts, read with a limit ({@link #readRaw(Path, Part, int)}), after checking that their images have
     * the same size (a model trained on one size cannot score the other).
     *
     * @param directory the directory holding the files
     * @param limit the largest number of samples kept from each part, {@code >= 0}
     * @return the training part and the test part, {@code [train, test]}
     * @throws DataFormatException if a file is invalid, or the test images' size differs from the training
     *     images' (naming both files and both sizes)
     * @throws IOException if a file is missing or cannot be read
     */
    public static List<Dataset> loadBoth(Path directory, int limit) throws IOException {
        Raw train = readRaw(directory, Part.TRAIN, limit);
        Raw test = readRaw(directory, Part.TEST, limit);
        requireSameImageSize(train, test);
        return List.of(IdxDataset.toDataset(train.images(), train.labels(), NUM_CLASSES, limit),
                IdxDataset.toDataset(test.images(), test.labels(), NUM_CLASSES, limit));
    }

    /**
     * Checks that the training and test images have the same size (a model trained on one size cannot score
     * the other), before any features are built.
     *
     * @param train the training part
     * @param test the test part
     * @throws DataFormatException naming both files and both sizes if they differ
     */
    public static void requireSameImageSize(Raw train, Raw test) throws DataFormatException {
        IdxImages a = train.images();
        IdxImages b = test.images();
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new DataFormatException(b.source(), "test images are " + b.rows() + " x " + b.cols()
                    + " pixels, but the training images in " + a.source() + " are " + a.rows() + " x " + a.cols()
                    + "; both parts must have the same image size");
        }
    }

    /**
     * One part read by {@link #readRaw(Path, Part, int)} as a dataset: features {@code pixel / 255.0},
     * {@code N x (rows * cols)}, 10 classes, the first {@code min(limit, count)} samples.
     *
     * @param raw the part's images and labels
     * @param limit the largest number of samples to keep, {@code >= 0}
     * @return the dataset
     * @throws DataFormatException if the images and labels are inconsistent
     */
    public static Dataset toDataset(Raw raw, int limit) throws DataFormatException {
        Objects.requireNonNull(raw, "FashionMnist.toDataset: raw must not be null");
        return IdxDataset.toDataset(raw.images(), raw.labels(), NUM_CLASSES, limit);
    }

    /**
     * Reads one part as a dataset: features {@code pixel / 255.0}, {@code N x 784}, 10 classes.
     *
     * @param directory the directory holding the files
     * @param part the part
     * @return the dataset
     * @throws DataFormatException if a file is invalid or the two files disagree
     * @throws IOException if a file is missing or cannot be read
     */
    public static Dataset load(Path directory, Part part) throws IOException {
        return load(directory, part, Integer.MAX_VALUE);
    }

    /**
     * Reads one part and keeps its first {@code limit} samples.
     *
     * @param directory the directory holding the files
     * @param part the part
     * @param limit the largest number of samples to keep, {@code >= 0}
     * @return the dataset of the first {@code min(limit, count)} samples
     * @throws DataFormatException if a file is invalid or the two files disagree
     * @throws IOException if a file is missing or cannot be read
     */
    public static Dataset load(Path directory, Part part, int limit) throws IOException {
        Raw raw = readRaw(directory, part, limit);
        return IdxDataset.toDataset(raw.images(), raw.labels(), NUM_CLASSES, limit);
    }

    /**
     * Keeps the first {@code limit} samples of a part read by {@link #readRaw(Path, Part)} and splits them: the
     * same datasets, sample for sample and bit for bit, as
     * {@code load(directory, part, limit).split(trainSize, validationSize, seed)}
     * ({@link Dataset#split(int, int, long)}: one permutation {@code new Rng(seed).permutation(N)}, training
     * samples first, then validation, then test, each in permutation order), but each part's features are
     * built straight from the file's bytes, so the whole part is never held in doubles beside its split (for
     * the 60,000 training images, 376 MB of features instead of twice that).
     *
     * @param raw the part's images and labels
     * @param limit the largest number of samples to keep, {@code >= 0}
     * @param trainSize training samples, {@code >= 0}
     * @param validationSize validation samples, {@code >= 0}, with {@code trainSize + validationSize <= N}
     * @param seed the seed of the permutation
     * @return the split
     * @throws IllegalArgumentException if {@code limit} or a size is out of range (checked before the
     *     features are built)
     */
    public static Dataset.Split split(Raw raw, int limit, int trainSize, int validationSize, long seed) {
        Objects.requireNonNull(raw, "FashionMnist.split: raw must not be null");
        if (limit < 0) {
            throw new IllegalArgumentException("FashionMnist.split: limit must be >= 0, got " + limit);
        }
        int n = Math.min(limit, raw.images().count());
        if (trainSize < 0 || validationSize < 0 || (long) trainSize + validationSize > n) {
            throw new IllegalArgumentException("FashionMnist.split: need trainSize >= 0, validationSize >= 0 "
                    + "and trainSize + validationSize <= " + n + ", got trainSize=" + trainSize
                    + ", validationSize=" + validationSize);
        }
        int[] p = new Rng(seed).permutation(n);
        return new Dataset.Split(subset(raw, Arrays.copyOfRange(p, 0, trainSize)),
                subset(raw, Arrays.copyOfRange(p, trainSize, trainSize + validationSize)),
                subset(raw, Arrays.copyOfRange(p, trainSize + validationSize, n)));
    }

    private static Dataset subset(Raw raw, int[] indices) {
        int[] labels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            labels[k] = raw.labels().label(indices[k]);
        }
        return Dataset.classification(raw.images().toFeatures(indices), labels, NUM_CLASSES);
    }

    private static Path find(Path directory, String name) {
        Objects.requireNonNull(directory, "FashionMnist: directory must not be null");
        Path gz = directory.resolve(name + ".gz");
        if (Files.isRegularFile(gz) && Files.isReadable(gz)) {
            return gz;
        }
        Path plain = directory.resolve(name);
        if (Files.isRegularFile(plain) && Files.isReadable(plain)) {
            return plain;
        }
        return null;
    }

    private static Path require(Path directory, String name) throws NoSuchFileException {
        Path p = find(directory, name);
        if (p == null) {
            throw new NoSuchFileException(directory.resolve(name + ".gz").toString(),
                    directory.resolve(name).toString(), "Fashion-MNIST file missing (neither compressed nor plain;"
                            + " Debian package dataset-fashion-mnist installs it in " + DEFAULT_DIRECTORY + ")");
        }
        return p;
    }
}
