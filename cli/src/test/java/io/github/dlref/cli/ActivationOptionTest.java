package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.cli.TrainCommandTest.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 21's activations are selectable with {@code --activation} and land in the trained model. */
class ActivationOptionTest {

    @TempDir
    Path tmp;

    @Test
    void theNewActivationsTrainAndAreNamedInTheModelLine() throws Exception {
        for (String name : new String[] {"gelu", "gelu-tanh", "elu", "selu", "silu", "softplus", "hardtanh"}) {
            Path out = tmp.resolve(name);
            CliRun r = CliRun.of("train", "--activation", name, "--hidden", "4", "--epochs", "1", "--out",
                    out.toString());
            assertEquals(0, r.exit(), name + ": " + r.err());
            String lower = name.replace('-', '_');
            assertTrue(r.out().contains(" " + lower), name + ": " + r.out().lines().filter(l -> l.startsWith("model"))
                    .findFirst().orElse(r.out()));
            assertTrue(Files.readString(out.resolve("model.json")).contains(lower.toUpperCase(java.util.Locale.ROOT)),
                    name + ": model.json names the activation");
        }
    }
}
