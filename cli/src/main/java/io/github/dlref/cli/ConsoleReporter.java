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
 * loss and the whole run's estimated time left ({@link #remainingMillis}; on the given error stream, normally
 * standard error, and only when enabled: the command line enables it when a console is attached, so redirected
 * output and tests get none); after each epoch, one row of the table (epoch, train loss, train accuracy,
 * validation loss, validation accuracy, learning rate, seconds; 73 columns) on the output writer.
 *
 * <p>Accuracies are fractions in {@code [0, 1]} everywhere, as in {@code metrics.csv}, {@code metrics.json}
 * (and Keras's and PyTorch's metrics): the table prints them with four decimals ({@link #accuracy}).
 */
public final class ConsoleReporter implements TrainingListener {

    /** The table's header line. */
    public static final String HEADER = String.format(Locale.ROOT, "%5s  %10s  %9s  %10s  %9s  %10s  %8s",
            "epoch", "train_loss", "train_acc", "val_loss", "val_acc", "lr", "seconds");

    private final PrintWriter out;
    private final PrintStream progressStream;
    private final boolean rows;
    private final int plannedEpochs;
    private ProgressBar bar;
    private long runStartNanos;
    private int epochsStarted;
    private long batchesBeforeEpoch;
    private long batchesDone;
    private long batchesTotal;

    /**
     * Creates a reporter that prints the table.
     *
     * @param out where the table goes
     * @param progressStream where the progress bar goes, or {@code null} for no progress bar
     * @param plannedEpochs the number of epochs this reporter will see at most (over every run it follows), for
     *     the run's estimated time left; {@code >= 1}
     * @throws IllegalArgumentException if {@code plannedEpochs < 1}
     */
    public ConsoleReporter(PrintWriter out, PrintStream progressStream, int plannedEpochs) {
        this(out, progressStream, true, plannedEpochs);
    }

    /**
     * Creates a reporter.
     *
     * @param out where the table goes
     * @param progressStream where the progress bar goes, or {@code null} for no progress bar
     * @param rows whether to print a table row after each epoch (comparisons and searches print their own
     *     tables and show only the progress bar)
     * @param plannedEpochs the number of epochs this reporter will see at most, over every run it follows (a
     *     comparison's variants times their epochs, say), for the estimated time left; {@code >= 1}
     * @throws IllegalArgumentException if {@code plannedEpochs < 1}
     */
    public ConsoleReporter(PrintWriter out, PrintStream progressStream, boolean rows, int plannedEpochs) {
        if (plannedEpochs < 1) {
            throw new IllegalArgumentException("ConsoleReporter: plannedEpochs must be >= 1, got " + plannedEpochs);
        }
        this.out = out;
        this.progressStream = progressStream;
        this.rows = rows;
        this.plannedEpochs = plannedEpochs;
    }

    /**
     * The estimated time left of a run at a constant rate: {@code elapsed * (total - done) / done}
     * (the rate so far, {@code done / elapsed} batches per millisecond, applied to the batches left).
     *
     * @param done the mini-batches finished so far, in {@code [0, total]}
     * @param total the mini-batches of the whole run, {@code >= 0}
     * @param elapsedMillis the milliseconds since the run's first batch started, {@code >= 0}
     * @return the estimated milliseconds left (rounded to the nearest), 0 when nothing is left, or -1 when
     *     nothing is done yet (no rate to extrapolate)
     * @throws IllegalArgumentException if {@code done} is outside {@code [0, total]} or {@code elapsedMillis < 0}
     */
    public static long remainingMillis(long done, long total, long elapsedMillis) {
        if (total < 0 || done < 0 || done > total) {
            throw new IllegalArgumentException("remainingMillis: done must be in [0, total], got done " + done
                    + " and total " + total);
        }
        if (elapsedMillis < 0) {
            throw new IllegalArgumentException("remainingMillis: elapsedMillis must be >= 0, got " + elapsedMillis);
        }
        if (done == total) {
            return 0;
        }
        if (done == 0) {
            return -1;
        }
        return Math.round((double) elapsedMillis * (total - done) / done);
    }

    /**
     * A duration as a clock: {@code m:ss} below an hour, {@code h:mm:ss} from an hour on, or {@code ?} when
     * unknown.
     *
     * @param millis milliseconds, rounded to whole seconds; negative for unknown
     * @return for example {@code 0:07}, {@code 12:30} or {@code 1:02:03}
     */
    public static String clock(long millis) {
        if (millis < 0) {
            return "?";
        }
        long seconds = (millis + 500) / 1000;
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
                : String.format(Locale.ROOT, "%d:%02d", m, s);
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
                accuracy(m.trainAccuracy()), loss(m.validationLoss()), accuracy(m.validationAccuracy()),
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
     * An accuracy (also a precision or a recall) as a fraction in {@code [0, 1]} with four decimals, the unit of
     * every file and plot, or {@code -} when missing.
     *
     * @param accuracy a fraction in {@code [0, 1]}, or NaN
     * @return for example {@code 0.8812}
     */
    public static String accuracy(double accuracy) {
        return Double.isNaN(accuracy) ? "-" : String.format(Locale.ROOT, "%.4f", accuracy);
    }

    @Override
    public void epochStarted(int epoch, int batches) {
        if (epochsStarted == 0) {
            runStartNanos = System.nanoTime();
        }
        batchesBeforeEpoch = batchesDone;
        int epochsLeft = Math.max(1, plannedEpochs - epochsStarted);
        batchesTotal = batchesDone + (long) batches * epochsLeft;
        epochsStarted++;
        if (progressStream != null) {
            bar = new ProgressBarBuilder().setTaskName("epoch " + epoch).setInitialMax(batches)
                    .setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(progressStream))
                    .clearDisplayOnFinish().build();
        }
    }

    @Override
    public void batchFinished(int epoch, int batch, double loss) {
        batchesDone = batchesBeforeEpoch + batch;
        if (bar != null) {
            bar.step();
            long elapsed = (System.nanoTime() - runStartNanos) / 1_000_000;
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f, run %s left", loss,
                    clock(remainingMillis(Math.min(batchesDone, batchesTotal), batchesTotal, elapsed))));
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

    /**
     * The mini-batches finished so far, over every epoch and run this reporter has seen.
     *
     * @return the count
     */
    long batchesDone() {
        return batchesDone;
    }

    /**
     * The estimated mini-batches of the whole run: those done before the current epoch plus the current epoch's
     * count times the planned epochs not finished yet (re-estimated at each epoch's start, since a search's trials
     * may differ in batch count).
     *
     * @return the estimate, 0 before the first epoch
     */
    long batchesTotal() {
        return batchesTotal;
    }

    /** Removes a progress bar that is still shown (after an error, say). */
    public void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
