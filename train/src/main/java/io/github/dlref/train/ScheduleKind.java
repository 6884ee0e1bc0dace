package io.github.dlref.train;

/** The learning-rate schedules the app offers; each advances once per epoch. */
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
    COSINE
}
