package io.github.dlref.train;

import io.github.dlref.optim.OptimizerFamily;

/**
 * The optimizers the app offers. The first seven are one per {@link OptimizerFamily} of {@code io.github.dlref.optim},
 * whose {@code Presets} hold every default; the others (NAdam, RAdam, Adamax, Adadelta, Rprop, ASGD) take their
 * defaults from their hyper-parameter records' framework factories ({@code NAdam.Hyperparameters.pytorch()},
 * {@code keras()}, {@code optax(lr)}, ...), which are the only place those defaults are written, and have no family
 * ({@link #hasFamily()} is {@code false}).
 *
 * <p>L-BFGS is not among them: it re-evaluates the loss several times per step through a closure, which the
 * mini-batch loop does not do ({@link OptimizerConfig#LBFGS_REFUSAL}).
 */
public enum OptimizerKind {
    /** Plain stochastic gradient descent, {@code theta -= lr g} ({@link OptimizerFamily#SGD}). */
    SGD(OptimizerFamily.SGD),
    /** SGD with momentum in the preset's momentum form ({@link OptimizerFamily#MOMENTUM}). */
    MOMENTUM(OptimizerFamily.MOMENTUM),
    /** SGD with Nesterov momentum ({@link OptimizerFamily#NESTEROV}). */
    NESTEROV(OptimizerFamily.NESTEROV),
    /** AdaGrad ({@link OptimizerFamily#ADAGRAD}). */
    ADAGRAD(OptimizerFamily.ADAGRAD),
    /** RMSprop ({@link OptimizerFamily#RMSPROP}). */
    RMSPROP(OptimizerFamily.RMSPROP),
    /** Adam, Kingma and Ba 2015 ({@link OptimizerFamily#ADAM}). */
    ADAM(OptimizerFamily.ADAM),
    /** AdamW: Adam with decoupled weight decay, Loshchilov and Hutter 2019 ({@link OptimizerFamily#ADAMW}). */
    ADAMW(OptimizerFamily.ADAMW),
    /**
     * NAdam, Adam with Nesterov momentum (Dozat 2016; {@code io.github.dlref.optim.NAdam}): the pytorch preset is
     * torch 1.13's form, keras Keras 3's {@code Nadam}, optax Optax's {@code nadam}.
     */
    NADAM(null),
    /** RAdam, rectified Adam (Liu et al. 2020; {@code io.github.dlref.optim.RAdam}): pytorch and optax presets. */
    RADAM(null),
    /**
     * Adamax, Adam with the infinity norm ({@code io.github.dlref.optim.Adamax}): pytorch, keras and optax presets.
     */
    ADAMAX(null),
    /** Adadelta (Zeiler 2012; {@code io.github.dlref.optim.Adadelta}): pytorch and keras presets. */
    ADADELTA(null),
    /** Rprop, PyTorch's iRprop- ({@code io.github.dlref.optim.Rprop}): PyTorch's form only. */
    RPROP(null),
    /** Averaged SGD ({@code io.github.dlref.optim.ASGD}): PyTorch's form only. */
    ASGD(null);

    private final OptimizerFamily family;

    OptimizerKind(OptimizerFamily family) {
        this.family = family;
    }

    /**
     * Whether this kind is one of optim's {@link OptimizerFamily}s (the seven original kinds).
     *
     * @return {@code true} for sgd, momentum, nesterov, adagrad, rmsprop, adam and adamw
     */
    public boolean hasFamily() {
        return family != null;
    }

    /**
     * The optim family this kind is.
     *
     * @return the family
     * @throws IllegalStateException for a kind without a family ({@link #hasFamily()} is {@code false})
     */
    public OptimizerFamily family() {
        if (family == null) {
            throw new IllegalStateException("optimizer: " + id() + " is not an optim OptimizerFamily");
        }
        return family;
    }

    /**
     * The kind's identifier, its name in lower case ({@code "nadam"}), as the command line and messages write it.
     *
     * @return the identifier
     */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
