package io.github.dlref.nn.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.Golden;
import io.github.dlref.nn.GradChecks;
import io.github.dlref.nn.TestData;
import io.github.dlref.nn.Tolerances;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 21's losses (Huber, smooth L1, KL divergence, negative log-likelihood, cross-entropy with class weights and
 * label smoothing) against PyTorch float64 ({@code golden/make_golden.py}), at the switch points, by hand, by
 * gradient check for every reduction, and their argument checks.
 */
class Issue21LossesTest {

    private static void check(String caseName, BiFunction<Tensor, Matrix, Tensor> loss) {
        Golden.Case c = Golden.of(caseName);
        Tensor prediction = Tensor.variable(c.get("prediction"));
        Tensor value = loss.apply(prediction, c.get("target"));
        value.backward();
        c.assertClose("loss", value.value());
        c.assertClose("grad", prediction.grad());
    }

    private static Reduction reduction(String name) {
        return name.endsWith("_sum") ? Reduction.SUM : Reduction.MEAN;
    }

    private static int[] classesOf(Matrix oneHot) {
        int[] classes = new int[oneHot.rows()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = oneHot.getRow(i).maxPerRow().index(0);
        }
        return classes;
    }

    @ParameterizedTest
    @ValueSource(strings = {"huber_d1.0_mean", "huber_d0.5_mean", "huber_d1.0_sum", "huber_d0.5_sum",
        "huber_edges_d1.0", "huber_edges_d0.5"})
    void huber(String name) {
        HuberLoss loss = new HuberLoss(Golden.of(name).scalar("delta"), name.contains("mean") ? Reduction.MEAN
                : Reduction.SUM);
        check(name, loss::forward);
    }

    @ParameterizedTest
    @ValueSource(strings = {"smooth_l1_b1.0_mean", "smooth_l1_b0.5_mean", "smooth_l1_b0.0_mean", "smooth_l1_b1.0_sum",
        "smooth_l1_b0.5_sum", "smooth_l1_b0.0_sum", "smooth_l1_edges_b1.0", "smooth_l1_edges_b0.5",
        "smooth_l1_edges_b0.0"})
    void smoothL1(String name) {
        SmoothL1Loss loss = new SmoothL1Loss(Golden.of(name).scalar("beta"), name.contains("mean") ? Reduction.MEAN
                : Reduction.SUM);
        check(name, loss::forward);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mean", "batchmean", "sum"})
    void klDivergence(String red) {
        KLDivLoss.KLReduction r = KLDivLoss.KLReduction.valueOf(red.toUpperCase(java.util.Locale.ROOT));
        check("kl_div_" + red, new KLDivLoss(r, false)::forward);
        check("kl_div_log_target_" + red, new KLDivLoss(r, true)::forward);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nll_mean", "nll_sum", "nll_weighted_mean", "nll_weighted_sum"})
    void negativeLogLikelihood(String name) {
        Golden.Case c = Golden.of(name);
        Matrix w = name.contains("weighted") ? c.get("weight") : null;
        NLLLoss loss = new NLLLoss(w, reduction(name));
        check(name, loss::forward);
        check(name, (p, t) -> loss.forward(p, classesOf(t)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"w_mean", "ls0.1_mean", "w_ls0.2_mean", "w_sum", "ls0.1_sum", "w_ls0.2_sum"})
    void crossEntropyWithWeightsAndLabelSmoothing(String label) {
        Golden.Case c = Golden.of("ce_classes_" + label);
        Matrix w = label.startsWith("w") ? c.get("weight") : null;
        CrossEntropyLoss loss = new CrossEntropyLoss(reduction(label), w, c.scalar("label_smoothing"));
        check("ce_classes_" + label, (p, t) -> loss.forward(p, classesOf(t)));
        check("ce_probs_" + label, loss::forward);
        check("ce_onehot_probs_" + label, loss::forward);
    }

    @Test
    void withWeightsTheMeanOfClassIndicesAndOfOneHotProbabilitiesDiffer() {
        // PyTorch: the class-index mean divides by the targets' total weight, the probability mean by N
        Golden.Case byIndex = Golden.of("ce_classes_w_mean");
        Golden.Case byProbability = Golden.of("ce_onehot_probs_w_mean");
        double ratio = byIndex.scalar("loss") / byProbability.scalar("loss");
        int[] classes = classesOf(byIndex.get("target"));
        double total = 0;
        for (int k : classes) {
            total += byIndex.get("weight").get(0, k);
        }
        assertEquals(classes.length / total, ratio, 1e-14);
        assertTrue(Math.abs(ratio - 1) > 0.1);
    }

    @Test
    void huberIsDeltaTimesSmoothL1() {
        Matrix p = TestData.gaussian(5, 4, 3).times(2);
        Matrix t = TestData.gaussian(6, 4, 3);
        for (double delta : new double[] {0.3, 1.0, 2.5}) {
            double huber = new HuberLoss(delta, Reduction.SUM).forward(Tensor.constant(p), t).item();
            double smooth = new SmoothL1Loss(delta, Reduction.SUM).forward(Tensor.constant(p), t).item();
            assertEquals(huber, delta * smooth, 1e-13 * Math.abs(huber));
        }
    }

    @Test
    void byHand() {
        Tensor p = Tensor.constant(Matrix.rowVector(0.0, 3.0));
        Matrix t = Matrix.rowVector(0.5, 0.0);
        // Huber delta 1: 0.5 * 0.25 + 1 * (3 - 0.5) = 2.625; mean over 2 elements
        assertEquals(1.3125, new HuberLoss().forward(p, t).item());
        // smooth L1 beta 2: 0.25 / 4 + (3 - 1) = 2.0625
        assertEquals(2.0625, new SmoothL1Loss(2.0, Reduction.SUM).forward(p, t).item());
        // KL(p || q) for p = (1/2, 1/2), q = (1/4, 3/4): 1/2 ln 2 + 1/2 ln(2/3)
        Tensor logQ = Tensor.constant(Matrix.rowVector(Math.log(0.25), Math.log(0.75)));
        double kl = 0.5 * Math.log(2) + 0.5 * Math.log(2.0 / 3.0);
        assertEquals(kl, new KLDivLoss(KLDivLoss.KLReduction.BATCHMEAN, false).forward(logQ,
                Matrix.rowVector(0.5, 0.5)).item(), Tolerances.FEW_ULPS);
        assertEquals(kl, new KLDivLoss(KLDivLoss.KLReduction.SUM, true).forward(logQ,
                Matrix.rowVector(Math.log(0.5), Math.log(0.5))).item(), Tolerances.FEW_ULPS);
        assertEquals(kl / 2, new KLDivLoss().forward(logQ, Matrix.rowVector(0.5, 0.5)).item(), Tolerances.FEW_ULPS);
        assertEquals(Matrix.rowVector(0.0, -Math.log(0.75)), new KLDivLoss(KLDivLoss.KLReduction.NONE, false)
                .forward(logQ, Matrix.rowVector(0.0, 1.0)).value());
        // NLL with weights (1, 3): samples of classes 0 and 1, log-probabilities -1 and -2: (1 + 6) / 4
        Tensor logp = Tensor.constant(Matrix.of(new double[][] {{-1.0, Double.NEGATIVE_INFINITY}, {-0.5, -2.0}}));
        assertEquals(1.75, new NLLLoss(Matrix.rowVector(1.0, 3.0), Reduction.MEAN).forward(logp, new int[] {0, 1})
                .item());
        assertEquals(Matrix.columnVector(1.0, 6.0), new NLLLoss(Matrix.rowVector(1.0, 3.0), Reduction.NONE)
                .forward(logp, new int[] {0, 1}).value());
        // every target of weight 0: 0 / 0
        assertTrue(Double.isNaN(new NLLLoss(Matrix.rowVector(0.0, 3.0), Reduction.MEAN).forward(logp,
                new int[] {0, 0}).item()));
    }

    @Test
    void crossEntropyWithLabelSmoothingByHand() {
        // logits (0, ln 3): log softmax (ln 1/4, ln 3/4); class 1, epsilon 0.2, K = 2:
        // 0.8 (-ln 3/4) + 0.1 (-ln 1/4 - ln 3/4)
        Tensor z = Tensor.constant(Matrix.rowVector(0.0, Math.log(3.0)));
        double expected = 0.8 * -Math.log(0.75) + 0.1 * (-Math.log(0.25) - Math.log(0.75));
        assertEquals(expected, new CrossEntropyLoss(Reduction.MEAN, null, 0.2).forward(z, new int[] {1}).item(),
                Tolerances.FEW_ULPS);
        assertEquals(expected, new CrossEntropyLoss(Reduction.MEAN, null, 0.2).forward(z,
                Matrix.rowVector(0.0, 1.0)).item(), Tolerances.FEW_ULPS);
        // weights without smoothing: the weighted NLL of log softmax
        assertEquals(-Math.log(0.75), new CrossEntropyLoss(Reduction.MEAN, Matrix.rowVector(2.0, 5.0), 0.0)
                .forward(z, new int[] {1}).item(), Tolerances.FEW_ULPS);
        assertEquals(5 * -Math.log(0.75), new CrossEntropyLoss(Reduction.NONE, Matrix.rowVector(2.0, 5.0), 0.0)
                .forward(z, new int[] {1}).item(), Tolerances.FEW_ULPS);
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void gradientChecks(Reduction r) {
        Matrix target = TestData.gaussian(11, 5, 3);
        // errors away from 0 and from +-delta (the kinks of the gradient's second derivative do not matter, but
        // smooth L1 with beta 0 has a kink at 0)
        Matrix prediction = target.plus(TestData.awayFromZero(12, 5, 3, 0.05)
                .map(e -> Math.abs(Math.abs(e) - 0.7) < 0.05 ? e * 1.2 : e));
        check(new HuberLoss(0.7, r), prediction, target);
        check(new SmoothL1Loss(0.7, r), prediction, target);
        check(new SmoothL1Loss(0.0, r), prediction, target);
        Matrix logits = TestData.gaussian(13, 5, 3).times(2);
        Matrix logQ = Tensor.constant(logits).logSoftmax().value();
        Matrix probabilities = Tensor.constant(TestData.gaussian(14, 5, 3)).softmax().value();
        for (KLDivLoss.KLReduction kr : KLDivLoss.KLReduction.values()) {
            check(new KLDivLoss(kr, false), logQ, probabilities);
            check(new KLDivLoss(kr, true), logQ, probabilities.map(Math::log));
        }
        int[] classes = {0, 2, 1, 2, 0};
        Matrix oneHot = Targets.oneHot(classes, 3);
        Matrix w = Matrix.rowVector(0.5, 2.0, 1.5);
        check(new NLLLoss(null, r), logQ, oneHot);
        check(new NLLLoss(w, r), logQ, oneHot);
        for (double ls : new double[] {0.0, 0.15}) {
            for (Matrix weights : new Matrix[] {null, w}) {
                CrossEntropyLoss ce = new CrossEntropyLoss(r, weights, ls);
                check(ce, logits, probabilities);
                Tensor probe = ce.forward(Tensor.constant(logits), classes);
                Matrix g = TestData.gaussian(77, probe.rows(), probe.cols());
                GradChecks.assertInputs(in -> ce.forward(in[0], classes).times(Tensor.constant(g)).sum(),
                        Tensor.variable("logits", logits));
            }
        }
    }

    private static void check(Loss loss, Matrix prediction, Matrix target) {
        Tensor probe = loss.forward(Tensor.constant(prediction), target);
        Matrix weights = TestData.gaussian(77, probe.rows(), probe.cols());
        GradChecks.assertInputs(in -> loss.forward(in[0], target).times(Tensor.constant(weights)).sum(),
                Tensor.variable("prediction", prediction));
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void badArgumentsAreRefusedInOneLineNamingWhatWasWrong() {
        assertEquals("HuberLoss: delta must be finite and > 0, got 0.0", message(() -> new HuberLoss(0.0,
                Reduction.MEAN)));
        assertEquals("SmoothL1Loss: beta must be finite and >= 0, got -1.0", message(() -> new SmoothL1Loss(-1.0,
                Reduction.MEAN)));
        assertEquals("CrossEntropyLoss: label_smoothing must be in [0, 1], got 1.5",
                message(() -> new CrossEntropyLoss(Reduction.MEAN, null, 1.5)));
        assertEquals("NLLLoss: class weight 1 must be finite and >= 0, got -2.0",
                message(() -> new NLLLoss(Matrix.rowVector(1.0, -2.0), Reduction.MEAN)));
        assertEquals("NLLLoss: class weights must be a 1 x C row with C >= 1, got 2x1",
                message(() -> new NLLLoss(Matrix.columnVector(1.0, 2.0), Reduction.MEAN)));
        Tensor p = Tensor.constant(Matrix.zeros(2, 3));
        assertEquals("NLLLoss: 2 class weights for a prediction with 3 classes (columns)",
                message(() -> new NLLLoss(Matrix.rowVector(1.0, 2.0), Reduction.SUM).forward(p, new int[] {0, 1})));
        assertEquals("NLLLoss: class of sample 1 is 3, outside [0, 3) and not ignore_index -100",
                message(() -> new NLLLoss().forward(p, new int[] {0, 3})));
        assertEquals("NLLLoss: 1 class indices for a prediction with 2 rows",
                message(() -> new NLLLoss().forward(p, new int[] {0})));
        assertEquals("KLDivLoss: target at (0, 1) must be a probability >= 0 (log_target=false), got -0.5",
                message(() -> new KLDivLoss().forward(p, Matrix.of(new double[][] {{0, -0.5, 0}, {0, 0, 0}}))));
        assertEquals("KLDivLoss: target at (1, 0) must be a finite log-probability (log_target=true), got -Infinity",
                message(() -> new KLDivLoss(KLDivLoss.KLReduction.SUM, true).forward(p,
                        Matrix.of(new double[][] {{0, 0, 0}, {Double.NEGATIVE_INFINITY, 0, 0}}))));
        assertEquals("CrossEntropyLoss: target at (0, 2) must be a probability in [0, 1], got 2.0",
                message(() -> new CrossEntropyLoss(Reduction.SUM, null, 0.1).forward(p,
                        Matrix.of(new double[][] {{0, 0, 2}, {0, 0, 1}}))));
        assertEquals("HuberLoss: prediction 2x3 and target 1x3 differ in shape",
                message(() -> new HuberLoss().forward(p, Matrix.zeros(1, 3))));
        assertTrue(message(() -> new KLDivLoss(KLDivLoss.KLReduction.BATCHMEAN, false).forward(
                Tensor.constant(Matrix.zeros(0, 3)), Matrix.zeros(0, 3))).contains("batchmean over an empty"));
        assertTrue(message(() -> new NLLLoss().forward(Tensor.constant(Matrix.zeros(0, 3)), new int[0]))
                .contains("mean over an empty"));
    }

    @Test
    void reportsItsSettings() {
        assertEquals(Reduction.MEAN, new KLDivLoss(KLDivLoss.KLReduction.BATCHMEAN, false).reduction());
        assertEquals(Reduction.NONE, new KLDivLoss(KLDivLoss.KLReduction.NONE, false).reduction());
        assertEquals(Reduction.SUM, new KLDivLoss(KLDivLoss.KLReduction.SUM, true).reduction());
        assertEquals(KLDivLoss.KLReduction.BATCHMEAN, new KLDivLoss(KLDivLoss.KLReduction.BATCHMEAN, true)
                .klReduction());
        assertTrue(new KLDivLoss(KLDivLoss.KLReduction.SUM, true).logTarget());
        assertTrue(new NLLLoss().acceptsClassIndices());
        assertEquals(0.5, new HuberLoss(0.5, Reduction.SUM).delta());
        assertEquals(0.0, new SmoothL1Loss(0.0, Reduction.SUM).beta());
        assertEquals(0.1, new CrossEntropyLoss(Reduction.SUM, null, 0.1).labelSmoothing());
        assertEquals(Matrix.rowVector(1.0, 2.0), new NLLLoss(Matrix.rowVector(1.0, 2.0), Reduction.SUM).weights());
        assertEquals("CrossEntropyLoss(reduction=MEAN)", new CrossEntropyLoss().toString());
        assertEquals("KLDivLoss(reduction=BATCHMEAN, log_target=false)",
                new KLDivLoss(KLDivLoss.KLReduction.BATCHMEAN, false).toString());
        assertEquals("HuberLoss(delta=1.0, reduction=MEAN)", new HuberLoss().toString());
        assertEquals("SmoothL1Loss(beta=1.0, reduction=MEAN)", new SmoothL1Loss().toString());
        assertEquals("NLLLoss(weight=None, reduction=MEAN)", new NLLLoss().toString());
    }
}
