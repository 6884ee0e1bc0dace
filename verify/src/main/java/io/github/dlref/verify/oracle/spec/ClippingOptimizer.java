package io.github.dlref.verify.oracle.spec;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.optim.GradientClipping;
import io.github.dlref.optim.Optimizer;
import io.github.dlref.optim.OptimizerHyperparameters;
import io.github.dlref.optim.OptimizerState;
import io.github.dlref.optim.ParameterState;
import java.util.List;
import java.util.Objects;

/**
 * An optimizer whose {@link #step()} first clips the gradients of its parameters ({@link GradientClipping}, the
 * spec's {@code training.clipping}) and then steps the optimizer it wraps: PyTorch's
 * {@code loss.backward(); clip_grad_norm_(model.parameters(), max_norm); optimizer.step()}, and Keras's
 * {@code clipnorm}/{@code clipvalue}/{@code global_clipnorm} applied by the optimizer before its update. Everything
 * else is the wrapped optimizer's.
 *
 * <p>The clipping replaces the gradients in place, so after a step the parameters hold the clipped gradients (as
 * in PyTorch); a trajectory records the gradients before, as {@code backward()} left them.
 */
public final class ClippingOptimizer implements Optimizer {

    private final Optimizer inner;
    private final Component clipping;
    private double lastNorm = Double.NaN;

    /**
     * Wraps an optimizer.
     *
     * @param inner the optimizer stepped after the clipping
     * @param clipping the {@code clipping} component
     * @throws SpecException if the component is not a clipping
     */
    public ClippingOptimizer(Optimizer inner, Component clipping) {
        this.inner = Objects.requireNonNull(inner, "ClippingOptimizer: inner");
        this.clipping = Objects.requireNonNull(clipping, "ClippingOptimizer: clipping");
        if (!Catalog.CLIPPING.equals(clipping.family())) {
            throw new SpecException("$.training.clipping", "expected a clipping, got a " + clipping.family());
        }
    }

    /**
     * Clips the gradients of the parameters in place.
     *
     * @param clipping the {@code clipping} component
     * @param parameters the parameters (Modified: their gradients)
     * @return the total norm before clipping for the global-norm forms ({@code clip_grad_norm},
     *     {@code keras_global_clipnorm}, {@code optax_clip_by_global_norm}), NaN for the others
     */
    public static double clip(Component clipping, List<Parameter> parameters) {
        switch (clipping.type()) {
            case "clip_grad_norm":
                return GradientClipping.pytorchClipGradNorm(parameters, clipping.number("max_norm"),
                        clipping.number("norm_type"));
            case "clip_grad_value":
                GradientClipping.clipGradValue(parameters, clipping.number("clip_value"));
                return Double.NaN;
            case "keras_clipnorm":
                GradientClipping.kerasClipNorm(parameters, clipping.number("clipnorm"));
                return Double.NaN;
            case "keras_global_clipnorm":
                return GradientClipping.kerasGlobalClipNorm(parameters, clipping.number("global_clipnorm"));
            default:
                return GradientClipping.optaxClipByGlobalNorm(parameters, clipping.number("max_norm"));
        }
    }

    /**
     * The clipping.
     *
     * @return the {@code clipping} component
     */
    public Component clipping() {
        return clipping;
    }

    /**
     * The optimizer stepped after the clipping.
     *
     * @return the wrapped optimizer
     */
    public Optimizer inner() {
        return inner;
    }

    /**
     * The total gradient norm before the last step's clipping (global-norm forms), NaN before the first step and
     * for the other forms.
     *
     * @return the norm
     */
    public double lastNorm() {
        return lastNorm;
    }

    /** Clips the gradients, then steps the wrapped optimizer. */
    @Override
    public void step() {
        lastNorm = clip(clipping, inner.parameters());
        inner.step();
    }

    @Override
    public void zeroGrad() {
        inner.zeroGrad();
    }

    @Override
    public List<Parameter> parameters() {
        return inner.parameters();
    }

    @Override
    public double learningRate() {
        return inner.learningRate();
    }

    @Override
    public void setLearningRate(double learningRate) {
        inner.setLearningRate(learningRate);
    }

    @Override
    public OptimizerHyperparameters hyperparameters() {
        return inner.hyperparameters();
    }

    @Override
    public List<ParameterState> state() {
        return inner.state();
    }

    @Override
    public ParameterState state(Parameter parameter) {
        return inner.state(parameter);
    }

    @Override
    public OptimizerState saveState() {
        return inner.saveState();
    }

    @Override
    public void loadState(OptimizerState state) {
        inner.loadState(state);
    }
}
