package io.github.dlref.nn.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.Tolerances;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: the {@link Loss} interface takes class-index targets where they are meaningful (the classification
 * losses) and refuses them, naming the loss and the expected target, where they are not. Expected values are
 * worked by hand from each loss's documented formula.
 */
class LossClassIndexTest {

    private static final List<Loss> CLASSIFICATION = List.of(new CrossEntropyLoss(), new SoftmaxLoss(),
            new ProbabilityCrossEntropyLoss(), new MulticlassHingeLoss(), new MultiMarginLoss());

    private static final List<Loss> NOT_CLASSIFICATION = List.of(new MSELoss(), new L1Loss(),
            new SumOfSquaresLoss(), new PNormLoss(2.0), new BCELoss(), new BCEWithLogitsLoss());

    private static double through(Loss loss, Matrix prediction, int[] classes) {
        return loss.forward(Tensor.constant(prediction), classes).item();
    }

    @Test
    void crossEntropyThroughTheInterfaceMatchesTheHandComputedValue() {
        // logits (0, ln 3): softmax (1/4, 3/4); class 1: -ln(3/4) = ln(4/3)
        Loss loss = new CrossEntropyLoss();
        double actual = through(loss, Matrix.rowVector(0.0, Math.log(3.0)), new int[] {1});
        assertEquals(Math.log(4.0 / 3.0), actual, Tolerances.SAME_FORMULA);
        Loss softmax = new SoftmaxLoss();
        assertEquals(Math.log(4.0 / 3.0), through(softmax, Matrix.rowVector(0.0, Math.log(3.0)), new int[] {1}),
                Tolerances.SAME_FORMULA);
    }

    @Test
    void probabilityCrossEntropyTakesClassIndices() {
        // p = (1/4, 3/4), class 1: -ln(3/4)
        Loss loss = new ProbabilityCrossEntropyLoss();
        assertEquals(-Math.log(0.75), through(loss, Matrix.rowVector(0.25, 0.75), new int[] {1}),
                Tolerances.SAME_FORMULA);
    }

    @Test
    void hingeLossesThroughTheInterfaceMatchTheHandComputedValues() {
        // scores (1, 2, 0.5), class 0, margin 1: max(0, 2 - 1 + 1) + max(0, 0.5 - 1 + 1) = 2 + 0.5 = 2.5
        Matrix scores = Matrix.rowVector(1.0, 2.0, 0.5);
        assertEquals(2.5, through(new MulticlassHingeLoss(), scores, new int[] {0}));
        // PyTorch's MultiMarginLoss divides by the number of classes, 3
        assertEquals(2.5 / 3, through(new MultiMarginLoss(), scores, new int[] {0}), Tolerances.SAME_FORMULA);
    }

    @Test
    void classIndicesGiveTheOneHotResultValueAndGradient() {
        Matrix scores = Matrix.of(new double[][] {{0.2, 0.5, 0.3}, {0.6, 0.1, 0.3}});
        int[] classes = {2, 0};
        Matrix oneHot = Targets.oneHot(classes, 3);
        for (Loss loss : CLASSIFICATION) {
            assertTrue(loss.acceptsClassIndices(), loss.toString());
            Tensor a = Tensor.variable(scores);
            Tensor byIndex = loss.forward(a, classes);
            byIndex.backward();
            Tensor b = Tensor.variable(scores);
            Tensor byMatrix = loss.forward(b, oneHot);
            byMatrix.backward();
            assertTrue(byMatrix.value().approxEquals(byIndex.value(), Tolerances.SAME_FORMULA),
                    loss + ": " + byIndex.value() + " vs " + byMatrix.value());
            assertTrue(b.grad().approxEquals(a.grad(), Tolerances.SAME_FORMULA),
                    loss + ": " + a.grad() + " vs " + b.grad());
        }
    }

    @Test
    void lossesWithoutClassTargetsRefuseClassIndicesNamingTheLossAndTheExpectedTarget() {
        Tensor prediction = Tensor.constant(Matrix.rowVector(0.2, 0.8));
        for (Loss loss : NOT_CLASSIFICATION) {
            assertFalse(loss.acceptsClassIndices(), loss.toString());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loss.forward(prediction, new int[] {1}));
            String name = loss.getClass().getSimpleName();
            assertTrue(e.getMessage().startsWith(name + ": class-index targets are not meaningful for this loss;"
                    + " expected a target matrix of the prediction's shape, found int[] classes"), e.getMessage());
        }
    }

    @Test
    void anOutOfRangeClassIsRefusedNamingTheSample() {
        Tensor prediction = Tensor.constant(Matrix.rowVector(0.25, 0.75));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ProbabilityCrossEntropyLoss().forward(prediction, new int[] {2}));
        assertTrue(e.getMessage().contains("sample 0") && e.getMessage().contains("[0, 2)"), e.getMessage());
    }
}
