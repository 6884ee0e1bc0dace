package io.github.dlref.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Issue 14: a split by fractions names its fractions at the call site ({@code Fractions.train(0.7)
 * .validation(0.2)}), so it cannot be read as (validation, test). Expected sizes are {@code floor(f N)} worked
 * by hand.
 */
class DatasetFractionsTest {

    private static final Dataset IRIS_SIZED = DatasetTest.numbered(150);

    @Test
    void namedFractionsGiveTheNamedSizes() {
        // floor(0.7 * 150) = 105 train, floor(0.2 * 150) = 30 validation, 150 - 135 = 15 test
        Dataset.Split s = IRIS_SIZED.split(Dataset.Fractions.train(0.7).validation(0.2), 7L);
        assertEquals(105, s.train().size());
        assertEquals(30, s.validation().size());
        assertEquals(15, s.test().size());
    }

    @Test
    void aSplitByFractionsIsTheSplitBySizesWithTheSamePermutation() {
        Dataset.Split byFractions = IRIS_SIZED.split(Dataset.Fractions.train(0.7).validation(0.2), 7L);
        Dataset.Split bySizes = IRIS_SIZED.split(105, 30, 7L);
        assertEquals(bySizes.train().features(), byFractions.train().features());
        assertEquals(bySizes.validation().features(), byFractions.validation().features());
        assertEquals(bySizes.test().features(), byFractions.test().features());
    }

    @Test
    void theTrainFractionAloneLeavesNoValidationSet() {
        Dataset.Fractions f = Dataset.Fractions.train(0.8);
        assertEquals(0.8, f.train());
        assertEquals(0.0, f.validation());
        Dataset.Split s = IRIS_SIZED.split(f, 1L);
        assertEquals(120, s.train().size());
        assertEquals(0, s.validation().size());
        assertEquals(30, s.test().size());
    }

    @Test
    void theTestFractionIsTheRest() {
        assertEquals(0.25, Dataset.Fractions.train(0.5).validation(0.25).test());
        assertEquals(0.0, Dataset.Fractions.train(0.75).validation(0.25).test());
    }

    @Test
    void badFractionsAreRefusedNamingTheParameter() {
        assertEquals("Dataset.Fractions: train must be in [0, 1], got -0.1",
                assertThrows(IllegalArgumentException.class, () -> Dataset.Fractions.train(-0.1)).getMessage());
        assertEquals("Dataset.Fractions: validation must be in [0, 1], got NaN",
                assertThrows(IllegalArgumentException.class,
                        () -> Dataset.Fractions.train(0.5).validation(Double.NaN)).getMessage());
        assertEquals("Dataset.Fractions: train + validation must be <= 1 (the test set gets the rest), got"
                + " train=0.75, validation=0.5 (sum 1.25)",
                assertThrows(IllegalArgumentException.class,
                        () -> Dataset.Fractions.train(0.75).validation(0.5)).getMessage());
        assertThrows(NullPointerException.class, () -> IRIS_SIZED.split(null, 1L));
    }
}
