package io.github.dlref.autograd;

import io.github.dlref.math.Matrix;

/**
 * One differentiable operation of the matrix engine, in the style of PyTorch's
 * {@code torch.autograd.Function}: a {@link #forward(Matrix...)} that computes the output value from the
 * input values and saves only what the backward pass needs, and a {@link #backward(Matrix)} that maps
 * the gradient of the loss with respect to the output to the gradients with respect to each input.
 *
 * <p>Rules every op follows:
 * <ul>
 *   <li>An op instance is used for exactly one application; the engine creates it, calls
 *       {@code forward} once, and later calls {@code backward} (possibly several times, once per call of
 *       {@link Tensor#backward()} that reaches it).</li>
 *   <li>{@code backward} returns the <em>contribution</em> of this op to each input's gradient; it never
 *       accumulates. The engine sums contributions (so an input used twice receives both).</li>
 *   <li>{@code backward} may return {@code null} for an input whose gradient is not needed
 *       ({@link #needsInputGrad(int)} is {@code false}); otherwise each returned matrix has its input's
 *       shape (the engine checks this and fails naming the op).</li>
 *   <li>Ops never print and never draw random numbers except from an {@code Rng} they were given.</li>
 * </ul>
 */
public abstract class Op {

    private boolean[] needsInputGrad = new boolean[0];

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
     * Whether input {@code i} requires a gradient (set by the engine before {@link #forward(Matrix...)}), so
     * that {@link #backward(Matrix)} can skip work for constant inputs.
     *
     * @param i the input index
     * @return whether input {@code i}'s gradient is needed
     */
    protected final boolean needsInputGrad(int i) {
        return needsInputGrad[i];
    }

    final void setNeedsInputGrad(boolean[] flags) {
        this.needsInputGrad = flags.clone();
    }

    @Override
    public String toString() {
        return name();
    }
}
