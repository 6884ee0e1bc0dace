/**
 * Learning-rate schedules as pure, closed-form functions of the step (or epoch) count
 * ({@link io.github.dlref.optim.schedule.LearningRateSchedule}), and the
 * {@link io.github.dlref.optim.schedule.LearningRateScheduler} that applies one to any
 * {@link io.github.dlref.optim.Optimizer}; {@link io.github.dlref.optim.schedule.GroupLearningRateScheduler}
 * applies one to every parameter group, and
 * {@link io.github.dlref.optim.schedule.ReduceLearningRateOnPlateau}, driven by a metric rather than the step
 * count, reduces the rate when the metric stops improving.
 *
 * <p>Counting convention: {@code t = 0, 1, 2, ...} is the number of completed scheduler steps, PyTorch's
 * {@code last_epoch} and the step count Keras and Optax pass to their schedules; the learning rate used
 * for the first update is {@code learningRate(0)}. Documents that count epochs from 1 (bp-optimizers'
 * {@code EpochNum}) use {@link io.github.dlref.optim.schedule.LearningRateSchedule#shifted(long)}.
 *
 * <p>Where to start: pick a schedule record by the framework's name for it
 * ({@link io.github.dlref.optim.schedule.StepDecay} for PyTorch's {@code StepLR},
 * {@link io.github.dlref.optim.schedule.CosineDecay#pytorch(double, long, double)} for
 * {@code CosineAnnealingLR}, {@link io.github.dlref.optim.schedule.InverseTimeDecay} for Keras's
 * {@code InverseTimeDecay}, ...), give it to a {@link io.github.dlref.optim.schedule.LearningRateScheduler}
 * with the optimizer, and call the scheduler's {@code step()} after each epoch (or each optimizer step, as the
 * schedule intends):
 *
 * <pre>{@code
 * LearningRateScheduler scheduler = new LearningRateScheduler(optimizer, CosineDecay.pytorch(0.1, 100, 0.0));
 * for (int epoch = 0; epoch < 100; epoch++) {
 *     trainOneEpoch(optimizer);
 *     scheduler.step();
 * }
 * }</pre>
 *
 * <p>Depends on {@code io.github.dlref.optim} (the {@code Optimizer} interface) only; must not depend on
 * {@code nn}, {@code data} or {@code verify}.
 */
package io.github.dlref.optim.schedule;
