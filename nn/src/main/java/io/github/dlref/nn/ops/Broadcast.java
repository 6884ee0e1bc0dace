package io.github.dlref.nn.ops;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.Objects;

/**
 * Explicit, differentiable broadcasting, built from the autograd matrix product with a constant vector of
 * ones (no new op is needed, and multiplying by 1.0 is exact):
 * <ul>
 *   <li>{@link #rows(Tensor, int)}: a {@code 1 x D} row repeated {@code N} times is {@code 1_N r}
 *       ({@code N x 1} ones times the row); its backward is {@code 1_N^T G}, the column sums of the upstream
 *       gradient;</li>
 *   <li>{@link #columns(Tensor, int)}: an {@code N x 1} column repeated {@code M} times is {@code c 1_M^T};
 *       its backward is {@code G 1_M}, the row sums.</li>
 * </ul>
 * This is the pairing the house style asks for: broadcast forward, sum backward.
 */
public final class Broadcast {

    private Broadcast() {
    }

    /**
     * Repeats a row.
     *
     * @param row a {@code 1 x D} tensor
     * @param count the number of rows {@code N}, {@code >= 0}
     * @return the {@code N x D} tensor whose every row equals {@code row}
     * @throws IllegalArgumentException if {@code row} is not a single row or {@code count} is negative
     */
    public static Tensor rows(Tensor row, int count) {
        Objects.requireNonNull(row, "Broadcast.rows: row must not be null");
        if (row.rows() != 1 || count < 0) {
            throw new IllegalArgumentException("Broadcast.rows: need a 1xD row and count >= 0, got " + row.shape()
                    + " and count " + count);
        }
        return Tensor.constant(Matrix.ones(count, 1)).matmul(row);
    }

    /**
     * Repeats a column.
     *
     * @param column an {@code N x 1} tensor
     * @param count the number of columns {@code M}, {@code >= 0}
     * @return the {@code N x M} tensor whose every column equals {@code column}
     * @throws IllegalArgumentException if {@code column} is not a single column or {@code count} is negative
     */
    public static Tensor columns(Tensor column, int count) {
        Objects.requireNonNull(column, "Broadcast.columns: column must not be null");
        if (column.cols() != 1 || count < 0) {
            throw new IllegalArgumentException("Broadcast.columns: need an Nx1 column and count >= 0, got "
                    + column.shape() + " and count " + count);
        }
        return column.matmul(Tensor.constant(Matrix.ones(1, count)));
    }
}
