package io.github.dlref.train;

import io.github.dlref.data.Dataset;
import java.util.Objects;

/**
 * A run's data after loading, splitting and scaling.
 *
 * @param train the training set (the loader batches it; scalers were fitted on it alone)
 * @param validation the validation set (scored after every epoch and by the random search; may be empty)
 * @param test the test set (scored once at the end; may be empty)
 * @param description a one-line description for the output
 */
public record PreparedData(Dataset train, Dataset validation, Dataset test, String description) {

    /**
     * Validates.
     *
     * @param train the training set
     * @param validation the validation set
     * @param test the test set
     * @param description the description
     * @throws IllegalArgumentException if the training set is empty or a set is not a classification set
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
