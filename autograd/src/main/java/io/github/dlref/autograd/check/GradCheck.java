package io.github.dlref.autograd.check;

import io.github.dlref.autograd.Autograd;
import io.github.dlref.autograd.GradMode;
import io.github.dlref.autograd.Parameter;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Compares back-propagated derivatives with central differences, like PyTorch's
 * {@code torch.autograd.gradcheck}.
 *
 * <p>For a function {@code y = f(x_1, ..., x_k)} of matrices, and every input {@code x_i} that requires a
 * gradient, the check compares each entry of the Jacobian {@code J_i = dy/dx_i}:
 * <ul>
 *   <li><b>analytic</b>: row {@code o} of {@code J_i} is the gradient that {@link Tensor#backward(Matrix)}
 *       delivers to {@code x_i} when seeded with the one-hot matrix {@code e_o} (one backward pass per output
 *       element, on one recorded graph);</li>
 *   <li><b>numeric</b>: column {@code e} of {@code J_i} is {@code (f(x + h e_e) - f(x - h e_e)) / (2 h)}, one
 *       pair of forward passes (without recording) per input element.</li>
 * </ul>
 * An entry passes when {@code |a - n| <= atol + rtol |n|}; the defaults {@code h = 1e-6}, {@code atol = 1e-5},
 * {@code rtol = 1e-3} ({@link GradCheckSettings#DEFAULTS}) are PyTorch's. The {@link GradCheckReport} gives,
 * per input, the largest absolute error, the largest CS231n relative error {@code |a - n| / max(|a|, |n|)} and
 * the worst entry (with both values); {@link GradCheckReport#orThrow()} turns a failure into an exception.
 *
 * <p><b>Fast mode</b> ({@link GradCheckSettings#fastMode()}, PyTorch's {@code fast_mode=True}): instead of the
 * whole Jacobian, each input is checked through one scalar, {@code u^T J_i v_i}, with unit-norm Gaussian
 * vectors drawn from {@code new Rng(seed)}: first {@code u} (output-shaped, row-major), then one {@code v_i}
 * per checked input in argument order. The analytic side is {@code <v_i, vjp(u)_i>} (one backward pass in
 * all), the numeric side {@code <u, (f(x_i + h v_i) - f(x_i - h v_i)) / (2 h)>}. If any projection fails,
 * the full check runs and its result is reported ({@link GradCheckReport.Method#FULL_AFTER_FAST_FAILURE}).
 *
 * <p><b>Second-order check</b> ({@link #gradGradCheck(GradCheckSettings, TensorFunction, Tensor...)}, PyTorch's
 * {@code gradgradcheck}): the function checked is the first derivative itself. With a fixed upstream gradient
 * {@code u} (Gaussian entries drawn from {@code new Rng(seed)}, row-major, output-shaped), for every checked
 * input {@code x_j} the map {@code (x_1, ..., x_k, u) -> grad_{x_j} <u, f(x)>}, computed by
 * {@link Autograd#grad(Tensor, List, Tensor, boolean)} with {@code createGraph}, is checked as above: its
 * analytic Jacobian comes from back-propagating through the gradient's graph (double backward), its numeric one
 * from central differences of the first-order gradient. The derivative with respect to {@code u} is checked too
 * (it is the first-order Jacobian, transposed), as PyTorch does, so the differentiable backward rules are checked
 * in their upstream gradient as well as in the inputs.
 *
 * <p>Rules of use, as for PyTorch's gradcheck: {@code f} must be deterministic and must compute its result
 * only from its arguments (or, for {@link #checkParameters}, from the parameters); inputs should be kept away
 * from points where {@code f} is not differentiable (ReLU at 0, ties of max), where the central difference
 * straddles a kink. The inputs themselves are never modified: the check evaluates {@code f} on fresh leaves.
 *
 * <p>Example: check {@code tanh(x W)} with respect to both inputs with PyTorch's default criterion, and fail
 * with the worst entry if the backward rules disagree with the central differences:
 * <pre>{@code
 * Tensor x = Tensor.variable("x", Matrix.of(new double[][] {{0.5, -1.0}, {2.0, 0.25}}));
 * Tensor w = Tensor.variable("W", Matrix.of(new double[][] {{0.3, -0.2, 0.1}, {0.7, 0.4, -0.6}}));
 * GradCheckReport report = GradCheck.check(in -> in[0].matmul(in[1]).tanh(), x, w);
 * report.orThrow();                 // or: report.passed(), report.toString()
 * }</pre>
 * A custom {@code Op} is checked the same way, creating a new instance on every call of the function:
 * {@code GradCheck.check(in -> Tensor.apply(new Softplus(), in[0]), x)}.
 */
public final class GradCheck {

    private GradCheck() {
    }

    /** A function of tensors to be checked, for example {@code xs -> xs[0].matmul(xs[1]).relu()}. */
    @FunctionalInterface
    public interface TensorFunction {
        /**
         * Computes the output from the inputs.
         *
         * @param inputs the inputs, in the order given to the check
         * @return the output (any shape)
         */
        Tensor apply(Tensor... inputs);
    }

    /**
     * Checks {@code f} at {@code inputs} with the default settings.
     *
     * @param f the function
     * @param inputs the point; only inputs with {@link Tensor#requiresGrad()} are checked, the others are
     *     passed through unchanged
     * @return the report (call {@link GradCheckReport#orThrow()} to fail on a mismatch)
     */
    public static GradCheckReport check(TensorFunction f, Tensor... inputs) {
        return check(GradCheckSettings.DEFAULTS, f, inputs);
    }

    /**
     * Checks {@code f} at {@code inputs}.
     *
     * @param settings the step, tolerances and mode
     * @param f the function
     * @param inputs the point; only inputs with {@link Tensor#requiresGrad()} are checked, the others are
     *     passed through unchanged
     * @return the report (call {@link GradCheckReport#orThrow()} to fail on a mismatch)
     * @throws IllegalStateException if {@code f} returns {@code null} or outputs of different shapes
     */
    public static GradCheckReport check(GradCheckSettings settings, TensorFunction f, Tensor... inputs) {
        Objects.requireNonNull(settings, "GradCheck: settings");
        Objects.requireNonNull(f, "GradCheck: function");
        for (int i = 0; i < inputs.length; i++) {
            Objects.requireNonNull(inputs[i], "GradCheck: input " + i + " is null");
        }
        return run(settings, new FunctionSubject(f, inputs));
    }

    /**
     * The second-order check with the default settings (see the class documentation).
     *
     * @param f the function, twice differentiable at the point
     * @param inputs the point; only inputs with {@link Tensor#requiresGrad()} are checked
     * @return the report, one entry per pair (gradient, input)
     */
    public static GradCheckReport gradGradCheck(TensorFunction f, Tensor... inputs) {
        return gradGradCheck(GradCheckSettings.DEFAULTS, f, inputs);
    }

    /**
     * The second-order check, PyTorch's {@code gradgradcheck} (see the class documentation): for every checked
     * input {@code x_j}, the gradient {@code grad_{x_j} <u, f(x)>} with a fixed Gaussian {@code u} is checked as a
     * function of every checked input and of {@code u}. The report has one entry per pair, named
     * {@code "d(grad <x_j>)/d(<x_i>)"} (and {@code "d(grad <x_j>)/d(gradOutput)"} for {@code u}, whose index is
     * the number of arguments); its method is {@code FULL_AFTER_FAST_FAILURE} if any projection of a fast check
     * failed.
     *
     * @param settings the step, tolerances, mode and the seed of {@code u} (also the fast mode's seed)
     * @param f the function, twice differentiable at the point; every op in it must have a differentiable
     *     backward rule
     * @param inputs the point; only inputs with {@link Tensor#requiresGrad()} are checked
     * @return the report (call {@link GradCheckReport#orThrow()} to fail on a mismatch)
     * @throws IllegalStateException if {@code f} returns {@code null} or outputs of different shapes
     */
    public static GradCheckReport gradGradCheck(GradCheckSettings settings, TensorFunction f, Tensor... inputs) {
        Objects.requireNonNull(settings, "GradCheck: settings");
        Objects.requireNonNull(f, "GradCheck: function");
        for (int i = 0; i < inputs.length; i++) {
            Objects.requireNonNull(inputs[i], "GradCheck: input " + i + " is null");
        }
        Tensor[] point = inputs.clone();
        int[] checked = IntStream.range(0, point.length).filter(i -> point[i].requiresGrad()).toArray();
        Matrix output;
        try (GradMode.Scope scope = GradMode.noGrad()) {
            Tensor[] constants = new Tensor[point.length];
            for (int i = 0; i < point.length; i++) {
                constants[i] = Tensor.constant(point[i].value());
            }
            output = requireOutput(f.apply(constants), null);
        }
        Matrix u = new Rng(settings.seed()).gaussian(output.rows(), output.cols(), 0.0, 1.0);
        Tensor[] arguments = java.util.Arrays.copyOf(point, point.length + 1);
        arguments[point.length] = Tensor.variable("gradOutput", u);
        List<InputReport> reports = new ArrayList<>();
        boolean fallback = false;
        for (int j : checked) {
            String gradientName = nameOf(point, j);
            GradCheckReport r = check(settings, args -> firstDerivative(f, checked, j, args), arguments);
            fallback |= r.method() == GradCheckReport.Method.FULL_AFTER_FAST_FAILURE;
            for (InputReport in : r.inputs()) {
                String wrt = in.index() == point.length ? "gradOutput" : nameOf(point, in.index());
                reports.add(new InputReport(in.index(), "d(grad " + gradientName + ")/d(" + wrt + ")", in.shape(),
                        in.comparisons(), in.maxAbsoluteError(), in.maxRelativeError(), in.worst(), in.passed()));
            }
        }
        GradCheckReport.Method method = fallback ? GradCheckReport.Method.FULL_AFTER_FAST_FAILURE
                : settings.fastMode() ? GradCheckReport.Method.FAST : GradCheckReport.Method.FULL;
        return new GradCheckReport(settings, method, reports);
    }

    private static String nameOf(Tensor[] point, int i) {
        return point[i].name() != null ? point[i].name() : "input " + i;
    }

    /**
     * {@code grad_{x_j} <u, f(x)>} with a graph, where {@code args} holds the {@code k} arguments of {@code f} and
     * then {@code u}. Checked arguments that arrive as constants (the numeric side evaluates without recording)
     * are replaced by fresh leaves, so that the first derivative can be taken at every point.
     */
    private static Tensor firstDerivative(TensorFunction f, int[] checked, int j, Tensor[] args) {
        Tensor[] xs = java.util.Arrays.copyOf(args, args.length - 1);
        Tensor u = args[args.length - 1];
        try (GradMode.Scope scope = GradMode.enableGrad()) {
            for (int c : checked) {
                if (!xs[c].requiresGrad()) {
                    xs[c] = Tensor.variable(xs[c].value());
                }
            }
            Tensor y = f.apply(xs.clone());
            if (y == null) {
                throw new IllegalStateException("GradCheck: the function returned null");
            }
            if (!y.requiresGrad()) {
                return Tensor.constant(Matrix.zeros(xs[j].rows(), xs[j].cols()));
            }
            if (!y.value().sameShape(u.value())) {
                throw new IllegalStateException("GradCheck: the function returned " + y.shape() + " at a perturbed"
                        + " point but " + u.shape() + " at the point of the check; its output shape must not change");
            }
            return Autograd.grad(y, List.of(xs[j]), u, true).get(0);
        }
    }

    /**
     * Checks the gradient of a computation with respect to parameters it reads (a layer, a model), by
     * perturbing each parameter in place with {@link Parameter#assign(Matrix)}. Every parameter's value and
     * accumulated gradient are restored afterwards, also when the check throws. Other leaves that
     * {@code f} reaches accumulate gradients during the check, as after any backward pass.
     *
     * @param settings the step, tolerances and mode
     * @param f recomputes the output from the parameters' current values
     * @param parameters the parameters to check, reported under their names
     * @return the report (call {@link GradCheckReport#orThrow()} to fail on a mismatch)
     * @throws IllegalStateException if {@code f} returns {@code null} or outputs of different shapes
     */
    public static GradCheckReport checkParameters(GradCheckSettings settings, Supplier<Tensor> f,
            List<Parameter> parameters) {
        Objects.requireNonNull(settings, "GradCheck: settings");
        Objects.requireNonNull(f, "GradCheck: function");
        List<Parameter> params = List.copyOf(parameters);
        List<Matrix> savedValues = new ArrayList<>();
        List<Matrix> savedGrads = new ArrayList<>();
        for (Parameter p : params) {
            savedValues.add(p.value());
            savedGrads.add(p.grad());
        }
        try {
            return run(settings, new ParameterSubject(f, params));
        } finally {
            for (int k = 0; k < params.size(); k++) {
                Parameter p = params.get(k);
                p.assign(savedValues.get(k));
                p.zeroGrad();
                if (savedGrads.get(k) != null) {
                    p.accumulateGrad(savedGrads.get(k));
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // The check, independent of how the function is given

    private static GradCheckReport run(GradCheckSettings settings, Subject subject) {
        Linearization at = subject.linearize();
        if (settings.fastMode()) {
            List<InputReport> fast = fastCheck(settings, subject, at);
            if (fast.stream().allMatch(InputReport::passed)) {
                return new GradCheckReport(settings, GradCheckReport.Method.FAST, fast);
            }
            return new GradCheckReport(settings, GradCheckReport.Method.FULL_AFTER_FAST_FAILURE,
                    fullCheck(settings, subject, at));
        }
        return new GradCheckReport(settings, GradCheckReport.Method.FULL, fullCheck(settings, subject, at));
    }

    private static List<InputReport> fullCheck(GradCheckSettings settings, Subject subject, Linearization at) {
        Matrix output = at.output();
        // analytic.get(o)[i] = d output_o / d input_i, one backward pass per output element o
        List<Matrix[]> analytic = new ArrayList<>();
        for (int o = 0; o < output.size(); o++) {
            analytic.add(at.vectorJacobianProduct(Matrix.zeros(output.rows(), output.cols()).withFlat(o, 1.0)));
        }
        List<InputReport> reports = new ArrayList<>();
        Matrix[] point = subject.point();
        for (int i = 0; i < point.length; i++) {
            Matrix x = point[i];
            Worst worst = new Worst(settings);
            for (int e = 0; e < x.size(); e++) {
                Matrix up = subject.evaluate(replace(point, i, x.withFlat(e, x.getFlat(e) + settings.h())), output);
                Matrix down = subject.evaluate(replace(point, i, x.withFlat(e, x.getFlat(e) - settings.h())), output);
                for (int o = 0; o < output.size(); o++) {
                    double numeric = (up.getFlat(o) - down.getFlat(o)) / (2.0 * settings.h());
                    worst.add(new Comparison.JacobianEntry(e / x.cols(), e % x.cols(), o / output.cols(),
                            o % output.cols(), analytic.get(o)[i].getFlat(e), numeric));
                }
            }
            reports.add(worst.report(subject.index(i), subject.name(i), x.shape()));
        }
        return reports;
    }

    private static List<InputReport> fastCheck(GradCheckSettings settings, Subject subject, Linearization at) {
        Rng rng = new Rng(settings.seed());
        Matrix output = at.output();
        Matrix u = unitGaussian(rng, output.rows(), output.cols());
        Matrix[] vjp = at.vectorJacobianProduct(u);
        Matrix[] point = subject.point();
        List<InputReport> reports = new ArrayList<>();
        for (int i = 0; i < point.length; i++) {
            Matrix x = point[i];
            Matrix v = unitGaussian(rng, x.rows(), x.cols());
            Worst worst = new Worst(settings);
            if (x.size() > 0 && output.size() > 0) {
                Matrix up = subject.evaluate(replace(point, i, x.plus(v.times(settings.h()))), output);
                Matrix down = subject.evaluate(replace(point, i, x.minus(v.times(settings.h()))), output);
                double numeric = up.minus(down).times(1.0 / (2.0 * settings.h())).dot(u);
                worst.add(new Comparison.Projection(vjp[i].dot(v), numeric));
            }
            reports.add(worst.report(subject.index(i), subject.name(i), x.shape()));
        }
        return reports;
    }

    private static Matrix unitGaussian(Rng rng, int rows, int cols) {
        Matrix g = rng.gaussian(rows, cols, 0.0, 1.0);
        double norm = g.frobeniusNorm();
        return norm == 0.0 ? g : g.times(1.0 / norm);
    }

    private static Matrix[] replace(Matrix[] point, int i, Matrix value) {
        Matrix[] moved = point.clone();
        moved[i] = value;
        return moved;
    }

    /** Running maxima of one input's comparisons and the comparison closest to failing (first on ties). */
    private static final class Worst {
        private final GradCheckSettings settings;
        private int count;
        private double maxAbsolute;
        private double maxRelative;
        private Comparison worst;
        private double worstRatio = -1.0;
        private boolean passed = true;

        Worst(GradCheckSettings settings) {
            this.settings = settings;
        }

        void add(Comparison c) {
            count++;
            maxAbsolute = Math.max(maxAbsolute, c.absoluteError());
            maxRelative = Math.max(maxRelative, c.relativeError());
            passed &= settings.accepts(c.analytic(), c.numeric());
            double ratio = c.toleranceRatio(settings);
            if (ratio > worstRatio) {
                worstRatio = ratio;
                worst = c;
            }
        }

        InputReport report(int index, String name, String shape) {
            return new InputReport(index, name, shape, count, maxAbsolute, maxRelative, worst, passed);
        }
    }

    // ------------------------------------------------------------------------------------------
    // How the function is given: a function of its arguments, or a computation reading parameters

    /** The function under test, seen as a map from the checked inputs' values to the output value. */
    private interface Subject {
        /** The values of the checked inputs at the point of the check. */
        Matrix[] point();

        /** The argument position of checked input {@code i}. */
        int index(int i);

        /** The name of checked input {@code i}, for the report. */
        String name(int i);

        /** The output at another point, without recording a graph; its shape must equal {@code reference}'s. */
        Matrix evaluate(Matrix[] point, Matrix reference);

        /** Records the function at {@link #point()} for back-propagation. */
        Linearization linearize();
    }

    /** The function recorded at the point of the check: its output and its vector-Jacobian products. */
    private interface Linearization {
        Matrix output();

        /** For each checked input, {@code d <seed, output> / d input} by back-propagation. */
        Matrix[] vectorJacobianProduct(Matrix seed);
    }

    private static Matrix requireOutput(Tensor y, Matrix reference) {
        if (y == null) {
            throw new IllegalStateException("GradCheck: the function returned null");
        }
        if (reference != null && !y.value().sameShape(reference)) {
            throw new IllegalStateException("GradCheck: the function returned " + y.shape() + " at a perturbed point"
                    + " but " + reference.shape() + " at the point of the check; its output shape must not change");
        }
        return y.value();
    }

    private static Matrix[] backpropagate(Tensor output, List<? extends Tensor> leaves, Matrix seed) {
        if (output.requiresGrad()) {
            output.backward(seed);
        }
        Matrix[] grads = new Matrix[leaves.size()];
        for (int k = 0; k < grads.length; k++) {
            Tensor leaf = leaves.get(k);
            grads[k] = leaf.grad() != null ? leaf.grad() : Matrix.zeros(leaf.rows(), leaf.cols());
            leaf.zeroGrad();
        }
        return grads;
    }

    private static final class FunctionSubject implements Subject {
        private final TensorFunction f;
        private final Tensor[] arguments;
        private final int[] checked;

        FunctionSubject(TensorFunction f, Tensor[] arguments) {
            this.f = f;
            this.arguments = arguments.clone();
            this.checked = IntStream.range(0, arguments.length)
                    .filter(i -> arguments[i].requiresGrad()).toArray();
        }

        @Override
        public Matrix[] point() {
            Matrix[] values = new Matrix[checked.length];
            for (int k = 0; k < checked.length; k++) {
                values[k] = arguments[checked[k]].value();
            }
            return values;
        }

        @Override
        public int index(int i) {
            return checked[i];
        }

        @Override
        public String name(int i) {
            String name = arguments[checked[i]].name();
            return name != null ? name : "input " + checked[i];
        }

        @Override
        public Matrix evaluate(Matrix[] point, Matrix reference) {
            Tensor[] args = arguments.clone();
            for (int k = 0; k < checked.length; k++) {
                args[checked[k]] = Tensor.constant(point[k]);
            }
            try (GradMode.Scope scope = GradMode.noGrad()) {
                return requireOutput(f.apply(args), reference);
            }
        }

        @Override
        public Linearization linearize() {
            Tensor[] args = arguments.clone();
            List<Tensor> leaves = new ArrayList<>();
            for (int c : checked) {
                Tensor original = arguments[c];
                Tensor leaf = original.name() != null
                        ? Tensor.variable(original.name(), original.value())
                        : Tensor.variable(original.value());
                args[c] = leaf;
                leaves.add(leaf);
            }
            Tensor y;
            try (GradMode.Scope scope = GradMode.enableGrad()) {
                y = f.apply(args);
            }
            Matrix value = requireOutput(y, null);
            return new Linearization() {
                @Override
                public Matrix output() {
                    return value;
                }

                @Override
                public Matrix[] vectorJacobianProduct(Matrix seed) {
                    return backpropagate(y, leaves, seed);
                }
            };
        }
    }

    private static final class ParameterSubject implements Subject {
        private final Supplier<Tensor> f;
        private final List<Parameter> parameters;
        private final Matrix[] original;

        ParameterSubject(Supplier<Tensor> f, List<Parameter> parameters) {
            this.f = f;
            this.parameters = parameters;
            this.original = parameters.stream().map(Tensor::value).toArray(Matrix[]::new);
        }

        @Override
        public Matrix[] point() {
            return original.clone();
        }

        @Override
        public int index(int i) {
            return i;
        }

        @Override
        public String name(int i) {
            return parameters.get(i).name();
        }

        @Override
        public Matrix evaluate(Matrix[] point, Matrix reference) {
            try (GradMode.Scope scope = GradMode.noGrad()) {
                for (int k = 0; k < point.length; k++) {
                    parameters.get(k).assign(point[k]);
                }
                return requireOutput(f.get(), reference);
            } finally {
                for (int k = 0; k < original.length; k++) {
                    parameters.get(k).assign(original[k]);
                }
            }
        }

        @Override
        public Linearization linearize() {
            parameters.forEach(Tensor::zeroGrad);
            Tensor y;
            try (GradMode.Scope scope = GradMode.enableGrad()) {
                y = f.get();
            }
            Matrix value = requireOutput(y, null);
            return new Linearization() {
                @Override
                public Matrix output() {
                    return value;
                }

                @Override
                public Matrix[] vectorJacobianProduct(Matrix seed) {
                    return backpropagate(y, parameters, seed);
                }
            };
        }
    }
}
