package io.github.dlref.optim.schedule;

import io.github.dlref.optim.Optimizer;
import java.util.List;

/**
 * Reduces the learning rate when a metric stops improving: PyTorch's {@code ReduceLROnPlateau} (torch 1.13).
 * Unlike the other schedules it is not a function of the step count but of the metric's history, so it drives
 * optimizers directly: call {@link #step(double)} with the metric (validation loss, accuracy) once per epoch.
 *
 * <p>At each call: the metric is better than the best so far when, with {@code threshold} {@code d}:
 * {@code MIN}/{@code RELATIVE} {@code a < best (1 - d)}; {@code MIN}/{@code ABSOLUTE} {@code a < best - d};
 * {@code MAX}/{@code RELATIVE} {@code a > best (d + 1)}; {@code MAX}/{@code ABSOLUTE} {@code a > best + d}
 * (best starts at {@code +inf} for MIN, {@code -inf} for MAX). A better metric becomes the best and resets the
 * count of bad epochs, otherwise the count grows; during a cooldown the cooldown counter falls by one and the
 * count is reset; when the count exceeds {@code patience}, every optimizer's rate becomes
 * {@code max(lr factor, minLearningRate)} (only if that lowers it by more than {@code epsilon}), the cooldown
 * starts ({@code cooldown} calls) and the count is reset.
 *
 * <p>A NaN metric is refused (PyTorch counts it as a bad epoch without saying so).
 *
 * <pre>{@code
 * ReduceLearningRateOnPlateau plateau = new ReduceLearningRateOnPlateau(List.of(optimizer),
 *         ReduceLearningRateOnPlateau.Settings.pytorch().withPatience(2));
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     trainOneEpoch(optimizer);
 *     plateau.step(validationLoss());
 * }
 * }</pre>
 */
public final class ReduceLearningRateOnPlateau {

    /** Whether the metric should fall or rise. */
    public enum Mode {
        /** Lower is better (a loss). */
        MIN,
        /** Higher is better (an accuracy). */
        MAX
    }

    /** How {@code threshold} compares the metric with the best. */
    public enum ThresholdMode {
        /** {@code best (1 -+ threshold)} (PyTorch's {@code 'rel'}). */
        RELATIVE,
        /** {@code best -+ threshold} (PyTorch's {@code 'abs'}). */
        ABSOLUTE
    }

    /**
     * The settings.
     *
     * @param mode the direction
     * @param factor the factor of a reduction, in {@code [0, 1)}
     * @param patience the bad epochs tolerated before a reduction, {@code >= 0}
     * @param threshold the least significant improvement {@code d}, finite, {@code >= 0}
     * @param thresholdMode relative or absolute
     * @param cooldown the calls after a reduction during which bad epochs are not counted, {@code >= 0}
     * @param minLearningRate the floor of every rate, finite, {@code >= 0}
     * @param epsilon a reduction smaller than this is not applied, finite, {@code >= 0}
     */
    public record Settings(Mode mode, double factor, long patience, double threshold, ThresholdMode thresholdMode,
            long cooldown, double minLearningRate, double epsilon) {

        /**
         * Validates the settings.
         *
         * @param mode the direction
         * @param factor the factor
         * @param patience the patience
         * @param threshold the threshold
         * @param thresholdMode the threshold mode
         * @param cooldown the cooldown
         * @param minLearningRate the floor
         * @param epsilon the least applied reduction
         * @throws IllegalArgumentException naming the setting, its value and the valid range
         */
        public Settings {
            if (mode == null || thresholdMode == null) {
                throw new IllegalArgumentException("ReduceLearningRateOnPlateau: mode and thresholdMode must not be"
                        + " null");
            }
            if (!(factor >= 0.0 && factor < 1.0)) {
                throw new IllegalArgumentException("ReduceLearningRateOnPlateau: factor must be in [0, 1), got "
                        + factor);
            }
            if (patience < 0 || cooldown < 0) {
                throw new IllegalArgumentException("ReduceLearningRateOnPlateau: patience and cooldown must be >= 0,"
                        + " got " + patience + " and " + cooldown);
            }
            Steps.nonNegative("ReduceLearningRateOnPlateau", "threshold", threshold);
            Steps.nonNegative("ReduceLearningRateOnPlateau", "minLearningRate", minLearningRate);
            Steps.nonNegative("ReduceLearningRateOnPlateau", "epsilon", epsilon);
        }

        /**
         * PyTorch's defaults: mode min, factor 0.1, patience 10, threshold 1e-4 relative, cooldown 0, min_lr 0,
         * eps 1e-8.
         *
         * @return the settings
         */
        public static Settings pytorch() {
            return new Settings(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.RELATIVE, 0, 0.0, 1e-8);
        }

        /**
         * A copy with another direction.
         *
         * @param value the mode
         * @return the settings
         */
        public Settings withMode(Mode value) {
            return new Settings(value, factor, patience, threshold, thresholdMode, cooldown, minLearningRate, epsilon);
        }

        /**
         * A copy with another factor.
         *
         * @param value the factor
         * @return the settings
         */
        public Settings withFactor(double value) {
            return new Settings(mode, value, patience, threshold, thresholdMode, cooldown, minLearningRate, epsilon);
        }

        /**
         * A copy with another patience.
         *
         * @param value the patience
         * @return the settings
         */
        public Settings withPatience(long value) {
            return new Settings(mode, factor, value, threshold, thresholdMode, cooldown, minLearningRate, epsilon);
        }

        /**
         * A copy with another threshold.
         *
         * @param value the threshold
         * @param valueMode how it compares
         * @return the settings
         */
        public Settings withThreshold(double value, ThresholdMode valueMode) {
            return new Settings(mode, factor, patience, value, valueMode, cooldown, minLearningRate, epsilon);
        }

        /**
         * A copy with another cooldown.
         *
         * @param value the cooldown
         * @return the settings
         */
        public Settings withCooldown(long value) {
            return new Settings(mode, factor, patience, threshold, thresholdMode, value, minLearningRate, epsilon);
        }

        /**
         * A copy with another floor.
         *
         * @param value the minimum learning rate
         * @return the settings
         */
        public Settings withMinLearningRate(double value) {
            return new Settings(mode, factor, patience, threshold, thresholdMode, cooldown, value, epsilon);
        }

        /**
         * A copy with another least applied reduction.
         *
         * @param value epsilon
         * @return the settings
         */
        public Settings withEpsilon(double value) {
            return new Settings(mode, factor, patience, threshold, thresholdMode, cooldown, minLearningRate, value);
        }
    }

    private final List<Optimizer> optimizers;
    private final Settings settings;
    private double best;
    private long badEpochs;
    private long cooldownCounter;

    /**
     * Drives the learning rates of optimizers (one, or one per parameter group).
     *
     * @param optimizers the optimizers, non-empty
     * @param settings the settings
     * @throws IllegalArgumentException if an argument is null or the list is empty
     */
    public ReduceLearningRateOnPlateau(List<Optimizer> optimizers, Settings settings) {
        if (optimizers == null || optimizers.isEmpty() || optimizers.stream().anyMatch(o -> o == null)
                || settings == null) {
            throw new IllegalArgumentException("ReduceLearningRateOnPlateau: optimizers must be a non-empty list"
                    + " without null, and settings must not be null");
        }
        this.optimizers = List.copyOf(optimizers);
        this.settings = settings;
        this.best = settings.mode() == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /**
     * Records one epoch's metric and reduces the learning rates if it has not improved for longer than the
     * patience.
     *
     * @param metric the metric, not NaN
     * @throws IllegalArgumentException if the metric is NaN
     */
    public void step(double metric) {
        if (Double.isNaN(metric)) {
            throw new IllegalArgumentException("ReduceLearningRateOnPlateau: metric must not be NaN");
        }
        if (isBetter(metric)) {
            best = metric;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            badEpochs = 0;
        }
        if (badEpochs > settings.patience()) {
            for (Optimizer o : optimizers) {
                double old = o.learningRate();
                double reduced = Math.max(old * settings.factor(), settings.minLearningRate());
                if (old - reduced > settings.epsilon()) {
                    o.setLearningRate(reduced);
                }
            }
            cooldownCounter = settings.cooldown();
            badEpochs = 0;
        }
    }

    private boolean isBetter(double a) {
        double d = settings.threshold();
        boolean relative = settings.thresholdMode() == ThresholdMode.RELATIVE;
        if (settings.mode() == Mode.MIN) {
            return relative ? a < best * (1. - d) : a < best - d;
        }
        return relative ? a > best * (d + 1.) : a > best + d;
    }

    /**
     * The scheduler's state, for a checkpoint: what {@link #step(double)} reads besides the settings and the
     * optimizers' learning rates (PyTorch keeps the same three values in {@code ReduceLROnPlateau.state_dict()}:
     * {@code best}, {@code num_bad_epochs}, {@code cooldown_counter}).
     *
     * @param best the best metric so far, not NaN ({@code +inf} or {@code -inf} before the first call)
     * @param badEpochs the count of bad epochs, {@code >= 0}
     * @param cooldownCounter the calls left in the current cooldown, {@code >= 0}
     */
    public record State(double best, long badEpochs, long cooldownCounter) {

        /**
         * Validates.
         *
         * @param best the best metric
         * @param badEpochs the bad-epoch count
         * @param cooldownCounter the cooldown counter
         * @throws IllegalArgumentException naming the value if {@code best} is NaN or a count is negative
         */
        public State {
            if (Double.isNaN(best)) {
                throw new IllegalArgumentException("ReduceLearningRateOnPlateau.State: best must not be NaN");
            }
            if (badEpochs < 0) {
                throw new IllegalArgumentException("ReduceLearningRateOnPlateau.State: badEpochs must be >= 0, got "
                        + badEpochs);
            }
            if (cooldownCounter < 0) {
                throw new IllegalArgumentException("ReduceLearningRateOnPlateau.State: cooldownCounter must be >= 0,"
                        + " got " + cooldownCounter);
            }
        }
    }

    /**
     * A snapshot of the state ({@link #restore(State)} continues from it bit for bit).
     *
     * @return the best metric, the bad-epoch count and the cooldown counter
     */
    public State state() {
        return new State(best, badEpochs, cooldownCounter);
    }

    /**
     * Restores a snapshot taken by {@link #state()} (the optimizers' learning rates are restored with the
     * optimizers, not here).
     *
     * @param state the snapshot (Not modified)
     * @throws IllegalArgumentException if {@code state} is null, or its best is infinite on the side the mode
     *     cannot reach ({@code -inf} for {@code MIN}, {@code +inf} for {@code MAX})
     */
    public void restore(State state) {
        if (state == null) {
            throw new IllegalArgumentException("ReduceLearningRateOnPlateau.restore: state must not be null");
        }
        double unreachable = settings.mode() == Mode.MIN ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        if (state.best() == unreachable) {
            throw new IllegalArgumentException("ReduceLearningRateOnPlateau.restore: best " + state.best()
                    + " cannot occur in mode " + settings.mode());
        }
        this.best = state.best();
        this.badEpochs = state.badEpochs();
        this.cooldownCounter = state.cooldownCounter();
    }

    /**
     * The best metric so far ({@code +inf} or {@code -inf} before the first call).
     *
     * @return the best metric
     */
    public double best() {
        return best;
    }

    /**
     * The current count of bad epochs.
     *
     * @return the count
     */
    public long badEpochs() {
        return badEpochs;
    }

    /**
     * The calls left in the current cooldown.
     *
     * @return the cooldown counter
     */
    public long cooldownCounter() {
        return cooldownCounter;
    }
}
