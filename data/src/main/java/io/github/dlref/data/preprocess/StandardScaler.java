package io.github.dlref.data.preprocess;

import io.github.dlref.data.Dataset;
import io.github.dlref.math.Matrix;

/**
 * Standardisation (z-score, dl-basics "data preprocessing" after [Book NNDL]; scikit-learn's
 * {@code StandardScaler}): {@code z_ij = (x_ij - mu_j) / sigma_j} with the column mean and the
 * <b>population</b> standard deviation of the <b>training</b> data:
 * <pre>
 * mu_j      = (sum_i x_ij) / N
 * sigma_j^2 = (sum_i (x_ij - mu_j)^2) / N        (divisor N, not N - 1, as NNDL and scikit-learn)
 * </pre>
 * Sums run over {@code i = 0, 1, ..., N-1} from 0.0, left to right (two passes: the mean, then the squared
 * deviations), so the result is reproducible bit for bit. On the training data the columns of {@code z}
 * have mean 0 and variance 1 up to rounding.
 *
 * <p>Constant column (all training values equal to some {@code c}): the divisor is 1 and the shift is
 * {@code c} itself, so {@code z_ij = x_ij - c}, exactly 0 on the training data. scikit-learn also uses a
 * scale of 1 ("If a variance is zero, we can't achieve unit variance, and the data is left as-is, giving a
 * scaling factor of 1"), but subtracts its summed mean, which can differ from {@code c} by rounding (for
 * {@code c = 0.1} and {@code N = 3} the sum gives {@code 0.10000000000000002}); here the shift is exact.
 * A column that is not constant but whose computed {@code sigma_j} underflows to 0 also gets divisor 1.
 * scikit-learn additionally treats nearly constant columns as constant (a bound from Chan, Golub and
 * LeVeque); here a tiny non-zero {@code sigma_j} is divided by as it is.
 *
 * <p>Inverse: {@code x_ij = z_ij sigma_j + mu_j}, equal to the original up to rounding.
 */
public final class StandardScaler implements FeatureScaler {

    private final double[] mean;
    private final double[] std;
    private final double[] shift;
    private final double[] divisor;
    private final boolean[] constant;

    private StandardScaler(double[] mean, double[] std, double[] shift, double[] divisor, boolean[] constant) {
        this.mean = mean;
        this.std = std;
        this.shift = shift;
        this.divisor = divisor;
        this.constant = constant;
    }

    /**
     * Fits on training data: column means and population standard deviations.
     *
     * @param train the {@code N x D} training features, {@code N >= 1}, all finite
     * @return the fitted scaler
     * @throws IllegalArgumentException if there are no rows, a value is NaN or infinite (naming its row and
     *     column), or a column's mean or variance overflows
     */
    public static StandardScaler fit(Matrix train) {
        AffineColumns.checkTrainingData("StandardScaler.fit", train);
        int n = train.rows();
        int d = train.cols();
        double[] mean = new double[d];
        double[] std = new double[d];
        double[] shift = new double[d];
        double[] divisor = new double[d];
        boolean[] constant = new boolean[d];
        for (int j = 0; j < d; j++) {
            double first = train.get(0, j);
            boolean same = true;
            double sum = 0.0;
            for (int i = 0; i < n; i++) {
                double v = train.get(i, j);
                sum += v;
                same &= v == first;
            }
            double mu = sum / n;
            double squares = 0.0;
            for (int i = 0; i < n; i++) {
                double dev = train.get(i, j) - mu;
                squares += dev * dev;
            }
            double variance = squares / n;
            if (!Double.isFinite(mu) || !Double.isFinite(variance)) {
                throw new IllegalArgumentException("StandardScaler.fit: column " + j + " overflows (mean " + mu
                        + ", variance " + variance + ")");
            }
            mean[j] = mu;
            std[j] = Math.sqrt(variance);
            constant[j] = same;
            shift[j] = same ? first : mu;
            divisor[j] = same || std[j] == 0 ? 1.0 : std[j];
        }
        return new StandardScaler(mean, std, shift, divisor, constant);
    }

    /**
     * Fits on a training dataset's features.
     *
     * @param train the training split
     * @return the fitted scaler
     * @throws IllegalArgumentException as {@link #fit(Matrix)}
     */
    public static StandardScaler fit(Dataset train) {
        return fit(train.features());
    }

    @Override
    public int numFeatures() {
        return mean.length;
    }

    /**
     * The values subtracted: {@code mu_j}, or the common value {@code c} of a constant column.
     *
     * @return a {@code 1 x D} row
     */
    @Override
    public Matrix shift() {
        return Matrix.rowVector(shift);
    }

    /**
     * The divisors: {@code sigma_j}, or 1 for a constant column (or one whose {@code sigma_j} is 0).
     *
     * @return a {@code 1 x D} row
     */
    @Override
    public Matrix scale() {
        return Matrix.rowVector(divisor);
    }

    /**
     * The computed training means {@code mu_j} (as summed, also for constant columns).
     *
     * @return a {@code 1 x D} row
     */
    public Matrix mean() {
        return Matrix.rowVector(mean);
    }

    /**
     * The computed population standard deviations {@code sigma_j}.
     *
     * @return a {@code 1 x D} row
     */
    public Matrix std() {
        return Matrix.rowVector(std);
    }

    /**
     * Whether column {@code j} was constant in the training data.
     *
     * @param j the column, in {@code [0, D)}
     * @return {@code true} when every training value of the column was equal
     * @throws IndexOutOfBoundsException if {@code j} is out of range
     */
    public boolean isConstant(int j) {
        return constant[java.util.Objects.checkIndex(j, constant.length)];
    }

    @Override
    public Matrix transform(Matrix x) {
        AffineColumns.checkColumns("StandardScaler.transform", x, mean.length);
        return AffineColumns.forward(x, shift, divisor);
    }

    @Override
    public Matrix inverseTransform(Matrix z) {
        AffineColumns.checkColumns("StandardScaler.inverseTransform", z, mean.length);
        return AffineColumns.inverse(z, shift, divisor);
    }
}
