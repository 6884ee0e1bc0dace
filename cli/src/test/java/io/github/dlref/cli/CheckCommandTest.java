package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlref.verify.oracle.spec.JsonNumbers;
import io.github.dlref.verify.oracle.spec.SpecParser;
import io.github.dlref.verify.oracle.spec.SpecWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dlref check}: dlref's own trajectory passes bit for bit; a single flipped bit anywhere in a long
 * trajectory is found and located exactly (step, quantity, parameter, element, both values) with
 * {@code --atol 0 --rtol 0}, and a flip of a high mantissa bit fails the default tolerance; structural
 * mismatches exit 2.
 */
class CheckCommandTest {

    static final int STEPS = 400;

    @TempDir
    Path dir;

    Path spec;
    Path ours;

    @BeforeEach
    void runLongTrajectory() {
        spec = OracleCliRun.write(dir, "spec.json", OracleCliRun.MLP.replace("\"steps\": 10", "\"steps\": " + STEPS)
                .replace("\"lr\": 0.1", "\"lr\": 0.01"));
        ours = dir.resolve("ours.json");
        OracleCliRun r = OracleCliRun.of("run", spec.toString(), "--out", ours.toString());
        assertEquals(0, r.exit(), r.err());
    }

    private Path flipped(int step, String quantity, String name, int row, int col, int bit) {
        ObjectNode root = (ObjectNode) SpecParser.readTree(OracleCliRun.read(ours));
        ArrayNode rowNode = (ArrayNode) root.get("steps").get(step - 1).get(quantity).get(name).get(row);
        double v = rowNode.get(col).doubleValue();
        rowNode.set(col, JsonNumbers.write(Double.longBitsToDouble(Double.doubleToRawLongBits(v) ^ (1L << bit))));
        return OracleCliRun.write(dir, "theirs.json", SpecWriter.pretty(root));
    }

    @Test
    void ownTrajectoryPassesBitForBit() {
        OracleCliRun r = OracleCliRun.of("check", spec.toString(), ours.toString(), "--atol", "0", "--rtol", "0");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("first difference:  none (bit for bit identical)"), r.out());
    }

    @Test
    void findsASingleFlippedLowBitExactly() {
        Path theirs = flipped(337, "parameters", "2.weight", 0, 1, 0);
        OracleCliRun r = OracleCliRun.of("check", spec.toString(), theirs.toString(), "--atol", "0", "--rtol", "0");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("check: FAIL"), r.out());
        assertTrue(r.out().contains("first failure:     step 337, parameters 2.weight[0][1]: ours "), r.out());
        assertTrue(r.out().contains("failures:          1\n"), r.out());
        // The default tolerance accepts a last-bit difference: it is rounding, not a different computation.
        OracleCliRun lenient = OracleCliRun.of("check", spec.toString(), theirs.toString());
        assertEquals(0, lenient.exit(), lenient.out());
        assertTrue(lenient.out().contains("first difference:  step 337, parameters 2.weight[0][1]"), lenient.out());
        // one flipped low bit is one ulp, and the only difference in the run
        assertTrue(lenient.out().contains("max ulp distance:  1 at step 337, parameters 2.weight[0][1] (where rtol "
                + "|ours| >= atol)\n"), lenient.out());
        assertTrue(lenient.out().contains("worst value:       "), lenient.out());
        assertTrue(lenient.out().contains(" of the allowed error, at step 337, parameters 2.weight[0][1]: ours "),
                lenient.out());
        assertTrue(lenient.out().contains("\n    parameters 2.weight  "), lenient.out());
        assertTrue(lenient.out().contains("  step 337\n"), lenient.out());
        assertFalse(lenient.out().contains("max rel error"), lenient.out());
    }

    @Test
    void aFlippedHighBitFailsTheDefaultTolerance() {
        Path their = flipped(251, "parameters", "0.weight", 2, 0, 44);
        OracleCliRun r = OracleCliRun.of("check", spec.toString(), their.toString(), "--format", "json");
        assertEquals(1, r.exit(), r.out() + r.err());
        JsonNode report = SpecParser.readTree(r.out());
        assertEquals(false, report.get("passed").booleanValue());
        JsonNode first = report.get("first_failure");
        assertEquals(251, first.get("step").intValue());
        assertEquals("parameters", first.get("quantity").asText());
        assertEquals("0.weight", first.get("name").asText());
        assertEquals(2, first.get("row").intValue());
        assertEquals(0, first.get("col").intValue());
        double ours = first.get("ours").doubleValue();
        double theirs = first.get("theirs").doubleValue();
        assertEquals(Double.doubleToRawLongBits(ours) ^ (1L << 44), Double.doubleToRawLongBits(theirs));
        assertEquals(1, report.get("failures").intValue());
    }

    @Test
    void structuralMismatchExitsTwoWithThePathInTheirFile() {
        ObjectNode root = (ObjectNode) SpecParser.readTree(OracleCliRun.read(ours));
        ((ObjectNode) root.get("steps").get(4).get("gradients")).remove("2.bias");
        Path theirs = OracleCliRun.write(dir, "theirs.json", SpecWriter.pretty(root));
        OracleCliRun r = OracleCliRun.of("check", spec.toString(), theirs.toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals("dlref check: " + theirs + ": $.steps[4].gradients: missing [2.bias] (expected exactly "
                + "[0.weight, 0.bias, 2.weight, 2.bias])", r.err().strip());
        ((ArrayNode) root.get("steps")).remove(STEPS - 1);
        OracleCliRun fewer = OracleCliRun.of("check", spec.toString(), OracleCliRun.write(dir, "fewer.json", SpecWriter.pretty(root))
                .toString());
        assertEquals(2, fewer.exit());
        assertTrue(fewer.err().contains("$.steps: expected " + STEPS + " steps"), fewer.err());
    }

    @Test
    void badToleranceIsAUsageError() {
        OracleCliRun r = OracleCliRun.of("check", spec.toString(), ours.toString(), "--rtol", "-1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("relative must be finite and >= 0, got -1.0"), r.err());
    }
}
