package io.github.dlref.autograd;

import io.github.dlref.math.Matrix;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Gradients as values, and second derivatives, for the matrix engine: PyTorch's {@code torch.autograd.grad}
 * (with {@code create_graph}), {@code torch.autograd.functional.hvp} and {@code hessian}.
 *
 * <p><b>Double backward.</b> {@link #grad(Tensor, List, Tensor, boolean)} with {@code createGraph = true}
 * runs the reverse pass with gradient recording on and each op's
 * {@link Op#differentiableBackward(Tensor, List, Tensor)} rule, which computes the op's backward with tensor
 * ops: the returned gradients are tensors with a graph, so they can be differentiated again. The reverse pass
 * visits the nodes in the same order as {@link Tensor#backward(Matrix)} and sums contributions in the same
 * order (with the {@code Add} op, which adds as {@link Matrix#plus} does), and every op of
 * {@code io.github.dlref.autograd.ops} computes the same numbers in its differentiable rule as in its fast one,
 * so the first-order values agree bit for bit with the fast path (except the sign of a zero: the piecewise-linear
 * ops multiply by a 0/1 mask, and {@code g * 0} is {@code -0.0} for a negative {@code g} where the fast rule
 * writes {@code +0.0}). With {@code createGraph = false} the fast
 * path runs ({@link Tensor#backward(Matrix)}'s arithmetic) and the results are constants.
 *
 * <p><b>Hessian-vector products.</b> {@link #hvp(Function, Matrix[], Matrix[])} computes
 * {@code H v = d/dx (grad f(x) . v)}: one reverse pass with {@code createGraph}, the scalar
 * {@code s = sum_i <grad_i f(x), v_i>}, and a second (fast) reverse pass from {@code s}. {@link #hessian} stacks
 * {@code d grad_a / dx} for every entry {@code a} of the gradient, one fast reverse pass per entry.
 *
 * <p>Piecewise-linear ops (ReLU, leaky ReLU, abs, clamp, maxima) have second derivative 0 away from their kinks
 * and none at them ({@link Op#isTwiceDifferentiable()}); their differentiable rules give 0, as PyTorch's do.
 *
 * <p>Unlike {@code torch.autograd.grad}, an input that the output does not reach receives a zero gradient
 * (PyTorch's {@code allow_unused=True, materialize_grads=True}) rather than an error.
 */
public final class Autograd {

    /** The largest number of entries of a Hessian {@link #hessian} builds ({@code 2^24}, 128 MiB of doubles). */
    public static final long MAX_HESSIAN_ENTRIES = 1L << 24;

    private Autograd() {
    }

    /**
     * The gradients {@code d(output)/d(input)} of a {@code 1 x 1} output (seed 1), as tensors.
     *
     * @param output a {@code 1 x 1} tensor that requires a gradient
     * @param inputs tensors of {@code output}'s graph that require a gradient (leaves or intermediate results)
     * @param createGraph whether the returned gradients carry a graph (double backward)
     * @return one gradient per input, in order, each of its input's shape
     * @throws IllegalArgumentException if {@code output} is not {@code 1 x 1} or an input does not require a
     *     gradient
     * @throws IllegalStateException if {@code output} does not require a gradient
     */
    public static List<Tensor> grad(Tensor output, List<Tensor> inputs, boolean createGraph) {
        Objects.requireNonNull(output, "Autograd.grad: output");
        if (output.rows() != 1 || output.cols() != 1) {
            throw new IllegalArgumentException("Autograd.grad: without a seed the output must be 1x1, got "
                    + output.shape() + "; pass a seed gradient of shape " + output.shape());
        }
        return grad(output, inputs, Tensor.constant(Matrix.scalar(1.0)), createGraph);
    }

    /**
     * The vector-Jacobian products {@code sum_o seed_o d(output_o)/d(input)} for each input, as tensors, without
     * touching any tensor's accumulated {@link Tensor#grad()} (PyTorch's {@code torch.autograd.grad}).
     *
     * @param output a tensor that requires a gradient
     * @param inputs tensors of {@code output}'s graph that require a gradient (leaves or intermediate results)
     * @param seed {@code dL/d(output)}, of the output's shape; with {@code createGraph} the gradients are
     *     differentiable in it too when it requires a gradient
     * @param createGraph whether the returned gradients carry a graph (double backward); if {@code false} they
     *     are constants computed by the fast path
     * @return one gradient per input, in order, each of its input's shape (zeros for an input not reached)
     * @throws IllegalArgumentException if the seed's shape differs from the output's or an input does not
     *     require a gradient
     * @throws IllegalStateException if {@code output} does not require a gradient
     * @throws UnsupportedOperationException with {@code createGraph}, if an op of the graph has no
     *     differentiable backward rule (a custom op that only overrides {@code backward(Matrix)})
     */
    public static List<Tensor> grad(Tensor output, List<Tensor> inputs, Tensor seed, boolean createGraph) {
        Objects.requireNonNull(output, "Autograd.grad: output");
        Objects.requireNonNull(seed, "Autograd.grad: seed");
        List<Tensor> wanted = List.copyOf(inputs);
        if (!output.requiresGrad()) {
            throw new IllegalStateException("Autograd.grad: the output " + output.describe()
                    + " does not require a gradient (no input of its graph requires one, or it was computed under"
                    + " GradMode.noGrad())");
        }
        if (!seed.value().sameShape(output.value())) {
            throw new IllegalArgumentException("Autograd.grad: seed shape " + seed.shape()
                    + " does not match output shape " + output.shape());
        }
        Map<Tensor, Boolean> wantedSet = new IdentityHashMap<>();
        for (int i = 0; i < wanted.size(); i++) {
            if (!wanted.get(i).requiresGrad()) {
                throw new IllegalArgumentException("Autograd.grad: input " + i + " " + wanted.get(i).describe()
                        + " does not require a gradient");
            }
            wantedSet.put(wanted.get(i), Boolean.TRUE);
        }
        Map<Tensor, Tensor> found = new IdentityHashMap<>();
        if (createGraph) {
            propagateWithGraph(output, seed, wantedSet, found);
        } else {
            Tensor.propagate(output, seed.value(), (node, g) -> {
                if (wantedSet.containsKey(node)) {
                    found.put(node, Tensor.constant(g));
                }
            });
        }
        List<Tensor> result = new ArrayList<>(wanted.size());
        for (Tensor in : wanted) {
            Tensor g = found.get(in);
            result.add(g != null ? g : Tensor.constant(Matrix.zeros(in.rows(), in.cols())));
        }
        return List.copyOf(result);
    }

    /**
     * The reverse pass with tensors: as {@link Tensor#propagate} but through each op's differentiable rule,
     * with gradient recording on, summing contributions with {@link Tensor#plus(Tensor)}.
     */
    private static void propagateWithGraph(Tensor root, Tensor seed, Map<Tensor, Boolean> wanted,
            Map<Tensor, Tensor> found) {
        List<Tensor> order = Tensor.topologicalOrder(root);
        Map<Tensor, Tensor> pending = new IdentityHashMap<>();
        pending.put(root, seed);
        boolean anomaly = GradMode.isAnomalyDetectionEnabled();
        try (GradMode.Scope scope = GradMode.enableGrad()) {
            for (int k = order.size() - 1; k >= 0; k--) {
                Tensor node = order.get(k);
                Tensor g = pending.remove(node);
                if (g == null) {
                    continue;
                }
                if (wanted.containsKey(node)) {
                    found.put(node, g);
                }
                if (node.isLeaf()) {
                    continue;
                }
                Op op = node.creator();
                List<Tensor> inputs = node.inputs();
                Tensor[] contributions = op.differentiableBackward(g, inputs, node);
                if (contributions.length != inputs.size()) {
                    throw new IllegalStateException(op.name() + ".differentiableBackward returned "
                            + contributions.length + " gradients for " + inputs.size() + " inputs");
                }
                for (int i = 0; i < contributions.length; i++) {
                    Tensor in = inputs.get(i);
                    if (!in.requiresGrad()) {
                        continue;
                    }
                    Tensor c = contributions[i];
                    if (c == null) {
                        throw new IllegalStateException(op.name() + ".differentiableBackward returned no gradient"
                                + " for input " + i + ", which requires one");
                    }
                    if (!c.value().sameShape(in.value())) {
                        throw new IllegalStateException(op.name() + ".differentiableBackward: gradient for input "
                                + i + " has shape " + c.shape() + " but the input has shape " + in.shape());
                    }
                    if (anomaly) {
                        Tensor.checkFinite(c.value(), op, "differentiable backward (gradient for input " + i + ")",
                                inputs.stream().map(Tensor::value).toArray(Matrix[]::new));
                    }
                    pending.merge(in, c, Tensor::plus);
                }
            }
        }
    }

    /**
     * The Hessian-vector product {@code H v} of a scalar function at a point (PyTorch's
     * {@code torch.autograd.functional.hvp}): {@code (H v)_i = sum_j (d^2 f / dx_i dx_j) v_j}, computed as
     * {@code d/dx_i (sum_j <grad_j f(x), v_j>)} by double backward.
     *
     * @param f the function; it receives fresh leaves that require gradients (one per point entry, in order)
     *     and must return a {@code 1 x 1} tensor
     * @param point the point {@code x}, one matrix per argument
     * @param v the direction, one matrix per argument, each of its argument's shape
     * @return {@code H v}, one matrix per argument, each of its argument's shape
     * @throws IllegalArgumentException if the counts or shapes of {@code point} and {@code v} differ, or
     *     {@code f} does not return a {@code 1 x 1} tensor
     */
    public static Matrix[] hvp(Function<Tensor[], Tensor> f, Matrix[] point, Matrix[] v) {
        Objects.requireNonNull(f, "Autograd.hvp: function");
        if (point.length != v.length) {
            throw new IllegalArgumentException("Autograd.hvp: " + point.length + " point argument(s) but "
                    + v.length + " direction(s)");
        }
        for (int i = 0; i < point.length; i++) {
            if (!v[i].sameShape(point[i])) {
                throw new IllegalArgumentException("Autograd.hvp: direction " + i + " has shape " + v[i].shape()
                        + " but argument " + i + " has shape " + point[i].shape());
            }
        }
        Tensor[] x = leaves(point);
        Tensor y = scalarOutput("Autograd.hvp", f, x);
        List<Tensor> gradients = y.requiresGrad() ? grad(y, List.of(x), true) : List.of();
        Tensor projection = null;
        for (int i = 0; i < gradients.size(); i++) {
            Tensor term;
            try (GradMode.Scope scope = GradMode.enableGrad()) {
                term = gradients.get(i).times(Tensor.constant(v[i])).sum();
            }
            projection = projection == null ? term : plusRecorded(projection, term);
        }
        Matrix[] product = new Matrix[x.length];
        if (projection == null || !projection.requiresGrad()) {
            for (int i = 0; i < x.length; i++) {
                product[i] = Matrix.zeros(point[i].rows(), point[i].cols());
            }
            return product;
        }
        List<Tensor> hv = grad(projection, List.of(x), false);
        for (int i = 0; i < x.length; i++) {
            product[i] = hv.get(i).value();
        }
        return product;
    }

    /**
     * The Hessian of a scalar function at a point (PyTorch's {@code torch.autograd.functional.hessian}, with all
     * arguments flattened into one vector): the arguments' entries are numbered row-major, argument after
     * argument, and {@code H_ab = d^2 f / dx_a dx_b}. Row {@code a} is the derivative of gradient entry
     * {@code a}, from one reverse pass through the gradient's graph.
     *
     * @param f the function; it receives fresh leaves that require gradients and must return a {@code 1 x 1}
     *     tensor
     * @param point the point, one matrix per argument
     * @return the {@code n x n} Hessian, {@code n} the total number of entries
     * @throws IllegalArgumentException if {@code f} does not return a {@code 1 x 1} tensor, or {@code n^2} exceeds
     *     {@link #MAX_HESSIAN_ENTRIES}
     */
    public static Matrix hessian(Function<Tensor[], Tensor> f, Matrix... point) {
        Objects.requireNonNull(f, "Autograd.hessian: function");
        long n = 0;
        for (Matrix m : point) {
            n += m.size();
        }
        if (n * n > MAX_HESSIAN_ENTRIES) {
            throw new IllegalArgumentException("Autograd.hessian: " + n + " entries give a " + n + "x" + n
                    + " Hessian, above the limit of " + MAX_HESSIAN_ENTRIES + " entries; use Autograd.hvp");
        }
        int size = (int) n;
        Tensor[] x = leaves(point);
        Tensor y = scalarOutput("Autograd.hessian", f, x);
        List<Tensor> gradients = y.requiresGrad() ? grad(y, List.of(x), true) : List.of();
        double[] h = new double[size * size];
        int row = 0;
        for (Tensor g : gradients) {
            for (int e = 0; e < g.value().size(); e++, row++) {
                if (!g.requiresGrad()) {
                    continue;
                }
                Matrix seed = Matrix.zeros(g.rows(), g.cols()).withFlat(e, 1.0);
                List<Tensor> second = grad(g, List.of(x), Tensor.constant(seed), false);
                int col = 0;
                for (Tensor s : second) {
                    for (int k = 0; k < s.value().size(); k++, col++) {
                        h[row * size + col] = s.value().getFlat(k);
                    }
                }
            }
        }
        return Matrix.fromRowMajor(size, size, h);
    }

    private static Tensor[] leaves(Matrix[] point) {
        Tensor[] x = new Tensor[point.length];
        for (int i = 0; i < point.length; i++) {
            x[i] = Tensor.variable(Objects.requireNonNull(point[i], "Autograd: point argument " + i + " is null"));
        }
        return x;
    }

    private static Tensor scalarOutput(String where, Function<Tensor[], Tensor> f, Tensor[] x) {
        Tensor y;
        try (GradMode.Scope scope = GradMode.enableGrad()) {
            y = f.apply(x.clone());
        }
        if (y == null) {
            throw new IllegalArgumentException(where + ": the function returned null");
        }
        if (y.rows() != 1 || y.cols() != 1) {
            throw new IllegalArgumentException(where + ": the function must return a 1x1 tensor, got " + y.shape());
        }
        return y;
    }

    private static Tensor plusRecorded(Tensor a, Tensor b) {
        try (GradMode.Scope scope = GradMode.enableGrad()) {
            return a.plus(b);
        }
    }
}
