package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.optim.ParameterState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir
    Path tmp;

    private Checkpoint trained() throws IOException {
        TrainingConfig config = Configs.everyState(2);
        TrainingRun run = TrainingRun.start(config, Configs.prepare(config));
        run.runToEnd(TrainingListener.NONE, () -> { });
        return run.checkpoint();
    }

    @Test
    void saveAndLoadRoundTripEveryValue() throws IOException {
        Checkpoint cp = trained();
        Path dir = tmp.resolve("cp");
        cp.save(dir);
        cp.save(dir);
        assertTrue(Files.notExists(tmp.resolve("cp.tmp")), "the temporary directory is renamed into place");
        Checkpoint back = Checkpoint.load(dir);
        assertEquals(cp.config(), back.config());
        assertEquals(cp.epochsCompleted(), back.epochsCompleted());
        assertEquals(cp.model(), back.model());
        assertEquals(cp.loader(), back.loader());
        assertEquals(cp.dropout(), back.dropout());
        assertEquals(cp.optimizer().name(), back.optimizer().name());
        assertEquals(cp.optimizer().learningRate(), back.optimizer().learningRate());
        for (int i = 0; i < cp.optimizer().parameters().size(); i++) {
            ParameterState a = cp.optimizer().parameters().get(i);
            ParameterState b = back.optimizer().parameters().get(i);
            assertEquals(a.parameterName(), b.parameterName());
            assertEquals(a.step(), b.step());
            assertEquals(a.buffers(), b.buffers());
        }
        for (int i = 0; i < cp.history().size(); i++) {
            assertTrue(cp.history().get(i).sameResults(back.history().get(i)));
            assertEquals(cp.history().get(i).seconds(), back.history().get(i).seconds());
        }
    }

    @Test
    void missingValidationSetsNaNSurvivesTheRoundTrip() throws IOException {
        Checkpoint cp = trained();
        EpochMetrics nan = new EpochMetrics(1, 0.5, 0.75, Double.NaN, Double.NaN, 0.1, 1.0);
        Checkpoint withNaN = new Checkpoint(cp.config(), 1, cp.model(), cp.optimizer(), cp.loader(), cp.dropout(),
                java.util.List.of(nan));
        withNaN.save(tmp.resolve("n"));
        EpochMetrics back = Checkpoint.load(tmp.resolve("n")).history().get(0);
        assertTrue(Double.isNaN(back.validationLoss()) && Double.isNaN(back.validationAccuracy()));
        assertTrue(nan.sameResults(back));
    }

    @Test
    void brokenCheckpointsAreReportedWithTheFile() throws IOException {
        assertThrows(NoSuchFileException.class, () -> Checkpoint.load(tmp.resolve("absent")));
        Path dir = tmp.resolve("bad");
        trained().save(dir);
        Path generation = Checkpoint.current(dir).orElseThrow();
        Path state = generation.resolve(Checkpoint.STATE_FILE);
        String text = Files.readString(state, StandardCharsets.UTF_8);
        // an edited file no longer matches the manifest's SHA-256 and is refused by name
        String changed = text.replace("\"epochs_drawn\" : ", "\"epochs_drawn\" : 1");
        assertTrue(!changed.equals(text));
        Files.writeString(state, changed, StandardCharsets.UTF_8);
        IOException edited = assertThrows(IOException.class, () -> Checkpoint.load(dir));
        assertTrue(edited.getMessage().startsWith(state + ": does not match "), edited.getMessage());

        // the first format (files directly in the directory, no manifest) is read, strictly
        Path legacy = tmp.resolve("legacy");
        Files.createDirectories(legacy);
        for (String f : new String[] {Checkpoint.MODEL_FILE, Checkpoint.OPTIMIZER_FILE, Checkpoint.PREPROCESSING_FILE}) {
            Files.copy(generation.resolve(f), legacy.resolve(f));
        }
        Path legacyState = legacy.resolve(Checkpoint.STATE_FILE);
        Files.writeString(legacyState, text, StandardCharsets.UTF_8);
        assertEquals(trained().epochsCompleted(), Checkpoint.load(legacy).epochsCompleted());
        Files.writeString(legacyState, text.replace("\"dlref-checkpoint\"", "\"something-else\""),
                StandardCharsets.UTF_8);
        IOException format = assertThrows(IOException.class, () -> Checkpoint.load(legacy));
        assertTrue(format.getMessage().contains(legacyState.toString()) && format.getMessage().contains("format"),
                format.getMessage());
        Files.writeString(legacyState, text.replace("\"epochs_drawn\"", "\"epochs_seen\""), StandardCharsets.UTF_8);
        IOException key = assertThrows(IOException.class, () -> Checkpoint.load(legacy));
        assertTrue(key.getMessage().contains("missing key \"epochs_drawn\""), key.getMessage());
        Files.writeString(legacyState, text, StandardCharsets.UTF_8);
        Files.delete(legacy.resolve(Checkpoint.OPTIMIZER_FILE));
        assertThrows(NoSuchFileException.class, () -> Checkpoint.load(legacy));

        // a generation without its manifest is an interrupted save: with no other, there is no checkpoint
        Files.delete(generation.resolve(Checkpoint.MANIFEST_FILE));
        NoSuchFileException none = assertThrows(NoSuchFileException.class, () -> Checkpoint.load(dir));
        assertTrue(none.getMessage().contains("no complete checkpoint"), none.getMessage());
    }

    @Test
    void theHistoryMustMatchTheEpochCount() throws IOException {
        Checkpoint cp = trained();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Checkpoint(cp.config(), 3,
                cp.model(), cp.optimizer(), cp.loader(), cp.dropout(), cp.history()));
        assertTrue(e.getMessage().contains("epochs completed (3)"), e.getMessage());
    }
}
