package io.github.dlref.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.dlref.math.Matrix;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DatasetTest {

    /** Sample i has features (i, 10 i) and label i mod 3. */
    static Dataset numbered(int n) {
        double[] x = new double[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = 10 * i;
            y[i] = i % 3;
        }
        return Dataset.classification(Matrix.fromRowMajor(n, 2, x), y, 3);
    }

    @Test
    void classificationAccessors() {
        Dataset d = numbered(5);
        assertEquals(5, d.size());
        assertEquals(2, d.numFeatures());
        assertTrue(d.isClassification());
        assertEquals(3, d.numClasses());
        assertArrayEquals(new int[] {0, 1, 2, 0, 1}, d.labels());
        assertEquals(2, d.label(2));
        assertArrayEquals(new int[] {2, 2, 1}, d.classCounts());
        assertEquals(Matrix.fromRowMajor(5, 3, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0), d.oneHot());
        IllegalStateException e = assertThrows(IllegalStateException.class, d::targets);
        assertTrue(e.getMessage().contains("classification"), e.getMessage());
        assertEquals("Dataset(classification, 5 samples x 2 features, 3 classes)", d.toString());
    }

    @Test
    void labelsAreCopiedInAndOut() {
        int[] y = {0, 1};
        Dataset d = Dataset.classification(Matrix.zeros(2, 1), y, 2);
        y[0] = 1;
        d.labels()[1] = 0;
        assertArrayEquals(new int[] {0, 1}, d.labels());
    }

    @Test
    void regressionAccessors() {
        Matrix x = Matrix.fromRowMajor(2, 1, 1, 2);
        Matrix t = Matrix.fromRowMajor(2, 2, 3, 4, 5, 6);
        Dataset d = Dataset.regression(x, t);
        assertFalse(d.isClassification());
        assertEquals(t, d.targets());
        assertTrue(assertThrows(IllegalStateException.class, d::labels).getMessage().contains("regression"));
        assertThrows(IllegalStateException.class, d::numClasses);
        assertThrows(IllegalStateException.class, d::oneHot);
        assertEquals(Matrix.fromRowMajor(1, 2, 5, 6), d.subset(new int[] {1}).targets());
    }

    @Test
    void constructionErrorsNameTheProblem() {
        Matrix x = Matrix.zeros(3, 2);
        String m = assertThrows(IllegalArgumentException.class,
                () -> Dataset.classification(x, new int[] {0, 1}, 2)).getMessage();
        assertTrue(m.contains("2 labels for 3 samples"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> Dataset.classification(x, new int[] {0, 2, 1}, 2)).getMessage();
        assertTrue(m.contains("label 2 at index 1") && m.contains("[0, 2)"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> Dataset.classification(x, new int[] {0, -1, 1}, 2)).getMessage();
        assertTrue(m.contains("label -1 at index 1"), m);
        assertThrows(IllegalArgumentException.class, () -> Dataset.classification(x, new int[3], 0));
        m = assertThrows(IllegalArgumentException.class, () -> Dataset.regression(x, Matrix.zeros(2, 1)))
                .getMessage();
        assertTrue(m.contains("3x2") && m.contains("2x1"), m);
        assertThrows(NullPointerException.class, () -> Dataset.regression(null, x));
    }

    @Test
    void subsetGathersInTheGivenOrder() {
        Dataset s = numbered(6).subset(new int[] {4, 1, 4});
        assertEquals(Matrix.fromRowMajor(3, 2, 4, 40, 1, 10, 4, 40), s.features());
        assertArrayEquals(new int[] {1, 1, 1}, s.labels());
        String m = assertThrows(IndexOutOfBoundsException.class, () -> numbered(6).subset(new int[] {0, 6}))
                .getMessage();
        assertTrue(m.contains("index 6 at position 1"), m);
    }

    @Test
    void sliceAndWithFeatures() {
        Dataset d = numbered(5);
        assertEquals(Matrix.fromRowMajor(2, 2, 1, 10, 2, 20), d.slice(1, 3).features());
        assertEquals(0, d.slice(2, 2).size());
        assertThrows(IndexOutOfBoundsException.class, () -> d.slice(3, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> d.slice(0, 6));
        Dataset w = d.withFeatures(Matrix.ones(5, 1));
        assertEquals(1, w.numFeatures());
        assertArrayEquals(d.labels(), w.labels());
        assertThrows(IllegalArgumentException.class, () -> d.withFeatures(Matrix.ones(4, 1)));
    }

    @Test
    void splitPartsAreDisjointAndCoverEverySampleOnce() {
        qt().withFixedSeed(42L).withExamples(50)
                .forAll(integers().between(0, 40), integers().between(0, 40), integers().between(0, 40),
                        longs().all())
                .checkAssert((n, a0, b0, seed) -> {
                    int a = a0 % (n + 1);
                    int b = b0 % (n - a + 1);
                    Dataset.Split s = numbered(n).split(a, b, seed);
                    assertEquals(a, s.train().size());
                    assertEquals(b, s.validation().size());
                    assertEquals(n - a - b, s.test().size());
                    int[] seen = new int[n];
                    for (Dataset part : new Dataset[] {s.train(), s.validation(), s.test()}) {
                        for (int i = 0; i < part.size(); i++) {
                            int original = (int) part.features().get(i, 0);
                            seen[original]++;
                            assertEquals(original % 3, part.label(i), "labels travel with their rows");
                        }
                    }
                    int[] once = new int[n];
                    Arrays.fill(once, 1);
                    assertArrayEquals(once, seen);
                });
    }

    @Test
    void splitIsTheDocumentedPermutationAndReproducible() {
        // new Rng(42).permutation(8) is [2, 6, 3, 1, 4, 0, 7, 5] (worked by hand in DataLoaderTest)
        Dataset.Split s = numbered(8).split(3, 2, 42L);
        assertEquals(Matrix.columnVector(2, 6, 3), s.train().features().getColumn(0));
        assertEquals(Matrix.columnVector(1, 4), s.validation().features().getColumn(0));
        assertEquals(Matrix.columnVector(0, 7, 5), s.test().features().getColumn(0));
        assertEquals(s.train().features(), numbered(8).split(3, 2, 42L).train().features());
        assertNotEquals(s.train().features(), numbered(8).split(3, 2, 43L).train().features());
    }

    @Test
    void splitFractionsTruncate() {
        Dataset.Split s = numbered(10).split(Dataset.Fractions.train(0.69).validation(0.19), 1L);
        assertEquals(6, s.train().size());
        assertEquals(1, s.validation().size());
        assertEquals(3, s.test().size());
        assertThrows(IllegalArgumentException.class, () -> new Dataset.Fractions(0.8, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new Dataset.Fractions(-0.1, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new Dataset.Fractions(Double.NaN, 0.3));
        String m = assertThrows(IllegalArgumentException.class, () -> numbered(10).split(8, 3, 1L)).getMessage();
        assertTrue(m.contains("trainSize=8") && m.contains("validationSize=3"), m);
    }
}
