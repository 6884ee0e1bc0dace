package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The network's size is computed exactly and a network above the limit is refused before any allocation. */
class ModelSizeTest {

    @Test
    void theParameterCountIsExact() {
        ModelConfig fashion = new ModelConfig(List.of(256), Activation.RELU, 0.0, false, InitScheme.PYTORCH);
        // 784 * 256 + 256 + 256 * 10 + 10
        assertEquals(203_530L, fashion.parameterCount(784, 10));
        ModelConfig withBatchNorm = new ModelConfig(List.of(12, 8), Activation.TANH, 0.0, true, InitScheme.XAVIER);
        // (2 * 12 + 12) + 2 * 12 + (12 * 8 + 8) + 2 * 8 + (8 * 3 + 3)
        assertEquals(36L + 24L + 104L + 16L + 27L, withBatchNorm.parameterCount(2, 3));
    }

    @Test
    void aHugeNetworkIsRefusedBeforeItIsBuilt() {
        ModelConfig huge = new ModelConfig(List.of(1_000_000_000), Activation.RELU, 0.0, false, InitScheme.PYTORCH);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> huge.build(4, 3, Seeds.of(1L)));
        assertEquals("model: 4-1000000000-3 relu has 8000000003 parameters, more than the limit of 50000000 (8 bytes "
                + "each, and as much again for gradients and optimizer state); use smaller hidden widths",
                e.getMessage());
        // one hidden layer of width h on 4 inputs and 3 classes has 4h + h + 3h + 3 = 8h + 3 parameters:
        // h = 6249999 gives 49999995 (accepted), h = 6250000 gives 50000003 (refused)
        ModelConfig below = new ModelConfig(List.of(6_249_999), Activation.RELU, 0.0, false, InitScheme.PYTORCH);
        assertEquals(49_999_995L, below.parameterCount(4, 3));
        assertDoesNotThrow(() -> below.checkSize(4, 3));
        ModelConfig above = new ModelConfig(List.of(6_250_000), Activation.RELU, 0.0, false, InitScheme.PYTORCH);
        assertThrows(IllegalArgumentException.class, () -> above.checkSize(4, 3));
    }
}
