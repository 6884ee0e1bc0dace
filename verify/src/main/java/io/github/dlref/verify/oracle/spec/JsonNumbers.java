package io.github.dlref.verify.oracle.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.dlref.math.Matrix;
import java.util.regex.Pattern;

/**
 * How the oracle's JSON files hold doubles so that they round-trip exactly.
 *
 * <p><b>Writing.</b> A finite double is a JSON number written as {@link Double#toString(double)} (Jackson's
 * default for a {@code double}); the Java Language Specification guarantees that this decimal text parses
 * back to the same double (it is the shortest such text on Java 19 and later, and at most a digit longer on
 * Java 17). {@code -0.0} is written {@code -0.0}. The non-finite values are written as the JSON strings
 * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}.
 *
 * <p><b>Reading.</b> A JSON number is converted to the nearest double (correct rounding, as
 * {@link Double#parseDouble(String)}), so any decimal a consumer writes with enough digits (Python's
 * {@code repr} or {@code json.dumps}, C's {@code %.17g}) reads back exactly. A string may also hold a
 * hexadecimal floating-point literal, such as Python's {@code float.hex()} output {@code "0x1.8000000000000p+1"}
 * (exact by construction), or one of {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 */
public final class JsonNumbers {

    private static final Pattern HEX = Pattern.compile("[+-]?0[xX](?:[0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)"
            + "[pP][+-]?[0-9]+");

    private JsonNumbers() {
    }

    /**
     * Reads a double.
     *
     * @param path the JSON path of the value, for messages
     * @param node the value
     * @return the double
     * @throws SpecException if the value is neither a JSON number nor one of the strings above
     */
    public static double read(String path, JsonNode node) {
        if (node != null && node.isNumber()) {
            return node.doubleValue();
        }
        if (node != null && node.isTextual()) {
            String s = node.textValue();
            switch (s) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    if (HEX.matcher(s).matches()) {
                        return Double.parseDouble(s);
                    }
            }
        }
        throw new SpecException(path, "expected a number (a JSON number, a hex-float string such as "
                + "\"0x1.8p+1\", or \"NaN\", \"Infinity\", \"-Infinity\"), got " + describe(node));
    }

    /**
     * Reads a double that must be finite.
     *
     * @param path the JSON path
     * @param node the value
     * @return the double
     * @throws SpecException if it is not a number or not finite
     */
    public static double readFinite(String path, JsonNode node) {
        double v = read(path, node);
        if (!Double.isFinite(v)) {
            throw new SpecException(path, "expected a finite number, got " + v);
        }
        return v;
    }

    /**
     * Writes a double (see the class documentation).
     *
     * @param value the value
     * @return a number node, or a text node for a non-finite value
     */
    public static JsonNode write(double value) {
        return Double.isFinite(value) ? DoubleNode.valueOf(value) : TextNode.valueOf(Double.toString(value));
    }

    /**
     * Writes a matrix as an array of rows, each an array of numbers.
     *
     * @param m the matrix
     * @return the array node
     */
    public static ArrayNode write(Matrix m) {
        ArrayNode rows = JsonNodeFactory.instance.arrayNode(m.rows());
        for (int r = 0; r < m.rows(); r++) {
            ArrayNode row = rows.addArray();
            for (int c = 0; c < m.cols(); c++) {
                row.add(write(m.get(r, c)));
            }
        }
        return rows;
    }

    /**
     * Reads a matrix written as an array of equal-length rows of numbers.
     *
     * @param path the JSON path
     * @param node the value
     * @param finite whether every entry must be finite
     * @return the matrix
     * @throws SpecException if the value is not an array of equal-length, non-empty arrays of numbers (the
     *     path then names the row or entry)
     */
    public static Matrix readMatrix(String path, JsonNode node, boolean finite) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new SpecException(path, "expected a matrix (a non-empty array of rows, each a non-empty array of "
                    + "numbers), got " + describe(node));
        }
        int rows = node.size();
        int cols = -1;
        double[] values = null;
        for (int r = 0; r < rows; r++) {
            JsonNode row = node.get(r);
            String rowPath = path + "[" + r + "]";
            if (!row.isArray() || row.isEmpty()) {
                throw new SpecException(rowPath, "expected a row (a non-empty array of numbers), got " + describe(row));
            }
            if (cols < 0) {
                cols = row.size();
                values = new double[rows * cols];
            } else if (row.size() != cols) {
                throw new SpecException(rowPath, "expected " + cols + " values (as in row 0), got " + row.size());
            }
            for (int c = 0; c < cols; c++) {
                String p = rowPath + "[" + c + "]";
                values[r * cols + c] = finite ? readFinite(p, row.get(c)) : read(p, row.get(c));
            }
        }
        return Matrix.fromRowMajor(rows, cols, values);
    }

    /**
     * Reads a matrix, or a vector written as a flat array of numbers (as PyTorch's {@code bias.tolist()} and
     * NumPy's {@code tolist()} of a 1-D array write it), which is read as one row ({@code 1 x n}, the shape of
     * a bias in dlref). For parameters, gradients, buffers and optimizer state, whose shapes the model fixes;
     * not for data, where a flat array would be ambiguous (one sample or one feature per sample).
     *
     * @param path the JSON path
     * @param node the value
     * @param finite whether every entry must be finite
     * @return the matrix ({@code 1 x n} for a flat array)
     * @throws SpecException as {@link #readMatrix}, or naming the entry of a flat array that is not a number
     */
    public static Matrix readMatrixOrVector(String path, JsonNode node, boolean finite) {
        if (node != null && node.isArray() && !node.isEmpty() && !node.get(0).isArray()) {
            double[] values = new double[node.size()];
            for (int c = 0; c < values.length; c++) {
                String p = path + "[" + c + "]";
                if (node.get(c).isArray()) {
                    throw new SpecException(p, "expected a number (element 0 is a number, so this is read as a "
                            + "vector), got " + describe(node.get(c)));
                }
                values[c] = finite ? readFinite(p, node.get(c)) : read(p, node.get(c));
            }
            return Matrix.fromRowMajor(1, values.length, values);
        }
        return readMatrix(path, node, finite);
    }

    /**
     * A short description of a JSON value for messages: {@code null}, {@code true}, {@code 2.5},
     * {@code a string "abc"}, {@code an array of 3 elements}, {@code an object}, {@code nothing}.
     *
     * @param node the value, or {@code null} for an absent one
     * @return the description
     */
    public static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            String s = node.textValue();
            return "a string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        if (node.isArray()) {
            return "an array of " + node.size() + " element" + (node.size() == 1 ? "" : "s");
        }
        if (node.isObject()) {
            return "an object";
        }
        return node.toString();
    }
}
