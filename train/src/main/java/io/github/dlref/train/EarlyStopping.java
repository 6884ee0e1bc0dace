package io.github.dlref.train;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Stops a run when a validation quantity has stopped improving, following Keras' {@code EarlyStopping}
 * ({@code baseline=None}, {@code start_from_epoch=0}; keep-best weights are {@link KeepBest}'s job).
 *
 * <p>The rule, replayed over the history at the end of each epoch {@code e} (counting from 0): {@code wait}
 * grows by one; if the epoch's value improves on the best so far ({@link Monitor#improves}) the best becomes it
 * and {@code wait} returns to 0; otherwise, if {@code wait >= patience} and {@code e > 0}, training stops after
 * epoch {@code e}. So {@code patience} is the number of epochs without improvement after which training stops
 * (0 and 1 both stop at the first non-improving epoch after the first).
 *
 * <p>The decision is a pure function of the metrics history ({@link #stopEpoch(List)}), which a
 * {@link Checkpoint} holds: a resumed run stops exactly where the uninterrupted run would have, and one that had
 * already stopped does not continue.
 *
 * @param monitor the watched quantity and its direction
 * @param patience the number of epochs without improvement before stopping, {@code >= 0}
 * @param minDelta the smallest change that counts as an improvement, finite and {@code >= 0}
 */
public record EarlyStopping(Monitor monitor, int patience, double minDelta) implements TrainingListener {

    /**
     * Validates.
     *
     * @param monitor the monitor
     * @param patience the patience
     * @param minDelta the minimum change
     * @throws IllegalArgumentException naming the setting, its value and the valid range
     */
    public EarlyStopping {
        Objects.requireNonNull(monitor, "EarlyStopping: monitor must not be null");
        if (patience < 0) {
            throw new IllegalArgumentException("EarlyStopping: patience must be >= 0, got " + patience);
        }
        Monitor.checkMinDelta("EarlyStopping", minDelta);
    }

    /**
     * The epoch after which the rule stops training, if it does within the history.
     *
     * @param history the metrics of the completed epochs, in order
     * @return the stopping epoch (counting from 1, as {@link EpochMetrics#epoch()}), or empty
     */
    public OptionalInt stopEpoch(List<EpochMetrics> history) {
        double best = monitor.initialBest();
        int wait = 0;
        for (int e = 0; e < history.size(); e++) {
            double current = monitor.value(history.get(e));
            wait++;
            if (monitor.improves(current, best, minDelta)) {
                best = current;
                wait = 0;
            } else if (wait >= patience && e > 0) {
                return OptionalInt.of(history.get(e).epoch());
            }
        }
        return OptionalInt.empty();
    }

    /**
     * Requests a stop once {@link #stopEpoch(List)} is present.
     *
     * @param history the metrics of every completed epoch
     * @return whether the rule has stopped training
     */
    @Override
    public boolean stopRequested(List<EpochMetrics> history) {
        return stopEpoch(history).isPresent();
    }
}
