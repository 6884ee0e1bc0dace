package io.github.dlref.nn.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.Tolerances;
import org.junit.jupiter.api.Test;

/** Losses on values worked by hand, the reductions, the conventions at kinks, and the error messages. */
class LossTest {

    private static final Matrix PRED = Matrix.of(new double[][] {{1, 2}, {3, 4}});
    private static final Matrix ZERO = Matrix.zeros(2, 2);
    private static final double LN2 = Math.log(2);

    /** CS231n course notes' three examples (cat, car, frog): scores per row, correct classes 0, 1, 2. */
    private static final Matrix CS231N_SCORES = Matrix.of(new double[][] {
        {3.2, 5.1, -1.7}, {1.3, 4.9, 2.0}, {2.2, 2.5, -3.1}});
    private static final int[] CS231N_CLASSES = {0, 1, 2};

    private static double value(Loss loss, Matrix prediction, Matrix target) {
        return loss.forward(Tensor.constant(prediction), target).item();
    }

    private static Matrix grad(Loss loss, Matrix prediction, Matrix target) {
        Tensor p = Tensor.variable(prediction);
        loss.forward(p, target).backward();
        return p.grad();
    }

    @Test
    void mseAndL1DivideByTheNumberOfElements() {
        assertEquals(7.5, value(new MSELoss(), PRED, ZERO)); // (1 + 4 + 9 + 16) / 4
        assertEquals(30.0, value(new MSELoss(Reduction.SUM), PRED, ZERO));
        assertEquals(PRED.pow(2), new MSELoss(Reduction.NONE).forward(Tensor.constant(PRED), ZERO).value());
        assertEquals(PRED.times(0.5), grad(new MSELoss(), PRED, ZERO)); // 2 e / 4
        assertEquals(2.5, value(new L1Loss(), PRED, ZERO));
        assertEquals(10.0, value(new L1Loss(Reduction.SUM), PRED, ZERO));
        assertEquals(Matrix.of(new double[][] {{0, 0.25}, {-0.25, 0.25}}),
                grad(new L1Loss(), Matrix.of(new double[][] {{0, 2}, {-3, 4}}), ZERO)); // sign(0) = 0
    }

    @Test
    void sumOfSquaresIsHalfTheSquaredErrorPerSample() {
        // e(1) = 0.5 (1 + 4) = 2.5, e(2) = 0.5 (9 + 16) = 12.5
        assertEquals(15.0, value(new SumOfSquaresLoss(), PRED, ZERO));
        assertEquals(7.5, value(new SumOfSquaresLoss(Reduction.MEAN), PRED, ZERO));
        assertEquals(Matrix.columnVector(2.5, 12.5),
                new SumOfSquaresLoss(Reduction.NONE).forward(Tensor.constant(PRED), ZERO).value());
        assertEquals(PRED, grad(new SumOfSquaresLoss(), PRED, ZERO)); // de/dv = v - t, no factor 2
        assertEquals(Reduction.SUM, new SumOfSquaresLoss().reduction());
    }

    @Test
    void pNormLossesOfDlBasics() {
        Matrix e = Matrix.of(new double[][] {{3, -4}, {0, 0}});
        Matrix zero = Matrix.zeros(2, 2);
        assertEquals(Matrix.columnVector(7, 0), new PNormLoss(1, Reduction.NONE).forward(Tensor.constant(e), zero).value());
        assertEquals(Matrix.columnVector(5, 0), new PNormLoss(2, Reduction.NONE).forward(Tensor.constant(e), zero).value());
        assertEquals(Matrix.columnVector(4, 0), new PNormLoss(Double.POSITIVE_INFINITY, Reduction.NONE)
                .forward(Tensor.constant(e), zero).value());
        assertEquals(2.5, value(new PNormLoss(2), e, zero)); // mean over the 2 samples
        // Gradients, summed: sign(e); e / ||e||; sign at the largest entry. A zero error row gets 0, not NaN.
        assertEquals(Matrix.of(new double[][] {{1, -1}, {0, 0}}), grad(new PNormLoss(1, Reduction.SUM), e, zero));
        assertEquals(Matrix.of(new double[][] {{0.6, -0.8}, {0, 0}}), grad(new PNormLoss(2, Reduction.SUM), e, zero));
        assertEquals(Matrix.of(new double[][] {{0, -1}, {0, 0}}),
                grad(new PNormLoss(Double.POSITIVE_INFINITY, Reduction.SUM), e, zero));
        // Ties of the maximum norm split the gradient equally (PyTorch's vector_norm).
        assertEquals(Matrix.rowVector(0.5, -0.5), grad(new PNormLoss(Double.POSITIVE_INFINITY, Reduction.SUM),
                Matrix.rowVector(2, -2), Matrix.zeros(1, 2)));
    }

    @Test
    void crossEntropyFamilyOnUniformPredictions() {
        Matrix logits = Matrix.of(new double[][] {{0, 0}, {5, 5}});
        Matrix oneHot = Targets.oneHot(new int[] {0, 1}, 2);
        assertEquals(LN2, value(new CrossEntropyLoss(), logits, oneHot), Tolerances.FEW_ULPS);
        assertEquals(LN2, new CrossEntropyLoss().forward(Tensor.constant(logits), new int[] {0, 1}).item(), Tolerances.FEW_ULPS);
        assertEquals(2 * LN2, value(new SoftmaxLoss(Reduction.SUM), logits, oneHot), Tolerances.FEW_ULPS);
        // dl/dz = softmax - y, divided by N = 2
        assertEquals(Matrix.of(new double[][] {{-0.25, 0.25}, {0.25, -0.25}}), grad(new CrossEntropyLoss(), logits, oneHot));
        assertEquals(Matrix.of(new double[][] {{-0.25, 0.25}, {0.25, -0.25}}), grad(new SoftmaxLoss(), logits, oneHot));
        Matrix probabilities = Matrix.of(new double[][] {{0.5, 0.5, 0.0}});
        Matrix target = Matrix.rowVector(1, 0, 0);
        assertEquals(LN2, value(new ProbabilityCrossEntropyLoss(), probabilities, target), Tolerances.FEW_ULPS);
        // the 0 log 0 term contributes 0 to the value and the gradient
        assertEquals(Matrix.rowVector(-2, 0, 0), grad(new ProbabilityCrossEntropyLoss(), probabilities, target));
        assertEquals(Double.POSITIVE_INFINITY, value(new ProbabilityCrossEntropyLoss(), probabilities,
                Matrix.rowVector(0, 0, 1)));
    }

    @Test
    void binaryCrossEntropyAndItsPyTorchClamp() {
        assertEquals(LN2, value(new BCELoss(), Matrix.scalar(0.5), Matrix.scalar(1)), Tolerances.FEW_ULPS);
        assertEquals(LN2, value(new BCEWithLogitsLoss(), Matrix.scalar(0), Matrix.scalar(1)), Tolerances.FEW_ULPS);
        assertEquals(100.0, value(new BCELoss(), Matrix.scalar(0), Matrix.scalar(1))); // log clamped at -100
        assertEquals(0.0, value(new BCELoss(), Matrix.scalar(1), Matrix.scalar(1)));
        assertEquals(Matrix.scalar(-2), grad(new BCELoss(), Matrix.scalar(0.5), Matrix.scalar(1)));
        assertEquals(Matrix.scalar(-0.5), grad(new BCEWithLogitsLoss(), Matrix.scalar(0), Matrix.scalar(1)));
        // mean over all N K elements
        assertEquals(LN2 / 2, value(new BCELoss(), Matrix.rowVector(0.5, 1.0), Matrix.rowVector(1, 1)), Tolerances.FEW_ULPS);
    }

    @Test
    void multiclassSvmLossReproducesTheCs231nExamples() {
        MulticlassHingeLoss loss = new MulticlassHingeLoss(1.0, Reduction.NONE);
        Matrix perSample = loss.forward(Tensor.constant(CS231N_SCORES), CS231N_CLASSES).value();
        // cat: max(0, 5.1 - 3.2 + 1) + max(0, -1.7 - 3.2 + 1) = 2.9; car: 0; frog: 6.3 + 6.6 = 12.9
        assertTrue(perSample.approxEquals(Matrix.columnVector(2.9, 0.0, 12.9), Tolerances.SAME_FORMULA), perSample.toString());
        assertEquals((2.9 + 0 + 12.9) / 3, new MulticlassHingeLoss().forward(Tensor.constant(CS231N_SCORES),
                CS231N_CLASSES).item(), Tolerances.SAME_FORMULA);
        // dL/ds_j = 1[hinge > 0] for j != r, dL/ds_r = -(number of positive hinges)
        Matrix g = grad(new MulticlassHingeLoss(1.0, Reduction.SUM), CS231N_SCORES, Targets.oneHot(CS231N_CLASSES, 3));
        assertEquals(Matrix.of(new double[][] {{-1, 1, 0}, {0, 0, 0}, {1, 1, -2}}), g);
        // PyTorch's MultiMarginLoss divides by the number of classes
        Matrix divided = new MultiMarginLoss(1, 1.0, Reduction.NONE).forward(Tensor.constant(CS231N_SCORES),
                CS231N_CLASSES).value();
        assertTrue(divided.approxEquals(Matrix.columnVector(2.9 / 3, 0.0, 12.9 / 3), Tolerances.SAME_FORMULA), divided.toString());
    }

    @Test
    void hingeAtTheMarginHasSubgradientZero() {
        // s = (0, -1), correct class 0, margin 1: hinge -1 - 0 + 1 = 0 exactly
        Matrix scores = Matrix.rowVector(0, -1);
        Matrix target = Matrix.rowVector(1, 0);
        assertEquals(0.0, value(new MulticlassHingeLoss(), scores, target));
        assertEquals(Matrix.zeros(1, 2), grad(new MulticlassHingeLoss(), scores, target));
        assertEquals(Matrix.zeros(1, 2), grad(new MultiMarginLoss(), scores, target));
    }

    @Test
    void softmaxLossReproducesTheCs231nExample() {
        // CS231n notes: scores (-2.85, 0.86, 0.28), correct class 2: probabilities (0.016, 0.631, 0.353), loss 1.04
        Matrix scores = Matrix.rowVector(-2.85, 0.86, 0.28);
        double loss = value(new SoftmaxLoss(), scores, Matrix.rowVector(0, 0, 1));
        assertEquals(Math.log(Math.exp(-2.85) + Math.exp(0.86) + Math.exp(0.28)) - 0.28, loss, Tolerances.FEW_ULPS);
        assertEquals(1.04, loss, Tolerances.PUBLISHED_2_DECIMALS);
    }

    @Test
    void errorsNameTheLossTheShapesAndTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> value(new MSELoss(), PRED, Matrix.zeros(2, 3)))
                .getMessage().contains("MSELoss: prediction 2x2 and target 2x3 differ in shape"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> value(new MulticlassHingeLoss(), PRED, Matrix.of(new double[][] {{1, 1}, {0, 1}}))).getMessage()
                .contains("MulticlassHingeLoss: target row 0 must be one-hot"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> value(new SoftmaxLoss(), PRED, Matrix.of(new double[][] {{0, 0}, {0, 1}}))).getMessage()
                .contains("found no 1"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> value(new BCELoss(), Matrix.scalar(1.5), Matrix.scalar(1))).getMessage()
                .contains("probability at (0, 0) must be in [0, 1], got 1.5"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> value(new BCELoss(), Matrix.scalar(0.5), Matrix.scalar(2))).getMessage()
                .contains("target at (0, 0) must be in [0, 1], got 2.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PNormLoss(0.5)).getMessage()
                .contains("p must be in [1, inf], got 0.5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MultiMarginLoss(3, 1, Reduction.MEAN))
                .getMessage().contains("p must be 1 or 2"));
        assertThrows(IllegalArgumentException.class, () -> new MulticlassHingeLoss(Double.NaN, Reduction.MEAN));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> value(new MSELoss(), Matrix.zeros(0, 2), Matrix.zeros(0, 2))).getMessage()
                .contains("mean over an empty 0x2 prediction is undefined"));
        assertEquals(0.0, value(new MSELoss(Reduction.SUM), Matrix.zeros(0, 2), Matrix.zeros(0, 2)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Targets.oneHot(new int[] {0, 3}, 3))
                .getMessage().contains("class of sample 1 is 3, outside [0, 3)"));
        assertThrows(NullPointerException.class, () -> new MSELoss(null));
    }

    @Test
    void multiMarginLossKeepsItsSettings() {
        MultiMarginLoss loss = new MultiMarginLoss(2, 0.5, Reduction.SUM);
        assertEquals(2, loss.p());
        assertEquals(0.5, loss.margin());
        assertEquals(Reduction.SUM, loss.reduction());
    }

    /** Every loss refuses a target of another shape, naming itself and both shapes, before any arithmetic. */
    @Test
    void everyLossRefusesATargetOfAnotherShape() {
        Loss[] losses = {new MSELoss(), new L1Loss(), new SumOfSquaresLoss(), new PNormLoss(2), new BCELoss(),
            new BCEWithLogitsLoss(), new CrossEntropyLoss(), new ProbabilityCrossEntropyLoss(), new SoftmaxLoss(),
            new MulticlassHingeLoss(), new MultiMarginLoss()};
        Matrix probabilities = Matrix.of(new double[][] {{0.5, 0.5}, {0.25, 0.75}});
        Matrix[] wrongTargets = {Matrix.zeros(2, 3), Matrix.zeros(3, 2)};
        for (Loss loss : losses) {
            String name = loss.getClass().getSimpleName();
            for (Matrix target : wrongTargets) {
                String message = assertThrows(IllegalArgumentException.class,
                        () -> value(loss, probabilities, target), name).getMessage();
                assertEquals(name + ": prediction 2x2 and target " + target.shape() + " differ in shape", message);
            }
        }
    }

    /** Every loss with the MEAN reduction refuses an empty batch rather than returning 0 / 0. */
    @Test
    void everyLossRefusesTheMeanOfAnEmptyBatch() {
        Reduction mean = Reduction.MEAN;
        Loss[] losses = {new MSELoss(mean), new L1Loss(mean), new SumOfSquaresLoss(mean), new PNormLoss(2, mean),
            new BCELoss(mean), new BCEWithLogitsLoss(mean), new CrossEntropyLoss(mean),
            new ProbabilityCrossEntropyLoss(mean), new SoftmaxLoss(mean), new MulticlassHingeLoss(1.0, mean),
            new MultiMarginLoss(1, 1.0, mean)};
        for (Loss loss : losses) {
            String name = loss.getClass().getSimpleName();
            String message = assertThrows(IllegalArgumentException.class,
                    () -> value(loss, Matrix.zeros(0, 2), Matrix.zeros(0, 2)), name).getMessage();
            // BCEWithLogitsLoss and CrossEntropyLoss leave the check to their fused autograd ops, which name
            // themselves
            String who = loss instanceof BCEWithLogitsLoss ? "BinaryCrossEntropyWithLogits"
                    : loss instanceof CrossEntropyLoss ? "SoftmaxCrossEntropy" : name;
            assertTrue(message.startsWith(who + ": the mean over an empty "), message);
        }
    }

    @Test
    void lossesPrintTheirSettings() {
        assertEquals("MulticlassHingeLoss(margin=1.0, reduction=MEAN)", new MulticlassHingeLoss().toString());
        assertEquals("MultiMarginLoss(p=2, margin=0.5, reduction=SUM)",
                new MultiMarginLoss(2, 0.5, Reduction.SUM).toString());
        assertEquals("PNormLoss(p=Infinity, reduction=MEAN)", new PNormLoss(Double.POSITIVE_INFINITY).toString());
    }
}
