package io.github.dlref.data.synthetic;

import io.github.dlref.data.Dataset;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;

/**
 * The XOR problem: label {@code a XOR b} for inputs {@code (a, b)} in {@code {0, 1}^2}, the classic
 * example that no linear model separates and a network with one hidden layer does.
 */
public final class Xor {

    private static final int[][] CORNERS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};

    private Xor() {
    }

    /**
     * The four-row truth table, rows {@code (0,0), (0,1), (1,0), (1,1)} with labels {@code 0, 1, 1, 0}.
     * No randomness.
     *
     * @return a classification dataset of 4 samples, 2 features, 2 classes
     */
    public static Dataset truthTable() {
        double[] x = new double[2 * CORNERS.length];
        int[] labels = new int[CORNERS.length];
        for (int k = 0; k < CORNERS.length; k++) {
            x[2 * k] = CORNERS[k][0];
            x[2 * k + 1] = CORNERS[k][1];
            labels[k] = CORNERS[k][0] ^ CORNERS[k][1];
        }
        return Dataset.classification(Matrix.fromRowMajor(CORNERS.length, 2, x), labels, 2);
    }

    /**
     * Noisy copies of the four corners: for each corner {@code (a, b)} in the order {@code (0,0), (0,1),
     * (1,0), (1,1)}, {@code pointsPerCorner} rows {@code (a + std g1, b + std g2)} with label
     * {@code a XOR b}. Draw order: {@code g1, g2 = rng.nextGaussian()} row by row (row-major),
     * {@code rng = new Rng(seed)}; the draws are made even when {@code std = 0}.
     *
     * @param pointsPerCorner rows per corner, {@code >= 1}
     * @param std the noise standard deviation, finite and {@code >= 0}
     * @param seed the seed
     * @return a classification dataset of {@code 4 pointsPerCorner} samples, 2 features, 2 classes, rows
     *     ordered by corner
     * @throws IllegalArgumentException if {@code pointsPerCorner < 1} or {@code std} is negative or not
     *     finite
     */
    public static Dataset noisy(int pointsPerCorner, double std, long seed) {
        String op = "Xor.noisy";
        Checks.positive(op, "pointsPerCorner", pointsPerCorner);
        Checks.nonNegativeFinite(op, "std", std);
        int n = Checks.product(op, 4, pointsPerCorner);
        Checks.product(op, n, 2);
        Rng rng = new Rng(seed);
        double[] x = new double[2 * n];
        int[] labels = new int[n];
        int row = 0;
        for (int[] corner : CORNERS) {
            for (int p = 0; p < pointsPerCorner; p++, row++) {
                x[2 * row] = corner[0] + std * rng.nextGaussian();
                x[2 * row + 1] = corner[1] + std * rng.nextGaussian();
                labels[row] = corner[0] ^ corner[1];
            }
        }
        return Dataset.classification(Matrix.fromRowMajor(n, 2, x), labels, 2);
    }
}
