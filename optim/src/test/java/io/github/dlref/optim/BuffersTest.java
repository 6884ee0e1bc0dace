package io.github.dlref.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Named per-parameter buffers: looked up by slot, filled with their initial values, restored by copy. */
class BuffersTest {

    private static final Slot FIRST = new Slot("first");
    private static final Slot SECOND = new Slot("second");

    @Test
    void buffersAreFoundByNameAndStartAtTheirInitialValues() {
        Buffers b = new Buffers("Test", List.of(FIRST, SECOND), new double[] {0.0, 0.1}, 3);
        assertArrayEquals(new double[] {0.0, 0.0, 0.0}, b.get(FIRST));
        assertArrayEquals(new double[] {0.1, 0.1, 0.1}, b.get(SECOND));
        assertSame(b.get(SECOND), b.get(new Slot("second")), "a slot is its name");
        double[] restored = {1.0, 2.0, 3.0};
        double[] before = b.get(FIRST);
        b.set(FIRST, restored);
        assertSame(before, b.get(FIRST), "restoring copies into the buffer");
        assertNotSame(restored, b.get(FIRST));
        assertArrayEquals(restored, b.get(FIRST));
    }

    @Test
    void anUnknownSlotIsAProgrammingErrorThatNamesTheBuffers() {
        Buffers b = new Buffers("Adam", List.of(FIRST), new double[] {0.0}, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.get(SECOND));
        assertEquals("Adam: no buffer 'second'; buffers are [Slot[name=first]]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Slot(""));
    }

    @Test
    void snapshotsListTheSlotsInDeclarationOrderWithPyTorchStateKeys() {
        Parameter w = new Parameter("w", Matrix.rowVector(1.0, -1.0));
        Optimizer centered = new RMSProp(List.of(w), RMSProp.Hyperparameters.pytorch().withCentered(true)
                .withMomentum(0.5));
        assertEquals(List.of("square_avg", "grad_avg", "momentum_buffer"),
                List.copyOf(centered.state(w).buffers().keySet()));
        Optimizer heavy = new RMSProp(List.of(w), RMSProp.Hyperparameters.keras().withMomentum(0.5));
        assertEquals(List.of("square_avg", "velocity"), List.copyOf(heavy.state(w).buffers().keySet()));
        Optimizer ams = new Adam(List.of(w), Adam.Hyperparameters.optaxAmsGrad(0.1));
        assertEquals(List.of("exp_avg", "exp_avg_sq", "nu_max"), List.copyOf(ams.state(w).buffers().keySet()));
        Optimizer adaGrad = new AdaGrad(List.of(w), AdaGrad.Hyperparameters.keras());
        assertEquals(Matrix.rowVector(0.1, 0.1), adaGrad.state(w).buffer("sum"));
        assertEquals(List.of(), List.copyOf(new SGD(List.of(w), SGD.Hyperparameters.pytorch(0.1)).state(w)
                .buffers().keySet()));
    }
}
