package io.github.dlref.verify.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.verify.oracle.spec.SpecException;
import io.github.dlref.verify.oracle.spec.SpecParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The runner's use of train's loop: step limits mid-epoch, schedule intervals, and how failures are reported. */
class RunnerTest {

    /** y = w x, w = 1, four samples, batch size 2 (two steps per epoch), SGD. */
    private static String spec(String loss, String optimizer, String schedule, int steps) {
        return "{\"format\": \"dlref.spec.v1\", \"model\": {\"input\": 1, \"layers\": [{\"type\": \"linear\", "
                + "\"out\": 1, \"bias\": false}]}, \"parameters\": {\"values\": {\"0.weight\": [[1.0]]}}, "
                + "\"data\": {\"inputs\": [[1.0], [2.0], [3.0], [4.0]], \"targets\": [[2.0], [2.0], [2.0], [2.0]]}, "
                + "\"loss\": " + loss + ", \"optimizer\": " + optimizer + (schedule == null ? "" : ", \"schedule\": "
                + schedule) + ", \"training\": {\"steps\": " + steps + ", \"batch_size\": 2}}";
    }

    private static final String MSE = "{\"type\": \"mse\"}";
    private static final String SGD = "{\"type\": \"sgd\", \"preset\": \"pytorch\", \"lr\": 0.5}";

    private static List<Double> rates(Trajectory t) {
        List<Double> out = new ArrayList<>();
        t.steps().forEach(s -> out.add(s.learningRate().orElseThrow()));
        return out;
    }

    @Test
    void anEpochScheduleAdvancesOnlyAfterCompleteEpochsAndStepsStopMidEpoch() {
        // StepLR(step_size 1, gamma 0.5) per epoch: epochs 0, 1, 2 at 0.5, 0.25, 0.125; 5 steps end mid-epoch 2
        String schedule = "{\"type\": \"step\", \"step_size\": 1, \"gamma\": 0.5, \"interval\": \"epoch\"}";
        Trajectory t = Runner.run(SpecParser.parse(spec(MSE, SGD, schedule, 5)));
        assertEquals(List.of(0.5, 0.5, 0.25, 0.25, 0.125), rates(t));
        List<Optional<Integer>> epochs = new ArrayList<>();
        List<Optional<Integer>> batches = new ArrayList<>();
        t.steps().forEach(s -> {
            epochs.add(s.epoch());
            batches.add(s.batch());
        });
        assertEquals(List.of(0, 0, 1, 1, 2), epochs.stream().map(Optional::orElseThrow).toList());
        assertEquals(List.of(0, 1, 0, 1, 0), batches.stream().map(Optional::orElseThrow).toList());
        assertEquals(List.of(1, 2, 3, 4, 5), t.steps().stream().map(Trajectory.Step::step).toList());
    }

    @Test
    void aStepScheduleAdvancesAfterEveryStep() {
        String schedule = "{\"type\": \"step\", \"step_size\": 1, \"gamma\": 0.5}";
        Trajectory t = Runner.run(SpecParser.parse(spec(MSE, SGD, schedule, 3)));
        assertEquals(List.of(0.5, 0.25, 0.125), rates(t));
    }

    @Test
    void theFirstStepIsTheClosedFormOne() {
        // batch x = (1, 2), y = 2: prediction (1, 2), MSE ((1-2)^2 + 0) / 2 = 0.5,
        // dL/dw = (2 / 2) ((1 - 2) 1 + (2 - 2) 2) = -1; w = 1 - 0.5 (-1) = 1.5
        Trajectory.Step s = Runner.run(SpecParser.parse(spec(MSE, SGD, null, 1))).steps().get(0);
        assertEquals(0.5, s.loss());
        assertEquals(-1.0, s.gradients().get("0.weight").get(0, 0));
        assertEquals(1.5, s.parameters().get("0.weight").get(0, 0));
    }

    @Test
    void aLossThatRefusesTheDataIsASpecErrorAtItsStep() {
        // binary cross-entropy needs targets in [0, 1]; these are 2
        SpecException e = assertThrows(SpecException.class,
                () -> Runner.run(SpecParser.parse(spec("{\"type\": \"bce\"}", SGD, null, 1))));
        assertEquals("$.loss", e.path());
        assertTrue(e.getMessage().startsWith("$.loss: the loss refuses the data at step 1: "), e.getMessage());
    }

    @Test
    void anOptimizerDivisionByZeroIsAnOracleErrorAtItsStep() {
        // inputs 0: the weight's gradient is 0, and AdaGrad without eps divides 0 by sqrt(0) + 0
        String text = spec(MSE, "{\"type\": \"adagrad\", \"preset\": \"dl_basics\", \"lr\": 0.1, \"eps\": 0.0}", null,
                1).replace("[[1.0], [2.0], [3.0], [4.0]]", "[[0.0], [0.0], [0.0], [0.0]]");
        OracleException e = assertThrows(OracleException.class, () -> Runner.run(SpecParser.parse(text)));
        assertInstanceOf(ArithmeticException.class, e.getCause());
        assertEquals("step 1: " + e.getCause().getMessage(), e.getMessage());
    }
}
