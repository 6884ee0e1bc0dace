package io.github.dlref.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import org.junit.jupiter.api.Test;

class OneHotTest {

    @Test
    void encodeByHand() {
        assertEquals(Matrix.fromRowMajor(3, 4,
                0, 0, 1, 0,
                1, 0, 0, 0,
                0, 0, 0, 1), OneHot.encode(new int[] {2, 0, 3}, 4));
        assertEquals(Matrix.zeros(0, 3), OneHot.encode(new int[0], 3));
    }

    @Test
    void decodeInvertsEncode() {
        qt().withFixedSeed(42L).withExamples(50)
                .forAll(integers().between(0, 30), integers().between(1, 10), longs().all())
                .checkAssert((n, c, seed) -> {
                    Rng rng = new Rng(seed);
                    int[] labels = new int[n];
                    for (int i = 0; i < n; i++) {
                        labels[i] = rng.nextInt(c);
                    }
                    Matrix oneHot = OneHot.encode(labels, c);
                    assertEquals(Matrix.ones(n, 1), oneHot.sumRows());
                    assertArrayEquals(labels, OneHot.decode(oneHot));
                    assertArrayEquals(labels, OneHot.argmax(oneHot));
                });
    }

    @Test
    void outOfRangeLabelsAreRejectedWithIndexAndRange() {
        String m = assertThrows(IllegalArgumentException.class, () -> OneHot.encode(new int[] {0, 3}, 3))
                .getMessage();
        assertTrue(m.contains("label 3 at index 1") && m.contains("[0, 3)"), m);
        m = assertThrows(IllegalArgumentException.class, () -> OneHot.encode(new int[] {-1}, 3)).getMessage();
        assertTrue(m.contains("label -1 at index 0"), m);
        m = assertThrows(IllegalArgumentException.class, () -> OneHot.encode(new int[] {0}, 0)).getMessage();
        assertTrue(m.contains("numClasses must be >= 1, got 0"), m);
    }

    @Test
    void decodeRejectsRowsThatAreNotOneHot() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> OneHot.decode(Matrix.fromRowMajor(2, 2, 1, 0, 1, 1))).getMessage();
        assertTrue(m.contains("row 1") && m.contains("column 1"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> OneHot.decode(Matrix.fromRowMajor(1, 3, 0, 0, 0))).getMessage();
        assertTrue(m.contains("row 0") && m.contains("no 1.0"), m);
        assertThrows(IllegalArgumentException.class, () -> OneHot.decode(Matrix.fromRowMajor(1, 2, 0.5, 0.5)));
        assertThrows(IllegalArgumentException.class, () -> OneHot.decode(Matrix.zeros(2, 0)));
        assertArrayEquals(new int[] {1}, OneHot.decode(Matrix.fromRowMajor(1, 2, -0.0, 1)));
    }

    @Test
    void argmaxTakesTheFirstMaximumAndRejectsNaN() {
        assertArrayEquals(new int[] {1, 0, 2},
                OneHot.argmax(Matrix.fromRowMajor(3, 3, 0.1, 0.7, 0.2, 5, 5, 1, -3, -2, -1)));
        String m = assertThrows(IllegalArgumentException.class,
                () -> OneHot.argmax(Matrix.fromRowMajor(2, 2, 1, 2, 3, Double.NaN))).getMessage();
        assertTrue(m.contains("row 1") && m.contains("NaN"), m);
        assertThrows(IllegalArgumentException.class, () -> OneHot.argmax(Matrix.zeros(1, 0)));
    }

    @Test
    void signedTargetsAsMicrograd() {
        assertEquals(Matrix.columnVector(-1, 1, 1, -1), OneHot.signedTargets(new int[] {0, 1, 1, 0}));
        String m = assertThrows(IllegalArgumentException.class, () -> OneHot.signedTargets(new int[] {0, 2}))
                .getMessage();
        assertTrue(m.contains("label 2 at index 1"), m);
    }
}
