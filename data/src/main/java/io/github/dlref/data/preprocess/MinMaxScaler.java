package io.github.dlref.data.preprocess;

import io.github.dlref.data.Dataset;
import io.github.dlref.math.Matrix;

/**
 * Min-max normalisation to {@code [0, 1]} (dl-basics, "data preprocessing", min-max normalisation after
 * [Book NNDL]): {@code z_ij = (x_ij - min_j) / (max_j - min_j)}, with {@code min_j} and {@code max_j} the
 * column minimum and maximum of the <b>training</b> data.
 *
 * <p>Guarantees on the training data itself: every {@code z_ij} lies in {@code [0, 1]} exactly (IEEE
 * subtraction and division are monotone), the column minimum maps to exactly 0 and the maximum to exactly
 * 1. Other splits are mapped with the same {@code min_j, max_j} and are <b>not</b> clipped: a test value
 * above the training maximum maps above 1 (scikit-learn's {@code MinMaxScaler} default, {@code clip=False}).
 *
 * <p>Constant column ({@code max_j == min_j}): the divisor is 1 instead of 0, so
 * {@code z_ij = x_ij - min_j}, which is exactly 0 on the training data. This is scikit-learn's behaviour
 * ({@code _handle_zeros_in_scale} sets a zero range to 1; its issue #27987 confirms constant columns map to
 * 0). Difference: scikit-learn also treats a range below {@code 10 eps} as constant; here only an exactly
 * zero range is, and a tiny non-zero range is divided by as it is.
 *
 * <p>Inverse: {@code x_ij = z_ij (max_j - min_j) + min_j} (divisor 1 for constant columns); it returns the
 * original up to rounding (a few ulps of {@code max(|x_ij|, |min_j|, |max_j|)}).
 */
public final class MinMaxScaler implements FeatureScaler {

    private final double[] min;
    private final double[] max;
    private final double[] divisor;

    private MinMaxScaler(double[] min, double[] max) {
        this.min = min;
        this.max = max;
        this.divisor = new double[min.length];
        for (int j = 0; j < min.length; j++) {
            double range = max[j] - min[j];
            divisor[j] = range == 0 ? 1.0 : range;
        }
    }

    /**
     * Fits on training data: records each column's minimum and maximum.
     *
     * @param train the {@code N x D} training features, {@code N >= 1}, all finite
     * @return the fitted scaler
     * @throws IllegalArgumentException if there are no rows, a value is NaN or infinite (naming its row and
     *     column), or a column's range {@code max - min} overflows to infinity
     */
    public static MinMaxScaler fit(Matrix train) {
        AffineColumns.checkTrainingData("MinMaxScaler.fit", train);
        int d = train.cols();
        double[] min = new double[d];
        double[] max = new double[d];
        for (int j = 0; j < d; j++) {
            min[j] = train.get(0, j);
            max[j] = train.get(0, j);
            for (int i = 1; i < train.rows(); i++) {
                double v = train.get(i, j);
                min[j] = Math.min(min[j], v);
                max[j] = Math.max(max[j], v);
            }
            if (Double.isInfinite(max[j] - min[j])) {
                throw new IllegalArgumentException("MinMaxScaler.fit: column " + j + " has range " + min[j] + " .. "
                        + max[j] + ", whose width overflows a double");
            }
        }
        return new MinMaxScaler(min, max);
    }

    /**
     * Fits on a training dataset's features.
     *
     * @param train the training split
     * @return the fitted scaler
     * @throws IllegalArgumentException as {@link #fit(Matrix)}
     */
    public static MinMaxScaler fit(Dataset train) {
        return fit(train.features());
    }

    @Override
    public int numFeatures() {
        return min.length;
    }

    /**
     * The training minima {@code min_j}.
     *
     * @return a {@code 1 x D} row
     */
    @Override
    public Matrix shift() {
        return Matrix.rowVector(min);
    }

    /**
     * The divisors {@code max_j - min_j}, or 1 for a constant column.
     *
     * @return a {@code 1 x D} row
     */
    @Override
    public Matrix scale() {
        return Matrix.rowVector(divisor);
    }

    /**
     * The training minima.
     *
     * @return a {@code 1 x D} row of {@code min_j}
     */
    public Matrix dataMin() {
        return Matrix.rowVector(min);
    }

    /**
     * The training maxima.
     *
     * @return a {@code 1 x D} row of {@code max_j}
     */
    public Matrix dataMax() {
        return Matrix.rowVector(max);
    }

    /**
     * Whether column {@code j} was constant in the training data ({@code max_j == min_j}).
     *
     * @param j the column, in {@code [0, D)}
     * @return {@code true} for a constant column
     * @throws IndexOutOfBoundsException if {@code j} is out of range
     */
    public boolean isConstant(int j) {
        return max[java.util.Objects.checkIndex(j, max.length)] == min[j];
    }

    @Override
    public Matrix transform(Matrix x) {
        AffineColumns.checkColumns("MinMaxScaler.transform", x, min.length);
        return AffineColumns.forward(x, min, divisor);
    }

    @Override
    public Matrix inverseTransform(Matrix z) {
        AffineColumns.checkColumns("MinMaxScaler.inverseTransform", z, min.length);
        return AffineColumns.inverse(z, min, divisor);
    }
}
