package io.github.dlref.optim;

/**
 * How an optimizer shrinks the parameters towards zero, applied by every optimizer of this package before
 * its own update, with {@code theta} the parameter, {@code g} its gradient, {@code lr} the current learning
 * rate and {@code lambda} the {@link #coefficient()}:
 *
 * <ul>
 *   <li>{@link Kind#NONE}: nothing.</li>
 *   <li>{@link Kind#COUPLED_L2}: {@code g <- g + lambda theta} (computed as {@code g + lambda * theta}),
 *       before the optimizer sees the gradient. This is PyTorch's {@code weight_decay} argument of
 *       {@code SGD}, {@code Adagrad}, {@code RMSprop} and {@code Adam}: the gradient of the loss term
 *       {@code (lambda / 2) ||theta||^2}.</li>
 *   <li>{@link Kind#DECOUPLED}: {@code theta <- theta (1 - lr lambda)} (computed as
 *       {@code theta * (1 - lr * lambda)}), then the optimizer's update: PyTorch's {@code AdamW}
 *       ({@code param.mul_(1 - lr * weight_decay)}, Loshchilov and Hutter 2019). Keras 3 applies the same
 *       decay before the update as {@code theta - theta * lambda * lr}, and Optax's {@code adamw} adds
 *       {@code lambda theta} to the Adam update before scaling by {@code -lr}; both are equal to this form
 *       in exact arithmetic and may differ from it in the last bit.</li>
 *   <li>{@link Kind#DECOUPLED_UNSCALED}: {@code theta <- theta (1 - lambda)}, then the update: dl-basics'
 *       {@code theta_t = (1 - beta) theta_{t-1} - alpha g_t} (for plain SGD) and the right-hand side of
 *       param-optimization's derivation {@code theta_{t+1} = theta_t - alpha grad f - lambda theta_t}.</li>
 * </ul>
 *
 * <p>For plain SGD with learning rate {@code alpha}, {@link Kind#COUPLED_L2} with coefficient
 * {@code lambda / alpha} (the loss term {@code lambda / (2 alpha) ||theta||^2} of param-optimization) and
 * {@link Kind#DECOUPLED_UNSCALED} with {@code lambda} are the same update; for Adam they are not, because
 * Adam divides the L2 gradient by its second-moment estimate (see {@code docs/optimizers.md}).
 *
 * @param kind the form
 * @param coefficient {@code lambda}: {@code >= 0}, finite; 0 for {@link Kind#NONE}; in {@code [0, 1)} for
 *     {@link Kind#DECOUPLED_UNSCALED}
 */
public record WeightDecay(Kind kind, double coefficient) {

    /** The forms of weight decay; see {@link WeightDecay}. */
    public enum Kind {
        /** No weight decay. */
        NONE,
        /** L2 penalty added to the gradient (PyTorch {@code weight_decay}). */
        COUPLED_L2,
        /** Learning-rate-scaled decoupled decay (PyTorch {@code AdamW}, Keras {@code weight_decay}). */
        DECOUPLED,
        /** Decoupled decay not scaled by the learning rate (dl-basics, param-optimization). */
        DECOUPLED_UNSCALED
    }

    private static final WeightDecay NO_DECAY = new WeightDecay(Kind.NONE, 0.0);

    /**
     * Validates the coefficient for the kind.
     *
     * @param kind the form
     * @param coefficient {@code lambda}
     * @throws IllegalArgumentException naming the value and the valid range
     */
    public WeightDecay {
        Check.notNull("WeightDecay", "kind", kind);
        Check.nonNegative("WeightDecay", "coefficient", coefficient);
        if (kind == Kind.NONE && coefficient != 0.0) {
            throw new IllegalArgumentException("WeightDecay: coefficient must be 0 for kind NONE, got "
                    + coefficient);
        }
        if (kind == Kind.DECOUPLED_UNSCALED) {
            Check.unitInterval("WeightDecay", "coefficient (DECOUPLED_UNSCALED)", coefficient);
        }
    }

    /**
     * No weight decay.
     *
     * @return the {@link Kind#NONE} decay
     */
    public static WeightDecay none() {
        return NO_DECAY;
    }

    /**
     * L2 penalty added to the gradient, {@code g + lambda theta} (PyTorch's {@code weight_decay}).
     *
     * @param lambda the gradient coefficient, {@code >= 0}
     * @return the decay
     */
    public static WeightDecay coupledL2(double lambda) {
        return new WeightDecay(Kind.COUPLED_L2, lambda);
    }

    /**
     * The coupled L2 decay that corresponds to the loss term {@code c ||theta||^2}: its gradient is
     * {@code 2 c theta}, so this is {@code coupledL2(2 c)}. param-optimization's
     * {@code lambda / (2 alpha) ||theta||^2} is {@code fromL2LossCoefficient(lambda / (2 alpha))}.
     *
     * @param lossCoefficient {@code c >= 0}
     * @return {@code coupledL2(2 c)}
     */
    public static WeightDecay fromL2LossCoefficient(double lossCoefficient) {
        Check.nonNegative("WeightDecay", "lossCoefficient", lossCoefficient);
        return coupledL2(2.0 * lossCoefficient);
    }

    /**
     * Decoupled decay scaled by the learning rate, {@code theta (1 - lr lambda)} (PyTorch's {@code AdamW}).
     *
     * @param lambda the coefficient, {@code >= 0}
     * @return the decay
     */
    public static WeightDecay decoupled(double lambda) {
        return new WeightDecay(Kind.DECOUPLED, lambda);
    }

    /**
     * Decoupled decay not scaled by the learning rate, {@code theta (1 - beta)} (dl-basics).
     *
     * @param beta the decay per step, in {@code [0, 1)}
     * @return the decay
     */
    public static WeightDecay decoupledUnscaled(double beta) {
        return new WeightDecay(Kind.DECOUPLED_UNSCALED, beta);
    }

    /**
     * The weight-decay part of {@link OptimizerHyperparameters#description()}: empty for no decay, else a
     * comma-led phrase naming the form and its source.
     */
    String describe() {
        return switch (kind) {
            case COUPLED_L2 -> ", L2 weight decay " + coefficient + " added to the gradient (PyTorch weight_decay)";
            case DECOUPLED -> ", decoupled weight decay " + coefficient + " (AdamW, Keras)";
            case DECOUPLED_UNSCALED -> ", unscaled decoupled decay " + coefficient + " (dl-basics)";
            default -> "";
        };
    }

    /**
     * Adds the {@link ConventionAxis#WEIGHT_DECAY_FORM} axis when the coefficient is not 0.
     */
    void addConvention(java.util.Map<ConventionAxis, Enum<?>> axes) {
        if (coefficient > 0) {
            axes.put(ConventionAxis.WEIGHT_DECAY_FORM, kind);
        }
    }
}
