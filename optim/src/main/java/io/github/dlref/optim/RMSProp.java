package io.github.dlref.optim;

import io.github.dlref.autograd.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * RMSProp (Tieleman and Hinton 2012; centered variant Graves 2013): each element's step is divided by the
 * root of an exponentially weighted average of its squared gradients. With {@code g} the gradient (after
 * coupled weight decay), {@code rho} the {@link Hyperparameters#decay() decay} (PyTorch's {@code alpha},
 * Keras's {@code rho}, Optax's {@code decay}, bp-optimizers' {@code beta}):
 *
 * <pre>
 *   s   &lt;- rho s + (1 - rho) g * g                       (buffer square_avg, starts at initialSquareAverage)
 *   a   &lt;- rho a + (1 - rho) g                           (centered only; buffer grad_avg, starts at 0)
 *   x    = s - a * a  (centered)  or  s
 *   den  = sqrt(x) + eps  (OUTSIDE_SQRT)  or  sqrt(x + eps)  (INSIDE_SQRT)
 *   no momentum:  theta &lt;- theta - lr g / den
 *   PYTORCH momentum (buffer momentum_buffer):  b &lt;- mu b + g / den;        theta &lt;- theta - lr b
 *   HEAVY_BALL momentum (buffer velocity):      v &lt;- mu v + lr g / den;     theta &lt;- theta - v
 * </pre>
 *
 * <p>Arithmetic in the order of PyTorch's {@code _single_tensor_rmsprop} (torch 1.13):
 * {@code s * rho + ((1 - rho) * g) * g}, {@code a * rho + (1 - rho) * g}, {@code b * mu + g / den},
 * {@code theta + (-lr) * b} or {@code theta + ((-lr) * g) / den}. Keras 3's {@code RMSprop} is the
 * {@link Hyperparameters#keras()} form: epsilon inside the square root (also for the centered variant,
 * {@code sqrt(s - a^2 + eps)}), momentum accumulating learning-rate-scaled increments
 * ({@code m = mu m + lr g / sqrt(...)}, {@code theta -= m}); it writes {@code (1 - rho) * square(g)}, equal
 * in exact arithmetic. Optax's {@code rmsprop} chains {@code scale_by_rms} (epsilon inside by default,
 * {@code initial_scale}), {@code scale_by_learning_rate} and then {@code trace(momentum)}: the heavy-ball
 * form as well.
 *
 * <p>With {@code eps = 0} (the documents' form) an element whose gradients have all been 0 gives
 * {@code 0 / 0}: {@link #step()} then throws rather than writing NaN.
 *
 * <p>Example: PyTorch's {@code RMSprop(params, lr=1e-3, centered=True)} and Optax's {@code rmsprop(1e-3,
 * momentum=0.9)} (epsilon inside the square root, heavy-ball momentum), over a model's parameters:
 * <pre>{@code
 * RMSProp centered = new RMSProp(model.parameters(),
 *         RMSProp.Hyperparameters.pytorch().withLearningRate(1e-3).withCentered(true));   // buffers square_avg, grad_avg
 * RMSProp optax = new RMSProp(model.parameters(), RMSProp.Hyperparameters.optax(1e-3).withMomentum(0.9));
 *
 * centered.zeroGrad();
 * loss.forward(model.forward(x), labels).backward();
 * centered.step();
 * }</pre>
 */
public final class RMSProp extends BaseOptimizer {

    /**
     * The epsilon this project uses to correct the documents' epsilon-free RMSProp (bp-optimizers,
     * dl-basics): PyTorch's default, outside the square root, where bp-optimizers' own Adam puts its epsilon.
     */
    public static final double DOCUMENT_CORRECTION_EPSILON = 1e-8;

    /** The average {@code s} of squared gradients (PyTorch's state key {@code square_avg}). */
    private static final Slot SQUARE_AVG = new Slot("square_avg");
    /** The average {@code a} of gradients of the centered variant (PyTorch's {@code grad_avg}). */
    private static final Slot GRAD_AVG = new Slot("grad_avg");
    /** PyTorch's momentum buffer {@code b} ({@code momentum_buffer}). */
    private static final Slot MOMENTUM_BUFFER = new Slot("momentum_buffer");
    /** Heavy-ball velocity {@code v}, in learning-rate units (Keras, Optax). */
    private static final Slot VELOCITY = new Slot("velocity");

    private final Hyperparameters hyper;

    /**
     * Hyper-parameters of {@link RMSProp}.
     *
     * @param learningRate {@code lr}, finite, {@code >= 0}
     * @param decay {@code rho}, in {@code [0, 1)}
     * @param epsilon {@code eps}, finite, {@code >= 0}
     * @param epsilonPlacement where {@code eps} is added
     * @param centered divide by an estimate of the variance instead of the second moment
     * @param momentum {@code mu}, in {@code [0, 1)}; 0 means no momentum buffer
     * @param momentumForm {@link MomentumForm#PYTORCH} or {@link MomentumForm#HEAVY_BALL}
     * @param initialSquareAverage the starting value of {@code s} (Optax's {@code initial_scale}; PyTorch
     *     and Keras use 0), finite, {@code >= 0}
     * @param weightDecay the weight decay
     */
    public record Hyperparameters(double learningRate, double decay, double epsilon,
            EpsilonPlacement epsilonPlacement, boolean centered, double momentum, MomentumForm momentumForm,
            double initialSquareAverage, WeightDecay weightDecay) implements OptimizerHyperparameters {

        /**
         * Validates every hyper-parameter.
         *
         * @param learningRate {@code lr}
         * @param decay {@code rho}
         * @param epsilon {@code eps}
         * @param epsilonPlacement where {@code eps} is added
         * @param centered the centered variant
         * @param momentum {@code mu}
         * @param momentumForm the momentum arithmetic
         * @param initialSquareAverage the starting value of {@code s}
         * @param weightDecay the weight decay
         * @throws IllegalArgumentException naming the parameter, its value and the valid range
         */
        public Hyperparameters {
            Check.nonNegative("RMSProp", "learningRate", learningRate);
            Check.unitInterval("RMSProp", "decay", decay);
            Check.nonNegative("RMSProp", "epsilon", epsilon);
            Check.notNull("RMSProp", "epsilonPlacement", epsilonPlacement);
            Check.unitInterval("RMSProp", "momentum", momentum);
            Check.notNull("RMSProp", "momentumForm", momentumForm);
            if (momentumForm == MomentumForm.EMA) {
                throw new IllegalArgumentException("RMSProp: momentumForm must be PYTORCH or HEAVY_BALL, got EMA");
            }
            Check.nonNegative("RMSProp", "initialSquareAverage", initialSquareAverage);
            Check.notNull("RMSProp", "weightDecay", weightDecay);
        }

        /**
         * PyTorch {@code torch.optim.RMSprop} defaults: lr 0.01, alpha 0.99, eps 1e-8 outside the square root,
         * not centered, momentum 0 (PyTorch form when set), weight_decay 0.
         *
         * @return the hyper-parameters
         */
        public static Hyperparameters pytorch() {
            return new Hyperparameters(0.01, 0.99, 1e-8, EpsilonPlacement.OUTSIDE_SQRT, false, 0.0,
                    MomentumForm.PYTORCH, 0.0, WeightDecay.none());
        }

        /**
         * Keras 3 {@code keras.optimizers.RMSprop} defaults: learning_rate 0.001, rho 0.9, epsilon 1e-7 inside
         * the square root, not centered, momentum 0 (heavy-ball form when set).
         *
         * @return the hyper-parameters
         */
        public static Hyperparameters keras() {
            return new Hyperparameters(0.001, 0.9, 1e-7, EpsilonPlacement.INSIDE_SQRT, false, 0.0,
                    MomentumForm.HEAVY_BALL, 0.0, WeightDecay.none());
        }

        /**
         * Optax {@code optax.rmsprop(learning_rate)} defaults: decay 0.9, eps 1e-8 inside the square root,
         * initial_scale 0, not centered, no momentum (heavy-ball form when set, since Optax traces the
         * learning-rate-scaled update).
         *
         * @param learningRate {@code lr}
         * @return the hyper-parameters
         */
        public static Hyperparameters optax(double learningRate) {
            return new Hyperparameters(learningRate, 0.9, 1e-8, EpsilonPlacement.INSIDE_SQRT, false, 0.0,
                    MomentumForm.HEAVY_BALL, 0.0, WeightDecay.none());
        }

        /**
         * bp-optimizers' RMSprop ({@code S = beta S + (1 - beta) dw ⊙ dw}, {@code w -= alpha dw / sqrt(S)}),
         * corrected with {@value RMSProp#DOCUMENT_CORRECTION_EPSILON} outside the square root;
         * {@code withEpsilon(0)} gives the form as written. The document gives no default {@code beta}.
         *
         * @param learningRate {@code alpha}
         * @param beta the decay, in {@code [0, 1)}
         * @return the hyper-parameters
         */
        public static Hyperparameters bpOptimizers(double learningRate, double beta) {
            return new Hyperparameters(learningRate, beta, DOCUMENT_CORRECTION_EPSILON, EpsilonPlacement.OUTSIDE_SQRT,
                    false, 0.0, MomentumForm.PYTORCH, 0.0, WeightDecay.none());
        }

        /**
         * dl-basics' RMSProp ({@code s_t = alpha s_{t-1} + (1 - alpha) g_t ⊙ g_t},
         * {@code W = W - eta / sqrt(s_t) g_t}; the document writes {@code h_t} in the update, see
         * {@code docs/errata.md}), corrected like {@link #bpOptimizers(double, double)}.
         *
         * @param learningRate {@code eta}
         * @param alpha the decay, in {@code [0, 1)}
         * @return the hyper-parameters
         */
        public static Hyperparameters dlBasics(double learningRate, double alpha) {
            return bpOptimizers(learningRate, alpha);
        }

        @Override
        public String description() {
            StringBuilder sb = new StringBuilder(epsilonPlacement == EpsilonPlacement.OUTSIDE_SQRT
                    ? "RMSProp with eps outside the sqrt (PyTorch)" : "RMSProp with eps inside the sqrt (Keras, Optax)");
            if (centered) {
                sb.append(", centered");
            }
            if (momentum > 0) {
                sb.append(momentumForm == MomentumForm.PYTORCH ? ", PyTorch momentum (b = mu b + g / den)"
                        : ", heavy-ball momentum (Keras, Optax: v = mu v + lr g / den)");
            }
            sb.append(" [lr=").append(learningRate).append(", alpha=").append(decay).append(", eps=")
                    .append(epsilon);
            if (initialSquareAverage != 0) {
                sb.append(", initial_scale=").append(initialSquareAverage);
                if (initialSquareAverage == epsilon) {
                    sb.append(" (starts at eps: DL4J)");
                }
            }
            return sb.append(weightDecay.describe()).append("]").toString();
        }

        @Override
        public Map<ConventionAxis, Enum<?>> conventions() {
            Map<ConventionAxis, Enum<?>> axes = new EnumMap<>(ConventionAxis.class);
            if (momentum > 0) {
                axes.put(ConventionAxis.MOMENTUM_FORM, momentumForm);
            }
            axes.put(ConventionAxis.EPSILON_PLACEMENT, epsilonPlacement);
            weightDecay.addConvention(axes);
            return Collections.unmodifiableMap(axes);
        }

        @Override
        public Hyperparameters canonical() {
            return momentum == 0.0 ? new Hyperparameters(learningRate, decay, epsilon, epsilonPlacement, centered, 0.0,
                    MomentumForm.PYTORCH, initialSquareAverage, weightDecay) : this;
        }

        @Override
        public RMSProp create(List<Parameter> parameters) {
            return new RMSProp(parameters, this);
        }

        /**
         * A copy with another learning rate.
         *
         * @param value the learning rate
         * @return the hyper-parameters
         */
        public Hyperparameters withLearningRate(double value) {
            return new Hyperparameters(value, decay, epsilon, epsilonPlacement, centered, momentum, momentumForm,
                    initialSquareAverage, weightDecay);
        }

        /**
         * A copy with another decay.
         *
         * @param value {@code rho}
         * @return the hyper-parameters
         */
        public Hyperparameters withDecay(double value) {
            return new Hyperparameters(learningRate, value, epsilon, epsilonPlacement, centered, momentum,
                    momentumForm, initialSquareAverage, weightDecay);
        }

        /**
         * A copy with another epsilon.
         *
         * @param value the epsilon
         * @return the hyper-parameters
         */
        public Hyperparameters withEpsilon(double value) {
            return new Hyperparameters(learningRate, decay, value, epsilonPlacement, centered, momentum, momentumForm,
                    initialSquareAverage, weightDecay);
        }

        /**
         * A copy with another epsilon placement.
         *
         * @param value the placement
         * @return the hyper-parameters
         */
        public Hyperparameters withEpsilonPlacement(EpsilonPlacement value) {
            return new Hyperparameters(learningRate, decay, epsilon, value, centered, momentum, momentumForm,
                    initialSquareAverage, weightDecay);
        }

        /**
         * A copy with the centered variant on or off.
         *
         * @param value whether to center
         * @return the hyper-parameters
         */
        public Hyperparameters withCentered(boolean value) {
            return new Hyperparameters(learningRate, decay, epsilon, epsilonPlacement, value, momentum, momentumForm,
                    initialSquareAverage, weightDecay);
        }

        /**
         * A copy with another momentum.
         *
         * @param value {@code mu}
         * @return the hyper-parameters
         */
        public Hyperparameters withMomentum(double value) {
            return new Hyperparameters(learningRate, decay, epsilon, epsilonPlacement, centered, value, momentumForm,
                    initialSquareAverage, weightDecay);
        }

        /**
         * A copy with another momentum form.
         *
         * @param value {@link MomentumForm#PYTORCH} or {@link MomentumForm#HEAVY_BALL}
         * @return the hyper-parameters
         */
        public Hyperparameters withMomentumForm(MomentumForm value) {
            return new Hyperparameters(learningRate, decay, epsilon, epsilonPlacement, centered, momentum, value,
                    initialSquareAverage, weightDecay);
        }

        /**
         * A copy with another initial square average.
         *
         * @param value the starting value of {@code s}
         * @return the hyper-parameters
         */
        public Hyperparameters withInitialSquareAverage(double value) {
            return new Hyperparameters(learningRate, decay, epsilon, epsilonPlacement, centered, momentum,
                    momentumForm, value, weightDecay);
        }

        /**
         * A copy with another weight decay.
         *
         * @param value the weight decay
         * @return the hyper-parameters
         */
        public Hyperparameters withWeightDecay(WeightDecay value) {
            return new Hyperparameters(learningRate, decay, epsilon, epsilonPlacement, centered, momentum,
                    momentumForm, initialSquareAverage, value);
        }
    }

    /**
     * Creates the optimizer.
     *
     * @param parameters the parameters to update: non-empty, no parameter twice; names need not be unique (state is kept by position in this list, as PyTorch's {@code state_dict} does, and snapshots are matched by position, name and shape)
     * @param hyperparameters the hyper-parameters
     * @throws IllegalArgumentException on an invalid parameter list
     */
    public RMSProp(List<Parameter> parameters, Hyperparameters hyperparameters) {
        super("RMSProp", parameters, Check.notNull("RMSProp", "hyperparameters", hyperparameters),
                bufferNames(hyperparameters), initialValues(hyperparameters));
        this.hyper = hyperparameters;
    }

    private static List<Slot> bufferNames(Hyperparameters h) {
        List<Slot> names = new ArrayList<>();
        names.add(SQUARE_AVG);
        if (h.centered()) {
            names.add(GRAD_AVG);
        }
        if (h.momentum() > 0.0) {
            names.add(h.momentumForm() == MomentumForm.PYTORCH ? MOMENTUM_BUFFER : VELOCITY);
        }
        return names;
    }

    private static double[] initialValues(Hyperparameters h) {
        double[] values = new double[bufferNames(h).size()];
        values[0] = h.initialSquareAverage();
        return values;
    }

    @Override
    protected void update(String parameterName, long t, double lr, double[] theta, double[] g, Buffers buffers) {
        double rho = hyper.decay();
        double oneMinusRho = 1.0 - rho;
        double eps = hyper.epsilon();
        boolean outside = hyper.epsilonPlacement() == EpsilonPlacement.OUTSIDE_SQRT;
        boolean centered = hyper.centered();
        double mu = hyper.momentum();
        boolean pytorchMomentum = hyper.momentumForm() == MomentumForm.PYTORCH;
        double[] squareAvg = buffers.get(SQUARE_AVG);
        double[] gradAvg = centered ? buffers.get(GRAD_AVG) : null;
        double[] momentumBuffer = mu > 0.0 ? buffers.get(pytorchMomentum ? MOMENTUM_BUFFER : VELOCITY) : null;
        double negLr = -lr;
        for (int k = 0; k < theta.length; k++) {
            double gk = g[k];
            double s = squareAvg[k] * rho + (oneMinusRho * gk) * gk;
            squareAvg[k] = s;
            double x = s;
            if (centered) {
                double a = gradAvg[k] * rho + oneMinusRho * gk;
                gradAvg[k] = a;
                x = s - a * a;
            }
            double den = outside ? Math.sqrt(x) + eps : Math.sqrt(x + eps);
            if (!(den > 0.0)) {
                throw zeroDenominator(parameterName, k, den, centered ? "sqrt(s - a^2) + eps" : "sqrt(s) + eps");
            }
            if (momentumBuffer == null) {
                theta[k] = theta[k] + (negLr * gk) / den;
            } else if (pytorchMomentum) {
                double b = momentumBuffer[k] * mu + gk / den;
                momentumBuffer[k] = b;
                theta[k] = theta[k] + negLr * b;
            } else {
                double v = mu * momentumBuffer[k] + (lr * gk) / den;
                momentumBuffer[k] = v;
                theta[k] = theta[k] - v;
            }
        }
    }
}
