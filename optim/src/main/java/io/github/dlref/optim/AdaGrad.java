package io.github.dlref.optim;

import io.github.dlref.autograd.Parameter;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * AdaGrad (Duchi, Hazan and Singer 2011): each element's step is divided by the root of the sum of its
 * squared gradients. With {@code g} the gradient (after coupled weight decay), {@code t} the parameter's
 * step count and {@code s} the accumulator (buffer {@code sum}, PyTorch's state key, starting at
 * {@code initialAccumulatorValue}):
 *
 * <pre>
 *   clr = lr / (1 + (t - 1) lrDecay)
 *   s  &lt;- s + g * g
 *   theta &lt;- theta - clr g / (sqrt(s) + eps)      (OUTSIDE_SQRT)
 *   theta &lt;- theta - clr g / sqrt(s + eps)        (INSIDE_SQRT)
 * </pre>
 *
 * <p>Arithmetic in the order of PyTorch's {@code _single_tensor_adagrad} (torch 1.13):
 * {@code s + g * g}, then {@code theta + ((-clr) * g) / std}. Keras 3's {@code Adagrad}
 * ({@code theta - (lr * g) / sqrt(s + eps)}) is the same arithmetic with {@link EpsilonPlacement#INSIDE_SQRT};
 * Optax's {@code scale_by_rss} multiplies by {@code rsqrt(s + eps)} where {@code s > 0} (and by 0 where
 * {@code s = 0}), equal in exact arithmetic. The "{@code ·}" of dl-basics ({@code h_t = h_{t-1} + g_t · g_t},
 * called an inner product there) is the elementwise square used here; see {@code docs/errata.md}.
 *
 * <p>With {@code eps = 0} (the documents' form) an element whose gradients have all been 0 gives
 * {@code 0 / 0}: {@link #step()} then throws rather than writing NaN.
 *
 * <p>Example: PyTorch's {@code Adagrad(params, lr=0.05)} and Keras 3's {@code Adagrad} (accumulator from 0.1,
 * epsilon 1e-7 inside the square root), over a model's parameters:
 * <pre>{@code
 * AdaGrad adaGrad = new AdaGrad(model.parameters(), AdaGrad.Hyperparameters.pytorch().withLearningRate(0.05));
 * AdaGrad keras = new AdaGrad(model.parameters(), AdaGrad.Hyperparameters.keras());
 *
 * adaGrad.zeroGrad();
 * loss.forward(model.forward(x), labels).backward();
 * adaGrad.step();
 * Matrix s = adaGrad.state(adaGrad.parameters().get(0)).buffer("sum");   // g * g after the first step
 * }</pre>
 */
public final class AdaGrad extends BaseOptimizer {

    /**
     * The epsilon this project uses to correct the documents' epsilon-free AdaGrad (dl-basics,
     * param-optimization): PyTorch's default, outside the square root.
     */
    public static final double DOCUMENT_CORRECTION_EPSILON = 1e-10;

    /** The accumulator {@code s} of squared gradients (PyTorch's state key {@code sum}). */
    private static final Slot SUM = new Slot("sum");

    private final Hyperparameters hyper;

    /**
     * Hyper-parameters of {@link AdaGrad}.
     *
     * @param learningRate {@code lr}, finite, {@code >= 0}
     * @param learningRateDecay PyTorch's {@code lr_decay}, finite, {@code >= 0}
     * @param initialAccumulatorValue the accumulator's starting value, finite, {@code >= 0}
     * @param epsilon {@code eps}, finite, {@code >= 0}
     * @param epsilonPlacement where {@code eps} is added
     * @param weightDecay the weight decay
     */
    public record Hyperparameters(double learningRate, double learningRateDecay, double initialAccumulatorValue,
            double epsilon, EpsilonPlacement epsilonPlacement, WeightDecay weightDecay)
            implements OptimizerHyperparameters {

        /**
         * Validates every hyper-parameter.
         *
         * @param learningRate {@code lr}
         * @param learningRateDecay {@code lr_decay}
         * @param initialAccumulatorValue the accumulator's starting value
         * @param epsilon {@code eps}
         * @param epsilonPlacement where {@code eps} is added
         * @param weightDecay the weight decay
         * @throws IllegalArgumentException naming the parameter, its value and the valid range
         */
        public Hyperparameters {
            Check.nonNegative("AdaGrad", "learningRate", learningRate);
            Check.nonNegative("AdaGrad", "learningRateDecay", learningRateDecay);
            Check.nonNegative("AdaGrad", "initialAccumulatorValue", initialAccumulatorValue);
            Check.nonNegative("AdaGrad", "epsilon", epsilon);
            Check.notNull("AdaGrad", "epsilonPlacement", epsilonPlacement);
            Check.notNull("AdaGrad", "weightDecay", weightDecay);
        }

        /**
         * PyTorch {@code torch.optim.Adagrad} defaults: lr 0.01, lr_decay 0, initial_accumulator_value 0,
         * eps 1e-10 outside the square root, weight_decay 0.
         *
         * @return the hyper-parameters
         */
        public static Hyperparameters pytorch() {
            return new Hyperparameters(0.01, 0.0, 0.0, 1e-10, EpsilonPlacement.OUTSIDE_SQRT, WeightDecay.none());
        }

        /**
         * Keras 3 {@code keras.optimizers.Adagrad} defaults: learning_rate 0.001,
         * initial_accumulator_value 0.1, epsilon 1e-7 inside the square root.
         *
         * @return the hyper-parameters
         */
        public static Hyperparameters keras() {
            return new Hyperparameters(0.001, 0.0, 0.1, 1e-7, EpsilonPlacement.INSIDE_SQRT, WeightDecay.none());
        }

        /**
         * Optax {@code optax.adagrad(learning_rate)} defaults: initial_accumulator_value 0.1, eps 1e-7 inside
         * the square root.
         *
         * @param learningRate {@code lr}
         * @return the hyper-parameters
         */
        public static Hyperparameters optax(double learningRate) {
            return new Hyperparameters(learningRate, 0.0, 0.1, 1e-7, EpsilonPlacement.INSIDE_SQRT,
                    WeightDecay.none());
        }

        /**
         * dl-basics' AdaGrad ({@code h_t = h_{t-1} + g_t ⊙ g_t}, {@code W = W - eta / sqrt(h_t) g_t},
         * accumulator from 0), corrected with {@value AdaGrad#DOCUMENT_CORRECTION_EPSILON} outside the square
         * root; {@code withEpsilon(0)} gives the form as written.
         *
         * @param learningRate {@code eta}
         * @return the hyper-parameters
         */
        public static Hyperparameters dlBasics(double learningRate) {
            return new Hyperparameters(learningRate, 0.0, 0.0, DOCUMENT_CORRECTION_EPSILON,
                    EpsilonPlacement.OUTSIDE_SQRT, WeightDecay.none());
        }

        /**
         * param-optimization's AdaGrad ({@code V_t = sum_i g_i^2}, {@code theta_{t+1} = theta_t - alpha /
         * sqrt(V_t) g_t}), corrected like {@link #dlBasics(double)}; {@code withEpsilon(0)} gives the form as
         * written.
         *
         * @param learningRate {@code alpha}
         * @return the hyper-parameters
         */
        public static Hyperparameters paramOptimization(double learningRate) {
            return dlBasics(learningRate);
        }

        @Override
        public String description() {
            StringBuilder sb = new StringBuilder(epsilonPlacement == EpsilonPlacement.OUTSIDE_SQRT
                    ? "AdaGrad with eps outside the sqrt (PyTorch)" : "AdaGrad with eps inside the sqrt (Keras, Optax)");
            sb.append(" [lr=").append(learningRate).append(", eps=").append(epsilon)
                    .append(", initial_accumulator_value=").append(initialAccumulatorValue);
            if (initialAccumulatorValue == epsilon && epsilon > 0) {
                sb.append(" (starts at eps: DL4J)");
            }
            if (learningRateDecay != 0) {
                sb.append(", lr_decay=").append(learningRateDecay);
            }
            return sb.append(weightDecay.describe()).append("]").toString();
        }

        @Override
        public Map<ConventionAxis, Enum<?>> conventions() {
            Map<ConventionAxis, Enum<?>> axes = new EnumMap<>(ConventionAxis.class);
            axes.put(ConventionAxis.EPSILON_PLACEMENT, epsilonPlacement);
            weightDecay.addConvention(axes);
            return Collections.unmodifiableMap(axes);
        }

        @Override
        public Hyperparameters canonical() {
            return this;
        }

        @Override
        public AdaGrad create(List<Parameter> parameters) {
            return new AdaGrad(parameters, this);
        }

        /**
         * A copy with another learning rate.
         *
         * @param value the learning rate
         * @return the hyper-parameters
         */
        public Hyperparameters withLearningRate(double value) {
            return new Hyperparameters(value, learningRateDecay, initialAccumulatorValue, epsilon, epsilonPlacement,
                    weightDecay);
        }

        /**
         * A copy with another learning-rate decay.
         *
         * @param value the decay
         * @return the hyper-parameters
         */
        public Hyperparameters withLearningRateDecay(double value) {
            return new Hyperparameters(learningRate, value, initialAccumulatorValue, epsilon, epsilonPlacement,
                    weightDecay);
        }

        /**
         * A copy with another initial accumulator value.
         *
         * @param value the initial value
         * @return the hyper-parameters
         */
        public Hyperparameters withInitialAccumulatorValue(double value) {
            return new Hyperparameters(learningRate, learningRateDecay, value, epsilon, epsilonPlacement, weightDecay);
        }

        /**
         * A copy with another epsilon.
         *
         * @param value the epsilon
         * @return the hyper-parameters
         */
        public Hyperparameters withEpsilon(double value) {
            return new Hyperparameters(learningRate, learningRateDecay, initialAccumulatorValue, value,
                    epsilonPlacement, weightDecay);
        }

        /**
         * A copy with another epsilon placement.
         *
         * @param value the placement
         * @return the hyper-parameters
         */
        public Hyperparameters withEpsilonPlacement(EpsilonPlacement value) {
            return new Hyperparameters(learningRate, learningRateDecay, initialAccumulatorValue, epsilon, value,
                    weightDecay);
        }

        /**
         * A copy with another weight decay.
         *
         * @param value the weight decay
         * @return the hyper-parameters
         */
        public Hyperparameters withWeightDecay(WeightDecay value) {
            return new Hyperparameters(learningRate, learningRateDecay, initialAccumulatorValue, epsilon,
                    epsilonPlacement, value);
        }
    }

    /**
     * Creates the optimizer.
     *
     * @param parameters the parameters to update: non-empty, no parameter twice; names need not be unique (state is kept by position in this list, as PyTorch's {@code state_dict} does, and snapshots are matched by position, name and shape)
     * @param hyperparameters the hyper-parameters
     * @throws IllegalArgumentException on an invalid parameter list
     */
    public AdaGrad(List<Parameter> parameters, Hyperparameters hyperparameters) {
        super("AdaGrad", parameters, Check.notNull("AdaGrad", "hyperparameters", hyperparameters),
                List.of(SUM), new double[] {hyperparameters.initialAccumulatorValue()});
        this.hyper = hyperparameters;
    }

    @Override
    protected void update(String parameterName, long t, double lr, double[] theta, double[] g, Buffers buffers) {
        double[] sum = buffers.get(SUM);
        double clr = lr / (1 + (t - 1) * hyper.learningRateDecay());
        double negClr = -clr;
        double eps = hyper.epsilon();
        boolean outside = hyper.epsilonPlacement() == EpsilonPlacement.OUTSIDE_SQRT;
        for (int k = 0; k < theta.length; k++) {
            double s = sum[k] + g[k] * g[k];
            sum[k] = s;
            double std = outside ? Math.sqrt(s) + eps : Math.sqrt(s + eps);
            if (!(std > 0.0)) {
                throw zeroDenominator(parameterName, k, std, "sqrt(sum) + eps");
            }
            theta[k] = theta[k] + (negClr * g[k]) / std;
        }
    }
}
