package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dlref.data.Dataset;
import io.github.dlref.math.Matrix;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link SearchStrategies} against an independent transcription of cs231n-opt-bp's three strategies written here:
 * {@code java.util.Random} for the draws (the documented order: random search from {@code seed}, the common start
 * and the local perturbations from {@code seed + 1}, row-major, {@code 0 + std * nextGaussian()}), the multiclass SVM
 * loss {@code (1/N) sum_i sum_{j != y_i} max(0, s_j - s_{y_i} + 1)} of {@code s = W [x, 1]} summed in loops, and
 * its analytic gradient {@code dW_j += x_i}, {@code dW_{y_i} -= x_i} for every positive margin, divided by {@code N}.
 * Every loss of every curve and the final accuracies must agree (the losses to 1e-12: the engine sums in another
 * order).
 */
class SearchStrategiesValuesTest {

    static final double[][] X = {{0.5, -1.0}, {1.5, 0.25}, {-0.75, 0.5}, {2.0, -0.5}, {-1.25, -1.5}, {0.25, 1.75}};
    static final int[] Y = {0, 1, 2, 0, 1, 2};
    static final int C = 3;
    static final int D = 3;

    static double[][] draw(Random r, double std) {
        double[][] w = new double[C][D];
        for (int i = 0; i < C; i++) {
            for (int j = 0; j < D; j++) {
                w[i][j] = 0.0 + std * r.nextGaussian();
            }
        }
        return w;
    }

    static double[] scores(double[][] w, int i) {
        double[] x = {X[i][0], X[i][1], 1.0};
        double[] s = new double[C];
        for (int c = 0; c < C; c++) {
            for (int k = 0; k < D; k++) {
                s[c] += w[c][k] * x[k];
            }
        }
        return s;
    }

    static double loss(double[][] w) {
        double total = 0;
        for (int i = 0; i < X.length; i++) {
            double[] s = scores(w, i);
            for (int j = 0; j < C; j++) {
                if (j != Y[i]) {
                    total += Math.max(0, s[j] - s[Y[i]] + 1);
                }
            }
        }
        return total / X.length;
    }

    static double[][] gradient(double[][] w) {
        double[][] g = new double[C][D];
        for (int i = 0; i < X.length; i++) {
            double[] s = scores(w, i);
            double[] x = {X[i][0], X[i][1], 1.0};
            for (int j = 0; j < C; j++) {
                if (j != Y[i] && s[j] - s[Y[i]] + 1 > 0) {
                    for (int k = 0; k < D; k++) {
                        g[j][k] += x[k] / X.length;
                        g[Y[i]][k] -= x[k] / X.length;
                    }
                }
            }
        }
        return g;
    }

    static double accuracy(double[][] w) {
        int correct = 0;
        for (int i = 0; i < X.length; i++) {
            double[] s = scores(w, i);
            int best = 0;
            for (int c = 1; c < C; c++) {
                if (s[c] > s[best]) {
                    best = c;
                }
            }
            correct += best == Y[i] ? 1 : 0;
        }
        return (double) correct / X.length;
    }

    @Test
    void theThreeCurvesMatchAnIndependentTranscription() {
        int n = 8;
        double scale = 0.5;
        double step = 0.3;
        double lr = 0.2;
        long seed = 42L;
        List<SearchStrategies.Curve> curves = SearchStrategies.run(Dataset.classification(Matrix.of(X), Y, C),
                new SearchStrategies.Settings(n, scale, step, lr, seed));

        Random searchRng = new Random(seed);
        double[] best = new double[n];
        double bestLoss = Double.POSITIVE_INFINITY;
        double[][] bestW = null;
        for (int it = 0; it < n; it++) {
            double[][] w = draw(searchRng, scale);
            double l = loss(w);
            if (l < bestLoss) {
                bestLoss = l;
                bestW = w;
            }
            best[it] = bestLoss;
        }
        Random localRng = new Random(seed + 1);
        double[][] start = draw(localRng, scale);
        double[][] w = start;
        double current = loss(w);
        double[] local = new double[n];
        for (int it = 0; it < n; it++) {
            double[][] noise = draw(localRng, step);
            double[][] trial = new double[C][D];
            for (int i = 0; i < C; i++) {
                for (int j = 0; j < D; j++) {
                    trial[i][j] = w[i][j] + noise[i][j];
                }
            }
            double l = loss(trial);
            if (l < current) {
                current = l;
                w = trial;
            }
            local[it] = current;
        }
        double[][] v = start;
        double[] descent = new double[n];
        for (int it = 0; it < n; it++) {
            double[][] g = gradient(v);
            double[][] next = new double[C][D];
            for (int i = 0; i < C; i++) {
                for (int j = 0; j < D; j++) {
                    next[i][j] = v[i][j] - g[i][j] * lr;
                }
            }
            v = next;
            descent[it] = loss(v);
        }

        assertEquals(List.of("random search", "random local search", "following the gradient"),
                curves.stream().map(SearchStrategies.Curve::name).toList());
        assertArrayEquals(best, curves.get(0).losses(), 1e-12);
        assertArrayEquals(local, curves.get(1).losses(), 1e-12);
        assertArrayEquals(descent, curves.get(2).losses(), 1e-12);
        assertEquals(accuracy(bestW), curves.get(0).accuracy());
        assertEquals(accuracy(w), curves.get(1).accuracy());
        assertEquals(accuracy(v), curves.get(2).accuracy());
        assertEquals(descent[n - 1], curves.get(2).finalLoss(), 1e-12);
        assertEquals(n, curves.get(0).lossEvaluations());
        assertEquals(0, curves.get(0).gradientEvaluations());
        assertEquals(n + 1, curves.get(1).lossEvaluations());
        assertEquals(0, curves.get(1).gradientEvaluations());
        assertEquals(n, curves.get(2).lossEvaluations());
        assertEquals(n, curves.get(2).gradientEvaluations());
    }
}
