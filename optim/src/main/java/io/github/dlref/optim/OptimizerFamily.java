package io.github.dlref.optim;

/**
 * The optimizers {@link Presets} yields hyper-parameters for. Each family is one optimizer class with a fixed
 * choice of its switches; the preset decides the arithmetic within it.
 */
public enum OptimizerFamily {
    /** Plain stochastic gradient descent, {@code theta -= lr g}: {@link SGD} with momentum 0. */
    SGD,
    /** SGD with momentum in the preset's {@link MomentumForm}: {@link SGD}. */
    MOMENTUM,
    /** SGD with Nesterov momentum: {@link SGD} with {@code nesterov} (frameworks only). */
    NESTEROV,
    /** AdaGrad (Duchi, Hazan and Singer 2011): {@link AdaGrad}. */
    ADAGRAD,
    /** RMSProp (Tieleman and Hinton 2012): {@link RMSProp}. */
    RMSPROP,
    /** Adam (Kingma and Ba 2015): {@link Adam}. */
    ADAM,
    /** AdamW, Adam with decoupled weight decay (Loshchilov and Hutter 2019): {@link Adam} (frameworks only). */
    ADAMW
}
