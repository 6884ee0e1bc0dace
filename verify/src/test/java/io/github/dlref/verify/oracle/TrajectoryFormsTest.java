package io.github.dlref.verify.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlref.math.Matrix;
import io.github.dlref.verify.oracle.spec.JsonNumbers;
import io.github.dlref.verify.oracle.spec.Spec;
import io.github.dlref.verify.oracle.spec.SpecException;
import io.github.dlref.verify.oracle.spec.SpecParser;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The forms frameworks write naturally: a vector as a flat array (PyTorch's {@code bias.tolist()}) is read as one
 * row, in trajectories and in a spec's parameter values; and a misnamed parameter is reported with the name found.
 * The trajectory is PyTorch's ({@code src/test/resources/diagnose/torch_adam.trajectory.json}, written by
 * {@code scripts/golden/diagnose_trajectories.py}).
 */
class TrajectoryFormsTest {

    static final Path DIR = Path.of("src", "test", "resources", "diagnose");

    static JsonNode torchAdam() {
        return SpecParser.readTree(SpecParser.readFile(DIR.resolve("torch_adam.trajectory.json")));
    }

    /** Replaces every 1 x n matrix of the given quantities by its flat row. */
    static void flattenRows(JsonNode root, String... quantities) {
        for (JsonNode step : root.get("steps")) {
            for (String q : quantities) {
                ObjectNode m = (ObjectNode) step.get(q);
                Iterator<Map.Entry<String, JsonNode>> it = m.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getValue().size() == 1) {
                        e.setValue(e.getValue().get(0));
                    }
                }
            }
        }
    }

    @Test
    void flatVectorsAreReadAsOneRowAndCompareIdentically() {
        Spec spec = SpecParser.parse(DIR.resolve("torch_adam.own.spec.json"));
        Trajectory ours = Runner.run(spec);
        CheckReport asRows = Comparer.compare(ours, TrajectoryJson.read(torchAdam()), Tolerance.DEFAULT);
        JsonNode flat = torchAdam();
        flattenRows(flat, "gradients", "parameters");
        assertTrue(flat.get("steps").get(0).get("parameters").get("0.bias").get(0).isNumber());
        Trajectory theirs = TrajectoryJson.read(flat);
        assertEquals(1, theirs.steps().get(0).parameters().get("0.bias").rows());
        assertEquals(3, theirs.steps().get(0).parameters().get("0.bias").cols());
        CheckReport asVectors = Comparer.compare(ours, theirs, Tolerance.DEFAULT);
        assertTrue(asVectors.passed());
        assertEquals(asRows.compared(), asVectors.compared());
        assertEquals(asRows.maxAbsoluteError(), asVectors.maxAbsoluteError());
        assertEquals(asRows.maxNormwiseError(), asVectors.maxNormwiseError());
    }

    @Test
    void aSpecMayGiveABiasAsAFlatArray() {
        String text = SpecParser.readFile(DIR.resolve("torch_adam.own.spec.json"));
        ObjectNode root = (ObjectNode) SpecParser.readTree(text);
        ObjectNode values = (ObjectNode) root.get("parameters").get("values");
        values.set("0.bias", values.get("0.bias").get(0));
        Spec flat = SpecParser.parse(root);
        assertEquals(Matrix.of(new double[][] {{0.1, -0.2, 0.05}}), flat.parameters().values().get("0.bias"));
        assertEquals(SpecParser.parse(text).parameters().values().get("0.bias"), flat.parameters().values().get("0.bias"));
    }

    @Test
    void aFlatArrayWithANestedElementIsRefusedWithItsPath() {
        ArrayNode bad = (ArrayNode) SpecParser.readTree("[1.0, [2.0]]");
        SpecException e = assertThrows(SpecException.class, () -> JsonNumbers.readMatrixOrVector("$.x", bad, true));
        assertEquals("$.x[1]: expected a number (element 0 is a number, so this is read as a vector), got an array of "
                + "1 element", e.getMessage());
        SpecException nan = assertThrows(SpecException.class,
                () -> JsonNumbers.readMatrixOrVector("$.x", SpecParser.readTree("[1.0, \"NaN\"]"), true));
        assertTrue(nan.getMessage().startsWith("$.x[1]: "), nan.getMessage());
        assertEquals(Matrix.of(new double[][] {{1.0}, {2.0}}),
                JsonNumbers.readMatrixOrVector("$.x", SpecParser.readTree("[[1.0], [2.0]]"), true));
    }

    @Test
    void aMisnamedParameterIsReportedWithTheNameFound() {
        Spec spec = SpecParser.parse(DIR.resolve("torch_adam.own.spec.json"));
        JsonNode root = torchAdam();
        for (JsonNode step : root.get("steps")) {
            ObjectNode g = (ObjectNode) step.get("gradients");
            g.set("fc1.weight", g.remove("0.weight"));
        }
        Trajectory theirs = TrajectoryJson.read(root);
        SpecException e = assertThrows(SpecException.class,
                () -> Comparer.compare(Runner.run(spec), theirs, Tolerance.DEFAULT));
        assertEquals("$.steps[0].gradients: missing [0.weight], found unknown [fc1.weight] (expected exactly "
                + "[0.weight, 0.bias, 2.weight, 2.bias])", e.getMessage());
    }
}
