package io.github.dlref.train;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.Module;
import io.github.dlref.nn.NamedParameter;
import io.github.dlref.optim.Optimizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Connects a model's parameters to an optimizer under their <em>qualified</em> names ({@code "0.weight"},
 * {@code "3.bias"}).
 *
 * <p>Why: an {@code nn} layer's {@link Parameter} carries its local name ({@code "weight"}), so a model with two
 * linear layers has two parameters named {@code "weight"}. An optimizer accepts that (its state is positional),
 * but then its snapshots, and so the checkpoints, would name two states {@code "weight"}; through the binding
 * they carry the model's qualified names, which a reader of a checkpoint can map back to layers. The binding keeps one optimizer-side parameter per distinct model
 * parameter, named by its first qualified name in the model's order, and moves values and gradients across by
 * reference (matrices are immutable), so a step through the binding computes exactly what the optimizer would
 * compute on the model's own parameters.
 */
public final class ParameterBinding {

    private final List<Parameter> modelParameters;
    private final List<Parameter> optimizerParameters;

    /**
     * Binds the distinct parameters of a model, in its order.
     *
     * @param model the model
     */
    public ParameterBinding(Module model) {
        Map<Parameter, Boolean> seen = new IdentityHashMap<>();
        List<Parameter> own = new ArrayList<>();
        List<Parameter> bound = new ArrayList<>();
        for (NamedParameter np : model.namedParameters()) {
            if (seen.put(np.parameter(), Boolean.TRUE) == null) {
                own.add(np.parameter());
                bound.add(new Parameter(np.name(), np.parameter().value()));
            }
        }
        this.modelParameters = Collections.unmodifiableList(own);
        this.optimizerParameters = Collections.unmodifiableList(bound);
    }

    /**
     * The model's distinct parameters, in the model's order (what {@link #step(Optimizer)} copies from: gradient
     * clipping acts on these between {@code backward()} and the step).
     *
     * @return the model's parameters, unmodifiable
     */
    public List<Parameter> modelParameters() {
        return modelParameters;
    }

    /**
     * The parameters to give the optimizer, named by their qualified names.
     *
     * @return the optimizer-side parameters, in the model's order
     */
    public List<Parameter> optimizerParameters() {
        return optimizerParameters;
    }

    /**
     * Creates an optimizer over the bound parameters.
     *
     * @param factory creates the optimizer from a parameter list
     * @return the optimizer
     */
    public Optimizer bind(Function<List<Parameter>, Optimizer> factory) {
        return factory.apply(optimizerParameters);
    }

    /**
     * One optimizer step on the model: copies each model parameter's value and gradient (none if it has none)
     * to its optimizer-side parameter, calls {@link Optimizer#step()}, and assigns the new values back.
     *
     * @param optimizer an optimizer over {@link #optimizerParameters()}
     */
    public void step(Optimizer optimizer) {
        for (int i = 0; i < modelParameters.size(); i++) {
            Parameter own = modelParameters.get(i);
            Parameter bound = optimizerParameters.get(i);
            bound.assign(own.value());
            bound.zeroGrad();
            Matrix grad = own.grad();
            if (grad != null) {
                bound.accumulateGrad(grad);
            }
        }
        optimizer.step();
        for (int i = 0; i < modelParameters.size(); i++) {
            modelParameters.get(i).assign(optimizerParameters.get(i).value());
        }
    }

    /** Clears the gradients of the model's parameters and of the optimizer-side parameters. */
    public void zeroGrad() {
        for (int i = 0; i < modelParameters.size(); i++) {
            modelParameters.get(i).zeroGrad();
            optimizerParameters.get(i).zeroGrad();
        }
    }
}
