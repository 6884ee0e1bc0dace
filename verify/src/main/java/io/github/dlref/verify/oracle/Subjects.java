package io.github.dlref.verify.oracle;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import io.github.dlref.verify.oracle.spec.Component;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The differentiable subjects the golden vectors and the gradient-check sweep cover: every autograd op
 * (with its constant attributes) on inputs drawn for a base shape {@code rows x cols}, away from the op's
 * kinks and inside its domain. Layers and losses are built from spec components ({@link VectorWriter},
 * {@link GradcheckSweep}).
 *
 * <p>Input draws (one {@code new Rng(seed)} per op and shape, in input order, row-major): {@code gaussian}
 * is {@code nextGaussian()}; {@code positive} is {@code 0.5 + 1.5 nextDouble()}; {@code awayFromZero}
 * moves a Gaussian draw {@code 0.1} away from 0; other domains are documented at their op.
 */
public final class Subjects {

    private Subjects() {
    }

    /**
     * One op: its name (the fluent {@link Tensor} method it exercises, in snake case), constant attributes,
     * input names, an input generator and the function.
     *
     * @param name the op's name, such as {@code matmul}
     * @param attributes constant attributes (exponents, slopes, targets, masks), as written into vectors
     * @param inputNames the names of the differentiable inputs
     * @param inputs draws the inputs for a base shape: {@code (rng, {rows, cols})} to matrices
     * @param function the op applied to tensors of those inputs
     */
    public record Op(String name, Map<String, Object> attributes, List<String> inputNames,
            java.util.function.BiFunction<Rng, int[], Matrix[]> inputs, Function<Tensor[], Tensor> function) {
    }

    private static Matrix gaussian(Rng rng, int r, int c) {
        return rng.gaussian(r, c, 0.0, 1.0);
    }

    private static Matrix positive(Rng rng, int r, int c) {
        return rng.uniform(r, c, 0.5, 2.0);
    }

    private static Matrix awayFromZero(Rng rng, int r, int c) {
        return gaussian(rng, r, c).map(x -> x >= 0 ? x + 0.1 : x - 0.1);
    }

    /** Rows whose maximum is at least 0.5 above the rest (a unique argmax, away from the tie kink). */
    private static Matrix distinctRowMax(Rng rng, int r, int c) {
        Matrix g = gaussian(rng, r, c);
        double[] v = g.toRowMajorArray();
        for (int i = 0; i < r; i++) {
            int arg = 0;
            for (int j = 1; j < c; j++) {
                if (v[i * c + j] > v[i * c + arg]) {
                    arg = j;
                }
            }
            v[i * c + arg] += 0.5;
        }
        return Matrix.fromRowMajor(r, c, v);
    }

    /** Class indices {@code rng.nextInt(c)} for each of {@code r} rows. */
    static int[] classes(Rng rng, int r, int c) {
        int[] k = new int[r];
        for (int i = 0; i < r; i++) {
            k[i] = rng.nextInt(c);
        }
        return k;
    }

    /**
     * The ops, for a given seed of their attribute draws (targets and masks are drawn per base shape inside
     * the input generator; attributes hold only what does not depend on the shape).
     *
     * @return the ops in a fixed order
     */
    public static List<Op> ops() {
        List<Op> ops = new ArrayList<>();
        unary(ops, "neg", Map.of(), Subjects::gaussian, t -> t.neg());
        unary(ops, "exp", Map.of(), Subjects::gaussian, t -> t.exp());
        unary(ops, "log", Map.of(), Subjects::positive, t -> t.log());
        unary(ops, "sqrt", Map.of(), Subjects::positive, t -> t.sqrt());
        unary(ops, "pow", Map.of("exponent", 3.0), Subjects::gaussian, t -> t.pow(3.0));
        unary(ops, "pow", Map.of("exponent", 2.5), Subjects::positive, t -> t.pow(2.5));
        unary(ops, "abs", Map.of(), Subjects::awayFromZero, t -> t.abs());
        unary(ops, "relu", Map.of(), Subjects::awayFromZero, t -> t.relu());
        unary(ops, "leaky_relu", Map.of("negative_slope", 0.2), Subjects::awayFromZero, t -> t.leakyRelu(0.2));
        unary(ops, "sigmoid", Map.of(), Subjects::gaussian, t -> t.sigmoid());
        unary(ops, "tanh", Map.of(), Subjects::gaussian, t -> t.tanh());
        unary(ops, "clamp", attrs("min", -0.5, "max", 0.5),
                (rng, r, c) -> gaussian(rng, r, c).map(x -> Math.abs(Math.abs(x) - 0.5) < 0.05 ? x * 1.2 : x),
                t -> t.clamp(-0.5, 0.5));
        unary(ops, "plus_scalar", Map.of("constant", 1.5), Subjects::gaussian, t -> t.plus(1.5));
        unary(ops, "times_scalar", Map.of("factor", -2.0), Subjects::gaussian, t -> t.times(-2.0));
        unary(ops, "transpose", Map.of(), Subjects::gaussian, t -> t.transpose());
        unary(ops, "sum", Map.of(), Subjects::gaussian, t -> t.sum());
        unary(ops, "sum_rows", Map.of(), Subjects::gaussian, t -> t.sumRows());
        unary(ops, "sum_cols", Map.of(), Subjects::gaussian, t -> t.sumCols());
        unary(ops, "mean", Map.of(), Subjects::gaussian, t -> t.mean());
        unary(ops, "frobenius_norm_squared", Map.of(), Subjects::gaussian, t -> t.frobeniusNormSquared());
        unary(ops, "softmax", Map.of(), Subjects::gaussian, t -> t.softmax());
        unary(ops, "log_softmax", Map.of(), Subjects::gaussian, t -> t.logSoftmax());
        unary(ops, "max_per_row", Map.of(), Subjects::distinctRowMax, t -> t.maxPerRow());
        binary(ops, "plus", (rng, s) -> new Matrix[] {gaussian(rng, s[0], s[1]), gaussian(rng, s[0], s[1])},
                t -> t[0].plus(t[1]));
        binary(ops, "minus", (rng, s) -> new Matrix[] {gaussian(rng, s[0], s[1]), gaussian(rng, s[0], s[1])},
                t -> t[0].minus(t[1]));
        binary(ops, "times", (rng, s) -> new Matrix[] {gaussian(rng, s[0], s[1]), gaussian(rng, s[0], s[1])},
                t -> t[0].times(t[1]));
        binary(ops, "div", (rng, s) -> new Matrix[] {gaussian(rng, s[0], s[1]),
            positive(rng, s[0], s[1]).zip(gaussian(rng, s[0], s[1]), (p, g) -> g < 0 ? -p : p)}, t -> t[0].div(t[1]));
        binary(ops, "maximum", (rng, s) -> {
            Matrix a = gaussian(rng, s[0], s[1]);
            Matrix d = awayFromZero(rng, s[0], s[1]);
            return new Matrix[] {a, a.plus(d)};
        }, t -> t[0].max(t[1]));
        binary(ops, "matmul", (rng, s) -> new Matrix[] {gaussian(rng, s[0], s[1]), gaussian(rng, s[1], s[0] + 1)},
                t -> t[0].matmul(t[1]));
        binary(ops, "transpose_times", (rng, s) -> new Matrix[] {gaussian(rng, s[0], s[1]),
            gaussian(rng, s[0], s[1] + 1)}, t -> t[0].transposeTimes(t[1]));
        binary(ops, "times_transpose", (rng, s) -> new Matrix[] {gaussian(rng, s[0], s[1]),
            gaussian(rng, s[0] + 1, s[1])}, t -> t[0].timesTranspose(t[1]));
        binary(ops, "plus_row", (rng, s) -> new Matrix[] {gaussian(rng, s[0], s[1]), gaussian(rng, 1, s[1])},
                t -> t[0].plusRow(t[1]));
        return ops;
    }

    /**
     * The ops whose behaviour depends on constants drawn per shape (a dropout mask, loss targets): each is
     * returned for one base shape, with its constants in {@link Op#attributes()}.
     *
     * @param rng draws the constants
     * @param rows the base shape's rows
     * @param cols the base shape's columns
     * @return the ops, in a fixed order
     */
    public static List<Op> constantOps(Rng rng, int rows, int cols) {
        List<Op> ops = new ArrayList<>();
        Matrix mask = rng.uniform(rows, cols, 0.0, 1.0).map(u -> u >= 0.5 ? 2.0 : 0.0);
        ops.add(new Op("dropout_mask", attrs("mask", mask, "p", 0.5), List.of("a"),
                (r, s) -> new Matrix[] {gaussian(r, s[0], s[1])}, t -> t[0].dropoutMask(mask)));
        int[] k = classes(rng, rows, cols);
        List<Integer> kList = new ArrayList<>();
        for (int x : k) {
            kList.add(x);
        }
        Matrix soft = Tensor.constant(gaussian(rng, rows, cols)).softmax().value();
        Matrix bits = rng.uniform(rows, cols, 0.0, 1.0).map(u -> u < 0.5 ? 0.0 : 1.0);
        for (Reduction red : Reduction.values()) {
            String rn = red.name().toLowerCase(java.util.Locale.ROOT);
            ops.add(new Op("softmax_cross_entropy", attrs("classes", kList, "reduction", rn), List.of("logits"),
                    (r, s) -> new Matrix[] {gaussian(r, s[0], s[1])}, t -> t[0].softmaxCrossEntropy(k, red)));
            ops.add(new Op("softmax_cross_entropy", attrs("targets", soft, "reduction", rn), List.of("logits"),
                    (r, s) -> new Matrix[] {gaussian(r, s[0], s[1])}, t -> t[0].softmaxCrossEntropy(soft, red)));
            ops.add(new Op("binary_cross_entropy_with_logits", attrs("targets", bits, "reduction", rn),
                    List.of("logits"), (r, s) -> new Matrix[] {gaussian(r, s[0], s[1])},
                    t -> t[0].binaryCrossEntropyWithLogits(bits, red)));
        }
        return ops;
    }


    /**
     * A loss (a spec {@code loss} component) with its input domain.
     *
     * @param loss the loss component
     * @param draw draws {@code {prediction, target}} for a base shape {@code (rng, {rows, cols})}
     */
    public record LossCase(Component loss, java.util.function.BiFunction<Rng, int[], Matrix[]> draw) {
    }

    /**
     * A layer (a spec {@code layer} component, output width {@code cols + 1} for linear layers) with its input
     * domain and mode.
     *
     * @param name a name for tables, such as {@code batchnorm(pytorch)/eval}
     * @param layer the layer component
     * @param eval whether the layer runs in evaluation mode (after one training-mode forward pass that
     *     moves its running statistics)
     * @param minRows the smallest batch the layer accepts (2 for PyTorch-convention BatchNorm in training)
     * @param draw draws the input for a base shape
     */
    public record LayerCase(String name, Component layer, boolean eval, int minRows,
            java.util.function.BiFunction<Rng, int[], Matrix> draw) {
    }

    private static Matrix oneHot(Rng rng, int r, int c) {
        int[] k = classes(rng, r, c);
        double[] v = new double[r * c];
        for (int i = 0; i < r; i++) {
            v[i * c + k[i]] = 1.0;
        }
        return Matrix.fromRowMajor(r, c, v);
    }

    private static Matrix probabilities(Rng rng, int r, int c) {
        return Tensor.constant(gaussian(rng, r, c)).softmax().value();
    }

    /**
     * The losses, each reduction of each loss type of the spec format, with inputs inside their domains and
     * away from kinks.
     *
     * @return the loss cases, in a fixed order
     */
    public static List<LossCase> losses() {
        List<LossCase> out = new ArrayList<>();
        for (String red : List.of("mean", "sum")) {
            out.add(new LossCase(Component.of("loss", "mse", "reduction", red),
                    (rng, s) -> new Matrix[] {gaussian(rng, s[0], s[1]), gaussian(rng, s[0], s[1])}));
            out.add(new LossCase(Component.of("loss", "l1", "reduction", red), Subjects::offTarget));
            out.add(new LossCase(Component.of("loss", "sum_of_squares", "reduction", red),
                    (rng, s) -> new Matrix[] {gaussian(rng, s[0], s[1]), gaussian(rng, s[0], s[1])}));
            for (double p : new double[] {1.0, 2.0, 3.0, Double.POSITIVE_INFINITY}) {
                out.add(new LossCase(Component.of("loss", "pnorm", "p", p, "reduction", red), Subjects::offTarget));
            }
            out.add(new LossCase(Component.of("loss", "cross_entropy", "reduction", red),
                    (rng, s) -> new Matrix[] {gaussian(rng, s[0], s[1]), oneHot(rng, s[0], s[1])}));
            out.add(new LossCase(Component.of("loss", "cross_entropy", "reduction", red),
                    (rng, s) -> new Matrix[] {gaussian(rng, s[0], s[1]), probabilities(rng, s[0], s[1])}));
            out.add(new LossCase(Component.of("loss", "softmax_loss", "reduction", red),
                    (rng, s) -> new Matrix[] {gaussian(rng, s[0], s[1]), oneHot(rng, s[0], s[1])}));
            out.add(new LossCase(Component.of("loss", "probability_cross_entropy", "reduction", red),
                    (rng, s) -> new Matrix[] {probabilities(rng, s[0], s[1]), oneHot(rng, s[0], s[1])}));
            out.add(new LossCase(Component.of("loss", "bce", "reduction", red),
                    (rng, s) -> new Matrix[] {rng.uniform(s[0], s[1], 0.05, 0.95), bits(rng, s[0], s[1])}));
            out.add(new LossCase(Component.of("loss", "bce_with_logits", "reduction", red),
                    (rng, s) -> new Matrix[] {gaussian(rng, s[0], s[1]), bits(rng, s[0], s[1])}));
            for (int p : new int[] {1, 2}) {
                out.add(new LossCase(Component.of("loss", "multi_margin", "p", p, "margin", 1.0, "reduction", red),
                        (rng, s) -> new Matrix[] {gaussian(rng, s[0], s[1]), oneHot(rng, s[0], s[1])}));
            }
            out.add(new LossCase(Component.of("loss", "multiclass_hinge", "margin", 1.0, "reduction", red),
                    (rng, s) -> new Matrix[] {gaussian(rng, s[0], s[1]), oneHot(rng, s[0], s[1])}));
        }
        return out;
    }

    /**
     * Issue 21's losses without shape-dependent settings (Huber, smooth L1, KL divergence, negative
     * log-likelihood, cross-entropy with label smoothing), each reduction, inputs inside their domains: log
     * probabilities are {@code logSoftmax} of Gaussian draws. Kept apart from {@link #losses()} so that the
     * committed vectors of the earlier losses keep their seeds; the vectors and the sweep append them.
     *
     * @return the loss cases, in a fixed order
     */
    public static List<LossCase> moreLosses() {
        List<LossCase> out = new ArrayList<>();
        for (String red : List.of("mean", "sum")) {
            out.add(new LossCase(Component.of("loss", "huber", "reduction", red), Subjects::offTarget));
            out.add(new LossCase(Component.of("loss", "huber", "delta", 0.5, "reduction", red), Subjects::offTarget));
            out.add(new LossCase(Component.of("loss", "smooth_l1", "reduction", red), Subjects::offTarget));
            out.add(new LossCase(Component.of("loss", "smooth_l1", "beta", 0.0, "reduction", red), Subjects::offTarget));
            out.add(new LossCase(Component.of("loss", "nll", "reduction", red),
                    (rng, s) -> new Matrix[] {logProbabilities(rng, s[0], s[1]), oneHot(rng, s[0], s[1])}));
            out.add(new LossCase(Component.of("loss", "cross_entropy", "label_smoothing", 0.1, "reduction", red),
                    (rng, s) -> new Matrix[] {gaussian(rng, s[0], s[1]), oneHot(rng, s[0], s[1])}));
            out.add(new LossCase(Component.of("loss", "cross_entropy", "label_smoothing", 0.1, "reduction", red),
                    (rng, s) -> new Matrix[] {gaussian(rng, s[0], s[1]), probabilities(rng, s[0], s[1])}));
        }
        for (String red : List.of("mean", "batchmean", "sum")) {
            out.add(new LossCase(Component.of("loss", "kl_div", "reduction", red),
                    (rng, s) -> new Matrix[] {logProbabilities(rng, s[0], s[1]), probabilities(rng, s[0], s[1])}));
            out.add(new LossCase(Component.of("loss", "kl_div", "reduction", red, "log_target", true),
                    (rng, s) -> new Matrix[] {logProbabilities(rng, s[0], s[1]), logProbabilities(rng, s[0], s[1])}));
        }
        return out;
    }

    /**
     * Issue 21's losses with class weights, one weight per class: {@code w_k = 0.5 + 0.75 k}. Class-index targets
     * (written one-hot) for {@code cross_entropy}, as {@link io.github.dlref.verify.oracle.spec.SpecBuilders#needsClassIndices}
     * says.
     *
     * @param classes the number of classes {@code K} (the base shape's columns)
     * @return the loss cases, in a fixed order
     */
    public static List<LossCase> weightedLosses(int classes) {
        List<Double> w = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            w.add(0.5 + 0.75 * k);
        }
        List<LossCase> out = new ArrayList<>();
        for (String red : List.of("mean", "sum")) {
            out.add(new LossCase(Component.of("loss", "nll", "weight", w, "reduction", red),
                    (rng, s) -> new Matrix[] {logProbabilities(rng, s[0], s[1]), oneHot(rng, s[0], s[1])}));
            out.add(new LossCase(Component.of("loss", "cross_entropy", "weight", w, "reduction", red),
                    (rng, s) -> new Matrix[] {gaussian(rng, s[0], s[1]), oneHot(rng, s[0], s[1])}));
            out.add(new LossCase(Component.of("loss", "cross_entropy", "weight", w, "label_smoothing", 0.2,
                    "reduction", red), (rng, s) -> new Matrix[] {gaussian(rng, s[0], s[1]), oneHot(rng, s[0], s[1])}));
        }
        return out;
    }

    /**
     * PyTorch's {@code ignore_index} for {@code nll} and {@code cross_entropy}: the targets' classes alternate
     * between 1 and {@code K - 1} (row-major, written one-hot) and {@code ignore_index = 1} leaves out the samples of
     * class 1 (the first, third, ...); with class weights {@code w_k = 0.5 + 0.75 k} and label smoothing where named.
     *
     * @param classes the number of classes {@code K} (the base shape's columns), at least 3
     * @return the loss cases, in a fixed order
     */
    public static List<LossCase> ignoreIndexLosses(int classes) {
        List<Double> w = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            w.add(0.5 + 0.75 * k);
        }
        java.util.function.BiFunction<Rng, int[], Matrix> alternating = (rng, s) -> io.github.dlref.nn.losses.Targets
                .oneHot(java.util.stream.IntStream.range(0, s[0]).map(i -> i % 2 == 0 ? 1 : s[1] - 1).toArray(), s[1]);
        List<LossCase> out = new ArrayList<>();
        for (String red : List.of("mean", "sum")) {
            out.add(new LossCase(Component.of("loss", "nll", "ignore_index", 1, "reduction", red),
                    (rng, s) -> new Matrix[] {logProbabilities(rng, s[0], s[1]), alternating.apply(rng, s)}));
            out.add(new LossCase(Component.of("loss", "cross_entropy", "ignore_index", 1, "reduction", red),
                    (rng, s) -> new Matrix[] {gaussian(rng, s[0], s[1]), alternating.apply(rng, s)}));
            out.add(new LossCase(Component.of("loss", "cross_entropy", "weight", w, "label_smoothing", 0.2,
                    "ignore_index", 1, "reduction", red),
                    (rng, s) -> new Matrix[] {gaussian(rng, s[0], s[1]), alternating.apply(rng, s)}));
        }
        out.add(new LossCase(Component.of("loss", "nll", "weight", w, "ignore_index", 1, "reduction", "mean"),
                (rng, s) -> new Matrix[] {logProbabilities(rng, s[0], s[1]), alternating.apply(rng, s)}));
        return out;
    }

    private static Matrix logProbabilities(Rng rng, int r, int c) {
        return Tensor.constant(gaussian(rng, r, c)).logSoftmax().value();
    }

    /**
     * Issue 21's layers: LayerNorm (with and without the affine parameters), GELU in both forms, ELU, SELU, SiLU,
     * Softplus (with a switch inside the drawn range), Hardtanh and LogSoftmax. Kept apart from {@link #layers()} so
     * that the committed vectors of the earlier layers keep their seeds.
     *
     * @return the layer cases, in a fixed order
     */
    public static List<LayerCase> moreLayers() {
        java.util.function.BiFunction<Rng, int[], Matrix> g = (rng, s) -> gaussian(rng, s[0], s[1]);
        java.util.function.BiFunction<Rng, int[], Matrix> away = (rng, s) -> awayFromZero(rng, s[0], s[1]);
        // Hardtanh's bounds -1 and 1 and Softplus's switch (beta 2, threshold 1: x = 0.5) are kinks: move off them
        java.util.function.BiFunction<Rng, int[], Matrix> offBounds = (rng, s) -> gaussian(rng, s[0], s[1])
                .map(x -> Math.abs(Math.abs(x) - 1) < 0.05 || Math.abs(x - 0.5) < 0.05 ? x * 1.2 : x);
        List<LayerCase> out = new ArrayList<>();
        out.add(new LayerCase("layer_norm", Component.of("layer", "layer_norm"), false, 1, g));
        out.add(new LayerCase("layer_norm(elementwise_affine=false)",
                Component.of("layer", "layer_norm", "eps", 1e-3, "elementwise_affine", false), false, 1, g));
        out.add(new LayerCase("gelu", Component.of("layer", "gelu"), false, 1, g));
        out.add(new LayerCase("gelu(approximate=tanh)", Component.of("layer", "gelu", "approximate", "tanh"), false, 1,
                g));
        out.add(new LayerCase("elu", Component.of("layer", "elu"), false, 1, away));
        out.add(new LayerCase("elu(alpha=0.5)", Component.of("layer", "elu", "alpha", 0.5), false, 1, away));
        out.add(new LayerCase("selu", Component.of("layer", "selu"), false, 1, away));
        out.add(new LayerCase("silu", Component.of("layer", "silu"), false, 1, g));
        out.add(new LayerCase("softplus", Component.of("layer", "softplus"), false, 1, g));
        out.add(new LayerCase("softplus(beta=2, threshold=1)", Component.of("layer", "softplus", "beta", 2.0,
                "threshold", 1.0), false, 1, offBounds));
        out.add(new LayerCase("hardtanh", Component.of("layer", "hardtanh"), false, 1, offBounds));
        out.add(new LayerCase("log_softmax", Component.of("layer", "log_softmax"), false, 1, g));
        return out;
    }

    private static Matrix[] offTarget(Rng rng, int[] s) {
        Matrix target = gaussian(rng, s[0], s[1]);
        return new Matrix[] {target.plus(awayFromZero(rng, s[0], s[1])), target};
    }

    private static Matrix bits(Rng rng, int r, int c) {
        return rng.uniform(r, c, 0.0, 1.0).map(u -> u < 0.5 ? 0.0 : 1.0);
    }

    /**
     * The layers: every layer type of the spec format (dropout as its mask op, since a layer draws a new mask
     * on every call), BatchNorm in both conventions, in training and evaluation mode.
     *
     * @return the layer cases, in a fixed order
     */
    public static List<LayerCase> layers() {
        java.util.function.BiFunction<Rng, int[], Matrix> g = (rng, s) -> gaussian(rng, s[0], s[1]);
        java.util.function.BiFunction<Rng, int[], Matrix> away = (rng, s) -> awayFromZero(rng, s[0], s[1]);
        List<LayerCase> out = new ArrayList<>();
        out.add(new LayerCase("linear", Component.of("layer", "linear", "out", 3), false, 1, g));
        out.add(new LayerCase("linear(bias=false)", Component.of("layer", "linear", "out", 2, "bias", false), false, 1, g));
        out.add(new LayerCase("relu", Component.of("layer", "relu"), false, 1, away));
        out.add(new LayerCase("leaky_relu", Component.of("layer", "leaky_relu", "negative_slope", 0.2), false, 1, away));
        out.add(new LayerCase("sigmoid", Component.of("layer", "sigmoid"), false, 1, g));
        out.add(new LayerCase("tanh", Component.of("layer", "tanh"), false, 1, g));
        out.add(new LayerCase("softmax", Component.of("layer", "softmax"), false, 1, g));
        out.add(new LayerCase("identity", Component.of("layer", "identity"), false, 1, g));
        for (String conv : List.of("pytorch", "keras")) {
            Component bn = Component.of("layer", "batchnorm", "convention", conv);
            out.add(new LayerCase("batchnorm(" + conv + ")/train", bn, false, conv.equals("pytorch") ? 2 : 1, g));
            out.add(new LayerCase("batchnorm(" + conv + ")/eval", bn, true, 2, g));
        }
        return out;
    }

    private static Map<String, Object> attrs(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private interface Draw {
        Matrix draw(Rng rng, int rows, int cols);
    }

    private static void unary(List<Op> ops, String name, Map<String, Object> attributes, Draw draw,
            Function<Tensor, Tensor> f) {
        ops.add(new Op(name, new LinkedHashMap<>(attributes), List.of("a"),
                (rng, s) -> new Matrix[] {draw.draw(rng, s[0], s[1])}, t -> f.apply(t[0])));
    }

    private static void binary(List<Op> ops, String name, java.util.function.BiFunction<Rng, int[], Matrix[]> inputs,
            Function<Tensor[], Tensor> f) {
        ops.add(new Op(name, Map.of(), List.of("a", "b"), inputs, f));
    }
}
