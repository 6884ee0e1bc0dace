package io.github.dlref.math;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * An immutable, dense, double-precision (IEEE 754 binary64) matrix stored row-major, backed by EJML's
 * {@code DMatrixRMaj}.
 *
 * <p>Conventions (summarised for the whole project in {@code docs/conventions.md}):
 * <ul>
 *   <li>A batch holds one sample per <b>row</b> (N x D).</li>
 *   <li>Shapes are written {@code rows x cols}; {@code 0 x n} and {@code n x 0} matrices are allowed and
 *       every operation that is mathematically defined on them works (a sum over an empty matrix is 0,
 *       {@code (m x 0)(0 x n)} is the {@code m x n} zero matrix).</li>
 *   <li>Every reduction sums in row-major order (element (0,0), (0,1), ..., (1,0), ...) with plain
 *       left-to-right double addition starting from {@code +0.0}, so results are reproducible bit for bit.
 *       Products sum over the inner index in ascending order, also from {@code +0.0}, whichever EJML
 *       kernel runs (see {@link #matmul(Matrix)}).</li>
 *   <li>{@code exp}, {@code log} and {@code pow} use {@link StrictMath}, so they give the same bits on every
 *       platform.</li>
 *   <li>No operation modifies its receiver or its arguments: every result is a new matrix.</li>
 *   <li>Shape errors are {@link IllegalArgumentException}s that name the operation and both shapes.</li>
 *   <li>Operation names ({@code plus}, {@code minus}, {@code times}, {@code div}, {@code neg},
 *       {@code sumRows}, {@code sumCols}, ...) are the same in the autograd engines' {@code Tensor} and
 *       {@code Value}: one vocabulary, tabulated once under "Operation names" in
 *       {@code docs/conventions.md}.</li>
 * </ul>
 */
public final class Matrix {

    private final DMatrixRMaj data;

    private Matrix(DMatrixRMaj data) {
        this.data = data;
    }

    // ------------------------------------------------------------------------------------------
    // Construction

    /**
     * Creates a matrix from its rows. The array is copied.
     *
     * @param rows the rows; every row must have the same length; {@code new double[0][]} gives a
     *     {@code 0 x 0} matrix
     * @return a {@code rows.length x rows[0].length} matrix
     * @throws IllegalArgumentException if the rows are ragged or a row is null
     * @throws NullPointerException if {@code rows} itself is null
     */
    public static Matrix of(double[][] rows) {
        Objects.requireNonNull(rows, "Matrix.of: rows must not be null");
        int r = rows.length;
        int c = r == 0 ? 0 : requireRow(rows, 0).length;
        DMatrixRMaj m = new DMatrixRMaj(r, c);
        for (int i = 0; i < r; i++) {
            double[] row = requireRow(rows, i);
            if (row.length != c) {
                throw new IllegalArgumentException("Matrix.of: row " + i + " has length " + row.length
                        + ", expected " + c + " (the length of row 0)");
            }
            System.arraycopy(row, 0, m.data, i * c, c);
        }
        return new Matrix(m);
    }

    private static double[] requireRow(double[][] rows, int i) {
        if (rows[i] == null) {
            throw new IllegalArgumentException("Matrix.of: row " + i + " is null");
        }
        return rows[i];
    }

    /**
     * Creates a matrix from a flat row-major array: element {@code (i, j)} is {@code values[i * cols + j]}.
     * The array is copied.
     *
     * @param rows number of rows, {@code >= 0}
     * @param cols number of columns, {@code >= 0}
     * @param values {@code rows * cols} values in row-major order
     * @return the {@code rows x cols} matrix
     * @throws IllegalArgumentException if a dimension is negative or the length does not match
     */
    public static Matrix fromRowMajor(int rows, int cols, double... values) {
        checkDims("Matrix.fromRowMajor", rows, cols);
        Objects.requireNonNull(values, "Matrix.fromRowMajor: values must not be null");
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException("Matrix.fromRowMajor: shape " + rows + "x" + cols + " needs "
                    + ((long) rows * cols) + " values, got " + values.length);
        }
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        System.arraycopy(values, 0, m.data, 0, values.length);
        return new Matrix(m);
    }

    /**
     * A {@code 1 x n} row vector.
     *
     * @param values the entries (copied)
     * @return the {@code 1 x values.length} matrix
     */
    public static Matrix rowVector(double... values) {
        return fromRowMajor(1, values.length, values);
    }

    /**
     * An {@code n x 1} column vector.
     *
     * @param values the entries (copied)
     * @return the {@code values.length x 1} matrix
     */
    public static Matrix columnVector(double... values) {
        return fromRowMajor(values.length, 1, values);
    }

    /**
     * A {@code 1 x 1} matrix.
     *
     * @param value the single entry
     * @return the {@code 1 x 1} matrix holding {@code value}
     */
    public static Matrix scalar(double value) {
        return fromRowMajor(1, 1, value);
    }

    /**
     * The zero matrix.
     *
     * @param rows number of rows, {@code >= 0}
     * @param cols number of columns, {@code >= 0}
     * @return a {@code rows x cols} matrix of {@code +0.0}
     */
    public static Matrix zeros(int rows, int cols) {
        checkDims("Matrix.zeros", rows, cols);
        return new Matrix(new DMatrixRMaj(rows, cols));
    }

    /**
     * The all-ones matrix.
     *
     * @param rows number of rows, {@code >= 0}
     * @param cols number of columns, {@code >= 0}
     * @return a {@code rows x cols} matrix of {@code 1.0}
     */
    public static Matrix ones(int rows, int cols) {
        return filled(rows, cols, 1.0);
    }

    /**
     * A matrix with every entry equal to {@code value}.
     *
     * @param rows number of rows, {@code >= 0}
     * @param cols number of columns, {@code >= 0}
     * @param value the entry
     * @return a {@code rows x cols} matrix
     */
    public static Matrix filled(int rows, int cols, double value) {
        checkDims("Matrix.filled", rows, cols);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        Arrays.fill(m.data, 0, rows * cols, value);
        return new Matrix(m);
    }

    /**
     * The identity matrix {@code I_n}.
     *
     * @param n the size, {@code >= 0}
     * @return the {@code n x n} identity
     */
    public static Matrix identity(int n) {
        checkDims("Matrix.identity", n, n);
        return new Matrix(CommonOps_DDRM.identity(n));
    }

    /**
     * Builds a matrix entry by entry: {@code a_ij = f(i, j)}, evaluated in row-major order.
     *
     * @param rows number of rows, {@code >= 0}
     * @param cols number of columns, {@code >= 0}
     * @param f the entry function
     * @return the {@code rows x cols} matrix
     */
    public static Matrix build(int rows, int cols, IndexFunction f) {
        checkDims("Matrix.build", rows, cols);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m.data[i * cols + j] = f.apply(i, j);
            }
        }
        return new Matrix(m);
    }

    /** An entry function {@code (i, j) -> a_ij} for {@link #build(int, int, IndexFunction)}. */
    @FunctionalInterface
    public interface IndexFunction {
        /**
         * The entry at a position.
         *
         * @param row the row index
         * @param col the column index
         * @return the entry
         */
        double apply(int row, int col);
    }

    /**
     * The outer product {@code u v^T}: {@code c_ij = u_i v_j}.
     *
     * @param u a vector (shape {@code 1 x m} or {@code m x 1})
     * @param v a vector (shape {@code 1 x n} or {@code n x 1})
     * @return the {@code m x n} outer product
     * @throws IllegalArgumentException if either argument is not a vector
     */
    public static Matrix outer(Matrix u, Matrix v) {
        if (!u.isVector() || !v.isVector()) {
            throw new IllegalArgumentException("outer: arguments must be vectors (1 x n or n x 1), got "
                    + u.shape() + " and " + v.shape());
        }
        int m = u.size();
        int n = v.size();
        checkDims("outer", m, n);
        DMatrixRMaj out = new DMatrixRMaj(m, n);
        for (int i = 0; i < m; i++) {
            double ui = u.data.data[i];
            for (int j = 0; j < n; j++) {
                out.data[i * n + j] = ui * v.data.data[j];
            }
        }
        return new Matrix(out);
    }

    /**
     * Stacks matrices vertically (their rows one after another).
     *
     * @param parts matrices with the same number of columns; at least one
     * @return the {@code (sum of rows) x cols} matrix
     * @throws IllegalArgumentException if no part is given or the column counts differ
     */
    public static Matrix concatRows(Matrix... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concatRows: at least one matrix is needed");
        }
        int cols = parts[0].cols();
        long rows = 0;
        for (Matrix p : parts) {
            if (p.cols() != cols) {
                throw new IllegalArgumentException("concatRows: shapes " + parts[0].shape() + " and "
                        + p.shape() + " have different column counts (" + cols + " != " + p.cols() + ")");
            }
            rows += p.rows();
        }
        checkDims("concatRows", rows, cols);
        DMatrixRMaj out = new DMatrixRMaj((int) rows, cols);
        int offset = 0;
        for (Matrix p : parts) {
            System.arraycopy(p.data.data, 0, out.data, offset, p.size());
            offset += p.size();
        }
        return new Matrix(out);
    }

    /** The largest number of entries a matrix may hold (the largest Java array the JVMs in use allocate). */
    private static final long MAX_ENTRIES = Integer.MAX_VALUE - 8;

    private static void checkDims(String op, long rows, long cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(op + ": dimensions must be >= 0, got " + rows + "x" + cols);
        }
        if (rows * cols > MAX_ENTRIES) {
            throw new IllegalArgumentException(op + ": shape " + rows + "x" + cols + " has " + rows * cols
                    + " entries, more than the " + MAX_ENTRIES + " a matrix can hold");
        }
    }

    // ------------------------------------------------------------------------------------------
    // Shape and element access

    /**
     * Number of rows.
     *
     * @return the row count
     */
    public int rows() {
        return data.numRows;
    }

    /**
     * Number of columns.
     *
     * @return the column count
     */
    public int cols() {
        return data.numCols;
    }

    /**
     * Number of entries, {@code rows * cols}.
     *
     * @return the entry count
     */
    public int size() {
        return data.numRows * data.numCols;
    }

    /**
     * The shape as text, {@code "rows x cols"} without spaces (for example {@code "3x4"}), as used in
     * error messages.
     *
     * @return the shape
     */
    public String shape() {
        return data.numRows + "x" + data.numCols;
    }

    /**
     * Whether this matrix has the same shape as another.
     *
     * @param other the other matrix
     * @return {@code true} when the row and column counts are equal
     */
    public boolean sameShape(Matrix other) {
        return rows() == other.rows() && cols() == other.cols();
    }

    /**
     * Whether this is a row or column vector ({@code 1 x n} or {@code n x 1}).
     *
     * @return {@code true} for a vector, including {@code 1 x 1}
     */
    public boolean isVector() {
        return rows() == 1 || cols() == 1;
    }

    /**
     * The entry at {@code (row, col)}.
     *
     * @param row row index in {@code [0, rows)}
     * @param col column index in {@code [0, cols)}
     * @return the entry
     * @throws IndexOutOfBoundsException naming the index and the shape if out of range
     */
    public double get(int row, int col) {
        checkIndex("get", row, col);
        return data.data[row * cols() + col];
    }

    private void checkIndex(String op, int row, int col) {
        if (row < 0 || row >= rows() || col < 0 || col >= cols()) {
            throw new IndexOutOfBoundsException(op + ": index (" + row + ", " + col + ") is outside shape "
                    + shape());
        }
    }

    private void checkFlatIndex(String op, int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(op + ": index " + index + " is outside shape " + shape()
                    + " (size " + size() + ")");
        }
    }

    /**
     * The entry at a row-major flat index: {@code getFlat(i * cols + j) == get(i, j)}.
     *
     * @param index flat index in {@code [0, size)}
     * @return the entry
     * @throws IndexOutOfBoundsException if out of range
     */
    public double getFlat(int index) {
        checkFlatIndex("getFlat", index);
        return data.data[index];
    }

    /**
     * The single entry of a {@code 1 x 1} matrix.
     *
     * @return the entry
     * @throws IllegalStateException if the shape is not {@code 1 x 1}
     */
    public double scalarValue() {
        if (rows() != 1 || cols() != 1) {
            throw new IllegalStateException("scalarValue: shape must be 1x1, got " + shape());
        }
        return data.data[0];
    }

    /**
     * A copy of the entries as an array of rows.
     *
     * @return a new {@code rows x cols} array
     */
    public double[][] toArray() {
        double[][] out = new double[rows()][cols()];
        for (int i = 0; i < rows(); i++) {
            System.arraycopy(data.data, i * cols(), out[i], 0, cols());
        }
        return out;
    }

    /**
     * A copy of the entries in row-major order.
     *
     * @return a new array of length {@code size()}
     */
    public double[] toRowMajorArray() {
        return Arrays.copyOf(data.data, size());
    }

    /**
     * A new matrix of this shape made by changing a copy of this matrix's entries in place: {@code update}
     * receives a fresh row-major array of length {@code size()} holding this matrix's entries, modifies it, and
     * the result is built on that same array (one copy in all, where {@link #toRowMajorArray()} then
     * {@link #fromRowMajor(int, int, double...)} make two; the optimizers' updates use it). This matrix does not
     * change. The array belongs to the result once {@code update} returns, so {@code update} must not keep it.
     *
     * @param update modifies the array in place
     * @return the matrix of the modified entries, same shape
     */
    public Matrix updatedRowMajor(Consumer<double[]> update) {
        Objects.requireNonNull(update, "updatedRowMajor: update must not be null");
        // Arrays.copyOf allocates the array and fills it in one pass (no zeroing first)
        DMatrixRMaj out = DMatrixRMaj.wrap(rows(), cols(), Arrays.copyOf(data.data, size()));
        update.accept(out.data);
        return new Matrix(out);
    }

    /**
     * A copy of this matrix with one entry replaced.
     *
     * @param row row index
     * @param col column index
     * @param value the new entry
     * @return a new matrix equal to this one except at {@code (row, col)}
     * @throws IndexOutOfBoundsException naming the index and the shape if out of range
     */
    public Matrix with(int row, int col, double value) {
        checkIndex("with", row, col);
        DMatrixRMaj out = data.copy();
        out.data[row * cols() + col] = value;
        return new Matrix(out);
    }

    /**
     * A copy of this matrix with the entry at a row-major flat index replaced.
     *
     * @param index flat index in {@code [0, size)}
     * @param value the new entry
     * @return a new matrix equal to this one except at {@code index}
     * @throws IndexOutOfBoundsException naming the index and the shape if out of range
     */
    public Matrix withFlat(int index, double value) {
        checkFlatIndex("withFlat", index);
        DMatrixRMaj out = data.copy();
        out.data[index] = value;
        return new Matrix(out);
    }

    /**
     * Row {@code i} as a {@code 1 x cols} matrix.
     *
     * @param i row index
     * @return the row
     * @throws IndexOutOfBoundsException naming the index and the shape if out of range
     */
    public Matrix getRow(int i) {
        if (i < 0 || i >= rows()) {
            throw new IndexOutOfBoundsException("getRow: row " + i + " is outside shape " + shape());
        }
        return rowSlice(i, i + 1);
    }

    /**
     * Column {@code j} as a {@code rows x 1} matrix.
     *
     * @param j column index
     * @return the column
     * @throws IndexOutOfBoundsException naming the index and the shape if out of range
     */
    public Matrix getColumn(int j) {
        if (j < 0 || j >= cols()) {
            throw new IndexOutOfBoundsException("getColumn: column " + j + " is outside shape " + shape());
        }
        DMatrixRMaj out = new DMatrixRMaj(rows(), 1);
        for (int i = 0; i < rows(); i++) {
            out.data[i] = data.data[i * cols() + j];
        }
        return new Matrix(out);
    }

    /**
     * Rows {@code from} (inclusive) to {@code to} (exclusive).
     *
     * @param from first row, {@code 0 <= from <= to}
     * @param to one past the last row, {@code to <= rows}
     * @return a {@code (to - from) x cols} matrix
     */
    public Matrix rowSlice(int from, int to) {
        if (from < 0 || to > rows() || from > to) {
            throw new IndexOutOfBoundsException("rowSlice: range [" + from + ", " + to + ") is invalid for shape "
                    + shape());
        }
        DMatrixRMaj out = new DMatrixRMaj(to - from, cols());
        System.arraycopy(data.data, from * cols(), out.data, 0, (to - from) * cols());
        return new Matrix(out);
    }

    /**
     * The rows at the given indices, in the given order (a gather; indices may repeat).
     *
     * @param indices row indices, each in {@code [0, rows)}
     * @return a {@code indices.length x cols} matrix whose row {@code k} is row {@code indices[k]}
     */
    public Matrix selectRows(int[] indices) {
        Objects.requireNonNull(indices, "selectRows: indices must not be null");
        checkDims("selectRows", indices.length, cols());
        DMatrixRMaj out = new DMatrixRMaj(indices.length, cols());
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= rows()) {
                throw new IndexOutOfBoundsException("selectRows: index " + i + " at position " + k
                        + " is outside shape " + shape());
            }
            System.arraycopy(data.data, i * cols(), out.data, k * cols(), cols());
        }
        return new Matrix(out);
    }

    /**
     * The same entries in a new shape, row-major order preserved.
     *
     * @param newRows rows of the result
     * @param newCols columns of the result; {@code newRows * newCols} must equal {@code size()}
     * @return the reshaped matrix
     */
    public Matrix reshape(int newRows, int newCols) {
        checkDims("reshape", newRows, newCols);
        if ((long) newRows * newCols != size()) {
            throw new IllegalArgumentException("reshape: cannot reshape " + shape() + " (" + size()
                    + " entries) to " + newRows + "x" + newCols);
        }
        return fromRowMajor(newRows, newCols, data.data.length == size() ? data.data : toRowMajorArray());
    }

    // ------------------------------------------------------------------------------------------
    // Products

    /**
     * The matrix product {@code C = A B}: {@code c_ij = sum_k a_ik b_kj}, computed by the kernels
     * {@link MatrixKernels} selects (EJML's {@code CommonOps_DDRM.mult} on the plain path). Every entry is
     * summed over {@code k} in ascending order starting from {@code +0.0}, whichever kernel runs, so the
     * result is the same, bit for bit, as {@link #transposeTimes(Matrix)} and {@link #timesTranspose(Matrix)}
     * on explicitly transposed operands. An empty inner dimension
     * ({@code (m x 0)(0 x n)}) gives the {@code m x n} zero matrix.
     *
     * @param b the right operand, shape {@code k x n} when this is {@code m x k}
     * @return the {@code m x n} product
     * @throws IllegalArgumentException if the inner dimensions differ
     */
    public Matrix matmul(Matrix b) {
        if (cols() != b.rows()) {
            throw new IllegalArgumentException("matmul: shapes " + shape() + " and " + b.shape()
                    + " do not align (" + cols() + " != " + b.rows() + ")");
        }
        checkDims("matmul", rows(), b.cols());
        DMatrixRMaj out = new DMatrixRMaj(rows(), b.cols());
        if (cols() > 0 && out.getNumElements() > 0) {
            ProductKernels.mult(data, b.data, out);
        }
        return new Matrix(out);
    }

    /**
     * The product {@code C = A^T B} without forming the transpose: {@code c_ij = sum_k a_ki b_kj}
     * (EJML's {@code CommonOps_DDRM.multTransA} on the plain path of {@link MatrixKernels}), summed like
     * {@link #matmul(Matrix)}, so
     * {@code a.transposeTimes(b)} equals {@code a.transpose().matmul(b)} bit for bit.
     *
     * @param b the right operand, shape {@code k x n} when this is {@code k x m}
     * @return the {@code m x n} product
     * @throws IllegalArgumentException if the row counts differ
     */
    public Matrix transposeTimes(Matrix b) {
        if (rows() != b.rows()) {
            throw new IllegalArgumentException("transposeTimes (A^T B): shapes " + shape() + " and " + b.shape()
                    + " do not align (" + rows() + " != " + b.rows() + ")");
        }
        checkDims("transposeTimes", cols(), b.cols());
        DMatrixRMaj out = new DMatrixRMaj(cols(), b.cols());
        if (rows() > 0 && out.getNumElements() > 0) {
            ProductKernels.multTransA(data, b.data, out);
        }
        return new Matrix(out);
    }

    /**
     * The product {@code C = A B^T} without forming the transpose: {@code c_ij = sum_k a_ik b_jk}
     * (EJML's {@code CommonOps_DDRM.multTransB} on the plain path of {@link MatrixKernels}), summed like
     * {@link #matmul(Matrix)}, so
     * {@code a.timesTranspose(b)} equals {@code a.matmul(b.transpose())} bit for bit.
     *
     * @param b the right operand, shape {@code n x k} when this is {@code m x k}
     * @return the {@code m x n} product
     * @throws IllegalArgumentException if the column counts differ
     */
    public Matrix timesTranspose(Matrix b) {
        if (cols() != b.cols()) {
            throw new IllegalArgumentException("timesTranspose (A B^T): shapes " + shape() + " and " + b.shape()
                    + " do not align (" + cols() + " != " + b.cols() + ")");
        }
        checkDims("timesTranspose", rows(), b.rows());
        DMatrixRMaj out = new DMatrixRMaj(rows(), b.rows());
        if (cols() > 0 && out.getNumElements() > 0) {
            ProductKernels.multTransB(data, b.data, out);
        }
        return new Matrix(out);
    }

    /**
     * The transpose {@code A^T}: {@code c_ij = a_ji}.
     *
     * @return the {@code cols x rows} transpose
     */
    public Matrix transpose() {
        DMatrixRMaj out = new DMatrixRMaj(cols(), rows());
        if (size() > 0) {
            CommonOps_DDRM.transpose(data, out);
        }
        return new Matrix(out);
    }

    /**
     * The sum of elementwise products {@code sum_ij a_ij b_ij} (the Frobenius inner product), summed in
     * row-major order.
     *
     * @param b a matrix of the same shape
     * @return the inner product; 0 for empty matrices
     */
    public double dot(Matrix b) {
        requireSameShape("dot", b);
        double s = 0.0;
        for (int k = 0; k < size(); k++) {
            s += data.data[k] * b.data.data[k];
        }
        return s;
    }

    // ------------------------------------------------------------------------------------------
    // Elementwise

    /**
     * Elementwise sum {@code c_ij = a_ij + b_ij}.
     *
     * @param b a matrix of the same shape
     * @return the sum
     */
    public Matrix plus(Matrix b) {
        requireSameShape("plus", b);
        return zipUnchecked(b, Double::sum);
    }

    /**
     * Elementwise difference {@code c_ij = a_ij - b_ij}.
     *
     * @param b a matrix of the same shape
     * @return the difference
     */
    public Matrix minus(Matrix b) {
        requireSameShape("minus", b);
        return zipUnchecked(b, (x, y) -> x - y);
    }

    /**
     * Elementwise (Hadamard) product {@code c_ij = a_ij b_ij}.
     *
     * @param b a matrix of the same shape
     * @return the product
     */
    public Matrix times(Matrix b) {
        requireSameShape("times", b);
        return zipUnchecked(b, (x, y) -> x * y);
    }

    /**
     * Elementwise quotient {@code c_ij = a_ij / b_ij} (IEEE division: {@code x / 0} is infinite or NaN).
     *
     * @param b a matrix of the same shape
     * @return the quotient
     */
    public Matrix div(Matrix b) {
        requireSameShape("div", b);
        return zipUnchecked(b, (x, y) -> x / y);
    }

    /**
     * Adds a scalar to every entry: {@code c_ij = a_ij + s}.
     *
     * @param s the scalar
     * @return the result
     */
    public Matrix plus(double s) {
        return map(x -> x + s);
    }

    /**
     * Multiplies every entry by a scalar: {@code c_ij = s a_ij}.
     *
     * @param s the scalar
     * @return the result
     */
    public Matrix times(double s) {
        return map(x -> s * x);
    }

    /**
     * Negation {@code c_ij = -a_ij}.
     *
     * @return the result
     */
    public Matrix neg() {
        return map(x -> -x);
    }

    /**
     * {@code c_ij = exp(a_ij)}, computed with {@link StrictMath#exp(double)} (the fdlibm algorithm) so the
     * bits are the same on every JVM and processor; {@link Math#exp(double)} may differ by an ulp between
     * platforms.
     *
     * @return the result
     */
    public Matrix exp() {
        return map(StrictMath::exp);
    }

    /**
     * Natural logarithm {@code c_ij = ln(a_ij)} with {@link StrictMath#log(double)} (reproducible bits, see
     * {@link #exp()}), IEEE semantics: {@code ln(0) = -infinity}, {@code ln(x < 0) = NaN}.
     *
     * @return the result
     */
    public Matrix log() {
        return map(StrictMath::log);
    }

    /**
     * {@code c_ij = sqrt(a_ij)}, IEEE semantics ({@code sqrt(x < 0) = NaN}).
     *
     * @return the result
     */
    public Matrix sqrt() {
        return map(Math::sqrt);
    }

    /**
     * {@code c_ij = a_ij^p} as {@link StrictMath#pow(double, double)} computes it (reproducible bits, see
     * {@link #exp()}; a negative base with a non-integer exponent gives NaN).
     *
     * @param p the exponent
     * @return the result
     */
    public Matrix pow(double p) {
        return map(x -> StrictMath.pow(x, p));
    }

    /**
     * {@code c_ij = |a_ij|}.
     *
     * @return the result
     */
    public Matrix abs() {
        return map(Math::abs);
    }

    /**
     * {@code c_ij = sign(a_ij)} in {-1, 0, 1} ({@link Math#signum(double)}: sign(0) = 0, sign(NaN) = NaN).
     *
     * @return the result
     */
    public Matrix sign() {
        return map(Math::signum);
    }

    /**
     * {@code c_ij = max(a_ij, s)} ({@link Math#max(double, double)}: NaN propagates).
     *
     * @param s the scalar
     * @return the result
     */
    public Matrix max(double s) {
        return map(x -> Math.max(x, s));
    }

    /**
     * {@code c_ij = min(a_ij, s)} ({@link Math#min(double, double)}: NaN propagates).
     *
     * @param s the scalar
     * @return the result
     */
    public Matrix min(double s) {
        return map(x -> Math.min(x, s));
    }

    /**
     * Elementwise maximum {@code c_ij = max(a_ij, b_ij)}.
     *
     * @param b a matrix of the same shape
     * @return the result
     */
    public Matrix max(Matrix b) {
        requireSameShape("max", b);
        return zipUnchecked(b, Math::max);
    }

    /**
     * Elementwise minimum {@code c_ij = min(a_ij, b_ij)}.
     *
     * @param b a matrix of the same shape
     * @return the result
     */
    public Matrix min(Matrix b) {
        requireSameShape("min", b);
        return zipUnchecked(b, Math::min);
    }

    /**
     * Clamps every entry to {@code [lo, hi]}: {@code c_ij = min(max(a_ij, lo), hi)}.
     *
     * @param lo lower bound
     * @param hi upper bound, {@code >= lo}
     * @return the result
     */
    public Matrix clamp(double lo, double hi) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("clamp: lo must be <= hi, got lo=" + lo + ", hi=" + hi);
        }
        return map(x -> Math.min(Math.max(x, lo), hi));
    }

    /**
     * Applies a function to every entry, in row-major order.
     *
     * @param f the function
     * @return {@code c_ij = f(a_ij)}
     */
    public Matrix map(DoubleUnaryOperator f) {
        DMatrixRMaj out = new DMatrixRMaj(rows(), cols());
        int n = size();
        double[] a = data.data;
        for (int k = 0; k < n; k++) {
            out.data[k] = f.applyAsDouble(a[k]);
        }
        return new Matrix(out);
    }

    /**
     * Combines two matrices of the same shape entry by entry, in row-major order.
     *
     * @param b a matrix of the same shape
     * @param f the function
     * @return {@code c_ij = f(a_ij, b_ij)}
     */
    public Matrix zip(Matrix b, DoubleBinaryOperator f) {
        requireSameShape("zip", b);
        return zipUnchecked(b, f);
    }

    private Matrix zipUnchecked(Matrix b, DoubleBinaryOperator f) {
        DMatrixRMaj out = new DMatrixRMaj(rows(), cols());
        int n = size();
        double[] a = data.data;
        double[] bb = b.data.data;
        for (int k = 0; k < n; k++) {
            out.data[k] = f.applyAsDouble(a[k], bb[k]);
        }
        return new Matrix(out);
    }

    /**
     * Row-broadcast addition: adds the {@code 1 x n} row {@code r} to every row,
     * {@code c_ij = a_ij + r_j}. Its adjoint is {@link #sumCols()} (the gradient of {@code r} is the
     * column-wise sum of the upstream gradient).
     *
     * @param r a {@code 1 x cols} row
     * @return the {@code rows x cols} result
     */
    public Matrix plusRow(Matrix r) {
        if (r.rows() != 1 || r.cols() != cols()) {
            throw new IllegalArgumentException("plusRow: row must be 1x" + cols() + " to broadcast over "
                    + shape() + ", got " + r.shape());
        }
        DMatrixRMaj out = new DMatrixRMaj(rows(), cols());
        int c = cols();
        for (int i = 0; i < rows(); i++) {
            for (int j = 0; j < c; j++) {
                out.data[i * c + j] = data.data[i * c + j] + r.data.data[j];
            }
        }
        return new Matrix(out);
    }

    /**
     * Repeats a {@code 1 x n} row {@code count} times: the {@code count x n} matrix whose every row is this one.
     *
     * @param count number of rows of the result, {@code >= 0}
     * @return the broadcast matrix
     */
    public Matrix repeatRows(int count) {
        if (rows() != 1) {
            throw new IllegalArgumentException("repeatRows: receiver must be 1xn, got " + shape());
        }
        checkDims("repeatRows", count, cols());
        DMatrixRMaj out = new DMatrixRMaj(count, cols());
        for (int i = 0; i < count; i++) {
            System.arraycopy(data.data, 0, out.data, i * cols(), cols());
        }
        return new Matrix(out);
    }

    // ------------------------------------------------------------------------------------------
    // Reductions

    /**
     * The sum of all entries, in row-major order; 0 for an empty matrix.
     *
     * @return {@code sum_ij a_ij}
     */
    public double sum() {
        double s = 0.0;
        int n = size();
        for (int k = 0; k < n; k++) {
            s += data.data[k];
        }
        return s;
    }

    /**
     * The mean of all entries, {@code sum() / size()}.
     *
     * @return the mean
     * @throws IllegalStateException for an empty matrix (the mean of nothing is undefined)
     */
    public double mean() {
        if (size() == 0) {
            throw new IllegalStateException("mean: matrix " + shape() + " is empty");
        }
        return sum() / size();
    }

    /**
     * Per-row sums {@code c_i = sum_j a_ij}, each summed left to right.
     *
     * @return the {@code rows x 1} column of row sums
     */
    public Matrix sumRows() {
        DMatrixRMaj out = new DMatrixRMaj(rows(), 1);
        int c = cols();
        for (int i = 0; i < rows(); i++) {
            double s = 0.0;
            for (int j = 0; j < c; j++) {
                s += data.data[i * c + j];
            }
            out.data[i] = s;
        }
        return new Matrix(out);
    }

    /**
     * Per-column sums {@code c_j = sum_i a_ij}, each summed top to bottom. The adjoint of
     * {@link #plusRow(Matrix)} and of {@link #repeatRows(int)}.
     *
     * @return the {@code 1 x cols} row of column sums
     */
    public Matrix sumCols() {
        DMatrixRMaj out = new DMatrixRMaj(1, cols());
        int c = cols();
        for (int i = 0; i < rows(); i++) {
            for (int j = 0; j < c; j++) {
                out.data[j] += data.data[i * c + j];
            }
        }
        return new Matrix(out);
    }

    /**
     * Per-row means {@code c_i = (sum_j a_ij) / cols}: the row sum of {@link #sumRows()} divided by the
     * column count (a division, not a multiplication by {@code 1/cols}, like {@link #mean()}).
     *
     * @return the {@code rows x 1} column of row means
     * @throws IllegalStateException if there are no columns
     */
    public Matrix meanRows() {
        if (cols() == 0) {
            throw new IllegalStateException("meanRows: matrix " + shape() + " has no columns");
        }
        double n = cols();
        return sumRows().map(s -> s / n);
    }

    /**
     * Per-column means {@code c_j = (sum_i a_ij) / rows}: the column sum of {@link #sumCols()} divided by
     * the row count.
     *
     * @return the {@code 1 x cols} row of column means
     * @throws IllegalStateException if there are no rows
     */
    public Matrix meanCols() {
        if (rows() == 0) {
            throw new IllegalStateException("meanCols: matrix " + shape() + " has no rows");
        }
        double n = rows();
        return sumCols().map(s -> s / n);
    }

    /**
     * The maximum of each row and the column where it is attained. Ties go to the <b>lowest</b> column
     * index (the first maximum in the row). A NaN entry makes the row's maximum NaN at that index.
     *
     * @return the per-row maxima ({@code rows x 1}) and their column indices
     * @throws IllegalStateException if there are no columns
     */
    public RowMax maxPerRow() {
        if (cols() == 0) {
            throw new IllegalStateException("maxPerRow: matrix " + shape() + " has no columns");
        }
        int c = cols();
        DMatrixRMaj values = new DMatrixRMaj(rows(), 1);
        int[] idx = new int[rows()];
        for (int i = 0; i < rows(); i++) {
            int best = 0;
            double bestValue = data.data[i * c];
            for (int j = 1; j < c && !Double.isNaN(bestValue); j++) {
                double v = data.data[i * c + j];
                if (v > bestValue || Double.isNaN(v)) {
                    best = j;
                    bestValue = v;
                }
            }
            values.data[i] = bestValue;
            idx[i] = best;
        }
        return new RowMax(new Matrix(values), idx);
    }

    /**
     * Per-row maxima with their indices.
     *
     * @param values the maxima, {@code rows x 1}
     * @param indices the column index of each row's maximum (first one on ties)
     */
    public record RowMax(Matrix values, int[] indices) {
        /**
         * Validates and copies.
         *
         * @param values the maxima, {@code rows x 1}
         * @param indices the column indices
         */
        public RowMax {
            Objects.requireNonNull(values, "values");
            indices = indices.clone();
        }

        /**
         * The column index of row {@code i}'s maximum.
         *
         * @param i row index
         * @return the column index
         */
        public int index(int i) {
            return indices[i];
        }

        /**
         * The column index of each row's maximum.
         *
         * @return a copy of the indices
         */
        @Override
        public int[] indices() {
            return indices.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RowMax other && values.equals(other.values) && Arrays.equals(indices, other.indices);
        }

        @Override
        public int hashCode() {
            return 31 * values.hashCode() + Arrays.hashCode(indices);
        }

        @Override
        public String toString() {
            return "RowMax[values=" + values + ", indices=" + Arrays.toString(indices) + "]";
        }
    }

    /**
     * The largest entry (NaN if any entry is NaN).
     *
     * @return {@code max_ij a_ij}
     * @throws IllegalStateException for an empty matrix
     */
    public double maxValue() {
        if (size() == 0) {
            throw new IllegalStateException("maxValue: matrix " + shape() + " is empty");
        }
        double m = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < size(); k++) {
            m = Math.max(m, data.data[k]);
        }
        return m;
    }

    /**
     * The smallest entry (NaN if any entry is NaN).
     *
     * @return {@code min_ij a_ij}
     * @throws IllegalStateException for an empty matrix
     */
    public double minValue() {
        if (size() == 0) {
            throw new IllegalStateException("minValue: matrix " + shape() + " is empty");
        }
        double m = Double.POSITIVE_INFINITY;
        for (int k = 0; k < size(); k++) {
            m = Math.min(m, data.data[k]);
        }
        return m;
    }

    // ------------------------------------------------------------------------------------------
    // Norms (entrywise: the matrix is treated as a vector of its entries, like torch.linalg.vector_norm)

    /**
     * The Frobenius norm {@code ||A||_F = sqrt(sum_ij a_ij^2)}; the entrywise 2-norm. Computed as the
     * square root of {@link #frobeniusNormSquared()} (no rescaling against overflow).
     *
     * @return the norm; 0 for an empty matrix
     */
    public double frobeniusNorm() {
        return Math.sqrt(frobeniusNormSquared());
    }

    /**
     * {@code ||A||_F^2 = sum_ij a_ij^2}, summed in row-major order.
     *
     * @return the squared norm
     */
    public double frobeniusNormSquared() {
        double s = 0.0;
        for (int k = 0; k < size(); k++) {
            double v = data.data[k];
            s += v * v;
        }
        return s;
    }

    /**
     * The entrywise p-norm {@code (sum_ij |a_ij|^p)^(1/p)} for {@code p >= 1}; {@code p = +infinity} gives
     * {@code max_ij |a_ij|}. {@code p = 1} and {@code p = 2} are computed exactly as {@code sum |a|} and
     * {@link #frobeniusNorm()}; other orders with {@link StrictMath#pow(double, double)}, summing in
     * row-major order. These are the losses {@code ||y_hat - y||_p} of dl-basics.
     *
     * @param p the order, in {@code [1, +infinity]}
     * @return the norm; 0 for an empty matrix
     * @throws IllegalArgumentException if {@code p < 1} or NaN
     */
    public double normP(double p) {
        if (!(p >= 1.0)) {
            throw new IllegalArgumentException("normP: p must be in [1, inf], got " + p);
        }
        if (p == 1.0) {
            double s = 0.0;
            for (int k = 0; k < size(); k++) {
                s += Math.abs(data.data[k]);
            }
            return s;
        }
        if (p == 2.0) {
            return frobeniusNorm();
        }
        if (p == Double.POSITIVE_INFINITY) {
            double m = 0.0;
            for (int k = 0; k < size(); k++) {
                double a = Math.abs(data.data[k]);
                if (a > m || Double.isNaN(a)) {
                    m = a;
                }
            }
            return m;
        }
        double s = 0.0;
        for (int k = 0; k < size(); k++) {
            s += StrictMath.pow(Math.abs(data.data[k]), p);
        }
        return StrictMath.pow(s, 1.0 / p);
    }

    // ------------------------------------------------------------------------------------------
    // Decompositions

    /**
     * The thin QR decomposition {@code A = Q R} of an {@code m x n} matrix, with {@code k = min(m, n)}:
     * {@code Q} is {@code m x k} with orthonormal columns and {@code R} is {@code k x n} upper triangular.
     * The signs are normalised so that {@code r_ii >= 0} (flip column i of Q and row i of R when
     * {@code r_ii < 0}), which makes the factorisation unique for full-rank {@code A}; this is the
     * {@code Q sign(diag(R))} correction that PyTorch's {@code nn.init.orthogonal_} applies. Rank-deficient
     * matrices (including the zero matrix) are factorised too: where a column has nothing left to reflect,
     * {@code r_ii = 0} and column i of Q is left as the Householder product gives it (PyTorch's
     * {@code sign(0) = 0} would zero that column instead). Computed with EJML's Householder QR
     * ({@code QRDecompositionHouseholderColumn_DDRM}).
     *
     * @return the factors; for an empty matrix, {@code Q} is {@code m x 0} and {@code R} is {@code 0 x n}
     * @throws IllegalArgumentException if an entry is NaN or infinite
     */
    public QR qr() {
        int m = rows();
        int n = cols();
        int k = Math.min(m, n);
        for (int i = 0; i < size(); i++) {
            if (!Double.isFinite(data.data[i])) {
                throw new IllegalArgumentException("qr: entry " + i / n + "," + i % n + " of the " + shape()
                        + " matrix is " + data.data[i] + "; QR needs finite entries");
            }
        }
        if (k == 0) {
            return new QR(zeros(m, 0), zeros(0, n));
        }
        QRDecomposition<DMatrixRMaj> dec = DecompositionFactory_DDRM.qr(m, n);
        // decompose() returns false when a column has an all-zero part below the diagonal (rank deficiency).
        // The factors are still exact: EJML then uses the identity reflector (gamma = 0) for that column, and
        // r_ii = 0. The tests check Q R = A and Q^T Q = I for such matrices, so the flag is not an error here.
        dec.decompose(data.copy());
        DMatrixRMaj q = dec.getQ(null, true);
        DMatrixRMaj r = dec.getR(null, true);
        for (int i = 0; i < k; i++) {
            if (r.get(i, i) < 0) {
                for (int row = 0; row < m; row++) {
                    q.set(row, i, -q.get(row, i));
                }
                for (int col = i; col < n; col++) { // left of the diagonal stays +0.0
                    r.set(i, col, -r.get(i, col));
                }
            }
        }
        return new QR(new Matrix(q), new Matrix(r));
    }

    /**
     * A thin QR factorisation.
     *
     * @param q {@code m x k}, orthonormal columns
     * @param r {@code k x n}, upper triangular with a non-negative diagonal
     */
    public record QR(Matrix q, Matrix r) {
        /**
         * Checks the factors are present.
         *
         * @param q {@code m x k}, orthonormal columns
         * @param r {@code k x n}, upper triangular with a non-negative diagonal
         */
        public QR {
            Objects.requireNonNull(q, "QR: q must not be null");
            Objects.requireNonNull(r, "QR: r must not be null");
        }
    }

    // ------------------------------------------------------------------------------------------
    // Equality and printing

    /**
     * Whether every entry is within {@code tolerance} of the other's: {@code |a_ij - b_ij| <= tolerance}
     * (absolute). Shapes must match for {@code true}; NaN is never close to anything.
     *
     * @param other the other matrix
     * @param tolerance absolute tolerance, {@code >= 0}
     * @return whether the matrices are close
     * @throws IllegalArgumentException if the tolerance is negative or NaN
     */
    public boolean approxEquals(Matrix other, double tolerance) {
        return approxEquals(other, tolerance, 0.0);
    }

    /**
     * Whether every entry satisfies {@code |a_ij - b_ij| <= atol + rtol |b_ij|} (the {@code numpy.allclose}
     * rule, with {@code other} as the reference). Infinite entries must be equal (an infinity is close only
     * to the same infinity, whatever the tolerances); NaN is never close to anything. Shapes must match
     * for {@code true}.
     *
     * @param other the reference
     * @param atol absolute tolerance, {@code >= 0}
     * @param rtol relative tolerance, {@code >= 0}
     * @return whether the matrices are close
     * @throws IllegalArgumentException if a tolerance is negative or NaN
     */
    public boolean approxEquals(Matrix other, double atol, double rtol) {
        if (!(atol >= 0) || !(rtol >= 0)) {
            throw new IllegalArgumentException("approxEquals: tolerances must be >= 0, got atol=" + atol
                    + ", rtol=" + rtol);
        }
        Objects.requireNonNull(other, "approxEquals: other must not be null");
        if (!sameShape(other)) {
            return false;
        }
        for (int k = 0; k < size(); k++) {
            double a = data.data[k];
            double b = other.data.data[k];
            if (a == b) {
                continue;
            }
            if (Double.isInfinite(a) || Double.isInfinite(b)
                    || !(Math.abs(a - b) <= atol + rtol * Math.abs(b))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Bitwise equality: same shape and every entry has the same IEEE bit pattern
     * ({@link Double#doubleToLongBits(double)}, so NaN equals NaN and {@code 0.0} differs from {@code -0.0}).
     *
     * @param o the other object
     * @return whether the matrices are bitwise equal
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Matrix other) || !sameShape(other)) {
            return false;
        }
        for (int k = 0; k < size(); k++) {
            if (Double.doubleToLongBits(data.data[k]) != Double.doubleToLongBits(other.data.data[k])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 31 * rows() + cols();
        for (int k = 0; k < size(); k++) {
            long bits = Double.doubleToLongBits(data.data[k]);
            h = 31 * h + (int) (bits ^ (bits >>> 32));
        }
        return h;
    }

    /**
     * A readable rendering: the shape, then one bracketed row per line with every entry printed by
     * {@link Double#toString(double)} (text that reads back to exactly the same double; the shortest such
     * text from JDK 19 on, occasionally one digit longer on JDK 17 and 18). Matrices with
     * more than 21 rows (or columns) show the first 20 and the last one, with a {@code ...} line
     * (entry) in between; an empty matrix prints as {@code Matrix 0x3 []}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Matrix ").append(shape()).append(" [");
        int limit = 20;
        for (int i = 0; i < rows(); i++) {
            if (i == limit && rows() > limit + 1) {
                sb.append("\n  ... (").append(rows() - limit - 1).append(" more rows)");
                i = rows() - 1;
            }
            sb.append("\n  [");
            for (int j = 0; j < cols(); j++) {
                if (j == limit && cols() > limit + 1) {
                    sb.append("..., ");
                    j = cols() - 1;
                }
                sb.append(data.data[i * cols() + j]);
                if (j < cols() - 1) {
                    sb.append(", ");
                }
            }
            sb.append(']');
        }
        return sb.append(rows() > 0 ? "\n]" : "]").toString();
    }

    private void requireSameShape(String op, Matrix b) {
        Objects.requireNonNull(b, () -> op + ": operand must not be null");
        if (!sameShape(b)) {
            throw new IllegalArgumentException(op + ": shapes " + shape() + " and " + b.shape() + " differ");
        }
    }
}
