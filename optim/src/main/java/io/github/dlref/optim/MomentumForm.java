package io.github.dlref.optim;

/**
 * The arithmetic of a momentum buffer. The same word names three different recurrences; with
 * {@code g_t} the gradient, {@code mu} the momentum coefficient and {@code lr} the learning rate:
 *
 * <ul>
 *   <li>{@link #PYTORCH}: {@code b_1 = g_1}, {@code b_t = mu b_{t-1} + (1 - dampening) g_t},
 *       {@code theta -= lr b_t}. The buffer holds gradients (no learning rate), so a new learning rate
 *       rescales all past momentum at once. Optax's {@code trace} ({@code t = g + mu t}, starting at 0)
 *       is this form with dampening 0.</li>
 *   <li>{@link #HEAVY_BALL}: {@code v_t = mu v_{t-1} + lr g_t}, {@code theta -= v_t} (Polyak; Sutskever et
 *       al. 2013; dl-basics writes {@code v_t = alpha v_{t-1} + eta_t g_t}, {@code W = W - v_t}). The
 *       buffer holds learning-rate-scaled steps. Keras 3's {@code SGD} keeps {@code -v} instead
 *       ({@code v = mu v - lr g}, {@code w = w + v}), which is the same arithmetic with the sign of the
 *       buffer flipped: negation is exact, so the results are identical bit for bit.</li>
 *   <li>{@link #EMA}: {@code v_0 = 0}, {@code v_t = beta v_{t-1} + (1 - beta) g_t}, {@code theta -= lr v_t}:
 *       the exponentially weighted average of bp-optimizers ("gradient descent with momentum") and
 *       param-optimization (SGD-M). No bias correction.</li>
 * </ul>
 *
 * <p>Under a constant learning rate {@link #PYTORCH} (dampening 0) and {@link #HEAVY_BALL} give the same
 * trajectory ({@code v_t = lr b_t}); {@link #EMA} equals {@link #PYTORCH} with
 * {@code momentum = dampening = beta} except for PyTorch's undamped first step, a buffer difference of
 * {@code beta^t g_1}. See {@code docs/optimizers.md} and the tests that prove both, with the cases where
 * they break.
 */
public enum MomentumForm {
    /** PyTorch's {@code torch.optim.SGD} buffer, with dampening and the undamped first step. */
    PYTORCH,
    /** Heavy-ball velocity in learning-rate units (dl-basics, Keras with the sign flipped). */
    HEAVY_BALL,
    /** Exponentially weighted average of the gradients (bp-optimizers, param-optimization). */
    EMA
}
