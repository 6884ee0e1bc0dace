package io.github.dlref.nn.losses;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.Golden;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Losses against PyTorch float64 (golden/make_golden.py): value and gradient with respect to the prediction. */
class LossGoldenTest {

    private static void check(String caseName, BiFunction<Tensor, Matrix, Tensor> loss) {
        Golden.Case c = Golden.of(caseName);
        Tensor prediction = Tensor.variable(c.get("prediction"));
        Tensor value = loss.apply(prediction, c.get("target"));
        value.backward();
        c.assertClose("loss", value.value());
        c.assertClose("grad", prediction.grad());
    }

    private static void check(String caseName, Loss loss) {
        check(caseName, loss::forward);
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
    @ValueSource(strings = {"mse_mean", "mse_sum"})
    void mse(String name) {
        check(name, new MSELoss(reduction(name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"l1_mean", "l1_sum"})
    void l1(String name) {
        check(name, new L1Loss(reduction(name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sum_of_squares_mean", "sum_of_squares_sum"})
    void sumOfSquares(String name) {
        check(name, new SumOfSquaresLoss(reduction(name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pnorm_1", "pnorm_2", "pnorm_inf", "pnorm_3"})
    void pNorm(String name) {
        check(name, new PNormLoss(Golden.of(name).scalar("p")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cross_entropy_classes_mean", "cross_entropy_classes_sum"})
    void crossEntropyWithClassIndicesAndOneHotTargets(String name) {
        CrossEntropyLoss loss = new CrossEntropyLoss(reduction(name));
        check(name, (p, t) -> loss.forward(p, classesOf(t)));
        check(name, loss);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cross_entropy_soft_mean", "cross_entropy_soft_sum"})
    void crossEntropyWithSoftTargets(String name) {
        check(name, new CrossEntropyLoss(reduction(name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"probability_cross_entropy_mean", "probability_cross_entropy_onehot_sum"})
    void crossEntropyFromProbabilities(String name) {
        check(name, new ProbabilityCrossEntropyLoss(reduction(name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"softmax_loss_mean"})
    void softmaxLoss(String name) {
        check(name, new SoftmaxLoss());
        check(name, (p, t) -> new SoftmaxLoss().forward(p, classesOf(t)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bce_mean", "bce_sum", "bce_edges_sum"})
    void binaryCrossEntropy(String name) {
        check(name, new BCELoss(reduction(name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bce_with_logits_mean", "bce_with_logits_sum"})
    void binaryCrossEntropyWithLogits(String name) {
        check(name, new BCEWithLogitsLoss(reduction(name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi_margin_p1_m1.0", "multi_margin_p2_m1.0", "multi_margin_p1_m0.5"})
    void multiMargin(String name) {
        Golden.Case c = Golden.of(name);
        MultiMarginLoss loss = new MultiMarginLoss((int) c.scalar("p"), c.scalar("margin"), Reduction.MEAN);
        check(name, loss);
        check(name, (p, t) -> loss.forward(p, classesOf(t)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiclass_hinge_m1.0", "multiclass_hinge_m2.0"})
    void multiclassHinge(String name) {
        MulticlassHingeLoss loss = new MulticlassHingeLoss(Golden.of(name).scalar("margin"), Reduction.MEAN);
        check(name, loss);
        check(name, (p, t) -> loss.forward(p, classesOf(t)));
    }
}
