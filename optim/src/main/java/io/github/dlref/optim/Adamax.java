package io.github.dlref.optim;

import io.github.dlref.autograd.Parameter;
import java.util.List;

/**
 * Adamax, Adam with the infinity norm (Kingma and Ba 2015, section 7.1), in PyTorch's convention
 * ({@code torch.optim.Adamax}, torch 1.13, {@code _single_tensor_adamax}). With {@code g} the gradient
 * (after coupled weight decay) and {@code t} the parameter's step count:
 *
 * <pre>
 *   m &lt;- beta1 m + (1 - beta1) g                        (buffer exp_avg)
 *   u &lt;- max(beta2 u, |g| + eps)                         (buffer exp_inf)
 *   theta &lt;- theta - (lr / (1 - beta1^t)) m / u
 * </pre>
 *
 * computed as {@code m * beta1 + (1 - beta1) * g}, {@code max(u * beta2, |g| + eps)},
 * {@code theta + ((-clr) * m) / u}. PyTorch adds epsilon to {@code |g|} inside the maximum; the paper has no
 * epsilon, and Keras 3 and Optax add it to {@code u} after the maximum ({@code m / (u + eps)}), which differs
 * once {@code beta2 u} dominates. With {@code eps = 0} an element whose gradients have all been 0 gives
 * {@code 0 / 0}: {@link #step()} then throws.
 *
 * <p>Example: PyTorch's defaults (lr 2e-3):
 * <pre>{@code
 * Adamax adamax = new Adamax(model.parameters(), Adamax.Hyperparameters.pytorch());
 * }</pre>
 */
public final class Adamax extends BaseOptimizer {

    /** The first moment {@code m} (PyTorch's state key {@code exp_avg}). */
    private static final Slot EXP_AVG = new Slot("exp_avg");
    /** The exponentially weighted infinity norm {@code u} (PyTorch's {@code exp_inf}). */
    private static final Slot EXP_INF = new Slot("exp_inf");

    private final Hyperparameters hyper;

    /**
     * Hyper-parameters of {@link Adamax}.
     *
     * @param learningRate {@code lr}, finite, {@code >= 0}
     * @param beta1 first-moment decay, in {@code [0, 1)}
     * @param beta2 decay of the infinity norm, in {@code [0, 1)}
     * @param epsilon {@code eps} added to {@code |g|}, finite, {@code >= 0}
     * @param weightDecay the weight decay (PyTorch's {@code weight_decay} is {@link WeightDecay#coupledL2(double)})
     */
    public record Hyperparameters(double learningRate, double beta1, double beta2, double epsilon,
            WeightDecay weightDecay) implements OptimizerHyperparameters {

        /**
         * Validates every hyper-parameter.
         *
         * @param learningRate {@code lr}
         * @param beta1 first-moment decay
         * @param beta2 decay of the infinity norm
         * @param epsilon {@code eps}
         * @param weightDecay the weight decay
         * @throws IllegalArgumentException naming the parameter, its value and the valid range
         */
        public Hyperparameters {
            Check.nonNegative("Adamax", "learningRate", learningRate);
            Check.unitInterval("Adamax", "beta1", beta1);
            Check.unitInterval("Adamax", "beta2", beta2);
            Check.nonNegative("Adamax", "epsilon", epsilon);
            Check.notNull("Adamax", "weightDecay", weightDecay);
        }

        /**
         * torch 1.13 {@code torch.optim.Adamax} defaults: lr 2e-3, betas (0.9, 0.999), eps 1e-8, weight_decay 0.
         *
         * @return the hyper-parameters
         */
        public static Hyperparameters pytorch() {
            return new Hyperparameters(2e-3, 0.9, 0.999, 1e-8, WeightDecay.none());
        }

        @Override
        public String description() {
            return "PyTorch Adamax (u = max(beta2 u, |g| + eps), theta -= lr/(1 - beta1^t) m / u) [lr="
                    + learningRate + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + epsilon
                    + weightDecay.describe() + "]";
        }

        @Override
        public Adamax create(List<Parameter> parameters) {
            return new Adamax(parameters, this);
        }

        /**
         * A copy with another learning rate.
         *
         * @param value the learning rate
         * @return the hyper-parameters
         */
        public Hyperparameters withLearningRate(double value) {
            return new Hyperparameters(value, beta1, beta2, epsilon, weightDecay);
        }

        /**
         * A copy with other decays.
         *
         * @param b1 {@code beta1}
         * @param b2 {@code beta2}
         * @return the hyper-parameters
         */
        public Hyperparameters withBetas(double b1, double b2) {
            return new Hyperparameters(learningRate, b1, b2, epsilon, weightDecay);
        }

        /**
         * A copy with another epsilon.
         *
         * @param value {@code eps}
         * @return the hyper-parameters
         */
        public Hyperparameters withEpsilon(double value) {
            return new Hyperparameters(learningRate, beta1, beta2, value, weightDecay);
        }

        /**
         * A copy with another weight decay.
         *
         * @param value the weight decay
         * @return the hyper-parameters
         */
        public Hyperparameters withWeightDecay(WeightDecay value) {
            return new Hyperparameters(learningRate, beta1, beta2, epsilon, value);
        }
    }

    /**
     * Creates the optimizer.
     *
     * @param parameters the parameters to update: non-empty, no parameter twice
     * @param hyperparameters the hyper-parameters
     * @throws IllegalArgumentException on an invalid parameter list
     */
    public Adamax(List<Parameter> parameters, Hyperparameters hyperparameters) {
        super("Adamax", parameters, Check.notNull("Adamax", "hyperparameters", hyperparameters),
                List.of(EXP_AVG, EXP_INF));
        this.hyper = hyperparameters;
    }

    @Override
    protected void update(String parameterName, long t, double lr, double[] theta, double[] g, Buffers buffers) {
        double beta1 = hyper.beta1();
        double beta2 = hyper.beta2();
        double eps = hyper.epsilon();
        double[] m = buffers.get(EXP_AVG);
        double[] u = buffers.get(EXP_INF);
        double negClr = -(lr / (1.0 - StrictMath.pow(beta1, t)));
        for (int k = 0; k < theta.length; k++) {
            double gk = g[k];
            m[k] = m[k] * beta1 + (1.0 - beta1) * gk;
            u[k] = Math.max(u[k] * beta2, Math.abs(gk) + eps);
            if (!(u[k] > 0.0)) {
                throw zeroDenominator(parameterName, k, u[k], "max(beta2 u, |g| + eps)");
            }
            theta[k] = theta[k] + (negClr * m[k]) / u[k];
        }
    }
}
