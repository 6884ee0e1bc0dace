package io.github.dlref.verify.oracle.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile specs are refused before anything is allocated or run (issue 17): a generated dataset above
 * {@link SpecBuilders#MAX_DATA_VALUES}, a trajectory above {@link Spec#MAX_TRAJECTORY_VALUES}, a file above
 * {@link SpecParser#MAX_FILE_BYTES} (reading stops there, so {@code /dev/zero} ends), bytes that are not UTF-8
 * (named by offset), and Jackson's syntax messages reach the user without a {@code [Source: ...]} location.
 */
class SpecInputLimitsTest {

    @TempDir
    Path dir;

    private static String withDataset(String dataset, int input, String layers) {
        return """
                {"format": "dlref.spec.v1",
                 "model": {"input": INPUT, "layers": LAYERS},
                 "parameters": {"seed": 1},
                 "data": {"dataset": DATASET},
                 "loss": {"type": "cross_entropy"},
                 "optimizer": {"type": "sgd", "preset": "pytorch", "lr": 0.1},
                 "training": {"steps": 1, "batch_size": 4}}
                """.replace("INPUT", Integer.toString(input)).replace("LAYERS", layers).replace("DATASET", dataset);
    }

    private static SpecException refused(String text) {
        return assertThrows(SpecException.class, () -> SpecParser.parse(text));
    }

    @Test
    void everyGeneratorIsLimitedByTheSettingThatMakesItLarge() {
        String linear3 = "[{\"type\": \"linear\", \"out\": 3}]";
        SpecException spiral = refused(withDataset("{\"type\": \"spiral\", \"points_per_class\": 1000000000, "
                + "\"classes\": 3, \"seed\": 1}", 2, linear3));
        assertEquals("$.data.dataset.points_per_class", spiral.path());
        assertEquals("the dataset \"spiral\" would hold 3000000000 samples of 5 values, more than the limit of "
                + "50000000 values; the oracle refuses it before allocating", spiral.problem());
        SpecException classes = refused(withDataset("{\"type\": \"spiral\", \"points_per_class\": 10, "
                + "\"classes\": 100000, \"seed\": 1}", 2, linear3));
        assertEquals("$.data.dataset.classes", classes.path());

        SpecException moons = refused(withDataset("{\"type\": \"two_moons\", \"n\": 12500001, \"seed\": 1}", 2,
                "[{\"type\": \"linear\", \"out\": 2}]"));
        assertEquals("$.data.dataset.n", moons.path());
        assertEquals("the dataset \"two_moons\" would hold 12500001 samples of 4 values, more than the limit of "
                + "50000000 values; the oracle refuses it before allocating", moons.problem());

        SpecException features = refused(withDataset("{\"type\": \"blobs\", \"n\": 100, \"centers\": 3, "
                + "\"features\": 1000000000, \"seed\": 1}", 2, linear3));
        assertEquals("$.data.dataset.features", features.path());
        SpecException n = refused(withDataset("{\"type\": \"blobs\", \"n\": 2000000000, \"centers\": 3, "
                + "\"features\": 2, \"seed\": 1}", 2, linear3));
        assertEquals("$.data.dataset.n", n.path());
        assertEquals("the dataset \"blobs\" would hold 2000000000 samples of 5 and 3 centers of 2 values, more than "
                + "the limit of 50000000 values; the oracle refuses it before allocating", n.problem());
        SpecException centers = refused(withDataset("{\"type\": \"blobs\", \"n\": 10, \"centers\": 100000000, "
                + "\"features\": 2, \"seed\": 1}", 2, linear3));
        assertEquals("$.data.dataset.centers", centers.path());

        SpecException regression = refused(withDataset("{\"type\": \"linear_regression\", \"n\": 30000000, "
                + "\"weight\": [[1.0, 2.0]], \"bias\": [[0.5]], \"seed\": 1}", 2, "[{\"type\": \"linear\", "
                + "\"out\": 1}]").replace("cross_entropy", "mse"));
        assertEquals("$.data.dataset.n", regression.path());
        assertTrue(regression.problem().startsWith("the dataset \"linear_regression\" would hold 30000000 samples of"
                + " 3 values"), regression.problem());
    }

    @Test
    void smallGeneratedDatasetsPass() {
        assertEquals(300, SpecBuilders.dataset(SpecParser.parse(withDataset("{\"type\": \"spiral\", "
                + "\"points_per_class\": 100, \"classes\": 3, \"seed\": 1}", 2, "[{\"type\": \"linear\", "
                + "\"out\": 3}]")).data(), 3).size());
        assertEquals(50, SpecBuilders.dataset(SpecParser.parse(withDataset("{\"type\": \"blobs\", \"n\": 50, "
                + "\"centers\": 3, \"features\": 4, \"seed\": 1}", 4, "[{\"type\": \"linear\", \"out\": 3}]")).data(),
                3).size());
    }

    @Test
    void aTrajectoryAboveTheLimitIsRefusedByItsSteps() {
        String small = withDataset("{\"type\": \"xor\"}", 2, "[{\"type\": \"linear\", \"out\": 2}]");
        // 2 x 2 weight + 2 bias = 6 entries; batch 4: 4 + 4 * 6 + 2 = 30 values per step
        SpecException e = refused(small.replace("\"steps\": 1,", "\"steps\": 1000000000,"));
        assertEquals("$.training.steps", e.path());
        assertEquals("1000000000 steps would record about 30000000000 values (30 per step: the batch's sample "
                + "indices, the loss, and for each of the 6 parameter entries its gradient, value and optimizer state),"
                + " more than the limit of 20000000; use fewer steps", e.problem());
        assertEquals("$.training.steps", refused(small.replace("\"steps\": 1,", "\"steps\": 666667,")).path());
        // exactly at the limit: 666666 * 30 = 19999980 values
        assertEquals(666666, SpecParser.parse(small.replace("\"steps\": 1,", "\"steps\": 666666,")).training().steps());
    }

    @Test
    void filesAreReadUpToTheLimitAsStrictUtf8() throws IOException {
        assertEquals(64L << 20, SpecParser.MAX_FILE_BYTES);
        Path f = dir.resolve("s.json");
        Files.write(f, new byte[] {'{', '\n', '"', (byte) 0xFF, '"', '}'});
        SpecException bad = assertThrows(SpecException.class, () -> SpecParser.readFile(f));
        assertEquals("$", bad.path());
        assertEquals("not valid UTF-8: malformed byte sequence at byte offset 3 (0xFF), line 2", bad.problem());
        assertEquals("cannot read " + dir.resolve("missing.json") + ": no such file",
                assertThrows(SpecException.class, () -> SpecParser.readFile(dir.resolve("missing.json"))).problem());
        String directory = assertThrows(SpecException.class, () -> SpecParser.readFile(dir)).problem();
        assertTrue(directory.startsWith("cannot read " + dir + ": ") && !directory.contains("\n"), directory);
        Files.writeString(f, "{\"a\": 1}", StandardCharsets.UTF_8);
        assertEquals("{\"a\": 1}", SpecParser.readFile(f));
    }

    @Test
    void devZeroEndsAtTheLimit() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero), "no /dev/zero on this platform");
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.readFile(zero));
        assertEquals("larger than the limit of 67108864 bytes (64 MiB); reading stopped there", e.problem());
    }

    @Test
    void syntaxErrorsAreOneLineWithoutJacksonsLocation() {
        for (String text : List.of("{\"format\": ", "{\"a\": [1, 2", "{\"a\": \"x", "[}", "{\"a\":1}{", "{\"a\": 01}",
                "{\"a\": 1, \"a\": 2}", "\"\u0000\"")) {
            SpecException e = assertThrows(SpecException.class, () -> SpecParser.readTree(text), text);
            assertEquals("$", e.path());
            assertTrue(e.problem().startsWith("invalid JSON at line "), e.problem());
            assertFalse(e.getMessage().contains("[Source") || e.getMessage().contains("\n")
                    || e.getMessage().contains("io.github") || e.getMessage().contains("`"), e.getMessage());
        }
    }

    @Test
    void cleaningKeepsPlainMessagesAndDropsJacksonsDecorations() {
        assertEquals("Unexpected end-of-input: expected close marker for Object", SpecParser.clean(
                "Unexpected end-of-input: expected close marker for Object (start marker at [Source: (String)"
                        + "\"{\"; line: 1, column: 1])\n at [Source: (String)\"{\"; line: 1, column: 2]"));
        assertEquals("limit 1000", SpecParser.clean("limit 1000 (from `StreamReadConstraints.getMaxNestingDepth()`)"));
        assertEquals("type int", SpecParser.clean("type `int`"));
        assertEquals("Foo failed", SpecParser.clean("io.github.dlref.Foo failed (class io.github.dlref.Foo)"));
        assertEquals("", SpecParser.clean(null));
    }
}
