package io.github.dlref.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every op against PyTorch float64: forward values and vector-Jacobian products {@code seed^T J} recorded by the
 * checked-in script {@code src/test/resources/golden/ops_torch.py} (torch 1.13) in {@code ops_torch.txt}, compared
 * to {@link Tolerances#GOLDEN_RELATIVE}. Several inputs sit exactly on kinks (ReLU, abs and leaky ReLU at 0, clamp
 * at its bounds, ties of maximum and max per row), so PyTorch's conventions at those points are checked too.
 */
class OpGoldenTest {

    private static final String RESOURCE = "/golden/ops_torch.txt";

    /** One case of the golden file. */
    record GoldenCase(String name, Map<String, Matrix> inputs, Map<String, Matrix> constants, int[] classes,
            Matrix seed, Matrix output, Map<String, Matrix> grads) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** How dlref computes each case, from the case's tensors (inputs in file order) and its constants. */
    private static final Map<String, Function<GoldenCase, Function<List<Tensor>, Tensor>>> DLREF = new LinkedHashMap<>();

    static {
        DLREF.put("add", c -> x -> x.get(0).plus(x.get(1)));
        DLREF.put("subtract", c -> x -> x.get(0).minus(x.get(1)));
        DLREF.put("multiply", c -> x -> x.get(0).times(x.get(1)));
        DLREF.put("divide", c -> x -> x.get(0).div(x.get(1)));
        DLREF.put("negate", c -> x -> x.get(0).neg());
        DLREF.put("add_scalar", c -> x -> x.get(0).plus(0.75));
        DLREF.put("multiply_scalar", c -> x -> x.get(0).times(-1.5));
        DLREF.put("matmul", c -> x -> x.get(0).matmul(x.get(1)));
        DLREF.put("transpose_times", c -> x -> x.get(0).transposeTimes(x.get(1)));
        DLREF.put("times_transpose", c -> x -> x.get(0).timesTranspose(x.get(1)));
        DLREF.put("transpose", c -> x -> x.get(0).transpose());
        DLREF.put("add_row", c -> x -> x.get(0).plusRow(x.get(1)));
        DLREF.put("sum", c -> x -> x.get(0).sum());
        DLREF.put("sum_rows", c -> x -> x.get(0).sumRows());
        DLREF.put("sum_cols", c -> x -> x.get(0).sumCols());
        DLREF.put("mean", c -> x -> x.get(0).mean());
        DLREF.put("exp", c -> x -> x.get(0).exp());
        DLREF.put("log", c -> x -> x.get(0).log());
        DLREF.put("sqrt", c -> x -> x.get(0).sqrt());
        DLREF.put("pow_3", c -> x -> x.get(0).pow(3.0));
        DLREF.put("pow_minus_1_5", c -> x -> x.get(0).pow(-1.5));
        DLREF.put("abs", c -> x -> x.get(0).abs());
        DLREF.put("relu", c -> x -> x.get(0).relu());
        DLREF.put("leaky_relu", c -> x -> x.get(0).leakyRelu(0.1));
        DLREF.put("sigmoid", c -> x -> x.get(0).sigmoid());
        DLREF.put("tanh", c -> x -> x.get(0).tanh());
        DLREF.put("softmax", c -> x -> x.get(0).softmax());
        DLREF.put("log_softmax", c -> x -> x.get(0).logSoftmax());
        DLREF.put("max_per_row", c -> x -> x.get(0).maxPerRow());
        DLREF.put("maximum", c -> x -> x.get(0).max(x.get(1)));
        DLREF.put("clamp", c -> x -> x.get(0).clamp(-0.5, 0.5));
        DLREF.put("frobenius_norm_squared", c -> x -> x.get(0).frobeniusNormSquared());
        DLREF.put("dropout_mask", c -> x -> x.get(0).dropoutMask(c.constants().get("mask")));
        DLREF.put("cross_entropy_classes_mean", c -> x -> x.get(0).softmaxCrossEntropy(c.classes(), Reduction.MEAN));
        DLREF.put("cross_entropy_classes_sum", c -> x -> x.get(0).softmaxCrossEntropy(c.classes(), Reduction.SUM));
        DLREF.put("cross_entropy_classes_none", c -> x -> x.get(0).softmaxCrossEntropy(c.classes(), Reduction.NONE));
        DLREF.put("cross_entropy_probabilities_mean",
                c -> x -> x.get(0).softmaxCrossEntropy(c.constants().get("targets"), Reduction.MEAN));
        DLREF.put("cross_entropy_large_logits_none",
                c -> x -> x.get(0).softmaxCrossEntropy(c.classes(), Reduction.NONE));
        DLREF.put("bce_with_logits_mean",
                c -> x -> x.get(0).binaryCrossEntropyWithLogits(c.constants().get("targets"), Reduction.MEAN));
        DLREF.put("bce_with_logits_sum",
                c -> x -> x.get(0).binaryCrossEntropyWithLogits(c.constants().get("targets"), Reduction.SUM));
        DLREF.put("bce_with_logits_none",
                c -> x -> x.get(0).binaryCrossEntropyWithLogits(c.constants().get("targets"), Reduction.NONE));
        DLREF.put("bce_with_logits_large_logits_none",
                c -> x -> x.get(0).binaryCrossEntropyWithLogits(c.constants().get("targets"), Reduction.NONE));
    }

    static List<GoldenCase> cases() throws IOException {
        List<GoldenCase> cases = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(OpGoldenTest.class.getResourceAsStream(RESOURCE), RESOURCE);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String name = null;
            Map<String, Matrix> inputs = null;
            Map<String, Matrix> constants = null;
            Map<String, Matrix> grads = null;
            int[] classes = null;
            Matrix seed = null;
            Matrix output = null;
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
                        inputs = new LinkedHashMap<>();
                        constants = new LinkedHashMap<>();
                        grads = new LinkedHashMap<>();
                        classes = null;
                    }
                    case "input" -> inputs.put(f[1], matrix(f, 2));
                    case "const" -> constants.put(f[1], matrix(f, 2));
                    case "grad" -> grads.put(f[1], matrix(f, 2));
                    case "classes" -> classes = Arrays.stream(f, 1, f.length).mapToInt(Integer::parseInt).toArray();
                    case "seed" -> seed = matrix(f, 1);
                    case "output" -> output = matrix(f, 1);
                    case "end" -> cases.add(new GoldenCase(name, inputs, constants, classes, seed, output, grads));
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithPyTorch(GoldenCase c) {
        Function<List<Tensor>, Tensor> f = Objects.requireNonNull(DLREF.get(c.name()), () -> "no dlref form for " + c)
                .apply(c);
        List<Tensor> inputs = new ArrayList<>();
        c.inputs().forEach((name, value) -> inputs.add(Tensor.variable(name, value)));
        Tensor output = f.apply(inputs);
        assertClose(c + " output", c.output(), output.value());
        output.backward(c.seed());
        for (Tensor input : inputs) {
            assertClose(c + " gradient of " + input.name(), c.grads().get(input.name()), input.grad());
        }
    }

    @Test
    void everyGoldenCaseHasADlrefFormAndEveryOpIsCovered() throws Exception {
        Set<String> inFile = cases().stream().map(GoldenCase::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(DLREF.keySet()), inFile);
        Set<String> uncovered = new TreeSet<>();
        for (var op : OpCatalogCompletenessTest.opClassesOnClasspath()) {
            uncovered.add(op.getSimpleName());
        }
        for (GoldenCase c : cases()) {
            List<Tensor> inputs = new ArrayList<>();
            c.inputs().forEach((name, value) -> inputs.add(Tensor.variable(name, value)));
            Tensor output = DLREF.get(c.name()).apply(c).apply(inputs);
            for (var op : OpCatalogCompletenessTest.opClassesOnClasspath()) {
                if (OpGradientCheckTest.graphContains(output, op)) {
                    uncovered.remove(op.getSimpleName());
                }
            }
        }
        assertTrue(uncovered.isEmpty(), () -> "ops without a PyTorch golden case: " + uncovered);
    }
}
