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
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PyTorch's {@code ignore_index} for {@link NLLLoss} and {@link CrossEntropyLoss}: values and gradients against
 * PyTorch 1.13 float64 ({@code golden/make_second_order_golden.py}: every reduction, with and without class weights
 * and label smoothing, an ignored index that is a class, and batches whose every sample is ignored, where the mean
 * is {@code NaN} with gradient 0), by hand, by gradient check, and the refusal of other indices.
 */
class IgnoreIndexTest {

    static List<String> cases() {
        return Golden.namesStartingWith("ignore_");
    }

    private static Reduction reductionOf(String name) {
        return Reduction.valueOf(name.substring(name.lastIndexOf('_') + 1).toUpperCase(Locale.ROOT));
    }

    private static Loss lossOf(String name, Golden.Case c) {
        Matrix w = name.contains("_w") ? c.get("class_weight") : null;
        int ignore = (int) c.scalar("ignore_index");
        if (name.contains("_nll_")) {
            return new NLLLoss(w, reductionOf(name), ignore);
        }
        double smoothing = name.contains("_ls") ? c.scalar("label_smoothing") : 0.0;
        return new CrossEntropyLoss(reductionOf(name), w, smoothing, ignore);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valueAndGradientAgreeWithPyTorch(String name) {
        Golden.Case c = Golden.of(name);
        Tensor prediction = Tensor.variable(c.get("prediction"));
        Tensor value = lossOf(name, c).forward(prediction, c.ints("classes"));
        Matrix seed = c.get("seed");
        value.backward(seed.sameShape(value.value()) ? seed : seed.transpose());
        Matrix expected = c.get("loss");
        Matrix actual = expected.sameShape(value.value()) ? value.value() : value.value().transpose();
        if (expected.size() == 1 && Double.isNaN(expected.scalarValue())) {
            assertTrue(Double.isNaN(actual.scalarValue()), () -> name + ": PyTorch gives NaN, dlref " + actual);
        } else {
            c.assertClose("loss", actual);
        }
        c.assertClose("grad", prediction.grad());
    }

    @Test
    void theGoldenFileCoversEveryReductionAndTheEdgeCases() {
        assertEquals(18, cases().size(), cases()::toString);
        assertTrue(Double.isNaN(Golden.of("ignore_all_ce_w_ls0.2_mean").scalar("loss")));
    }

    @Test
    void byHand() {
        // log-probabilities of 3 samples, the middle one ignored; weights (1, 3): mean = (1 * 1 + 3 * 2) / (1 + 3)
        Tensor logp = Tensor.variable(Matrix.of(new double[][] {{-1.0, -4.0}, {Double.NEGATIVE_INFINITY, -9.0},
            {-0.5, -2.0}}));
        int[] classes = {0, -100, 1};
        Tensor mean = new NLLLoss(Matrix.rowVector(1.0, 3.0), Reduction.MEAN).forward(logp, classes);
        assertEquals(1.75, mean.item());
        mean.backward();
        assertEquals(Matrix.of(new double[][] {{-0.25, 0.0}, {0.0, 0.0}, {0.0, -0.75}}), logp.grad());
        assertEquals(Matrix.columnVector(1.0, 0.0, 6.0), new NLLLoss(Matrix.rowVector(1.0, 3.0), Reduction.NONE)
                .forward(logp, classes).value());
        // ignore_index 1 leaves out the samples of class 1: only sample 0 remains
        assertEquals(1.0, new NLLLoss(null, Reduction.MEAN, 1).forward(logp, new int[] {0, 1, 1}).item());
        // cross-entropy: logits (0, ln 3) give log softmax (ln 1/4, ln 3/4); the second sample is ignored
        Tensor z = Tensor.constant(Matrix.of(new double[][] {{0.0, Math.log(3.0)}, {5.0, -5.0}}));
        assertEquals(-Math.log(0.75), new CrossEntropyLoss().forward(z, new int[] {1, -100}).item(),
                Tolerances.FEW_ULPS);
        assertEquals(-Math.log(0.75), new CrossEntropyLoss(Reduction.SUM, null, 0.0, 7).forward(z, new int[] {1, 7})
                .item(), Tolerances.FEW_ULPS);
        double smoothed = 0.8 * -Math.log(0.75) + 0.1 * (-Math.log(0.25) - Math.log(0.75));
        assertEquals(smoothed, new CrossEntropyLoss(Reduction.MEAN, null, 0.2).forward(z, new int[] {1, -100})
                .item(), Tolerances.FEW_ULPS);
    }

    @Test
    void withoutIgnoredSamplesTheResultIsTheFusedOnes() {
        Matrix logits = TestData.gaussian(31, 4, 3);
        int[] classes = {0, 2, 1, 2};
        for (Reduction r : Reduction.values()) {
            Tensor a = Tensor.variable(logits);
            Tensor b = Tensor.variable(logits);
            Tensor fused = new CrossEntropyLoss(r).forward(a, classes);
            Tensor ignoring = new CrossEntropyLoss(r, null, 0.0, 5).forward(b, classes);
            assertEquals(fused.value(), ignoring.value(), r.toString());
        }
    }

    @Test
    void aBatchWhoseEverySampleIsIgnoredGivesNaNWithGradientZeroForTheMeanAndZeroForTheSum() {
        Tensor z = Tensor.variable(TestData.gaussian(32, 2, 3));
        Tensor mean = new CrossEntropyLoss(Reduction.MEAN, Matrix.rowVector(1, 2, 3), 0.3).forward(z,
                new int[] {-100, -100});
        assertTrue(Double.isNaN(mean.item()));
        mean.backward();
        assertEquals(Matrix.zeros(2, 3), z.grad());
        assertEquals(0.0, new NLLLoss(null, Reduction.SUM).forward(z, new int[] {-100, -100}).item());
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void gradientChecks(Reduction r) {
        Matrix logits = TestData.gaussian(33, 6, 4).times(2);
        Matrix logQ = Tensor.constant(logits).logSoftmax().value();
        int[] ignoring = {1, -100, 3, 0, -100, 2};
        Matrix w = Matrix.rowVector(0.5, 1.0, 2.0, 3.0);
        List<Loss> losses = List.of(new NLLLoss(null, r), new NLLLoss(w, r), new CrossEntropyLoss(r, null, 0.0, -100),
                new CrossEntropyLoss(r, w, 0.0, -100), new CrossEntropyLoss(r, w, 0.25, -100),
                new CrossEntropyLoss(r, null, 0.1, 2), new NLLLoss(w, r, 2));
        for (Loss loss : losses) {
            Matrix input = loss instanceof NLLLoss ? logQ : logits;
            int[] classes = (loss instanceof NLLLoss n ? n.ignoreIndex() : ((CrossEntropyLoss) loss).ignoreIndex()) == 2
                    ? new int[] {1, 2, 3, 0, 2, 2} : ignoring;
            Tensor probe = loss.forward(Tensor.constant(input), classes);
            Matrix g = TestData.gaussian(34, probe.rows(), probe.cols());
            GradChecks.assertInputs(in -> loss.forward(in[0], classes).times(Tensor.constant(g)).sum(),
                    Tensor.variable("input", input));
        }
    }

    @Test
    void otherIndicesAreRefusedNamingTheSampleAndTheIgnoredIndex() {
        Tensor z = Tensor.constant(Matrix.zeros(2, 3));
        assertEquals("CrossEntropyLoss: class of sample 1 is -1, outside [0, 3) and not ignore_index -100",
                assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss(Reduction.MEAN, null, 0.1)
                        .forward(z, new int[] {-100, -1})).getMessage());
        assertEquals("NLLLoss: class of sample 0 is -100, outside [0, 3) and not ignore_index 2",
                assertThrows(IllegalArgumentException.class, () -> new NLLLoss(null, Reduction.SUM, 2)
                        .forward(z, new int[] {-100, 2})).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss().forward(z,
                new int[] {0, 3})).getMessage().contains("class index of sample 1 is 3"));
    }

    @Test
    void reportsItsSettings() {
        assertEquals(-100, new NLLLoss().ignoreIndex());
        assertEquals(-100, NLLLoss.DEFAULT_IGNORE_INDEX);
        assertEquals(-100, new CrossEntropyLoss().ignoreIndex());
        assertEquals(3, new CrossEntropyLoss(Reduction.SUM, null, 0.0, 3).ignoreIndex());
        assertEquals(4, new NLLLoss(null, Reduction.SUM, 4).ignoreIndex());
        assertEquals("NLLLoss(weight=None, reduction=SUM, ignore_index=4)",
                new NLLLoss(null, Reduction.SUM, 4).toString());
        assertEquals("CrossEntropyLoss(reduction=SUM, ignore_index=3)",
                new CrossEntropyLoss(Reduction.SUM, null, 0.0, 3).toString());
        assertEquals("CrossEntropyLoss(reduction=MEAN, weight=None, label_smoothing=0.1, ignore_index=0)",
                new CrossEntropyLoss(Reduction.MEAN, null, 0.1, 0).toString());
        assertEquals("CrossEntropyLoss(reduction=MEAN)", new CrossEntropyLoss(Reduction.MEAN, null, 0.0).toString());
    }
}
