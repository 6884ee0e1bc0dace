package io.github.dlref.data.io;

import io.github.dlref.data.Dataset;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * Fisher's Iris data (Fisher 1936; measurements by E. Anderson), the project's embedded real dataset: 150
 * samples, 4 features in cm (sepal length, sepal width, petal length, petal width), 3 classes of 50
 * (0 setosa, 1 versicolor, 2 virginica), in file order (by class).
 *
 * <p>The resource {@code iris.csv} beside this class is an unmodified copy of scikit-learn's
 * {@code sklearn/datasets/data/iris.csv} (Debian python3-sklearn 1.2.1; BSD-3-Clause, see
 * {@code iris.csv.LICENSE.txt} beside it). Its format is scikit-learn's dataset CSV: a first line
 * {@code "150,4,setosa,versicolor,virginica"} (sample count, feature count, class names), then one line
 * per sample with the features and the integer label. {@link #parse(byte[], String)} checks that the
 * declared counts match the rows that follow.
 *
 * <p>This copy has Fisher's values in the two rows the UCI Machine Learning Repository's copy gets wrong
 * (samples 35 and 38, UCI's own erratum; scikit-learn pull request #11082). The summary statistics printed
 * in scikit-learn's description of the dataset were computed on the UCI copy (the sepal-width mean here is
 * 3.0573, printed there as 3.05); the tests check both.
 */
public final class Iris {

    /** The resource name, relative to this class. */
    public static final String RESOURCE = "iris.csv";

    /** The feature names (scikit-learn's {@code load_iris().feature_names}). */
    public static final List<String> FEATURE_NAMES = List.of("sepal length (cm)", "sepal width (cm)",
            "petal length (cm)", "petal width (cm)");

    /** The class names by label, as in the file's first line. */
    public static final List<String> CLASS_NAMES = List.of("setosa", "versicolor", "virginica");

    private Iris() {
    }

    /**
     * The embedded Iris dataset.
     *
     * @return 150 x 4 features, labels in {@code [0, 3)}
     * @throws IllegalStateException if the resource is missing or damaged (a packaging defect)
     */
    public static Dataset load() {
        try (InputStream in = Iris.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Iris: resource " + RESOURCE + " is missing from the class path");
            }
            return parse(in.readAllBytes(), RESOURCE + " (resource)");
        } catch (IOException e) {
            throw new IllegalStateException("Iris: resource " + RESOURCE + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Parses content in scikit-learn's dataset CSV format with 4 features and the Iris class names.
     *
     * @param content the bytes
     * @param source the name to use in error messages
     * @return the dataset
     * @throws DataFormatException if the first line is not {@code "<n>,4,setosa,versicolor,virginica"}, the
     *     number of rows is not {@code n}, a value is not a number, or a label is not 0, 1 or 2 (with line
     *     and column)
     */
    public static Dataset parse(byte[] content, String source) throws DataFormatException {
        Objects.requireNonNull(content, "Iris.parse: content must not be null");
        CsvTable table = CsvReader.parse(content, source, CsvReader.Options.commaWithHeader());
        List<String> header = table.columnNames();
        if (header.size() != 2 + CLASS_NAMES.size() || !header.subList(2, header.size()).equals(CLASS_NAMES)
                || !header.get(1).equals(Integer.toString(FEATURE_NAMES.size()))) {
            throw new DataFormatException(source, 1, 0, "expected the header \"<n>,4,setosa,versicolor,virginica\","
                    + " found " + CsvReader.show(String.join(",", header)));
        }
        if (!header.get(0).equals(Integer.toString(table.rows()))) {
            throw new DataFormatException(source, 1, 1, "the header declares " + CsvReader.show(header.get(0))
                    + " samples, the file has " + table.rows() + " rows");
        }
        return table.toClassification(FEATURE_NAMES.size(), CLASS_NAMES.size());
    }
}
