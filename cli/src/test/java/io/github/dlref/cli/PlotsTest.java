package io.github.dlref.cli;

import io.github.dlref.train.EpochMetrics;
import io.github.dlref.train.MetricsFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
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
    void csvHasOneRowPerEpochAndEmptyFieldsForMissingValues() {
        String csv = MetricsFiles.csv(HISTORY);
        String[] lines = csv.split("\n");
        assertEquals(4, lines.length);
        assertEquals("2,0.5,0.7,,,0.1,1.0", lines[2]);
    }
}
