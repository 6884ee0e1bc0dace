package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlref.cli.TrainCommandTest.CliRun;
import io.github.dlref.verify.oracle.spec.SpecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchCommandTest {

    @TempDir
    Path tmp;

    @Test
    void searchesSortsAndWritesABestSpecThatTrainReproduces() throws IOException {
        Path out = tmp.resolve("search");
        CliRun r = CliRun.of("search", "--dataset", "spiral", "--hidden", "16", "--trials", "3", "--epochs", "3",
                "--batch-size", "60", "--lr-range", "1e-3,1e-1", "--hidden-range", "8,24", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("trial 3/3"), r.out());

        List<String> csv = Files.readAllLines(out.resolve("search.csv"));
        assertEquals(4, csv.size());
        double previous = Double.POSITIVE_INFINITY;
        for (int i = 1; i < csv.size(); i++) {
            String[] f = csv.get(i).split(",", -1);
            assertEquals(Integer.toString(i), f[0], "rank");
            double lr = Double.parseDouble(f[2]);
            assertTrue(lr >= 1e-3 && lr <= 1e-1, "lr " + lr);
            int hidden = Integer.parseInt(f[4]);
            assertTrue(hidden >= 8 && hidden <= 24, "hidden " + hidden);
            double score = Double.parseDouble(f[6]);
            assertTrue(score <= previous, "sorted by validation accuracy: " + csv);
            previous = score;
        }

        Path spec = out.resolve("best.spec.json");
        SpecParser.parse(spec);
        Path again = tmp.resolve("again");
        CliRun t = CliRun.of("train", "--spec", spec.toString(), "--out", again.toString());
        assertEquals(0, t.exit(), t.err());
        JsonNode best = new ObjectMapper().readTree(out.resolve("search.json").toFile()).get("trials").get(0);
        List<String> metrics = Files.readAllLines(again.resolve("metrics.csv"));
        assertEquals(1 + 3, metrics.size(), "the spec's steps are 3 epochs");
        String[] last = metrics.get(3).split(",", -1);
        assertEquals(best.get("train_loss").asDouble(), Double.parseDouble(last[1]), "bit for bit");
        assertEquals(best.get("validation_loss").asDouble(), Double.parseDouble(last[3]), "bit for bit");
        assertEquals(best.get("validation_accuracy").asDouble(), Double.parseDouble(last[4]));
    }

    @Test
    void searchedOptionsAndBadRangesAreUsageErrors() {
        CliRun lr = CliRun.of("search", "--lr", "0.1", "--out", tmp.resolve("x").toString());
        assertEquals(2, lr.exit());
        assertTrue(lr.err().contains("--lr is searched"), lr.err());
        CliRun range = CliRun.of("search", "--lr-range", "0.1,0.01", "--out", tmp.resolve("x").toString());
        assertEquals(2, range.exit());
        assertTrue(range.err().contains("learning-rate range must satisfy 0 < min <= max, got [0.1, 0.01]"),
                range.err());
        CliRun noValidation = CliRun.of("search", "--validation-fraction", "0", "--out", tmp.resolve("x").toString());
        assertEquals(2, noValidation.exit());
        assertTrue(noValidation.err().contains("validation set, which is empty"), noValidation.err());
        assertTrue(Files.notExists(tmp.resolve("x")));
    }
}
