package io.github.dlref.cli;

import io.github.dlref.train.EpochMetrics;
import io.github.dlref.train.TrainingListener;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Shows a run on the console: while an epoch runs, a progress bar over its mini-batches with the last batch's
 * loss (on the given error stream, normally standard error, and only when enabled: the command line enables it
 * when a console is attached, so redirected output and tests get none); after each epoch, one row of the table
 * (epoch, train loss, train accuracy, validation loss, validation accuracy, learning rate, seconds; 73 columns) on
 * the output writer.
 */
public final class ConsoleReporter implements TrainingListener {

    /** The table's header line. */
    public static final String HEADER = String.format(Locale.ROOT, "%5s  %10s  %9s  %10s  %9s  %10s  %8s",
            "epoch", "train_loss", "train_acc", "val_loss", "val_acc", "lr", "seconds");

    private final PrintWriter out;
    private final PrintStream progressStream;
    private final boolean rows;
    private ProgressBar bar;

    /**
     * Creates a reporter that prints the table.
     *
     * @param out where the table goes
     * @param progressStream where the progress bar goes, or {@code null} for no progress bar
     */
    public ConsoleReporter(PrintWriter out, PrintStream progressStream) {
        this(out, progressStream, true);
    }

    /**
     * Creates a reporter.
     *
     * @param out where the table goes
     * @param progressStream where the progress bar goes, or {@code null} for no progress bar
     * @param rows whether to print a table row after each epoch (comparisons and searches print their own
     *     tables and show only the progress bar)
     */
    public ConsoleReporter(PrintWriter out, PrintStream progressStream, boolean rows) {
        this.out = out;
        this.progressStream = progressStream;
        this.rows = rows;
    }

    /** Prints the table's header. */
    public void printHeader() {
        out.println(HEADER);
        out.flush();
    }

    /**
     * One row of the table.
     *
     * @param m the epoch's metrics
     * @return the row, without a line break
     */
    public static String row(EpochMetrics m) {
        return String.format(Locale.ROOT, "%5d  %10.6f  %9s  %10s  %9s  %10.4g  %8.2f", m.epoch(), m.trainLoss(),
                percent(m.trainAccuracy()), loss(m.validationLoss()), percent(m.validationAccuracy()),
                m.learningRate(), m.seconds());
    }

    /**
     * A loss with six decimals, or {@code -} when missing (no validation set).
     *
     * @param loss the loss, or NaN
     * @return for example {@code 0.123456}
     */
    static String loss(double loss) {
        return Double.isNaN(loss) ? "-" : String.format(Locale.ROOT, "%.6f", loss);
    }

    /**
     * An accuracy as a percentage with two decimals, or {@code -} when missing.
     *
     * @param accuracy a fraction in {@code [0, 1]}, or NaN
     * @return for example {@code 88.12%}
     */
    public static String percent(double accuracy) {
        return Double.isNaN(accuracy) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * accuracy);
    }

    @Override
    public void epochStarted(int epoch, int batches) {
        if (progressStream != null) {
            bar = new ProgressBarBuilder().setTaskName("epoch " + epoch).setInitialMax(batches)
                    .setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(progressStream))
                    .clearDisplayOnFinish().build();
        }
    }

    @Override
    public void batchFinished(int epoch, int batch, double loss) {
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", loss));
        }
    }

    @Override
    public void epochFinished(EpochMetrics metrics) {
        closeBar();
        if (rows) {
            out.println(row(metrics));
            out.flush();
        }
    }

    /** Removes a progress bar that is still shown (after an error, say). */
    public void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
