package io.github.dlref.train;

import java.util.Objects;
import java.util.Optional;

/**
 * Records the weights of the best epoch of a run, by a validation quantity, and restores them on request (the
 * {@code restore_best_weights} of Keras' {@code EarlyStopping}, with the same improvement rule
 * {@link Monitor#improves}: an epoch becomes the best when it improves on the best so far by more than
 * {@code minDelta}, so ties keep the earlier epoch).
 *
 * <p>The best weights are state a run's history cannot rebuild: save them with the checkpoint
 * ({@code run.checkpoint().withBest(keepBest.best())}) and continue with {@link #resume(Monitor, double,
 * Checkpoint)}; the resumed run then records the same best epoch and weights as the uninterrupted one.
 */
public final class KeepBest implements TrainingListener {

    private final Monitor monitor;
    private final double minDelta;
    private BestWeights best;

    /**
     * Starts with no best epoch.
     *
     * @param monitor the watched quantity and its direction
     * @param minDelta the smallest change that counts as an improvement, finite and {@code >= 0}
     * @throws IllegalArgumentException naming {@code minDelta} if it is negative or not finite
     */
    public KeepBest(Monitor monitor, double minDelta) {
        this.monitor = Objects.requireNonNull(monitor, "KeepBest: monitor must not be null");
        Monitor.checkMinDelta("KeepBest", minDelta);
        this.minDelta = minDelta;
    }

    /**
     * Continues from a checkpoint's best weights (none if it has none).
     *
     * @param monitor the watched quantity, as before the checkpoint
     * @param minDelta the minimum change, as before the checkpoint
     * @param checkpoint the checkpoint
     * @return the listener
     */
    public static KeepBest resume(Monitor monitor, double minDelta, Checkpoint checkpoint) {
        KeepBest k = new KeepBest(monitor, minDelta);
        k.best = checkpoint.best().orElse(null);
        return k;
    }

    /**
     * Records the run's weights if the epoch improves on the best so far.
     *
     * @param run the run
     * @param metrics the epoch's row
     */
    @Override
    public void epochFinished(TrainingRun run, EpochMetrics metrics) {
        double value = monitor.value(metrics);
        double bestValue = best == null ? monitor.initialBest() : best.value();
        if (monitor.improves(value, bestValue, minDelta)) {
            best = new BestWeights(metrics.epoch(), value, run.model().stateDict());
        }
    }

    /**
     * The best epoch so far and its weights.
     *
     * @return the best weights, or empty before an epoch improved
     */
    public Optional<BestWeights> best() {
        return Optional.ofNullable(best);
    }

    /**
     * Loads the best weights into the run's model.
     *
     * @param run the run
     * @return the epoch whose weights were restored
     * @throws IllegalStateException if no epoch improved yet
     */
    public int restore(TrainingRun run) {
        if (best == null) {
            throw new IllegalStateException("KeepBest.restore: no best epoch yet (expected at least one epoch whose "
                    + monitor + " improved, found none)");
        }
        run.model().loadStateDict(best.weights());
        return best.epoch();
    }

    /**
     * The watched quantity.
     *
     * @return the monitor
     */
    public Monitor monitor() {
        return monitor;
    }

    /**
     * The minimum change.
     *
     * @return {@code minDelta}
     */
    public double minDelta() {
        return minDelta;
    }
}
