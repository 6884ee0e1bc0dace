package io.github.dlref.train;

/** The optimizers the app offers (each maps to an {@code io.github.dlref.optim} class). */
public enum OptimizerKind {
    /** Plain stochastic gradient descent, {@code theta -= lr g} ({@code SGD}, momentum 0). */
    SGD,
    /** SGD with momentum ({@code SGD}; momentum 0.9 unless given), in the preset's momentum form. */
    MOMENTUM,
    /** SGD with Nesterov momentum ({@code SGD} with {@code nesterov}; momentum 0.9 unless given). */
    NESTEROV,
    /** AdaGrad ({@code AdaGrad}). */
    ADAGRAD,
    /** RMSprop ({@code RMSProp}). */
    RMSPROP,
    /** Adam ({@code Adam}, Kingma and Ba 2015). */
    ADAM,
    /** AdamW: Adam with decoupled weight decay (Loshchilov and Hutter 2019; {@code Adam} with a decoupled decay). */
    ADAMW
}
