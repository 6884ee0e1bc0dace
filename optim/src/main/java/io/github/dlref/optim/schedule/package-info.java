/**
 * Learning-rate schedules as pure, closed-form functions of the step (or epoch) count
 * ({@link io.github.dlref.optim.schedule.LearningRateSchedule}), and the
 * {@link io.github.dlref.optim.schedule.LearningRateScheduler} that applies one to any
 * {@link io.github.dlref.optim.Optimizer}.
 *
 * <p>Counting convention: {@code t = 0, 1, 2, ...} is the number of completed scheduler steps, PyTorch's
 * {@code last_epoch} and the step count Keras and Optax pass to their schedules; the learning rate used
 * for the first update is {@code learningRate(0)}. Documents that count epochs from 1 (bp-optimizers'
 * {@code EpochNum}) use {@link io.github.dlref.optim.schedule.LearningRateSchedule#shifted(long)}.
 *
 * <p>Depends on {@code io.github.dlref.optim} (the {@code Optimizer} interface) only; must not depend on
 * {@code nn}, {@code data} or {@code verify}.
 */
package io.github.dlref.optim.schedule;
