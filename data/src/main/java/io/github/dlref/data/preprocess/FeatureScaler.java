package io.github.dlref.data.preprocess;

import io.github.dlref.data.Dataset;
import io.github.dlref.math.Matrix;

/**
 * A per-column affine map of features, fitted once on training data and then applied to any split:
 * {@code z_ij = (x_ij - shift_j) / scale_j}, inverted by {@code x_ij = z_ij scale_j + shift_j}.
 *
 * <p>Fitting on the training split only and re-using the fitted map on validation and test data is the
 * point of the separate fit step: statistics of held-out data must not leak into training.
 */
public interface FeatureScaler {

    /**
     * The number of columns {@code D} the scaler was fitted on.
     *
     * @return {@code D}
     */
    int numFeatures();

    /**
     * The per-column shift (subtracted first).
     *
     * @return a {@code 1 x D} row
     */
    Matrix shift();

    /**
     * The per-column divisor (never 0).
     *
     * @return a {@code 1 x D} row of positive numbers
     */
    Matrix scale();

    /**
     * Applies the map: {@code z_ij = (x_ij - shift_j) / scale_j}.
     *
     * @param x an {@code N x D} matrix (any split); not modified
     * @return the {@code N x D} scaled matrix
     * @throws IllegalArgumentException if {@code x} does not have {@code D} columns
     */
    Matrix transform(Matrix x);

    /**
     * Inverts the map: {@code x_ij = z_ij scale_j + shift_j}. Equal to the original up to rounding.
     *
     * @param z an {@code N x D} scaled matrix
     * @return the {@code N x D} matrix in original units
     * @throws IllegalArgumentException if {@code z} does not have {@code D} columns
     */
    Matrix inverseTransform(Matrix z);

    /**
     * Applies the map to a dataset's features; labels or targets are kept.
     *
     * @param data a dataset with {@code D} features
     * @return the dataset with transformed features
     * @throws IllegalArgumentException if the feature count differs
     */
    default Dataset transform(Dataset data) {
        return data.withFeatures(transform(data.features()));
    }
}
