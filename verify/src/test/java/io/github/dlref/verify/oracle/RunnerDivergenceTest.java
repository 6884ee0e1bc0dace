package io.github.dlref.verify.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dlref.verify.oracle.spec.SpecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A run whose numbers stop being finite is not a reference: it stops with an {@link OracleException} (status 1
 * from {@code dlref run}) naming the step, the value and the element, instead of writing NaN into a trajectory
 * (issue 17: {@code "lr": 1e308} used to exit 0 with hundreds of NaN values).
 */
class RunnerDivergenceTest {

    private static String momentumSpec() throws IOException {
        return Files.readString(Path.of("..", "examples", "mlp_momentum.spec.json"));
    }

    @Test
    void anOverflowingUpdateStopsNamingTheStepParameterAndElement() {
        // y = w x + b with w = 1, b = 0, one sample x = 2, target 0, mean squared error: L = (2 - 0)^2 = 4,
        // dL/dw = 2 (w x + b - y) x = 8, dL/db = 4. Plain SGD with lr = 1e308: w' = 1 - 8e308, which overflows to
        // -Infinity (Double.MAX_VALUE is 1.797e308); the loss and the gradients of step 1 are finite.
        String text = """
                {"format": "dlref.spec.v1",
                 "model": {"input": 1, "layers": [{"type": "linear", "out": 1}]},
                 "parameters": {"values": {"0.weight": [[1.0]], "0.bias": [[0.0]]}},
                 "data": {"inputs": [[2.0]], "targets": [[0.0]]},
                 "loss": {"type": "mse", "reduction": "mean"},
                 "optimizer": {"type": "sgd", "preset": "pytorch", "lr": 1e308},
                 "training": {"steps": 3, "shuffle": false}}
                """;
        OracleException e = assertThrows(OracleException.class, () -> Runner.run(SpecParser.parse(text)));
        assertEquals("step 1: parameter '0.weight' element (0, 0) is -Infinity after SGD's update (the computation "
                + "diverged; a smaller learning rate, or a stable loss, keeps it finite)", e.getMessage());
    }

    @Test
    void theSameSpecWithASmallRateRuns() {
        String text = """
                {"format": "dlref.spec.v1",
                 "model": {"input": 1, "layers": [{"type": "linear", "out": 1}]},
                 "parameters": {"values": {"0.weight": [[1.0]], "0.bias": [[0.0]]}},
                 "data": {"inputs": [[2.0]], "targets": [[0.0]]},
                 "loss": {"type": "mse", "reduction": "mean"},
                 "optimizer": {"type": "sgd", "preset": "pytorch", "lr": 0.125},
                 "training": {"steps": 3, "shuffle": false}}
                """;
        // w' = 1 - 0.125 * 8 = 0 and b' = 0 - 0.125 * 4 = -0.5, exactly
        Trajectory t = Runner.run(SpecParser.parse(text));
        assertEquals(0.0, t.steps().get(0).parameters().get("0.weight").get(0, 0));
        assertEquals(-0.5, t.steps().get(0).parameters().get("0.bias").get(0, 0));
    }

    @Test
    void theSameSpecWithItsOwnRateRuns() throws IOException {
        assertEquals(30, Runner.run(SpecParser.parse(momentumSpec())).steps().size());
    }
}
