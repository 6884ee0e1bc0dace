package io.github.dlref.math;

/**
 * The innermost step of {@link PackedProducts}: one tile of {@link #rows()} x {@link #cols()} results,
 * {@code C_tile += A_panel B_panel} over a block of the inner dimension, every entry updated by
 * {@code c = c + a_p * b_p} for {@code p} in ascending order, each product and each sum rounded on its own; for the
 * first block of the inner dimension the running sums start from {@code +0.0} instead of the tile's entries (which
 * are then not read), so the caller need not clear {@code C} first.
 *
 * <p>Packed layout (written by {@link PackedProducts}): the A panel holds, for each step {@code p} of the
 * block, the {@link #rows()} entries {@code a_(i+r),p} one after another; the B panel holds, for each step,
 * the {@link #cols()} entries {@code b_p,(j+c)} one after another. So step {@code p} reads
 * {@code ap[ao + p rows + r]} and {@code bp[bo + p cols + c]}.
 */
abstract class MicroKernel {

    /**
     * The tile's rows ({@code MR}).
     *
     * @return the number of rows of a tile
     */
    abstract int rows();

    /**
     * The tile's columns ({@code NR}).
     *
     * @return the number of columns of a tile
     */
    abstract int cols();

    /**
     * {@code c_(r,col) = c_(r,col) + sum over p of a_(r,p) b_(p,col)}, summed one product at a time in ascending
     * {@code p}, for the whole tile; with {@code fromZero}, {@code c_(r,col) = (+0.0 + a_(r,0) b_(0,col)) + ...}
     * without reading the tile's previous entries (the same bits as clearing them first).
     *
     * @param ap packed A panel, not modified
     * @param ao offset of the panel's first step in {@code ap}
     * @param bp packed B panel, not modified
     * @param bo offset of the panel's first step in {@code bp}
     * @param steps the number of inner steps {@code p} in the block
     * @param c the results, modified: row {@code r} of the tile starts at {@code co + r ldc}
     * @param co offset of the tile's first entry in {@code c}
     * @param ldc distance in {@code c} between the tile's rows
     * @param fromZero whether the running sums start from {@code +0.0} (the first block of the inner dimension)
     *     rather than from the tile's entries
     */
    abstract void multiplyAdd(double[] ap, int ao, double[] bp, int bo, int steps, double[] c, int co, int ldc,
            boolean fromZero);

    /**
     * Rows of the dense operand that one call of {@link #sparseColumns} computes together ({@code R}, the lanes of
     * a packed block in {@link SparseProducts}).
     *
     * @return the lanes of a sparse block, {@code >= 1}
     */
    abstract int sparseLanes();

    /**
     * Every sparse column against one packed block of dense rows: for each column {@code u < columns} and lane
     * {@code r < }{@link #sparseLanes()}, {@code tile[u R + r] = (((+0.0 + d_r,p0 s_p0) + d_r,p1 s_p1) + ...)}
     * over the column's listed steps {@code p0 < p1 < ...} in that order, each product and each sum rounded on its
     * own (the listed steps are the column's nonzero ones: see {@link SparseProducts} for why the others change
     * no bit).
     *
     * @param dp the packed block, not modified: {@code d_r,p} at {@code dp[p R + r]}
     * @param start column {@code u}'s entries are {@code [start[u], start[u + 1])} of the two lists, not modified
     * @param offsets for each entry, the offset {@code p R} of its step in {@code dp}, not modified
     * @param values for each entry, the sparse operand's value {@code s_p}, not modified
     * @param columns the number of sparse columns
     * @param tile the results, modified: entries {@code [0, columns R)} overwritten
     */
    abstract void sparseColumns(double[] dp, int[] start, int[] offsets, double[] values, int columns,
            double[] tile);

    /**
     * A short description for reports, for example {@code "Vector API, 256-bit, 4 x 8 tiles"}.
     *
     * @return the description
     */
    abstract String description();
}
