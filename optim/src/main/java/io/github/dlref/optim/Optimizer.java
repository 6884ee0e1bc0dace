package io.github.dlref.optim;

import io.github.dlref.autograd.Parameter;
import java.util.List;

/**
 * A first-order optimizer over a fixed list of {@link Parameter}s (PyTorch's {@code torch.optim.Optimizer}
 * with one parameter group).
 *
 * <p>Protocol, as in PyTorch: compute gradients (a backward pass accumulates into
 * {@link Parameter#grad()}), call {@link #step()}, then {@link #zeroGrad()} before the next backward pass.
 * A parameter whose gradient is {@code null} at a step is skipped: neither its value, its buffers nor its
 * step count change.
 *
 * <p>The learning rate is the one hyper-parameter that changes during training; a
 * {@code io.github.dlref.optim.schedule.LearningRateScheduler} sets it through
 * {@link #setLearningRate(double)}, so every schedule composes with every optimizer.
 *
 * <p>Example: one training step, and a snapshot to resume from ({@code model} an
 * {@code io.github.dlref.nn.Module}, {@code loss} an {@code io.github.dlref.nn.losses.Loss}):
 * <pre>{@code
 * Optimizer optimizer = Adam.Hyperparameters.pytorch().create(model.parameters());
 * optimizer.zeroGrad();
 * loss.forward(model.forward(x), labels).backward();
 * optimizer.step();
 * OptimizerState saved = optimizer.saveState();        // learning rate, step counts, buffers
 * Optimizer resumed = Adam.Hyperparameters.pytorch().create(model.parameters());
 * resumed.loadState(saved);                            // continues bit for bit
 * }</pre>
 *
 * <p>A custom rule extends {@link BaseOptimizer}, which implements everything here but the update itself.
 */
public interface Optimizer {

    /**
     * Applies one update to every parameter that has a gradient, in parameter order.
     *
     * <p>If the update would divide by a zero or non-finite denominator (possible only with
     * {@code epsilon = 0}, the documents' form of AdaGrad, RMSProp and Adam), it throws instead of writing
     * NaN into the parameter; the parameters and buffers processed up to that point are then already
     * updated, so restore a snapshot before continuing.
     *
     * @throws ArithmeticException naming the optimizer, the parameter, the element and the denominator
     */
    void step();

    /** Clears the gradient of every parameter ({@link Parameter#zeroGrad()}). */
    void zeroGrad();

    /**
     * The parameters, in the order given at construction.
     *
     * @return an unmodifiable list
     */
    List<Parameter> parameters();

    /**
     * The learning rate the next {@link #step()} uses.
     *
     * @return the learning rate
     */
    double learningRate();

    /**
     * Sets the learning rate for the following steps.
     *
     * @param learningRate the new rate, finite and {@code >= 0}
     * @throws IllegalArgumentException if it is negative, infinite or NaN
     */
    void setLearningRate(double learningRate);

    /**
     * The hyper-parameters given at construction (their learning rate is the initial one): the optimizer's
     * own record ({@code SGD.Hyperparameters}, ...), seen through what every record answers.
     *
     * @return the hyper-parameter record
     */
    OptimizerHyperparameters hyperparameters();

    /**
     * A snapshot of every parameter's state, in parameter order.
     *
     * @return the states
     */
    List<ParameterState> state();

    /**
     * A snapshot of one parameter's state.
     *
     * @param parameter one of {@link #parameters()} (compared by identity)
     * @return its state
     * @throws IllegalArgumentException if the parameter is not optimized here
     */
    ParameterState state(Parameter parameter);

    /**
     * A snapshot of the whole optimizer (learning rate, step counts, buffers) for
     * {@link #loadState(OptimizerState)}.
     *
     * @return the snapshot
     */
    OptimizerState saveState();

    /**
     * Restores a snapshot taken from an optimizer of the same class over parameters with the same names
     * and shapes: the learning rate, every step count and every buffer, exactly. Hyper-parameters other
     * than the learning rate are not changed.
     *
     * @param state the snapshot
     * @throws IllegalArgumentException naming the mismatch (class, parameter count, parameter name, buffer
     *     name or shape) if the snapshot does not fit
     */
    void loadState(OptimizerState state);
}
