package io.github.dlref.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Autograd;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.layers.ELU;
import io.github.dlref.nn.layers.GELU;
import io.github.dlref.nn.layers.Hardtanh;
import io.github.dlref.nn.layers.LayerNorm;
import io.github.dlref.nn.layers.LogSoftmax;
import io.github.dlref.nn.layers.SELU;
import io.github.dlref.nn.layers.SiLU;
import io.github.dlref.nn.layers.Softplus;
import io.github.dlref.nn.losses.CrossEntropyLoss;
import io.github.dlref.nn.losses.HuberLoss;
import io.github.dlref.nn.losses.KLDivLoss;
import io.github.dlref.nn.losses.NLLLoss;
import io.github.dlref.nn.losses.SmoothL1Loss;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hessian-vector products through every issue-21 activation, LayerNorm and every issue-21 loss against PyTorch
 * float64 ({@code golden/make_second_order_golden.py}, {@code torch.autograd.grad} with {@code create_graph=True}):
 * the value, the gradient and {@code H v} agree entry by entry to {@code 1e-12} relative (of
 * {@code max(1, |PyTorch|)}). Single-input cases go through {@link Autograd#hvp}; LayerNorm's, with respect to the
 * input and both parameters, through {@link Autograd#grad} twice (the gradient with a graph, then the derivative of
 * {@code <grad, v>}).
 */
class SecondOrderGoldenTest {

    /** {@code 1e-12} of {@code max(1, |expected|)}: the agreement with PyTorch float64. */
    private static final double RELATIVE = 1e-12;

    /** dlref's form of each single-input case: the scalar {@code f} from the case and the input. */
    private static final Map<String, BiFunction<Golden.Case, Tensor, Tensor>> SINGLE = new LinkedHashMap<>();

    static {
        SINGLE.put("hvp_gelu_none", (c, x) -> weighted(c, new GELU().forward(x)));
        SINGLE.put("hvp_gelu_tanh", (c, x) -> weighted(c, new GELU(GELU.Approximation.TANH).forward(x)));
        SINGLE.put("hvp_silu", (c, x) -> weighted(c, new SiLU().forward(x)));
        SINGLE.put("hvp_elu_1.0", (c, x) -> weighted(c, new ELU(c.scalar("alpha")).forward(x)));
        SINGLE.put("hvp_elu_0.5", (c, x) -> weighted(c, new ELU(c.scalar("alpha")).forward(x)));
        SINGLE.put("hvp_selu", (c, x) -> weighted(c, new SELU().forward(x)));
        SINGLE.put("hvp_softplus_1_20", (c, x) -> weighted(c, new Softplus().forward(x)));
        SINGLE.put("hvp_softplus_2_1", (c, x) -> weighted(c, new Softplus(c.scalar("beta"), c.scalar("threshold"))
                .forward(x)));
        SINGLE.put("hvp_hardtanh", (c, x) -> weighted(c, new Hardtanh().forward(x)));
        SINGLE.put("hvp_log_softmax", (c, x) -> weighted(c, new LogSoftmax().forward(x)));
        SINGLE.put("hvp_layer_norm_eps0.1_no_affine", (c, x) -> weighted(c, new LayerNorm(4, c.scalar("eps"), false)
                .forward(x)));
        SINGLE.put("hvp_huber_0.7_mean", (c, x) -> new HuberLoss(c.scalar("delta"), Reduction.MEAN).forward(x,
                c.get("target")));
        SINGLE.put("hvp_smooth_l1_0.7_sum", (c, x) -> new SmoothL1Loss(c.scalar("beta"), Reduction.SUM).forward(x,
                c.get("target")));
        SINGLE.put("hvp_kl_div_batchmean", (c, x) -> new KLDivLoss(KLDivLoss.KLReduction.BATCHMEAN, false)
                .forward(x.logSoftmax(), c.get("target")));
        SINGLE.put("hvp_kl_div_log_target_sum", (c, x) -> new KLDivLoss(KLDivLoss.KLReduction.SUM, true)
                .forward(x.logSoftmax(), c.get("target")));
        SINGLE.put("hvp_nll_weighted_mean", (c, x) -> new NLLLoss(c.get("class_weight"), Reduction.MEAN)
                .forward(x.logSoftmax(), c.ints("classes")));
        SINGLE.put("hvp_ce_classes_w_ls0.1_mean", (c, x) -> new CrossEntropyLoss(Reduction.MEAN, c.get("class_weight"),
                c.scalar("label_smoothing")).forward(x, c.ints("classes")));
        SINGLE.put("hvp_ce_probs_w_ls0.2_sum", (c, x) -> new CrossEntropyLoss(Reduction.SUM, c.get("class_weight"),
                c.scalar("label_smoothing")).forward(x, c.get("target")));
        SINGLE.put("hvp_ce_ignore_w_ls0.1_mean", (c, x) -> new CrossEntropyLoss(Reduction.MEAN, c.get("class_weight"),
                c.scalar("label_smoothing"), (int) c.scalar("ignore_index")).forward(x, c.ints("classes")));
    }

    private static Tensor weighted(Golden.Case c, Tensor y) {
        return y.times(Tensor.constant(c.get("G"))).sum();
    }

    static List<String> single() {
        return List.copyOf(SINGLE.keySet());
    }

    private static void assertClose(String what, Matrix expected, Matrix actual) {
        assertEquals(expected.shape(), actual.shape(), what);
        for (int k = 0; k < expected.size(); k++) {
            double e = expected.getFlat(k);
            double a = actual.getFlat(k);
            int entry = k;
            assertTrue(Math.abs(e - a) <= RELATIVE * Math.max(1.0, Math.abs(e)), () -> what + ", entry " + entry
                    + " (row-major): PyTorch " + e + ", dlref " + a);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("single")
    void valueGradientAndHessianVectorProductAgreeWithPyTorch(String name) {
        Golden.Case c = Golden.of(name);
        BiFunction<Golden.Case, Tensor, Tensor> f = SINGLE.get(name);
        Tensor x = Tensor.variable("x", c.get("x"));
        Tensor value = f.apply(c, x);
        assertClose(name + " value", c.get("f"), value.value());
        assertClose(name + " gradient", c.get("grad_x"), Autograd.grad(value, List.of(x), true).get(0).value());
        Matrix[] hv = Autograd.hvp(xs -> f.apply(c, xs[0]), new Matrix[] {c.get("x")}, new Matrix[] {c.get("v_x")});
        assertClose(name + " H v", c.get("hvp_x"), hv[0]);
    }

    @Test
    void layerNormWithRespectToInputWeightAndBias() {
        Golden.Case c = Golden.of("hvp_layer_norm");
        LayerNorm layer = new LayerNorm(4, c.scalar("eps"), true);
        layer.gamma().assign(c.get("weight"));
        layer.beta().assign(c.get("bias"));
        Tensor x = Tensor.variable("x", c.get("x"));
        List<Tensor> wrt = List.of(x, layer.gamma(), layer.beta());
        String[] names = {"x", "weight", "bias"};
        Tensor value = weighted(c, layer.forward(x));
        assertClose("LayerNorm value", c.get("f"), value.value());
        List<Tensor> grads = Autograd.grad(value, wrt, true);
        Tensor projection = null;
        for (int i = 0; i < names.length; i++) {
            assertClose("LayerNorm gradient of " + names[i], c.get("grad_" + names[i]), grads.get(i).value());
            Tensor term = grads.get(i).times(Tensor.constant(c.get("v_" + names[i]))).sum();
            projection = projection == null ? term : projection.plus(term);
        }
        List<Tensor> hv = Autograd.grad(projection, wrt, false);
        for (int i = 0; i < names.length; i++) {
            assertClose("LayerNorm H v, block of " + names[i], c.get("hvp_" + names[i]), hv.get(i).value());
        }
    }

    @Test
    void everyHessianVectorCaseOfTheFileIsChecked() {
        Set<String> inFile = new TreeSet<>(Golden.namesStartingWith("hvp_"));
        Set<String> checked = new TreeSet<>(SINGLE.keySet());
        checked.add("hvp_layer_norm");
        assertEquals(inFile, checked);
        List<String> activations = new ArrayList<>(List.of("gelu_none", "gelu_tanh", "silu", "elu_1.0", "elu_0.5",
                "selu", "softplus_1_20", "softplus_2_1", "hardtanh", "log_softmax"));
        activations.replaceAll(a -> "hvp_" + a);
        assertTrue(inFile.containsAll(activations), inFile::toString);
        assertEquals(20, inFile.size());
    }
}
