package io.github.dlref.data;

import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable in-memory dataset: a feature matrix {@code X} of shape {@code N x D} (one sample per row,
 * the project's batch convention) and, per sample, either a class label in {@code [0, C)}
 * (classification) or a row of regression targets (an {@code N x K} matrix).
 *
 * <p>Sub-datasets ({@link #subset(int[])}, {@link #slice(int, int)}, {@link #split(int, int, long)}) copy
 * the selected rows; nothing is shared mutably. The only randomness is in the splits, which draw one
 * Fisher-Yates permutation from {@code new Rng(seed)} (see {@link #split(int, int, long)}).
 *
 * <p>Example: a classification dataset, and a seeded split whose fractions are named at the call site
 * ({@link #split(Fractions, long)}; 150 samples give 105 for training, 22 for validation and 23 for test):
 * <pre>{@code
 * Dataset iris = Iris.load();                                   // 150 x 4, labels in [0, 3)
 * Dataset.Split parts = iris.split(Dataset.Fractions.train(0.7).validation(0.15), 42L);
 * Dataset train = parts.train();                                // fit scalers on this part only
 * Dataset own = Dataset.classification(Matrix.of(new double[][] {{0, 1}, {1, 0}}), new int[] {0, 1}, 2);
 * }</pre>
 */
public final class Dataset {

    private final Matrix features;
    private final int[] labels;
    private final int numClasses;
    private final Matrix targets;

    private Dataset(Matrix features, int[] labels, int numClasses, Matrix targets) {
        this.features = features;
        this.labels = labels;
        this.numClasses = numClasses;
        this.targets = targets;
    }

    /**
     * A classification dataset.
     *
     * @param features the {@code N x D} feature matrix (not modified)
     * @param labels {@code N} class indices, each in {@code [0, numClasses)} (copied)
     * @param numClasses the number of classes {@code C}, {@code >= 1}
     * @return the dataset
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code labels.length != N}, {@code numClasses < 1}, or a label is
     *     outside {@code [0, numClasses)} (the message names its index)
     */
    public static Dataset classification(Matrix features, int[] labels, int numClasses) {
        Objects.requireNonNull(features, "Dataset.classification: features must not be null");
        Objects.requireNonNull(labels, "Dataset.classification: labels must not be null");
        if (numClasses < 1) {
            throw new IllegalArgumentException("Dataset.classification: numClasses must be >= 1, got " + numClasses);
        }
        if (labels.length != features.rows()) {
            throw new IllegalArgumentException("Dataset.classification: " + labels.length + " labels for "
                    + features.rows() + " samples (features " + features.shape() + ")");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("Dataset.classification: label " + labels[i] + " at index " + i
                        + " is outside [0, " + numClasses + ")");
            }
        }
        return new Dataset(features, labels.clone(), numClasses, null);
    }

    /**
     * A regression dataset.
     *
     * @param features the {@code N x D} feature matrix
     * @param targets the {@code N x K} target matrix, one row per sample
     * @return the dataset
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the row counts differ
     */
    public static Dataset regression(Matrix features, Matrix targets) {
        Objects.requireNonNull(features, "Dataset.regression: features must not be null");
        Objects.requireNonNull(targets, "Dataset.regression: targets must not be null");
        if (targets.rows() != features.rows()) {
            throw new IllegalArgumentException("Dataset.regression: features " + features.shape() + " and targets "
                    + targets.shape() + " have different row counts (" + features.rows() + " != " + targets.rows()
                    + ")");
        }
        return new Dataset(features, null, 0, targets);
    }

    /**
     * The number of samples {@code N}.
     *
     * @return {@code features().rows()}
     */
    public int size() {
        return features.rows();
    }

    /**
     * The number of features {@code D}.
     *
     * @return {@code features().cols()}
     */
    public int numFeatures() {
        return features.cols();
    }

    /**
     * Whether the targets are class labels (otherwise they are regression values).
     *
     * @return {@code true} for a classification dataset
     */
    public boolean isClassification() {
        return labels != null;
    }

    /**
     * The feature matrix.
     *
     * @return {@code X}, {@code N x D}
     */
    public Matrix features() {
        return features;
    }

    /**
     * The class labels.
     *
     * @return a copy of the {@code N} labels
     * @throws IllegalStateException for a regression dataset
     */
    public int[] labels() {
        return requireLabels("labels").clone();
    }

    /**
     * The class label of one sample.
     *
     * @param i the sample index, in {@code [0, N)}
     * @return its label
     * @throws IllegalStateException for a regression dataset
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    public int label(int i) {
        int[] l = requireLabels("label");
        Objects.checkIndex(i, l.length);
        return l[i];
    }

    /**
     * The number of classes {@code C}.
     *
     * @return {@code C}
     * @throws IllegalStateException for a regression dataset
     */
    public int numClasses() {
        requireLabels("numClasses");
        return numClasses;
    }

    /**
     * How many samples carry each label.
     *
     * @return an array of length {@code C}; entry {@code c} counts the samples with label {@code c}
     * @throws IllegalStateException for a regression dataset
     */
    public int[] classCounts() {
        int[] counts = new int[numClasses()];
        for (int l : labels) {
            counts[l]++;
        }
        return counts;
    }

    /**
     * The labels one-hot encoded ({@link OneHot#encode(int[], int)}).
     *
     * @return the {@code N x C} one-hot matrix
     * @throws IllegalStateException for a regression dataset
     */
    public Matrix oneHot() {
        return OneHot.encode(requireLabels("oneHot"), numClasses);
    }

    /**
     * The regression targets.
     *
     * @return {@code Y}, {@code N x K}
     * @throws IllegalStateException for a classification dataset (use {@link #labels()} or {@link #oneHot()})
     */
    public Matrix targets() {
        if (targets == null) {
            throw new IllegalStateException("Dataset.targets: this is a classification dataset (" + numClasses
                    + " classes); use labels() or oneHot()");
        }
        return targets;
    }

    private int[] requireLabels(String op) {
        if (labels == null) {
            throw new IllegalStateException("Dataset." + op + ": this is a regression dataset (targets "
                    + targets.shape() + "); it has no class labels");
        }
        return labels;
    }

    /**
     * The same targets with other features, for example scaled ones.
     *
     * @param newFeatures the new {@code N x D'} features; the row count must equal {@link #size()}
     * @return the new dataset
     * @throws IllegalArgumentException if the row count differs
     */
    public Dataset withFeatures(Matrix newFeatures) {
        Objects.requireNonNull(newFeatures, "Dataset.withFeatures: features must not be null");
        if (newFeatures.rows() != size()) {
            throw new IllegalArgumentException("Dataset.withFeatures: new features " + newFeatures.shape()
                    + " must have " + size() + " rows");
        }
        return new Dataset(newFeatures, labels, numClasses, targets);
    }

    /**
     * The samples at the given indices, in the given order (a gather; indices may repeat).
     *
     * @param indices sample indices, each in {@code [0, N)}
     * @return a dataset whose sample {@code k} is sample {@code indices[k]} of this one
     * @throws IndexOutOfBoundsException naming the offending index and its position
     */
    public Dataset subset(int[] indices) {
        Objects.requireNonNull(indices, "Dataset.subset: indices must not be null");
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || indices[k] >= size()) {
                throw new IndexOutOfBoundsException("Dataset.subset: index " + indices[k] + " at position " + k
                        + " is outside [0, " + size() + ")");
            }
        }
        Matrix x = features.selectRows(indices);
        if (labels != null) {
            int[] l = new int[indices.length];
            for (int k = 0; k < indices.length; k++) {
                l[k] = labels[indices[k]];
            }
            return new Dataset(x, l, numClasses, null);
        }
        return new Dataset(x, null, 0, targets.selectRows(indices));
    }

    /**
     * Samples {@code from} (inclusive) to {@code to} (exclusive), in order.
     *
     * @param from first sample, {@code 0 <= from <= to}
     * @param to one past the last sample, {@code to <= N}
     * @return the slice
     * @throws IndexOutOfBoundsException if the range is invalid
     */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IndexOutOfBoundsException("Dataset.slice: range [" + from + ", " + to
                    + ") is invalid for " + size() + " samples");
        }
        int[] idx = new int[to - from];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = from + k;
        }
        return subset(idx);
    }

    /**
     * A seeded three-way split. Draw order: one permutation {@code p = new Rng(seed).permutation(N)}
     * (Fisher-Yates, {@code N - 1} draws {@code nextInt(N), nextInt(N - 1), ..., nextInt(2)}); the training
     * set is the samples {@code p[0 .. trainSize)}, the validation set {@code p[trainSize .. trainSize +
     * validationSize)}, the test set the rest, each in permutation order. The three parts are disjoint and
     * together hold every sample once.
     *
     * @param trainSize number of training samples, {@code >= 0}
     * @param validationSize number of validation samples, {@code >= 0}; {@code trainSize + validationSize <= N}
     * @param seed the seed of the permutation
     * @return the split
     * @throws IllegalArgumentException if the sizes are negative or exceed {@code N}
     */
    public Split split(int trainSize, int validationSize, long seed) {
        if (trainSize < 0 || validationSize < 0 || (long) trainSize + validationSize > size()) {
            throw new IllegalArgumentException("Dataset.split: need trainSize >= 0, validationSize >= 0 and "
                    + "trainSize + validationSize <= " + size() + ", got trainSize=" + trainSize
                    + ", validationSize=" + validationSize);
        }
        int[] p = new Rng(seed).permutation(size());
        int[] train = Arrays.copyOfRange(p, 0, trainSize);
        int[] validation = Arrays.copyOfRange(p, trainSize, trainSize + validationSize);
        int[] test = Arrays.copyOfRange(p, trainSize + validationSize, p.length);
        return new Split(subset(train), subset(validation), subset(test));
    }

    /**
     * A seeded split by named fractions: {@code trainSize = floor(train N)} and
     * {@code validationSize = floor(validation N)} (each product computed in double, then truncated), the test
     * set the remaining samples; then exactly {@link #split(int, int, long)}. The fractions are named at the
     * call site, so they cannot be mistaken for (validation, test):
     * <pre>{@code
     * Dataset.Split parts = iris.split(Dataset.Fractions.train(0.6).validation(0.2), 42L);
     * // 150 samples: parts.train() has 90, parts.validation() 30, parts.test() 30
     * }</pre>
     *
     * @param fractions the training and validation fractions; the test set gets the rest
     * @param seed the seed of the permutation
     * @return the split
     * @throws NullPointerException if {@code fractions} is null
     */
    public Split split(Fractions fractions, long seed) {
        Objects.requireNonNull(fractions, "Dataset.split: fractions must not be null");
        int trainSize = (int) Math.floor(fractions.train() * size());
        int validationSize = (int) Math.floor(fractions.validation() * size());
        return split(trainSize, validationSize, seed);
    }

    /**
     * The fractions of a {@link Dataset#split(Fractions, long)}, named so that a call site reads
     * {@code Fractions.train(0.7).validation(0.15)}: the training fraction, the validation fraction, and
     * implicitly the test fraction {@code 1 - train - validation}.
     *
     * @param train the fraction of samples in the training set, in {@code [0, 1]}
     * @param validation the fraction of samples in the validation set, in {@code [0, 1]}, with
     *     {@code train + validation <= 1}
     */
    public record Fractions(double train, double validation) {

        /**
         * Validates the fractions.
         *
         * @param train the training fraction
         * @param validation the validation fraction
         * @throws IllegalArgumentException if a fraction is outside {@code [0, 1]} (or NaN) or their sum exceeds
         *     1, naming the parameter and the value
         */
        public Fractions {
            requireFraction("train", train);
            requireFraction("validation", validation);
            if (train + validation > 1) {
                throw new IllegalArgumentException("Dataset.Fractions: train + validation must be <= 1 (the test"
                        + " set gets the rest), got train=" + train + ", validation=" + validation + " (sum "
                        + (train + validation) + ")");
            }
        }

        /**
         * Starts the fractions with the training fraction; the validation fraction is 0 until
         * {@link #validation(double)} sets it.
         *
         * @param train the fraction of samples in the training set, in {@code [0, 1]}
         * @return the fractions {@code (train, 0)}
         * @throws IllegalArgumentException if {@code train} is outside {@code [0, 1]}
         */
        public static Fractions train(double train) {
            return new Fractions(train, 0.0);
        }

        /**
         * The same training fraction with the given validation fraction.
         *
         * @param validation the fraction of samples in the validation set, in {@code [0, 1]}, with
         *     {@code train() + validation <= 1}
         * @return the new fractions
         * @throws IllegalArgumentException if {@code validation} is outside {@code [0, 1]} or the sum exceeds 1
         */
        public Fractions validation(double validation) {
            return new Fractions(train, validation);
        }

        /**
         * The fraction left for the test set, {@code 1 - train - validation} (computed in double; the test
         * set's size is the count of samples left after the truncated training and validation sizes, which
         * may be larger than {@code floor(test() N)}).
         *
         * @return the test fraction
         */
        public double test() {
            return 1.0 - train - validation;
        }

        private static void requireFraction(String name, double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("Dataset.Fractions: " + name + " must be in [0, 1], got "
                        + value);
            }
        }
    }

    /**
     * A train/validation/test split of one dataset.
     *
     * @param train the training part (scalers are fitted on this part only)
     * @param validation the validation part (possibly empty)
     * @param test the test part (possibly empty)
     */
    public record Split(Dataset train, Dataset validation, Dataset test) {
        /**
         * Validates that no part is null.
         *
         * @param train the training part
         * @param validation the validation part
         * @param test the test part
         * @throws NullPointerException if a part is null
         */
        public Split {
            Objects.requireNonNull(train, "Split: train must not be null");
            Objects.requireNonNull(validation, "Split: validation must not be null");
            Objects.requireNonNull(test, "Split: test must not be null");
        }
    }

    /**
     * A short description: kind, shape and classes or target width.
     *
     * @return for example {@code "Dataset(classification, 150 samples x 4 features, 3 classes)"}
     */
    @Override
    public String toString() {
        return labels != null
                ? "Dataset(classification, " + size() + " samples x " + numFeatures() + " features, " + numClasses
                        + " classes)"
                : "Dataset(regression, " + size() + " samples x " + numFeatures() + " features, " + targets.cols()
                        + " targets)";
    }
}
