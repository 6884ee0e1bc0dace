package io.github.dlref.data.preprocess;

import io.github.dlref.math.Matrix;
import java.util.Objects;

/** Shared arithmetic and checks of the column-wise affine scalers (package-private). */
final class AffineColumns {

    private AffineColumns() {
    }

    /** Rejects an empty or non-finite training matrix, naming the scaler and the first bad entry. */
    static void checkTrainingData(String op, Matrix x) {
        Objects.requireNonNull(x, () -> op + ": training data must not be null");
        if (x.rows() == 0) {
            throw new IllegalArgumentException(op + ": cannot fit on 0 samples (shape " + x.shape() + ")");
        }
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.cols(); j++) {
                double v = x.get(i, j);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(op + ": training value at row " + i + ", column " + j
                            + " is " + v + "; only finite values can be fitted");
                }
            }
        }
    }

    static void checkColumns(String op, Matrix x, int d) {
        Objects.requireNonNull(x, () -> op + ": matrix must not be null");
        if (x.cols() != d) {
            throw new IllegalArgumentException(op + ": matrix " + x.shape() + " has " + x.cols()
                    + " columns, the scaler was fitted on " + d);
        }
    }

    /** {@code (x_ij - shift_j) / scale_j}, entry by entry in row-major order. */
    static Matrix forward(Matrix x, double[] shift, double[] scale) {
        double[] a = x.toRowMajorArray();
        int d = x.cols();
        for (int k = 0; k < a.length; k++) {
            int j = k % d;
            a[k] = (a[k] - shift[j]) / scale[j];
        }
        return Matrix.fromRowMajor(x.rows(), d, a);
    }

    /** {@code z_ij * scale_j + shift_j}. */
    static Matrix inverse(Matrix z, double[] shift, double[] scale) {
        double[] a = z.toRowMajorArray();
        int d = z.cols();
        for (int k = 0; k < a.length; k++) {
            int j = k % d;
            a[k] = a[k] * scale[j] + shift[j];
        }
        return Matrix.fromRowMajor(z.rows(), d, a);
    }
}
