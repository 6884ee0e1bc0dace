package io.github.dlref.verify.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.dlref.math.Matrix;
import io.github.dlref.verify.TestTolerances;
import io.github.dlref.verify.oracle.spec.Spec;
import io.github.dlref.verify.oracle.spec.SpecParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code dlref run} against PyTorch float64, through spec files only (no library calls in the test):
 * <ul>
 *   <li>every optimizer and schedule case of the optim module's golden trajectories on its "mlp" problem
 *       (2-3-1 ReLU network, mean squared error, 4 samples, full batch, 10 steps): parameters after every
 *       step, the learning rate of every step, and the optimizer state after the last step;</li>
 *   <li>the nn module's golden network ({@code mlp_cross_entropy}: loss and gradients), every loss case
 *       (loss value, and the gradient through an identity linear layer), and the BatchNorm running
 *       statistics of both conventions over three batches.</li>
 * </ul>
 * Tolerance: 1e-12 relative to the largest magnitude of the same matrix (as the optim module's own golden
 * test: the two sides compute the same gradients in different summation orders).
 */
class RunMatchesPyTorchGoldenTest {

    static final double RELATIVE = TestTolerances.PYTORCH_NORMWISE_RELATIVE;
    static double worst;
    static long compared;

    static final String MLP_MODEL = """
            "model": {"input": 2, "layers": [{"type": "linear", "out": 3}, {"type": "relu"},
                                              {"type": "linear", "out": 1}]},
            "parameters": {"values": {"0.weight": [[0.1, -0.2], [0.4, 0.3], [-0.5, 0.6]],
                                      "0.bias": [[0.05, -0.1, 0.2]], "2.weight": [[0.3, -0.6, 0.9]],
                                      "2.bias": [[0.1]]}},
            "data": {"inputs": [[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0], [1.0, 1.0]],
                     "targets": [[1.0], [-0.5], [0.25], [2.0]]},
            "loss": {"type": "mse"},
            "training": {"steps": 10},
            "output": {"optimizer_state": true},
            """;

    /** Case name -> optimizer JSON and optional schedule JSON, transcribed from make_golden.py's CASES. */
    static final Map<String, String[]> CASES = new LinkedHashMap<>();

    static {
        String sgd = "{\"type\": \"sgd\", \"preset\": \"pytorch\", \"lr\": 0.1";
        String sgdM = sgd + ", \"momentum\": 0.9}";
        CASES.put("sgd_plain", new String[] {sgd + "}", null});
        CASES.put("sgd_momentum", new String[] {sgdM, null});
        CASES.put("sgd_dampening", new String[] {sgd + ", \"momentum\": 0.9, \"dampening\": 0.3}", null});
        CASES.put("sgd_nesterov", new String[] {sgd + ", \"momentum\": 0.9, \"nesterov\": true}", null});
        CASES.put("sgd_weight_decay", new String[] {sgd + ", \"weight_decay\": 0.1}", null});
        CASES.put("sgd_nesterov_weight_decay", new String[] {sgd
                + ", \"momentum\": 0.9, \"nesterov\": true, \"weight_decay\": 0.1}", null});
        String ada = "{\"type\": \"adagrad\", \"preset\": \"pytorch\", \"lr\": 0.1";
        CASES.put("adagrad_default", new String[] {ada + "}", null});
        CASES.put("adagrad_lr_decay", new String[] {ada + ", \"lr_decay\": 0.05}", null});
        CASES.put("adagrad_initial_accumulator", new String[] {ada + ", \"initial_accumulator_value\": 0.5}", null});
        CASES.put("adagrad_eps", new String[] {ada + ", \"eps\": 1e-3}", null});
        CASES.put("adagrad_weight_decay", new String[] {ada + ", \"weight_decay\": 0.1}", null});
        String rms = "{\"type\": \"rmsprop\", \"preset\": \"pytorch\", \"lr\": 0.01";
        CASES.put("rmsprop_default", new String[] {rms + "}", null});
        CASES.put("rmsprop_centered", new String[] {rms + ", \"centered\": true}", null});
        CASES.put("rmsprop_momentum", new String[] {rms + ", \"momentum\": 0.9}", null});
        CASES.put("rmsprop_centered_momentum", new String[] {rms + ", \"centered\": true, \"momentum\": 0.9}", null});
        CASES.put("rmsprop_alpha_eps_weight_decay", new String[] {rms
                + ", \"alpha\": 0.9, \"eps\": 1e-4, \"weight_decay\": 0.1}", null});
        String adam = "{\"type\": \"adam\", \"preset\": \"pytorch\", \"lr\": 0.1";
        String adamw = "{\"type\": \"adamw\", \"preset\": \"pytorch\", \"lr\": 0.1, \"weight_decay\": 0.1";
        CASES.put("adam_default", new String[] {adam + "}", null});
        CASES.put("adam_betas_eps", new String[] {adam + ", \"betas\": [0.8, 0.99], \"eps\": 1e-6}", null});
        CASES.put("adam_weight_decay", new String[] {adam + ", \"weight_decay\": 0.1}", null});
        CASES.put("adam_amsgrad", new String[] {adam + ", \"amsgrad\": true}", null});
        CASES.put("adamw", new String[] {adamw + "}", null});
        CASES.put("adamw_amsgrad", new String[] {adamw + ", \"amsgrad\": true}", null});
        CASES.put("sched_step", new String[] {sgdM, "{\"type\": \"step\", \"step_size\": 3, \"gamma\": 0.5}"});
        CASES.put("sched_multistep", new String[] {sgdM, "{\"type\": \"multistep\", \"milestones\": [2, 5], "
                + "\"gamma\": 0.1}"});
        CASES.put("sched_exponential", new String[] {sgdM, "{\"type\": \"exponential\", \"gamma\": 0.8}"});
        CASES.put("sched_inverse_time", new String[] {sgdM, "{\"type\": \"inverse_time\", \"decay_rate\": 0.5}"});
        CASES.put("sched_power", new String[] {sgdM, "{\"type\": \"power\", \"power\": 0.5}"});
        CASES.put("sched_polynomial", new String[] {sgdM, "{\"type\": \"polynomial\", \"total_iters\": 8, "
                + "\"power\": 2.0}"});
        CASES.put("sched_cosine", new String[] {sgdM, "{\"type\": \"cosine\", \"T_max\": 8, \"eta_min\": 0.001}"});
        CASES.put("sched_linear_warmup", new String[] {sgdM, "{\"type\": \"linear\", \"start_factor\": 0.25, "
                + "\"end_factor\": 1.0, \"total_iters\": 4}"});
        CASES.put("sched_adam_cosine", new String[] {adam + "}", "{\"type\": \"cosine\", \"T_max\": 10}"});
    }

    /** PyTorch parameter names of the golden "mlp" problem, in our naming. */
    static final Map<String, String> NAMES = Map.of("W1", "0.weight", "b1", "0.bias", "W2", "2.weight", "b2", "2.bias");

    static Stream<String> cases() {
        return CASES.keySet().stream();
    }

    @Test
    void everyGoldenCaseIsCovered() {
        List<String> golden = GoldenFiles.optim().stream().map(GoldenFiles.Row::caseName).distinct().toList();
        assertEquals(golden, List.copyOf(CASES.keySet()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void optimizerCaseOnTheMlpProblem(String name) {
        String[] c = CASES.get(name);
        String text = "{\"format\": \"dlref.spec.v1\", " + MLP_MODEL + "\"optimizer\": " + c[0]
                + (c[1] == null ? "" : ", \"schedule\": " + c[1]) + "}";
        Spec spec = SpecParser.parse(text);
        Trajectory t = Runner.run(spec);
        List<GoldenFiles.Row> rows = GoldenFiles.optim().stream()
                .filter(r -> r.caseName().equals(name) && r.problem().equals("mlp")).toList();
        int checked = 0;
        for (String pt : NAMES.keySet()) {
            String ours = NAMES.get(pt);
            for (int step = 1; step <= 10; step++) {
                final int s = step;
                double[] expected = rows.stream().filter(r -> r.kind().equals("param") && r.name().equals(pt)
                        && r.step() == s).mapToDouble(GoldenFiles.Row::value).toArray();
                compare(name + " step " + step + " " + ours, expected,
                        t.steps().get(step - 1).parameters().get(ours).toRowMajorArray());
                checked++;
            }
            Trajectory.ParameterStateRecord state = t.steps().get(9).optimizerState().get(ours);
            for (GoldenFiles.Row r : rows) {
                if (r.kind().equals("state") && r.name().startsWith(pt + ".")) {
                    String key = r.name().substring(pt.length() + 1);
                    double actual = key.equals("step") ? state.step()
                            : state.buffers().get(key).toRowMajorArray()[r.index()];
                    double[] all = rows.stream().filter(x -> x.kind().equals("state") && x.name().equals(r.name()))
                            .mapToDouble(GoldenFiles.Row::value).toArray();
                    compareOne(name + " state " + r.name() + "[" + r.index() + "]", r.value(), actual, all);
                    checked++;
                }
            }
        }
        if (c[1] != null) {
            for (int step = 0; step < 10; step++) {
                final int s = step;
                double expected = rows.stream().filter(r -> r.kind().equals("lr") && r.step() == s)
                        .sorted((a, b) -> a.name().compareTo(b.name())) // "closed" before "last"
                        .findFirst().orElseThrow().value();
                compareOne(name + " lr of step " + (step + 1), expected, t.steps().get(step).learningRate().get(),
                        new double[] {expected});
                checked++;
            }
        }
        assertTrue(checked >= 40, name + ": only " + checked + " comparisons");
    }

    @Test
    void nnGoldenNetworkLossAndGradients() {
        Map<String, Matrix> g = GoldenFiles.nn().get("mlp_cross_entropy");
        double[] classes = g.get("classes").toRowMajorArray();
        StringBuilder cls = new StringBuilder();
        for (double c : classes) {
            cls.append(cls.length() == 0 ? "" : ", ").append((int) c);
        }
        String text = "{\"format\": \"dlref.spec.v1\", \"model\": {\"input\": 3, \"layers\": [{\"type\": \"linear\", "
                + "\"out\": 4}, {\"type\": \"tanh\"}, {\"type\": \"linear\", \"out\": 2}]}, \"parameters\": {\"values\": {"
                + "\"0.weight\": " + json(g.get("0.weight")) + ", \"0.bias\": " + json(g.get("0.bias"))
                + ", \"2.weight\": " + json(g.get("2.weight")) + ", \"2.bias\": " + json(g.get("2.bias")) + "}}, "
                + "\"data\": {\"inputs\": " + json(g.get("x")) + ", \"classes\": [" + cls + "]}, "
                + "\"loss\": {\"type\": \"cross_entropy\"}, \"optimizer\": {\"type\": \"sgd\", \"preset\": \"pytorch\", "
                + "\"lr\": 0.1}, \"training\": {\"steps\": 1}}";
        Trajectory.Step step = Runner.run(SpecParser.parse(text)).steps().get(0);
        compareOne("mlp_cross_entropy loss", g.get("loss").get(0, 0), step.loss(), new double[] {g.get("loss").get(0, 0)});
        for (String p : List.of("0.weight", "0.bias", "2.weight", "2.bias")) {
            compare("mlp_cross_entropy d" + p, g.get("d" + p).toRowMajorArray(), step.gradients().get(p).toRowMajorArray());
        }
    }

    static Stream<String> lossCases() {
        return GoldenFiles.nn().keySet().stream().filter(k -> k.matches("(mse|l1|sum_of_squares|pnorm|cross_entropy"
                + "|probability_cross_entropy|softmax_loss|bce|bce_with_logits|multi_margin|multiclass_hinge)_.*"));
    }

    /**
     * A loss case as a spec: an identity linear layer (weight I, bias 0, so the prediction is the input
     * exactly) feeds the golden prediction to the loss; the loss must equal PyTorch's, the weight's
     * gradient must equal {@code grad^T prediction} and the bias's the column sums of PyTorch's
     * {@code grad}.
     */
    @ParameterizedTest
    @MethodSource("lossCases")
    void lossCaseThroughAnIdentityLayer(String name) {
        Map<String, Matrix> g = GoldenFiles.nn().get(name);
        Matrix prediction = g.get("prediction");
        int d = prediction.cols();
        String type = name.replaceAll("_(mean|sum|classes_mean|classes_sum|soft_mean|soft_sum|onehot_sum|edges_sum|1"
                + "|2|inf|3|p\\d_m[0-9.]+|m[0-9.]+)$", "");
        String reduction = name.contains("_sum") ? "sum" : "mean";
        StringBuilder loss = new StringBuilder("{\"type\": \"" + type + "\", \"reduction\": \"" + reduction + "\"");
        if (g.containsKey("p")) {
            double p = g.get("p").get(0, 0);
            loss.append(", \"p\": ").append(type.equals("multi_margin") ? Integer.toString((int) p)
                    : Double.isInfinite(p) ? "\"Infinity\"" : Double.toString(p));
        }
        if (g.containsKey("margin")) {
            loss.append(", \"margin\": ").append(g.get("margin").get(0, 0));
        }
        loss.append('}');
        String text = "{\"format\": \"dlref.spec.v1\", \"model\": {\"input\": " + d + ", \"layers\": [{\"type\": "
                + "\"linear\", \"out\": " + d + "}]}, \"parameters\": {\"values\": {\"0.weight\": "
                + json(Matrix.identity(d)) + ", \"0.bias\": " + json(Matrix.zeros(1, d)) + "}}, \"data\": {\"inputs\": "
                + json(prediction) + ", \"targets\": " + json(g.get("target")) + "}, \"loss\": " + loss
                + ", \"optimizer\": {\"type\": \"sgd\", \"preset\": \"pytorch\", \"lr\": 0.0}, \"training\": {\"steps\": 1}}";
        Trajectory.Step step = Runner.run(SpecParser.parse(text)).steps().get(0);
        double expectedLoss = g.get("loss").get(0, 0);
        compareOne(name + " loss", expectedLoss, step.loss(), new double[] {expectedLoss});
        Matrix grad = g.get("grad");
        compare(name + " dweight", grad.transposeTimes(prediction).toRowMajorArray(),
                step.gradients().get("0.weight").toRowMajorArray());
        compare(name + " dbias", grad.sumCols().toRowMajorArray(), step.gradients().get("0.bias").toRowMajorArray());
    }

    /**
     * BatchNorm alone over the golden batches x0, x1, x2 (15 rows, batch size 5, no shuffling, learning rate
     * 0): the running statistics after each step must be PyTorch's ({@code batchnorm_pytorch}) and Keras's
     * formula evaluated by torch ({@code batchnorm_keras}).
     */
    @ParameterizedTest
    @MethodSource("batchNormCases")
    void batchNormRunningStatistics(String name) {
        Map<String, Matrix> g = GoldenFiles.nn().get(name);
        Matrix x = Matrix.concatRows(g.get("x0"), g.get("x1"), g.get("x2"));
        String convention = name.endsWith("keras") ? "keras" : "pytorch";
        String text = "{\"format\": \"dlref.spec.v1\", \"model\": {\"input\": 3, \"layers\": [{\"type\": \"batchnorm\", "
                + "\"convention\": \"" + convention + "\", \"eps\": " + g.get("eps").get(0, 0) + ", \"momentum\": "
                + g.get("momentum").get(0, 0) + "}]}, \"parameters\": {\"values\": {\"0.weight\": " + json(g.get("gamma"))
                + ", \"0.bias\": " + json(g.get("beta")) + "}}, \"data\": {\"inputs\": " + json(x) + ", \"targets\": "
                + json(Matrix.zeros(15, 3)) + "}, \"loss\": {\"type\": \"mse\"}, \"optimizer\": {\"type\": \"sgd\", "
                + "\"preset\": \"pytorch\", \"lr\": 0.0}, \"training\": {\"steps\": 3, \"batch_size\": 5}}";
        Trajectory t = Runner.run(SpecParser.parse(text));
        for (int k = 0; k < 3; k++) {
            compare(name + " running_mean" + k, g.get("running_mean" + k).toRowMajorArray(),
                    t.steps().get(k).buffers().get("0.running_mean").toRowMajorArray());
            compare(name + " running_var" + k, g.get("running_var" + k).toRowMajorArray(),
                    t.steps().get(k).buffers().get("0.running_var").toRowMajorArray());
        }
    }

    static Stream<String> batchNormCases() {
        return Stream.of("batchnorm_pytorch", "batchnorm_keras");
    }

    static String json(Matrix m) {
        StringBuilder sb = new StringBuilder("[");
        for (int r = 0; r < m.rows(); r++) {
            sb.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < m.cols(); c++) {
                double v = m.get(r, c);
                sb.append(c == 0 ? "" : ", ").append(Double.isFinite(v) ? Double.toString(v) : "\"" + v + "\"");
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }

    static void compare(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            compareOne(what + "[" + i + "]", expected[i], actual[i], expected);
        }
    }

    /** Normwise: {@code |a - e| <= 1e-12 max_j |e_j|} over the matrix the value belongs to. */
    static void compareOne(String what, double expected, double actual, double[] matrix) {
        double norm = 0.0;
        for (double e : matrix) {
            norm = Math.max(norm, Math.abs(e));
        }
        double err = norm == 0.0 ? (actual == expected ? 0.0 : Double.POSITIVE_INFINITY)
                : Math.abs(actual - expected) / norm;
        compared++;
        worst = Math.max(worst, err);
        if (!(err <= RELATIVE)) {
            fail(what + ": ours " + actual + ", PyTorch " + expected + ", normwise relative error " + err);
        }
    }

    @AfterAll
    static void report() {
        System.out.println("RunMatchesPyTorchGoldenTest: " + compared + " values, worst normwise relative error "
                + worst);
    }
}
