package io.github.dlref.optim.schedule;

import java.util.List;

/**
 * Decay at given milestones: {@code lr(t) = initial * gamma^k} where {@code k} is the number of milestones
 * {@code <= t} (PyTorch's {@code MultiStepLR} closed form, {@code base_lr * gamma ** bisect_right(milestones,
 * last_epoch)}).
 *
 * @param initial the learning rate before the first milestone, finite, {@code >= 0}
 * @param milestones strictly increasing steps {@code >= 1} (copied)
 * @param gamma the factor at each milestone, finite, {@code >= 0}
 */
public record MultiStepDecay(double initial, List<Long> milestones, double gamma) implements LearningRateSchedule {

    /**
     * Validates and copies the parameters.
     *
     * @param initial the initial learning rate
     * @param milestones the milestones
     * @param gamma the factor at each milestone
     * @throws IllegalArgumentException naming the parameter, its value and the valid range
     */
    public MultiStepDecay {
        Steps.nonNegative("MultiStepDecay", "initial", initial);
        if (milestones == null) {
            throw new IllegalArgumentException("MultiStepDecay: milestones must not be null");
        }
        milestones = List.copyOf(milestones);
        long previous = 0;
        for (int i = 0; i < milestones.size(); i++) {
            long m = milestones.get(i);
            if (m <= previous) {
                throw new IllegalArgumentException("MultiStepDecay: milestones must be strictly increasing and >= 1,"
                        + " got " + milestones + " (element " + i + ")");
            }
            previous = m;
        }
        Steps.nonNegative("MultiStepDecay", "gamma", gamma);
    }

    @Override
    public double learningRate(long step) {
        Steps.check("MultiStepDecay", step);
        int passed = 0;
        for (long m : milestones) {
            if (m <= step) {
                passed++;
            }
        }
        return initial * StrictMath.pow(gamma, passed);
    }
}
