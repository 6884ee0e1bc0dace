package io.github.dlref.data.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.dlref.data.ReferenceData;
import io.github.dlref.data.Tolerances;
import io.github.dlref.math.Matrix;
import org.junit.jupiter.api.Test;

class StandardScalerTest {

    @Test
    void byHand() {
        // column 0: 1, 3, 5, 7 -> mean 4, population variance (9 + 1 + 1 + 9) / 4 = 5
        // column 1: constant 2.5
        Matrix train = Matrix.fromRowMajor(4, 2, 1, 2.5, 3, 2.5, 5, 2.5, 7, 2.5);
        StandardScaler s = StandardScaler.fit(train);
        assertEquals(Matrix.rowVector(4, 2.5), s.mean());
        assertEquals(Matrix.rowVector(Math.sqrt(5), 0), s.std(), "population standard deviation (divisor N)");
        assertEquals(Matrix.rowVector(Math.sqrt(5), 1), s.scale(), "a constant column gets divisor 1");
        assertTrue(s.isConstant(1));
        assertFalse(s.isConstant(0));
        double r5 = Math.sqrt(5);
        assertEquals(Matrix.fromRowMajor(4, 2, -3 / r5, 0, -1 / r5, 0, 1 / r5, 0, 3 / r5, 0), s.transform(train));
        assertEquals(Matrix.fromRowMajor(1, 2, 2 / r5, -1.5), s.transform(Matrix.fromRowMajor(1, 2, 6, 1)));
    }

    @Test
    void aConstantColumnMapsToExactlyZeroEvenWhenTheSummedMeanIsOff() {
        Matrix train = Matrix.columnVector(0.1, 0.1, 0.1);
        StandardScaler s = StandardScaler.fit(train);
        // (0.1 + 0.1 + 0.1) / 3 = 0.10000000000000002 in double, which scikit-learn would subtract
        assertEquals(0.10000000000000002, s.mean().get(0, 0));
        assertNotEquals(0.1, s.mean().get(0, 0));
        assertEquals(Matrix.rowVector(0.1), s.shift());
        assertEquals(Matrix.zeros(3, 1), s.transform(train));
        assertEquals(train, s.inverseTransform(s.transform(train)));
    }

    @Test
    void aColumnWhoseDeviationUnderflowsIsNotDividedByZero() {
        Matrix train = Matrix.columnVector(1e-200, 2e-200);
        StandardScaler s = StandardScaler.fit(train);
        assertFalse(s.isConstant(0));
        assertEquals(0.0, s.std().get(0, 0), "(0.5e-200)^2 underflows");
        assertEquals(Matrix.rowVector(1), s.scale());
        Matrix z = s.transform(train);
        // divided by 1: z = x - mean, mean = 1.5e-200, so -0.5e-200 and 0.5e-200 (not NaN, not infinite)
        assertEquals(-0.5e-200, z.get(0, 0), 1e-214);
        assertEquals(0.5e-200, z.get(1, 0), 1e-214);
    }

    @Test
    void matchesScikitLearn() {
        StandardScaler s = StandardScaler.fit(ReferenceData.matrix("scaler_train"));
        assertNull(ReferenceData.mismatch(s.mean(), "standard_mean"));
        assertNull(ReferenceData.mismatch(s.scale(), "standard_scale"));
        assertNull(ReferenceData.mismatch(s.transform(ReferenceData.matrix("scaler_train")), "standard_train"));
        assertNull(ReferenceData.mismatch(s.transform(ReferenceData.matrix("scaler_test")), "standard_test"));
    }

    @Test
    void trainingColumnsGetMeanZeroAndVarianceOne() {
        qt().withFixedSeed(42L).withExamples(50)
                .forAll(integers().between(2, 40), integers().between(1, 7), longs().all())
                .checkAssert((n, d, seed) -> {
                    Matrix x = ScalerProperties.randomTraining(n, d, seed);
                    StandardScaler s = StandardScaler.fit(x);
                    Matrix z = s.transform(x);
                    for (int j = 0; j < d; j++) {
                        double mean = 0;
                        for (int i = 0; i < n; i++) {
                            mean += z.get(i, j);
                        }
                        mean /= n;
                        double var = 0;
                        for (int i = 0; i < n; i++) {
                            var += (z.get(i, j) - mean) * (z.get(i, j) - mean);
                        }
                        var /= n;
                        assertTrue(Math.abs(mean) <= Tolerances.STANDARDIZED_MOMENTS, "mean of column " + j + ": "
                                + mean);
                        if (s.isConstant(j)) {
                            for (int i = 0; i < n; i++) {
                                assertEquals(0.0, z.get(i, j), "constant column " + j);
                            }
                        } else {
                            assertTrue(Math.abs(var - 1) <= Tolerances.STANDARDIZED_MOMENTS, "variance of column "
                                    + j + ": " + var);
                        }
                    }
                    ScalerProperties.assertRoundTrip(s, x);
                    ScalerProperties.assertRoundTrip(s, ScalerProperties.randomTraining(5, d, seed + 1));
                });
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> StandardScaler.fit(Matrix.zeros(0, 1)));
        String m = assertThrows(IllegalArgumentException.class,
                () -> StandardScaler.fit(Matrix.columnVector(1, Double.POSITIVE_INFINITY))).getMessage();
        assertTrue(m.contains("row 1, column 0") && m.contains("Infinity"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> StandardScaler.fit(Matrix.columnVector(Double.MAX_VALUE, Double.MAX_VALUE, 0))).getMessage();
        assertTrue(m.contains("column 0 overflows"), m);
        StandardScaler s = StandardScaler.fit(Matrix.zeros(1, 2));
        assertThrows(IllegalArgumentException.class, () -> s.transform(Matrix.zeros(1, 3)));
    }
}
