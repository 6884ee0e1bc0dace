package io.github.dlref.train;

import java.util.Objects;

/**
 * Everything that defines a training run of the app. Two runs with equal configurations compute the same
 * numbers, bit for bit.
 *
 * @param data the data and its split
 * @param model the model
 * @param optimizer the optimizer
 * @param schedule the learning-rate schedule (per epoch)
 * @param l1 the strength {@code lambda} of an L1 penalty {@code lambda sum |W|} on the weights added to the
 *     loss ({@code nn.regularization.L1Penalty}), {@code >= 0}, 0 for none
 * @param l2 the strength {@code lambda} of an L2 penalty {@code (lambda / 2) sum ||W||^2} on the weights added to
 *     the loss (dl-basics' {@code J = L + s}; {@code nn.regularization.L2Penalty}), {@code >= 0}, 0 for none
 * @param epochs the number of epochs, {@code >= 1}
 * @param batchSize the mini-batch size, {@code >= 1} (a batch size of at least the training-set size is
 *     full-batch gradient descent)
 * @param seeds the seeds of the run's generators ({@link Seeds#of(long)} derives them from one seed)
 * @param clipping the gradient clipping applied between {@code backward()} and the optimizer's step, or {@code null}
 *     for none (checkpoints written before clipping existed read as none)
 */
public record TrainingConfig(DataConfig data, ModelConfig model, OptimizerConfig optimizer, ScheduleConfig schedule,
        double l1, double l2, int epochs, int batchSize, Seeds seeds, ClippingConfig clipping) {

    /**
     * Validates.
     *
     * @param data the data
     * @param model the model
     * @param optimizer the optimizer
     * @param schedule the schedule
     * @param l1 the L1 strength
     * @param l2 the L2 strength
     * @param epochs the number of epochs
     * @param batchSize the batch size
     * @param seeds the seeds
     * @param clipping the gradient clipping, or {@code null} for none
     * @throws IllegalArgumentException naming the setting, its value and the valid range
     */
    public TrainingConfig {
        Objects.requireNonNull(data, "training: data must not be null");
        Objects.requireNonNull(model, "training: model must not be null");
        Objects.requireNonNull(optimizer, "training: optimizer must not be null");
        Objects.requireNonNull(schedule, "training: schedule must not be null");
        Objects.requireNonNull(seeds, "training: seeds must not be null");
        if (!(l1 >= 0 && Double.isFinite(l1))) {
            throw new IllegalArgumentException("training: l1 must be finite and >= 0, got " + l1);
        }
        if (!(l2 >= 0 && Double.isFinite(l2))) {
            throw new IllegalArgumentException("training: l2 must be finite and >= 0, got " + l2);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("training: epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("training: batch size must be >= 1, got " + batchSize);
        }
    }

    /**
     * A configuration without gradient clipping.
     *
     * @param data the data
     * @param model the model
     * @param optimizer the optimizer
     * @param schedule the schedule
     * @param l1 the L1 strength
     * @param l2 the L2 strength
     * @param epochs the number of epochs
     * @param batchSize the batch size
     * @param seeds the seeds
     * @throws IllegalArgumentException as the canonical constructor
     */
    public TrainingConfig(DataConfig data, ModelConfig model, OptimizerConfig optimizer, ScheduleConfig schedule,
            double l1, double l2, int epochs, int batchSize, Seeds seeds) {
        this(data, model, optimizer, schedule, l1, l2, epochs, batchSize, seeds, null);
    }

    /**
     * A copy with another gradient clipping.
     *
     * @param value the clipping, or {@code null} for none
     * @return the configuration
     */
    public TrainingConfig withClipping(ClippingConfig value) {
        return new TrainingConfig(data, model, optimizer, schedule, l1, l2, epochs, batchSize, seeds, value);
    }

    /**
     * Loads, splits and scales the data with the run's seeds ({@link DataConfig#prepare(Seeds)}).
     *
     * @return the prepared data
     * @throws java.io.IOException if a file cannot be read or is malformed
     */
    public PreparedData prepareData() throws java.io.IOException {
        return data.prepare(seeds);
    }

    /**
     * A copy with another number of epochs.
     *
     * @param value the number of epochs, {@code >= 1}
     * @return the configuration
     */
    public TrainingConfig withEpochs(int value) {
        return new TrainingConfig(data, model, optimizer, schedule, l1, l2, value, batchSize, seeds, clipping);
    }

    /**
     * A copy with another optimizer and schedule.
     *
     * @param newOptimizer the optimizer
     * @param newSchedule the schedule
     * @return the configuration
     */
    public TrainingConfig withOptimizer(OptimizerConfig newOptimizer, ScheduleConfig newSchedule) {
        return new TrainingConfig(data, model, newOptimizer, newSchedule, l1, l2, epochs, batchSize, seeds, clipping);
    }

    /**
     * A copy with another model.
     *
     * @param newModel the model
     * @return the configuration
     */
    public TrainingConfig withModel(ModelConfig newModel) {
        return new TrainingConfig(data, newModel, optimizer, schedule, l1, l2, epochs, batchSize, seeds, clipping);
    }

    /**
     * A copy with other data.
     *
     * @param newData the data and its split
     * @return the configuration
     * @throws NullPointerException if {@code newData} is null
     */
    public TrainingConfig withData(DataConfig newData) {
        return new TrainingConfig(newData, model, optimizer, schedule, l1, l2, epochs, batchSize, seeds, clipping);
    }

    /**
     * A copy with another optimizer; the schedule stays.
     *
     * @param newOptimizer the optimizer
     * @return the configuration
     * @throws NullPointerException if {@code newOptimizer} is null
     */
    public TrainingConfig withOptimizer(OptimizerConfig newOptimizer) {
        return new TrainingConfig(data, model, newOptimizer, schedule, l1, l2, epochs, batchSize, seeds, clipping);
    }

    /**
     * A copy with another learning-rate schedule.
     *
     * @param newSchedule the schedule (per epoch)
     * @return the configuration
     * @throws NullPointerException if {@code newSchedule} is null
     */
    public TrainingConfig withSchedule(ScheduleConfig newSchedule) {
        return new TrainingConfig(data, model, optimizer, newSchedule, l1, l2, epochs, batchSize, seeds, clipping);
    }

    /**
     * A copy with other penalty strengths.
     *
     * @param newL1 the strength {@code lambda} of the L1 penalty {@code lambda sum |W|}, finite and {@code >= 0}
     * @param newL2 the strength {@code lambda} of the L2 penalty {@code (lambda / 2) sum ||W||^2}, finite and
     *     {@code >= 0}
     * @return the configuration
     * @throws IllegalArgumentException naming {@code l1} or {@code l2} if it is negative or not finite
     */
    public TrainingConfig withPenalties(double newL1, double newL2) {
        return new TrainingConfig(data, model, optimizer, schedule, newL1, newL2, epochs, batchSize, seeds, clipping);
    }

    /**
     * A copy with another mini-batch size.
     *
     * @param newBatchSize the batch size, {@code >= 1}
     * @return the configuration
     * @throws IllegalArgumentException if {@code newBatchSize < 1}
     */
    public TrainingConfig withBatchSize(int newBatchSize) {
        return new TrainingConfig(data, model, optimizer, schedule, l1, l2, epochs, newBatchSize, seeds, clipping);
    }

    /**
     * A copy with other seeds.
     *
     * @param newSeeds the seeds of the run's generators
     * @return the configuration
     * @throws NullPointerException if {@code newSeeds} is null
     */
    public TrainingConfig withSeeds(Seeds newSeeds) {
        return new TrainingConfig(data, model, optimizer, schedule, l1, l2, epochs, batchSize, newSeeds, clipping);
    }
}
