package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.data.Dataset;
import io.github.dlref.math.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The small value types of train: {@link Preprocessing} (refusals by message, {@code (x - shift) / scale} worked
 * by hand), {@link PreparedData} (refusals, numbered labels), {@link Evaluation} (equality on every component) and
 * {@link EpochMetrics#sameResults} (bit equality of every result column, the time excluded).
 */
class TrainRecordsTest {

    static void refuses(String message, Runnable r) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, r::run).getMessage());
    }

    @Test
    void preprocessingRefusesBadShapesAndValues() {
        refuses("Preprocessing: shift and scale must both be 1 x D rows, got 2x2 and 1x2",
                () -> new Preprocessing(Matrix.zeros(2, 2), Matrix.rowVector(1, 1)));
        refuses("Preprocessing: shift and scale must both be 1 x D rows, got 1x2 and 2x2",
                () -> new Preprocessing(Matrix.zeros(1, 2), Matrix.zeros(2, 2)));
        refuses("Preprocessing: shift and scale must both be 1 x D rows, got 1x2 and 1x3",
                () -> new Preprocessing(Matrix.zeros(1, 2), Matrix.rowVector(1, 1, 1)));
        refuses("Preprocessing: shift[1] must be finite, got NaN",
                () -> new Preprocessing(Matrix.rowVector(0, Double.NaN), Matrix.rowVector(1, 1)));
        refuses("Preprocessing: shift[0] must be finite, got -Infinity",
                () -> new Preprocessing(Matrix.rowVector(Double.NEGATIVE_INFINITY, 0), Matrix.rowVector(1, 1)));
        refuses("Preprocessing: scale[1] must be finite and non-zero, got 0.0",
                () -> new Preprocessing(Matrix.rowVector(0, 0), Matrix.rowVector(1, 0)));
        refuses("Preprocessing: scale[0] must be finite and non-zero, got Infinity",
                () -> new Preprocessing(Matrix.rowVector(0, 0), Matrix.rowVector(Double.POSITIVE_INFINITY, 1)));
        refuses("Preprocessing: scale[0] must be finite and non-zero, got NaN",
                () -> new Preprocessing(Matrix.rowVector(0), Matrix.rowVector(Double.NaN)));
        Preprocessing p = new Preprocessing(Matrix.rowVector(1, -2), Matrix.rowVector(2, 0.5));
        refuses("Preprocessing.apply: expected 2 feature columns, got 3 (x is 1x3)",
                () -> p.apply(Matrix.rowVector(1, 2, 3)));
        // (x - shift) / scale per column: (5 - 1) / 2 = 2, (1 + 2) / 0.5 = 6; (-1 - 1) / 2 = -1, (-2 + 2) / 0.5 = 0
        assertEquals(Matrix.of(new double[][] {{2, 6}, {-1, 0}}), p.apply(Matrix.of(new double[][] {{5, 1}, {-1, -2}})));
        assertEquals(2, p.numFeatures());
        Preprocessing id = Preprocessing.identity(3);
        assertEquals(Matrix.zeros(1, 3), id.shift());
        assertEquals(Matrix.rowVector(1, 1, 1), id.scale());
    }

    static Dataset set(int n, int features, int classes) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
        }
        return Dataset.classification(Matrix.zeros(n, features), labels, classes);
    }

    @Test
    void preparedDataRefusesWhatNoClassifierCanTrainOn() {
        Dataset train = set(4, 2, 2);
        refuses("data: the training set is empty", () -> new PreparedData(set(0, 2, 2), train, train, "d"));
        Dataset regression = Dataset.regression(Matrix.zeros(2, 2), Matrix.zeros(2, 1));
        refuses("data: the app trains classifiers; the data must have class labels",
                () -> new PreparedData(regression, train, train, "d", Preprocessing.identity(2), List.of()));
        refuses("data: the app trains classifiers; the data must have class labels",
                () -> new PreparedData(train, regression, train, "d"));
        refuses("data: the app trains classifiers; the data must have class labels",
                () -> new PreparedData(train, train, regression, "d"));
        refuses("data: the preprocessing has 3 columns, the data 2 features",
                () -> new PreparedData(train, train, train, "d", Preprocessing.identity(3), List.of("a", "b")));
        refuses("data: expected one label per class (2), got 3 labels [a, b, c]",
                () -> new PreparedData(train, train, train, "d", Preprocessing.identity(2), List.of("a", "b", "c")));
        PreparedData plain = new PreparedData(train, train, train, "d");
        assertEquals(List.of("0", "1"), plain.classLabels());
        assertEquals(Preprocessing.identity(2), plain.preprocessing());
        assertEquals(List.of(), plain.files());
        assertEquals(2, plain.numFeatures());
        assertEquals(2, plain.numClasses());
        assertEquals(List.of("0", "1", "2"), PreparedData.numberedLabels(3));
        assertEquals(List.of(), PreparedData.numberedLabels(0));
    }

    @Test
    void evaluationsAreEqualWhenEveryComponentIs() {
        int[] labels = {0, 1, 1};
        int[] predicted = {0, 1, 0};
        ConfusionMatrix cm = ConfusionMatrix.of(labels, predicted, 2);
        Evaluation e = new Evaluation(0.5, 2.0 / 3, 3, predicted, cm);
        assertEquals(e, new Evaluation(0.5, 2.0 / 3, 3, predicted.clone(), cm));
        assertEquals(e.hashCode(), new Evaluation(0.5, 2.0 / 3, 3, predicted.clone(), cm).hashCode());
        assertNotEquals(e, new Evaluation(0.25, 2.0 / 3, 3, predicted, cm));
        assertNotEquals(e, new Evaluation(0.5, 0.5, 3, predicted, cm));
        int[] other = {1, 1, 0};
        assertNotEquals(e, new Evaluation(0.5, 2.0 / 3, 3, other, cm));
        assertNotEquals(e, new Evaluation(0.5, 2.0 / 3, 3, predicted, ConfusionMatrix.of(labels, other, 2)));
        assertNotEquals(e, new Evaluation(0.5, 2.0 / 3, 4, new int[] {0, 1, 0, 0},
                ConfusionMatrix.of(new int[] {0, 1, 1, 0}, new int[] {0, 1, 0, 0}, 2)));
        assertFalse(e.equals("an evaluation"));
        assertEquals("Evaluation[loss=0.5, accuracy=0.6666666666666666, samples=3]", e.toString());
        refuses("Evaluation: expected 3 predictions and a confusion matrix total of 3, got 2 and 3",
                () -> new Evaluation(0.5, 0.5, 3, new int[] {0, 1}, cm));
        refuses("Evaluation: expected 2 predictions and a confusion matrix total of 2, got 2 and 3",
                () -> new Evaluation(0.5, 0.5, 2, new int[] {0, 1}, cm));
        // the predictions are copied in and out
        predicted[0] = 1;
        assertEquals(0, e.predictions()[0]);
        e.predictions()[0] = 1;
        assertEquals(0, e.predictions()[0]);
    }

    @Test
    void sameResultsComparesEveryResultBitForBitButNotTheTime() {
        EpochMetrics m = new EpochMetrics(2, 0.5, 0.75, Double.NaN, Double.NaN, 0.1, 1.0);
        assertTrue(m.sameResults(new EpochMetrics(2, 0.5, 0.75, Double.NaN, Double.NaN, 0.1, 9.0)));
        assertFalse(m.sameResults(new EpochMetrics(3, 0.5, 0.75, Double.NaN, Double.NaN, 0.1, 1.0)));
        assertFalse(m.sameResults(new EpochMetrics(2, 0.25, 0.75, Double.NaN, Double.NaN, 0.1, 1.0)));
        assertFalse(m.sameResults(new EpochMetrics(2, 0.5, 0.5, Double.NaN, Double.NaN, 0.1, 1.0)));
        assertFalse(m.sameResults(new EpochMetrics(2, 0.5, 0.75, 0.0, Double.NaN, 0.1, 1.0)));
        assertFalse(m.sameResults(new EpochMetrics(2, 0.5, 0.75, Double.NaN, 0.0, 0.1, 1.0)));
        assertFalse(m.sameResults(new EpochMetrics(2, 0.5, 0.75, Double.NaN, Double.NaN, 0.2, 1.0)));
        EpochMetrics zero = new EpochMetrics(1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        assertFalse(zero.sameResults(new EpochMetrics(1, -0.0, 0.0, 0.0, 0.0, 0.0, 0.0)), "bit for bit: -0.0 differs");
    }
}
