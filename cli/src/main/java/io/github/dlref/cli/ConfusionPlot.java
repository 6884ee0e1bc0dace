package io.github.dlref.cli;

import io.github.dlref.train.ConfusionMatrix;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A PNG of a confusion matrix drawn with Java2D: a grid with one row per true class and one column per predicted
 * class, each cell holding its count and shaded by the fraction of its row (its share of the true class's
 * samples: white for 0, dark blue for 1), so the diagonal of a good classifier is dark. Class names label the rows
 * (left) and the columns (top, rotated). Rendering is headless: as in {@link Plots}, {@code java.awt.headless} is
 * set to {@code true} unless the JVM was started with a value for it.
 */
final class ConfusionPlot {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** The side of one cell in pixels. */
    static final int CELL = 56;

    private static final int MARGIN = 16;

    private ConfusionPlot() {
    }

    /**
     * Draws the matrix and writes it as a PNG.
     *
     * @param file the target file (replaced if it exists)
     * @param m the matrix
     * @param labels the class names, {@code C} of them
     * @param title the title above the grid
     * @throws IOException if the file cannot be written
     */
    static void write(Path file, ConfusionMatrix m, List<String> labels, String title) throws IOException {
        BufferedImage image = render(m, labels, title);
        // through a stream of our own: ImageIO.write(image, "png", File) prints a stack trace for a missing
        // directory before it fails
        try (OutputStream out = Files.newOutputStream(file)) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException(file + ": no PNG writer available");
            }
        }
    }

    /**
     * Draws the matrix.
     *
     * @param m the matrix
     * @param labels the class names, {@code C} of them
     * @param title the title above the grid
     * @return the image
     */
    static BufferedImage render(ConfusionMatrix m, List<String> labels, String title) {
        int c = m.numClasses();
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        Font bold = font.deriveFont(Font.BOLD, 14f);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font);
        int labelWidth = 0;
        for (String l : labels) {
            labelWidth = Math.max(labelWidth, fm.stringWidth(l));
        }
        int titleWidth = pg.getFontMetrics(bold).stringWidth(title);
        pg.dispose();
        int line = fm.getHeight();
        int left = MARGIN + line + 6 + labelWidth + 8; // axis name, class names
        int top = MARGIN + 2 * line + 6 + labelWidth + 8; // title, axis name, rotated class names
        int width = Math.max(left + c * CELL + MARGIN, titleWidth + 2 * MARGIN);
        int height = top + c * CELL + MARGIN;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(bold);
        g.drawString(title, MARGIN, MARGIN + g.getFontMetrics().getAscent());
        g.setFont(font);
        String predicted = "predicted class";
        g.drawString(predicted, left + (c * CELL - fm.stringWidth(predicted)) / 2, MARGIN + line + fm.getAscent() + 4);
        AffineTransform saved = g.getTransform();
        String actual = "true class";
        g.rotate(-Math.PI / 2);
        g.drawString(actual, -(top + (c * CELL + fm.stringWidth(actual)) / 2), MARGIN + fm.getAscent());
        g.setTransform(saved);
        for (int j = 0; j < c; j++) {
            int x = left + j * CELL + CELL / 2 + fm.getAscent() / 2 - 2;
            g.rotate(-Math.PI / 2, x, top - 6);
            g.drawString(labels.get(j), x, top - 6);
            g.setTransform(saved);
        }
        for (int i = 0; i < c; i++) {
            String l = labels.get(i);
            g.drawString(l, left - 8 - fm.stringWidth(l), top + i * CELL + (CELL + fm.getAscent()) / 2 - 2);
            long support = m.support(i);
            for (int j = 0; j < c; j++) {
                long count = m.count(i, j);
                double share = support == 0 ? 0 : (double) count / support;
                Color fill = shade(share);
                int x = left + j * CELL;
                int y = top + i * CELL;
                g.setColor(fill);
                g.fillRect(x, y, CELL, CELL);
                g.setColor(share > 0.5 ? Color.WHITE : Color.BLACK);
                String text = Long.toString(count);
                g.drawString(text, x + (CELL - fm.stringWidth(text)) / 2, y + (CELL + fm.getAscent()) / 2 - 2);
            }
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        for (int k = 0; k <= c; k++) {
            g.drawLine(left, top + k * CELL, left + c * CELL, top + k * CELL);
            g.drawLine(left + k * CELL, top, left + k * CELL, top + c * CELL);
        }
        g.dispose();
        return image;
    }

    /**
     * The fill of a cell: white blended toward dark blue ({@code #08306B}) by the cell's share of its row.
     *
     * @param share the share, in {@code [0, 1]}
     * @return the color
     */
    static Color shade(double share) {
        double t = Math.max(0, Math.min(1, share));
        return new Color((int) Math.round(255 + t * (0x08 - 255)), (int) Math.round(255 + t * (0x30 - 255)),
                (int) Math.round(255 + t * (0x6B - 255)));
    }
}
