package com.example.consumer;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.optim.BaseOptimizer;
import io.github.dlref.optim.Buffers;
import io.github.dlref.optim.OptimizerHyperparameters;
import io.github.dlref.optim.WeightDecay;
import java.util.List;

/**
 * A custom optimizer written by a library user: sign-SGD (Bernstein et al. 2018), {@code theta -= lr sign(g)}.
 * The base class does the rest: parameter bookkeeping, weight decay, step counts, state save and load.
 */
public final class SignSgd extends BaseOptimizer {

    /**
     * The hyper-parameters.
     *
     * @param learningRate the step size
     * @param weightDecay the weight decay
     */
    public record Hyperparameters(double learningRate, WeightDecay weightDecay) implements OptimizerHyperparameters {

        @Override
        public Hyperparameters withLearningRate(double lr) {
            return new Hyperparameters(lr, weightDecay);
        }

        @Override
        public Hyperparameters withWeightDecay(WeightDecay wd) {
            return new Hyperparameters(learningRate, wd);
        }

        @Override
        public SignSgd create(List<Parameter> parameters) {
            return new SignSgd(parameters, this);
        }
    }

    /**
     * Creates the optimizer.
     *
     * @param parameters the parameters to update
     * @param hyperparameters the hyper-parameters
     */
    public SignSgd(List<Parameter> parameters, Hyperparameters hyperparameters) {
        super("SignSgd", parameters, hyperparameters, List.of());
    }

    @Override
    protected void update(String parameterName, long t, double lr, double[] theta, double[] g, Buffers buffers) {
        for (int k = 0; k < theta.length; k++) {
            theta[k] = theta[k] - lr * Math.signum(g[k]);
        }
    }
}
