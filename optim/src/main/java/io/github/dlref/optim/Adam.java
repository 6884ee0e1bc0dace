package io.github.dlref.optim;

import io.github.dlref.autograd.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba 2015), with the AMSGrad variant (Reddi, Kale and Kumar 2018) and any
 * {@link WeightDecay} (AdamW is {@link WeightDecay#decoupled(double)}, Loshchilov and Hutter 2019). With
 * {@code g} the gradient (after coupled weight decay), {@code t} the parameter's step count:
 *
 * <pre>
 *   m &lt;- beta1 m + (1 - beta1) g                 (buffer exp_avg)
 *   v &lt;- beta2 v + (1 - beta2) g * g             (buffer exp_avg_sq)
 * </pre>
 *
 * then, by {@link EpsilonForm}:
 *
 * <ul>
 *   <li>{@link EpsilonForm#ALGORITHM_1} (the paper's Algorithm 1, PyTorch, Optax, bp-optimizers):
 *       {@code theta <- theta - lr m_hat / (sqrt(v_hat) + eps)} with {@code m_hat = m / (1 - beta1^t)},
 *       {@code v_hat = v / (1 - beta2^t)}. Computed in PyTorch's order ({@code _single_tensor_adam},
 *       torch 1.13): {@code denom = sqrt(v) / sqrt(1 - beta2^t) + eps},
 *       {@code theta + ((-(lr / (1 - beta1^t))) * m) / denom}. When {@code epsilonRoot > 0} or AMSGrad
 *       takes the maximum of the bias-corrected moment, in Optax's order instead ({@code scale_by_adam},
 *       {@code scale_by_amsgrad}): {@code m_hat = m / (1 - beta1^t)}, {@code v_hat = v / (1 - beta2^t)},
 *       {@code theta + (-lr) * (m_hat / (sqrt(v_hat + epsilonRoot) + eps))}.</li>
 *   <li>{@link EpsilonForm#EPSILON_HAT} (Keras 3 {@code Adam}; the paper's formula before its section 2.1):
 *       {@code lr_t = lr sqrt(1 - beta2^t) / (1 - beta1^t)},
 *       {@code theta <- theta - (m lr_t) / (sqrt(v) + eps_hat)}. This equals Algorithm 1 with the
 *       step-dependent {@code eps_t = eps_hat / sqrt(1 - beta2^t)} (see {@code docs/optimizers.md}); Keras's
 *       default {@code eps_hat = 1e-7} is {@code eps_1 = 3.16e-6} at the first step. Keras updates the
 *       moments as {@code m += (g - m)(1 - beta1)}, equal in exact arithmetic to the form above, which is
 *       used here for every form.</li>
 *   <li>{@link EpsilonForm#NO_BIAS_CORRECTION} (a convention found in the wild: tutorials and hand-written
 *       implementations that drop the paper's bias correction): {@code theta <- theta - (m lr) / (sqrt(v) + eps)},
 *       the epsilon-hat arithmetic with {@code lr_t = lr}. Early steps are much smaller than Algorithm 1's (the
 *       first is about {@code (1 - beta1) / sqrt(1 - beta2)} = 3.16 times {@code lr}, not {@code lr}).</li>
 * </ul>
 *
 * <p>AMSGrad ({@link AmsGrad}): {@link AmsGrad#MAX_OF_RAW_SECOND_MOMENT} keeps {@code v_max = max(v_max, v)}
 * (buffer {@code max_exp_avg_sq}) and uses it in place of {@code v}, bias-correcting afterwards with the
 * current {@code 1 - beta2^t}: PyTorch's code and Keras 3. (PyTorch's documentation pseudo-code wrote the
 * maximum of the bias-corrected {@code v_hat} until pytorch/pytorch#142323 corrected it to the code.)
 * {@link AmsGrad#MAX_OF_BIAS_CORRECTED_SECOND_MOMENT} keeps {@code nu_max = max(nu_max, v_hat)} (buffer
 * {@code nu_max}): Optax's {@code scale_by_amsgrad} with its default {@code bias_correction_nu=True}. The
 * two differ because {@code 1 - beta2^t} grows with {@code t}.
 *
 * <p>With {@code eps = 0} an element whose gradients have all been 0 gives {@code 0 / 0}: {@link #step()}
 * then throws rather than writing NaN.
 *
 * <p>Example: PyTorch's {@code Adam} and {@code AdamW} with their defaults, and Keras 3's {@code Adam} with
 * another learning rate ({@code model} an {@code io.github.dlref.nn.Module}, {@code loss} an
 * {@code io.github.dlref.nn.losses.Loss}):
 * <pre>{@code
 * Adam adam = new Adam(model.parameters(), Adam.Hyperparameters.pytorch());          // lr 1e-3, eps 1e-8
 * Adam adamW = new Adam(model.parameters(), Adam.Hyperparameters.pytorchAdamW());    // decoupled decay 1e-2
 * Optimizer keras = Adam.Hyperparameters.keras().withLearningRate(3e-4).create(model.parameters());
 *
 * adam.zeroGrad();
 * loss.forward(model.forward(x), labels).backward();
 * adam.step();
 * ParameterState s = adam.state(adam.parameters().get(0));   // s.step() == 1
 * Matrix m = s.buffer("exp_avg");                            // (1 - beta1) g after the first step
 * }</pre>
 */
public final class Adam extends BaseOptimizer {

    /**
     * Keras 3's {@code keras.optimizers.AdamW} default {@code weight_decay}, decoupled and scaled by the
     * learning rate ({@link Hyperparameters#kerasAdamW()}).
     */
    public static final double KERAS_ADAMW_WEIGHT_DECAY = 0.004;

    /** The first moment {@code m} (PyTorch's state key {@code exp_avg}). */
    private static final Slot EXP_AVG = new Slot("exp_avg");
    /** The second moment {@code v} (PyTorch's {@code exp_avg_sq}). */
    private static final Slot EXP_AVG_SQ = new Slot("exp_avg_sq");
    /** AMSGrad's maximum of the raw second moment (PyTorch's {@code max_exp_avg_sq}). */
    private static final Slot MAX_EXP_AVG_SQ = new Slot("max_exp_avg_sq");
    /** AMSGrad's maximum of the bias-corrected second moment (Optax's {@code nu_max}). */
    private static final Slot NU_MAX = new Slot("nu_max");

    private final Hyperparameters hyper;

    /** Where Adam's epsilon sits; see {@link Adam}. */
    public enum EpsilonForm {
        /** {@code m_hat / (sqrt(v_hat) + eps)}: Algorithm 1 (PyTorch, Optax, bp-optimizers). */
        ALGORITHM_1,
        /** {@code lr_t m / (sqrt(v) + eps_hat)}: the paper's "epsilon hat" (Keras). */
        EPSILON_HAT,
        /** {@code lr m / (sqrt(v) + eps)}: no bias correction at all (hand-written implementations). */
        NO_BIAS_CORRECTION
    }

    /** The AMSGrad variants; see {@link Adam}. */
    public enum AmsGrad {
        /** Plain Adam. */
        NONE,
        /** {@code v_max = max(v_max, v)}, bias-corrected afterwards (PyTorch, Keras). */
        MAX_OF_RAW_SECOND_MOMENT,
        /** {@code nu_max = max(nu_max, v / (1 - beta2^t))} (Optax). */
        MAX_OF_BIAS_CORRECTED_SECOND_MOMENT
    }

    /**
     * Hyper-parameters of {@link Adam}.
     *
     * @param learningRate {@code lr}, finite, {@code >= 0}
     * @param beta1 first-moment decay, in {@code [0, 1)}
     * @param beta2 second-moment decay, in {@code [0, 1)}
     * @param epsilon {@code eps} (or {@code eps_hat}), finite, {@code >= 0}
     * @param epsilonForm where the epsilon sits
     * @param epsilonRoot Optax's {@code eps_root}, added inside the square root
     *     ({@code sqrt(v_hat + eps_root)}), finite, {@code >= 0}; only with {@link EpsilonForm#ALGORITHM_1}
     * @param amsGrad the AMSGrad variant; {@link AmsGrad#MAX_OF_BIAS_CORRECTED_SECOND_MOMENT} only with
     *     {@link EpsilonForm#ALGORITHM_1}
     * @param weightDecay the weight decay ({@link WeightDecay#decoupled(double)} for AdamW)
     */
    public record Hyperparameters(double learningRate, double beta1, double beta2, double epsilon,
            EpsilonForm epsilonForm, double epsilonRoot, AmsGrad amsGrad, WeightDecay weightDecay)
            implements OptimizerHyperparameters {

        /**
         * Validates every hyper-parameter.
         *
         * @param learningRate {@code lr}
         * @param beta1 first-moment decay
         * @param beta2 second-moment decay
         * @param epsilon {@code eps}
         * @param epsilonForm where the epsilon sits
         * @param epsilonRoot {@code eps_root}
         * @param amsGrad the AMSGrad variant
         * @param weightDecay the weight decay
         * @throws IllegalArgumentException naming the parameter, its value and the valid range
         */
        public Hyperparameters {
            Check.nonNegative("Adam", "learningRate", learningRate);
            Check.unitInterval("Adam", "beta1", beta1);
            Check.unitInterval("Adam", "beta2", beta2);
            Check.nonNegative("Adam", "epsilon", epsilon);
            Check.notNull("Adam", "epsilonForm", epsilonForm);
            Check.nonNegative("Adam", "epsilonRoot", epsilonRoot);
            Check.notNull("Adam", "amsGrad", amsGrad);
            Check.notNull("Adam", "weightDecay", weightDecay);
            if (epsilonForm != EpsilonForm.ALGORITHM_1 && epsilonRoot != 0.0) {
                throw new IllegalArgumentException("Adam: epsilonRoot must be 0 with " + epsilonForm + " (it is an "
                        + "Optax, Algorithm 1 option), got " + epsilonRoot);
            }
            if (epsilonForm != EpsilonForm.ALGORITHM_1 && amsGrad == AmsGrad.MAX_OF_BIAS_CORRECTED_SECOND_MOMENT) {
                throw new IllegalArgumentException("Adam: MAX_OF_BIAS_CORRECTED_SECOND_MOMENT needs ALGORITHM_1 "
                        + "(" + epsilonForm + " never forms the bias-corrected second moment)");
            }
        }

        /**
         * PyTorch {@code torch.optim.Adam} defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8 (Algorithm 1),
         * weight_decay 0, amsgrad False.
         *
         * @return the hyper-parameters
         */
        public static Hyperparameters pytorch() {
            return new Hyperparameters(1e-3, 0.9, 0.999, 1e-8, EpsilonForm.ALGORITHM_1, 0.0, AmsGrad.NONE,
                    WeightDecay.none());
        }

        /**
         * PyTorch {@code torch.optim.AdamW} defaults: {@link #pytorch()} with decoupled weight decay 1e-2.
         *
         * @return the hyper-parameters
         */
        public static Hyperparameters pytorchAdamW() {
            return pytorch().withWeightDecay(WeightDecay.decoupled(1e-2));
        }

        /**
         * Keras 3 {@code keras.optimizers.Adam} defaults: learning_rate 0.001, beta_1 0.9, beta_2 0.999,
         * epsilon 1e-7 in the "epsilon hat" form, amsgrad False.
         *
         * @return the hyper-parameters
         */
        public static Hyperparameters keras() {
            return new Hyperparameters(0.001, 0.9, 0.999, 1e-7, EpsilonForm.EPSILON_HAT, 0.0, AmsGrad.NONE,
                    WeightDecay.none());
        }

        /**
         * Keras 3 {@code keras.optimizers.AdamW} defaults: {@link #keras()} with decoupled weight decay
         * {@value Adam#KERAS_ADAMW_WEIGHT_DECAY}.
         *
         * @return the hyper-parameters
         */
        public static Hyperparameters kerasAdamW() {
            return keras().withWeightDecay(WeightDecay.decoupled(KERAS_ADAMW_WEIGHT_DECAY));
        }

        /**
         * Optax {@code optax.adam(learning_rate)} defaults: b1 0.9, b2 0.999, eps 1e-8, eps_root 0.
         *
         * @param learningRate {@code lr}
         * @return the hyper-parameters
         */
        public static Hyperparameters optax(double learningRate) {
            return new Hyperparameters(learningRate, 0.9, 0.999, 1e-8, EpsilonForm.ALGORITHM_1, 0.0, AmsGrad.NONE,
                    WeightDecay.none());
        }

        /**
         * Optax {@code optax.adamw(learning_rate)}: {@link #optax(double)} with decoupled weight decay 1e-4
         * (Optax's default {@code weight_decay}).
         *
         * @param learningRate {@code lr}
         * @return the hyper-parameters
         */
        public static Hyperparameters optaxAdamW(double learningRate) {
            return optax(learningRate).withWeightDecay(WeightDecay.decoupled(1e-4));
        }

        /**
         * Optax {@code optax.amsgrad(learning_rate)}: {@link #optax(double)} with the maximum of the
         * bias-corrected second moment.
         *
         * @param learningRate {@code lr}
         * @return the hyper-parameters
         */
        public static Hyperparameters optaxAmsGrad(double learningRate) {
            return optax(learningRate).withAmsGrad(AmsGrad.MAX_OF_BIAS_CORRECTED_SECOND_MOMENT);
        }

        /**
         * bp-optimizers' Adam: {@code beta1} 0.9, {@code beta2} 0.999, {@code eps} 1e-8, Algorithm 1 (the
         * document's {@code W -= alpha v_corrected / (sqrt(s_corrected) + eps)}); "alpha needs to be tuned".
         *
         * @param learningRate {@code alpha}
         * @return the hyper-parameters
         */
        public static Hyperparameters bpOptimizers(double learningRate) {
            return new Hyperparameters(learningRate, 0.9, 0.999, 1e-8, EpsilonForm.ALGORITHM_1, 0.0, AmsGrad.NONE,
                    WeightDecay.none());
        }

        @Override
        public String description() {
            StringBuilder sb = new StringBuilder(switch (epsilonForm) {
                case EPSILON_HAT -> "Keras epsilon-hat Adam (lr_t m / (sqrt(v) + eps_hat))";
                case NO_BIAS_CORRECTION -> "Adam without bias correction (lr m / (sqrt(v) + eps))";
                default -> "Algorithm 1 Adam (lr m_hat / (sqrt(v_hat) + eps): PyTorch, Optax)";
            });
            if (amsGrad == AmsGrad.MAX_OF_RAW_SECOND_MOMENT) {
                sb.append(", AMSGrad on the raw v (PyTorch, Keras)");
            } else if (amsGrad == AmsGrad.MAX_OF_BIAS_CORRECTED_SECOND_MOMENT) {
                sb.append(", AMSGrad on the bias-corrected v_hat (Optax)");
            }
            sb.append(" [lr=").append(learningRate).append(", betas=(").append(beta1).append(", ")
                    .append(beta2).append("), eps=").append(epsilon);
            if (epsilonRoot != 0) {
                sb.append(", eps_root=").append(epsilonRoot);
            }
            return sb.append(weightDecay.describe()).append("]").toString();
        }

        @Override
        public Map<ConventionAxis, Enum<?>> conventions() {
            Map<ConventionAxis, Enum<?>> axes = new EnumMap<>(ConventionAxis.class);
            axes.put(ConventionAxis.EPSILON_FORM, epsilonForm);
            if (amsGrad != AmsGrad.NONE) {
                axes.put(ConventionAxis.AMSGRAD_FORM, amsGrad);
            }
            weightDecay.addConvention(axes);
            return Collections.unmodifiableMap(axes);
        }

        @Override
        public Hyperparameters canonical() {
            return this;
        }

        @Override
        public Adam create(List<Parameter> parameters) {
            return new Adam(parameters, this);
        }

        /**
         * A copy with another learning rate.
         *
         * @param value the learning rate
         * @return the hyper-parameters
         */
        public Hyperparameters withLearningRate(double value) {
            return new Hyperparameters(value, beta1, beta2, epsilon, epsilonForm, epsilonRoot, amsGrad, weightDecay);
        }

        /**
         * A copy with other moment decays.
         *
         * @param b1 {@code beta1}
         * @param b2 {@code beta2}
         * @return the hyper-parameters
         */
        public Hyperparameters withBetas(double b1, double b2) {
            return new Hyperparameters(learningRate, b1, b2, epsilon, epsilonForm, epsilonRoot, amsGrad, weightDecay);
        }

        /**
         * A copy with another epsilon.
         *
         * @param value the epsilon
         * @return the hyper-parameters
         */
        public Hyperparameters withEpsilon(double value) {
            return new Hyperparameters(learningRate, beta1, beta2, value, epsilonForm, epsilonRoot, amsGrad,
                    weightDecay);
        }

        /**
         * A copy with another epsilon form.
         *
         * @param value the form
         * @return the hyper-parameters
         */
        public Hyperparameters withEpsilonForm(EpsilonForm value) {
            return new Hyperparameters(learningRate, beta1, beta2, epsilon, value, epsilonRoot, amsGrad, weightDecay);
        }

        /**
         * A copy with another {@code eps_root}.
         *
         * @param value {@code eps_root}
         * @return the hyper-parameters
         */
        public Hyperparameters withEpsilonRoot(double value) {
            return new Hyperparameters(learningRate, beta1, beta2, epsilon, epsilonForm, value, amsGrad, weightDecay);
        }

        /**
         * A copy with another AMSGrad variant.
         *
         * @param value the variant
         * @return the hyper-parameters
         */
        public Hyperparameters withAmsGrad(AmsGrad value) {
            return new Hyperparameters(learningRate, beta1, beta2, epsilon, epsilonForm, epsilonRoot, value,
                    weightDecay);
        }

        /**
         * A copy with another weight decay.
         *
         * @param value the weight decay
         * @return the hyper-parameters
         */
        public Hyperparameters withWeightDecay(WeightDecay value) {
            return new Hyperparameters(learningRate, beta1, beta2, epsilon, epsilonForm, epsilonRoot, amsGrad, value);
        }
    }

    /**
     * Creates the optimizer.
     *
     * @param parameters the parameters to update: non-empty, no parameter twice; names need not be unique (state is kept by position in this list, as PyTorch's {@code state_dict} does, and snapshots are matched by position, name and shape)
     * @param hyperparameters the hyper-parameters
     * @throws IllegalArgumentException on an invalid parameter list
     */
    public Adam(List<Parameter> parameters, Hyperparameters hyperparameters) {
        super("Adam", parameters, Check.notNull("Adam", "hyperparameters", hyperparameters),
                bufferNames(hyperparameters));
        this.hyper = hyperparameters;
    }

    private static List<Slot> bufferNames(Hyperparameters h) {
        List<Slot> names = new ArrayList<>(List.of(EXP_AVG, EXP_AVG_SQ));
        Slot max = maxSlot(h);
        if (max != null) {
            names.add(max);
        }
        return names;
    }

    private static Slot maxSlot(Hyperparameters h) {
        switch (h.amsGrad()) {
            case NONE -> {
                return null;
            }
            case MAX_OF_RAW_SECOND_MOMENT -> {
                return MAX_EXP_AVG_SQ;
            }
            case MAX_OF_BIAS_CORRECTED_SECOND_MOMENT -> {
                return NU_MAX;
            }
            default -> throw new IllegalStateException("Adam: unknown AMSGrad variant " + h.amsGrad());
        }
    }

    @Override
    protected void update(String parameterName, long t, double lr, double[] theta, double[] g, Buffers buffers) {
        double beta1 = hyper.beta1();
        double beta2 = hyper.beta2();
        double oneMinusBeta1 = 1.0 - beta1;
        double oneMinusBeta2 = 1.0 - beta2;
        double[] m = buffers.get(EXP_AVG);
        double[] v = buffers.get(EXP_AVG_SQ);
        Slot maxSlot = maxSlot(hyper);
        double[] max = maxSlot == null ? null : buffers.get(maxSlot);
        double bias1 = 1.0 - StrictMath.pow(beta1, t);
        double bias2 = 1.0 - StrictMath.pow(beta2, t);
        double eps = hyper.epsilon();
        int n = theta.length;
        if (max == null && hyper.epsilonForm() == EpsilonForm.ALGORITHM_1 && hyper.epsilonRoot() == 0.0) {
            // PyTorch's default form without AMSGrad, in one pass the JIT compiler can vectorise (no branch in the
            // loop): the same operations per coordinate as the general loops below, so the same bits; a bad
            // denominator (NaN, or <= 0 with epsilon = 0) makes the running minimum fail "> 0" and is reported
            // afterwards at its first coordinate, with the moments updated as the general loops leave them (the
            // updated copy of theta is discarded with the exception)
            double negStepSize = -(lr / bias1);
            double bias2Sqrt = Math.sqrt(bias2);
            double least = Double.POSITIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                double gk = g[k];
                double first = m[k] * beta1 + oneMinusBeta1 * gk;
                double second = v[k] * beta2 + (oneMinusBeta2 * gk) * gk;
                m[k] = first;
                v[k] = second;
                double den = Math.sqrt(second) / bias2Sqrt + eps;
                least = Math.min(least, den);
                theta[k] = theta[k] + (negStepSize * first) / den;
            }
            if (!(least > 0.0)) {
                int k = 0;
                while (Math.sqrt(v[k]) / bias2Sqrt + eps > 0.0) {
                    k++;
                }
                throw zeroDenominator(parameterName, k, Math.sqrt(v[k]) / bias2Sqrt + eps,
                        "sqrt(v) / sqrt(1 - beta2^t) + eps");
            }
            return;
        }
        for (int k = 0; k < n; k++) {
            double gk = g[k];
            m[k] = m[k] * beta1 + oneMinusBeta1 * gk;
            v[k] = v[k] * beta2 + (oneMinusBeta2 * gk) * gk;
        }
        if (hyper.epsilonForm() != EpsilonForm.ALGORITHM_1) {
            double lrT = hyper.epsilonForm() == EpsilonForm.EPSILON_HAT ? lr * Math.sqrt(bias2) / bias1 : lr;
            for (int k = 0; k < n; k++) {
                double second = v[k];
                if (max != null) {
                    second = Math.max(max[k], second);
                    max[k] = second;
                }
                double den = Math.sqrt(second) + eps;
                if (!(den > 0.0)) {
                    throw zeroDenominator(parameterName, k, den, "sqrt(v) + eps_hat");
                }
                theta[k] = theta[k] - (m[k] * lrT) / den;
            }
        } else if (hyper.epsilonRoot() == 0.0 && hyper.amsGrad() != AmsGrad.MAX_OF_BIAS_CORRECTED_SECOND_MOMENT) {
            double negStepSize = -(lr / bias1);
            double bias2Sqrt = Math.sqrt(bias2);
            for (int k = 0; k < n; k++) {
                double second = v[k];
                if (max != null) {
                    second = Math.max(max[k], second);
                    max[k] = second;
                }
                double den = Math.sqrt(second) / bias2Sqrt + eps;
                if (!(den > 0.0)) {
                    throw zeroDenominator(parameterName, k, den, "sqrt(v) / sqrt(1 - beta2^t) + eps");
                }
                theta[k] = theta[k] + (negStepSize * m[k]) / den;
            }
        } else {
            double epsRoot = hyper.epsilonRoot();
            boolean maxOfCorrected = hyper.amsGrad() == AmsGrad.MAX_OF_BIAS_CORRECTED_SECOND_MOMENT;
            double negLr = -lr;
            for (int k = 0; k < n; k++) {
                double mHat = m[k] / bias1;
                double vHat;
                if (max == null) {
                    vHat = v[k] / bias2;
                } else if (maxOfCorrected) {
                    vHat = Math.max(max[k], v[k] / bias2);
                    max[k] = vHat;
                } else {
                    double raw = Math.max(max[k], v[k]);
                    max[k] = raw;
                    vHat = raw / bias2;
                }
                double den = Math.sqrt(vHat + epsRoot) + eps;
                if (!(den > 0.0)) {
                    throw zeroDenominator(parameterName, k, den, "sqrt(v_hat + eps_root) + eps");
                }
                theta[k] = theta[k] + negLr * (mHat / den);
            }
        }
    }
}
