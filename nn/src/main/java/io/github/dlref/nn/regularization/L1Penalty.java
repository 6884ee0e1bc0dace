package io.github.dlref.nn.regularization;

import io.github.dlref.autograd.Tensor;

/**
 * The L1 penalty, {@code s = lambda sum_W sum_ij |w_ij|} over the selected parameters (by default the weights),
 * dl-basics' {@code lambda l_p(theta)} with {@code p = 1}. Gradient {@code lambda sign(w_ij)}, 0 at
 * {@code w_ij = 0} (the subgradient PyTorch uses for {@code abs}).
 */
public final class L1Penalty extends Penalty {

    /**
     * The penalty on the weights.
     *
     * @param lambda the strength, finite and {@code >= 0}
     */
    public L1Penalty(double lambda) {
        this(lambda, ParameterSelector.weights());
    }

    /**
     * The penalty on chosen parameters.
     *
     * @param lambda the strength, finite and {@code >= 0}
     * @param selector which parameters to penalize
     */
    public L1Penalty(double lambda, ParameterSelector selector) {
        super("L1Penalty", lambda, selector);
    }

    /**
     * {@code lambda sum_ij |w_ij|}.
     *
     * @param parameter the parameter {@code W}
     * @return a {@code 1 x 1} tensor
     */
    @Override
    protected Tensor term(Tensor parameter) {
        return parameter.abs().sum().times(lambda());
    }

    @Override
    public String toString() {
        return "L1Penalty(lambda=" + lambda() + ")";
    }
}
