package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.nn.init.KaimingUniform;
import io.github.dlref.nn.init.XavierUniform;
import io.github.dlref.nn.init.Zeros;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ModelConfig}'s refusals and description, {@link InitScheme}'s initializers, and {@link ConfusionMatrix}'s
 * counts, ratios (precision {@code TP / predicted}, recall {@code TP / support}, NaN for an empty column or row),
 * equality and refusals, on matrices worked out by hand.
 */
class ModelConfigDescribeTest {

    static void refuses(String message, Runnable r) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, r::run).getMessage());
    }

    @Test
    void modelsAreRefusedAndDescribed() {
        refuses("model: hidden widths must not be null",
                () -> new ModelConfig(null, Activation.RELU, 0, false, InitScheme.PYTORCH));
        refuses("model: every hidden width must be >= 1, got [4, null]",
                () -> new ModelConfig(Arrays.asList(4, null), Activation.RELU, 0, false, InitScheme.PYTORCH));
        refuses("model: every hidden width must be >= 1, got [0]",
                () -> new ModelConfig(List.of(0), Activation.RELU, 0, false, InitScheme.PYTORCH));
        for (double bad : new double[] {-0.1, 1.0, Double.NaN}) {
            refuses("model: dropout (drop probability) must be in [0, 1), got " + bad,
                    () -> new ModelConfig(List.of(4), Activation.RELU, bad, false, InitScheme.PYTORCH));
        }
        assertEquals("model: activation must not be null", assertThrows(NullPointerException.class,
                () -> new ModelConfig(List.of(4), null, 0, false, InitScheme.PYTORCH)).getMessage());
        assertEquals("model: init must not be null", assertThrows(NullPointerException.class,
                () -> new ModelConfig(List.of(4), Activation.RELU, 0, false, null)).getMessage());
        assertEquals(List.of(1), new ModelConfig(List.of(1), Activation.RELU, 0.0, false, InitScheme.PYTORCH).hidden());

        assertEquals("4-3", new ModelConfig(List.of(), Activation.TANH, 0, false, InitScheme.PYTORCH).describe(4, 3));
        assertEquals("4-16-8-3 tanh +batchnorm +dropout 0.25",
                new ModelConfig(List.of(16, 8), Activation.TANH, 0.25, true, InitScheme.XAVIER).describe(4, 3));
        assertEquals("2-5-2 gelu +dropout 0.5",
                new ModelConfig(List.of(5), Activation.GELU, 0.5, false, InitScheme.KAIMING).describe(2, 2));
        assertEquals("2-5-2 relu +batchnorm",
                new ModelConfig(List.of(5), Activation.RELU, 0.0, true, InitScheme.KAIMING).describe(2, 2));
    }

    @Test
    void initSchemesNameTheirInitializers() {
        assertNull(InitScheme.PYTORCH.weight());
        assertNull(InitScheme.PYTORCH.bias());
        assertTrue(InitScheme.XAVIER.weight() instanceof XavierUniform);
        assertTrue(InitScheme.KAIMING.weight() instanceof KaimingUniform);
        assertTrue(InitScheme.XAVIER.bias() instanceof Zeros);
        assertTrue(InitScheme.KAIMING.bias() instanceof Zeros);
    }

    @Test
    void confusionMatricesCountAndScore() {
        // true 0 0 1 1 2, predicted 0 1 1 1 1: row 0 = (1, 1, 0), row 1 = (0, 2, 0), row 2 = (0, 1, 0)
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 0, 1, 1, 2}, new int[] {0, 1, 1, 1, 1}, 3);
        assertEquals(3, m.numClasses());
        assertEquals(5L, m.total());
        assertEquals("[[1, 1, 0], [0, 2, 0], [0, 1, 0]]", m.toString());
        assertEquals(1.0, m.precision(0));
        assertEquals(0.5, m.precision(1), "2 of the 4 predicted 1");
        assertTrue(Double.isNaN(m.precision(2)), "nothing predicted as 2");
        assertEquals(0.5, m.recall(0));
        assertEquals(1.0, m.recall(1));
        assertEquals(0.0, m.recall(2));
        assertEquals(0.6, m.accuracy());
        ConfusionMatrix empty = ConfusionMatrix.of(new int[0], new int[0], 2);
        assertTrue(Double.isNaN(empty.accuracy()));
        assertTrue(Double.isNaN(empty.recall(1)));
        assertEquals(m, ConfusionMatrix.of(new int[] {0, 0, 1, 1, 2}, new int[] {0, 1, 1, 1, 1}, 3));
        assertEquals(m.hashCode(), ConfusionMatrix.of(new int[] {0, 0, 1, 1, 2}, new int[] {0, 1, 1, 1, 1}, 3)
                .hashCode());
        assertNotEquals(m, ConfusionMatrix.of(new int[] {0, 0, 1, 1, 2}, new int[] {0, 1, 1, 1, 2}, 3));
        assertFalse(m.equals("[[1]]"));
        refuses("ConfusionMatrix.of: labels[1] must be in [0, 3), got 3",
                () -> ConfusionMatrix.of(new int[] {0, 3}, new int[] {0, 0}, 3));
        refuses("ConfusionMatrix.of: predicted[0] must be in [0, 3), got -1",
                () -> ConfusionMatrix.of(new int[] {0, 0}, new int[] {-1, 0}, 3));
    }
}
