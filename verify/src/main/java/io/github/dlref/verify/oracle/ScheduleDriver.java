package io.github.dlref.verify.oracle;

import io.github.dlref.data.Batch;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.optim.Optimizer;
import io.github.dlref.optim.schedule.GroupLearningRateScheduler;
import io.github.dlref.optim.schedule.ReduceLearningRateOnPlateau;
import io.github.dlref.train.Trainer;
import io.github.dlref.verify.oracle.spec.ClippingOptimizer;
import io.github.dlref.verify.oracle.spec.Component;
import io.github.dlref.verify.oracle.spec.GroupedOptimizer;
import io.github.dlref.verify.oracle.spec.Spec;
import io.github.dlref.verify.oracle.spec.SpecBuilders;
import io.github.dlref.verify.oracle.spec.TrainingTools;
import java.util.List;

/**
 * Drives the learning rates of a run whose schedule the trainer's one-optimizer scheduler cannot drive: a
 * {@code reduce_on_plateau} schedule, and any schedule over parameter groups (package-private, used by
 * {@link Runner}).
 *
 * <ul>
 *   <li>{@code reduce_on_plateau} ({@link ReduceLearningRateOnPlateau}, acting on every group): with
 *       {@code "interval": "epoch"} (its default), after every complete epoch with the mean of the losses of that
 *       epoch's steps (the trajectory's {@code loss}: data loss plus penalties, before each step's update, summed
 *       in batch order and divided by the number of batches), as in PyTorch's usual loop
 *       {@code scheduler.step(epoch_loss)}; with {@code "interval": "step"}, after every step with that step's
 *       loss. An epoch cut short by the step limit is not monitored.</li>
 *   <li>any other schedule with parameter groups ({@link GroupLearningRateScheduler#fromInitialRates}): each
 *       group follows the schedule from its own initial rate, advanced after every step or every complete epoch as
 *       its {@code interval} says.</li>
 * </ul>
 * In both cases the rates change after the step has been recorded, as the trainer's own scheduler does.
 */
final class ScheduleDriver {

    private final ReduceLearningRateOnPlateau plateau;
    private final GroupLearningRateScheduler groupScheduler;
    private final boolean perEpoch;
    private double epochLossSum;
    private int epochSteps;

    private ScheduleDriver(ReduceLearningRateOnPlateau plateau, GroupLearningRateScheduler groupScheduler,
            boolean perEpoch) {
        this.plateau = plateau;
        this.groupScheduler = groupScheduler;
        this.perEpoch = perEpoch;
    }

    /**
     * Whether a spec needs this driver rather than the trainer's scheduler.
     *
     * @param spec the spec
     * @return {@code true} for a {@code reduce_on_plateau} schedule or parameter groups
     */
    static boolean needed(Spec spec) {
        return TrainingTools.isPlateau(spec.schedule()) || TrainingTools.hasGroups(spec.optimizer());
    }

    /**
     * The driver of a spec's schedule over the run's optimizer.
     *
     * @param spec the spec ({@link #needed} holds)
     * @param optimizer the run's optimizer ({@link TrainingTools#optimizer})
     * @return the driver
     */
    static ScheduleDriver create(Spec spec, Optimizer optimizer) {
        Optimizer base = optimizer instanceof ClippingOptimizer c ? c.inner() : optimizer;
        if (spec.schedule().isEmpty()) {
            return new ScheduleDriver(null, null, false);
        }
        Component s = spec.schedule().get();
        boolean perEpoch = "epoch".equals(s.choice("interval"));
        if (TrainingTools.isPlateau(spec.schedule())) {
            List<Optimizer> targets = base instanceof GroupedOptimizer g ? g.groups().groups() : List.of(base);
            return new ScheduleDriver(new ReduceLearningRateOnPlateau(targets, TrainingTools.plateau(s)), null,
                    perEpoch);
        }
        GroupedOptimizer grouped = (GroupedOptimizer) base;
        return new ScheduleDriver(null, GroupLearningRateScheduler.fromInitialRates(grouped.groups(),
                lr -> SpecBuilders.schedule(s, lr)), perEpoch);
    }

    /**
     * An observer that passes every event to {@code inner} and, after each recorded step, advances the per-step
     * schedules (or accumulates the epoch's losses).
     *
     * @param inner the recorder
     * @return the observer
     */
    Trainer.StepObserver observing(Trainer.StepObserver inner) {
        return new Trainer.StepObserver() {
            @Override
            public void lossComputed(long step, Batch batch, Tensor dataLoss, Tensor objective) {
                inner.lossComputed(step, batch, dataLoss, objective);
            }

            @Override
            public void gradientsComputed(long step, Batch batch) {
                inner.gradientsComputed(step, batch);
            }

            @Override
            public void stepFinished(Trainer.StepResult result) {
                inner.stepFinished(result);
                stepDone(result.objective().item());
            }
        };
    }

    private void stepDone(double loss) {
        if (perEpoch) {
            epochLossSum += loss;
            epochSteps++;
        } else if (plateau != null) {
            plateau.step(loss);
        } else if (groupScheduler != null) {
            groupScheduler.step();
        }
    }

    /** After a complete epoch: the per-epoch schedules advance (the plateau with the epoch's mean loss). */
    void epochFinished() {
        if (perEpoch) {
            if (plateau != null) {
                plateau.step(epochLossSum / epochSteps);
            } else if (groupScheduler != null) {
                groupScheduler.step();
            }
        }
        epochLossSum = 0.0;
        epochSteps = 0;
    }
}
