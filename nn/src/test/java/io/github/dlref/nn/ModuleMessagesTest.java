package io.github.dlref.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.layers.ReLU;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact one-line messages of the module tree's refusals. */
class ModuleMessagesTest {

    @Test
    void stateMismatchMessagesListEachKindOfProblemOnce() {
        assertEquals("state does not match the model: missing [a, b]; conflicting values for shared entries"
                + " [[x, y]]; the model was not changed",
                new StateMismatchException(List.of("a", "b"), List.of(), List.of(), List.of("[x, y]")).getMessage());
        assertEquals("state does not match the model: unexpected [c]; wrong shapes [w: model 1x2, state 2x2];"
                + " the model was not changed",
                new StateMismatchException(List.of(), List.of("c"), List.of("w: model 1x2, state 2x2"), List.of())
                        .getMessage());
        assertEquals("state does not match the model: conflicting values for shared entries [[p, q]]; the model"
                + " was not changed",
                new StateMismatchException(List.of(), List.of(), List.of(), List.of("[p, q]")).getMessage());
    }

    @Test
    void sequentialRefusesAnIndexEqualToItsSize() {
        Sequential chain = new Sequential(new ReLU(), new ReLU());
        assertEquals("Sequential.get: index 2 is outside [0, 2)",
                assertThrows(IndexOutOfBoundsException.class, () -> chain.get(2)).getMessage());
    }

    @Test
    void nullValuesAndInputsNameTheModule() {
        final class Holder extends Module {
            @Override
            public Tensor forward(Tensor input) {
                return input;
            }

            void add(String name, Matrix value) {
                registerParameter(name, value, ParameterRole.WEIGHT);
            }
        }
        Holder holder = new Holder();
        assertEquals("Holder: value of parameter 'w' must not be null",
                assertThrows(NullPointerException.class, () -> holder.add("w", null)).getMessage());
        assertEquals("ReLU.predict: input must not be null",
                assertThrows(NullPointerException.class, () -> new ReLU().predict(null)).getMessage());
    }
}
