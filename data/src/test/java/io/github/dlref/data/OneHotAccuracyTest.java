package io.github.dlref.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.math.Matrix;
import org.junit.jupiter.api.Test;

/** Issue 14: an accuracy helper beside {@link OneHot#argmax(Matrix)}; expected values counted by hand. */
class OneHotAccuracyTest {

    @Test
    void accuracyOfScoresIsTheFractionOfRowsWhoseArgmaxIsTheLabel() {
        Matrix scores = Matrix.of(new double[][] {
            {0.1, 0.7, 0.2},   // argmax 1
            {2.0, 2.0, 1.0},   // tie: lowest index, 0
            {-1.0, -3.0, -0.5}, // argmax 2
            {0.0, 0.0, 0.0}});  // tie: 0
        // labels 1, 1, 2, 0: rows 0, 2 and 3 are right, 3 of 4
        assertEquals(0.75, OneHot.accuracy(scores, new int[] {1, 1, 2, 0}));
        assertEquals(1.0, OneHot.accuracy(scores, new int[] {1, 0, 2, 0}));
        assertEquals(0.0, OneHot.accuracy(scores, new int[] {0, 2, 1, 1}));
    }

    @Test
    void accuracyOfLabelsDividesTheCountOnce() {
        // 1 of 3 right: 1.0 / 3, the correctly rounded third
        assertEquals(1.0 / 3, OneHot.accuracy(new int[] {0, 1, 2}, new int[] {0, 2, 1}));
    }

    @Test
    void mismatchedOrEmptyInputsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OneHot.accuracy(new int[] {0, 1}, new int[] {0}));
        assertEquals("OneHot.accuracy: 2 predictions but 1 labels; expected one label per prediction",
                e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OneHot.accuracy(new int[0], new int[0]))
                .getMessage().contains("no samples"));
        assertThrows(IllegalArgumentException.class,
                () -> OneHot.accuracy(Matrix.rowVector(Double.NaN, 1.0), new int[] {1}));
    }
}
