package io.github.dlref.nn;

import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;

/** Seeded test inputs. */
public final class TestData {

    private TestData() {
    }

    /**
     * Standard normal entries.
     *
     * @param seed the seed
     * @param rows rows
     * @param cols columns
     * @return the matrix
     */
    public static Matrix gaussian(long seed, int rows, int cols) {
        return new Rng(seed).gaussian(rows, cols, 0.0, 1.0);
    }

    /**
     * Standard normal entries moved at least {@code gap} away from 0, for functions with a kink at 0.
     *
     * @param seed the seed
     * @param rows rows
     * @param cols columns
     * @param gap the minimum distance from 0
     * @return the matrix
     */
    public static Matrix awayFromZero(long seed, int rows, int cols, double gap) {
        return gaussian(seed, rows, cols).map(v -> v >= 0 ? v + gap : v - gap);
    }
}
