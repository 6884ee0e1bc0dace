package io.github.dlref.optim;

/**
 * The axes along which frameworks and documents give the same optimizer name different arithmetic (see
 * {@code docs/conventions.md} and {@code docs/optimizers.md}). {@link OptimizerHyperparameters#conventions()}
 * reports, for a given set of hyper-parameters, the value of every axis it uses.
 */
public enum ConventionAxis {
    /**
     * Where epsilon is added to the root of the second moment, an {@link EpsilonPlacement}: PyTorch outside,
     * Keras and Optax inside ({@link AdaGrad} and {@link RMSProp}).
     */
    EPSILON_PLACEMENT,
    /**
     * The momentum recurrence, a {@link MomentumForm}: PyTorch's buffer, heavy-ball velocity or the documents'
     * EMA ({@link SGD} and {@link RMSProp}, when the momentum is not 0).
     */
    MOMENTUM_FORM,
    /**
     * Adam's epsilon, an {@link Adam.EpsilonForm}: Algorithm 1 (PyTorch, Optax) or "epsilon hat" (Keras).
     */
    EPSILON_FORM,
    /**
     * Which second moment AMSGrad keeps the maximum of, an {@link Adam.AmsGrad}: the raw {@code v} (PyTorch,
     * Keras) or the bias-corrected {@code v_hat} (Optax); used only when AMSGrad is on.
     */
    AMSGRAD_FORM,
    /**
     * The form of weight decay, a {@link WeightDecay.Kind}: coupled L2 (PyTorch {@code weight_decay}),
     * decoupled (AdamW, Keras) or decoupled unscaled (dl-basics); used only when the coefficient is not 0.
     */
    WEIGHT_DECAY_FORM,
    /**
     * NAdam's arithmetic, a {@link NAdam.Form}: torch 1.13's, Dozat's (PyTorch 2), Keras's momentum schedule
     * {@code 0.96^t} or Optax's schedule-free look-ahead ({@link NAdam}).
     */
    NADAM_FORM,
    /**
     * RAdam's threshold test and epsilon, a {@link RAdam.Form}: PyTorch ({@code rho_t > 5}, epsilon on the raw
     * root) or Optax ({@code rho_t >= 5}, epsilon on the bias-corrected root) ({@link RAdam}).
     */
    RADAM_FORM,
    /**
     * Adamax's epsilon, an {@link Adamax.Form}: PyTorch (and Optax) inside the maximum,
     * {@code max(beta2 u, |g| + eps)}, or Keras after it, {@code m / (max(beta2 u, |g|) + eps)} ({@link Adamax}).
     */
    ADAMAX_FORM
}
