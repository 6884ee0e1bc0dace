package io.github.dlref.train;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.data.Batch;
import io.github.dlref.data.DataLoader;
import io.github.dlref.nn.Module;
import io.github.dlref.nn.regularization.Penalty;
import io.github.dlref.optim.Optimizer;
import io.github.dlref.optim.schedule.LearningRateScheduler;
import java.util.List;
import java.util.Objects;

/**
 * The one training loop of the project: the training procedure of the dl-optimization document (PyTorch's loop),
 * used by {@link TrainingRun}, by the oracle's runner ({@code io.github.dlref.verify.oracle.Runner}) and by library
 * users.
 *
 * <p>One step on a mini-batch {@code (X, y)}, in this order and with nothing else in between:
 * <ol>
 *   <li>zero the gradients of the model's parameters (and of the optimizer-side parameters of the
 *       {@link ParameterBinding});</li>
 *   <li>forward: {@code prediction = model(X)} ({@code Tensor.constant(batch.features())}, in whatever mode the
 *       model is in);</li>
 *   <li>{@code dataLoss = loss(prediction, batch)}, then {@code objective = ((dataLoss + p_1) + p_2) + ...} with
 *       the penalties {@code p_k = penalty_k(model)} added left to right in list order;</li>
 *   <li>{@link StepObserver#lossComputed}, then {@code objective.backward()}, then
 *       {@link StepObserver#gradientsComputed} (which sees the gradients as {@code backward()} left them);</li>
 *   <li>with a {@link ClippingConfig}, the model's gradients are clipped in place
 *       ({@link ClippingConfig#apply}, over {@link ParameterBinding#modelParameters()}), as PyTorch's
 *       {@code clip_grad_norm_} between {@code loss.backward()} and {@code optimizer.step()} and Keras's and Optax's
 *       clipping of the gradients before the update;</li>
 *   <li>the optimizer step through the binding ({@link ParameterBinding#step(Optimizer)}) with the learning rate
 *       the optimizer holds; an {@link ArithmeticException} it throws becomes an {@link OptimizerStepException}
 *       naming the step;</li>
 *   <li>{@link StepObserver#stepFinished}; then, with {@link ScheduleInterval#STEP}, the scheduler advances.</li>
 * </ol>
 * {@link #epoch(DataLoader.Epoch, long, StepObserver)} runs the steps of an epoch's batches in order and, with
 * {@link ScheduleInterval#EPOCH}, advances the scheduler after the epoch only if every batch of it was run (a
 * step limit reached mid-epoch does not count as a complete epoch, as in the oracle's spec format).
 *
 * <p>The loop holds no randomness of its own: the loader's permutations, the dropout masks and the initial
 * weights come from the generators of the pieces it is given, so the same pieces give the same numbers, bit for
 * bit. It never prints; callers observe it through a {@link StepObserver}.
 *
 * <p>Use (a model, a loader and an optimizer over the binding's parameters):
 * <pre>{@code
 * ParameterBinding binding = new ParameterBinding(model);
 * Optimizer optimizer = binding.bind(params -> new Adam(params, Adam.Hyperparameters.pytorch()));
 * CrossEntropyLoss loss = new CrossEntropyLoss();
 * Trainer trainer = new Trainer(model, binding, optimizer,
 *         (prediction, batch, step) -> loss.forward(prediction, batch.labels()), List.of(), null,
 *         Trainer.ScheduleInterval.EPOCH);
 * for (int e = 0; e < epochs; e++) {
 *     trainer.epoch(loader.nextEpoch(), Long.MAX_VALUE, Trainer.StepObserver.NONE);
 * }
 * }</pre>
 */
public final class Trainer {

    /** When the learning-rate scheduler advances. */
    public enum ScheduleInterval {
        /** After every optimizer step (Keras' step-based schedules, Optax). */
        STEP,
        /** After every complete epoch (PyTorch's {@code scheduler.step()} at the end of an epoch). */
        EPOCH
    }

    /**
     * The data loss of a mini-batch: a differentiable {@code 1 x 1} tensor of the prediction.
     */
    @FunctionalInterface
    public interface DataLoss {

        /**
         * Computes the data loss.
         *
         * @param prediction the model's output for {@code batch.features()}, {@code N x K}
         * @param batch the batch (labels, targets or one-hot rows, as the loss needs)
         * @param step the step being computed, counting from 1 over the trainer's life
         * @return the loss, {@code 1 x 1}
         */
        Tensor compute(Tensor prediction, Batch batch, long step);
    }

    /**
     * Sees the inside of each step (all methods do nothing by default). An observer may throw to stop the loop;
     * the exception propagates unchanged.
     */
    public interface StepObserver {

        /** An observer that ignores everything. */
        StepObserver NONE = new StepObserver() {
        };

        /**
         * The objective is computed, before {@code backward()} (the app refuses a non-finite loss here).
         *
         * @param step the step, counting from 1
         * @param batch the batch
         * @param dataLoss the data loss
         * @param objective the data loss plus the penalties
         */
        default void lossComputed(long step, Batch batch, Tensor dataLoss, Tensor objective) {
        }

        /**
         * {@code backward()} is done and the model's parameters hold this step's gradients; the optimizer has not
         * stepped yet.
         *
         * @param step the step, counting from 1
         * @param batch the batch
         */
        default void gradientsComputed(long step, Batch batch) {
        }

        /**
         * The optimizer has stepped (the scheduler has not advanced yet).
         *
         * @param result what the step computed
         */
        default void stepFinished(StepResult result) {
        }
    }

    /**
     * What one step computed.
     *
     * @param step the step, counting from 1 over the trainer's life
     * @param batch the batch
     * @param learningRate the learning rate the optimizer used for this step
     * @param prediction the model's output (before the step's update)
     * @param dataLoss the data loss
     * @param objective the data loss plus the penalties (what was differentiated)
     */
    public record StepResult(long step, Batch batch, double learningRate, Tensor prediction, Tensor dataLoss,
            Tensor objective) {

        /**
         * Validates.
         *
         * @param step the step
         * @param batch the batch
         * @param learningRate the learning rate
         * @param prediction the prediction
         * @param dataLoss the data loss
         * @param objective the objective
         */
        public StepResult {
            Objects.requireNonNull(batch, "StepResult: batch must not be null");
            Objects.requireNonNull(prediction, "StepResult: prediction must not be null");
            Objects.requireNonNull(dataLoss, "StepResult: dataLoss must not be null");
            Objects.requireNonNull(objective, "StepResult: objective must not be null");
        }
    }

    private final Module model;
    private final ParameterBinding binding;
    private final Optimizer optimizer;
    private final DataLoss loss;
    private final List<Penalty> penalties;
    private final LearningRateScheduler scheduler;
    private final ScheduleInterval interval;
    private final ClippingConfig clipping;
    private long stepsTaken;

    /**
     * Assembles a loop.
     *
     * @param model the model to train
     * @param binding the model's parameters bound to {@code optimizer} ({@link ParameterBinding})
     * @param optimizer an optimizer over {@code binding.optimizerParameters()}
     * @param loss the data loss
     * @param penalties penalties added to the data loss, in this order (may be empty)
     * @param scheduler the learning-rate scheduler of {@code optimizer}, or {@code null} for a constant rate
     * @param interval when the scheduler advances
     */
    public Trainer(Module model, ParameterBinding binding, Optimizer optimizer, DataLoss loss, List<Penalty> penalties,
            LearningRateScheduler scheduler, ScheduleInterval interval) {
        this(model, binding, optimizer, loss, penalties, scheduler, interval, null);
    }

    /**
     * Assembles a loop with gradient clipping.
     *
     * @param model the model to train
     * @param binding the model's parameters bound to {@code optimizer} ({@link ParameterBinding})
     * @param optimizer an optimizer over {@code binding.optimizerParameters()}
     * @param loss the data loss
     * @param penalties penalties added to the data loss, in this order (may be empty)
     * @param scheduler the learning-rate scheduler of {@code optimizer}, or {@code null} for a constant rate
     * @param interval when the scheduler advances
     * @param clipping the gradient clipping applied after {@code backward()}, or {@code null} for none
     */
    public Trainer(Module model, ParameterBinding binding, Optimizer optimizer, DataLoss loss, List<Penalty> penalties,
            LearningRateScheduler scheduler, ScheduleInterval interval, ClippingConfig clipping) {
        this.model = Objects.requireNonNull(model, "Trainer: model must not be null");
        this.binding = Objects.requireNonNull(binding, "Trainer: binding must not be null");
        this.optimizer = Objects.requireNonNull(optimizer, "Trainer: optimizer must not be null");
        this.loss = Objects.requireNonNull(loss, "Trainer: loss must not be null");
        this.penalties = List.copyOf(penalties);
        this.scheduler = scheduler;
        this.interval = Objects.requireNonNull(interval, "Trainer: interval must not be null");
        this.clipping = clipping;
    }

    /**
     * One step on a batch (see the class documentation for the order of operations).
     *
     * @param batch the batch
     * @param observer sees the step
     * @return what the step computed
     * @throws OptimizerStepException if the optimizer's step throws an {@link ArithmeticException}
     */
    public StepResult step(Batch batch, StepObserver observer) {
        long step = stepsTaken + 1;
        double learningRate = optimizer.learningRate();
        binding.zeroGrad();
        Tensor prediction = model.forward(Tensor.constant(batch.features()));
        Tensor dataLoss = loss.compute(prediction, batch, step);
        Tensor objective = dataLoss;
        for (Penalty p : penalties) {
            objective = objective.plus(p.compute(model));
        }
        observer.lossComputed(step, batch, dataLoss, objective);
        objective.backward();
        observer.gradientsComputed(step, batch);
        if (clipping != null) {
            clipping.apply(binding.modelParameters());
        }
        try {
            binding.step(optimizer);
        } catch (ArithmeticException e) {
            throw new OptimizerStepException(step, e);
        }
        stepsTaken = step;
        StepResult result = new StepResult(step, batch, learningRate, prediction, dataLoss, objective);
        observer.stepFinished(result);
        if (scheduler != null && interval == ScheduleInterval.STEP) {
            scheduler.step();
        }
        return result;
    }

    /**
     * Runs an epoch's batches in order, at most {@code maxSteps} of them; after a complete epoch with
     * {@link ScheduleInterval#EPOCH} the scheduler advances.
     *
     * @param epoch the loader's epoch
     * @param maxSteps the most steps to take, {@code >= 0}
     * @param observer sees every step
     * @return whether every batch of the epoch was run
     * @throws IllegalArgumentException if {@code maxSteps < 0}
     * @throws OptimizerStepException if an optimizer step throws an {@link ArithmeticException}
     */
    public boolean epoch(DataLoader.Epoch epoch, long maxSteps, StepObserver observer) {
        if (maxSteps < 0) {
            throw new IllegalArgumentException("Trainer.epoch: maxSteps must be >= 0, got " + maxSteps);
        }
        long taken = 0;
        for (int k = 0; k < epoch.batchCount(); k++) {
            if (taken == maxSteps) {
                return false;
            }
            step(epoch.batch(k), observer);
            taken++;
        }
        if (scheduler != null && interval == ScheduleInterval.EPOCH) {
            scheduler.step();
        }
        return true;
    }

    /**
     * The steps taken so far.
     *
     * @return the count
     */
    public long stepsTaken() {
        return stepsTaken;
    }

    /**
     * The optimizer.
     *
     * @return the optimizer
     */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * The binding between the model's parameters and the optimizer's.
     *
     * @return the binding
     */
    public ParameterBinding binding() {
        return binding;
    }

    /**
     * The model.
     *
     * @return the model
     */
    public Module model() {
        return model;
    }
}
