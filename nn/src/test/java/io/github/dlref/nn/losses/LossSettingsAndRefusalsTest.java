package io.github.dlref.nn.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The losses' settings, their printed form, the unreduced ({@code NONE}) form of the weighted and smoothed
 * cross-entropy against PyTorch's summed values, and every refusal with its exact message: each check here is one
 * that a changed formula, a dropped argument check or a shifted bound would fail.
 */
class LossSettingsAndRefusalsTest {

    private static int[] classesOf(Matrix oneHot) {
        int[] classes = new int[oneHot.rows()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = oneHot.getRow(i).maxPerRow().index(0);
        }
        return classes;
    }

    /**
     * With {@code reduction='none'} the per-sample losses of the weighted and label-smoothed cross-entropy add up
     * to PyTorch's {@code reduction='sum'} value (golden case {@code ce_*_sum}), and so do their gradients: the sum
     * of an unreduced loss is the summed loss. For class indices and for probability targets.
     */
    @ParameterizedTest
    @ValueSource(strings = {"w", "ls0.1", "w_ls0.2"})
    void unreducedCrossEntropySumsToPyTorchsSum(String label) {
        Golden.Case classes = Golden.of("ce_classes_" + label + "_sum");
        Matrix w = label.startsWith("w") ? classes.get("weight") : null;
        CrossEntropyLoss none = new CrossEntropyLoss(Reduction.NONE, w, classes.scalar("label_smoothing"));
        Tensor logits = Tensor.variable(classes.get("prediction"));
        Tensor perSample = none.forward(logits, classesOf(classes.get("target")));
        assertEquals(5, perSample.rows());
        assertEquals(1, perSample.cols());
        Tensor total = perSample.sum();
        total.backward();
        classes.assertClose("loss", total.value());
        classes.assertClose("grad", logits.grad());

        Golden.Case probabilities = Golden.of("ce_probs_" + label + "_sum");
        Tensor logits2 = Tensor.variable(probabilities.get("prediction"));
        Tensor perSample2 = none.forward(logits2, probabilities.get("target"));
        assertEquals(5, perSample2.rows());
        assertEquals(1, perSample2.cols());
        Tensor total2 = perSample2.sum();
        total2.backward();
        probabilities.assertClose("loss", total2.value());
        probabilities.assertClose("grad", logits2.grad());
    }

    @Test
    void everyLossReportsItsReductionAndPrintsItsSettings() {
        for (Reduction r : Reduction.values()) {
            assertEquals(r, new MSELoss(r).reduction());
            assertEquals(r, new L1Loss(r).reduction());
            assertEquals(r, new SumOfSquaresLoss(r).reduction());
            assertEquals(r, new PNormLoss(3, r).reduction());
            assertEquals(r, new BCELoss(r).reduction());
            assertEquals(r, new BCEWithLogitsLoss(r).reduction());
            assertEquals(r, new CrossEntropyLoss(r).reduction());
            assertEquals(r, new ProbabilityCrossEntropyLoss(r).reduction());
            assertEquals(r, new SoftmaxLoss(r).reduction());
            assertEquals(r, new MulticlassHingeLoss(1.0, r).reduction());
            assertEquals(r, new NLLLoss(null, r).reduction());
            assertEquals(r, new HuberLoss(1.0, r).reduction());
            assertEquals(r, new SmoothL1Loss(1.0, r).reduction());
        }
        assertEquals("MSELoss(reduction=SUM)", new MSELoss(Reduction.SUM).toString());
        assertEquals("L1Loss(reduction=NONE)", new L1Loss(Reduction.NONE).toString());
        assertEquals("SumOfSquaresLoss(reduction=SUM)", new SumOfSquaresLoss().toString()); // its documented default
        assertEquals("BCELoss(reduction=SUM)", new BCELoss(Reduction.SUM).toString());
        assertEquals("BCEWithLogitsLoss(reduction=NONE)", new BCEWithLogitsLoss(Reduction.NONE).toString());
        assertEquals("ProbabilityCrossEntropyLoss(reduction=SUM)",
                new ProbabilityCrossEntropyLoss(Reduction.SUM).toString());
        assertEquals("SoftmaxLoss(reduction=NONE)", new SoftmaxLoss(Reduction.NONE).toString());
        assertEquals("CrossEntropyLoss(reduction=SUM, weight=None, label_smoothing=0.25)",
                new CrossEntropyLoss(Reduction.SUM, null, 0.25).toString());
        Matrix w = Matrix.rowVector(1.0, 2.0);
        assertEquals("CrossEntropyLoss(reduction=MEAN, weight=" + w + ", label_smoothing=0.0)",
                new CrossEntropyLoss(Reduction.MEAN, w, 0.0).toString());
        assertEquals(w, new CrossEntropyLoss(Reduction.MEAN, w, 0.0).weights());
        assertNull(new CrossEntropyLoss().weights());
        assertEquals(2.5, new MulticlassHingeLoss(2.5, Reduction.SUM).margin());
        assertEquals(1.5, new PNormLoss(1.5).p());
        assertEquals(0.75, new SmoothL1Loss(0.75, Reduction.SUM).beta());
        assertFalse(new KLDivLoss().logTarget());
        // label_smoothing 1 is PyTorch's upper bound and valid: the target becomes uniform, so with logits
        // (0, ln 3) (log softmax (ln 1/4, ln 3/4)) the loss is (-ln 1/4 - ln 3/4) / 2 whatever the class
        CrossEntropyLoss uniform = new CrossEntropyLoss(Reduction.SUM, null, 1.0);
        assertEquals(1.0, uniform.labelSmoothing());
        assertEquals((-Math.log(0.25) - Math.log(0.75)) / 2, uniform.forward(
                Tensor.constant(Matrix.rowVector(0.0, Math.log(3.0))), new int[] {1}).item(), 1e-15);
    }

    private static String refusal(Class<? extends RuntimeException> type, Runnable r) {
        return assertThrows(type, r::run).getMessage();
    }

    @Test
    void nullArgumentsAreNamed() {
        assertEquals("MSELoss: reduction must not be null",
                refusal(NullPointerException.class, () -> new MSELoss(null)));
        Tensor p = Tensor.constant(Matrix.zeros(2, 3));
        assertEquals("MSELoss: prediction must not be null",
                refusal(NullPointerException.class, () -> new MSELoss().forward(null, Matrix.zeros(2, 3))));
        assertEquals("MSELoss: target must not be null",
                refusal(NullPointerException.class, () -> new MSELoss().forward(p, (Matrix) null)));
        assertEquals("CrossEntropyLoss: classes must not be null", refusal(NullPointerException.class,
                () -> new CrossEntropyLoss(Reduction.SUM, null, 0.1).forward(p, (int[]) null)));
    }

    @Test
    void weightedOrSmoothedCrossEntropyChecksItsArgumentsOnBothTargetForms() {
        Tensor p = Tensor.constant(Matrix.zeros(2, 3));
        Matrix twoWeights = Matrix.rowVector(1.0, 2.0);
        Matrix oneHot = Targets.oneHot(new int[] {0, 2}, 3);
        // probability targets
        assertEquals("CrossEntropyLoss: 2 class weights for a prediction with 3 classes (columns)",
                refusal(IllegalArgumentException.class,
                        () -> new CrossEntropyLoss(Reduction.SUM, twoWeights, 0.0).forward(p, oneHot)));
        Tensor empty = Tensor.constant(Matrix.zeros(0, 3));
        assertEquals("CrossEntropyLoss: the mean over an empty 0x3 prediction is undefined",
                refusal(IllegalArgumentException.class,
                        () -> new CrossEntropyLoss(Reduction.MEAN, null, 0.1).forward(empty, Matrix.zeros(0, 3))));
        // class indices
        assertEquals("CrossEntropyLoss: 2 class weights for a prediction with 3 classes (columns)",
                refusal(IllegalArgumentException.class,
                        () -> new CrossEntropyLoss(Reduction.SUM, twoWeights, 0.0).forward(p, new int[] {0, 1})));
        assertEquals("CrossEntropyLoss: class of sample 1 is 3, outside [0, 3) and not ignore_index -100",
                refusal(IllegalArgumentException.class,
                        () -> new CrossEntropyLoss(Reduction.SUM, null, 0.1).forward(p, new int[] {0, 3})));
        assertEquals("CrossEntropyLoss: 1 class indices for a prediction with 2 rows",
                refusal(IllegalArgumentException.class,
                        () -> new CrossEntropyLoss(Reduction.SUM, null, 0.1).forward(p, new int[] {0})));
        assertEquals("CrossEntropyLoss: the mean over an empty 0x3 prediction is undefined",
                refusal(IllegalArgumentException.class,
                        () -> new CrossEntropyLoss(Reduction.MEAN, null, 0.1).forward(empty, new int[0])));
        // one class with one weight is a valid (if trivial) problem: log softmax of a single logit is 0
        assertEquals(0.0, new CrossEntropyLoss(Reduction.SUM, Matrix.rowVector(2.0), 0.0)
                .forward(Tensor.constant(Matrix.columnVector(3.0, -1.0)), new int[] {0, 0}).item());
        assertEquals(Matrix.columnVector(1.0, 1.0), Targets.oneHot(new int[] {0, 0}, 1));
    }

    @Test
    void huberSmoothL1AndKullbackLeiblerCheckShapesAndEmptyMeans() {
        Tensor p = Tensor.constant(Matrix.zeros(2, 3));
        Tensor empty = Tensor.constant(Matrix.zeros(0, 3));
        assertEquals("SmoothL1Loss: prediction 2x3 and target 1x3 differ in shape",
                refusal(IllegalArgumentException.class, () -> new SmoothL1Loss().forward(p, Matrix.zeros(1, 3))));
        assertEquals("KLDivLoss: prediction 2x3 and target 2x2 differ in shape",
                refusal(IllegalArgumentException.class, () -> new KLDivLoss().forward(p, Matrix.zeros(2, 2))));
        assertEquals("HuberLoss: the mean over an empty 0x3 prediction is undefined",
                refusal(IllegalArgumentException.class, () -> new HuberLoss().forward(empty, Matrix.zeros(0, 3))));
        assertEquals("SmoothL1Loss: the mean over an empty 0x3 prediction is undefined",
                refusal(IllegalArgumentException.class,
                        () -> new SmoothL1Loss().forward(empty, Matrix.zeros(0, 3))));
        assertEquals("KLDivLoss: the mean over an empty 0x3 input is undefined",
                refusal(IllegalArgumentException.class, () -> new KLDivLoss().forward(empty, Matrix.zeros(0, 3))));
        // summing nothing is 0, as PyTorch's sum over an empty tensor
        assertEquals(0.0, new KLDivLoss(KLDivLoss.KLReduction.SUM, false).forward(empty, Matrix.zeros(0, 3)).item());
        assertEquals(0.0, new HuberLoss(1.0, Reduction.SUM).forward(empty, Matrix.zeros(0, 3)).item());
        assertEquals(0.0, new SmoothL1Loss(1.0, Reduction.SUM).forward(empty, Matrix.zeros(0, 3)).item());
    }
}
