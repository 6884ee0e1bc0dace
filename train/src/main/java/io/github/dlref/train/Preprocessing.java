package io.github.dlref.train;

import io.github.dlref.math.Matrix;
import java.util.Objects;

/**
 * The fitted feature preprocessing of a run, a per-column affine map from raw features to the model's inputs:
 * {@code z_ij = (x_ij - shift_j) / scale_j}, computed in exactly this order for every element (the arithmetic of
 * {@code data.preprocess.StandardScaler.transform}, so applying it to raw features reproduces the run's inputs
 * bit for bit).
 *
 * <p>For Iris, the spiral and CSV files the map is the standardization fitted on the training part
 * ({@code shift = mu}, {@code scale = sigma}, 1 for a constant column); for Fashion-MNIST it is
 * {@code pixel / 255} ({@code shift = 0}, {@code scale = 255}), the raw features being the pixel values 0 to 255.
 * {@link #identity(int)} ({@code shift = 0}, {@code scale = 1}) leaves every value's bits unchanged.
 *
 * @param shift the {@code 1 x D} shift, finite
 * @param scale the {@code 1 x D} divisor, finite and non-zero
 */
public record Preprocessing(Matrix shift, Matrix scale) {

    /**
     * Validates.
     *
     * @param shift the shift
     * @param scale the divisor
     * @throws IllegalArgumentException if a row is not {@code 1 x D} with the same {@code D}, a shift is not finite,
     *     or a divisor is 0 or not finite (naming the column and the value)
     */
    public Preprocessing {
        Objects.requireNonNull(shift, "Preprocessing: shift must not be null");
        Objects.requireNonNull(scale, "Preprocessing: scale must not be null");
        if (shift.rows() != 1 || scale.rows() != 1 || shift.cols() != scale.cols()) {
            throw new IllegalArgumentException("Preprocessing: shift and scale must both be 1 x D rows, got "
                    + shift.shape() + " and " + scale.shape());
        }
        for (int j = 0; j < shift.cols(); j++) {
            if (!Double.isFinite(shift.get(0, j))) {
                throw new IllegalArgumentException("Preprocessing: shift[" + j + "] must be finite, got "
                        + shift.get(0, j));
            }
            double s = scale.get(0, j);
            if (!Double.isFinite(s) || s == 0.0) {
                throw new IllegalArgumentException("Preprocessing: scale[" + j + "] must be finite and non-zero, got "
                        + s);
            }
        }
    }

    /**
     * The map that leaves features unchanged.
     *
     * @param features the number of columns {@code D}
     * @return {@code shift = 0}, {@code scale = 1}
     */
    public static Preprocessing identity(int features) {
        double[] ones = new double[features];
        java.util.Arrays.fill(ones, 1.0);
        return new Preprocessing(Matrix.zeros(1, features), Matrix.rowVector(ones));
    }

    /**
     * The number of columns.
     *
     * @return {@code D}
     */
    public int numFeatures() {
        return shift.cols();
    }

    /**
     * Applies the map: {@code z_ij = (x_ij - shift_j) / scale_j}.
     *
     * @param x raw {@code N x D} features; not modified
     * @return the {@code N x D} model inputs
     * @throws IllegalArgumentException if {@code x} does not have {@code D} columns
     */
    public Matrix apply(Matrix x) {
        Objects.requireNonNull(x, "Preprocessing.apply: x must not be null");
        int d = shift.cols();
        if (x.cols() != d) {
            throw new IllegalArgumentException("Preprocessing.apply: expected " + d + " feature columns, got "
                    + x.cols() + " (x is " + x.shape() + ")");
        }
        double[] a = x.toRowMajorArray();
        for (int k = 0; k < a.length; k++) {
            int j = k % d;
            a[k] = (a[k] - shift.get(0, j)) / scale.get(0, j);
        }
        return Matrix.fromRowMajor(x.rows(), d, a);
    }
}
