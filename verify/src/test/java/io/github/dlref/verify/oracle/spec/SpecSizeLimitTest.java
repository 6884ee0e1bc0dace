package io.github.dlref.verify.oracle.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A spec whose model is too large is refused with its JSON path before anything is allocated (issue 17). */
class SpecSizeLimitTest {

    private static String spec(long out) {
        return """
                {"format": "dlref.spec.v1",
                 "model": {"input": 2, "layers": [{"type": "linear", "out": 3}, {"type": "tanh"},
                                                  {"type": "linear", "out": OUT}]},
                 "parameters": {"seed": 1},
                 "data": {"inputs": [[0.0, 1.0]], "targets": [[1.0]]},
                 "loss": {"type": "mse"},
                 "optimizer": {"type": "sgd", "preset": "pytorch", "lr": 0.1},
                 "training": {"steps": 1}}
                """.replace("OUT", Long.toString(out));
    }

    @Test
    void aLayerOfABillionOutputsIsRefusedWithItsPath() {
        // layer 2 has a 1000000000 x 3 weight: 3e9 entries, far above the limit
        SpecException e = assertThrows(SpecException.class,
                () -> SpecBuilders.model(SpecParser.parse(spec(1_000_000_000L)).model(),
                        SpecParser.parse(spec(1_000_000_000L)).parameters()));
        assertEquals("$.model.layers[2]", e.path());
        assertTrue(e.getMessage().contains("more than 50000000 parameter entries"), e.getMessage());
        assertTrue(e.getMessage().contains("\"2.weight\" is 1000000000 x 3"), e.getMessage());
    }

    @Test
    void aSmallModelIsBuilt() {
        Spec s = SpecParser.parse(spec(1));
        assertEquals(4, SpecBuilders.model(s.model(), s.parameters()).namedParameters().size());
    }
}
