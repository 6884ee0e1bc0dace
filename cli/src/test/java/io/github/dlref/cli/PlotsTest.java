package io.github.dlref.cli;

import io.github.dlref.train.EpochMetrics;
import io.github.dlref.train.MetricsFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {

    @TempDir
    Path tmp;

    private static final List<EpochMetrics> HISTORY = List.of(
            new EpochMetrics(1, 1.0, 0.5, Double.NaN, Double.NaN, 0.1, 1),
            new EpochMetrics(2, 0.5, 0.7, Double.NaN, Double.NaN, 0.1, 1),
            new EpochMetrics(3, 0.25, 0.9, Double.NaN, Double.NaN, 0.1, 1));

    @Test
    void writesAPngOfTheRequestedSizeAndSkipsMissingValues() throws IOException {
        Path png = tmp.resolve("p.png");
        Plots.write(png, 321, 123, Reports.panels(HISTORY, "t"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(321, image.getWidth());
        assertEquals(123, image.getHeight());
    }

    @Test
    void aPanelWithNothingToDrawSaysSoInsteadOfFailing() {
        Plots.Panel empty = new Plots.Panel("empty", "x", "y", true, List.of(
                new Plots.Series("nan", new double[] {1, 2}, new double[] {Double.NaN, Double.POSITIVE_INFINITY})));
        BufferedImage image = Plots.render(300, 200, List.of(empty));
        int white = 0xFFFFFFFF;
        boolean drawn = false;
        for (int y = 0; y < 200 && !drawn; y++) {
            for (int x = 0; x < 300 && !drawn; x++) {
                drawn = image.getRGB(x, y) != white;
            }
        }
        assertNotEquals(false, drawn, "the message is drawn");
    }

    @Test
    void badSizesAndSeriesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Plots.write(tmp.resolve("x.png"), 99, 200,
                Reports.panels(HISTORY, "t")));
        assertThrows(IllegalArgumentException.class, () -> Plots.write(tmp.resolve("x.png"), 200, 200, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Plots.Series("s", new double[2], new double[3]));
    }

    @Test
    void aDegenerateAxisIsWidenedAroundItsOnlyValue() {
        assertArrayEquals(new double[] {0, 2}, Plots.widened(1, 1));
        assertArrayEquals(new double[] {36, 44}, Plots.widened(40, 40));
        assertArrayEquals(new double[] {0.45, 0.55}, Plots.widened(0.5, 0.5));
        assertArrayEquals(new double[] {-1, 1}, Plots.widened(0, 0), "0 is a whole number");
        // d = 0.30000001, ends rounded outwards to tenths
        assertArrayEquals(new double[] {2.7, 3.4}, Plots.widened(3.0000001, 3.0000001));
        // a one-epoch Iris run: loss 1.159432287954008, accuracy 1/3
        assertArrayEquals(new double[] {1.0, 1.3}, Plots.widened(1.159432287954008, 1.159432287954008));
        assertArrayEquals(new double[] {0.28, 0.39}, Plots.widened(1.0 / 3, 1.0 / 3));
        assertArrayEquals(new double[] {1, 3}, Plots.widened(1, 3), "a range with extent is kept");
        assertThrows(IllegalArgumentException.class, () -> Plots.widened(2, 1));
        assertThrows(IllegalArgumentException.class, () -> Plots.widened(Double.NaN, 1));
    }

    @Test
    void aOneEpochPlotHasAxesWithExtent() {
        // without a validation set: one point per panel, so both axes would hold a single value (XChart then
        // draws one tick label per axis and no scale)
        List<EpochMetrics> one = List.of(new EpochMetrics(1, 0.8, 0.75, Double.NaN, Double.NaN, 0.1, 1));
        List<Plots.Panel> panels = Reports.panels(one, "t");
        for (int p = 0; p < 2; p++) {
            XYChart chart = Plots.chart(600, 500, panels.get(p));
            assertEquals(0.0, chart.getStyler().getXAxisMin(), "epoch 1 in the middle of [0, 2]");
            assertEquals(2.0, chart.getStyler().getXAxisMax());
            double y = p == 0 ? 0.8 : 0.75;
            assertTrue(chart.getStyler().getYAxisMin() < y && y < chart.getStyler().getYAxisMax(),
                    chart.getStyler().getYAxisMin() + " .. " + chart.getStyler().getYAxisMax());
        }
        // two epochs have extent: XChart's own range
        XYChart two = Plots.chart(600, 500, Reports.panels(HISTORY, "t").get(1));
        assertNull(two.getStyler().getXAxisMin());
        assertNull(two.getStyler().getYAxisMin());
    }

    @Test
    void aOneEpochPlotPutsItsPointInsideTheAxes() {
        List<EpochMetrics> one = List.of(new EpochMetrics(1, 0.8, 0.75, Double.NaN, Double.NaN, 0.1, 1));
        int width = 1200;
        int height = 500;
        BufferedImage image = Plots.render(width, height, Reports.panels(one, "t"));
        // the series markers (saturated colours; axes, text and grid are grey) sit well inside each panel:
        // with a degenerate axis XChart puts a single point on the panel's edge or not at all
        for (int panel = 0; panel < 2; panel++) {
            int x0 = panel * width / 2;
            long sumX = 0;
            int count = 0;
            for (int y = 0; y < height; y++) {
                for (int x = x0; x < x0 + width / 2; x++) {
                    int rgb = image.getRGB(x, y);
                    int r = (rgb >> 16) & 0xFF;
                    int g = (rgb >> 8) & 0xFF;
                    int b = rgb & 0xFF;
                    if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80) {
                        sumX += x - x0;
                        count++;
                    }
                }
            }
            assertTrue(count > 0, "panel " + panel + " draws its points");
            double meanX = (double) sumX / count;
            assertTrue(meanX > 0.2 * width / 2 && meanX < 0.8 * width / 2,
                    "panel " + panel + ": coloured pixels centred at x = " + meanX);
        }
    }

    @Test
    void accuracyPanelsNameTheirUnit() {
        assertEquals("accuracy (fraction, 0 to 1)", Reports.ACCURACY_AXIS);
        assertEquals(Reports.ACCURACY_AXIS, Reports.panels(HISTORY, "t").get(1).yTitle());
    }

    @Test
    void csvHasOneRowPerEpochAndEmptyFieldsForMissingValues() {
        String csv = MetricsFiles.csv(HISTORY);
        String[] lines = csv.split("\n");
        assertEquals(4, lines.length);
        assertEquals("2,0.5,0.7,,,0.1,1.0", lines[2]);
    }
}
