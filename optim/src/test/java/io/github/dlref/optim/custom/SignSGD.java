package io.github.dlref.optim.custom;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.optim.BaseOptimizer;
import io.github.dlref.optim.Buffers;
import io.github.dlref.optim.OptimizerHyperparameters;
import io.github.dlref.optim.WeightDecay;
import java.util.List;

/**
 * signSGD (Bernstein et al. 2018, "signSGD: Compressed Optimisation for Non-Convex Problems", Algorithm 1),
 * {@code theta <- theta - lr sign(g)}, written as a user of the library would: a rule without buffers, whose
 * hyper-parameter record is the one in {@link OptimizerHyperparameters}' Javadoc. Coupled weight decay enters
 * through {@code g} ({@code sign(g + lambda theta)}), decoupled decay before the update.
 */
public final class SignSGD extends BaseOptimizer {

    /**
     * The hyper-parameters: only the learning rate and the weight decay, which {@link BaseOptimizer} validates.
     *
     * @param learningRate {@code lr}
     * @param weightDecay the weight decay
     */
    public record Hyperparameters(double learningRate, WeightDecay weightDecay)
            implements OptimizerHyperparameters {
        public Hyperparameters withLearningRate(double lr) { return new Hyperparameters(lr, weightDecay); }
        public Hyperparameters withWeightDecay(WeightDecay wd) { return new Hyperparameters(learningRate, wd); }
        public SignSGD create(List<Parameter> parameters) { return new SignSGD(parameters, this); }
    }

    /**
     * Creates the optimizer.
     *
     * @param parameters the parameters to update
     * @param hyperparameters the hyper-parameters
     */
    public SignSGD(List<Parameter> parameters, Hyperparameters hyperparameters) {
        super("SignSGD", parameters, hyperparameters, List.of());
    }

    @Override
    protected void update(String parameterName, long t, double lr, double[] theta, double[] g, Buffers buffers) {
        for (int k = 0; k < theta.length; k++) {
            theta[k] = theta[k] - lr * Math.signum(g[k]);
        }
    }
}
