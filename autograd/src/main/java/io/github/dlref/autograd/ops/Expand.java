package io.github.dlref.autograd.ops;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;

/**
 * Broadcasts written as products with constant all-ones matrices, for the differentiable backward rules
 * ({@code Op.differentiableBackward}): {@code 1_n g 1_m^T} repeats a {@code 1 x 1} gradient over {@code n x m},
 * {@code c 1_m^T} repeats a column, {@code 1_n r} repeats a row. Each output entry is one product with 1, so it
 * equals the repeated entry exactly (as {@code Matrix.filled}, {@code repeatRows} do in the fast rules), and the
 * product's own backward rule gives the paired reduction (sums) when the broadcast is differentiated again.
 */
final class Expand {

    private Expand() {
    }

    /** A constant all-ones {@code rows x cols} tensor. */
    static Tensor ones(int rows, int cols) {
        return Tensor.constant(Matrix.filled(rows, cols, 1.0));
    }

    /** {@code 1_rows g 1_cols^T}: the {@code 1 x 1} tensor {@code g} repeated over {@code rows x cols}. */
    static Tensor scalar(Tensor g, int rows, int cols) {
        return ones(rows, 1).matmul(g).matmul(ones(1, cols));
    }

    /** {@code c 1_cols^T}: the {@code n x 1} column {@code c} repeated over {@code cols} columns. */
    static Tensor column(Tensor c, int cols) {
        return c.matmul(ones(1, cols));
    }

    /** {@code 1_rows r}: the {@code 1 x m} row {@code r} repeated over {@code rows} rows. */
    static Tensor row(Tensor r, int rows) {
        return ones(rows, 1).matmul(r);
    }
}
