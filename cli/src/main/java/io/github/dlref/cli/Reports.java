package io.github.dlref.cli;

import io.github.dlref.train.EpochMetrics;
import io.github.dlref.train.Evaluation;
import io.github.dlref.train.MetricsFiles;
import io.github.dlref.train.OptimizerComparison;
import io.github.dlref.train.RandomSearch;
import io.github.dlref.train.SearchStrategies;
import io.github.dlref.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the command line shows of the training library's results: the tables printed by {@code train},
 * {@code compare} and {@code search}, and the panels of their PNG plots. The numbers come from
 * {@code io.github.dlref.train}; only their rendering lives here.
 */
final class Reports {

    /**
     * The y-axis title of every accuracy panel: accuracies are fractions in {@code [0, 1]} in every file, table
     * and plot.
     */
    static final String ACCURACY_AXIS = "accuracy (fraction, 0 to 1)";

    private Reports() {
    }

    /**
     * Writes a run's metrics files ({@link MetricsFiles#writeAll(Path, TrainingRun, Evaluation)}) and its plot,
     * {@value MetricsFiles#PLOT_FILE}.
     *
     * @param dir the output directory (must exist)
     * @param run the run
     * @param test the test-set score, or {@code null} before the end
     * @param width the plot's width in pixels
     * @param height the plot's height in pixels
     * @throws IOException if a file cannot be written
     */
    static void writeRun(Path dir, TrainingRun run, Evaluation test, int width, int height) throws IOException {
        MetricsFiles.writeAll(dir, run, test);
        String title = run.config().model().describe(run.data().numFeatures(), run.data().numClasses());
        Plots.write(dir.resolve(MetricsFiles.PLOT_FILE), width, height, panels(run.history(), title));
    }

    private static String fixed(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.6f", v);
    }

    /**
     * The two panels of the training plot: loss (train and validation, logarithmic) and accuracy (train and
     * validation) against the epoch.
     *
     * @param history the rows
     * @param title a title prefix (the run's description)
     * @return the panels
     */
    static List<Plots.Panel> panels(List<EpochMetrics> history, String title) {
        int n = history.size();
        double[] epoch = new double[n];
        double[] trainLoss = new double[n];
        double[] validationLoss = new double[n];
        double[] trainAccuracy = new double[n];
        double[] validationAccuracy = new double[n];
        for (int i = 0; i < n; i++) {
            EpochMetrics m = history.get(i);
            epoch[i] = m.epoch();
            trainLoss[i] = m.trainLoss();
            validationLoss[i] = m.validationLoss();
            trainAccuracy[i] = m.trainAccuracy();
            validationAccuracy[i] = m.validationAccuracy();
        }
        List<Plots.Panel> panels = new ArrayList<>();
        panels.add(new Plots.Panel(title + ": loss", "epoch", "cross-entropy", true, List.of(
                new Plots.Series("train", epoch, trainLoss), new Plots.Series("validation", epoch, validationLoss))));
        panels.add(new Plots.Panel(title + ": accuracy", "epoch", ACCURACY_AXIS, false, List.of(
                new Plots.Series("train", epoch, trainAccuracy),
                new Plots.Series("validation", epoch, validationAccuracy))));
        return panels;
    }

    /**
     * The comparison plot's panels: training loss per epoch (logarithmic) and validation accuracy per epoch, one
     * curve per variant.
     *
     * @param results the results
     * @return the two panels
     */
    static List<Plots.Panel> panels(List<OptimizerComparison.Result> results) {
        List<Plots.Series> loss = new ArrayList<>();
        List<Plots.Series> accuracy = new ArrayList<>();
        for (OptimizerComparison.Result r : results) {
            int n = r.history().size();
            double[] epoch = new double[n];
            double[] l = new double[n];
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                epoch[i] = r.history().get(i).epoch();
                l[i] = r.history().get(i).trainLoss();
                a[i] = r.history().get(i).validationAccuracy();
            }
            String name = r.variant().label() + (r.diverged() != null ? " (diverged)" : "");
            loss.add(new Plots.Series(name, epoch, l));
            accuracy.add(new Plots.Series(name, epoch, a));
        }
        return List.of(new Plots.Panel("training loss", "epoch", "cross-entropy", true, loss),
                new Plots.Panel("validation accuracy", "epoch", ACCURACY_AXIS, false, accuracy));
    }

    /**
     * The comparison table: one row per variant with its final training loss, final and best validation
     * accuracy and status.
     *
     * @param results the results
     * @return the table text, one line per row, with a header
     */
    static String comparisonTable(List<OptimizerComparison.Result> results) {
        int width = "optimizer".length();
        for (OptimizerComparison.Result r : results) {
            width = Math.max(width, r.variant().label().length());
        }
        String format = "%-" + width + "s  %12s  %9s  %9s  %s%n";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, format, "optimizer", "final_loss",
                "final_val", "best_val", "status"));
        for (OptimizerComparison.Result r : results) {
            sb.append(String.format(Locale.ROOT, format, r.variant().label(),
                    Double.isNaN(r.finalTrainLoss()) ? "-" : String.format(Locale.ROOT, "%.6f", r.finalTrainLoss()),
                    ConsoleReporter.accuracy(r.finalValidationAccuracy()),
                    ConsoleReporter.accuracy(r.bestValidationAccuracy()),
                    r.diverged() == null ? "ok" : "diverged at " + r.diverged()));
        }
        return sb.toString();
    }

    /**
     * The strategies' plot panel: loss against iteration, one curve per strategy.
     *
     * @param curves the curves
     * @return the panel
     */
    static Plots.Panel strategiesPanel(List<SearchStrategies.Curve> curves) {
        List<Plots.Series> series = new ArrayList<>();
        for (SearchStrategies.Curve c : curves) {
            double[] it = new double[c.losses().length];
            for (int i = 0; i < it.length; i++) {
                it[i] = i + 1;
            }
            series.add(new Plots.Series(c.name(), it, c.losses()));
        }
        return new Plots.Panel("cs231n strategies: multiclass SVM loss of a linear classifier", "iteration",
                "SVM loss", false, series);
    }

    /**
     * The strategies' table.
     *
     * @param curves the curves
     * @return the table text with a header
     */
    static String strategiesTable(List<SearchStrategies.Curve> curves) {
        String format = "%-22s  %10s  %9s  %10s  %9s%n";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, format, "strategy", "final_loss", "train_acc",
                "loss_evals", "gradients"));
        for (SearchStrategies.Curve c : curves) {
            sb.append(String.format(Locale.ROOT, format, c.name(), String.format(Locale.ROOT, "%.6f", c.finalLoss()),
                    ConsoleReporter.accuracy(c.accuracy()), c.lossEvaluations(), c.gradientEvaluations()));
        }
        return sb.toString();
    }

    /**
     * The sorted table: rank, trial, hyper-parameters, validation accuracy and loss, training loss, status.
     *
     * @param sorted the trials, best first
     * @return the table text with a header
     */
    static String searchTable(List<RandomSearch.Trial> sorted) {
        String format = "%4s  %5s  %11s  %12s  %6s  %7s  %9s  %9s  %10s  %s%n";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, format, "rank", "trial", "lr",
                "weight_decay", "hidden", "dropout", "val_acc", "val_loss", "train_loss", "status"));
        int rank = 1;
        for (RandomSearch.Trial t : sorted) {
            sb.append(String.format(Locale.ROOT, format, rank++, t.index(),
                    String.format(Locale.ROOT, "%.4g", t.point().learningRate()),
                    t.point().weightDecay() == 0 ? "0" : String.format(Locale.ROOT, "%.4g", t.point().weightDecay()),
                    t.point().hidden(), String.format(Locale.ROOT, "%.3f", t.point().dropout()),
                    ConsoleReporter.accuracy(t.score()), fixed(t.validationLoss()), fixed(t.trainLoss()),
                    t.diverged() == null ? "ok" : "diverged at " + t.diverged()));
        }
        return sb.toString();
    }
}
