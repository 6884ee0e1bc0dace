package io.github.dlref.autograd;

import io.github.dlref.math.Matrix;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A node of the matrix engine's computation graph: a {@link Matrix} value, an optional accumulated
 * gradient, and the {@link Op} and inputs that produced it (reverse-mode automatic differentiation).
 *
 * <p>Semantics follow PyTorch:
 * <ul>
 *   <li>A <em>leaf</em> is a tensor not produced by an op ({@link #constant(Matrix)},
 *       {@link #variable(Matrix)}, {@link Parameter}). Only leaves that require a gradient receive one in
 *       {@link #grad()}; intermediate results keep theirs only after {@link #retainGrad()}.</li>
 *   <li>An op's result requires a gradient when gradient recording is on ({@link GradMode}) and at least
 *       one input requires one; otherwise no graph is recorded.</li>
 *   <li>{@link #backward()} computes {@code d(this)/d(leaf)} for every leaf that requires a gradient and
 *       <b>adds</b> it to the leaf's gradient (gradients accumulate across calls until
 *       {@link #zeroGrad()}).</li>
 *   <li>The traversal is iterative (no recursion limit) and deterministic: nodes are visited in the order
 *       of their inputs lists, so the same graph sums contributions in the same order, bit for bit.</li>
 *   <li>Double backward (differentiating a gradient) is not supported: ops' backward rules work on
 *       {@code Matrix} values, not on tensors.</li>
 * </ul>
 */
public class Tensor {

    private Matrix value;
    private Matrix grad;
    private final boolean requiresGrad;
    private final Op creator;
    private final List<Tensor> inputs;
    private final String name;
    private boolean retainGrad;

    /**
     * Creates a leaf.
     *
     * @param value the value
     * @param requiresGrad whether the leaf receives gradients
     * @param name a name for messages, or {@code null}
     */
    protected Tensor(Matrix value, boolean requiresGrad, String name) {
        this.value = Objects.requireNonNull(value, "Tensor: value must not be null");
        this.requiresGrad = requiresGrad;
        this.creator = null;
        this.inputs = List.of();
        this.name = name;
    }

    private Tensor(Matrix value, Op creator, List<Tensor> inputs) {
        this.value = value;
        this.requiresGrad = creator != null;
        this.creator = creator;
        this.inputs = inputs;
        this.name = null;
    }

    /**
     * A leaf that does not require a gradient (an input, a target, a constant).
     *
     * @param value the value
     * @return the tensor
     */
    public static Tensor constant(Matrix value) {
        return new Tensor(value, false, null);
    }

    /**
     * A leaf that requires a gradient (an input whose gradient is wanted).
     *
     * @param value the value
     * @return the tensor
     */
    public static Tensor variable(Matrix value) {
        return new Tensor(value, true, null);
    }

    /**
     * A named leaf that requires a gradient.
     *
     * @param name the name, for messages
     * @param value the value
     * @return the tensor
     */
    public static Tensor variable(String name, Matrix value) {
        return new Tensor(value, true, Objects.requireNonNull(name, "Tensor.variable: name"));
    }

    /**
     * Applies an op to inputs: runs its forward pass and, when gradients are recorded and some input
     * requires one, records the op in the graph. In anomaly mode, a non-finite output fails here.
     *
     * @param op a fresh op instance (used for this application only)
     * @param inputs the inputs, {@code op.arity()} of them
     * @return the result
     * @throws IllegalArgumentException if the number of inputs is wrong (or the op rejects the shapes)
     */
    public static Tensor apply(Op op, Tensor... inputs) {
        Objects.requireNonNull(op, "Tensor.apply: op");
        if (inputs.length != op.arity()) {
            throw new IllegalArgumentException(op.name() + ": expects " + op.arity() + " input(s), got "
                    + inputs.length);
        }
        Matrix[] values = new Matrix[inputs.length];
        boolean[] needs = new boolean[inputs.length];
        boolean record = false;
        boolean gradEnabled = GradMode.isGradEnabled();
        for (int i = 0; i < inputs.length; i++) {
            Objects.requireNonNull(inputs[i], () -> op.name() + ": input must not be null");
            values[i] = inputs[i].value;
            needs[i] = gradEnabled && inputs[i].requiresGrad;
            record |= needs[i];
        }
        op.setNeedsInputGrad(needs);
        Matrix out = op.forward(values);
        if (GradMode.isAnomalyDetectionEnabled()) {
            checkFinite(out, op, "forward", values);
        }
        if (!record) {
            return new Tensor(out, false, null);
        }
        return new Tensor(out, op, List.of(inputs));
    }

    // ------------------------------------------------------------------------------------------
    // Accessors

    /**
     * The current value.
     *
     * @return the value
     */
    public Matrix value() {
        return value;
    }

    /**
     * The accumulated gradient {@code dL/d(this)}, or {@code null} if none has been computed (or this
     * tensor does not require one, or is an intermediate result without {@link #retainGrad()}).
     *
     * @return the gradient, same shape as the value, or {@code null}
     */
    public Matrix grad() {
        return grad;
    }

    /**
     * Whether gradients flow to this tensor.
     *
     * @return whether it requires a gradient
     */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Whether this tensor was not produced by an op.
     *
     * @return whether it is a leaf
     */
    public boolean isLeaf() {
        return creator == null;
    }

    /**
     * The op that produced this tensor.
     *
     * @return the op, or {@code null} for a leaf (or a result computed without recording)
     */
    public Op creator() {
        return creator;
    }

    /**
     * The inputs of the op that produced this tensor, in order.
     *
     * @return an unmodifiable list, empty for a leaf
     */
    public List<Tensor> inputs() {
        return inputs;
    }

    /**
     * The name given at creation, or {@code null}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The number of rows of the value.
     *
     * @return the row count
     */
    public int rows() {
        return value.rows();
    }

    /**
     * The number of columns of the value.
     *
     * @return the column count
     */
    public int cols() {
        return value.cols();
    }

    /**
     * The shape of the value, as text ({@code "rows x cols"} without spaces).
     *
     * @return the shape
     */
    public String shape() {
        return value.shape();
    }

    /**
     * The single entry of a {@code 1 x 1} value.
     *
     * @return the entry
     */
    public double item() {
        return value.scalarValue();
    }

    /**
     * Asks that this intermediate result keep its gradient after backward (PyTorch's
     * {@code retain_grad()}); leaves that require a gradient always keep it.
     *
     * @return this tensor
     * @throws IllegalStateException if the tensor does not require a gradient
     */
    public Tensor retainGrad() {
        if (!requiresGrad) {
            throw new IllegalStateException("retainGrad: tensor " + describe() + " does not require a gradient");
        }
        retainGrad = true;
        return this;
    }

    /**
     * A leaf with the same value that does not require a gradient (PyTorch's {@code detach()}).
     *
     * @return the detached tensor
     */
    public Tensor detach() {
        return constant(value);
    }

    // ------------------------------------------------------------------------------------------
    // Mutation (allowed where it is the point: gradients and parameter values)

    /**
     * Clears the accumulated gradient (sets it to {@code null}, as PyTorch's {@code set_to_none=True}).
     */
    public void zeroGrad() {
        grad = null;
    }

    /**
     * Adds a contribution to the accumulated gradient: {@code grad = grad + contribution} (or
     * {@code contribution} when there is none yet).
     *
     * @param contribution a matrix of this tensor's shape
     * @throws IllegalArgumentException if the shape differs
     */
    public void accumulateGrad(Matrix contribution) {
        if (!contribution.sameShape(value)) {
            throw new IllegalArgumentException("accumulateGrad: gradient shape " + contribution.shape()
                    + " does not match tensor " + describe() + " of shape " + shape());
        }
        grad = grad == null ? contribution : grad.plus(contribution);
    }

    /**
     * Replaces the value of a leaf in place (for parameter updates). Results of ops cannot be changed.
     *
     * @param newValue a matrix of the same shape
     * @throws IllegalStateException if this tensor is not a leaf
     * @throws IllegalArgumentException if the shape differs
     */
    protected void assignValue(Matrix newValue) {
        if (!isLeaf()) {
            throw new IllegalStateException("assign: " + describe() + " is the result of " + creator.name()
                    + " and cannot be assigned; only leaves can");
        }
        if (!newValue.sameShape(value)) {
            throw new IllegalArgumentException("assign: new value of shape " + newValue.shape()
                    + " does not match " + describe() + " of shape " + shape());
        }
        value = newValue;
    }

    // ------------------------------------------------------------------------------------------
    // Backward

    /**
     * Back-propagates from a {@code 1 x 1} result, seeding {@code d(this)/d(this) = 1}.
     *
     * @throws IllegalStateException if the value is not {@code 1 x 1} or does not require a gradient
     */
    public void backward() {
        if (value.rows() != 1 || value.cols() != 1) {
            throw new IllegalStateException("backward: without a seed gradient the tensor must be 1x1, got "
                    + shape() + "; call backward(seedGradient) with a " + shape() + " gradient");
        }
        backward(Matrix.scalar(1.0));
    }

    /**
     * Back-propagates a given upstream gradient {@code dL/d(this)} (the vector of a vector-Jacobian product,
     * PyTorch's {@code backward(gradient)}), adding {@code dL/d(leaf)} into every reachable leaf that
     * requires a gradient.
     *
     * <p>Order: nodes are processed in reverse topological order of an iterative depth-first search that
     * follows each op's inputs list left to right; contributions to a node are summed in the order they
     * are produced. This order is fixed by the graph, so results are reproducible bit for bit.
     *
     * @param seedGradient {@code dL/d(this)}, of this tensor's shape
     * @throws IllegalStateException if this tensor does not require a gradient
     * @throws IllegalArgumentException if the seed's shape differs from the value's
     */
    public void backward(Matrix seedGradient) {
        if (!requiresGrad) {
            throw new IllegalStateException("backward: tensor " + describe()
                    + " does not require a gradient (no input of its graph requires one, or it was computed"
                    + " under GradMode.noGrad())");
        }
        if (!seedGradient.sameShape(value)) {
            throw new IllegalArgumentException("backward: seed gradient shape " + seedGradient.shape()
                    + " does not match tensor shape " + shape());
        }
        List<Tensor> order = topologicalOrder(this);
        Map<Tensor, Matrix> pending = new IdentityHashMap<>();
        pending.put(this, seedGradient);
        boolean anomaly = GradMode.isAnomalyDetectionEnabled();
        for (int k = order.size() - 1; k >= 0; k--) {
            Tensor node = order.get(k);
            Matrix g = pending.remove(node);
            if (g == null) {
                continue;
            }
            if (node.isLeaf() || node.retainGrad) {
                node.accumulateGrad(g);
            }
            if (node.isLeaf()) {
                continue;
            }
            Matrix[] contributions = node.creator.backward(g);
            if (contributions.length != node.inputs.size()) {
                throw new IllegalStateException(node.creator.name() + ".backward returned "
                        + contributions.length + " gradients for " + node.inputs.size() + " inputs");
            }
            for (int i = 0; i < contributions.length; i++) {
                Tensor in = node.inputs.get(i);
                if (!in.requiresGrad) {
                    continue;
                }
                Matrix c = contributions[i];
                if (c == null) {
                    throw new IllegalStateException(node.creator.name() + ".backward returned no gradient for input "
                            + i + ", which requires one");
                }
                if (!c.sameShape(in.value)) {
                    throw new IllegalStateException(node.creator.name() + ".backward: gradient for input " + i
                            + " has shape " + c.shape() + " but the input has shape " + in.shape());
                }
                if (anomaly) {
                    checkFinite(c, node.creator, "backward (gradient for input " + i + ")",
                            node.inputs.stream().map(Tensor::value).toArray(Matrix[]::new));
                }
                pending.merge(in, c, Matrix::plus);
            }
        }
    }

    /**
     * The tensors reachable from {@code root} through inputs that require gradients, in topological order
     * (every node after all of its inputs), computed by an iterative post-order depth-first search that
     * visits inputs left to right.
     */
    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> visited = new IdentityHashMap<>();
        Deque<Tensor> nodeStack = new ArrayDeque<>();
        Deque<Integer> nextInput = new ArrayDeque<>();
        nodeStack.push(root);
        nextInput.push(0);
        visited.put(root, Boolean.TRUE);
        while (!nodeStack.isEmpty()) {
            Tensor node = nodeStack.peek();
            int i = nextInput.pop();
            if (i < node.inputs.size()) {
                nextInput.push(i + 1);
                Tensor child = node.inputs.get(i);
                if (child.requiresGrad && visited.put(child, Boolean.TRUE) == null) {
                    nodeStack.push(child);
                    nextInput.push(0);
                }
            } else {
                nodeStack.pop();
                order.add(node);
            }
        }
        return Collections.unmodifiableList(order);
    }

    private static void checkFinite(Matrix m, Op op, String pass, Matrix[] inputs) {
        for (int k = 0; k < m.size(); k++) {
            double v = m.getFlat(k);
            if (!Double.isFinite(v)) {
                StringBuilder shapes = new StringBuilder();
                for (int i = 0; i < inputs.length; i++) {
                    shapes.append(i == 0 ? "" : ", ").append(inputs[i].shape());
                }
                throw new AnomalyException("anomaly: " + op.name() + " " + pass + " produced " + v
                        + " at element (" + (k / Math.max(1, m.cols())) + ", " + (k % Math.max(1, m.cols()))
                        + ") of a " + m.shape() + " result; input shapes [" + shapes + "]");
            }
        }
    }

    /**
     * A short description for messages: the name if any, else the producing op, and the shape.
     *
     * @return the description
     */
    protected String describe() {
        if (name != null) {
            return "'" + name + "' (" + shape() + ")";
        }
        return (creator != null ? "result of " + creator.name() : isLeaf() ? "leaf" : "tensor") + " (" + shape() + ")";
    }

    @Override
    public String toString() {
        return "Tensor " + describe() + (requiresGrad ? " requiresGrad" : "") + " " + value;
    }
}
