package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.verify.oracle.CheckReport;
import io.github.dlref.verify.oracle.Comparer;
import io.github.dlref.verify.oracle.Runner;
import io.github.dlref.verify.oracle.Tolerance;
import io.github.dlref.verify.oracle.Trajectory;
import io.github.dlref.verify.oracle.TrajectoryJson;
import io.github.dlref.verify.oracle.spec.SpecParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code dlref run}: the trajectory it writes reads back bit for bit; every class of spec error gives exit
 * status 2 and exactly one line naming the file, the JSON path and what was expected (no stack trace); a
 * step that cannot be computed gives exit status 1.
 */
class RunCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesATrajectoryThatReadsBackBitForBit() {
        Path spec = OracleCliRun.write(dir, "spec.json", OracleCliRun.MLP);
        Path out = dir.resolve("ours.json");
        OracleCliRun r = OracleCliRun.of("run", spec.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        Trajectory written = TrajectoryJson.read(OracleCliRun.read(out));
        Trajectory direct = Runner.run(SpecParser.parse(OracleCliRun.MLP));
        assertEquals(10, written.steps().size());
        CheckReport report = Comparer.compare(direct, written, Tolerance.EXACT);
        assertTrue(report.firstDifference().isEmpty(), () -> report.firstDifference().get().describe());
        assertEquals(direct.steps().get(9).parameters(), written.steps().get(9).parameters());
        OracleCliRun stdout = OracleCliRun.of("run", spec.toString());
        assertEquals(OracleCliRun.read(out), stdout.out());
    }

    /** Each row: what is wrong, the JSON text replaced, its replacement, and the path the message must name. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "unknown key|`\"lr\": 0.1,`|`\"lr\": 0.1, \"learning_rate\": 0.1,`|$.optimizer.learning_rate|unknown key",
        "missing field|`\"loss\": {\"type\": \"mse\"},`|``|$|missing required key \"loss\"",
        "wrong type|`\"steps\": 10`|`\"steps\": \"10\"`|$.training.steps|expected an integer >= 1, got a string",
        "integer as fraction|`\"steps\": 10`|`\"steps\": 10.5`|$.training.steps|expected an integer >= 1, got 10.5",
        "shape mismatch|`[[0.3, -0.6, 0.9]]`|`[[0.3, -0.6]]`|$.parameters.values['2.weight']|expected a 1 x 3 matrix",
        "ragged matrix|`[1.5, 0.25]`|`[1.5]`|$.data.inputs[1]|expected 2 values (as in row 0), got 1",
        "target width|`[[1.0], [-0.5], [0.25], [2.0]]`|`[[1.0, 0], [-0.5, 0], [0.25, 0], [2.0, 0]]`|$.data.targets|"
                + "expected rows of 1 values",
        "out-of-range momentum|`\"momentum\": 0.9`|`\"momentum\": 1.0`|$.optimizer.momentum|"
                + "expected a finite number in [0.0, 1.0), got 1.0",
        "negative lr|`\"lr\": 0.1`|`\"lr\": -0.1`|$.optimizer.lr|expected a finite number >= 0.0, got -0.1",
        "unknown preset|`\"preset\": \"pytorch\"`|`\"preset\": \"torch\"`|$.optimizer.preset|expected one of",
        "unknown layer|`{\"type\": \"relu\"}`|`{\"type\": \"swish\"}`|$.model.layers[1].type|expected one of",
        "library refuses combination|`\"momentum\": 0.9`|`\"momentum\": 0.9, \"dampening\": 0.5, \"nesterov\": true`|"
                + "$.optimizer|Nesterov momentum requires",
        "no parameter of that name|`\"2.bias\": [[0.1]]`|`\"2.bias\": [[0.1]], \"3.bias\": [[0.1]]`|"
                + "$.parameters.values['3.bias']|the model has no parameter",
        "invalid JSON|`\"training\": {\"steps\": 10}`|`\"training\": {\"steps\": 10,}`|$|invalid JSON at line",
        "duplicate key|`\"steps\": 10`|`\"steps\": 10, \"steps\": 11`|$|Duplicate field",
        "wrong format|`\"dlref.spec.v1\"`|`\"dlref.spec.v0\"`|$.format|expected \"dlref.spec.v1\"",
    })
    void specErrorsExitTwoWithOneLine(String what, String from, String to, String path, String expected) {
        assertTrue(OracleCliRun.MLP.contains(from), what + ": fixture text not found");
        Path spec = OracleCliRun.write(dir, "bad.json", OracleCliRun.MLP.replace(from, to));
        OracleCliRun r = OracleCliRun.of("run", spec.toString());
        assertEquals(2, r.exit(), what + ": " + r.err());
        assertEquals("", r.out());
        String line = r.err().strip();
        assertFalse(line.contains("\n"), what + ": more than one line: " + r.err());
        assertFalse(line.contains("Exception") || line.contains("\tat "), what + ": stack trace: " + r.err());
        assertTrue(line.startsWith("dlref run: " + spec + ": " + path + ": "), what + ": " + line);
        assertTrue(line.contains(expected), what + ": " + line);
    }

    @Test
    void missingFileExitsTwo() {
        OracleCliRun r = OracleCliRun.of("run", dir.resolve("nope.json").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().strip().endsWith("no such file"), r.err());
    }

    @Test
    void aDivisionByZeroInTheOptimizerExitsOne() {
        String spec = """
                {"format": "dlref.spec.v1", "model": {"input": 1, "layers": [{"type": "linear", "out": 1}]},
                 "parameters": {"values": {"0.weight": [[1.0]], "0.bias": [[0.0]]}},
                 "data": {"inputs": [[1.0]], "targets": [[1.0]]}, "loss": {"type": "mse"},
                 "optimizer": {"type": "adagrad", "preset": "pytorch", "eps": 0.0}, "training": {"steps": 1}}
                """;
        OracleCliRun r = OracleCliRun.of("run", OracleCliRun.write(dir, "zero.json", spec).toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("step 1: "), r.err());
        // docs/oracle-format.md: the message names the step, the optimizer, the parameter and the element
        assertTrue(r.err().contains("AdaGrad") && r.err().contains("'0.weight'") && r.err().contains("element 0"),
                r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }
}
