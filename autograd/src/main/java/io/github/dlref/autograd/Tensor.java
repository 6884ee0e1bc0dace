package io.github.dlref.autograd;

import io.github.dlref.autograd.ops.Abs;
import io.github.dlref.autograd.ops.Add;
import io.github.dlref.autograd.ops.AddRow;
import io.github.dlref.autograd.ops.AddScalar;
import io.github.dlref.autograd.ops.BinaryCrossEntropyWithLogits;
import io.github.dlref.autograd.ops.Clamp;
import io.github.dlref.autograd.ops.Divide;
import io.github.dlref.autograd.ops.DropoutMask;
import io.github.dlref.autograd.ops.Exp;
import io.github.dlref.autograd.ops.FrobeniusNormSquared;
import io.github.dlref.autograd.ops.LeakyRelu;
import io.github.dlref.autograd.ops.Log;
import io.github.dlref.autograd.ops.LogSoftmax;
import io.github.dlref.autograd.ops.MatMul;
import io.github.dlref.autograd.ops.MaxPerRow;
import io.github.dlref.autograd.ops.Maximum;
import io.github.dlref.autograd.ops.Mean;
import io.github.dlref.autograd.ops.Multiply;
import io.github.dlref.autograd.ops.MultiplyScalar;
import io.github.dlref.autograd.ops.Negate;
import io.github.dlref.autograd.ops.Pow;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.autograd.ops.Relu;
import io.github.dlref.autograd.ops.Sigmoid;
import io.github.dlref.autograd.ops.Softmax;
import io.github.dlref.autograd.ops.SoftmaxCrossEntropy;
import io.github.dlref.autograd.ops.Sqrt;
import io.github.dlref.autograd.ops.Subtract;
import io.github.dlref.autograd.ops.Sum;
import io.github.dlref.autograd.ops.SumCols;
import io.github.dlref.autograd.ops.SumRows;
import io.github.dlref.autograd.ops.Tanh;
import io.github.dlref.autograd.ops.TimesTranspose;
import io.github.dlref.autograd.ops.Transpose;
import io.github.dlref.autograd.ops.TransposeTimes;
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
 *   <li>Double backward (differentiating a gradient, PyTorch's {@code create_graph=True}) goes through
 *       {@link Autograd#grad(Tensor, List, Tensor, boolean)}: with {@code createGraph} each op's
 *       {@link Op#differentiableBackward(Tensor, List, Tensor)} builds the gradient out of tensor ops, so the
 *       gradient is itself a tensor with a graph ({@link Autograd#hvp}, {@link Autograd#hessian}).
 *       {@link #backward()} always takes the fast path on {@code Matrix} values.</li>
 * </ul>
 *
 * <p>Operations are written fluently, {@code x.timesTranspose(w).plusRow(b).relu().softmaxCrossEntropy(classes)};
 * each fluent method applies one op class of {@link io.github.dlref.autograd.ops}, whose Javadoc gives the
 * formula, shapes, gradient and the convention at non-differentiable points. There is no implicit
 * broadcasting: shapes must match exactly, and the one broadcast, {@link #plusRow(Tensor)}, is explicit.
 *
 * <p>Example: the gradients of a softmax cross-entropy through a linear map, for a batch of two samples
 * with three features and two classes ({@code dL/dW = (softmax(x W^T + b) - Y)^T x / N}):
 * <pre>{@code
 * Tensor x = Tensor.constant(Matrix.of(new double[][] {{1, 2, 0}, {0, -1, 3}}));   // N x D = 2 x 3
 * Tensor w = Tensor.variable("W", Matrix.zeros(2, 3));                             // classes x D
 * Tensor b = Tensor.variable("b", Matrix.zeros(1, 2));
 * Tensor loss = x.timesTranspose(w).plusRow(b).softmaxCrossEntropy(new int[] {0, 1});
 * loss.backward();
 * double value = loss.item();   // ln 2: all logits are 0
 * Matrix dW = w.grad();         // 2 x 3
 * }</pre>
 * Domain errors (such as {@code log} of a negative entry) give IEEE NaN or infinities, as in PyTorch;
 * {@link GradMode#detectAnomaly()} makes them throw naming the op (see the package documentation).
 *
 * <p>The fluent ops use the names of {@link Matrix} and of the scalar engine's
 * {@link io.github.dlref.autograd.scalar.Value} ({@code plus}, {@code minus}, {@code times}, {@code div},
 * {@code neg}, {@code sumRows}, {@code sumCols}, ...): one vocabulary, tabulated once under "Operation names"
 * in {@code docs/conventions.md}.
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
     * <p>An op instance keeps the values its backward needs, so it can be applied only once: a second
     * application would overwrite what the first node saved and silently give it a wrong gradient. A
     * reused instance is therefore refused (also under {@link GradMode#noGrad()}, so that code does not
     * behave differently with and without recording).
     *
     * @param op a new op instance, used for this application only
     * @param inputs the inputs, {@code op.arity()} of them
     * @return the result
     * @throws IllegalArgumentException if the number of inputs is wrong (or the op rejects the shapes)
     * @throws IllegalStateException if {@code op} was already applied, naming the op
     */
    public static Tensor apply(Op op, Tensor... inputs) {
        Objects.requireNonNull(op, "Tensor.apply: op");
        if (inputs.length != op.arity()) {
            throw new IllegalArgumentException(op.name() + ": expects " + op.arity() + " input(s), got "
                    + inputs.length);
        }
        op.markApplied();
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
    // Fluent ops: each method applies one op class of io.github.dlref.autograd.ops (see its Javadoc for
    // the formula, the gradient and the convention at non-differentiable points).

    /**
     * Elementwise sum {@code this + other} ({@link Add}).
     *
     * @param other a tensor of the same shape
     * @return the sum
     */
    public Tensor plus(Tensor other) {
        return apply(new Add(), this, other);
    }

    /**
     * Elementwise difference {@code this - other} ({@link Subtract}).
     *
     * @param other a tensor of the same shape
     * @return the difference
     */
    public Tensor minus(Tensor other) {
        return apply(new Subtract(), this, other);
    }

    /**
     * Elementwise (Hadamard) product {@code this * other} ({@link Multiply}); for the matrix product see
     * {@link #matmul(Tensor)}.
     *
     * @param other a tensor of the same shape
     * @return the product
     */
    public Tensor times(Tensor other) {
        return apply(new Multiply(), this, other);
    }

    /**
     * Elementwise quotient {@code this / other} ({@link Divide}).
     *
     * @param other a tensor of the same shape
     * @return the quotient
     */
    public Tensor div(Tensor other) {
        return apply(new Divide(), this, other);
    }

    /**
     * Negation {@code -this} ({@link Negate}).
     *
     * @return the negation
     */
    public Tensor neg() {
        return apply(new Negate(), this);
    }

    /**
     * Adds a constant to every entry ({@link AddScalar}).
     *
     * @param constant a finite constant
     * @return {@code this + constant}
     */
    public Tensor plus(double constant) {
        return apply(new AddScalar(constant), this);
    }

    /**
     * Multiplies every entry by a constant ({@link MultiplyScalar}).
     *
     * @param factor a finite constant
     * @return {@code factor * this}
     */
    public Tensor times(double factor) {
        return apply(new MultiplyScalar(factor), this);
    }

    /**
     * Matrix product {@code this other} ({@link MatMul}).
     *
     * @param other a {@code k x n} tensor when this is {@code m x k}
     * @return the {@code m x n} product
     */
    public Tensor matmul(Tensor other) {
        return apply(new MatMul(), this, other);
    }

    /**
     * Matrix product {@code this^T other} without forming the transpose ({@link TransposeTimes}).
     *
     * @param other a {@code k x n} tensor when this is {@code k x m}
     * @return the {@code m x n} product
     */
    public Tensor transposeTimes(Tensor other) {
        return apply(new TransposeTimes(), this, other);
    }

    /**
     * Matrix product {@code this other^T} without forming the transpose ({@link TimesTranspose}); a linear
     * layer's {@code x W^T}.
     *
     * @param other an {@code n x k} tensor when this is {@code m x k}
     * @return the {@code m x n} product
     */
    public Tensor timesTranspose(Tensor other) {
        return apply(new TimesTranspose(), this, other);
    }

    /**
     * The transpose ({@link Transpose}).
     *
     * @return the {@code cols x rows} transpose
     */
    public Tensor transpose() {
        return apply(new Transpose(), this);
    }

    /**
     * Adds a {@code 1 x m} row to every row ({@link AddRow}; its gradient is the column sums).
     *
     * @param row a {@code 1 x cols} tensor
     * @return the broadcast sum
     */
    public Tensor plusRow(Tensor row) {
        return apply(new AddRow(), this, row);
    }

    /**
     * The sum of all entries ({@link Sum}).
     *
     * @return a {@code 1 x 1} tensor
     */
    public Tensor sum() {
        return apply(new Sum(), this);
    }

    /**
     * The sum of each row ({@link SumRows}).
     *
     * @return a {@code rows x 1} tensor
     */
    public Tensor sumRows() {
        return apply(new SumRows(), this);
    }

    /**
     * The sum of each column ({@link SumCols}).
     *
     * @return a {@code 1 x cols} tensor
     */
    public Tensor sumCols() {
        return apply(new SumCols(), this);
    }

    /**
     * The mean of all entries ({@link Mean}).
     *
     * @return a {@code 1 x 1} tensor
     */
    public Tensor mean() {
        return apply(new Mean(), this);
    }

    /**
     * Elementwise {@code exp} ({@link Exp}).
     *
     * @return the result
     */
    public Tensor exp() {
        return apply(new Exp(), this);
    }

    /**
     * Elementwise natural logarithm ({@link Log}).
     *
     * @return the result
     */
    public Tensor log() {
        return apply(new Log(), this);
    }

    /**
     * Elementwise square root ({@link Sqrt}).
     *
     * @return the result
     */
    public Tensor sqrt() {
        return apply(new Sqrt(), this);
    }

    /**
     * Elementwise power with a constant exponent ({@link Pow}).
     *
     * @param exponent a finite constant
     * @return {@code this^exponent}
     */
    public Tensor pow(double exponent) {
        return apply(new Pow(exponent), this);
    }

    /**
     * Elementwise absolute value ({@link Abs}; gradient 0 at 0).
     *
     * @return the result
     */
    public Tensor abs() {
        return apply(new Abs(), this);
    }

    /**
     * Elementwise ReLU ({@link Relu}; ReLU'(0) = 0).
     *
     * @return the result
     */
    public Tensor relu() {
        return apply(new Relu(), this);
    }

    /**
     * Elementwise leaky ReLU ({@link LeakyRelu}).
     *
     * @param slope the negative slope, finite
     * @return the result
     */
    public Tensor leakyRelu(double slope) {
        return apply(new LeakyRelu(slope), this);
    }

    /**
     * Elementwise logistic sigmoid ({@link Sigmoid}).
     *
     * @return the result
     */
    public Tensor sigmoid() {
        return apply(new Sigmoid(), this);
    }

    /**
     * Elementwise hyperbolic tangent ({@link Tanh}).
     *
     * @return the result
     */
    public Tensor tanh() {
        return apply(new Tanh(), this);
    }

    /**
     * Softmax of each row, numerically stable ({@link Softmax}).
     *
     * @return the row-stochastic result, same shape
     */
    public Tensor softmax() {
        return apply(new Softmax(), this);
    }

    /**
     * Log-softmax of each row, numerically stable ({@link LogSoftmax}).
     *
     * @return the result, same shape
     */
    public Tensor logSoftmax() {
        return apply(new LogSoftmax(), this);
    }

    /**
     * The maximum of each row ({@link MaxPerRow}; the gradient goes to the first maximum).
     *
     * @return a {@code rows x 1} tensor
     */
    public Tensor maxPerRow() {
        return apply(new MaxPerRow(), this);
    }

    /**
     * Elementwise maximum of two tensors ({@link Maximum}; ties split the gradient equally).
     *
     * @param other a tensor of the same shape
     * @return the result
     */
    public Tensor max(Tensor other) {
        return apply(new Maximum(), this, other);
    }

    /**
     * Clamps every entry to {@code [lo, hi]} ({@link Clamp}; the gradient passes at the boundaries).
     *
     * @param lo the lower bound
     * @param hi the upper bound, {@code >= lo}
     * @return the result
     */
    public Tensor clamp(double lo, double hi) {
        return apply(new Clamp(lo, hi), this);
    }

    /**
     * The squared Frobenius norm {@code sum_ij a_ij^2} ({@link FrobeniusNormSquared}).
     *
     * @return a {@code 1 x 1} tensor
     */
    public Tensor frobeniusNormSquared() {
        return apply(new FrobeniusNormSquared(), this);
    }

    /**
     * Multiplies by a fixed, already scaled dropout mask ({@link DropoutMask}).
     *
     * @param mask a matrix of this tensor's shape
     * @return {@code this * mask}
     */
    public Tensor dropoutMask(Matrix mask) {
        return apply(new DropoutMask(mask), this);
    }

    /**
     * Mean softmax cross-entropy of these logits against class indices ({@link SoftmaxCrossEntropy},
     * PyTorch's {@code F.cross_entropy} with its default {@code reduction='mean'}).
     *
     * @param classes the target class of each row, each in {@code [0, cols)}
     * @return a {@code 1 x 1} tensor
     */
    public Tensor softmaxCrossEntropy(int[] classes) {
        return softmaxCrossEntropy(classes, Reduction.MEAN);
    }

    /**
     * Softmax cross-entropy of these logits against class indices ({@link SoftmaxCrossEntropy}).
     *
     * @param classes the target class of each row, each in {@code [0, cols)}
     * @param reduction {@code NONE} ({@code rows x 1} per-sample losses), {@code MEAN} or {@code SUM}
     *     ({@code 1 x 1})
     * @return the loss
     */
    public Tensor softmaxCrossEntropy(int[] classes, Reduction reduction) {
        return apply(new SoftmaxCrossEntropy(classes, reduction), this);
    }

    /**
     * Mean softmax cross-entropy of these logits against probability (one-hot or soft) targets
     * ({@link SoftmaxCrossEntropy}).
     *
     * @param targets a matrix of this tensor's shape with entries in {@code [0, 1]}
     * @return a {@code 1 x 1} tensor
     */
    public Tensor softmaxCrossEntropy(Matrix targets) {
        return softmaxCrossEntropy(targets, Reduction.MEAN);
    }

    /**
     * Softmax cross-entropy of these logits against probability (one-hot or soft) targets
     * ({@link SoftmaxCrossEntropy}).
     *
     * @param targets a matrix of this tensor's shape with entries in {@code [0, 1]}
     * @param reduction {@code NONE} ({@code rows x 1} per-sample losses), {@code MEAN} or {@code SUM}
     *     ({@code 1 x 1})
     * @return the loss
     */
    public Tensor softmaxCrossEntropy(Matrix targets, Reduction reduction) {
        return apply(new SoftmaxCrossEntropy(targets, reduction), this);
    }

    /**
     * Mean binary cross-entropy of these logits against targets in {@code [0, 1]}
     * ({@link BinaryCrossEntropyWithLogits}, PyTorch's {@code BCEWithLogitsLoss} default).
     *
     * @param targets a matrix of this tensor's shape with entries in {@code [0, 1]}
     * @return a {@code 1 x 1} tensor
     */
    public Tensor binaryCrossEntropyWithLogits(Matrix targets) {
        return binaryCrossEntropyWithLogits(targets, Reduction.MEAN);
    }

    /**
     * Binary cross-entropy of these logits against targets in {@code [0, 1]}
     * ({@link BinaryCrossEntropyWithLogits}).
     *
     * @param targets a matrix of this tensor's shape with entries in {@code [0, 1]}
     * @param reduction {@code NONE} (elementwise losses, this shape), {@code MEAN} or {@code SUM}
     *     ({@code 1 x 1})
     * @return the loss
     */
    public Tensor binaryCrossEntropyWithLogits(Matrix targets, Reduction reduction) {
        return apply(new BinaryCrossEntropyWithLogits(targets, reduction), this);
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
        propagate(this, seedGradient, (node, g) -> {
            if (node.isLeaf() || node.retainGrad) {
                node.accumulateGrad(g);
            }
        });
    }

    /**
     * The fast (non-graph) reverse pass shared by {@link #backward(Matrix)} and
     * {@link Autograd#grad(Tensor, List, Tensor, boolean)}: hands every reached node its complete gradient
     * {@code dL/d(node)}, in reverse topological order, before propagating it through the node's op.
     *
     * @param root the tensor back-propagated from, which requires a gradient
     * @param seedGradient {@code dL/d(root)}, of the root's shape
     * @param reached called once per reached node with its complete gradient
     */
    static void propagate(Tensor root, Matrix seedGradient, java.util.function.BiConsumer<Tensor, Matrix> reached) {
        List<Tensor> order = topologicalOrder(root);
        Map<Tensor, Matrix> pending = new IdentityHashMap<>();
        pending.put(root, seedGradient);
        boolean anomaly = GradMode.isAnomalyDetectionEnabled();
        for (int k = order.size() - 1; k >= 0; k--) {
            Tensor node = order.get(k);
            Matrix g = pending.remove(node);
            if (g == null) {
                continue;
            }
            reached.accept(node, g);
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
    static List<Tensor> topologicalOrder(Tensor root) {
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

    static void checkFinite(Matrix m, Op op, String pass, Matrix[] inputs) {
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
