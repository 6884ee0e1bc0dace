package io.github.dlref.optim.schedule;

import io.github.dlref.optim.Optimizer;
import io.github.dlref.optim.ParameterGroups;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A schedule for every parameter group, as PyTorch's schedulers act on every {@code param_group}: one
 * {@link LearningRateSchedule} per group, applied as {@link LearningRateScheduler} applies one (construction sets
 * each group's rate to its {@code schedule(0)}; {@link #step()} advances {@code t} and sets {@code schedule(t)}).
 *
 * <p>{@link #fromInitialRates} builds each group's schedule from the group's own initial learning rate (its
 * hyper-parameters' {@code learningRate()}, PyTorch's {@code initial_lr} / {@code base_lrs}), so
 * {@code lr -> new StepDecay(lr, 3, 0.5)} halves every group's rate from where that group started. Schedules
 * with their own peak (one-cycle, cyclic) take one schedule per group, as PyTorch takes a list of
 * {@code max_lr}.
 *
 * <pre>{@code
 * GroupLearningRateScheduler s = GroupLearningRateScheduler.fromInitialRates(groups, lr -> new StepDecay(lr, 3, 0.5));
 * for (int step = 0; step < steps; step++) {
 *     groups.zeroGrad(); backward(); groups.step();
 *     s.step();
 * }
 * }</pre>
 */
public final class GroupLearningRateScheduler {

    private final List<LearningRateScheduler> schedulers;

    /**
     * One schedule per group.
     *
     * @param groups the parameter groups
     * @param schedules one schedule per group, in group order
     * @throws IllegalArgumentException if an argument is null or the counts differ, or a schedule's first value
     *     is not a valid learning rate
     */
    public GroupLearningRateScheduler(ParameterGroups groups, List<LearningRateSchedule> schedules) {
        if (groups == null || schedules == null) {
            throw new IllegalArgumentException("GroupLearningRateScheduler: groups and schedules must not be null");
        }
        List<Optimizer> optimizers = groups.groups();
        if (schedules.size() != optimizers.size()) {
            throw new IllegalArgumentException("GroupLearningRateScheduler: expected one schedule per group ("
                    + optimizers.size() + "), got " + schedules.size());
        }
        List<LearningRateScheduler> out = new ArrayList<>();
        for (int g = 0; g < optimizers.size(); g++) {
            if (schedules.get(g) == null) {
                throw new IllegalArgumentException("GroupLearningRateScheduler: schedule " + g + " is null");
            }
            out.add(new LearningRateScheduler(optimizers.get(g), schedules.get(g)));
        }
        this.schedulers = List.copyOf(out);
    }

    /**
     * Each group's schedule built from that group's initial learning rate.
     *
     * @param groups the parameter groups
     * @param schedule from a group's initial rate to its schedule
     * @return the scheduler
     * @throws IllegalArgumentException if an argument is null or the factory returns null
     */
    public static GroupLearningRateScheduler fromInitialRates(ParameterGroups groups,
            DoubleFunction<LearningRateSchedule> schedule) {
        if (groups == null || schedule == null) {
            throw new IllegalArgumentException("GroupLearningRateScheduler: groups and schedule must not be null");
        }
        List<LearningRateSchedule> schedules = new ArrayList<>();
        for (Optimizer o : groups.groups()) {
            schedules.add(schedule.apply(o.hyperparameters().learningRate()));
        }
        return new GroupLearningRateScheduler(groups, schedules);
    }

    /** Advances {@code t} by one and sets every group's rate to its {@code schedule(t)}. */
    public void step() {
        for (LearningRateScheduler s : schedulers) {
            s.step();
        }
    }

    /**
     * The number of steps taken, {@code t}.
     *
     * @return {@code t}
     */
    public long currentStep() {
        return schedulers.get(0).currentStep();
    }
}
