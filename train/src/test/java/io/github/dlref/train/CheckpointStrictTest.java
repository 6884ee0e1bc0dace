package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code checkpoint.json} is read strictly: a value of the wrong type, a negative count or an unknown key is
 * refused with the file and the key, never read as 0 or ignored (issue 17: {@code "step": "abc"} used to be read
 * as 0, {@code learning_rate: true} as 1). The checks run on a checkpoint of the first format (no manifest), where
 * nothing else would catch an edit.
 */
class CheckpointStrictTest {

    @TempDir
    Path tmp;

    private Path legacyCopy(String name) throws IOException {
        Path dir = tmp.resolve("saved");
        if (!Files.isDirectory(dir)) {
            TrainingConfig config = Configs.everyState(1);
            TrainingRun run = TrainingRun.start(config, Configs.prepare(config));
            run.runToEnd();
            run.checkpoint().save(dir);
        }
        Path generation = Checkpoint.current(dir).orElseThrow();
        Path legacy = tmp.resolve(name);
        Files.createDirectories(legacy);
        try (var files = Files.list(generation)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals(Checkpoint.MANIFEST_FILE)) {
                    Files.copy(f, legacy.resolve(f.getFileName()));
                }
            }
        }
        return legacy;
    }

    /** Replaces the first match of the regular expression {@code from} by {@code to} and expects a refusal. */
    private void assertRefused(String name, String from, String to, String message) throws IOException {
        Path legacy = legacyCopy(name);
        Path state = legacy.resolve(Checkpoint.STATE_FILE);
        String text = Files.readString(state, StandardCharsets.UTF_8);
        String edited = text.replaceFirst(from, to);
        assertTrue(!edited.equals(text), "the state file matches " + from);
        Files.writeString(state, edited, StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> Checkpoint.load(legacy));
        assertTrue(e.getMessage().startsWith(state + ": ") && e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void theUneditedCopyLoads() throws IOException {
        Checkpoint back = Checkpoint.load(legacyCopy("clean"));
        assertEquals(1, back.epochsCompleted());
        assertEquals(1, back.history().size());
    }

    @Test
    void aStepThatIsNotAnIntegerIsRefused() throws IOException {
        assertRefused("step", "\"step\" : [0-9]+", "\"step\" : \"abc\"", "\"step\" must be an integer, got \"abc\"");
    }

    @Test
    void aLearningRateThatIsNotANumberIsRefused() throws IOException {
        assertRefused("lr", "\"learning_rate\" : ", "\"learning_rate\" : true, \"x\" : ",
                "\"learning_rate\" must be a number");
    }

    @Test
    void aNegativeCountIsRefused() throws IOException {
        assertRefused("drawn", "\"epochs_drawn\" : [0-9]+", "\"epochs_drawn\" : -1",
                "\"epochs_drawn\" must be an integer >= 0, got -1");
    }

    @Test
    void anUnknownKeyIsRefused() throws IOException {
        assertRefused("unknown", "\"format\" :", "\"evil\" : 1, \"format\" :", "unknown key \"evil\" in the state");
    }

    @Test
    void aStringThatIsNotANumberIsRefused() throws IOException {
        assertRefused("seconds", "\"seconds\" : ", "\"seconds\" : \"soon\", \"y\" : ", "\"seconds\" must be a number");
    }
}
