package io.github.dlref.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Autograd;
import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Parameter;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.check.GradCheck;
import io.github.dlref.autograd.check.GradCheckReport;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import io.github.dlref.nn.layers.BatchNorm;
import io.github.dlref.nn.layers.Dropout;
import io.github.dlref.nn.layers.ELU;
import io.github.dlref.nn.layers.GELU;
import io.github.dlref.nn.layers.Identity;
import io.github.dlref.nn.layers.LayerNorm;
import io.github.dlref.nn.layers.LeakyReLU;
import io.github.dlref.nn.layers.Linear;
import io.github.dlref.nn.layers.LogSoftmax;
import io.github.dlref.nn.layers.ReLU;
import io.github.dlref.nn.layers.SELU;
import io.github.dlref.nn.layers.SiLU;
import io.github.dlref.nn.layers.Sigmoid;
import io.github.dlref.nn.layers.Softmax;
import io.github.dlref.nn.layers.Tanh;
import io.github.dlref.nn.losses.BCELoss;
import io.github.dlref.nn.losses.BCEWithLogitsLoss;
import io.github.dlref.nn.losses.CrossEntropyLoss;
import io.github.dlref.nn.losses.HuberLoss;
import io.github.dlref.nn.losses.KLDivLoss;
import io.github.dlref.nn.losses.L1Loss;
import io.github.dlref.nn.losses.Loss;
import io.github.dlref.nn.losses.MSELoss;
import io.github.dlref.nn.losses.MultiMarginLoss;
import io.github.dlref.nn.losses.MulticlassHingeLoss;
import io.github.dlref.nn.losses.NLLLoss;
import io.github.dlref.nn.losses.PNormLoss;
import io.github.dlref.nn.losses.ProbabilityCrossEntropyLoss;
import io.github.dlref.nn.losses.SmoothL1Loss;
import io.github.dlref.nn.losses.SoftmaxLoss;
import io.github.dlref.nn.losses.SumOfSquaresLoss;
import io.github.dlref.nn.losses.Targets;
import io.github.dlref.nn.ops.BinaryCrossEntropy;
import io.github.dlref.nn.ops.Elu;
import io.github.dlref.nn.ops.Gelu;
import io.github.dlref.nn.ops.Hardtanh;
import io.github.dlref.nn.ops.HuberElementwise;
import io.github.dlref.nn.ops.NormalCdf;
import io.github.dlref.nn.ops.ProbabilityCrossEntropy;
import io.github.dlref.nn.ops.RowNorm;
import io.github.dlref.nn.ops.Silu;
import io.github.dlref.nn.ops.Softplus;
import io.github.dlref.nn.ops.WeightedPick;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Second derivatives through every op of {@code nn.ops}, every layer and every loss: the second-order check
 * ({@link GradCheck#gradGradCheck}, PyTorch's {@code gradgradcheck}) on seeded inputs, the first derivatives that
 * the differentiable backward rules build against the fast rules (bit for bit; a zero may differ in sign where a
 * mask multiplies), the Hessian-vector products with respect to the parameters of the layers that have them against
 * central differences of the gradient, and the twice-differentiability each subject declares against the flags of
 * the ops in its graph ({@link Op#isTwiceDifferentiable()}).
 *
 * <p>Subjects that are not twice differentiable everywhere (ReLU-like kinks, the Hardtanh bounds, Huber and smooth
 * L1 at {@code |d| = delta}, ELU/SELU at 0, Softplus at its switch, the p-norm at zero entries and ties, the hinge
 * losses at their margins, BCE's clamps) are checked at points kept away from those places (each subject says
 * which); at a few of the kinks the second-order check is shown to fail rather than pass silently.
 */
class SecondOrderSweepTest {

    /**
     * One function checked.
     *
     * @param name the label
     * @param covers the op, layer or loss class it covers
     * @param twiceDifferentiable whether every op of its graph declares second derivatives everywhere
     * @param awayFrom for the others: the points the inputs are kept away from
     * @param f the function of the checked inputs
     * @param point the inputs, all checked
     */
    record Subject(String name, Class<?> covers, boolean twiceDifferentiable, String awayFrom,
            GradCheck.TensorFunction f, Matrix... point) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final long SEED = 2100L;

    /** Moves every entry within {@code 0.05} of one of the points by {@code +0.1}, away from all of them. */
    private static Matrix awayFrom(Matrix x, double... points) {
        return x.map(v -> {
            double moved = v;
            for (int round = 0; round < 3; round++) {
                for (double p : points) {
                    if (Math.abs(moved - p) < 0.05) {
                        moved += 0.1;
                    }
                }
            }
            return moved;
        });
    }

    private static Matrix gaussian(long seed, int rows, int cols) {
        return TestData.gaussian(seed, rows, cols);
    }

    private static Subject smooth(String name, Class<?> covers, GradCheck.TensorFunction f, Matrix... point) {
        return new Subject(name, covers, true, "", f, point);
    }

    private static Subject kinked(String name, Class<?> covers, String awayFrom, GradCheck.TensorFunction f,
            Matrix... point) {
        return new Subject(name, covers, false, awayFrom, f, point);
    }

    private static Subject op(String name, Supplier<Op> op, boolean twice, String awayFrom, Matrix x) {
        return new Subject(name, op.get().getClass(), twice, awayFrom, in -> Tensor.apply(op.get(), in[0]), x);
    }

    private static Subject layer(String name, Module m, boolean twice, String awayFrom, Matrix x) {
        return new Subject(name, m.getClass(), twice, awayFrom, in -> m.forward(in[0]), x);
    }

    private static Subject loss(String name, Loss loss, boolean twice, String awayFrom, Matrix prediction,
            Matrix target) {
        return new Subject(name, loss.getClass(), twice, awayFrom, in -> loss.forward(in[0], target), prediction);
    }

    private static Subject lossOfClasses(String name, Loss loss, Matrix prediction, int[] classes) {
        return new Subject(name, loss.getClass(), true, "", in -> loss.forward(in[0], classes), prediction);
    }

    static List<Subject> ops() {
        Matrix x = gaussian(SEED, 3, 4).times(2);
        Matrix target = gaussian(SEED + 1, 3, 4);
        Matrix probabilities = Tensor.constant(gaussian(SEED + 2, 3, 4)).softmax().value();
        Matrix soft = Tensor.constant(gaussian(SEED + 3, 3, 4)).softmax().value().map(v -> v < 0.1 ? 0.0 : v);
        Matrix unit = new Rng(SEED + 4).uniform(3, 4, 0.0, 1.0);
        List<Subject> s = new ArrayList<>();
        s.add(op("NormalCdf", NormalCdf::new, true, "", x));
        s.add(op("Gelu(approximate=none)", () -> new Gelu(false), true, "", x));
        s.add(op("Gelu(approximate=tanh)", () -> new Gelu(true), true, "", x));
        s.add(op("Silu", Silu::new, true, "", x));
        s.add(op("Elu(alpha=1.3, scale=0.7)", () -> new Elu(1.3, 0.7), false, "x = 0", awayFrom(x, 0.0)));
        s.add(op("Softplus(beta=0.5, threshold=0.3)", () -> new Softplus(0.5, 0.3), false, "beta x = threshold",
                awayFrom(x, 0.6)));
        s.add(op("Hardtanh(-0.5, 2.0)", () -> new Hardtanh(-0.5, 2.0), false, "the bounds", awayFrom(x, -0.5, 2.0)));
        s.add(op("Huber(delta=0.7)", () -> new HuberElementwise(0.7, false, target), false, "|p - t| = delta",
                target.plus(awayFrom(x, -0.7, 0.7))));
        s.add(op("SmoothL1(beta=0.7)", () -> new HuberElementwise(0.7, true, target), false, "|p - t| = beta",
                target.plus(awayFrom(x, -0.7, 0.7))));
        s.add(op("SmoothL1(beta=0.0)", () -> new HuberElementwise(0.0, true, target), false, "p = t",
                target.plus(awayFrom(x, 0.0))));
        for (double p : new double[] {1.0, 1.5, 2.0, 3.0, Double.POSITIVE_INFINITY}) {
            s.add(op("RowNorm(p=" + p + ")", () -> new RowNorm(p), false, "zero entries, zero rows, ties of the"
                    + " maximum", awayFrom(x, 0.0)));
        }
        s.add(op("WeightedPick", () -> new WeightedPick(new int[] {2, 0, 3}, new double[] {0.5, 1.0, 2.0, 3.0}),
                true, "", x));
        s.add(op("ProbabilityCrossEntropy", () -> new ProbabilityCrossEntropy(soft), true, "", probabilities));
        s.add(op("BinaryCrossEntropy", () -> new BinaryCrossEntropy(unit), false, "p near 0 and 1 (the clamps)",
                Tensor.constant(x).sigmoid().value()));
        return s;
    }

    static List<Subject> layers() {
        Matrix x = gaussian(SEED + 10, 4, 3).times(1.5);
        List<Subject> s = new ArrayList<>();
        Rng dropoutRng = new Rng(SEED + 11);
        Rng.State dropoutState = dropoutRng.state();
        Dropout dropout = new Dropout(0.4, dropoutRng);
        s.add(new Subject("Dropout(p=0.4), fixed mask", Dropout.class, true, "", in -> {
            dropoutRng.restore(dropoutState);
            return dropout.forward(in[0]);
        }, x));
        BatchNorm batchNorm = new BatchNorm(3);
        batchNorm.parameter("weight").assign(gaussian(SEED + 12, 1, 3));
        batchNorm.parameter("bias").assign(gaussian(SEED + 13, 1, 3));
        s.add(layer("BatchNorm(3), training", batchNorm, true, "", x));
        LayerNorm layerNorm = new LayerNorm(3);
        layerNorm.gamma().assign(gaussian(SEED + 14, 1, 3));
        layerNorm.beta().assign(gaussian(SEED + 15, 1, 3));
        s.add(layer("LayerNorm(3)", layerNorm, true, "", x));
        s.add(layer("LayerNorm(3, eps=0.1, elementwise_affine=false)", new LayerNorm(3, 0.1, false), true, "", x));
        s.add(layer("ELU()", new ELU(), false, "x = 0", awayFrom(x, 0.0)));
        s.add(layer("ELU(0.5)", new ELU(0.5), false, "x = 0", awayFrom(x, 0.0)));
        s.add(layer("SELU", new SELU(), false, "x = 0", awayFrom(x, 0.0)));
        s.add(layer("GELU()", new GELU(), true, "", x));
        s.add(layer("GELU(tanh)", new GELU(GELU.Approximation.TANH), true, "", x));
        s.add(layer("SiLU", new SiLU(), true, "", x));
        s.add(layer("Softplus()", new io.github.dlref.nn.layers.Softplus(), false, "x = 20", x));
        s.add(layer("Softplus(2, 1)", new io.github.dlref.nn.layers.Softplus(2.0, 1.0), false, "x = 0.5",
                awayFrom(x, 0.5)));
        s.add(layer("Hardtanh()", new io.github.dlref.nn.layers.Hardtanh(), false, "x = -1 and x = 1",
                awayFrom(x, -1.0, 1.0)));
        s.add(layer("LogSoftmax", new LogSoftmax(), true, "", x));
        s.add(layer("Softmax", new Softmax(), true, "", x));
        s.add(layer("Sigmoid", new Sigmoid(), true, "", x));
        s.add(layer("Tanh", new Tanh(), true, "", x));
        s.add(layer("Identity", new Identity(), true, "", x));
        s.add(layer("ReLU", new ReLU(), false, "x = 0", awayFrom(x, 0.0)));
        s.add(layer("LeakyReLU(0.1)", new LeakyReLU(0.1), false, "x = 0", awayFrom(x, 0.0)));
        s.add(layer("Linear(3, 2)", new Linear(3, 2, new Rng(SEED + 16)), true, "", x));
        s.add(layer("Sequential(Linear, Tanh, Linear)", new Sequential(new Linear(3, 4, new Rng(SEED + 17)),
                new Tanh(), new Linear(4, 2, new Rng(SEED + 18))), true, "", x));
        return s;
    }

    static List<Subject> losses() {
        Matrix prediction = gaussian(SEED + 20, 4, 3);
        Matrix target = gaussian(SEED + 21, 4, 3);
        Matrix logits = prediction.times(2);
        Matrix logProbabilities = Tensor.constant(logits).logSoftmax().value();
        Matrix probabilities = Tensor.constant(gaussian(SEED + 22, 4, 3)).softmax().value();
        Matrix unit = new Rng(SEED + 23).uniform(4, 3, 0.0, 1.0);
        int[] classes = {0, 2, 1, 2};
        Matrix oneHot = Targets.oneHot(classes, 3);
        Matrix weights = Matrix.rowVector(0.5, 2.0, 1.5);
        // scores on a grid of 0.25 with margin 1.1: every hinge s_j - s_y + 1.1 is at least 0.1 from 0
        Matrix grid = prediction.times(4).map(Math::rint).times(0.25);
        Matrix errors = awayFrom(gaussian(SEED + 24, 4, 3).times(1.5), -0.7, 0.0, 0.7);
        List<Subject> s = new ArrayList<>();
        s.add(loss("MSELoss", new MSELoss(), true, "", prediction, target));
        s.add(loss("SumOfSquaresLoss", new SumOfSquaresLoss(), true, "", prediction, target));
        s.add(loss("L1Loss", new L1Loss(), false, "p = t", target.plus(errors), target));
        s.add(loss("PNormLoss(1)", new PNormLoss(1.0), false, "p = t", target.plus(errors), target));
        s.add(loss("PNormLoss(2)", new PNormLoss(2.0), false, "a zero error row", target.plus(errors), target));
        s.add(loss("PNormLoss(inf)", new PNormLoss(Double.POSITIVE_INFINITY), false, "ties", target.plus(errors),
                target));
        s.add(loss("HuberLoss(0.7, mean)", new HuberLoss(0.7, Reduction.MEAN), false, "|p - t| = 0.7",
                target.plus(errors), target));
        s.add(loss("HuberLoss(0.7, none)", new HuberLoss(0.7, Reduction.NONE), false, "|p - t| = 0.7",
                target.plus(errors), target));
        s.add(loss("SmoothL1Loss(0.7, sum)", new SmoothL1Loss(0.7, Reduction.SUM), false, "|p - t| = 0.7",
                target.plus(errors), target));
        s.add(loss("BCELoss", new BCELoss(), false, "p near 0 and 1 (the clamps)",
                Tensor.constant(prediction).sigmoid().value(), unit));
        s.add(loss("BCEWithLogitsLoss", new BCEWithLogitsLoss(), true, "", prediction, unit));
        s.add(loss("ProbabilityCrossEntropyLoss", new ProbabilityCrossEntropyLoss(), true, "", probabilities,
                Tensor.constant(target).softmax().value()));
        s.add(loss("SoftmaxLoss", new SoftmaxLoss(), true, "", logits, oneHot));
        s.add(loss("CrossEntropyLoss, probabilities", new CrossEntropyLoss(), true, "", logits, probabilities));
        s.add(lossOfClasses("CrossEntropyLoss, classes", new CrossEntropyLoss(), logits, classes));
        s.add(lossOfClasses("CrossEntropyLoss(mean, weights, smoothing 0.1), classes",
                new CrossEntropyLoss(Reduction.MEAN, weights, 0.1), logits, classes));
        s.add(loss("CrossEntropyLoss(none, weights, smoothing 0.2), probabilities",
                new CrossEntropyLoss(Reduction.NONE, weights, 0.2), true, "", logits, probabilities));
        s.add(lossOfClasses("NLLLoss(weights, mean)", new NLLLoss(weights, Reduction.MEAN), logProbabilities,
                classes));
        s.add(loss("NLLLoss(sum), one-hot", new NLLLoss(null, Reduction.SUM), true, "", logProbabilities, oneHot));
        s.add(loss("KLDivLoss(batchmean)", new KLDivLoss(KLDivLoss.KLReduction.BATCHMEAN, false), true, "",
                logProbabilities, probabilities));
        s.add(loss("KLDivLoss(none, log_target)", new KLDivLoss(KLDivLoss.KLReduction.NONE, true), true, "",
                logProbabilities, probabilities.map(Math::log)));
        s.add(loss("MultiMarginLoss(p=1, margin 1.1)", new MultiMarginLoss(1, 1.1, Reduction.MEAN), false,
                "the margins", grid, oneHot));
        s.add(loss("MultiMarginLoss(p=2, margin 1.1)", new MultiMarginLoss(2, 1.1, Reduction.MEAN), false,
                "the margins", grid, oneHot));
        s.add(loss("MulticlassHingeLoss(margin 1.1)", new MulticlassHingeLoss(1.1, Reduction.SUM), false,
                "the margins", grid, oneHot));
        return s;
    }

    static Stream<Subject> all() {
        return Stream.of(ops(), layers(), losses()).flatMap(List::stream);
    }

    private static Tensor[] variables(Matrix[] point) {
        Tensor[] x = new Tensor[point.length];
        for (int i = 0; i < point.length; i++) {
            x[i] = Tensor.variable("x" + i, point[i]);
        }
        return x;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void passesTheSecondOrderCheck(Subject s) {
        GradCheckReport report = GradCheck.gradGradCheck(Tolerances.SECOND_ORDER_GRADCHECK, s.f(),
                variables(s.point()));
        assertTrue(report.passed(), () -> s + (s.twiceDifferentiable() ? "" : " (away from " + s.awayFrom() + ")")
                + ": " + report);
        assertEquals(s.point().length * (s.point().length + 1), report.inputs().size(), report::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void declaresTheTwiceDifferentiabilityOfItsOps(Subject s) {
        assertEquals(s.twiceDifferentiable(), twiceDifferentiable(s.f().apply(variables(s.point()))), s::toString);
        assertEquals(s.twiceDifferentiable(), s.awayFrom().isEmpty(), () -> s + ": say where it is checked away from");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void firstDerivativesWithAGraphEqualTheFastRules(Subject s) {
        Tensor[] x = variables(s.point());
        Tensor y = s.f().apply(x);
        Matrix u = new Rng(7L).gaussian(y.rows(), y.cols(), 0.0, 1.0);
        List<Tensor> fast = Autograd.grad(y, List.of(x), Tensor.constant(u), false);
        List<Tensor> graph = Autograd.grad(y, List.of(x), Tensor.constant(u), true);
        for (int i = 0; i < x.length; i++) {
            Matrix e = fast.get(i).value();
            Matrix a = graph.get(i).value();
            assertEquals(e.shape(), a.shape());
            for (int k = 0; k < e.size(); k++) {
                double ek = e.getFlat(k);
                double ak = a.getFlat(k);
                int entry = k;
                assertTrue(ek == 0.0 ? ak == 0.0 : Double.doubleToLongBits(ek) == Double.doubleToLongBits(ak),
                        () -> s + ": entry " + entry + ": fast " + ek + ", with a graph " + ak);
            }
        }
    }

    /** The layers with parameters: {@code sum(G * layer(x))} with the Gaussian {@code G}. */
    static Stream<Object[]> parameterized() {
        Matrix x = gaussian(SEED + 30, 4, 3);
        LayerNorm layerNorm = new LayerNorm(3);
        layerNorm.gamma().assign(gaussian(SEED + 31, 1, 3));
        layerNorm.beta().assign(gaussian(SEED + 32, 1, 3));
        BatchNorm batchNorm = new BatchNorm(3);
        batchNorm.parameter("weight").assign(gaussian(SEED + 33, 1, 3));
        return Stream.of(new Object[] {"LayerNorm(3)", layerNorm, x},
                new Object[] {"BatchNorm(3), training", batchNorm, x},
                new Object[] {"Linear(3, 2)", new Linear(3, 2, new Rng(SEED + 34)), x},
                new Object[] {"Sequential(Linear, GELU, Linear, SiLU)", new Sequential(
                        new Linear(3, 4, new Rng(SEED + 35)), new GELU(), new Linear(4, 2, new Rng(SEED + 36)),
                        new SiLU()), x});
    }

    /**
     * {@code H v} with respect to the input and every parameter (one double-backward pass) against the central
     * difference {@code (grad(theta + h v) - grad(theta - h v)) / 2h} of the fast gradient along the same direction.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("parameterized")
    void hessianVectorProductsWithRespectToParametersAgreeWithDifferencesOfTheGradient(String name, Module m,
            Matrix x0) {
        Tensor x = Tensor.variable("x", x0);
        List<Tensor> wrt = new ArrayList<>();
        wrt.add(x);
        wrt.addAll(m.parameters());
        Matrix g = gaussian(SEED + 40, 4, m.forward(Tensor.constant(x0)).cols());
        Rng rng = new Rng(SEED + 41);
        Matrix[] v = wrt.stream().map(t -> rng.gaussian(t.rows(), t.cols(), 0.0, 1.0)).toArray(Matrix[]::new);
        List<Tensor> grads = Autograd.grad(m.forward(x).times(Tensor.constant(g)).sum(), wrt, true);
        Tensor projection = null;
        for (int i = 0; i < v.length; i++) {
            Tensor term = grads.get(i).times(Tensor.constant(v[i])).sum();
            projection = projection == null ? term : projection.plus(term);
        }
        List<Tensor> hv = Autograd.grad(projection, wrt, false);
        double h = 1e-6;
        Matrix[] up = gradientsAt(m, g, wrt, v, h);
        Matrix[] down = gradientsAt(m, g, wrt, v, -h);
        boolean nonZero = false;
        for (int i = 0; i < v.length; i++) {
            Matrix numeric = up[i].minus(down[i]).times(1.0 / (2 * h));
            Matrix analytic = hv.get(i).value();
            int block = i;
            assertTrue(analytic.approxEquals(numeric, 1e-7, 1e-6), () -> name + ", block " + block + ": H v "
                    + analytic + " but differences of the gradient give " + numeric);
            nonZero |= analytic.abs().maxValue() > 1e-3;
        }
        assertTrue(nonZero, name + ": the Hessian-vector product should not vanish");
    }

    /**
     * The fast gradients of {@code sum(G * m(x))} with respect to the input and the parameters, at the input and
     * parameters of {@code wrt} moved by {@code step v} (the parameters are restored).
     */
    private static Matrix[] gradientsAt(Module m, Matrix g, List<Tensor> wrt, Matrix[] v, double step) {
        Matrix[] saved = wrt.stream().map(Tensor::value).toArray(Matrix[]::new);
        List<Tensor> moved = new ArrayList<>();
        Tensor input = Tensor.variable("x", saved[0].plus(v[0].times(step)));
        moved.add(input);
        for (int i = 1; i < wrt.size(); i++) {
            ((Parameter) wrt.get(i)).assign(saved[i].plus(v[i].times(step)));
            moved.add(wrt.get(i));
        }
        try {
            Tensor y = m.forward(input).times(Tensor.constant(g)).sum();
            return Autograd.grad(y, moved, false).stream().map(Tensor::value).toArray(Matrix[]::new);
        } finally {
            for (int i = 1; i < wrt.size(); i++) {
                ((Parameter) wrt.get(i)).assign(saved[i]);
            }
        }
    }

    /** One point at a kink per kinked nn op; there the second-order check must fail. */
    static Stream<Object[]> kinks() {
        Matrix target = Matrix.rowVector(0.0, 0.0);
        return Stream.of(
                new Object[] {"ELU at 0", (GradCheck.TensorFunction) in -> Tensor.apply(new Elu(1.0, 1.0), in[0]),
                    Matrix.rowVector(0.0, 1.0)},
                new Object[] {"SELU at 0", (GradCheck.TensorFunction) in -> new SELU().forward(in[0]),
                    Matrix.rowVector(0.0, -1.0)},
                new Object[] {"Hardtanh at its bound", (GradCheck.TensorFunction) in -> Tensor.apply(
                        new Hardtanh(-1.0, 1.0), in[0]), Matrix.rowVector(1.0, 0.0)},
                new Object[] {"Huber at delta", (GradCheck.TensorFunction) in -> Tensor.apply(
                        new HuberElementwise(0.5, false, target), in[0]), Matrix.rowVector(0.5, 0.1)},
                new Object[] {"SmoothL1 at beta", (GradCheck.TensorFunction) in -> Tensor.apply(
                        new HuberElementwise(0.5, true, target), in[0]), Matrix.rowVector(-0.5, 0.1)},
                new Object[] {"RowNorm(1) at a zero entry", (GradCheck.TensorFunction) in -> Tensor.apply(
                        new RowNorm(1.0), in[0]), Matrix.rowVector(0.0, 1.0)});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinks")
    void atAKinkTheSecondOrderCheckFails(String name, GradCheck.TensorFunction f, Matrix point) {
        GradCheckReport report = GradCheck.gradGradCheck(f, Tensor.variable("x", point));
        assertFalse(report.passed(), () -> name + " passed the second-order check at its kink: " + report);
    }

    /**
     * At the switch points themselves PyTorch's double-backward masks are strict ({@code x < 0} for ELU/SELU,
     * {@code beta x < threshold} for Softplus; observed with torch 1.13 float64: second derivative 0 at both), while
     * the first derivatives take the exponential and logarithmic branches; dlref's rules do the same.
     */
    @Test
    void atTheSwitchPointsTheSecondDerivativeIsPyTorchs() {
        Matrix[] elu = secondDerivative(in -> Tensor.apply(new Elu(1.3, 1.0), in[0]), 0.0);
        assertEquals(1.3, elu[0].scalarValue());
        assertEquals(0.0, elu[1].scalarValue());
        Matrix[] selu = secondDerivative(in -> new SELU().forward(in[0]), 0.0);
        assertEquals(1.0507009873554805 * 1.6732632423543772, selu[0].scalarValue(), 1e-15);
        assertEquals(0.0, selu[1].scalarValue());
        Matrix[] softplus = secondDerivative(in -> Tensor.apply(new Softplus(0.5, 0.3), in[0]), 0.6);
        double z = StrictMath.exp(0.3);
        assertEquals(z / (z + 1), softplus[0].scalarValue(), 1e-16);
        assertEquals(0.0, softplus[1].scalarValue());
        Matrix[] below = secondDerivative(in -> Tensor.apply(new Softplus(0.5, 0.3), in[0]), 0.5);
        double zb = StrictMath.exp(0.25);
        assertEquals(0.5 * zb / ((zb + 1) * (zb + 1)), below[1].scalarValue(), 1e-15);
    }

    /** The first and second derivative of a scalar function of one variable at {@code x}. */
    private static Matrix[] secondDerivative(GradCheck.TensorFunction f, double x) {
        Tensor in = Tensor.variable("x", Matrix.scalar(x));
        Tensor first = Autograd.grad(f.apply(in), List.of(in), true).get(0);
        Matrix second = first.requiresGrad() ? Autograd.grad(first, List.of(in), false).get(0).value()
                : Matrix.scalar(0.0);
        return new Matrix[] {first.value(), second};
    }

    @Test
    void everyOpHasADifferentiableBackwardRule() throws Exception {
        for (Class<?> c : classesIn(Elu.class, Op.class)) {
            assertEquals(c, c.getDeclaredMethod("differentiableBackward", Tensor.class, List.class, Tensor.class)
                    .getDeclaringClass(), c + " has no differentiable backward rule");
        }
    }

    @Test
    void everyOpLayerAndLossIsSwept() throws Exception {
        Set<String> covered = all().map(s -> s.covers().getName()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = new TreeSet<>();
        for (Class<?> c : classesIn(Elu.class, Op.class)) {
            expected.add(c.getName());
        }
        for (Class<?> c : classesIn(ReLU.class, Module.class)) {
            expected.add(c.getName());
        }
        for (Class<?> c : classesIn(Module.class, Module.class)) {
            expected.add(c.getName());
        }
        for (Class<?> c : classesIn(MSELoss.class, Loss.class)) {
            expected.add(c.getName());
        }
        assertEquals(11 + 17 + 1 + 15, expected.size(), expected::toString);
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(covered);
        assertEquals(Set.of(), missing, "ops, layers and losses without a second-order check");
    }

    /** The concrete classes assignable to {@code type} in the main-classes package of {@code anchor}. */
    private static List<Class<?>> classesIn(Class<?> anchor, Class<?> type) throws IOException, URISyntaxException {
        Path dir = Path.of(anchor.getResource(anchor.getSimpleName() + ".class").toURI()).getParent();
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class") && !p.toString().contains("$")).toList()) {
                String name = anchor.getPackageName() + "." + f.getFileName().toString().replace(".class", "");
                Class<?> c;
                try {
                    c = Class.forName(name, false, SecondOrderSweepTest.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
                if (type.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** Whether every op of the graph declares second derivatives everywhere. */
    static boolean twiceDifferentiable(Tensor output) {
        Deque<Tensor> pending = new ArrayDeque<>();
        pending.push(output);
        while (!pending.isEmpty()) {
            Tensor t = pending.pop();
            if (t.creator() != null && !t.creator().isTwiceDifferentiable()) {
                return false;
            }
            t.inputs().forEach(pending::push);
        }
        return true;
    }
}
