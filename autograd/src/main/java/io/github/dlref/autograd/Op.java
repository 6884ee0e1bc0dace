package io.github.dlref.autograd;

import io.github.dlref.math.Matrix;
import java.util.List;

/**
 * One differentiable operation of the matrix engine, in the style of PyTorch's
 * {@code torch.autograd.Function}: a {@link #forward(Matrix...)} that computes the output value from the
 * input values and saves only what the backward pass needs, and a {@link #backward(Matrix)} that maps
 * the gradient of the loss with respect to the output to the gradients with respect to each input.
 *
 * <p>Rules every op follows:
 * <ul>
 *   <li>An op instance is used for exactly one application: ops keep the values their backward needs in
 *       fields, so a second application would overwrite the first one's saved values and silently give
 *       the first node a wrong gradient. {@link Tensor#apply(Op, Tensor...)} therefore refuses an
 *       instance it has already applied, with an {@link IllegalStateException} naming the op (this is
 *       checked, not only documented). After its one {@code forward}, the engine calls {@code backward}
 *       (possibly several times, once per call of {@link Tensor#backward()} that reaches it).</li>
 *   <li>{@code backward} returns the <em>contribution</em> of this op to each input's gradient; it never
 *       accumulates. The engine sums contributions (so an input used twice receives both).</li>
 *   <li>{@code backward} may return {@code null} for an input whose gradient is not needed
 *       ({@link #needsInputGrad(int)} is {@code false}); otherwise each returned matrix has its input's
 *       shape (the engine checks this and fails naming the op).</li>
 *   <li>Ops never print and never draw random numbers except from an {@code Rng} they were given.</li>
 * </ul>
 *
 * <p>A custom op, used through {@link Tensor#apply(Op, Tensor...)} with a new instance per application
 * (here {@code softplus(x) = ln(1 + e^x)}, whose derivative is the logistic sigmoid):
 * <pre>{@code
 * final class Softplus extends Op {
 *     private Matrix input;                        // saved for backward
 *
 *     public int arity() { return 1; }
 *
 *     protected Matrix forward(Matrix... inputs) {
 *         input = inputs[0];
 *         return input.map(v -> StrictMath.log1p(StrictMath.exp(v)));
 *     }
 *
 *     protected Matrix[] backward(Matrix gradOutput) {
 *         Matrix sigmoid = input.map(v -> 1.0 / (1.0 + StrictMath.exp(-v)));
 *         return new Matrix[] {gradOutput.times(sigmoid)};
 *     }
 * }
 *
 * Tensor x = Tensor.variable(Matrix.rowVector(-1.0, 0.0, 2.0));
 * Tensor y = Tensor.apply(new Softplus(), x).sum();   // a new instance for every application
 * y.backward();                                        // x.grad() = sigmoid(x)
 * }</pre>
 */
public abstract class Op {

    private boolean[] needsInputGrad = new boolean[0];
    private boolean applied;

    /** Creates an op; subclasses take their constant parameters (exponent, slope, ...) in constructors. */
    protected Op() {
    }

    /**
     * The op's name as it appears in error messages and anomaly reports, by default the simple class name.
     *
     * @return the name
     */
    public String name() {
        return getClass().getSimpleName();
    }

    /**
     * How many inputs the op takes.
     *
     * @return the arity
     */
    public abstract int arity();

    /**
     * Computes the output value and saves what {@link #backward(Matrix)} needs.
     *
     * @param inputs the input values, {@link #arity()} of them, not modified
     * @return the output value
     * @throws IllegalArgumentException if the shapes do not fit, naming the op and the shapes
     */
    protected abstract Matrix forward(Matrix... inputs);

    /**
     * The gradient contributions for each input, given the gradient of the loss with respect to this op's
     * output.
     *
     * @param gradOutput {@code dL/d(output)}, the output's shape
     * @return one entry per input: {@code dL/d(input_i)} restricted to paths through this op, with the
     *     input's shape, or {@code null} where {@link #needsInputGrad(int)} is {@code false}
     */
    protected abstract Matrix[] backward(Matrix gradOutput);

    /**
     * The same backward rule as {@link #backward(Matrix)}, written with tensor ops so that the gradient it
     * returns is itself differentiable (PyTorch's {@code create_graph=True}). The engine calls it, with gradient
     * recording on, from {@link Autograd#grad(Tensor, List, Tensor, boolean)} when {@code createGraph} is
     * {@code true}; the fast path never calls it.
     *
     * <p>It must use the tensors it is given (the node's {@code inputs} and its {@code output}), not values saved
     * in the forward pass, so that the gradient's graph reaches the inputs; constants that are not functions of
     * the inputs (masks of piecewise-linear ops, targets, shapes) may be wrapped with {@link Tensor#constant}. The
     * op classes of {@code io.github.dlref.autograd.ops} compute the same numbers here as in
     * {@link #backward(Matrix)} (the same operations in the same order; only a zero may change sign where a
     * piecewise-linear op multiplies by a 0/1 mask). The default refuses: an op that does
     * not override this method supports only first derivatives.
     *
     * @param gradOutput {@code dL/d(output)} as a tensor, the output's shape
     * @param inputs the node's inputs, {@link #arity()} of them, in order
     * @param output the node itself (the op's result), for rules written with the output ({@code exp},
     *     {@code tanh}, ...)
     * @return one entry per input, with the input's shape, or {@code null} where {@link #needsInputGrad(int)} is
     *     {@code false}
     * @throws UnsupportedOperationException if the op has no differentiable backward rule
     */
    protected Tensor[] differentiableBackward(Tensor gradOutput, List<Tensor> inputs, Tensor output) {
        throw new UnsupportedOperationException("Op " + name() + " has no differentiable backward rule (it does not"
                + " override differentiableBackward), so a gradient through it cannot be differentiated again"
                + " (createGraph); only first derivatives are available");
    }

    /**
     * Whether the op's output is twice continuously differentiable in its inputs everywhere in its domain, so
     * that second derivatives (double backward, Hessian-vector products) are defined at every point and a
     * second-order check ({@code GradCheck.gradGradCheck}) applies. Piecewise-linear ops (ReLU, leaky ReLU,
     * abs, clamp, elementwise and per-row maximum) answer {@code false}: their differentiable backward gives
     * the second derivative 0, which holds away from their kinks, while at a kink the first derivative jumps
     * and no second derivative exists. The default is {@code true}.
     *
     * @return whether second derivatives exist everywhere in the op's domain
     */
    public boolean isTwiceDifferentiable() {
        return true;
    }

    /**
     * Whether input {@code i} requires a gradient (set by the engine before {@link #forward(Matrix...)}), so
     * that {@link #backward(Matrix)} can skip work for constant inputs.
     *
     * @param i the input index
     * @return whether input {@code i}'s gradient is needed
     */
    protected final boolean needsInputGrad(int i) {
        return needsInputGrad[i];
    }

    /**
     * Marks this instance as applied, refusing a second application (see the class documentation).
     *
     * @throws IllegalStateException if the instance was applied before
     */
    final void markApplied() {
        if (applied) {
            throw new IllegalStateException("Op " + name() + ": this instance was already applied; ops keep the"
                    + " values their backward needs, create a new instance per application");
        }
        applied = true;
    }

    final void setNeedsInputGrad(boolean[] flags) {
        this.needsInputGrad = flags.clone();
    }

    @Override
    public String toString() {
        return name();
    }
}
