package io.github.dlref.optim;

import io.github.dlref.autograd.Parameter;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Adamax, Adam with the infinity norm (Kingma and Ba 2015, section 7.1). With {@code g} the gradient (after
 * coupled weight decay) and {@code t} the parameter's step count, the {@link Form}s:
 *
 * <ul>
 *   <li>{@link Form#PYTORCH}: {@code torch.optim.Adamax} of torch 1.13 ({@code _single_tensor_adamax}):
 *       <pre>
 *   m &lt;- beta1 m + (1 - beta1) g                        (buffer exp_avg)
 *   u &lt;- max(beta2 u, |g| + eps)                         (buffer exp_inf)
 *   theta &lt;- theta - (lr / (1 - beta1^t)) m / u
 *       </pre>
 *       computed as {@code m * beta1 + (1 - beta1) * g}, {@code max(u * beta2, |g| + eps)},
 *       {@code theta + ((-clr) * m) / u}. Optax's {@code adamax} ({@code scale_by_adamax}: the infinity moment
 *       {@code max(b2 nu, |g| + eps)}, the update {@code (mu / (1 - b1^t)) / nu} times {@code -lr}) is the same
 *       formula in another order of operations, so it differs from this form only by rounding: its preset
 *       ({@link Hyperparameters#optax(double)}) uses this form.</li>
 *   <li>{@link Form#KERAS}: Keras 3's {@code keras.optimizers.Adamax}, the paper's maximum without epsilon and
 *       epsilon added to {@code u} after it:
 *       <pre>
 *   m &lt;- m + (g - m)(1 - beta1)
 *   u &lt;- max(beta2 u, |g|)
 *   theta &lt;- theta - ((lr / (1 - beta1^t)) m) / (u + eps)
 *       </pre>
 *       which differs from PyTorch's once {@code beta2 u} dominates {@code |g| + eps} (the stored {@code u} no
 *       longer carries epsilon) and in every step where {@code |g|} wins (epsilon is then in the denominator
 *       once either way, but Keras's {@code u} is smaller by {@code eps} in later steps).</li>
 * </ul>
 *
 * <p>With {@code eps = 0} an element whose gradients have all been 0 gives {@code 0 / 0}: {@link #step()} then
 * throws.
 *
 * <p>Example: PyTorch's defaults (lr 2e-3) and Keras 3's {@code Adamax()} (lr 1e-3, eps 1e-7):
 * <pre>{@code
 * Adamax adamax = new Adamax(model.parameters(), Adamax.Hyperparameters.pytorch());
 * Optimizer keras = Adamax.Hyperparameters.keras().create(model.parameters());
 * }</pre>
 */
public final class Adamax extends BaseOptimizer {

    /** The first moment {@code m} (PyTorch's state key {@code exp_avg}). */
    private static final Slot EXP_AVG = new Slot("exp_avg");
    /** The exponentially weighted infinity norm {@code u} (PyTorch's {@code exp_inf}). */
    private static final Slot EXP_INF = new Slot("exp_inf");

    private final Hyperparameters hyper;

    /** Whose Adamax arithmetic; see {@link Adamax}. */
    public enum Form {
        /** torch 1.13's {@code Adamax} (and Optax's, up to rounding): {@code u = max(beta2 u, |g| + eps)}. */
        PYTORCH,
        /** Keras 3's {@code Adamax}: {@code u = max(beta2 u, |g|)}, divided by {@code u + eps}. */
        KERAS
    }

    /**
     * Hyper-parameters of {@link Adamax}.
     *
     * @param learningRate {@code lr}, finite, {@code >= 0}
     * @param beta1 first-moment decay, in {@code [0, 1)}
     * @param beta2 decay of the infinity norm, in {@code [0, 1)}
     * @param epsilon {@code eps}, added to {@code |g|} ({@link Form#PYTORCH}) or to {@code u}
     *     ({@link Form#KERAS}), finite, {@code >= 0}
     * @param form whose arithmetic
     * @param weightDecay the weight decay (PyTorch's {@code weight_decay} is {@link WeightDecay#coupledL2(double)})
     */
    public record Hyperparameters(double learningRate, double beta1, double beta2, double epsilon, Form form,
            WeightDecay weightDecay) implements OptimizerHyperparameters {

        /**
         * Validates every hyper-parameter.
         *
         * @param learningRate {@code lr}
         * @param beta1 first-moment decay
         * @param beta2 decay of the infinity norm
         * @param epsilon {@code eps}
         * @param form whose arithmetic
         * @param weightDecay the weight decay
         * @throws IllegalArgumentException naming the parameter, its value and the valid range
         */
        public Hyperparameters {
            Check.nonNegative("Adamax", "learningRate", learningRate);
            Check.unitInterval("Adamax", "beta1", beta1);
            Check.unitInterval("Adamax", "beta2", beta2);
            Check.nonNegative("Adamax", "epsilon", epsilon);
            Check.notNull("Adamax", "form", form);
            Check.notNull("Adamax", "weightDecay", weightDecay);
        }

        /**
         * Hyper-parameters in {@link Form#PYTORCH}.
         *
         * @param learningRate {@code lr}
         * @param beta1 first-moment decay
         * @param beta2 decay of the infinity norm
         * @param epsilon {@code eps}
         * @param weightDecay the weight decay
         * @throws IllegalArgumentException naming the parameter, its value and the valid range
         */
        public Hyperparameters(double learningRate, double beta1, double beta2, double epsilon,
                WeightDecay weightDecay) {
            this(learningRate, beta1, beta2, epsilon, Form.PYTORCH, weightDecay);
        }

        /**
         * torch 1.13 {@code torch.optim.Adamax} defaults: lr 2e-3, betas (0.9, 0.999), eps 1e-8, weight_decay 0.
         *
         * @return the hyper-parameters
         */
        public static Hyperparameters pytorch() {
            return new Hyperparameters(2e-3, 0.9, 0.999, 1e-8, Form.PYTORCH, WeightDecay.none());
        }

        /**
         * Keras 3 {@code keras.optimizers.Adamax} defaults: learning_rate 0.001, beta_1 0.9, beta_2 0.999,
         * epsilon 1e-7, in {@link Form#KERAS}.
         *
         * @return the hyper-parameters
         */
        public static Hyperparameters keras() {
            return new Hyperparameters(0.001, 0.9, 0.999, 1e-7, Form.KERAS, WeightDecay.none());
        }

        /**
         * Optax {@code optax.adamax(learning_rate)} defaults: b1 0.9, b2 0.999, eps 1e-8, in {@link Form#PYTORCH}
         * (Optax's formula is PyTorch's; see {@link Adamax}). Optax has no default learning rate.
         *
         * @param learningRate {@code lr}
         * @return the hyper-parameters
         */
        public static Hyperparameters optax(double learningRate) {
            return new Hyperparameters(learningRate, 0.9, 0.999, 1e-8, Form.PYTORCH, WeightDecay.none());
        }

        @Override
        public String description() {
            String what = form == Form.KERAS
                    ? "Keras Adamax (u = max(beta2 u, |g|), theta -= lr/(1 - beta1^t) m / (u + eps))"
                    : "PyTorch Adamax (u = max(beta2 u, |g| + eps), theta -= lr/(1 - beta1^t) m / u)";
            return what + " [lr=" + learningRate + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + epsilon
                    + weightDecay.describe() + "]";
        }

        @Override
        public Map<ConventionAxis, Enum<?>> conventions() {
            Map<ConventionAxis, Enum<?>> axes = new EnumMap<>(ConventionAxis.class);
            axes.put(ConventionAxis.ADAMAX_FORM, form);
            weightDecay.addConvention(axes);
            return Collections.unmodifiableMap(axes);
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
            return new Hyperparameters(value, beta1, beta2, epsilon, form, weightDecay);
        }

        /**
         * A copy with other decays.
         *
         * @param b1 {@code beta1}
         * @param b2 {@code beta2}
         * @return the hyper-parameters
         */
        public Hyperparameters withBetas(double b1, double b2) {
            return new Hyperparameters(learningRate, b1, b2, epsilon, form, weightDecay);
        }

        /**
         * A copy with another epsilon.
         *
         * @param value {@code eps}
         * @return the hyper-parameters
         */
        public Hyperparameters withEpsilon(double value) {
            return new Hyperparameters(learningRate, beta1, beta2, value, form, weightDecay);
        }

        /**
         * A copy with another form (the other values are kept).
         *
         * @param value the form
         * @return the hyper-parameters
         */
        public Hyperparameters withForm(Form value) {
            return new Hyperparameters(learningRate, beta1, beta2, epsilon, value, weightDecay);
        }

        /**
         * A copy with another weight decay.
         *
         * @param value the weight decay
         * @return the hyper-parameters
         */
        public Hyperparameters withWeightDecay(WeightDecay value) {
            return new Hyperparameters(learningRate, beta1, beta2, epsilon, form, value);
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
        if (hyper.form() == Form.KERAS) {
            double alpha = lr / (1.0 - StrictMath.pow(beta1, t));
            for (int k = 0; k < theta.length; k++) {
                double gk = g[k];
                m[k] = m[k] + (gk - m[k]) * (1.0 - beta1);
                u[k] = Math.max(beta2 * u[k], Math.abs(gk));
                double den = u[k] + eps;
                if (!(den > 0.0)) {
                    throw zeroDenominator(parameterName, k, den, "max(beta2 u, |g|) + eps");
                }
                theta[k] = theta[k] - (alpha * m[k]) / den;
            }
            return;
        }
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
