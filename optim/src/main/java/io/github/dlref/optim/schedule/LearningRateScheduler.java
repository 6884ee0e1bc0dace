package io.github.dlref.optim.schedule;

import io.github.dlref.optim.Optimizer;
import java.util.Objects;

/**
 * Drives an {@link Optimizer}'s learning rate with a {@link LearningRateSchedule}, like a PyTorch
 * {@code torch.optim.lr_scheduler} object: construction sets the rate to {@code schedule(t0)}, and each
 * {@link #step()} (called after the optimizer's step, once per step or per epoch as the schedule intends)
 * advances {@code t} and sets {@code schedule(t)}.
 *
 * <p>Unlike PyTorch's chainable schedulers, which multiply the optimizer's current rate by a factor each
 * step (so rounding accumulates, and other changes to the rate carry over), this sets the closed form
 * directly: the rate after {@code t} steps is exactly {@code schedule.learningRate(t)}. The two agree to
 * a few units in the last place; the golden tests compare both.
 *
 * <p>Example: PyTorch's {@code StepLR(optimizer, step_size=30, gamma=0.1)}, stepped once per epoch, and the
 * same schedule resumed after 60 epochs:
 * <pre>{@code
 * SGD sgd = new SGD(model.parameters(), SGD.Hyperparameters.pytorch(0.1).withMomentum(0.9));
 * LearningRateScheduler scheduler = new LearningRateScheduler(sgd, new StepDecay(0.1, 30, 0.1));
 * for (int epoch = 0; epoch < 90; epoch++) {
 *     trainOneEpoch(sgd);         // zeroGrad, backward, sgd.step() per batch, at sgd.learningRate()
 *     scheduler.step();           // lr = 0.1 * 0.1^floor((epoch + 1) / 30)
 * }
 * LearningRateScheduler resumed = new LearningRateScheduler(sgd, new StepDecay(0.1, 30, 0.1), 60);   // lr 0.001
 * }</pre>
 */
public final class LearningRateScheduler {

    private final Optimizer optimizer;
    private final LearningRateSchedule schedule;
    private long step;

    /**
     * Starts at {@code t = 0} and sets the optimizer's learning rate to {@code schedule(0)}.
     *
     * @param optimizer the optimizer whose learning rate is driven
     * @param schedule the schedule
     * @throws IllegalArgumentException if the schedule's value is not a valid learning rate
     */
    public LearningRateScheduler(Optimizer optimizer, LearningRateSchedule schedule) {
        this(optimizer, schedule, 0);
    }

    /**
     * Starts at {@code t = startStep} (to resume a run) and sets the learning rate to
     * {@code schedule(startStep)}.
     *
     * @param optimizer the optimizer whose learning rate is driven
     * @param schedule the schedule
     * @param startStep the number of scheduler steps already taken, {@code >= 0}
     * @throws IllegalArgumentException if {@code startStep < 0} or the schedule's value is not a valid
     *     learning rate
     */
    public LearningRateScheduler(Optimizer optimizer, LearningRateSchedule schedule, long startStep) {
        this.optimizer = Objects.requireNonNull(optimizer, "LearningRateScheduler: optimizer must not be null");
        this.schedule = Objects.requireNonNull(schedule, "LearningRateScheduler: schedule must not be null");
        this.step = Steps.check("LearningRateScheduler", startStep);
        apply();
    }

    private void apply() {
        optimizer.setLearningRate(schedule.learningRate(step));
    }

    /** Advances {@code t} by one and sets the optimizer's learning rate to {@code schedule(t)}. */
    public void step() {
        step++;
        apply();
    }

    /**
     * The number of scheduler steps taken, {@code t}.
     *
     * @return {@code t}
     */
    public long currentStep() {
        return step;
    }

    /**
     * The learning rate set for the optimizer's next step, {@code schedule(t)}.
     *
     * @return the learning rate
     */
    public double currentLearningRate() {
        return schedule.learningRate(step);
    }
}
