package io.github.dlref.optim.custom;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.optim.BaseOptimizer;
import io.github.dlref.optim.Buffers;
import io.github.dlref.optim.OptimizerHyperparameters;
import io.github.dlref.optim.Slot;
import io.github.dlref.optim.WeightDecay;
import java.util.List;

/**
 * Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms", Algorithm 2), written as a user of
 * the library would, outside the package {@code io.github.dlref.optim}: the example of {@link BaseOptimizer}'s
 * Javadoc, kept equal to it by {@code BaseOptimizerJavadocExampleTest}. One buffer {@code m} ({@code exp_avg}):
 * {@code c = beta1 m + (1 - beta1) g}, {@code theta <- theta - lr sign(c)}, {@code m <- beta2 m + (1 - beta2) g};
 * the paper's {@code - lr lambda theta} is {@link WeightDecay#decoupled(double)}.
 */
public final class Lion extends BaseOptimizer {

    private static final Slot EXP_AVG = new Slot("exp_avg");   // the momentum m, starts at 0

    public record Hyperparameters(double learningRate, double beta1, double beta2, WeightDecay weightDecay)
            implements OptimizerHyperparameters {
        public Hyperparameters {
            if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("Lion: betas must be in [0, 1), got " + beta1 + ", " + beta2);
            }
        }
        public Hyperparameters withLearningRate(double lr) { return new Hyperparameters(lr, beta1, beta2, weightDecay); }
        public Hyperparameters withWeightDecay(WeightDecay wd) { return new Hyperparameters(learningRate, beta1, beta2, wd); }
        public Lion create(List<Parameter> parameters) { return new Lion(parameters, this); }
    }

    private final Hyperparameters hyper;

    public Lion(List<Parameter> parameters, Hyperparameters hyperparameters) {
        super("Lion", parameters, hyperparameters, List.of(EXP_AVG));
        this.hyper = hyperparameters;
    }

    @Override
    protected void update(String parameterName, long t, double lr, double[] theta, double[] g, Buffers buffers) {
        double[] m = buffers.get(EXP_AVG);
        for (int k = 0; k < theta.length; k++) {
            double c = hyper.beta1() * m[k] + (1 - hyper.beta1()) * g[k];
            theta[k] = theta[k] - lr * Math.signum(c);
            m[k] = hyper.beta2() * m[k] + (1 - hyper.beta2()) * g[k];
        }
    }
}
