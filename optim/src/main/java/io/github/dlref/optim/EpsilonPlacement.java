package io.github.dlref.optim;

/**
 * Where an adaptive optimizer adds its epsilon to the root of its second-moment estimate {@code s}.
 *
 * <p>The two placements differ by much more than rounding when {@code s} is comparable to epsilon: with
 * {@code s = 0} and epsilon {@code 1e-8}, {@link #OUTSIDE_SQRT} divides by {@code 1e-8} while
 * {@link #INSIDE_SQRT} divides by {@code 1e-4}.
 */
public enum EpsilonPlacement {
    /**
     * {@code sqrt(s) + eps}: PyTorch's {@code Adagrad} and {@code RMSprop}, the Adam paper's Algorithm 1,
     * and the Adam of bp-optimizers.
     */
    OUTSIDE_SQRT,
    /**
     * {@code sqrt(s + eps)}: Keras 3's {@code Adagrad} and {@code RMSprop}, Optax's {@code scale_by_rss} and
     * {@code scale_by_rms} (default {@code eps_in_sqrt=True}).
     */
    INSIDE_SQRT
}
