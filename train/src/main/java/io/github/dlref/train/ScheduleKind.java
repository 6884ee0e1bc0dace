package io.github.dlref.train;

/**
 * The learning-rate schedules the app offers; each advances once per epoch (the rate of epoch {@code e}, counting
 * from 0, is set before its first step), as PyTorch's schedulers do when {@code scheduler.step()} is called at the
 * end of each epoch.
 */
public enum ScheduleKind {
    /** {@code lr(e) = lr0} ({@code Constant}). */
    CONSTANT,
    /** {@code lr(e) = lr0 gamma^floor(e / stepSize)} (PyTorch's {@code StepLR}; {@code StepDecay}). */
    STEP,
    /** {@code lr(e) = lr0 gamma^e} (PyTorch's {@code ExponentialLR}; {@code ExponentialDecay.perStep}). */
    EXPONENTIAL,
    /**
     * {@code lr(e) = lr0 / (1 + gamma e)}, bp-optimizers' learning-rate decay with {@code DecayRate = gamma}
     * ({@code InverseTimeDecay.bpOptimizers}).
     */
    INVERSE_TIME,
    /**
     * Cosine annealing from {@code lr0} to {@code minLearningRate} over the run's epochs (PyTorch's
     * {@code CosineAnnealingLR} with {@code T_max} = epochs; {@code CosineDecay.pytorch}).
     */
    COSINE,
    /**
     * {@code lr(e) = lr0 / (1 + gamma floor(e / stepSize))}, Keras's {@code InverseTimeDecay} with
     * {@code staircase=True} and {@code decay_steps = stepSize} ({@code StaircaseInverseTimeDecay}).
     */
    INVERSE_TIME_STAIRCASE,
    /**
     * The one-cycle policy over the run's epochs with {@code max_lr = lr0} (PyTorch's {@code OneCycleLR} with
     * {@code total_steps} = epochs, stepped per epoch, learning rate only; {@code OneCycle}).
     */
    ONE_CYCLE,
    /**
     * Cosine annealing with warm restarts every {@code T_i = stepSize T_mult^i} epochs, from {@code lr0} to
     * {@code minLearningRate} (PyTorch's {@code CosineAnnealingWarmRestarts}; {@code CosineWarmRestarts}).
     */
    COSINE_WARM_RESTARTS,
    /**
     * Cyclical learning rates between {@code minLearningRate} ({@code base_lr}) and {@code lr0} ({@code max_lr}),
     * rising for {@code stepSize} epochs (PyTorch's {@code CyclicLR}, learning rate only; {@code CyclicSchedule}).
     */
    CYCLIC,
    /**
     * Reduce on plateau: the rate is multiplied by {@code factor} when the monitored loss (the validation loss
     * when there is a validation set, else the epoch's training loss) has not improved for more than
     * {@code patience} epochs (PyTorch's {@code ReduceLROnPlateau}; {@code ReduceLearningRateOnPlateau}).
     */
    REDUCE_ON_PLATEAU
}
