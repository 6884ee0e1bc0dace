package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.data.io.DataFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint records each data file's path, size and SHA-256 (FIPS 180-4; the expected digests here are computed
 * by the JDK's {@code MessageDigest} over the bytes the test wrote, independently of the code under test), and
 * {@link Checkpoint#prepareData()} refuses a resume whose files differ before reading them. A crafted checkpoint
 * that names a file which is not data (like {@code /etc/passwd}) never gets that file's content into an error.
 */
class CheckpointDataFilesTest {

    private static final String CSV = "5.1,3.5,0\n4.9,3.0,0\n6.7,3.1,1\n6.3,2.5,1\n5.8,2.7,1\n5.0,3.6,0\n"
            + "6.4,3.2,1\n4.6,3.1,0\n6.9,3.1,1\n5.4,3.9,0\n";

    @TempDir
    Path tmp;

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private TrainingConfig csvConfig(Path csv) {
        return Configs.iris(1, OptimizerConfig.of(OptimizerKind.SGD, Preset.PYTORCH))
                .withData(new DataConfig(DataSource.CSV, csv.toString(), null, false, 0, 0.2, 0.2));
    }

    private Path saveCheckpoint(Path csv) throws IOException {
        TrainingConfig config = csvConfig(csv);
        TrainingRun run = TrainingRun.start(config, config.prepareData());
        run.runToEnd();
        Path dir = tmp.resolve("checkpoint");
        run.checkpoint().save(dir);
        return dir;
    }

    @Test
    void theDataFilesSizeAndDigestAreRecordedAndReadBack() throws Exception {
        Path csv = tmp.resolve("d.csv");
        Files.writeString(csv, CSV, StandardCharsets.UTF_8);
        Path dir = saveCheckpoint(csv);
        Checkpoint back = Checkpoint.load(dir);
        byte[] bytes = CSV.getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(new DataFile(csv.toString(), bytes.length, sha256(bytes))),
                back.data().orElseThrow().files());
        String state = Files.readString(Checkpoint.current(dir).orElseThrow().resolve(Checkpoint.STATE_FILE));
        assertTrue(state.contains("\"sha256\" : \"" + sha256(bytes) + "\""), state);
        // unchanged data resumes
        PreparedData again = back.prepareData();
        assertEquals(1, TrainingRun.resume(back, again, 2).epochsCompleted());
        assertEquals(Optional.empty(), back.data().orElseThrow().fileDifference(List.of(DataFile.of(csv))));
    }

    @Test
    void aChangedDataFileIsRefusedBeforeItIsRead() throws Exception {
        Path csv = tmp.resolve("d.csv");
        Files.writeString(csv, CSV, StandardCharsets.UTF_8);
        Path dir = saveCheckpoint(csv);
        Checkpoint back = Checkpoint.load(dir);
        String oldDigest = sha256(CSV.getBytes(StandardCharsets.UTF_8));
        // same size, other content (a digit changed), and content that is not CSV at all
        String edited = CSV.replace("5.1,3.5,0", "5.1,3.6,0");
        Files.writeString(csv, edited, StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, back::prepareData);
        assertEquals("checkpoint: data file " + csv + " has " + CSV.length() + " bytes and SHA-256 "
                + sha256(edited.getBytes(StandardCharsets.UTF_8)).substring(0, 12) + "... now, " + CSV.length()
                + " bytes and SHA-256 " + oldDigest.substring(0, 12) + "... in the checkpoint; the data changed since "
                + "the checkpoint was written, so the run cannot continue bit for bit", e.getMessage());
        Files.writeString(csv, "secret line\n", StandardCharsets.UTF_8);
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, back::prepareData);
        assertFalse(other.getMessage().contains("secret"), other.getMessage());
        assertTrue(other.getMessage().contains("has 12 bytes"), other.getMessage());
    }

    @Test
    void aFileNamedByACheckpointIsNeverEchoed() throws Exception {
        Path csv = tmp.resolve("d.csv");
        Files.writeString(csv, CSV, StandardCharsets.UTF_8);
        Path dir = saveCheckpoint(csv);
        // a crafted checkpoint: another file (a stand-in for /etc/passwd), its correct digest, a fresh manifest
        Path secret = tmp.resolve("passwd");
        Files.writeString(secret, "root:x:0:0:root:/root:/bin/bash\n", StandardCharsets.UTF_8);
        Path generation = Checkpoint.current(dir).orElseThrow();
        Path state = generation.resolve(Checkpoint.STATE_FILE);
        byte[] secretBytes = Files.readAllBytes(secret);
        String text = Files.readString(state).replace(csv.toString(), secret.toString())
                .replaceAll("\"size\" : [0-9]+", "\"size\" : " + secretBytes.length)
                .replaceAll("\"sha256\" : \"[0-9a-f]{64}\"", "\"sha256\" : \"" + sha256(secretBytes) + "\"");
        Files.writeString(state, text, StandardCharsets.UTF_8);
        rewriteManifest(generation);
        Checkpoint crafted = Checkpoint.load(dir);
        DataFormatException e = assertThrows(DataFormatException.class, crafted::prepareData);
        assertEquals(secret + ", line 1, column 1: not valid data for the checkpoint's run (the content is not "
                + "shown, since the file was named by the checkpoint)", e.getMessage());
        assertFalse(e.getMessage().contains("root"), e.getMessage());
        // the same crafted path with the old digest is refused before it is read
        Files.writeString(state, Files.readString(state).replace(sha256(secretBytes), "0".repeat(64)),
                StandardCharsets.UTF_8);
        rewriteManifest(generation);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.load(dir).prepareData());
        assertTrue(refused.getMessage().startsWith("checkpoint: data file " + secret + " has "), refused.getMessage());
        assertFalse(refused.getMessage().contains("root:"), refused.getMessage());
    }

    @Test
    void aCheckpointWithoutRecordedFilesStillResumesAndMalformedRecordsAreRefused() throws Exception {
        Path csv = tmp.resolve("d.csv");
        Files.writeString(csv, CSV, StandardCharsets.UTF_8);
        Path dir = saveCheckpoint(csv);
        Path generation = Checkpoint.current(dir).orElseThrow();
        Path state = generation.resolve(Checkpoint.STATE_FILE);
        String good = Files.readString(state);
        // the earlier format: no "data_files"
        String old = good.replaceAll("(?s),\\s*\"data_files\" : \\[.*?\\]", "");
        assertFalse(old.contains("data_files"));
        Files.writeString(state, old, StandardCharsets.UTF_8);
        rewriteManifest(generation);
        Checkpoint back = Checkpoint.load(dir);
        assertEquals(List.of(), back.data().orElseThrow().files());
        assertEquals(2, TrainingRun.resume(back, back.prepareData(), 2).runToEnd().get(0).epoch());

        for (String[] bad : new String[][] {
            {"\"sha256\" : \"", "\"sha256\" : \"X"},
            {"\"size\" : ", "\"size\" : -"},
            {"\"path\" : ", "\"evil\" : 1, \"path\" : "},
            {"\"data_files\" : [", "\"data_files\" : [ 7, "}}) {
            Files.writeString(state, good.replace(bad[0], bad[1]), StandardCharsets.UTF_8);
            rewriteManifest(generation);
            IOException e = assertThrows(IOException.class, () -> Checkpoint.load(dir), bad[1]);
            assertTrue(e.getMessage().startsWith(state.toString() + ": "), e.getMessage());
            assertFalse(e.getMessage().contains("io.github") || e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void fileDifferencesNameTheFirstDifference() {
        String a = "a".repeat(64);
        String b = "b".repeat(64);
        Checkpoint.DataFit fit = new Checkpoint.DataFit(Preprocessing.identity(1), List.of("0", "1"),
                List.of(new DataFile("x", 3, a)));
        assertEquals(Optional.of("the checkpoint records 1 data file(s), the data now has 0"),
                fit.fileDifference(List.of()));
        assertEquals(Optional.of("data file 1 is x in the checkpoint and y now"),
                fit.fileDifference(List.of(new DataFile("y", 3, a))));
        assertEquals(Optional.of("data file x has 4 bytes and SHA-256 aaaaaaaaaaaa... now, 3 bytes and SHA-256 "
                + "aaaaaaaaaaaa... in the checkpoint"), fit.fileDifference(List.of(new DataFile("x", 4, a))));
        assertTrue(fit.fileDifference(List.of(new DataFile("x", 3, b))).orElseThrow().contains("bbbbbbbbbbbb... now"));
        assertEquals(Optional.empty(), fit.fileDifference(List.of(new DataFile("x", 3, a))));
        // difference() compares files only when the data at hand records them (hand-built data has none)
        assertEquals(Optional.empty(), fit.difference(new Checkpoint.DataFit(Preprocessing.identity(1),
                List.of("0", "1"))));
        assertEquals(Optional.of("data file 1 is x in the checkpoint and y now"), fit.difference(new Checkpoint.DataFit(
                Preprocessing.identity(1), List.of("0", "1"), List.of(new DataFile("y", 3, a)))));
        assertEquals(Optional.empty(), new Checkpoint.DataFit(Preprocessing.identity(1), List.of("0"))
                .fileDifference(List.of(new DataFile("x", 3, a))));
        assertThrows(IllegalArgumentException.class, () -> new DataFile("x", -1, a));
        assertThrows(IllegalArgumentException.class, () -> new DataFile("x", 1, "A".repeat(64)));
        assertThrows(IllegalArgumentException.class, () -> new DataFile("x", 1, "a".repeat(63)));
    }

    /** Rewrites a generation's manifest as {@link Checkpoint#save(Path)} does: sorted files, SHA-256, size, name. */
    static void rewriteManifest(Path generation) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.list(generation)) {
            for (Path f : files.sorted().toList()) {
                if (f.getFileName().toString().equals(Checkpoint.MANIFEST_FILE)) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(f);
                sb.append(sha256(bytes)).append(' ').append(bytes.length).append(' ').append(f.getFileName())
                        .append('\n');
            }
        }
        Files.writeString(generation.resolve(Checkpoint.MANIFEST_FILE), sb.toString(), StandardCharsets.UTF_8);
    }
}
