package io.github.dlref.data.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dlref.data.Dataset;
import io.github.dlref.math.Matrix;
import org.junit.jupiter.api.Test;

/** The scalers fitted on a dataset: their width and their statistics, by hand. */
class ScalerSettingsTest {

    @Test
    void fittingOnADatasetUsesItsFeatures() {
        // columns (1, 3) and (2, 6): means 2 and 4, population standard deviations 1 and 2, ranges [1, 3], [2, 6]
        Matrix x = Matrix.of(new double[][] {{1, 2}, {3, 6}});
        Dataset d = Dataset.classification(x, new int[] {0, 1}, 2);
        StandardScaler s = StandardScaler.fit(d);
        assertEquals(2, s.numFeatures());
        assertEquals(Matrix.rowVector(2, 4), s.mean());
        assertEquals(Matrix.rowVector(1, 2), s.scale());
        MinMaxScaler m = MinMaxScaler.fit(d);
        assertEquals(2, m.numFeatures());
        assertEquals(Matrix.of(new double[][] {{0, 0}, {1, 1}}), m.transform(x));
    }
}
