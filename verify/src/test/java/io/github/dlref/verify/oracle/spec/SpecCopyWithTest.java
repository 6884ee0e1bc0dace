package io.github.dlref.verify.oracle.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The copy-with methods of {@link Spec}: each replaces exactly its own component and keeps every other one (the
 * same objects), and the copy is validated as a whole, so a component that does not fit the rest is reported with
 * its JSON path as by the parser.
 */
class SpecCopyWithTest {

    /** A 2-3-1 MLP on four samples with PyTorch momentum SGD, an L2 penalty and a step schedule. */
    private static final String BASE = """
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
              "regularization": [{"type": "l2", "lambda": 0.01}],
              "optimizer": {"type": "sgd", "preset": "pytorch", "lr": 0.1, "momentum": 0.9},
              "schedule": {"type": "step", "step_size": 2, "gamma": 0.5},
              "training": {"steps": 10}
            }
            """;

    /** The same shapes with every component different. */
    private static final String OTHER = """
            {
              "format": "dlref.spec.v1",
              "model": {"input": 2, "layers": [{"type": "linear", "out": 3}, {"type": "tanh"},
                                                {"type": "linear", "out": 1}]},
              "parameters": {"values": {
                "0.weight": [[0.2, -0.1], [0.3, 0.4], [-0.6, 0.5]], "0.bias": [[0.0, 0.1, -0.2]],
                "2.weight": [[-0.3, 0.6, 0.1]], "2.bias": [[0.0]]}},
              "data": {"inputs": [[1.0, 2.0], [3.0, 4.0]], "targets": [[0.5], [-0.5]]},
              "loss": {"type": "mse", "reduction": "sum"},
              "regularization": [{"type": "l1", "lambda": 0.001}],
              "optimizer": {"type": "adam", "preset": "keras", "lr": 0.01},
              "training": {"steps": 3, "batch_size": 2, "shuffle": true, "seed": 5}
            }
            """;

    private static final Spec BASE_SPEC = SpecParser.parse(BASE);
    private static final Spec OTHER_SPEC = SpecParser.parse(OTHER);

    /** The components of a spec, in record order. */
    private static List<Object> components(Spec s) {
        return List.of(s.model(), s.parameters(), s.data(), s.loss(), s.regularization(), s.optimizer(), s.schedule(),
                s.training(), s.output());
    }

    /** Asserts that {@code copy} has {@code other}'s component at {@code index} and the base's everywhere else. */
    private static void assertReplacesOnly(int index, Spec copy, Spec other) {
        List<Object> base = components(BASE_SPEC);
        List<Object> got = components(copy);
        List<Object> replacement = components(other);
        for (int i = 0; i < base.size(); i++) {
            if (i == index) {
                assertSame(replacement.get(i), got.get(i), "component " + i + " is the new one");
                assertNotSame(base.get(i), got.get(i), "component " + i + " changed");
            } else {
                assertSame(base.get(i), got.get(i), "component " + i + " kept");
            }
        }
    }

    @Test
    void eachCopyReplacesExactlyItsComponent() {
        List<Function<Spec, Spec>> copies = List.of(
                s -> BASE_SPEC.withModel(s.model()),
                s -> BASE_SPEC.withParameters(s.parameters()),
                s -> BASE_SPEC.withData(s.data()),
                s -> BASE_SPEC.withLoss(s.loss()),
                s -> BASE_SPEC.withRegularization(s.regularization()),
                s -> BASE_SPEC.withOptimizer(s.optimizer()),
                s -> BASE_SPEC.withSchedule(s.schedule()),
                s -> BASE_SPEC.withTraining(s.training()),
                s -> BASE_SPEC.withOutput(s.output()));
        Spec otherWithOutput = OTHER_SPEC.withOutput(new OutputSpec(true));
        for (int i = 0; i < copies.size(); i++) {
            assertReplacesOnly(i, copies.get(i).apply(otherWithOutput), otherWithOutput);
        }
        assertEquals(Optional.empty(), BASE_SPEC.withSchedule(Optional.empty()).schedule());
    }

    @Test
    void aCopyIsValidatedAsAWhole() {
        SpecException shape = assertThrows(SpecException.class, () -> BASE_SPEC.withModel(new ModelSpec(3,
                BASE_SPEC.model().layers())));
        assertEquals("$.parameters.values['0.weight']", shape.path(), shape.getMessage());
        assertTrue(shape.getMessage().contains("expected a 3 x 3 matrix"), shape.getMessage());
        SpecException noBatch = assertThrows(SpecException.class, () -> BASE_SPEC.withTraining(
                new TrainingSpec(10, OptionalInt.of(8), false, OptionalLong.empty(), true)));
        assertEquals("$.training.batch_size", noBatch.path(), noBatch.getMessage());
        assertTrue(noBatch.getMessage().contains("leaves no batch of the 4 samples"), noBatch.getMessage());
        SpecException family = assertThrows(SpecException.class, () -> BASE_SPEC.withOptimizer(BASE_SPEC.loss()));
        assertEquals("$.optimizer", family.path(), family.getMessage());
    }
}
