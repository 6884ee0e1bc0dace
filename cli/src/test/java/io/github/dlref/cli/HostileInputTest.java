package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dlref.cli.TrainCommandTest.CliRun;
import io.github.dlref.train.Checkpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's refusals, each seen from the command line: one line on standard error naming what was wrong, exit
 * status 2 for bad input (1 for a failed write), nothing run before the refusal.
 */
class HostileInputTest {

    @TempDir
    Path tmp;

    private static CliRun refused(int exit, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(exit, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("io.github") || r.err().contains("[Source"),
                r.err());
        return r;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private Path csv(String name, String content) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    private static String rows(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i * 0.5).append(',').append(10 - i * 0.25).append(',').append(i % 3 == 0 ? 1 : 0).append('\n');
        }
        return sb.toString();
    }

    @Test
    void emptyHiddenWidthsAndAZeroLimitAreRefused() {
        CliRun hidden = refused(2, "train", "--hidden", "", "--epochs", "1", "--out", tmp.resolve("a").toString());
        assertEquals("dlref train: Invalid value for option '--hidden' (W[,W...]): hidden widths must be "
                + "comma-separated integers, or 'none' for a linear classifier; got an empty value\n", hidden.err());
        assertEquals("", hidden.out());
        refused(2, "train", "--hidden", "  ", "--epochs", "1", "--out", tmp.resolve("a").toString());
        CliRun limit = refused(2, "train", "--dataset", "csv", "--data", "x.csv", "--limit", "0", "--out",
                tmp.resolve("b").toString());
        assertEquals("dlref train: --limit must be >= 1 (omit it to read every sample), got 0\n", limit.err());
        refused(2, "compare", "--dataset", "csv", "--data", "x.csv", "--limit", "-3", "--out",
                tmp.resolve("c").toString());
        String help = CliRun.of("train", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("read at most N samples per file, N >= 1 (default: all)"), help);
        assertFalse(Files.exists(tmp.resolve("a")) || Files.exists(tmp.resolve("b")));
    }

    @Test
    void aCsvWithOneRowOrOneClassIsRefused() throws IOException {
        Path one = csv("one.csv", "1.0,2.0,0\n");
        CliRun r = refused(2, "train", "--dataset", "csv", "--data", one.toString(), "--epochs", "1", "--out",
                tmp.resolve("r").toString());
        assertEquals("dlref train: " + one + ": 1 data row; training needs at least 2\n", r.err());
        Path same = csv("same.csv", "1,2,4\n3,4,4\n5,6,4\n7,8,4\n9,0,4\n");
        CliRun c = refused(2, "train", "--dataset", "csv", "--data", same.toString(), "--epochs", "1", "--out",
                tmp.resolve("s").toString());
        assertEquals("dlref train: " + same + ": every data row has class 4 (label column 2); a classifier needs at "
                + "least 2 classes\n", c.err());
        Path limited = csv("ok.csv", rows(20));
        CliRun l = refused(2, "train", "--dataset", "csv", "--data", limited.toString(), "--limit", "1", "--epochs",
                "1", "--out", tmp.resolve("l").toString());
        assertEquals("dlref train: " + limited + ": 1 data row kept by the limit; training needs at least 2\n",
                l.err());
    }

    @Test
    void theSearchedHiddenWidthIsCheckedBeforeAnyTrial() {
        CliRun r = refused(2, "search", "--hidden-range", "1,1000000000", "--trials", "1", "--epochs", "1", "--out",
                tmp.resolve("s").toString());
        assertEquals("dlref search: --hidden-range 1,1000000000: the widest trial's model 4-1000000000-3 relu has "
                + "8000000003 parameters, more than the limit of 50000000 (8 bytes each, and as much again for "
                + "gradients and optimizer state); use smaller hidden widths (lower the range's maximum)\n", r.err());
        assertEquals("", r.out(), "no trial ran");
    }

    @Test
    void devZeroAndNonUtf8InputsAreRefusedByLimitAndOffset() throws IOException {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero), "no /dev/zero on this platform");
        CliRun r = refused(2, "run", "/dev/zero");
        assertEquals("dlref run: /dev/zero: $: larger than the limit of 67108864 bytes (64 MiB); reading stopped "
                + "there\n", r.err());
        Path spec = tmp.resolve("latin1.spec.json");
        Files.write(spec, new byte[] {'{', '\n', ' ', '"', 'f', (byte) 0xE9, '"', ':', '1', '}'});
        CliRun bad = refused(2, "run", spec.toString());
        assertEquals("dlref run: " + spec + ": $: not valid UTF-8: malformed byte sequence at byte offset 5 (0xE9), "
                + "line 2\n", bad.err());
        Path good = OracleCliRun.write(tmp, "good.spec.json", OracleCliRun.MLP);
        CliRun traj = refused(2, "check", good.toString(), spec.toString());
        assertTrue(traj.err().contains(spec + ": $: not valid UTF-8: malformed byte sequence at byte offset 5"),
                traj.err());
        Path csv = tmp.resolve("latin1.csv");
        Files.write(csv, new byte[] {'1', ',', '2', '\n', '3', ',', (byte) 0xFF, '\n'});
        CliRun data = refused(2, "train", "--dataset", "csv", "--data", csv.toString(), "--out",
                tmp.resolve("o").toString());
        assertEquals("dlref train: " + csv + ", line 2, column 2: not valid UTF-8: malformed byte sequence at byte "
                + "offset 6 (0xFF)\n", data.err());
    }

    @Test
    void writeFailuresNameThePathAndTheReason() {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "no /dev/full on this platform");
        Path spec = OracleCliRun.write(tmp, "s.json", OracleCliRun.MLP);
        assertEquals("dlref run: cannot write /dev/full: No space left on device\n",
                refused(1, "run", spec.toString(), "--out", "/dev/full").err());
        assertEquals("dlref run: cannot write /dev/full/x: Not a directory\n",
                refused(1, "run", spec.toString(), "--out", "/dev/full/x").err());
        CliRun train = refused(1, "train", "--epochs", "1", "--hidden", "4", "--out", "/dev/full/run");
        assertTrue(train.err().startsWith("dlref train: cannot write ") && train.err().contains("/dev/full/run")
                && train.err().contains("Not a directory"), train.err());
    }

    @Test
    void jacksonMessagesReachTheUserWithoutClassNames() throws Exception {
        Path out = tmp.resolve("run");
        assertEquals(0, CliRun.of("train", "--epochs", "1", "--hidden", "4", "--out", out.toString()).exit());
        Path generation = Checkpoint.current(out.resolve("checkpoint")).orElseThrow();
        Path state = generation.resolve(Checkpoint.STATE_FILE);
        String good = Files.readString(state);
        String[][] cases = {
            {"\"hidden\" : [", "\"evil\" : 1, \"hidden\" : [", "$.config.model.evil: unknown key \"evil\""},
            {"\"epochs\" : 1,", "\"epochs\" : \"abc\",", "$.config.epochs: expected an integer, got \"abc\""},
            {"\"activation\" : \"RELU\"", "\"activation\" : \"EVIL\"", "$.config.model.activation: expected one of"},
            {"\"format\" : \"dlref-checkpoint\",", "\"format\" : \"dlref-checkpoint\", \"x\" : [1,", "not valid JSON"},
        };
        for (String[] c : cases) {
            assertTrue(good.contains(c[0]), c[0] + " in " + good);
            Files.writeString(state, good.replace(c[0], c[1]), StandardCharsets.UTF_8);
            rewriteManifest(generation);
            CliRun r = refused(2, "train", "--resume", out.toString(), "--epochs", "2");
            assertTrue(r.err().startsWith("dlref train: " + state + ": "), r.err());
            assertTrue(r.err().contains(c[2]), r.err());
            assertFalse(r.err().contains("class ") || r.err().contains("`"), r.err());
        }
    }

    @Test
    void aResumeOnChangedOrCraftedDataIsRefusedWithoutEchoingTheFile() throws Exception {
        Path data = csv("d.csv", rows(30));
        Path out = tmp.resolve("run");
        CliRun first = CliRun.of("train", "--dataset", "csv", "--data", data.toString(), "--epochs", "1", "--hidden",
                "4", "--out", out.toString());
        assertEquals(0, first.exit(), first.err());
        Files.writeString(data, rows(30).replace("0.5,", "0.6,"), StandardCharsets.UTF_8);
        CliRun changed = refused(2, "train", "--resume", out.toString(), "--epochs", "2");
        assertTrue(changed.err().startsWith("dlref train: checkpoint: data file " + data + " has "), changed.err());
        assertTrue(changed.err().contains("the data changed since the checkpoint was written"), changed.err());
        refused(2, "evaluate", "--model", out.toString());

        // a crafted checkpoint naming a file that is not data, with that file's digest and a fresh manifest
        Path secret = csv("passwd", "root:x:0:0:root:/root:/bin/bash\n");
        byte[] bytes = Files.readAllBytes(secret);
        Path generation = Checkpoint.current(out.resolve("checkpoint")).orElseThrow();
        Path state = generation.resolve(Checkpoint.STATE_FILE);
        Files.writeString(state, Files.readString(state).replace(data.toString(), secret.toString())
                .replaceAll("\"size\" : [0-9]+", "\"size\" : " + bytes.length)
                .replaceAll("\"sha256\" : \"[0-9a-f]{64}\"", "\"sha256\" : \"" + sha256(bytes) + "\""));
        rewriteManifest(generation);
        for (String[] args : new String[][] {{"train", "--resume", out.toString(), "--epochs", "2"},
            {"evaluate", "--model", out.toString()}}) {
            CliRun r = refused(2, args);
            assertTrue(r.err().contains(secret + ", line 1, column 1: not valid data for the checkpoint's run (the "
                    + "content is not shown"), r.err());
            assertFalse(r.err().contains("root"), r.err());
        }
    }

    @Test
    void fashionMnistPartsOfDifferentImageSizesAreRefusedBeforeTraining() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("fm"));
        Files.write(dir.resolve("train-images-idx3-ubyte"), idx(0x803, new int[] {20, 28, 28}));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), idx(0x801, new int[] {20}));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), idx(0x803, new int[] {5, 32, 32}));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), idx(0x801, new int[] {5}));
        CliRun r = refused(2, "train", "--dataset", "fashion-mnist", "--data", dir.toString(), "--epochs", "1",
                "--out", tmp.resolve("o").toString());
        assertEquals("dlref train: " + dir.resolve("t10k-images-idx3-ubyte") + ": test images are 32 x 32 pixels, but "
                + "the training images in " + dir.resolve("train-images-idx3-ubyte") + " are 28 x 28; both parts must "
                + "have the same image size\n", r.err());
        assertEquals("", r.out(), "nothing trained");
    }

    /** An IDX file of unsigned bytes (pixel or label {@code i mod 10}). */
    static byte[] idx(int magic, int[] dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 4 * dims.length + n);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        for (int i = 0; i < n; i++) {
            b.put((byte) (i % 10));
        }
        return b.array();
    }

    /** Rewrites a checkpoint generation's manifest as {@code Checkpoint.save} does (a crafted, consistent one). */
    static void rewriteManifest(Path generation) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.list(generation)) {
            for (Path f : files.sorted().toList()) {
                if (!f.getFileName().toString().equals(Checkpoint.MANIFEST_FILE)) {
                    byte[] bytes = Files.readAllBytes(f);
                    sb.append(sha256(bytes)).append(' ').append(bytes.length).append(' ').append(f.getFileName())
                            .append('\n');
                }
            }
        }
        Files.writeString(generation.resolve(Checkpoint.MANIFEST_FILE), sb.toString(), StandardCharsets.UTF_8);
    }
}
