package io.github.dlref.nn.init;

import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;

/**
 * (Semi-)orthogonal initialization (Saxe et al. 2013; dl-basics "orthogonal initialization", which asks for
 * {@code W W^T = I} so that a back-propagated error {@code delta^(l-1) = W^T delta^(l)} keeps its norm;
 * PyTorch {@code nn.init.orthogonal_}).
 *
 * <p>Algorithm (PyTorch's): draw {@code A}, {@code rows x cols}, with one {@code nextGaussian()} per entry in
 * row-major order; if {@code rows < cols} use {@code A^T}; take the thin QR factorisation with
 * {@code diag(R) >= 0} ({@link Matrix#qr()}, which applies PyTorch's {@code Q sign(diag(R))} correction);
 * transpose {@code Q} back if {@code A} was transposed; multiply by {@code gain}.
 *
 * <p>Result: with {@code gain = 1}, if {@code rows <= cols} the rows are orthonormal ({@code W W^T = I_rows});
 * if {@code rows >= cols} the columns are orthonormal ({@code W^T W = I_cols}).
 *
 * @param gain the scaling factor, finite and {@code > 0}
 */
public record Orthogonal(double gain) implements Initializer {

    /**
     * Validates the gain.
     *
     * @param gain the gain
     * @throws IllegalArgumentException if the gain is not finite and positive
     */
    public Orthogonal {
        Fans.requireGain("Orthogonal", gain);
    }

    /** Gain 1, PyTorch's default. */
    public Orthogonal() {
        this(1.0);
    }

    /**
     * Draws the matrix.
     *
     * @param rows the number of rows
     * @param cols the number of columns
     * @param rng the generator ({@code rows * cols} calls of {@code nextGaussian()}, row-major over the
     *     {@code rows x cols} draw matrix, before any transposition)
     * @return the (semi-)orthogonal matrix (empty without draws if {@code rows * cols == 0})
     */
    @Override
    public Matrix initialize(int rows, int cols, Rng rng) {
        Fans.checkDims(rows, cols);
        if (rows == 0 || cols == 0) {
            return Matrix.zeros(rows, cols);
        }
        return fromGaussian(rng.gaussian(rows, cols, 0.0, 1.0));
    }

    /**
     * The deterministic part of the algorithm: the (semi-)orthogonal factor of given standard-normal draws.
     * Exposed so that the procedure can be compared with another implementation fed the same draws.
     *
     * @param draws the {@code rows x cols} matrix {@code A} of draws
     * @return {@code gain Q} ({@code rows x cols})
     */
    public Matrix fromGaussian(Matrix draws) {
        boolean wide = draws.rows() < draws.cols();
        Matrix a = wide ? draws.transpose() : draws;
        Matrix q = a.qr().q();
        if (wide) {
            q = q.transpose();
        }
        return gain == 1.0 ? q : q.times(gain);
    }
}
