package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dlref.verify.oracle.spec.SpecParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dlref diagnose}: a Keras-style Adam trajectory checked against a PyTorch Adam spec is identified as
 * Keras's epsilon-hat Adam, not Algorithm 1 (the example of docs/oracle.md); no match exits 1.
 */
class DiagnoseCommandTest {

    @TempDir
    Path dir;

    static final String ADAM = OracleCliRun.MLP.replace("\"optimizer\": {\"type\": \"sgd\", \"preset\": \"pytorch\", "
            + "\"lr\": 0.1, \"momentum\": 0.9}", "\"optimizer\": {\"type\": \"adam\", \"preset\": \"pytorch\", "
            + "\"lr\": 0.01}");

    @Test
    void identifiesKerasEpsilonHatAdam() {
        Path spec = OracleCliRun.write(dir, "spec.json", ADAM);
        Path kerasSpec = OracleCliRun.write(dir, "keras.json", ADAM.replace("\"preset\": \"pytorch\"", "\"preset\": \"keras\""));
        Path theirs = dir.resolve("theirs.json");
        assertEquals(0, OracleCliRun.of("run", kerasSpec.toString(), "--out", theirs.toString()).exit());
        OracleCliRun r = OracleCliRun.of("diagnose", spec.toString(), theirs.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        String verdict = r.out().lines().findFirst().orElseThrow();
        assertTrue(verdict.startsWith("diagnose: matches Keras epsilon-hat Adam (lr_t m / (sqrt(v) + eps_hat)) "
                + "[lr=0.01, betas=(0.9, 0.999), eps=1.0E-7]; loss reduction \"mean\"; not the spec's own "
                + "Algorithm 1 Adam"), verdict);
        OracleCliRun json = OracleCliRun.of("diagnose", spec.toString(), theirs.toString(), "--format", "json");
        JsonNode report = SpecParser.readTree(json.out());
        assertEquals(verdict.substring("diagnose: ".length()), report.get("verdict").asText());
        JsonNode best = report.get("variants").get(0);
        assertTrue(best.get("matched").booleanValue());
        assertEquals("keras", best.get("optimizer_spec").get("preset").asText());
    }

    @Test
    void noMatchExitsOne() {
        Path spec = OracleCliRun.write(dir, "spec.json", ADAM);
        Path other = OracleCliRun.write(dir, "other.json", ADAM.replace("\"lr\": 0.01", "\"lr\": 0.02"));
        Path theirs = dir.resolve("theirs.json");
        assertEquals(0, OracleCliRun.of("run", other.toString(), "--out", theirs.toString()).exit());
        OracleCliRun r = OracleCliRun.of("diagnose", spec.toString(), theirs.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().startsWith("diagnose: no variant matches; closest: "), r.out());
    }
}
