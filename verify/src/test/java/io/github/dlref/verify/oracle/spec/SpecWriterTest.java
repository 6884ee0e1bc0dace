package io.github.dlref.verify.oracle.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.math.Matrix;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Specs built in code (as {@code dlref search} builds them) write and read back equal, with every kind of
 * setting (numbers, integers, booleans, choices, number arrays, integer lists, matrices, nested initializers,
 * parameter selectors, a built-in dataset); components refuse what the parser refuses.
 */
public class SpecWriterTest {

    public static Spec everyKind() {
        ModelSpec model = new ModelSpec(2, List.of(
                Component.of("layer", "linear", "out", 4, "weight_init", Component.of("init", "kaiming_uniform",
                        "nonlinearity", "relu"), "bias_init", Component.of("init", "constant", "val", 0.01)),
                Component.of("layer", "batchnorm", "convention", "keras", "momentum", 0.9),
                Component.of("layer", "leaky_relu", "negative_slope", 0.02),
                Component.of("layer", "dropout", "p", 0.25, "seed", 3),
                Component.of("layer", "linear", "out", 2, "bias", false)));
        return new Spec(model, new ParametersSpec(OptionalLong.of(11L), Map.of("4.weight", Matrix.of(new double[][] {
            {0.5, -0.25, 0.125, 1e-300}, {-0.0, 3.0, 2.0, 1.0}}))),
                new DataSpec.Builtin(Component.of("dataset", "two_moons", "n", 40, "noise", 0.05, "seed", 5)),
                Component.of("loss", "cross_entropy", "reduction", "sum"),
                List.of(Component.of("regularizer", "l2", "lambda", 1e-3),
                        Component.of("regularizer", "l1", "lambda", 1e-4, "parameters", List.of("0.weight"))),
                Component.of("optimizer", "adam", "preset", "optax", "lr", 0.003, "betas", List.of(0.85, 0.995),
                        "amsgrad", true),
                Optional.of(Component.of("schedule", "multistep", "milestones", List.of(3, 7), "interval", "epoch")),
                new TrainingSpec(12, OptionalInt.of(8), true, OptionalLong.of(9L), true), new OutputSpec(true));
    }

    @Test
    void everyKindOfSettingRoundTrips() {
        Spec spec = everyKind();
        String text = SpecWriter.toJson(spec);
        assertEquals(spec, SpecParser.parse(text));
        assertEquals(text, SpecWriter.toJson(SpecParser.parse(text)));
    }

    @Test
    void withReplacesASettingAndValidatesIt() {
        Component adam = everyKind().optimizer();
        assertEquals(0.01, adam.with("lr", 0.01).number("lr"));
        SpecException e = assertThrows(SpecException.class, () -> adam.with("betas", List.of(0.9, 1.5)));
        assertEquals("$.betas[1]", e.path());
        SpecException unknown = assertThrows(SpecException.class, () -> adam.with("learning_rate", 0.1));
        assertTrue(unknown.problem().startsWith("unknown key \"learning_rate\" for optimizer \"adam\""), unknown.problem());
        assertThrows(SpecException.class, () -> Component.of("layer", "linear"));
    }

    @Test
    void specValidationUsesAbsolutePaths() {
        Spec s = everyKind();
        SpecException e = assertThrows(SpecException.class, () -> new Spec(new ModelSpec(3, s.model().layers()),
                s.parameters(), s.data(), s.loss(), s.regularization(), s.optimizer(), s.schedule(), s.training(),
                s.output()));
        assertEquals("$.model.input", e.path());
        SpecException named = assertThrows(SpecException.class, () -> new Spec(s.model(), s.parameters(), s.data(),
                s.loss(), List.of(Component.of("regularizer", "l2", "lambda", 0.1, "parameters", List.of("9.weight"))),
                s.optimizer(), s.schedule(), s.training(), s.output()));
        assertEquals("$.regularization[0].parameters[0]", named.path());
    }
}
