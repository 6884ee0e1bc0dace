package io.github.dlref.train;

import io.github.dlref.math.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Several optimizers (and learning rates, and schedules) trained on the same problem from the same initial
 * weights, over the same mini-batches: the comparison the source documents make in words (bp-optimizers and
 * dl-basics on SGD, momentum, AdaGrad, RMSprop and Adam; cs231n-opt-bp on a learning rate that is too high or too
 * low).
 *
 * <p>Every variant runs the base configuration with only its optimizer and schedule replaced. The model, the
 * split, the loader's permutations and the dropout masks come from the same {@link Seeds}, so every run starts
 * from bit-identical weights (checked: a variant whose initial state differs from the first one's is an error)
 * and sees the same batches in the same order. A run whose loss becomes NaN or infinite stops there and is
 * reported as diverged.
 */
public final class OptimizerComparison {

    private OptimizerComparison() {
    }

    /**
     * One contestant.
     *
     * @param label the name in the table and the legend
     * @param optimizer the optimizer
     * @param schedule the learning-rate schedule
     */
    public record Variant(String label, OptimizerConfig optimizer, ScheduleConfig schedule) {

        /**
         * Validates.
         *
         * @param label the label
         * @param optimizer the optimizer
         * @param schedule the schedule
         */
        public Variant {
            Objects.requireNonNull(label, "Variant: label must not be null");
            Objects.requireNonNull(optimizer, "Variant: optimizer must not be null");
            Objects.requireNonNull(schedule, "Variant: schedule must not be null");
        }

        /**
         * A variant labelled by its optimizer and, unless constant, its schedule.
         *
         * @param optimizer the optimizer
         * @param schedule the schedule
         * @return the variant
         */
        public static Variant of(OptimizerConfig optimizer, ScheduleConfig schedule) {
            String label = optimizer.kind().name().toLowerCase(Locale.ROOT) + " lr=" + optimizer.initialLearningRate()
                    + (schedule.kind() == ScheduleKind.CONSTANT ? "" : " " + schedule.describe());
            return new Variant(label, optimizer, schedule);
        }
    }

    /**
     * One contestant's outcome.
     *
     * @param variant the contestant
     * @param history the metrics of the epochs it completed
     * @param diverged a description of where the loss stopped being finite, or {@code null}
     */
    public record Result(Variant variant, List<EpochMetrics> history, String diverged) {

        /**
         * Copies the history.
         *
         * @param variant the contestant
         * @param history the metrics
         * @param diverged where it diverged, or {@code null}
         */
        public Result {
            history = List.copyOf(history);
        }

        /**
         * The last completed epoch's training loss.
         *
         * @return the loss, or NaN if no epoch completed
         */
        public double finalTrainLoss() {
            return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).trainLoss();
        }

        /**
         * The last completed epoch's validation accuracy.
         *
         * @return the accuracy, or NaN
         */
        public double finalValidationAccuracy() {
            return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).validationAccuracy();
        }

        /**
         * The best validation accuracy over the completed epochs.
         *
         * @return the accuracy, or NaN
         */
        public double bestValidationAccuracy() {
            double best = Double.NaN;
            for (EpochMetrics m : history) {
                if (!Double.isNaN(m.validationAccuracy()) && !(m.validationAccuracy() <= best)) {
                    best = m.validationAccuracy();
                }
            }
            return best;
        }
    }

    /**
     * Runs every variant.
     *
     * @param base the problem: data, model, epochs, batch size, seeds (its optimizer and schedule are replaced)
     * @param data the data prepared from {@code base}
     * @param variants the contestants, at least one
     * @param listener receives each run's progress, in turn
     * @return the results, in the order of the variants
     * @throws IllegalArgumentException if there is no variant
     * @throws IllegalStateException if two runs would not start from the same weights
     */
    public static List<Result> run(TrainingConfig base, PreparedData data, List<Variant> variants,
            TrainingListener listener) {
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("compare: no optimizer to compare");
        }
        List<Result> results = new ArrayList<>();
        Map<String, Matrix> initial = null;
        for (Variant v : variants) {
            TrainingRun run = TrainingRun.start(base.withOptimizer(v.optimizer(), v.schedule()), data);
            Map<String, Matrix> start = run.model().stateDict();
            if (initial == null) {
                initial = start;
            } else if (!initial.equals(start)) {
                throw new IllegalStateException("compare: variant '" + v.label() + "' does not start from the same "
                        + "weights as the first one");
            }
            String diverged = null;
            try {
                run.runToEnd(listener, () -> { });
            } catch (TrainingDivergedException e) {
                diverged = "epoch " + e.epoch() + ", batch " + e.batch() + ": loss " + e.loss();
            }
            results.add(new Result(v, run.history(), diverged));
        }
        return results;
    }


}
