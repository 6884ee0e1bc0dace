package io.github.dlref.optim;

import io.github.dlref.autograd.Parameter;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * NAdam, Adam with Nesterov momentum (Dozat 2016, "Incorporating Nesterov Momentum into Adam"). With
 * {@code g} the gradient (after coupled weight decay), {@code t} the parameter's step count, the moments
 * {@code m} (buffer {@code exp_avg}) and {@code v} (buffer {@code exp_avg_sq}) of {@link Adam}, and Dozat's
 * momentum schedule {@code mu_t = beta1 (1 - 0.5 * 0.96^(t psi))} ({@code psi} = {@code momentumDecay}):
 *
 * <pre>
 *   m &lt;- beta1 m + (1 - beta1) g,   v &lt;- beta2 v + (1 - beta2) g * g
 *   P_t = mu_1 ... mu_t                                   (buffer mu_product, every element equal)
 *   theta &lt;- theta - lr [ (1 - mu_t) g / (1 - P_t) + mu_{t+1} m / (1 - P_{t+1}) ] / (sqrt(v / (1 - beta2^t)) + eps)
 * </pre>
 *
 * <p>The {@link Form}s:
 * <ul>
 *   <li>{@link Form#PYTORCH_1_13}: {@code torch.optim.NAdam} of torch 1.13 ({@code _single_tensor_nadam}),
 *       whose {@code P_{t+1}} is {@code P_t mu_t mu_{t+1}}: it multiplies {@code mu_t} in twice (fixed in
 *       PyTorch 2.0). Order: {@code denom = sqrt(v / (1 - beta2^t)) + eps};
 *       {@code theta + ((-lr (1 - mu_t) / (1 - P_t)) g) / denom}, then
 *       {@code + ((-lr mu_{t+1} / (1 - P')) m) / denom}. Defaults lr 2e-3, psi 4e-3, eps 1e-8.</li>
 *   <li>{@link Form#DOZAT}: the paper's {@code P_{t+1} = P_t mu_{t+1}} (PyTorch 2.x), same order.</li>
 *   <li>{@link Form#KERAS}: Keras 3's {@code Nadam}: {@code mu_t = beta1 (1 - 0.5 * 0.96^t)} (psi 1, a much faster
 *       warm-up of the momentum than PyTorch's psi 4e-3), moments as {@code m + (g - m)(1 - beta1)},
 *       {@code m_hat = mu_{t+1} m / (1 - P_t mu_{t+1}) + (1 - mu_t) g / (1 - P_t)},
 *       {@code theta - (m_hat lr) / (sqrt(v / (1 - beta2^t)) + eps)}; eps 1e-7, lr 1e-3.</li>
 *   <li>{@link Form#OPTAX}: Optax's {@code nadam} ({@code scale_by_adam(nesterov=True)}), without a momentum
 *       schedule ({@code psi} is not used): {@code m_hat = beta1 m / (1 - beta1^(t+1)) + (1 - beta1) g / (1 - beta1^t)},
 *       {@code theta - lr m_hat / (sqrt(v / (1 - beta2^t) + eps_root) + eps)}; no {@code mu_product} buffer.</li>
 * </ul>
 *
 * <p>Example: PyTorch's {@code NAdam(params, lr=0.01)} and Keras 3's {@code Nadam()}:
 * <pre>{@code
 * NAdam nadam = new NAdam(model.parameters(), NAdam.Hyperparameters.pytorch().withLearningRate(0.01));
 * Optimizer keras = NAdam.Hyperparameters.keras().create(model.parameters());
 * }</pre>
 */
public final class NAdam extends BaseOptimizer {

    /** The first moment {@code m} (PyTorch's state key {@code exp_avg}). */
    private static final Slot EXP_AVG = new Slot("exp_avg");
    /** The second moment {@code v} (PyTorch's {@code exp_avg_sq}). */
    private static final Slot EXP_AVG_SQ = new Slot("exp_avg_sq");
    /** The product {@code P_t} of the momentum schedule, starting at 1 (PyTorch's scalar {@code mu_product}). */
    private static final Slot MU_PRODUCT = new Slot("mu_product");

    /** Dozat's momentum schedule base: {@code mu_t = beta1 (1 - 0.5 * 0.96^(t psi))}. */
    static final double SCHEDULE_BASE = 0.96;

    private final Hyperparameters hyper;

    /** Whose NAdam arithmetic; see {@link NAdam}. */
    public enum Form {
        /** torch 1.13's {@code NAdam}, {@code P_{t+1} = P_t mu_t mu_{t+1}}. */
        PYTORCH_1_13,
        /** Dozat's formula, {@code P_{t+1} = P_t mu_{t+1}} (PyTorch 2.x). */
        DOZAT,
        /** Keras 3's {@code Nadam} (Dozat's formula in Keras's order of operations). */
        KERAS,
        /** Optax's {@code nadam}: constant {@code beta1}, bias-corrected Nesterov look-ahead. */
        OPTAX
    }

    /**
     * Hyper-parameters of {@link NAdam}.
     *
     * @param learningRate {@code lr}, finite, {@code >= 0}
     * @param beta1 first-moment decay, in {@code [0, 1)}
     * @param beta2 second-moment decay, in {@code [0, 1)}
     * @param epsilon {@code eps}, finite, {@code >= 0}
     * @param momentumDecay {@code psi} of the momentum schedule, finite, {@code >= 0} (not used by {@link Form#OPTAX})
     * @param epsilonRoot Optax's {@code eps_root} inside the square root, finite, {@code >= 0}; only with
     *     {@link Form#OPTAX}
     * @param form whose arithmetic
     * @param weightDecay the weight decay (PyTorch's {@code weight_decay} is {@link WeightDecay#coupledL2(double)})
     */
    public record Hyperparameters(double learningRate, double beta1, double beta2, double epsilon,
            double momentumDecay, double epsilonRoot, Form form, WeightDecay weightDecay)
            implements OptimizerHyperparameters {

        /**
         * Validates every hyper-parameter.
         *
         * @param learningRate {@code lr}
         * @param beta1 first-moment decay
         * @param beta2 second-moment decay
         * @param epsilon {@code eps}
         * @param momentumDecay {@code psi}
         * @param epsilonRoot {@code eps_root}
         * @param form whose arithmetic
         * @param weightDecay the weight decay
         * @throws IllegalArgumentException naming the parameter, its value and the valid range
         */
        public Hyperparameters {
            Check.nonNegative("NAdam", "learningRate", learningRate);
            Check.unitInterval("NAdam", "beta1", beta1);
            Check.unitInterval("NAdam", "beta2", beta2);
            Check.nonNegative("NAdam", "epsilon", epsilon);
            Check.nonNegative("NAdam", "momentumDecay", momentumDecay);
            Check.nonNegative("NAdam", "epsilonRoot", epsilonRoot);
            Check.notNull("NAdam", "form", form);
            Check.notNull("NAdam", "weightDecay", weightDecay);
            if (form != Form.OPTAX && epsilonRoot != 0.0) {
                throw new IllegalArgumentException("NAdam: epsilonRoot must be 0 with form " + form
                        + " (it is an Optax option), got " + epsilonRoot);
            }
        }

        /**
         * torch 1.13 {@code torch.optim.NAdam} defaults: lr 2e-3, betas (0.9, 0.999), eps 1e-8, momentum_decay
         * 4e-3, weight_decay 0.
         *
         * @return the hyper-parameters
         */
        public static Hyperparameters pytorch() {
            return new Hyperparameters(2e-3, 0.9, 0.999, 1e-8, 4e-3, 0.0, Form.PYTORCH_1_13, WeightDecay.none());
        }

        /**
         * Keras 3 {@code keras.optimizers.Nadam} defaults: learning_rate 0.001, beta_1 0.9, beta_2 0.999,
         * epsilon 1e-7, the schedule {@code 0.96^t} ({@code psi} = 1).
         *
         * @return the hyper-parameters
         */
        public static Hyperparameters keras() {
            return new Hyperparameters(0.001, 0.9, 0.999, 1e-7, 1.0, 0.0, Form.KERAS, WeightDecay.none());
        }

        /**
         * Optax {@code optax.nadam(learning_rate)} defaults: b1 0.9, b2 0.999, eps 1e-8, eps_root 0.
         *
         * @param learningRate {@code lr}
         * @return the hyper-parameters
         */
        public static Hyperparameters optax(double learningRate) {
            return new Hyperparameters(learningRate, 0.9, 0.999, 1e-8, 0.0, 0.0, Form.OPTAX, WeightDecay.none());
        }

        @Override
        public String description() {
            String what = switch (form) {
                case PYTORCH_1_13 -> "PyTorch 1.13 NAdam (mu_t = beta1 (1 - 0.5 0.96^(t psi)), P_{t+1} = P_t mu_t mu_{t+1})";
                case DOZAT -> "Dozat NAdam (mu_t = beta1 (1 - 0.5 0.96^(t psi)), P_{t+1} = P_t mu_{t+1}; PyTorch 2)";
                case KERAS -> "Keras NAdam (mu_t = beta1 (1 - 0.5 0.96^(t psi)), Keras order)";
                case OPTAX -> "Optax NAdam (constant beta1, bias-corrected Nesterov look-ahead)";
            };
            StringBuilder sb = new StringBuilder(what).append(" [lr=").append(learningRate).append(", betas=(")
                    .append(beta1).append(", ").append(beta2).append("), eps=").append(epsilon);
            if (form != Form.OPTAX) {
                sb.append(", momentum_decay=").append(momentumDecay);
            }
            if (epsilonRoot != 0.0) {
                sb.append(", eps_root=").append(epsilonRoot);
            }
            return sb.append(weightDecay.describe()).append("]").toString();
        }

        @Override
        public Map<ConventionAxis, Enum<?>> conventions() {
            Map<ConventionAxis, Enum<?>> axes = new EnumMap<>(ConventionAxis.class);
            axes.put(ConventionAxis.NADAM_FORM, form);
            weightDecay.addConvention(axes);
            return Collections.unmodifiableMap(axes);
        }

        @Override
        public NAdam create(List<Parameter> parameters) {
            return new NAdam(parameters, this);
        }

        /**
         * A copy with another learning rate.
         *
         * @param value the learning rate
         * @return the hyper-parameters
         */
        public Hyperparameters withLearningRate(double value) {
            return new Hyperparameters(value, beta1, beta2, epsilon, momentumDecay, epsilonRoot, form, weightDecay);
        }

        /**
         * A copy with other moment decays.
         *
         * @param b1 {@code beta1}
         * @param b2 {@code beta2}
         * @return the hyper-parameters
         */
        public Hyperparameters withBetas(double b1, double b2) {
            return new Hyperparameters(learningRate, b1, b2, epsilon, momentumDecay, epsilonRoot, form, weightDecay);
        }

        /**
         * A copy with another epsilon.
         *
         * @param value {@code eps}
         * @return the hyper-parameters
         */
        public Hyperparameters withEpsilon(double value) {
            return new Hyperparameters(learningRate, beta1, beta2, value, momentumDecay, epsilonRoot, form, weightDecay);
        }

        /**
         * A copy with another momentum decay.
         *
         * @param value {@code psi}
         * @return the hyper-parameters
         */
        public Hyperparameters withMomentumDecay(double value) {
            return new Hyperparameters(learningRate, beta1, beta2, epsilon, value, epsilonRoot, form, weightDecay);
        }

        /**
         * A copy with another {@code eps_root} (Optax form only).
         *
         * @param value {@code eps_root}
         * @return the hyper-parameters
         */
        public Hyperparameters withEpsilonRoot(double value) {
            return new Hyperparameters(learningRate, beta1, beta2, epsilon, momentumDecay, value, form, weightDecay);
        }

        /**
         * A copy with another form (the other values are kept).
         *
         * @param value the form
         * @return the hyper-parameters
         */
        public Hyperparameters withForm(Form value) {
            return new Hyperparameters(learningRate, beta1, beta2, epsilon, momentumDecay, epsilonRoot, value,
                    weightDecay);
        }

        /**
         * A copy with another weight decay.
         *
         * @param value the weight decay
         * @return the hyper-parameters
         */
        public Hyperparameters withWeightDecay(WeightDecay value) {
            return new Hyperparameters(learningRate, beta1, beta2, epsilon, momentumDecay, epsilonRoot, form, value);
        }
    }

    /**
     * Creates the optimizer.
     *
     * @param parameters the parameters to update: non-empty, no parameter twice
     * @param hyperparameters the hyper-parameters
     * @throws IllegalArgumentException on an invalid parameter list
     */
    public NAdam(List<Parameter> parameters, Hyperparameters hyperparameters) {
        super("NAdam", parameters, Check.notNull("NAdam", "hyperparameters", hyperparameters),
                hyperparameters.form() == Form.OPTAX ? List.of(EXP_AVG, EXP_AVG_SQ)
                        : List.of(EXP_AVG, EXP_AVG_SQ, MU_PRODUCT),
                hyperparameters.form() == Form.OPTAX ? new double[] {0.0, 0.0} : new double[] {0.0, 0.0, 1.0});
        this.hyper = hyperparameters;
    }

    /** {@code mu_t = beta1 (1 - 0.5 * 0.96^(t psi))}, in PyTorch's and Keras's order. */
    static double momentumSchedule(double beta1, double psi, long t) {
        return beta1 * (1.0 - 0.5 * StrictMath.pow(SCHEDULE_BASE, t * psi));
    }

    @Override
    protected void update(String parameterName, long t, double lr, double[] theta, double[] g, Buffers buffers) {
        double beta1 = hyper.beta1();
        double beta2 = hyper.beta2();
        double eps = hyper.epsilon();
        double[] m = buffers.get(EXP_AVG);
        double[] v = buffers.get(EXP_AVG_SQ);
        double bias2 = 1.0 - StrictMath.pow(beta2, t);
        int n = theta.length;
        if (n == 0) {
            return;
        }
        if (hyper.form() == Form.OPTAX) {
            double bias1 = 1.0 - StrictMath.pow(beta1, t);
            double bias1Next = 1.0 - StrictMath.pow(beta1, t + 1);
            double negLr = -lr;
            for (int k = 0; k < n; k++) {
                double gk = g[k];
                m[k] = (1.0 - beta1) * gk + beta1 * m[k];
                v[k] = (1.0 - beta2) * (gk * gk) + beta2 * v[k];
                double mHat = beta1 * (m[k] / bias1Next) + (1.0 - beta1) * (gk / bias1);
                double den = Math.sqrt(v[k] / bias2 + hyper.epsilonRoot()) + eps;
                if (!(den > 0.0)) {
                    throw zeroDenominator(parameterName, k, den, "sqrt(v_hat + eps_root) + eps");
                }
                theta[k] = theta[k] + negLr * (mHat / den);
            }
            return;
        }
        double psi = hyper.momentumDecay();
        double mu = momentumSchedule(beta1, psi, t);
        double muNext = momentumSchedule(beta1, psi, t + 1);
        double[] product = buffers.get(MU_PRODUCT);
        double p = product[0] * mu;
        for (int k = 0; k < n; k++) {
            product[k] = p;
        }
        if (hyper.form() == Form.KERAS) {
            double pNext = p * muNext;
            for (int k = 0; k < n; k++) {
                double gk = g[k];
                m[k] = m[k] + (gk - m[k]) * (1.0 - beta1);
                v[k] = v[k] + (gk * gk - v[k]) * (1.0 - beta2);
                double mHat = muNext * m[k] / (1.0 - pNext) + (1.0 - mu) * gk / (1.0 - p);
                double den = Math.sqrt(v[k] / bias2) + eps;
                if (!(den > 0.0)) {
                    throw zeroDenominator(parameterName, k, den, "sqrt(v_hat) + eps");
                }
                theta[k] = theta[k] - (mHat * lr) / den;
            }
            return;
        }
        double pNext = hyper.form() == Form.PYTORCH_1_13 ? p * mu * muNext : p * muNext;
        double gradCoefficient = -lr * (1.0 - mu) / (1.0 - p);
        double momentCoefficient = -lr * muNext / (1.0 - pNext);
        for (int k = 0; k < n; k++) {
            double gk = g[k];
            m[k] = m[k] * beta1 + (1.0 - beta1) * gk;
            v[k] = v[k] * beta2 + ((1.0 - beta2) * gk) * gk;
            double den = Math.sqrt(v[k] / bias2) + eps;
            if (!(den > 0.0)) {
                throw zeroDenominator(parameterName, k, den, "sqrt(v / (1 - beta2^t)) + eps");
            }
            theta[k] = theta[k] + (gradCoefficient * gk) / den;
            theta[k] = theta[k] + (momentCoefficient * m[k]) / den;
        }
    }
}
