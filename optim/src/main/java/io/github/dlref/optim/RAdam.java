package io.github.dlref.optim;

import io.github.dlref.autograd.Parameter;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * RAdam, rectified Adam (Liu et al. 2020, "On the Variance of the Adaptive Learning Rate and Beyond"). With the
 * moments {@code m} (buffer {@code exp_avg}) and {@code v} (buffer {@code exp_avg_sq}) of {@link Adam}, the
 * length of the approximated simple moving average {@code rho_inf = 2 / (1 - beta2) - 1},
 * {@code rho_t = rho_inf - 2 t beta2^t / (1 - beta2^t)} and the rectification
 * {@code r_t = sqrt((rho_t - 4)(rho_t - 2) rho_inf / ((rho_inf - 4)(rho_inf - 2) rho_t))}:
 *
 * <pre>
 *   m_hat = m / (1 - beta1^t)
 *   if rho_t is above the threshold:  theta &lt;- theta - lr r_t m_hat * (adaptive term)
 *   otherwise (the first steps):      theta &lt;- theta - lr m_hat            (SGD with momentum)
 * </pre>
 *
 * <p>The {@link Form}s differ in the threshold test and in where epsilon sits:
 * <ul>
 *   <li>{@link Form#PYTORCH}: {@code torch.optim.RAdam} (torch 1.13, {@code _single_tensor_radam}):
 *       {@code rho_t > 5}; adaptive term {@code sqrt(1 - beta2^t) / (sqrt(v) + eps)}, epsilon added to the
 *       uncorrected root (as Keras's "epsilon hat", see {@link Adam}); order
 *       {@code theta + (-1) (((m_hat lr) adaptive) r_t)}.</li>
 *   <li>{@link Form#OPTAX}: Optax's {@code radam} ({@code scale_by_radam}, threshold 5): {@code rho_t >= 5};
 *       adaptive term {@code 1 / (sqrt(v_hat + eps_root) + eps)} with {@code v_hat = v / (1 - beta2^t)};
 *       moments as {@code (1 - beta) g + beta m}; {@code theta + (-lr) ((r_t m_hat) / den)}.</li>
 * </ul>
 * With beta2 0.999, {@code rho_t} passes 5 at step 6 (5.0025...), so the two thresholds agree there; they
 * differ only where {@code rho_t} is exactly 5.
 *
 * <p>Example: PyTorch's {@code RAdam(params, lr=0.01)}:
 * <pre>{@code
 * RAdam radam = new RAdam(model.parameters(), RAdam.Hyperparameters.pytorch().withLearningRate(0.01));
 * }</pre>
 */
public final class RAdam extends BaseOptimizer {

    /** The first moment {@code m} (PyTorch's state key {@code exp_avg}). */
    private static final Slot EXP_AVG = new Slot("exp_avg");
    /** The second moment {@code v} (PyTorch's {@code exp_avg_sq}). */
    private static final Slot EXP_AVG_SQ = new Slot("exp_avg_sq");

    /** The threshold on {@code rho_t} of both forms (hard-coded in PyTorch, Optax's default). */
    public static final double THRESHOLD = 5.0;

    private final Hyperparameters hyper;

    /** Whose RAdam arithmetic; see {@link RAdam}. */
    public enum Form {
        /** PyTorch: {@code rho_t > 5}, {@code sqrt(1 - beta2^t) / (sqrt(v) + eps)}. */
        PYTORCH,
        /** Optax: {@code rho_t >= 5}, {@code 1 / (sqrt(v_hat + eps_root) + eps)}. */
        OPTAX
    }

    /**
     * Hyper-parameters of {@link RAdam}.
     *
     * @param learningRate {@code lr}, finite, {@code >= 0}
     * @param beta1 first-moment decay, in {@code [0, 1)}
     * @param beta2 second-moment decay, in {@code [0, 1)}
     * @param epsilon {@code eps}, finite, {@code >= 0}
     * @param epsilonRoot Optax's {@code eps_root}, finite, {@code >= 0}; only with {@link Form#OPTAX}
     * @param form whose arithmetic
     * @param weightDecay the weight decay (PyTorch's {@code weight_decay} is {@link WeightDecay#coupledL2(double)})
     */
    public record Hyperparameters(double learningRate, double beta1, double beta2, double epsilon,
            double epsilonRoot, Form form, WeightDecay weightDecay) implements OptimizerHyperparameters {

        /**
         * Validates every hyper-parameter.
         *
         * @param learningRate {@code lr}
         * @param beta1 first-moment decay
         * @param beta2 second-moment decay
         * @param epsilon {@code eps}
         * @param epsilonRoot {@code eps_root}
         * @param form whose arithmetic
         * @param weightDecay the weight decay
         * @throws IllegalArgumentException naming the parameter, its value and the valid range
         */
        public Hyperparameters {
            Check.nonNegative("RAdam", "learningRate", learningRate);
            Check.unitInterval("RAdam", "beta1", beta1);
            Check.unitInterval("RAdam", "beta2", beta2);
            Check.nonNegative("RAdam", "epsilon", epsilon);
            Check.nonNegative("RAdam", "epsilonRoot", epsilonRoot);
            Check.notNull("RAdam", "form", form);
            Check.notNull("RAdam", "weightDecay", weightDecay);
            if (form != Form.OPTAX && epsilonRoot != 0.0) {
                throw new IllegalArgumentException("RAdam: epsilonRoot must be 0 with form " + form
                        + " (it is an Optax option), got " + epsilonRoot);
            }
        }

        /**
         * torch 1.13 {@code torch.optim.RAdam} defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight_decay 0.
         *
         * @return the hyper-parameters
         */
        public static Hyperparameters pytorch() {
            return new Hyperparameters(1e-3, 0.9, 0.999, 1e-8, 0.0, Form.PYTORCH, WeightDecay.none());
        }

        /**
         * Optax {@code optax.radam(learning_rate)} defaults: b1 0.9, b2 0.999, eps 1e-8, eps_root 0, threshold 5.
         *
         * @param learningRate {@code lr}
         * @return the hyper-parameters
         */
        public static Hyperparameters optax(double learningRate) {
            return new Hyperparameters(learningRate, 0.9, 0.999, 1e-8, 0.0, Form.OPTAX, WeightDecay.none());
        }

        @Override
        public String description() {
            StringBuilder sb = new StringBuilder(form == Form.PYTORCH
                    ? "PyTorch RAdam (rho_t > 5, sqrt(1 - beta2^t) / (sqrt(v) + eps))"
                    : "Optax RAdam (rho_t >= 5, 1 / (sqrt(v_hat + eps_root) + eps))");
            sb.append(" [lr=").append(learningRate).append(", betas=(").append(beta1).append(", ").append(beta2)
                    .append("), eps=").append(epsilon);
            if (epsilonRoot != 0.0) {
                sb.append(", eps_root=").append(epsilonRoot);
            }
            return sb.append(weightDecay.describe()).append("]").toString();
        }

        @Override
        public Map<ConventionAxis, Enum<?>> conventions() {
            Map<ConventionAxis, Enum<?>> axes = new EnumMap<>(ConventionAxis.class);
            axes.put(ConventionAxis.RADAM_FORM, form);
            weightDecay.addConvention(axes);
            return Collections.unmodifiableMap(axes);
        }

        @Override
        public RAdam create(List<Parameter> parameters) {
            return new RAdam(parameters, this);
        }

        /**
         * A copy with another learning rate.
         *
         * @param value the learning rate
         * @return the hyper-parameters
         */
        public Hyperparameters withLearningRate(double value) {
            return new Hyperparameters(value, beta1, beta2, epsilon, epsilonRoot, form, weightDecay);
        }

        /**
         * A copy with other moment decays.
         *
         * @param b1 {@code beta1}
         * @param b2 {@code beta2}
         * @return the hyper-parameters
         */
        public Hyperparameters withBetas(double b1, double b2) {
            return new Hyperparameters(learningRate, b1, b2, epsilon, epsilonRoot, form, weightDecay);
        }

        /**
         * A copy with another epsilon.
         *
         * @param value {@code eps}
         * @return the hyper-parameters
         */
        public Hyperparameters withEpsilon(double value) {
            return new Hyperparameters(learningRate, beta1, beta2, value, epsilonRoot, form, weightDecay);
        }

        /**
         * A copy with another {@code eps_root} (Optax form only).
         *
         * @param value {@code eps_root}
         * @return the hyper-parameters
         */
        public Hyperparameters withEpsilonRoot(double value) {
            return new Hyperparameters(learningRate, beta1, beta2, epsilon, value, form, weightDecay);
        }

        /**
         * A copy with another form.
         *
         * @param value the form
         * @return the hyper-parameters
         */
        public Hyperparameters withForm(Form value) {
            return new Hyperparameters(learningRate, beta1, beta2, epsilon, epsilonRoot, value, weightDecay);
        }

        /**
         * A copy with another weight decay.
         *
         * @param value the weight decay
         * @return the hyper-parameters
         */
        public Hyperparameters withWeightDecay(WeightDecay value) {
            return new Hyperparameters(learningRate, beta1, beta2, epsilon, epsilonRoot, form, value);
        }
    }

    /**
     * Creates the optimizer.
     *
     * @param parameters the parameters to update: non-empty, no parameter twice
     * @param hyperparameters the hyper-parameters
     * @throws IllegalArgumentException on an invalid parameter list
     */
    public RAdam(List<Parameter> parameters, Hyperparameters hyperparameters) {
        super("RAdam", parameters, Check.notNull("RAdam", "hyperparameters", hyperparameters),
                List.of(EXP_AVG, EXP_AVG_SQ));
        this.hyper = hyperparameters;
    }

    /**
     * {@code rho_t = rho_inf - 2 t beta2^t / (1 - beta2^t)}, in PyTorch's and Optax's order.
     *
     * @param beta2 the second-moment decay
     * @param t the step count, {@code >= 1}
     * @return {@code rho_t}
     */
    static double rho(double beta2, long t) {
        double rhoInf = 2.0 / (1.0 - beta2) - 1.0;
        double power = StrictMath.pow(beta2, t);
        return rhoInf - 2.0 * t * power / (1.0 - power);
    }

    @Override
    protected void update(String parameterName, long t, double lr, double[] theta, double[] g, Buffers buffers) {
        double beta1 = hyper.beta1();
        double beta2 = hyper.beta2();
        double eps = hyper.epsilon();
        double[] m = buffers.get(EXP_AVG);
        double[] v = buffers.get(EXP_AVG_SQ);
        double bias1 = 1.0 - StrictMath.pow(beta1, t);
        double bias2 = 1.0 - StrictMath.pow(beta2, t);
        double rhoInf = 2.0 / (1.0 - beta2) - 1.0;
        double rhoT = rho(beta2, t);
        double rect = Math.sqrt((rhoT - 4.0) * (rhoT - 2.0) * rhoInf / ((rhoInf - 4.0) * (rhoInf - 2.0) * rhoT));
        int n = theta.length;
        if (hyper.form() == Form.PYTORCH) {
            boolean rectified = rhoT > THRESHOLD;
            double bias2Sqrt = Math.sqrt(bias2);
            for (int k = 0; k < n; k++) {
                double gk = g[k];
                m[k] = m[k] * beta1 + (1.0 - beta1) * gk;
                v[k] = v[k] * beta2 + ((1.0 - beta2) * gk) * gk;
                double mHat = m[k] / bias1;
                if (rectified) {
                    double den = Math.sqrt(v[k]) + eps;
                    if (!(den > 0.0)) {
                        throw zeroDenominator(parameterName, k, den, "sqrt(v) + eps");
                    }
                    theta[k] = theta[k] + -1.0 * (mHat * lr * (bias2Sqrt / den) * rect);
                } else {
                    theta[k] = theta[k] + -1.0 * (mHat * lr);
                }
            }
        } else {
            boolean rectified = rhoT >= THRESHOLD;
            double negLr = -lr;
            for (int k = 0; k < n; k++) {
                double gk = g[k];
                m[k] = (1.0 - beta1) * gk + beta1 * m[k];
                v[k] = (1.0 - beta2) * (gk * gk) + beta2 * v[k];
                double mHat = m[k] / bias1;
                double u;
                if (rectified) {
                    double den = Math.sqrt(v[k] / bias2 + hyper.epsilonRoot()) + eps;
                    if (!(den > 0.0)) {
                        throw zeroDenominator(parameterName, k, den, "sqrt(v_hat + eps_root) + eps");
                    }
                    u = rect * mHat / den;
                } else {
                    u = mHat;
                }
                theta[k] = theta[k] + negLr * u;
            }
        }
    }
}
