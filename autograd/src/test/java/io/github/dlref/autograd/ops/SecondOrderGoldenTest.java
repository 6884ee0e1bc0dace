package io.github.dlref.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Autograd;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.Tolerances;
import io.github.dlref.math.Matrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Second derivatives against PyTorch float64: for every twice-differentiable op (through the functional
 * {@code f(x) = sum(op(x) * u)}), the piecewise-linear ops away from their kinks, a few composed functions and a
 * small MLP loss (Linear(3, 4) - tanh - Linear(4, k), mean squared error and softmax cross-entropy) with respect to
 * its parameters, the checked-in script {@code src/test/resources/golden/second_order_torch.py} (torch 1.13)
 * recorded {@code f}, its gradient, a Hessian-vector product ({@code torch.autograd.functional.hvp}) and the full
 * Hessian ({@code torch.autograd.functional.hessian}) in {@code second_order_torch.txt}. dlref's
 * {@link Autograd#grad}, {@link Autograd#hvp} and {@link Autograd#hessian} agree to
 * {@link Tolerances#GOLDEN_RELATIVE} ({@code 1e-12} of {@code max(1, |expected|)}) entry by entry.
 */
class SecondOrderGoldenTest {

    private static final String RESOURCE = "/golden/second_order_torch.txt";

    /** One case of the golden file. */
    record GoldenCase(String name, Map<String, Matrix> inputs, Map<String, Matrix> constants, int[] classes,
            Matrix seed, Map<String, Matrix> directions, Matrix value, Map<String, Matrix> grads,
            Map<String, Matrix> products, Matrix hessian) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** dlref's form of each case's function F (before the functional with the seed), from the case and inputs. */
    private static final Map<String, BiFunction<GoldenCase, Tensor[], Tensor>> DLREF = new LinkedHashMap<>();

    static {
        DLREF.put("add", (c, x) -> x[0].plus(x[1]));
        DLREF.put("subtract", (c, x) -> x[0].minus(x[1]));
        DLREF.put("multiply", (c, x) -> x[0].times(x[1]));
        DLREF.put("divide", (c, x) -> x[0].div(x[1]));
        DLREF.put("negate", (c, x) -> x[0].neg());
        DLREF.put("add_scalar", (c, x) -> x[0].plus(0.75));
        DLREF.put("multiply_scalar", (c, x) -> x[0].times(-1.5));
        DLREF.put("matmul", (c, x) -> x[0].matmul(x[1]));
        DLREF.put("transpose_times", (c, x) -> x[0].transposeTimes(x[1]));
        DLREF.put("times_transpose", (c, x) -> x[0].timesTranspose(x[1]));
        DLREF.put("transpose", (c, x) -> x[0].transpose());
        DLREF.put("add_row", (c, x) -> x[0].plusRow(x[1]));
        DLREF.put("sum", (c, x) -> x[0].sum());
        DLREF.put("sum_rows", (c, x) -> x[0].sumRows());
        DLREF.put("sum_cols", (c, x) -> x[0].sumCols());
        DLREF.put("mean", (c, x) -> x[0].mean());
        DLREF.put("exp", (c, x) -> x[0].exp());
        DLREF.put("log", (c, x) -> x[0].log());
        DLREF.put("sqrt", (c, x) -> x[0].sqrt());
        DLREF.put("pow_3", (c, x) -> x[0].pow(3.0));
        DLREF.put("pow_minus_1_5", (c, x) -> x[0].pow(-1.5));
        DLREF.put("sigmoid", (c, x) -> x[0].sigmoid());
        DLREF.put("tanh", (c, x) -> x[0].tanh());
        DLREF.put("softmax", (c, x) -> x[0].softmax());
        DLREF.put("log_softmax", (c, x) -> x[0].logSoftmax());
        DLREF.put("frobenius_norm_squared", (c, x) -> x[0].frobeniusNormSquared());
        DLREF.put("dropout_mask", (c, x) -> x[0].dropoutMask(c.constants().get("mask")));
        DLREF.put("cross_entropy_classes_mean", (c, x) -> x[0].softmaxCrossEntropy(c.classes(), Reduction.MEAN));
        DLREF.put("cross_entropy_classes_sum", (c, x) -> x[0].softmaxCrossEntropy(c.classes(), Reduction.SUM));
        DLREF.put("cross_entropy_classes_none", (c, x) -> x[0].softmaxCrossEntropy(c.classes(), Reduction.NONE));
        DLREF.put("cross_entropy_probabilities_mean",
                (c, x) -> x[0].softmaxCrossEntropy(c.constants().get("targets"), Reduction.MEAN));
        for (Reduction r : Reduction.values()) {
            DLREF.put("bce_with_logits_" + r.name().toLowerCase(java.util.Locale.ROOT),
                    (c, x) -> x[0].binaryCrossEntropyWithLogits(c.constants().get("targets"), r));
        }
        DLREF.put("abs_away_from_kink", (c, x) -> x[0].abs().pow(2.0));
        DLREF.put("relu_away_from_kink", (c, x) -> x[0].relu().pow(2.0));
        DLREF.put("leaky_relu_away_from_kink", (c, x) -> x[0].leakyRelu(0.1).pow(2.0));
        DLREF.put("clamp_away_from_bounds", (c, x) -> x[0].clamp(-0.5, 0.5).pow(2.0));
        DLREF.put("maximum_apart", (c, x) -> x[0].max(x[1]).pow(2.0));
        DLREF.put("max_per_row_distinct", (c, x) -> x[0].maxPerRow().pow(2.0));
        DLREF.put("tanh_of_product_squared", (c, x) -> x[0].matmul(x[1]).tanh().pow(2.0).sum());
        DLREF.put("log_sum_exp_rows", (c, x) -> x[0].exp().sumRows().log());
        DLREF.put("sqrt_over_one_plus_square", (c, x) -> x[0].sqrt().div(x[0].pow(2.0).plus(1.0)));
        DLREF.put("sigmoid_times_softmax", (c, x) -> x[0].sigmoid().times(x[1].softmax()));
        DLREF.put("mlp_tanh_mse", (c, x) -> mlp(c, x).minus(Tensor.constant(c.constants().get("targets")))
                .pow(2.0).mean());
        DLREF.put("mlp_tanh_cross_entropy", (c, x) -> mlp(c, x).softmaxCrossEntropy(c.classes()));
    }

    /** {@code tanh(x W1^T + b1) W2^T + b2}, PyTorch's {@code nn.Linear} convention. */
    private static Tensor mlp(GoldenCase c, Tensor[] p) {
        Tensor x = Tensor.constant(c.constants().get("x"));
        return x.timesTranspose(p[0]).plusRow(p[1]).tanh().timesTranspose(p[2]).plusRow(p[3]);
    }

    /** {@code f(x) = sum(F(x) * u)}, the scalar the script differentiates. */
    private static Tensor functional(GoldenCase c, Tensor[] x) {
        BiFunction<GoldenCase, Tensor[], Tensor> f = Objects.requireNonNull(DLREF.get(c.name()),
                () -> "no dlref form for " + c);
        return f.apply(c, x).times(Tensor.constant(c.seed())).sum();
    }

    static List<GoldenCase> cases() throws IOException {
        List<GoldenCase> cases = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(SecondOrderGoldenTest.class.getResourceAsStream(RESOURCE),
                RESOURCE); BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String name = null;
            Map<String, Map<String, Matrix>> named = null;
            int[] classes = null;
            Matrix seed = null;
            Matrix value = null;
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split(" ");
                switch (f[0]) {
                    case "case" -> {
                        name = f[1];
                        named = new LinkedHashMap<>();
                        for (String kind : List.of("input", "const", "direction", "grad", "hvp")) {
                            named.put(kind, new LinkedHashMap<>());
                        }
                        classes = null;
                    }
                    case "input", "const", "direction", "grad", "hvp" -> named.get(f[0]).put(f[1], matrix(f, 2));
                    case "classes" -> classes = Arrays.stream(f, 1, f.length).mapToInt(Integer::parseInt).toArray();
                    case "seed" -> seed = matrix(f, 1);
                    case "value" -> value = matrix(f, 1);
                    case "hessian" -> cases.add(new GoldenCase(name, named.get("input"), named.get("const"), classes,
                            seed, named.get("direction"), value, named.get("grad"), named.get("hvp"), matrix(f, 1)));
                    case "end" -> {
                        // the case was completed by its hessian line
                    }
                    default -> throw new IllegalStateException(RESOURCE + " line " + lineNumber + ": unknown item '"
                            + f[0] + "'");
                }
            }
        }
        return cases;
    }

    /** {@code rows cols values...} starting at field {@code from}; values are hex floats. */
    private static Matrix matrix(String[] f, int from) {
        int rows = Integer.parseInt(f[from]);
        int cols = Integer.parseInt(f[from + 1]);
        double[] values = new double[rows * cols];
        for (int k = 0; k < values.length; k++) {
            values[k] = Double.parseDouble(f[from + 2 + k]);
        }
        return Matrix.fromRowMajor(rows, cols, values);
    }

    private static void assertClose(String what, Matrix expected, Matrix actual) {
        assertTrue(expected.sameShape(actual), () -> what + ": shape " + actual.shape() + ", expected " + expected.shape());
        for (int k = 0; k < expected.size(); k++) {
            int index = k;
            assertTrue(Tolerances.close(expected.getFlat(k), actual.getFlat(k), Tolerances.GOLDEN_RELATIVE),
                    () -> what + ", entry " + index + " (row-major): PyTorch " + expected.getFlat(index) + ", dlref "
                            + actual.getFlat(index));
        }
    }

    private static Tensor[] leaves(GoldenCase c) {
        return c.inputs().entrySet().stream().map(e -> Tensor.variable(e.getKey(), e.getValue())).toArray(Tensor[]::new);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valueAndGradientAgreeWithPyTorch(GoldenCase c) {
        Tensor[] x = leaves(c);
        Tensor f = functional(c, x);
        assertClose(c + " value", c.value(), f.value());
        List<Tensor> grads = Autograd.grad(f, List.of(x), true);
        for (int i = 0; i < x.length; i++) {
            assertClose(c + " gradient of " + x[i].name(), c.grads().get(x[i].name()), grads.get(i).value());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hessianVectorProductAgreesWithPyTorch(GoldenCase c) {
        Matrix[] point = c.inputs().values().toArray(Matrix[]::new);
        Matrix[] v = c.directions().values().toArray(Matrix[]::new);
        Matrix[] hv = Autograd.hvp(xs -> functional(c, xs), point, v);
        List<String> names = List.copyOf(c.inputs().keySet());
        for (int i = 0; i < hv.length; i++) {
            assertClose(c + " H v, block of " + names.get(i), c.products().get(names.get(i)), hv[i]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hessianAgreesWithPyTorch(GoldenCase c) {
        Matrix h = Autograd.hessian(xs -> functional(c, xs), c.inputs().values().toArray(Matrix[]::new));
        assertClose(c + " Hessian", c.hessian(), h);
    }

    @Test
    void everyGoldenCaseHasADlrefFormAndEveryOpIsCovered() throws Exception {
        Set<String> inFile = cases().stream().map(GoldenCase::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(DLREF.keySet()), inFile);
        Set<String> uncovered = new TreeSet<>();
        for (var op : OpCatalogCompletenessTest.opClassesOnClasspath()) {
            uncovered.add(op.getSimpleName());
        }
        var ops = OpCatalogCompletenessTest.opClassesOnClasspath();
        for (GoldenCase c : cases()) {
            Tensor output = functional(c, leaves(c));
            for (var op : ops) {
                if (OpGradientCheckTest.graphContains(output, op)) {
                    uncovered.remove(op.getSimpleName());
                }
            }
        }
        assertTrue(uncovered.isEmpty(), () -> "ops without a PyTorch second-order golden case: " + uncovered);
        assertEquals(46, cases().size());
    }
}
