package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.cli.TrainCommandTest.CliRun;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

    @TempDir
    Path tmp;

    @Test
    void comparesOptimizersAndStrategiesAndWritesPlotsAndTables() throws IOException {
        Path out = tmp.resolve("cmp");
        CliRun r = CliRun.of("compare", "--dataset", "iris", "--hidden", "8", "--optimizers", "sgd,adam",
                "--lrs", "0.1,1e300", "--epochs", "3", "--batch-size", "30", "--strategy-iterations", "25",
                "--plot-width", "800", "--plot-height", "300", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        for (String label : List.of("sgd lr=0.1 ", "sgd lr=1.0E300", "adam lr=0.1 ", "adam lr=1.0E300")) {
            assertTrue(r.out().contains(label), label + " in\n" + r.out());
        }
        assertTrue(r.out().contains("diverged at epoch 1"), "lr 1e300 must diverge:\n" + r.out());
        for (String strategy : List.of("random search", "random local search", "following the gradient")) {
            assertTrue(r.out().contains(strategy), strategy);
        }
        for (String png : List.of("compare.png", "strategies.png")) {
            BufferedImage image = ImageIO.read(out.resolve(png).toFile());
            assertEquals(800, image.getWidth(), png);
            assertEquals(300, image.getHeight(), png);
        }
        List<String> csv = Files.readAllLines(out.resolve("compare.csv"));
        // 2 converging runs x 3 epochs; the diverging runs complete no epoch
        assertEquals(1 + 2 * 3, csv.size(), String.join("\n", csv));
        List<String> strategies = Files.readAllLines(out.resolve("strategies.csv"));
        assertEquals(1 + 25, strategies.size());
        assertEquals("iteration,random_search,random_local_search,following_the_gradient", strategies.get(0));
    }

    @Test
    void badOptionsAreUsageErrors() {
        CliRun r = CliRun.of("compare", "--optimizers", "sgd,lion", "--out", tmp.resolve("x").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown optimizer 'lion'"), r.err());
        CliRun e = CliRun.of("compare", "--epochs", "0", "--out", tmp.resolve("x").toString());
        assertEquals(2, e.exit());
        assertTrue(e.err().contains("--epochs must be >= 1, got 0"), e.err());
        assertTrue(Files.notExists(tmp.resolve("x")));
    }
}
