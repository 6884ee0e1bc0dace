package io.github.dlref.train;

import io.github.dlref.optim.OptimizerFamily;

/**
 * The optimizers the app offers: one per {@link OptimizerFamily} of {@code io.github.dlref.optim}, whose
 * {@code Presets} hold every default.
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
    ADAMW(OptimizerFamily.ADAMW);

    private final OptimizerFamily family;

    OptimizerKind(OptimizerFamily family) {
        this.family = family;
    }

    /**
     * The optim family this kind is.
     *
     * @return the family
     */
    public OptimizerFamily family() {
        return family;
    }
}
