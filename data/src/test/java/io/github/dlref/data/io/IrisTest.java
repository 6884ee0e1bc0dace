package io.github.dlref.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.data.Dataset;
import io.github.dlref.data.Tolerances;
import io.github.dlref.math.Matrix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The embedded Iris data against facts published independently of this code: scikit-learn's dataset
 * description ({@code sklearn/datasets/descr/iris.rst}: 150 instances, 50 per class, and the summary
 * statistics table Min / Max / Mean / SD with two decimals), the UCI erratum, and the first row of Fisher's
 * table.
 */
class IrisTest {

    /** Half a unit in the last printed decimal of the description's table. */

    @Test
    void shapeAndClasses() {
        Dataset iris = Iris.load();
        assertEquals(150, iris.size());
        assertEquals(4, iris.numFeatures());
        assertEquals(3, iris.numClasses());
        assertArrayEquals(new int[] {50, 50, 50}, iris.classCounts());
        assertEquals(0, iris.label(0));
        assertEquals(2, iris.label(149));
        // first row of Fisher's table: setosa 5.1, 3.5, 1.4, 0.2
        assertEquals(Matrix.rowVector(5.1, 3.5, 1.4, 0.2), iris.features().getRow(0));
    }

    /**
     * The two rows in which the UCI copy differs from Fisher's paper (UCI's own erratum, quoted in
     * scikit-learn issue #10550 and fixed by its pull request #11082): sample 35 is 4.9, 3.1, 1.5, 0.2 (UCI
     * has petal width 0.1) and sample 38 is 4.9, 3.6, 1.4, 0.1 (UCI has 3.1, 1.5).
     */
    @Test
    void theTwoRowsUciGotWrongHaveFishersValues() {
        Matrix x = Iris.load().features();
        assertEquals(Matrix.rowVector(4.9, 3.1, 1.5, 0.2), x.getRow(34));
        assertEquals(Matrix.rowVector(4.9, 3.6, 1.4, 0.1), x.getRow(37));
    }

    /**
     * The description's summary table (Min, Max, Mean, SD, two decimals) was computed on the UCI copy: with
     * the two UCI values put back, every entry matches to half a unit in the last printed decimal. On the
     * corrected data the sepal-width mean is 3.0573, which the table would print as 3.06, not 3.05; the
     * test checks that difference too, so it would notice if the embedded file were the UCI copy.
     */
    @Test
    void summaryStatisticsMatchTheDatasetDescription() {
        Matrix fisher = Iris.load().features();
        Matrix uci = fisher.with(34, 3, 0.1).with(37, 1, 3.1).with(37, 2, 1.5);
        double[][] table = { // min, max, mean, SD as printed in iris.rst
            {4.3, 7.9, 5.84, 0.83},
            {2.0, 4.4, 3.05, 0.43},
            {1.0, 6.9, 3.76, 1.76},
            {0.1, 2.5, 1.20, 0.76},
        };
        for (int j = 0; j < 4; j++) {
            Matrix col = uci.getColumn(j);
            String name = Iris.FEATURE_NAMES.get(j);
            assertEquals(table[j][0], col.minValue(), "min of " + name);
            assertEquals(table[j][1], col.maxValue(), "max of " + name);
            assertEquals(table[j][2], mean(col), Tolerances.PRINTED_TWO_DECIMALS, "mean of " + name);
            assertEquals(table[j][3], sampleSd(col), Tolerances.PRINTED_TWO_DECIMALS, "SD of " + name);
        }
        double fisherSepalWidthMean = mean(fisher.getColumn(1));
        assertEquals(3.0573, fisherSepalWidthMean, Tolerances.PRINTED_FOUR_DECIMALS, "(458.6 / 150 on the corrected data)");
    }

    private static double mean(Matrix col) {
        return col.sum() / col.rows();
    }

    private static double sampleSd(Matrix col) {
        double m = mean(col);
        double ss = 0;
        for (int i = 0; i < col.rows(); i++) {
            ss += (col.get(i, 0) - m) * (col.get(i, 0) - m);
        }
        return Math.sqrt(ss / (col.rows() - 1));
    }

    @Test
    void theResourceIsTheUnmodifiedScikitLearnFile() throws IOException {
        try (InputStream in = Iris.class.getResourceAsStream(Iris.RESOURCE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.startsWith("150,4,setosa,versicolor,virginica\n5.1,3.5,1.4,0.2,0\n"));
            assertEquals(151, text.lines().count());
        }
        try (InputStream in = Iris.class.getResourceAsStream("iris.csv.LICENSE.txt")) {
            String licence = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(licence.contains("BSD-3-Clause") && licence.contains("Fisher"));
        }
    }

    @Test
    void headerIsChecked() {
        byte[] wrongCount = "3,4,setosa,versicolor,virginica\n1,2,3,4,0\n".getBytes(StandardCharsets.UTF_8);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Iris.parse(wrongCount, "i.csv"));
        assertEquals("i.csv, line 1, column 1: the header declares '3' samples, the file has 1 rows", e.getMessage());
        byte[] wrongNames = "1,4,a,b,c\n1,2,3,4,0\n".getBytes(StandardCharsets.UTF_8);
        e = assertThrows(DataFormatException.class, () -> Iris.parse(wrongNames, "i.csv"));
        assertEquals(1, e.line());
        byte[] badLabel = "1,4,setosa,versicolor,virginica\n1,2,3,4,3\n".getBytes(StandardCharsets.UTF_8);
        e = assertThrows(DataFormatException.class, () -> Iris.parse(badLabel, "i.csv"));
        assertEquals("i.csv, line 2, column 5: label 3.0 is not an integer in [0, 3)", e.getMessage());
    }
}
