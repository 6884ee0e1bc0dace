package io.github.dlref.nn.regularization;

import io.github.dlref.autograd.Tensor;

/**
 * The L2 penalty of dl-basics, {@code s = (lambda / 2) sum_W ||W||_F^2} over the selected parameters (by
 * default the weights, {@link ParameterSelector#weights()}), whose gradient is {@code ds/dW = lambda W}
 * (dl-basics: {@code ds/dW^(1) = lambda W^(1)}). For plain SGD with learning rate {@code alpha} this equals
 * weight decay (param-optimization's derivation, with coefficient {@code lambda / (2 alpha)} in its
 * parameterisation); PyTorch's {@code weight_decay} adds the same {@code lambda W} to the gradient.
 */
public final class L2Penalty extends Penalty {

    /**
     * The penalty on the weights.
     *
     * @param lambda the strength, finite and {@code >= 0}
     */
    public L2Penalty(double lambda) {
        this(lambda, ParameterSelector.weights());
    }

    /**
     * The penalty on chosen parameters.
     *
     * @param lambda the strength, finite and {@code >= 0}
     * @param selector which parameters to penalize
     */
    public L2Penalty(double lambda, ParameterSelector selector) {
        super("L2Penalty", lambda, selector);
    }

    /**
     * {@code (lambda / 2) ||W||_F^2}.
     *
     * @param parameter the parameter {@code W}
     * @return a {@code 1 x 1} tensor
     */
    @Override
    protected Tensor term(Tensor parameter) {
        return parameter.frobeniusNormSquared().times(lambda() / 2);
    }

    @Override
    public String toString() {
        return "L2Penalty(lambda=" + lambda() + ")";
    }
}
