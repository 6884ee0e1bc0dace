package io.github.dlref.optim;

import io.github.dlref.autograd.Parameter;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent, plain or with momentum in one of three {@link MomentumForm}s, optionally
 * Nesterov, with any {@link WeightDecay}. For every element of every parameter, with {@code g} the
 * gradient (after coupled weight decay), {@code lr} the current learning rate and {@code mu} the momentum:
 *
 * <ul>
 *   <li>no momentum ({@code mu = 0}): {@code theta <- theta - lr g}; no buffer.</li>
 *   <li>{@link MomentumForm#PYTORCH} (buffer {@code momentum_buffer}, PyTorch's state key):
 *       {@code b <- g} at the parameter's first step, else {@code b <- mu b + (1 - dampening) g};
 *       {@code d = g + mu b} (Nesterov) or {@code d = b}; {@code theta <- theta - lr d}. Arithmetic in
 *       the order of {@code torch.optim.SGD} ({@code _single_tensor_sgd}, torch 1.13):
 *       {@code b * mu + (1 - dampening) * g}, {@code theta + (-lr) * d}.</li>
 *   <li>{@link MomentumForm#HEAVY_BALL} (buffer {@code velocity}): {@code v <- mu v + lr g};
 *       {@code theta <- theta - v}, or with Nesterov {@code theta <- theta - (mu v + lr g)}. This is
 *       Keras 3's {@code SGD} ({@code m = m * mu - g * lr}; {@code w += m}, Nesterov
 *       {@code w += m * mu - g * lr}) with the sign of the buffer flipped, which changes no bit.</li>
 *   <li>{@link MomentumForm#EMA} (buffer {@code ema}): {@code v <- beta v + (1 - beta) g},
 *       {@code theta <- theta - lr v} (bp-optimizers, param-optimization); Nesterov is not defined for
 *       this form.</li>
 * </ul>
 *
 * <p>Matches: PyTorch {@code SGD} to the golden trajectories' tolerance (see {@link Hyperparameters#pytorch});
 * Optax {@code sgd(lr, momentum, nesterov)}, which is {@code trace} ({@code t = g + mu t}, {@code t_0 = 0})
 * then {@code scale(-lr)}: the PyTorch form with dampening 0 ({@link Hyperparameters#optax}); Keras 3
 * {@code SGD} ({@link Hyperparameters#keras}).
 *
 * <p>Example: PyTorch's {@code SGD(params, lr=0.1, momentum=0.9, nesterov=True, weight_decay=1e-4)} over a model's
 * parameters ({@code model} an {@code io.github.dlref.nn.Module}, {@code loss} an {@code io.github.dlref.nn.losses.Loss}),
 * and the same momentum in Keras's heavy-ball form:
 * <pre>{@code
 * SGD sgd = new SGD(model.parameters(), SGD.Hyperparameters.pytorch(0.1)
 *         .withMomentum(0.9).withNesterov(true).withWeightDecay(WeightDecay.coupledL2(1e-4)));
 * for (int step = 0; step < steps; step++) {
 *     sgd.zeroGrad();                                       // clear the previous step's gradients
 *     loss.forward(model.forward(x), labels).backward();    // accumulate this step's
 *     sgd.step();                                           // theta <- theta - lr (g + mu b)
 * }
 * Matrix b = sgd.state(sgd.parameters().get(0)).buffer("momentum_buffer");
 *
 * SGD keras = new SGD(model.parameters(), SGD.Hyperparameters.keras().withMomentum(0.9));   // buffer "velocity"
 * }</pre>
 */
public final class SGD extends BaseOptimizer {

    /** Keras 3 {@code SGD} default learning rate ({@code keras.optimizers.SGD(learning_rate=0.01)}). */
    public static final double KERAS_DEFAULT_LEARNING_RATE = 0.01;
    /** The momentum bp-optimizers recommends ("0.8 to 0.999 all work, default 0.9"). */
    public static final double BP_OPTIMIZERS_BETA = 0.9;
    /** The momentum decay param-optimization gives for SGD-M ({@code beta_1} "usually 0.9"). */
    public static final double PARAM_OPTIMIZATION_BETA1 = 0.9;

    /** PyTorch's momentum buffer {@code b} (state key {@code momentum_buffer}). */
    private static final Slot MOMENTUM_BUFFER = new Slot("momentum_buffer");
    /** Heavy-ball velocity {@code v}, in learning-rate units. */
    private static final Slot VELOCITY = new Slot("velocity");
    /** The documents' exponentially weighted average of the gradients. */
    private static final Slot EMA = new Slot("ema");

    private final Hyperparameters hyper;

    /**
     * Hyper-parameters of {@link SGD}.
     *
     * @param learningRate {@code lr}, finite, {@code >= 0}
     * @param momentum {@code mu} (the EMA form's {@code beta}), in {@code [0, 1)}; 0 means no momentum
     * @param form the momentum arithmetic
     * @param dampening PyTorch's dampening {@code tau}, in {@code [0, 1]}; must be 0 unless the form is
     *     {@link MomentumForm#PYTORCH}
     * @param nesterov Nesterov momentum: needs {@code momentum > 0}, dampening 0, and a form other than
     *     {@link MomentumForm#EMA}
     * @param weightDecay the weight decay
     */
    public record Hyperparameters(double learningRate, double momentum, MomentumForm form, double dampening,
            boolean nesterov, WeightDecay weightDecay) implements OptimizerHyperparameters {

        /**
         * Validates every hyper-parameter.
         *
         * @param learningRate {@code lr}
         * @param momentum {@code mu}
         * @param form the momentum arithmetic
         * @param dampening {@code tau}
         * @param nesterov Nesterov momentum
         * @param weightDecay the weight decay
         * @throws IllegalArgumentException naming the parameter, its value and the valid range
         */
        public Hyperparameters {
            Check.nonNegative("SGD", "learningRate", learningRate);
            Check.unitInterval("SGD", "momentum", momentum);
            Check.notNull("SGD", "form", form);
            Check.closedUnitInterval("SGD", "dampening", dampening);
            Check.notNull("SGD", "weightDecay", weightDecay);
            if (dampening != 0.0 && form != MomentumForm.PYTORCH) {
                throw new IllegalArgumentException("SGD: dampening must be 0 for the " + form
                        + " momentum form (it exists only in the PYTORCH form), got " + dampening);
            }
            if (nesterov) {
                if (momentum == 0.0 || dampening != 0.0) {
                    throw new IllegalArgumentException("SGD: Nesterov momentum requires momentum > 0 and "
                            + "dampening = 0, got momentum=" + momentum + ", dampening=" + dampening);
                }
                if (form == MomentumForm.EMA) {
                    throw new IllegalArgumentException("SGD: Nesterov momentum is defined for the PYTORCH and "
                            + "HEAVY_BALL forms, not EMA");
                }
            }
        }

        /**
         * PyTorch {@code torch.optim.SGD(params, lr)} defaults: momentum 0, dampening 0, no Nesterov, no
         * weight decay (torch 1.13 has no default learning rate). With momentum, the PyTorch form.
         *
         * @param learningRate {@code lr}
         * @return the hyper-parameters
         */
        public static Hyperparameters pytorch(double learningRate) {
            return new Hyperparameters(learningRate, 0.0, MomentumForm.PYTORCH, 0.0, false, WeightDecay.none());
        }

        /**
         * Keras 3 {@code keras.optimizers.SGD()} defaults: learning rate
         * {@value SGD#KERAS_DEFAULT_LEARNING_RATE}, momentum 0, no Nesterov; with momentum, the heavy-ball
         * form Keras uses.
         *
         * @return the hyper-parameters
         */
        public static Hyperparameters keras() {
            return new Hyperparameters(KERAS_DEFAULT_LEARNING_RATE, 0.0, MomentumForm.HEAVY_BALL, 0.0, false,
                    WeightDecay.none());
        }

        /**
         * Optax {@code optax.sgd(learning_rate)}: no momentum by default; with momentum, {@code trace}, which
         * is the PyTorch form with dampening 0.
         *
         * @param learningRate {@code lr}
         * @return the hyper-parameters
         */
        public static Hyperparameters optax(double learningRate) {
            return new Hyperparameters(learningRate, 0.0, MomentumForm.PYTORCH, 0.0, false, WeightDecay.none());
        }

        /**
         * bp-optimizers' gradient descent with momentum: {@code v = beta v + (1 - beta) dw},
         * {@code w -= alpha v}, {@code beta} = {@value SGD#BP_OPTIMIZERS_BETA}.
         *
         * @param learningRate {@code alpha}
         * @return the hyper-parameters
         */
        public static Hyperparameters bpOptimizers(double learningRate) {
            return new Hyperparameters(learningRate, BP_OPTIMIZERS_BETA, MomentumForm.EMA, 0.0, false,
                    WeightDecay.none());
        }

        /**
         * param-optimization's SGD with momentum: {@code m_t = beta_1 m_{t-1} + (1 - beta_1) g_t},
         * {@code theta_{t+1} = theta_t - alpha m_t}, {@code beta_1} = {@value SGD#PARAM_OPTIMIZATION_BETA1}.
         *
         * @param learningRate {@code alpha}
         * @return the hyper-parameters
         */
        public static Hyperparameters paramOptimization(double learningRate) {
            return new Hyperparameters(learningRate, PARAM_OPTIMIZATION_BETA1, MomentumForm.EMA, 0.0, false,
                    WeightDecay.none());
        }

        /**
         * dl-basics' momentum: {@code v_t = alpha v_{t-1} + eta_t g_t}, {@code W = W - v_t} (the document
         * gives {@code alpha in (0, 1)} and no default).
         *
         * @param learningRate {@code eta}
         * @param alpha the momentum, in {@code [0, 1)}
         * @return the hyper-parameters
         */
        public static Hyperparameters dlBasics(double learningRate, double alpha) {
            return new Hyperparameters(learningRate, alpha, MomentumForm.HEAVY_BALL, 0.0, false, WeightDecay.none());
        }

        @Override
        public String description() {
            StringBuilder sb = new StringBuilder();
            if (momentum == 0) {
                sb.append("plain SGD");
            } else if (form == MomentumForm.PYTORCH) {
                sb.append("PyTorch/Optax momentum SGD (b = mu b + (1 - dampening) g, theta -= lr b)");
            } else if (form == MomentumForm.HEAVY_BALL) {
                sb.append("heavy-ball momentum SGD (Keras, dl-basics: v = mu v + lr g, theta -= v)");
            } else {
                sb.append("EMA momentum SGD (bp-optimizers, param-optimization: v = beta v + (1 - beta) g)");
            }
            if (nesterov) {
                sb.append(", Nesterov");
            }
            sb.append(" [lr=").append(learningRate).append(", momentum=").append(momentum);
            if (dampening != 0) {
                sb.append(", dampening=").append(dampening);
            }
            return sb.append(weightDecay.describe()).append("]").toString();
        }

        @Override
        public Map<ConventionAxis, Enum<?>> conventions() {
            Map<ConventionAxis, Enum<?>> axes = new EnumMap<>(ConventionAxis.class);
            if (momentum > 0) {
                axes.put(ConventionAxis.MOMENTUM_FORM, form);
            }
            weightDecay.addConvention(axes);
            return Collections.unmodifiableMap(axes);
        }

        @Override
        public Hyperparameters canonical() {
            return momentum == 0.0 ? new Hyperparameters(learningRate, 0.0, MomentumForm.PYTORCH, dampening, false,
                    weightDecay) : this;
        }

        @Override
        public SGD create(List<Parameter> parameters) {
            return new SGD(parameters, this);
        }

        /**
         * A copy with another learning rate.
         *
         * @param value the learning rate
         * @return the hyper-parameters
         */
        public Hyperparameters withLearningRate(double value) {
            return new Hyperparameters(value, momentum, form, dampening, nesterov, weightDecay);
        }

        /**
         * A copy with another momentum.
         *
         * @param value the momentum
         * @return the hyper-parameters
         */
        public Hyperparameters withMomentum(double value) {
            return new Hyperparameters(learningRate, value, form, dampening, nesterov, weightDecay);
        }

        /**
         * A copy with another momentum form.
         *
         * @param value the form
         * @return the hyper-parameters
         */
        public Hyperparameters withForm(MomentumForm value) {
            return new Hyperparameters(learningRate, momentum, value, dampening, nesterov, weightDecay);
        }

        /**
         * A copy with another dampening.
         *
         * @param value the dampening
         * @return the hyper-parameters
         */
        public Hyperparameters withDampening(double value) {
            return new Hyperparameters(learningRate, momentum, form, value, nesterov, weightDecay);
        }

        /**
         * A copy with Nesterov momentum on or off.
         *
         * @param value whether to use Nesterov momentum
         * @return the hyper-parameters
         */
        public Hyperparameters withNesterov(boolean value) {
            return new Hyperparameters(learningRate, momentum, form, dampening, value, weightDecay);
        }

        /**
         * A copy with another weight decay.
         *
         * @param value the weight decay
         * @return the hyper-parameters
         */
        public Hyperparameters withWeightDecay(WeightDecay value) {
            return new Hyperparameters(learningRate, momentum, form, dampening, nesterov, value);
        }
    }

    /**
     * Creates the optimizer.
     *
     * @param parameters the parameters to update: non-empty, no parameter twice; names need not be unique (state is kept by position in this list, as PyTorch's {@code state_dict} does, and snapshots are matched by position, name and shape)
     * @param hyperparameters the hyper-parameters
     * @throws IllegalArgumentException on an invalid parameter list
     */
    public SGD(List<Parameter> parameters, Hyperparameters hyperparameters) {
        super("SGD", parameters, Check.notNull("SGD", "hyperparameters", hyperparameters),
                bufferNames(hyperparameters));
        this.hyper = hyperparameters;
    }

    private static List<Slot> bufferNames(Hyperparameters h) {
        return momentumSlot(h) == null ? List.of() : List.of(momentumSlot(h));
    }

    private static Slot momentumSlot(Hyperparameters h) {
        if (h.momentum() == 0.0) {
            return null;
        }
        return switch (h.form()) {
            case PYTORCH -> MOMENTUM_BUFFER;
            case HEAVY_BALL -> VELOCITY;
            case EMA -> EMA;
        };
    }

    @Override
    protected void update(String parameterName, long t, double lr, double[] theta, double[] g, Buffers buffers) {
        double mu = hyper.momentum();
        int n = theta.length;
        if (mu == 0.0) {
            double negLr = -lr;
            for (int k = 0; k < n; k++) {
                theta[k] = theta[k] + negLr * g[k];
            }
            return;
        }
        double[] buffer = buffers.get(momentumSlot(hyper));
        switch (hyper.form()) {
            case PYTORCH -> {
                double negLr = -lr;
                double keep = 1.0 - hyper.dampening();
                boolean first = t == 1;
                boolean nesterov = hyper.nesterov();
                for (int k = 0; k < n; k++) {
                    double b = first ? g[k] : buffer[k] * mu + keep * g[k];
                    buffer[k] = b;
                    double d = nesterov ? g[k] + mu * b : b;
                    theta[k] = theta[k] + negLr * d;
                }
            }
            case HEAVY_BALL -> {
                boolean nesterov = hyper.nesterov();
                for (int k = 0; k < n; k++) {
                    double v = mu * buffer[k] + lr * g[k];
                    buffer[k] = v;
                    theta[k] = nesterov ? theta[k] - (mu * v + lr * g[k]) : theta[k] - v;
                }
            }
            case EMA -> {
                double oneMinusBeta = 1.0 - mu;
                for (int k = 0; k < n; k++) {
                    double v = mu * buffer[k] + oneMinusBeta * g[k];
                    buffer[k] = v;
                    theta[k] = theta[k] - lr * v;
                }
            }
            default -> throw new IllegalStateException("SGD: unknown form " + hyper.form());
        }
    }
}
