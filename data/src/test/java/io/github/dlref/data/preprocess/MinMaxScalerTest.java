package io.github.dlref.data.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.dlref.data.Dataset;
import io.github.dlref.data.ReferenceData;
import io.github.dlref.math.Matrix;
import org.junit.jupiter.api.Test;

class MinMaxScalerTest {

    @Test
    void byHand() {
        // columns: 1..5 (range 4), constant 7, -2..2 (range 4)
        Matrix train = Matrix.fromRowMajor(3, 3, 1, 7, -2, 5, 7, 2, 3, 7, 0);
        MinMaxScaler s = MinMaxScaler.fit(train);
        assertEquals(Matrix.rowVector(1, 7, -2), s.dataMin());
        assertEquals(Matrix.rowVector(5, 7, 2), s.dataMax());
        assertEquals(Matrix.rowVector(4, 1, 4), s.scale(), "a constant column gets divisor 1");
        assertTrue(s.isConstant(1));
        assertFalse(s.isConstant(0));
        assertEquals(Matrix.fromRowMajor(3, 3, 0, 0, 0, 1, 0, 1, 0.5, 0, 0.5), s.transform(train));
        // another split: not clipped; the constant column becomes x - 7
        Matrix test = Matrix.fromRowMajor(1, 3, 9, 8, -4);
        assertEquals(Matrix.fromRowMajor(1, 3, 2, 1, -0.5), s.transform(test));
        assertEquals(test, s.inverseTransform(s.transform(test)));
    }

    @Test
    void matchesScikitLearn() {
        MinMaxScaler s = MinMaxScaler.fit(ReferenceData.matrix("scaler_train"));
        assertEquals(ReferenceData.matrix("minmax_data_min"), s.dataMin());
        assertEquals(ReferenceData.matrix("minmax_data_max"), s.dataMax());
        assertNull(ReferenceData.mismatch(s.transform(ReferenceData.matrix("scaler_train")), "minmax_train"));
        assertNull(ReferenceData.mismatch(s.transform(ReferenceData.matrix("scaler_test")), "minmax_test"));
    }

    @Test
    void trainingDataMapsIntoTheUnitIntervalWithExactEnds() {
        qt().withFixedSeed(42L).withExamples(50)
                .forAll(integers().between(1, 40), integers().between(1, 7), longs().all())
                .checkAssert((n, d, seed) -> {
                    Matrix x = ScalerProperties.randomTraining(n, d, seed);
                    MinMaxScaler s = MinMaxScaler.fit(x);
                    Matrix z = s.transform(x);
                    for (int j = 0; j < d; j++) {
                        double lo = Double.POSITIVE_INFINITY;
                        double hi = Double.NEGATIVE_INFINITY;
                        for (int i = 0; i < n; i++) {
                            double v = z.get(i, j);
                            assertTrue(v >= 0 && v <= 1, "z(" + i + ", " + j + ") = " + v);
                            lo = Math.min(lo, v);
                            hi = Math.max(hi, v);
                        }
                        assertEquals(0.0, lo, "the minimum maps to exactly 0");
                        if (s.isConstant(j)) {
                            assertEquals(0.0, hi, "a constant column maps to 0");
                        } else {
                            assertEquals(1.0, hi, "the maximum maps to exactly 1");
                        }
                    }
                    ScalerProperties.assertRoundTrip(s, x);
                    ScalerProperties.assertRoundTrip(s, ScalerProperties.randomTraining(5, d, seed + 1));
                });
    }

    @Test
    void fittedOnTrainingDataOnly() {
        Dataset train = Dataset.regression(Matrix.columnVector(0, 10), Matrix.columnVector(1, 2));
        Dataset test = Dataset.regression(Matrix.columnVector(20), Matrix.columnVector(3));
        MinMaxScaler s = MinMaxScaler.fit(train);
        Dataset scaled = s.transform(test);
        assertEquals(Matrix.columnVector(2), scaled.features(), "test statistics do not leak into the fit");
        assertEquals(test.targets(), scaled.targets());
    }

    @Test
    void badInputIsRejected() {
        String m = assertThrows(IllegalArgumentException.class, () -> MinMaxScaler.fit(Matrix.zeros(0, 2)))
                .getMessage();
        assertTrue(m.contains("0 samples"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> MinMaxScaler.fit(Matrix.fromRowMajor(2, 2, 1, 2, 3, Double.NaN))).getMessage();
        assertTrue(m.contains("row 1, column 1") && m.contains("NaN"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> MinMaxScaler.fit(Matrix.columnVector(-Double.MAX_VALUE, Double.MAX_VALUE))).getMessage();
        assertTrue(m.contains("overflows"), m);
        MinMaxScaler s = MinMaxScaler.fit(Matrix.zeros(2, 3));
        m = assertThrows(IllegalArgumentException.class, () -> s.transform(Matrix.zeros(1, 2))).getMessage();
        assertTrue(m.contains("1x2") && m.contains("fitted on 3"), m);
        assertThrows(IllegalArgumentException.class, () -> s.inverseTransform(Matrix.zeros(1, 4)));
        assertThrows(IndexOutOfBoundsException.class, () -> s.isConstant(3));
    }
}
