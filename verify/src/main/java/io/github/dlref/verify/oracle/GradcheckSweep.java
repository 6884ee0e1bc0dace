package io.github.dlref.verify.oracle;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.check.GradCheck;
import io.github.dlref.autograd.check.GradCheck.TensorFunction;
import io.github.dlref.autograd.check.GradCheckReport;
import io.github.dlref.autograd.check.GradCheckSettings;
import io.github.dlref.autograd.check.InputReport;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import io.github.dlref.nn.Sequential;
import io.github.dlref.nn.losses.Loss;
import io.github.dlref.verify.oracle.spec.ModelSpec;
import io.github.dlref.verify.oracle.spec.ParametersSpec;
import io.github.dlref.verify.oracle.spec.SpecBuilders;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link GradCheck} over every op, layer and loss ({@link Subjects}) at several shapes: the engine of
 * {@code dlref gradcheck}. Central differences with the given settings (default {@code h = 1e-6},
 * {@code |a - n| <= 1e-5 + 1e-3 |n|}, PyTorch's gradcheck criterion), the full Jacobian of every
 * differentiable input (and every parameter of a layer). {@link #runSecondOrder} runs the second-order check
 * ({@link GradCheck#gradGradCheck}, PyTorch's {@code gradgradcheck}) over the same subjects.
 */
public final class GradcheckSweep {

    /** The base shapes {@code rows x cols} each subject is checked at. */
    public static final List<int[]> SHAPES = List.of(new int[] {1, 4}, new int[] {3, 2}, new int[] {4, 5});

    /** The seed of every input draw (combined with the shape). */
    public static final long SEED = 20240601L;

    private GradcheckSweep() {
    }

    /**
     * One checked subject at one shape.
     *
     * @param kind {@code op}, {@code layer} or {@code loss}
     * @param subject the subject's name with its attributes, such as {@code pow(exponent=3.0)}
     * @param shape the base input shape, {@code rows x cols}
     * @param inputs the number of checked inputs (including a layer's parameters)
     * @param maxAbsoluteError the largest {@code |analytic - numeric|}
     * @param maxRelativeError the largest CS231n relative error {@code |a - n| / max(|a|, |n|)}
     * @param passed whether every comparison passed
     * @param worst the worst comparison of a failing input, or the empty string
     */
    public record Row(String kind, String subject, String shape, int inputs, double maxAbsoluteError,
            double maxRelativeError, boolean passed, String worst) {
    }

    /**
     * The result of {@link #runSecondOrder}.
     *
     * @param rows one row per checked subject and shape, ops first, then layers, then losses
     * @param notTwiceDifferentiable the subjects left out because their graph has an op that is not twice
     *     differentiable ({@code Op.isTwiceDifferentiable()} is false: ReLU, abs, clamp, maxima, hinges, ...), each
     *     once, as {@code kind subject}, in the order met
     */
    public record SecondOrder(List<Row> rows, List<String> notTwiceDifferentiable) {
        /**
         * Copies the lists.
         *
         * @param rows the rows
         * @param notTwiceDifferentiable the subjects left out
         */
        public SecondOrder {
            rows = List.copyOf(rows);
            notTwiceDifferentiable = List.copyOf(notTwiceDifferentiable);
        }
    }

    /**
     * Runs the sweep.
     *
     * @param settings the gradient-check settings
     * @return one row per subject and shape, ops first, then layers, then losses
     */
    public static List<Row> run(GradCheckSettings settings) {
        return sweep(settings, null);
    }

    /**
     * Runs the second-order sweep: {@link GradCheck#gradGradCheck} (PyTorch's {@code gradgradcheck}: the gradient
     * of {@code <u, f>} for a fixed Gaussian {@code u}, checked against central differences as a function of every
     * input and of {@code u}) over the subjects of {@link #run} at the same shapes and points. Ops and losses are
     * checked with respect to every differentiable input, layers with respect to their input (their parameters
     * held fixed: the layer's ops are checked with respect to every input as ops). Subjects whose graph at the
     * point has an op that is not twice differentiable are left out and named.
     *
     * @param settings the gradient-check settings (step, tolerances, the seed of {@code u})
     * @return the rows and the subjects left out
     */
    public static SecondOrder runSecondOrder(GradCheckSettings settings) {
        List<String> left = new ArrayList<>();
        List<Row> rows = sweep(settings, left);
        return new SecondOrder(rows, left);
    }

    /** The sweep: first order when {@code left} is null, else second order, naming left-out subjects in it. */
    private static List<Row> sweep(GradCheckSettings settings, List<String> left) {
        List<Row> rows = new ArrayList<>();
        for (int[] shape : SHAPES) {
            List<Subjects.Op> ops = new ArrayList<>(Subjects.ops());
            ops.addAll(Subjects.constantOps(new Rng(seed(shape) + 1), shape[0], shape[1]));
            for (Subjects.Op op : ops) {
                add(rows, guarded("op", describe(op), shape, () -> op(settings, op, shape, left)));
            }
        }
        for (int[] shape : SHAPES) {
            List<Subjects.LayerCase> layers = new ArrayList<>(Subjects.layers());
            layers.addAll(Subjects.moreLayers());
            for (Subjects.LayerCase layer : layers) {
                if (shape[0] >= layer.minRows()) {
                    add(rows, guarded("layer", layer.name(), shape, () -> layer(settings, layer, shape, left)));
                }
            }
        }
        for (int[] shape : SHAPES) {
            List<Subjects.LossCase> losses = new ArrayList<>(Subjects.losses());
            losses.addAll(Subjects.moreLosses());
            losses.addAll(Subjects.weightedLosses(shape[1]));
            for (Subjects.LossCase loss : losses) {
                add(rows, guarded("loss", VectorWriter.describe(loss.loss()), shape,
                        () -> loss(settings, loss, shape, left)));
            }
        }
        return rows;
    }

    private static void add(List<Row> rows, Row row) {
        if (row != null) {
            rows.add(row);
        }
    }

    /**
     * Whether a second-order check applies to the graph of {@code output}; if not, names the subject in
     * {@code left} (once).
     */
    private static boolean twice(Tensor output, String kind, String subject, List<String> left) {
        if (VectorWriter.twiceDifferentiable(output)) {
            return true;
        }
        String name = kind + " " + subject;
        if (!left.contains(name)) {
            left.add(name);
        }
        return false;
    }

    /**
     * A subject whose evaluation throws (for example a step {@code h} so large that a perturbed input leaves
     * the op's domain) is a failed check, reported with the exception's message, not an aborted sweep.
     */
    private static Row guarded(String kind, String subject, int[] shape, java.util.function.Supplier<Row> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            return new Row(kind, subject, shape(shape), 0, Double.NaN, Double.NaN, false, "error: " + e.getMessage());
        }
    }

    static long seed(int[] shape) {
        return SEED + 1000L * shape[0] + shape[1];
    }

    static String shape(int[] s) {
        return s[0] + " x " + s[1];
    }

    static String describe(Subjects.Op op) {
        StringBuilder sb = new StringBuilder(op.name());
        List<String> parts = new ArrayList<>();
        op.attributes().forEach((k, v) -> {
            if (!(v instanceof Matrix) && !(v instanceof List<?>)) {
                parts.add(k + "=" + v);
            } else {
                parts.add(k);
            }
        });
        if (!parts.isEmpty()) {
            sb.append('(').append(String.join(", ", parts)).append(')');
        }
        return sb.toString();
    }

    private static Row op(GradCheckSettings settings, Subjects.Op op, int[] shape, List<String> left) {
        Matrix[] values = op.inputs().apply(new Rng(seed(shape)), shape);
        Tensor[] inputs = new Tensor[values.length];
        for (int i = 0; i < values.length; i++) {
            inputs[i] = Tensor.variable(op.inputNames().get(i), values[i]);
        }
        if (left == null) {
            return row("op", describe(op), shape, GradCheck.check(settings, t -> op.function().apply(t), inputs));
        }
        if (!twice(op.function().apply(inputs), "op", describe(op), left)) {
            return null;
        }
        return row("op", describe(op), shape, GradCheck.gradGradCheck(settings, t -> op.function().apply(t), inputs));
    }

    private static Row layer(GradCheckSettings settings, Subjects.LayerCase c, int[] shape, List<String> left) {
        Rng rng = new Rng(seed(shape));
        Sequential model = SpecBuilders.model(new ModelSpec(shape[1], List.of(c.layer())),
                ParametersSpec.seeded(seed(shape)));
        Parameter x = new Parameter("input", c.draw().apply(rng, shape));
        if (c.eval()) {
            model.forward(Tensor.constant(c.draw().apply(rng, new int[] {Math.max(2, shape[0]), shape[1]})));
            model.eval();
        }
        if (left != null) {
            if (!twice(model.forward(x), "layer", c.name(), left)) {
                return null;
            }
            Tensor input = Tensor.variable("input", x.value());
            return row("layer", c.name(), shape, GradCheck.gradGradCheck(settings, t -> model.forward(t[0]), input));
        }
        List<Parameter> params = new ArrayList<>(model.parameters());
        params.add(x);
        GradCheckReport report = GradCheck.checkParameters(settings, () -> model.forward(x), params);
        return row("layer", c.name(), shape, report);
    }

    private static Row loss(GradCheckSettings settings, Subjects.LossCase c, int[] shape, List<String> left) {
        Matrix[] pt = c.draw().apply(new Rng(seed(shape)), shape);
        Loss loss = SpecBuilders.loss(c.loss());
        boolean indices = SpecBuilders.needsClassIndices(c.loss());
        int[] classes = indices ? VectorWriter.classesOf(pt[1]) : null;
        TensorFunction f = t -> indices ? loss.forward(t[0], classes) : loss.forward(t[0], pt[1]);
        Tensor prediction = Tensor.variable("prediction", pt[0]);
        String subject = VectorWriter.describe(c.loss());
        if (left == null) {
            return row("loss", subject, shape, GradCheck.check(settings, f, prediction));
        }
        if (!twice(f.apply(new Tensor[] {prediction}), "loss", subject, left)) {
            return null;
        }
        return row("loss", subject, shape, GradCheck.gradGradCheck(settings, f, prediction));
    }

    private static Row row(String kind, String subject, int[] shape, GradCheckReport report) {
        double abs = 0.0;
        double rel = 0.0;
        String worst = "";
        for (InputReport in : report.inputs()) {
            abs = Math.max(abs, in.maxAbsoluteError());
            rel = Math.max(rel, in.maxRelativeError());
            if (!in.passed() && worst.isEmpty()) {
                worst = in.toString();
            }
        }
        return new Row(kind, subject, shape(shape), report.inputs().size(), abs, rel, report.passed(), worst);
    }
}
