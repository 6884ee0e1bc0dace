package io.github.dlref.verify.oracle.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlref.math.Matrix;
import io.github.dlref.optim.Adam;
import io.github.dlref.optim.SGD;
import io.github.dlref.optim.WeightDecay;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SpecParserTest {

    /** A valid spec: 2-3-1 MLP with ReLU, explicit parameters, MSE, PyTorch Adam. */
    static final String MLP = """
            {
              "format": "dlref.spec.v1",
              "model": {"input": 2, "layers": [{"type": "linear", "out": 3}, {"type": "relu"},
                                                {"type": "linear", "out": 1}]},
              "parameters": {"values": {
                "0.weight": [[0.1, -0.2], [0.4, 0.3], [-0.5, 0.6]], "0.bias": [[0.05, -0.1, 0.2]],
                "2.weight": [[0.3, -0.6, 0.9]], "2.bias": [[0.1]]}},
              "data": {"inputs": [[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0], [1.0, 1.0]],
                       "targets": [[1.0], [-0.5], [0.25], [2.0]]},
              "loss": {"type": "mse"},
              "optimizer": {"type": "adam", "preset": "pytorch", "lr": 0.1, "betas": [0.9, 0.999]},
              "training": {"steps": 10}
            }
            """;

    static ObjectNode tree() {
        return (ObjectNode) SpecParser.readTree(MLP);
    }

    static SpecException error(Consumer<ObjectNode> edit) {
        ObjectNode root = tree();
        edit.accept(root);
        return assertThrows(SpecException.class, () -> SpecParser.parse(root));
    }

    @Test
    void parsesTheMlpSpec() {
        Spec spec = SpecParser.parse(MLP);
        assertEquals(2, spec.model().input());
        assertEquals(1, spec.model().outputWidth());
        assertEquals(Matrix.of(new double[][] {{0.3, -0.6, 0.9}}), spec.parameters().values().get("2.weight"));
        Adam.Hyperparameters h = (Adam.Hyperparameters) SpecBuilders.hyperparameters(spec.optimizer());
        assertEquals(new Adam.Hyperparameters(0.1, 0.9, 0.999, 1e-8, Adam.EpsilonForm.ALGORITHM_1, 0.0,
                Adam.AmsGrad.NONE, WeightDecay.none()), h);
    }

    @Test
    void writerRoundTripsBitForBit() {
        ObjectNode root = tree();
        ((ObjectNode) root.get("optimizer")).put("lr", 0.1 + 0.2);
        ((ArrayNode) root.get("data").get("inputs").get(0)).set(0, JsonNumbers.write(-0.0));
        ((ArrayNode) root.get("data").get("inputs").get(0)).set(1, JsonNumbers.write(Double.MIN_VALUE));
        Spec spec = SpecParser.parse(root);
        String text = SpecWriter.toJson(spec);
        Spec again = SpecParser.parse(text);
        assertEquals(spec, again);
        assertEquals(Double.doubleToRawLongBits(-0.0),
                Double.doubleToRawLongBits(((DataSpec.Inline) again.data()).inputs().get(0, 0)));
        assertEquals(0.30000000000000004, again.optimizer().number("lr"));
        assertEquals(text, SpecWriter.toJson(again));
    }

    @Test
    void unknownKeyNamesItsPath() {
        SpecException e = error(r -> ((ObjectNode) r.get("optimizer")).put("beta", 0.9));
        assertEquals("$.optimizer.beta", e.path());
        assertTrue(e.problem().contains("unknown key \"beta\""), e.getMessage());
        assertTrue(e.problem().contains("\"betas\""), e.getMessage());
    }

    @Test
    void outOfRangeHyperparameterNamesTheElement() {
        SpecException e = error(r -> ((ArrayNode) r.get("optimizer").get("betas")).set(1, JsonNumbers.write(1.0)));
        assertEquals("$.optimizer.betas[1]: expected a number in [0.0, 1.0), got 1.0", e.getMessage()
                .replace("a finite number", "a number"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "missing model|$",
        "steps as text|$.training.steps",
        "wrong weight shape|$.parameters.values['0.weight']",
        "target width|$.data.targets",
        "no lr for sgd pytorch|$.optimizer",
        "duplicate key|$",
        "bad format|$.format",
    })
    void errorsNameTheirPath(String what, String path) {
        SpecException e;
        switch (what) {
            case "missing model" -> e = error(r -> r.remove("model"));
            case "steps as text" -> e = error(r -> ((ObjectNode) r.get("training")).put("steps", "10"));
            case "wrong weight shape" -> e = error(r -> ((ObjectNode) r.get("parameters").get("values"))
                    .set("0.weight", JsonNumbers.write(Matrix.zeros(2, 3))));
            case "target width" -> e = error(r -> ((ObjectNode) r.get("data"))
                    .set("targets", JsonNumbers.write(Matrix.zeros(4, 2))));
            case "no lr for sgd pytorch" -> e = error(r -> r.set("optimizer", SpecParser.readTree(
                    "{\"type\": \"sgd\", \"preset\": \"pytorch\"}")));
            case "duplicate key" -> e = assertThrows(SpecException.class, () -> SpecParser.parse(
                    MLP.replace("\"training\": {\"steps\": 10}", "\"training\": {\"steps\": 10, \"steps\": 3}")));
            default -> e = error(r -> r.put("format", "dlref.spec.v2"));
        }
        assertEquals(path, e.path(), e.getMessage());
    }

    @Test
    void sgdPresetWithOverrides() {
        Component c = Component.of("optimizer", "sgd", "preset", "keras", "momentum", 0.9, "weight_decay", 0.01);
        assertEquals(new SGD.Hyperparameters(0.01, 0.9, io.github.dlref.optim.MomentumForm.HEAVY_BALL, 0.0, false,
                WeightDecay.decoupled(0.01)), SpecBuilders.hyperparameters(c));
    }
}
