package io.github.dlref.train;

import io.github.dlref.math.Rng;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Random hyper-parameter search: {@code trials} configurations drawn from a {@link SearchSpace} with
 * {@code new Rng(seed)}, each trained from the base configuration (same data, split, depth, epochs, batch size,
 * optimizer kind and seeds; the hidden widths, dropout, learning rate and weight decay replaced by the draw) and
 * scored by its validation accuracy after the last epoch (ties broken by the lower validation loss). A trial that
 * diverges scores nothing and ranks last.
 */
public final class RandomSearch {

    private RandomSearch() {
    }

    /**
     * One trial.
     *
     * @param index the trial's number, counting from 1 in draw order
     * @param point the drawn hyper-parameters
     * @param config the trained configuration
     * @param history the metrics of its completed epochs
     * @param diverged where its loss stopped being finite, or {@code null}
     */
    public record Trial(int index, SearchSpace.Point point, TrainingConfig config, List<EpochMetrics> history,
            String diverged) {

        /**
         * Copies the history.
         *
         * @param index the number
         * @param point the hyper-parameters
         * @param config the configuration
         * @param history the metrics
         * @param diverged where it diverged, or {@code null}
         */
        public Trial {
            Objects.requireNonNull(config, "Trial: config must not be null");
            history = List.copyOf(history);
        }

        /**
         * The score: the last epoch's validation accuracy.
         *
         * @return the accuracy, or NaN if the trial diverged or has no validation set
         */
        public double score() {
            return diverged != null || history.isEmpty() ? Double.NaN
                    : history.get(history.size() - 1).validationAccuracy();
        }

        /**
         * The last epoch's validation loss.
         *
         * @return the loss, or NaN
         */
        public double validationLoss() {
            return diverged != null || history.isEmpty() ? Double.NaN
                    : history.get(history.size() - 1).validationLoss();
        }

        /**
         * The last completed epoch's training loss.
         *
         * @return the loss, or NaN
         */
        public double trainLoss() {
            return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).trainLoss();
        }
    }

    /** Best first: higher score, then lower validation loss, then lower trial number; NaN scores last. */
    public static final Comparator<Trial> RANKING = (a, b) -> {
        boolean na = Double.isNaN(a.score());
        boolean nb = Double.isNaN(b.score());
        if (na != nb) {
            return na ? 1 : -1;
        }
        if (!na) {
            int byScore = Double.compare(b.score(), a.score());
            if (byScore != 0) {
                return byScore;
            }
            int byLoss = Double.compare(a.validationLoss(), b.validationLoss());
            if (byLoss != 0) {
                return byLoss;
            }
        }
        return Integer.compare(a.index(), b.index());
    };

    /**
     * The configuration of one drawn point: the base with every hidden width, the dropout, the learning rate and
     * the weight decay replaced.
     *
     * @param base the base configuration
     * @param p the point
     * @return the configuration
     */
    public static TrainingConfig configure(TrainingConfig base, SearchSpace.Point p) {
        ModelConfig m = base.model();
        List<Integer> hidden = new ArrayList<>();
        for (int i = 0; i < m.hidden().size(); i++) {
            hidden.add(p.hidden());
        }
        ModelConfig model = new ModelConfig(hidden, m.activation(), p.dropout(), m.batchNorm(), m.init());
        OptimizerConfig optimizer = base.optimizer().withLearningRate(p.learningRate())
                .withWeightDecay(p.weightDecay() == 0.0 ? null : p.weightDecay());
        return base.withModel(model).withOptimizer(optimizer, base.schedule());
    }

    /**
     * Runs the search.
     *
     * @param base the base configuration (with at least one hidden layer for the width to mean something)
     * @param data the data prepared from {@code base} (with a non-empty validation set)
     * @param space the ranges
     * @param trials the number of trials, {@code >= 1}
     * @param seed the seed of the draws
     * @param listener receives each trial's progress, in turn
     * @param afterTrial called after each trial with it
     * @return the trials sorted by {@link #RANKING}
     * @throws IllegalArgumentException if {@code trials < 1} or the validation set is empty
     */
    public static List<Trial> run(TrainingConfig base, PreparedData data, SearchSpace space, int trials, long seed,
            TrainingListener listener, java.util.function.Consumer<Trial> afterTrial) {
        if (trials < 1) {
            throw new IllegalArgumentException("search: trials must be >= 1, got " + trials);
        }
        if (data.validation().size() == 0) {
            throw new IllegalArgumentException("search: trials are scored on the validation set, which is empty; give a "
                    + "validation fraction > 0");
        }
        Rng rng = new Rng(seed);
        List<Trial> out = new ArrayList<>();
        for (int i = 1; i <= trials; i++) {
            SearchSpace.Point p = space.draw(rng);
            TrainingConfig config = configure(base, p);
            TrainingRun run = TrainingRun.start(config, data);
            String diverged = null;
            try {
                run.runToEnd(listener, () -> { });
            } catch (TrainingDivergedException e) {
                diverged = "epoch " + e.epoch() + ", batch " + e.batch() + ": loss " + e.loss();
            }
            Trial t = new Trial(i, p, config, run.history(), diverged);
            out.add(t);
            afterTrial.accept(t);
        }
        out.sort(RANKING);
        return out;
    }


    private static String fixed(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.6f", v);
    }

    /**
     * The trials as CSV: {@code rank,trial,learning_rate,weight_decay,hidden,dropout,validation_accuracy,
     * validation_loss,train_loss,diverged}, numbers with {@code Double.toString}, missing values empty.
     *
     * @param sorted the trials, best first
     * @return the CSV text
     */
    public static String csv(List<Trial> sorted) {
        StringBuilder sb = new StringBuilder("rank,trial,learning_rate,weight_decay,hidden,dropout,"
                + "validation_accuracy,validation_loss,train_loss,diverged\n");
        int rank = 1;
        for (Trial t : sorted) {
            sb.append(rank++).append(',').append(t.index()).append(',').append(t.point().learningRate()).append(',')
                    .append(t.point().weightDecay()).append(',').append(t.point().hidden()).append(',')
                    .append(t.point().dropout()).append(',').append(num(t.score())).append(',')
                    .append(num(t.validationLoss())).append(',').append(num(t.trainLoss())).append(',')
                    .append(t.diverged() == null ? "" : "\"" + t.diverged() + "\"").append('\n');
        }
        return sb.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
