package io.github.dlref.cli;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots of curves with XChart: one image of {@code width x height} pixels holding one or more line charts
 * (panels) side by side. Rendering is headless: {@code java.awt.headless} is set to {@code true} unless the
 * JVM was started with a value for it.
 *
 * <p>Points whose value is NaN or infinite (a diverged run, a missing validation set), or not positive on a
 * logarithmic axis, are left out of their series; a series with no point left is not drawn, and a panel with no
 * series says so in its place. A logarithmic y axis is used only when the values span at least a factor of 10
 * (XChart labels a logarithmic axis at powers of 10 only); otherwise the axis is linear. The legend sits in the
 * upper right corner, or in the lower right one when most curves rise (accuracies).
 *
 * <p>An axis whose drawn values are all equal (a run of one epoch, a constant accuracy) would have no extent;
 * it is widened around that value by {@link #widened(double, double)}, so one point sits in the middle of a
 * readable axis.
 */
public final class Plots {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** The default image width in pixels. */
    public static final int DEFAULT_WIDTH = 1200;

    /** The default image height in pixels. */
    public static final int DEFAULT_HEIGHT = 500;

    private Plots() {
    }

    /**
     * One named curve.
     *
     * @param name the legend entry
     * @param x the x values
     * @param y the y values, as many as {@code x}
     */
    public record Series(String name, double[] x, double[] y) {

        /**
         * Validates.
         *
         * @param name the legend entry
         * @param x the x values
         * @param y the y values
         * @throws IllegalArgumentException if the lengths differ
         */
        public Series {
            Objects.requireNonNull(name, "Series: name must not be null");
            if (x.length != y.length) {
                throw new IllegalArgumentException("Series '" + name + "': " + x.length + " x values but " + y.length
                        + " y values");
            }
            x = x.clone();
            y = y.clone();
        }
    }

    /**
     * One chart of an image.
     *
     * @param title the chart title
     * @param xTitle the x-axis title
     * @param yTitle the y-axis title
     * @param logarithmicY whether the y axis is logarithmic
     * @param series the curves
     */
    public record Panel(String title, String xTitle, String yTitle, boolean logarithmicY, List<Series> series) {

        /**
         * Copies the series.
         *
         * @param title the title
         * @param xTitle the x-axis title
         * @param yTitle the y-axis title
         * @param logarithmicY whether the y axis is logarithmic
         * @param series the curves
         */
        public Panel {
            series = List.copyOf(series);
        }
    }

    /**
     * Renders panels side by side into one PNG file (written to a temporary file and then moved into place).
     *
     * @param file the PNG file to write
     * @param width the image width in pixels, {@code >= 100}
     * @param height the image height in pixels, {@code >= 100}
     * @param panels the charts, left to right; at least one
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if the size is too small or there is no panel
     */
    public static void write(Path file, int width, int height, List<Panel> panels) throws IOException {
        if (width < 100 || height < 100) {
            throw new IllegalArgumentException("plot: size must be at least 100x100 pixels, got " + width + "x" + height);
        }
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("plot: no panel to draw");
        }
        BufferedImage image = render(width, height, panels);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        if (!ImageIO.write(image, "png", tmp.toFile())) {
            throw new IOException("plot: no PNG writer available to write " + file);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Renders panels side by side into an image.
     *
     * @param width the image width in pixels
     * @param height the image height in pixels
     * @param panels the charts
     * @return the image
     */
    static BufferedImage render(int width, int height, List<Panel> panels) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int n = panels.size();
            for (int i = 0; i < n; i++) {
                int x0 = i * width / n;
                int w = (i + 1) * width / n - x0;
                Graphics2D sub = (Graphics2D) g.create(x0, 0, w, height);
                try {
                    draw(sub, w, height, panels.get(i));
                } finally {
                    sub.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Whether the curves mostly end higher than they start (then the legend goes to the lower right corner). */
    private static boolean rising(Panel panel) {
        int up = 0;
        int down = 0;
        for (Series s : panel.series()) {
            double first = Double.NaN;
            double last = Double.NaN;
            for (double y : s.y()) {
                if (Double.isFinite(y)) {
                    if (Double.isNaN(first)) {
                        first = y;
                    }
                    last = y;
                }
            }
            if (last > first) {
                up++;
            } else if (last < first) {
                down++;
            }
        }
        return up > down;
    }

    private static boolean spansADecade(Panel panel) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Series s : panel.series()) {
            for (double y : s.y()) {
                if (Double.isFinite(y) && y > 0) {
                    min = Math.min(min, y);
                    max = Math.max(max, y);
                }
            }
        }
        return max >= 10 * min;
    }

    /**
     * The range of a linear axis whose values span {@code [min, max]}: the same range when {@code min < max}
     * (XChart pads it), else a range around the single value {@code v = min} that holds {@code [v - d, v + d]},
     * with {@code d = max(|v| / 10, 1)} when {@code v} is a whole number (an epoch, an iteration), {@code
     * d = max(|v| / 10, 0.05)} otherwise (a loss, an accuracy), its ends rounded outwards to multiples of
     * {@code s = 10^floor(log10 d)} so the axis labels are short ({@code 1.159...} gives {@code [1.0, 1.3]}).
     *
     * @param min the smallest finite value drawn
     * @param max the largest finite value drawn, {@code >= min}
     * @return {@code {low, high}} with {@code low < high}
     * @throws IllegalArgumentException if a bound is not finite or {@code max < min}
     */
    static double[] widened(double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || max < min) {
            throw new IllegalArgumentException("plot: an axis range needs finite min <= max, got [" + min + ", "
                    + max + "]");
        }
        if (min < max) {
            return new double[] {min, max};
        }
        double d = Math.max(Math.abs(min) / 10, min == Math.rint(min) ? 1 : 0.05);
        int exponent = (int) Math.floor(Math.log10(d));
        // multiples of s = 10^exponent, as k * s for s >= 1 and k / (1 / s) below (1 / s is then exact); the
        // 1e-9 keeps a bound that is a multiple up to rounding (0.45 * 100 = 45.00000000000001) from moving out
        double scale = Math.pow(10, Math.abs(exponent));
        if (exponent >= 0) {
            return new double[] {Math.floor((min - d) / scale + 1e-9) * scale,
                Math.ceil((min + d) / scale - 1e-9) * scale};
        }
        return new double[] {Math.floor((min - d) * scale + 1e-9) / scale,
            Math.ceil((min + d) * scale - 1e-9) / scale};
    }

    private static void draw(Graphics2D g, int width, int height, Panel panel) {
        XYChart chart = chart(width, height, panel);
        if (chart == null) {
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            g.drawString(panel.title() + ": no finite values to plot", 20, height / 2);
            return;
        }
        chart.paint(g, width, height);
    }

    /**
     * Builds one panel's chart: its finite points, the legend's corner, the y axis's scale and, for an axis
     * whose values are all equal, the {@link #widened(double, double)} range.
     *
     * @param width the panel width in pixels
     * @param height the panel height in pixels
     * @param panel the panel
     * @return the chart, or {@code null} when no series has a point to draw
     */
    static XYChart chart(int width, int height, Panel panel) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(panel.title())
                .xAxisTitle(panel.xTitle()).yAxisTitle(panel.yTitle()).build();
        chart.getStyler().setLegendPosition(rising(panel) ? Styler.LegendPosition.InsideSE
                : Styler.LegendPosition.InsideNE);
        boolean logarithmic = panel.logarithmicY() && spansADecade(panel);
        chart.getStyler().setYAxisLogarithmic(logarithmic);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        int drawn = 0;
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Series s : panel.series()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int k = 0; k < s.x().length; k++) {
                double y = s.y()[k];
                if (Double.isFinite(s.x()[k]) && Double.isFinite(y) && (!logarithmic || y > 0)) {
                    xs.add(s.x()[k]);
                    ys.add(y);
                    xMin = Math.min(xMin, s.x()[k]);
                    xMax = Math.max(xMax, s.x()[k]);
                    yMin = Math.min(yMin, y);
                    yMax = Math.max(yMax, y);
                }
            }
            if (!xs.isEmpty()) {
                XYSeries series = chart.addSeries(s.name(), xs, ys);
                series.setMarker(xs.size() > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
                drawn++;
            }
        }
        if (drawn == 0) {
            return null;
        }
        if (xMin == xMax) {
            double[] range = widened(xMin, xMax);
            chart.getStyler().setXAxisMin(range[0]).setXAxisMax(range[1]);
        }
        if (yMin == yMax && !logarithmic) {
            double[] range = widened(yMin, yMax);
            chart.getStyler().setYAxisMin(range[0]).setYAxisMax(range[1]);
        }
        return chart;
    }
}
