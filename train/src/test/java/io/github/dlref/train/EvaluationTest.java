package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.data.Dataset;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.Sequential;
import io.github.dlref.nn.layers.Linear;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    @Test
    void theConfusionMatrixHasTrueClassesInRowsAndPredictionsInColumns() {
        int[] labels = {0, 0, 0, 1, 1, 2};
        int[] predicted = {0, 1, 0, 1, 0, 1};
        ConfusionMatrix m = ConfusionMatrix.of(labels, predicted, 3);
        assertArrayEquals(new long[][] {{2, 1, 0}, {1, 1, 0}, {0, 1, 0}}, m.toArray());
        assertEquals(6, m.total());
        assertEquals(3, m.support(0));
        assertEquals(2, m.support(1));
        assertEquals(1, m.support(2));
        assertEquals(3, m.predictedCount(0));
        assertEquals(3, m.predictedCount(1));
        assertEquals(0, m.predictedCount(2));
        // precision(0) = 2 / 3, recall(0) = 2 / 3; precision(1) = 1 / 3, recall(1) = 1 / 2
        assertEquals(2.0 / 3, m.precision(0));
        assertEquals(2.0 / 3, m.recall(0));
        assertEquals(1.0 / 3, m.precision(1));
        assertEquals(0.5, m.recall(1));
        // nothing predicted as class 2: precision undefined; its one sample missed: recall 0
        assertTrue(Double.isNaN(m.precision(2)));
        assertEquals(0.0, m.recall(2));
        assertEquals(0.5, m.accuracy());
    }

    @Test
    void badInputsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[] {0, 3}, new int[] {0, 0}, 3));
        assertEquals("ConfusionMatrix.of: labels[1] must be in [0, 3), got 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[] {0}, new int[] {}, 2));
        assertEquals("ConfusionMatrix.of: 1 labels but 0 predictions; expected as many of each", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[] {}, new int[] {}, 0));
        assertEquals("ConfusionMatrix.of: numClasses must be >= 1, got 0", e.getMessage());
    }

    @Test
    void theEvaluatorScoresLogitsByClosedForm() {
        // identity layer: the logits are the features
        Sequential model = new Sequential(List.of(new Linear(Matrix.of(new double[][] {{1, 0}, {0, 1}}),
                Matrix.rowVector(0, 0))));
        Matrix features = Matrix.of(new double[][] {{2, 0}, {0, 1}, {3, 3}, {1, 0}});
        int[] labels = {0, 1, 1, 1};
        Evaluation e = Evaluator.evaluate(model, Dataset.classification(features, labels, 2));
        // argmax, lowest class on the tie (3, 3)
        assertArrayEquals(new int[] {0, 1, 0, 0}, e.predictions());
        assertArrayEquals(new long[][] {{1, 0}, {2, 1}}, e.confusion().toArray());
        assertEquals(0.5, e.accuracy());
        assertEquals(4, e.samples());
        // cross-entropy of logits z and label y: log(sum_j exp(z_j)) - z_y
        double expected = (Math.log(Math.exp(2) + 1) - 2 + Math.log(1 + Math.E) - 1 + Math.log(2) + Math.log(Math.E + 1))
                / 4;
        assertEquals(expected, e.loss(), 1e-15);
        assertEquals(1.0 / 3, e.precision(0));
        assertEquals(1.0 / 3, e.recall(1));
    }

    @Test
    void anEmptySetScoresNaNWithAnEmptyMatrix() {
        Sequential model = new Sequential(List.of(new Linear(Matrix.of(new double[][] {{1, 0}, {0, 1}}), null)));
        Evaluation e = Evaluator.evaluate(model, Dataset.classification(Matrix.zeros(0, 2), new int[0], 2));
        assertTrue(Double.isNaN(e.loss()));
        assertTrue(Double.isNaN(e.accuracy()));
        assertEquals(0, e.confusion().total());
        assertEquals(0, e.predictions().length);
    }

    @Test
    void anEvaluationChecksItsCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Evaluation(0.1, 1.0, 2,
                new int[] {0}, ConfusionMatrix.of(new int[] {0}, new int[] {0}, 1)));
        assertEquals("Evaluation: expected 2 predictions and a confusion matrix total of 2, got 1 and 1",
                e.getMessage());
    }
}
