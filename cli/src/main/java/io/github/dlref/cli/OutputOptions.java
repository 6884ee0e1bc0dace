package io.github.dlref.cli;

import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The progress and plot options ({@code --no-progress}, {@code --plot-width}, {@code --plot-height}): a picocli
 * mixin shared by {@code train}, {@code compare} and {@code search}.
 */
final class OutputOptions {

    @Option(names = "--no-progress", order = 60,
            description = "No progress bar (it is shown only when a console is attached anyway).")
    boolean noProgress;

    @Option(names = "--plot-width", paramLabel = "PX", defaultValue = "" + Plots.DEFAULT_WIDTH, order = 61,
            description = "Plot width in pixels, 100 to 8192 (default: ${DEFAULT-VALUE}).")
    int plotWidth = Plots.DEFAULT_WIDTH;

    @Option(names = "--plot-height", paramLabel = "PX", defaultValue = "" + Plots.DEFAULT_HEIGHT, order = 62,
            description = "Plot height in pixels, 100 to 8192 (default: ${DEFAULT-VALUE}).")
    int plotHeight = Plots.DEFAULT_HEIGHT;

    /** Creates the option group (picocli fills it). */
    OutputOptions() {
    }

    /**
     * The stream for the progress bar: standard error when a console is attached and {@code --no-progress}
     * was not given, otherwise none (so redirected output and tests get no control characters).
     *
     * @return {@link System#err} or {@code null}
     */
    PrintStream progressStream() {
        return !noProgress && System.console() != null ? System.err : null;
    }

    /**
     * Checks the plot size.
     *
     * @param cl the command line, for the error
     * @throws ParameterException if the width or height is below 100 or above {@value #MAX_PLOT_SIDE} pixels
     */
    void checkPlotSize(CommandLine cl) {
        if (plotWidth < 100 || plotHeight < 100 || plotWidth > MAX_PLOT_SIDE || plotHeight > MAX_PLOT_SIDE) {
            throw new ParameterException(cl, "--plot-width and --plot-height must be 100 to " + MAX_PLOT_SIDE
                    + " pixels, got " + plotWidth + "x" + plotHeight);
        }
    }

    /** The largest plot side: 8192 x 8192 pixels is 256 MB of image before PNG encoding. */
    static final int MAX_PLOT_SIDE = 8192;
}
