package io.github.dlref.optim.schedule;

/**
 * A learning rate as a pure function of the step count {@code t >= 0} (see the package documentation for
 * the counting convention). Implementations are immutable records that validate their parameters at
 * construction and their argument at every call.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * The learning rate after {@code step} completed steps.
     *
     * @param step {@code t >= 0}
     * @return the learning rate, finite and {@code >= 0} for the implementations of this package
     * @throws IllegalArgumentException if {@code step < 0} (or outside the schedule's domain, named in the
     *     message)
     */
    double learningRate(long step);

    /**
     * This schedule read {@code offset} steps later: {@code s.shifted(k).learningRate(t) =
     * s.learningRate(t + k)}. {@code shifted(1)} turns a formula written for epochs counted from 1 (as in
     * bp-optimizers' {@code alpha0 / (1 + DecayRate * EpochNum)}) into one for {@code t} counted from 0.
     *
     * @param offset {@code k >= 0}
     * @return the shifted schedule
     * @throws IllegalArgumentException if {@code offset < 0}
     */
    default LearningRateSchedule shifted(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("LearningRateSchedule.shifted: offset must be >= 0, got " + offset);
        }
        LearningRateSchedule self = this;
        return step -> self.learningRate(Steps.check("shifted", step) + offset);
    }
}
