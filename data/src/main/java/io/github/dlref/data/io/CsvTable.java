package io.github.dlref.data.io;

import io.github.dlref.data.Dataset;
import io.github.dlref.math.Matrix;
import java.util.List;
import java.util.Objects;

/**
 * A parsed numeric CSV file ({@link CsvReader}): a {@code rows x cols} matrix of values, the column names
 * (if the file had a header) and the file line each row came from, so that later checks can still name
 * the line and column of a bad value.
 */
public final class CsvTable {

    private final String source;
    private final List<String> columnNames;
    private final int rows;
    private final int cols;
    private final double[] values;
    private final int[] lines;

    CsvTable(String source, List<String> columnNames, int rows, int cols, double[] values, int[] lines) {
        this.source = source;
        this.columnNames = columnNames;
        this.rows = rows;
        this.cols = cols;
        this.values = values;
        this.lines = lines;
    }

    /**
     * The file or stream the table was read from.
     *
     * @return its name
     */
    public String source() {
        return source;
    }

    /**
     * The column names from the header line.
     *
     * @return the names (an unmodifiable list), empty when the file had no header
     */
    public List<String> columnNames() {
        return columnNames;
    }

    /**
     * The number of data rows.
     *
     * @return the row count, {@code >= 1}
     */
    public int rows() {
        return rows;
    }

    /**
     * The number of columns.
     *
     * @return the column count, {@code >= 1}
     */
    public int cols() {
        return cols;
    }

    /**
     * One value.
     *
     * @param row the data row, in {@code [0, rows)}
     * @param col the column, in {@code [0, cols)}
     * @return the value
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public double value(int row, int col) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(col, cols);
        return values[row * cols + col];
    }

    /**
     * The file line a data row came from.
     *
     * @param row the data row, in {@code [0, rows)}
     * @return the 1-based line number
     * @throws IndexOutOfBoundsException if {@code row} is out of range
     */
    public int line(int row) {
        return lines[Objects.checkIndex(row, rows)];
    }

    /**
     * All values.
     *
     * @return the {@code rows x cols} matrix
     */
    public Matrix values() {
        return Matrix.fromRowMajor(rows, cols, values);
    }

    /**
     * The index of a named column.
     *
     * @param name a name from the header
     * @return its 0-based index
     * @throws IllegalArgumentException if no column or more than one column has that name, or the file had
     *     no header
     */
    public int columnIndex(String name) {
        Objects.requireNonNull(name, "CsvTable.columnIndex: name must not be null");
        int first = columnNames.indexOf(name);
        if (first < 0) {
            throw new IllegalArgumentException("CsvTable.columnIndex: " + source + " has no column named '" + name
                    + "' (columns: " + columnNames + ")");
        }
        if (columnNames.lastIndexOf(name) != first) {
            throw new IllegalArgumentException("CsvTable.columnIndex: " + source + " has more than one column named '"
                    + name + "'");
        }
        return first;
    }

    /**
     * The most classes {@link #toClassification(int)} infers from the labels: 10,000, so that a stray label such as
     * {@code 1e9} is one clear error instead of a billion-class model. dlref's choice.
     */
    public static final int MAX_CLASSES = 10_000;

    /**
     * A classification dataset: one column holds class indices, the others are the features (in file
     * order); the number of classes is the largest label plus one, at most {@link #MAX_CLASSES}.
     *
     * @param labelColumn the 0-based label column
     * @return the dataset
     * @throws DataFormatException if a label is not a non-negative integer or is {@link #MAX_CLASSES} or more
     *     (naming its line and column)
     * @throws IndexOutOfBoundsException if {@code labelColumn} is out of range
     */
    public Dataset toClassification(int labelColumn) throws DataFormatException {
        checkColumn("CsvTable.toClassification: labelColumn", labelColumn);
        int max = 0;
        for (int r = 0; r < rows; r++) {
            max = Math.max(max, labelAt(r, labelColumn, MAX_CLASSES));
        }
        return toClassification(labelColumn, max + 1);
    }

    /**
     * A classification dataset with a known number of classes.
     *
     * @param labelColumn the 0-based label column
     * @param numClasses the number of classes {@code C}, {@code >= 1}
     * @return the dataset; features are the other columns in file order
     * @throws DataFormatException if a label is not an integer in {@code [0, C)} (naming its line and
     *     column)
     * @throws IndexOutOfBoundsException if {@code labelColumn} is out of range
     */
    public Dataset toClassification(int labelColumn, int numClasses) throws DataFormatException {
        checkColumn("CsvTable.toClassification: labelColumn", labelColumn);
        if (numClasses < 1) {
            throw new IllegalArgumentException("CsvTable.toClassification: numClasses must be >= 1, got "
                    + numClasses);
        }
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = labelAt(r, labelColumn, numClasses);
        }
        return Dataset.classification(columnsExcept(new int[] {labelColumn}), labels, numClasses);
    }

    /**
     * A regression dataset: the given columns are the targets (in the order given), the others the
     * features (in file order).
     *
     * @param targetColumns the 0-based target columns, at least one, distinct
     * @return the dataset
     * @throws IllegalArgumentException if no target column is given or one repeats
     * @throws IndexOutOfBoundsException if a column is out of range
     */
    public Dataset toRegression(int... targetColumns) {
        Objects.requireNonNull(targetColumns, "CsvTable.toRegression: targetColumns must not be null");
        if (targetColumns.length == 0) {
            throw new IllegalArgumentException("CsvTable.toRegression: at least one target column is needed");
        }
        boolean[] seen = new boolean[cols];
        for (int c : targetColumns) {
            checkColumn("CsvTable.toRegression: target column", c);
            if (seen[c]) {
                throw new IllegalArgumentException("CsvTable.toRegression: target column " + c + " is given twice");
            }
            seen[c] = true;
        }
        double[] t = new double[rows * targetColumns.length];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < targetColumns.length; k++) {
                t[r * targetColumns.length + k] = values[r * cols + targetColumns[k]];
            }
        }
        return Dataset.regression(columnsExcept(targetColumns),
                Matrix.fromRowMajor(rows, targetColumns.length, t));
    }

    private void checkColumn(String what, int c) {
        if (c < 0 || c >= cols) {
            throw new IndexOutOfBoundsException(what + " " + c + " is outside [0, " + cols + ") for " + source);
        }
    }

    private int labelAt(int r, int c, int numClasses) throws DataFormatException {
        double v = values[r * cols + c];
        if (!(v >= 0) || v != Math.rint(v) || v >= numClasses) {
            String range = numClasses == MAX_CLASSES ? (v >= 0 && v == Math.rint(v) ? "below " + MAX_CLASSES
                    + " (at most " + MAX_CLASSES + " classes: a label is a class index)" : "a non-negative integer")
                    : "an integer in [0, " + numClasses + ")";
            throw new DataFormatException(source, lines[r], c + 1, "label " + v + " is not " + range);
        }
        return (int) v;
    }

    private Matrix columnsExcept(int[] excluded) {
        boolean[] skip = new boolean[cols];
        for (int c : excluded) {
            skip[c] = true;
        }
        int kept = cols - excluded.length;
        double[] x = new double[rows * kept];
        int k = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (!skip[c]) {
                    x[k++] = values[r * cols + c];
                }
            }
        }
        return Matrix.fromRowMajor(rows, kept, x);
    }

    /**
     * A short description.
     *
     * @return for example {@code "CsvTable(iris.csv, 150 x 5)"}
     */
    @Override
    public String toString() {
        return "CsvTable(" + source + ", " + rows + " x " + cols + ")";
    }
}
