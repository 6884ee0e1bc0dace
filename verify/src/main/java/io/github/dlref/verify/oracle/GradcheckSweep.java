package io.github.dlref.verify.oracle;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.check.GradCheck;
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
 * differentiable input (and every parameter of a layer).
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
     * Runs the sweep.
     *
     * @param settings the gradient-check settings
     * @return one row per subject and shape, ops first, then layers, then losses
     */
    public static List<Row> run(GradCheckSettings settings) {
        List<Row> rows = new ArrayList<>();
        for (int[] shape : SHAPES) {
            for (Subjects.Op op : Subjects.ops()) {
                rows.add(guarded("op", describe(op), shape, () -> op(settings, op, shape)));
            }
            for (Subjects.Op op : Subjects.constantOps(new Rng(seed(shape) + 1), shape[0], shape[1])) {
                rows.add(guarded("op", describe(op), shape, () -> op(settings, op, shape)));
            }
        }
        for (int[] shape : SHAPES) {
            List<Subjects.LayerCase> layers = new ArrayList<>(Subjects.layers());
            layers.addAll(Subjects.moreLayers());
            for (Subjects.LayerCase layer : layers) {
                if (shape[0] >= layer.minRows()) {
                    rows.add(guarded("layer", layer.name(), shape, () -> layer(settings, layer, shape)));
                }
            }
        }
        for (int[] shape : SHAPES) {
            List<Subjects.LossCase> losses = new ArrayList<>(Subjects.losses());
            losses.addAll(Subjects.moreLosses());
            losses.addAll(Subjects.weightedLosses(shape[1]));
            for (Subjects.LossCase loss : losses) {
                rows.add(guarded("loss", VectorWriter.describe(loss.loss()), shape, () -> loss(settings, loss, shape)));
            }
        }
        return rows;
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

    private static Row op(GradCheckSettings settings, Subjects.Op op, int[] shape) {
        Matrix[] values = op.inputs().apply(new Rng(seed(shape)), shape);
        Tensor[] inputs = new Tensor[values.length];
        for (int i = 0; i < values.length; i++) {
            inputs[i] = Tensor.variable(op.inputNames().get(i), values[i]);
        }
        GradCheckReport report = GradCheck.check(settings, t -> op.function().apply(t), inputs);
        return row("op", describe(op), shape, report);
    }

    private static Row layer(GradCheckSettings settings, Subjects.LayerCase c, int[] shape) {
        Rng rng = new Rng(seed(shape));
        Sequential model = SpecBuilders.model(new ModelSpec(shape[1], List.of(c.layer())),
                ParametersSpec.seeded(seed(shape)));
        Parameter x = new Parameter("input", c.draw().apply(rng, shape));
        if (c.eval()) {
            model.forward(Tensor.constant(c.draw().apply(rng, new int[] {Math.max(2, shape[0]), shape[1]})));
            model.eval();
        }
        List<Parameter> params = new ArrayList<>(model.parameters());
        params.add(x);
        GradCheckReport report = GradCheck.checkParameters(settings, () -> model.forward(x), params);
        return row("layer", c.name(), shape, report);
    }

    private static Row loss(GradCheckSettings settings, Subjects.LossCase c, int[] shape) {
        Matrix[] pt = c.draw().apply(new Rng(seed(shape)), shape);
        Loss loss = SpecBuilders.loss(c.loss());
        boolean indices = SpecBuilders.needsClassIndices(c.loss());
        int[] classes = indices ? VectorWriter.classesOf(pt[1]) : null;
        GradCheckReport report = GradCheck.check(settings, t -> indices ? loss.forward(t[0], classes)
                : loss.forward(t[0], pt[1]), Tensor.variable("prediction", pt[0]));
        return row("loss", VectorWriter.describe(c.loss()), shape, report);
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
