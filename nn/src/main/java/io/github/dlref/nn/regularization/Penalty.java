package io.github.dlref.nn.regularization;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.Module;
import io.github.dlref.nn.NamedParameter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A regularization penalty {@code s(theta)} added to a data loss ({@code J = L + s}, dl-basics; CS231n's
 * {@code Loss = f(W) + lambda R(W)}), computed as a differentiable {@code 1 x 1} tensor of the selected
 * parameters so that {@code backward()} adds its gradient to theirs.
 *
 * <p>Each selected parameter object counts once, even if the model reaches it under several names. Terms are
 * summed in the model's parameter order. If no parameter is selected the penalty is a constant 0.
 */
public abstract class Penalty {

    private final double lambda;
    private final ParameterSelector selector;

    /**
     * Creates a penalty.
     *
     * @param name the penalty's name, for messages
     * @param lambda the strength, finite and {@code >= 0}
     * @param selector which parameters to penalize
     * @throws IllegalArgumentException if {@code lambda} is negative or not finite
     */
    protected Penalty(String name, double lambda, ParameterSelector selector) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException(name + ": lambda must be finite and >= 0, got " + lambda);
        }
        this.lambda = lambda;
        this.selector = Objects.requireNonNull(selector, () -> name + ": selector must not be null");
    }

    /**
     * The strength.
     *
     * @return {@code lambda}
     */
    public final double lambda() {
        return lambda;
    }

    /**
     * Which parameters are penalized.
     *
     * @return the selector
     */
    public final ParameterSelector selector() {
        return selector;
    }

    /**
     * The penalty of one parameter's tensor, before summing over parameters.
     *
     * @param parameter the parameter tensor
     * @return a {@code 1 x 1} tensor
     */
    protected abstract Tensor term(Tensor parameter);

    /**
     * The selected parameters of a model, in its order, each object once.
     *
     * @param model the model
     * @return the selected parameters
     * @throws IllegalArgumentException if the selector names a parameter the model does not have
     */
    public final List<NamedParameter> selected(Module model) {
        Objects.requireNonNull(model, "Penalty: model must not be null");
        List<NamedParameter> all = model.namedParameters();
        if (selector instanceof ParameterSelector.NamedSelector named) {
            List<String> existing = all.stream().map(NamedParameter::name).toList();
            for (String n : named.names()) {
                if (!existing.contains(n)) {
                    throw new IllegalArgumentException(this + ": the model has no parameter named '" + n
                            + "'; parameters are " + existing);
                }
            }
        }
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        List<NamedParameter> out = new ArrayList<>();
        for (NamedParameter p : all) {
            if (selector.test(p) && seen.put(p.parameter(), Boolean.TRUE) == null) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * The penalty of a model's selected parameters.
     *
     * @param model the model
     * @return a {@code 1 x 1} tensor, differentiable with respect to the selected parameters
     * @throws IllegalArgumentException if the selector names a parameter the model does not have
     */
    public final Tensor compute(Module model) {
        Tensor total = null;
        for (NamedParameter p : selected(model)) {
            Tensor t = term(p.parameter());
            total = total == null ? t : total.plus(t);
        }
        return total == null ? Tensor.constant(Matrix.scalar(0.0)) : total;
    }
}
