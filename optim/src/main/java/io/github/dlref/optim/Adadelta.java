package io.github.dlref.optim;

import io.github.dlref.autograd.Parameter;
import java.util.List;

/**
 * Adadelta (Zeiler 2012, "ADADELTA: An Adaptive Learning Rate Method", Algorithm 1), in PyTorch's convention
 * ({@code torch.optim.Adadelta}, torch 1.13, {@code _single_tensor_adadelta}), which multiplies the paper's
 * update by a learning rate (default 1, the paper's form). With {@code g} the gradient (after coupled weight
 * decay):
 *
 * <pre>
 *   E[g^2]  &lt;- rho E[g^2] + (1 - rho) g * g                     (buffer square_avg)
 *   delta   = sqrt(E[dx^2] + eps) / sqrt(E[g^2] + eps) * g
 *   E[dx^2] &lt;- rho E[dx^2] + (1 - rho) delta * delta             (buffer acc_delta)
 *   theta   &lt;- theta - lr delta
 * </pre>
 *
 * computed as {@code s * rho + ((1 - rho) * g) * g}, {@code std = sqrt(s + eps)},
 * {@code delta = (sqrt(a + eps) / std) * g}, {@code a * rho + ((1 - rho) * delta) * delta},
 * {@code theta + (-lr) * delta}. Keras 3's {@code Adadelta} is the same arithmetic with learning_rate 0.001
 * and epsilon 1e-7 by default. With {@code eps = 0} an element whose gradients have all been 0 gives {@code 0 / 0}
 * ({@link #step()} then throws), and every other element never moves ({@code E[dx^2]} stays 0).
 *
 * <p>Example: PyTorch's defaults (lr 1, rho 0.9, eps 1e-6):
 * <pre>{@code
 * Adadelta adadelta = new Adadelta(model.parameters(), Adadelta.Hyperparameters.pytorch());
 * }</pre>
 */
public final class Adadelta extends BaseOptimizer {

    /** The running average of squared gradients (PyTorch's state key {@code square_avg}). */
    private static final Slot SQUARE_AVG = new Slot("square_avg");
    /** The running average of squared updates (PyTorch's {@code acc_delta}). */
    private static final Slot ACC_DELTA = new Slot("acc_delta");

    private final Hyperparameters hyper;

    /**
     * Hyper-parameters of {@link Adadelta}.
     *
     * @param learningRate {@code lr} multiplying the update, finite, {@code >= 0}
     * @param rho the decay of both running averages, in {@code [0, 1]}
     * @param epsilon {@code eps} inside both square roots, finite, {@code >= 0}
     * @param weightDecay the weight decay (PyTorch's {@code weight_decay} is {@link WeightDecay#coupledL2(double)})
     */
    public record Hyperparameters(double learningRate, double rho, double epsilon, WeightDecay weightDecay)
            implements OptimizerHyperparameters {

        /**
         * Validates every hyper-parameter.
         *
         * @param learningRate {@code lr}
         * @param rho the decay
         * @param epsilon {@code eps}
         * @param weightDecay the weight decay
         * @throws IllegalArgumentException naming the parameter, its value and the valid range
         */
        public Hyperparameters {
            Check.nonNegative("Adadelta", "learningRate", learningRate);
            Check.closedUnitInterval("Adadelta", "rho", rho);
            Check.nonNegative("Adadelta", "epsilon", epsilon);
            Check.notNull("Adadelta", "weightDecay", weightDecay);
        }

        /**
         * torch 1.13 {@code torch.optim.Adadelta} defaults: lr 1.0, rho 0.9, eps 1e-6, weight_decay 0.
         *
         * @return the hyper-parameters
         */
        public static Hyperparameters pytorch() {
            return new Hyperparameters(1.0, 0.9, 1e-6, WeightDecay.none());
        }

        /**
         * Keras 3 {@code keras.optimizers.Adadelta} defaults: learning_rate 0.001, rho 0.95, epsilon 1e-7.
         *
         * @return the hyper-parameters
         */
        public static Hyperparameters keras() {
            return new Hyperparameters(0.001, 0.95, 1e-7, WeightDecay.none());
        }

        @Override
        public String description() {
            return "Adadelta (lr sqrt(E[dx^2] + eps) / sqrt(E[g^2] + eps) g) [lr=" + learningRate + ", rho=" + rho
                    + ", eps=" + epsilon + weightDecay.describe() + "]";
        }

        @Override
        public Adadelta create(List<Parameter> parameters) {
            return new Adadelta(parameters, this);
        }

        /**
         * A copy with another learning rate.
         *
         * @param value the learning rate
         * @return the hyper-parameters
         */
        public Hyperparameters withLearningRate(double value) {
            return new Hyperparameters(value, rho, epsilon, weightDecay);
        }

        /**
         * A copy with another decay.
         *
         * @param value {@code rho}
         * @return the hyper-parameters
         */
        public Hyperparameters withRho(double value) {
            return new Hyperparameters(learningRate, value, epsilon, weightDecay);
        }

        /**
         * A copy with another epsilon.
         *
         * @param value {@code eps}
         * @return the hyper-parameters
         */
        public Hyperparameters withEpsilon(double value) {
            return new Hyperparameters(learningRate, rho, value, weightDecay);
        }

        /**
         * A copy with another weight decay.
         *
         * @param value the weight decay
         * @return the hyper-parameters
         */
        public Hyperparameters withWeightDecay(WeightDecay value) {
            return new Hyperparameters(learningRate, rho, epsilon, value);
        }
    }

    /**
     * Creates the optimizer.
     *
     * @param parameters the parameters to update: non-empty, no parameter twice
     * @param hyperparameters the hyper-parameters
     * @throws IllegalArgumentException on an invalid parameter list
     */
    public Adadelta(List<Parameter> parameters, Hyperparameters hyperparameters) {
        super("Adadelta", parameters, Check.notNull("Adadelta", "hyperparameters", hyperparameters),
                List.of(SQUARE_AVG, ACC_DELTA));
        this.hyper = hyperparameters;
    }

    @Override
    protected void update(String parameterName, long t, double lr, double[] theta, double[] g, Buffers buffers) {
        double rho = hyper.rho();
        double eps = hyper.epsilon();
        double[] s = buffers.get(SQUARE_AVG);
        double[] a = buffers.get(ACC_DELTA);
        double negLr = -lr;
        for (int k = 0; k < theta.length; k++) {
            double gk = g[k];
            s[k] = s[k] * rho + ((1.0 - rho) * gk) * gk;
            double std = Math.sqrt(s[k] + eps);
            if (!(std > 0.0)) {
                throw zeroDenominator(parameterName, k, std, "sqrt(E[g^2] + eps)");
            }
            double delta = (Math.sqrt(a[k] + eps) / std) * gk;
            a[k] = a[k] * rho + ((1.0 - rho) * delta) * delta;
            theta[k] = theta[k] + negLr * delta;
        }
    }
}
