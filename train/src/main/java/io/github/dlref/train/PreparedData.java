package io.github.dlref.train;

import io.github.dlref.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A run's data after loading, splitting and scaling.
 *
 * @param train the training set (the loader batches it; scalers were fitted on it alone)
 * @param validation the validation set (scored after every epoch and by the random search; may be empty)
 * @param test the test set (scored once at the end; may be empty)
 * @param description a one-line description for the output
 * @param preprocessing the map from raw features to the sets' features (fitted on the training part), which a
 *     saved model applies to raw features
 * @param classLabels the name of each class, in class order ({@code C} names)
 * @param files the files the data was read from, with their sizes and digests (empty for built-in data); a
 *     {@link Checkpoint} records them
 */
public record PreparedData(Dataset train, Dataset validation, Dataset test, String description,
        Preprocessing preprocessing, List<String> classLabels, List<DataFile> files) {

    /**
     * Validates.
     *
     * @param train the training set
     * @param validation the validation set
     * @param test the test set
     * @param description the description
     * @param preprocessing the preprocessing
     * @param classLabels the class names
     * @param files the data files
     * @throws IllegalArgumentException if the training set is empty, a set is not a classification set, the
     *     preprocessing's width is not the number of features or there is not one label per class
     */
    public PreparedData {
        Objects.requireNonNull(train, "PreparedData: train must not be null");
        Objects.requireNonNull(validation, "PreparedData: validation must not be null");
        Objects.requireNonNull(test, "PreparedData: test must not be null");
        Objects.requireNonNull(description, "PreparedData: description must not be null");
        if (train.size() == 0) {
            throw new IllegalArgumentException("data: the training set is empty");
        }
        if (!train.isClassification() || !validation.isClassification() || !test.isClassification()) {
            throw new IllegalArgumentException("data: the app trains classifiers; the data must have class labels");
        }
        Objects.requireNonNull(preprocessing, "PreparedData: preprocessing must not be null");
        classLabels = List.copyOf(classLabels);
        files = List.copyOf(files);
        if (preprocessing.numFeatures() != train.numFeatures()) {
            throw new IllegalArgumentException("data: the preprocessing has " + preprocessing.numFeatures()
                    + " columns, the data " + train.numFeatures() + " features");
        }
        if (classLabels.size() != train.numClasses()) {
            throw new IllegalArgumentException("data: expected one label per class (" + train.numClasses()
                    + "), got " + classLabels.size() + " labels " + classLabels);
        }
    }

    /**
     * Data not read from files (built-in or generated, or a library user's own).
     *
     * @param train the training set
     * @param validation the validation set
     * @param test the test set
     * @param description the description
     * @param preprocessing the preprocessing
     * @param classLabels the class names
     * @throws IllegalArgumentException as the canonical constructor
     */
    public PreparedData(Dataset train, Dataset validation, Dataset test, String description,
            Preprocessing preprocessing, List<String> classLabels) {
        this(train, validation, test, description, preprocessing, classLabels, List.of());
    }

    /**
     * Data without preprocessing ({@link Preprocessing#identity(int)}) whose classes are named by their numbers
     * ({@code "0"}, {@code "1"}, ...).
     *
     * @param train the training set
     * @param validation the validation set
     * @param test the test set
     * @param description the description
     * @throws IllegalArgumentException as the canonical constructor
     */
    public PreparedData(Dataset train, Dataset validation, Dataset test, String description) {
        this(train, validation, test, description, Preprocessing.identity(train.numFeatures()),
                numberedLabels(train.numClasses()));
    }

    /**
     * Class names that are the class numbers.
     *
     * @param classes the number of classes {@code C}
     * @return {@code "0"} to {@code "C-1"}
     */
    public static List<String> numberedLabels(int classes) {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            out.add(Integer.toString(c));
        }
        return out;
    }

    /**
     * The input width.
     *
     * @return the number of features
     */
    public int numFeatures() {
        return train.numFeatures();
    }

    /**
     * The number of classes.
     *
     * @return {@code C}
     */
    public int numClasses() {
        return train.numClasses();
    }
}
