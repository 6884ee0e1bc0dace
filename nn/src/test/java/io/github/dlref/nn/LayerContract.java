package io.github.dlref.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract every layer's test checks (implemented by each layer test): one output row per input row,
 * deterministic evaluation mode, gradients that reach the input with its shape, a state that round-trips,
 * and a clear error for a null input.
 */
public interface LayerContract {

    /**
     * A fresh layer in training mode.
     *
     * @return the layer
     */
    Module layer();

    /**
     * A valid input batch for {@link #layer()} (several rows, away from kinks).
     *
     * @return the batch
     */
    Matrix input();

    @Test
    default void outputHasOneRowPerSample() {
        Matrix x = input();
        assertEquals(x.rows(), layer().forward(Tensor.constant(x)).rows());
    }

    @Test
    default void evaluationModeIsDeterministic() {
        Module m = layer();
        m.eval();
        assertFalse(m.isTraining());
        Matrix a = m.forward(Tensor.constant(input())).value();
        Matrix b = m.forward(Tensor.constant(input())).value();
        assertEquals(a, b);
    }

    /**
     * The input gradient of {@code sum(forward(x) * R)} (R fixed Gaussian weights, so no entry's contribution
     * cancels, as it would for a plain sum through BatchNorm) has the input's shape, is not all zero, and
     * matches central differences in evaluation mode, where every layer is a deterministic function.
     */
    @Test
    default void gradientReachesTheInputWithItsShape() {
        Module m = layer();
        m.eval();
        Matrix x0 = input();
        Matrix out = m.forward(Tensor.constant(x0)).value();
        Tensor weights = Tensor.constant(TestData.gaussian(99, out.rows(), out.cols()));
        Tensor x = Tensor.variable(x0);
        m.forward(x).times(weights).sum().backward();
        assertNotNull(x.grad());
        assertTrue(x.grad().sameShape(x.value()));
        assertTrue(x.grad().frobeniusNormSquared() > 0, "the input gradient is all zero");
        GradChecks.assertInputs(in -> m.forward(in[0]).times(weights).sum(), Tensor.variable("x", x0));
    }

    @Test
    default void stateRoundTrips() {
        Module m = layer();
        Map<String, Matrix> state = m.stateDict();
        m.forward(Tensor.constant(input())); // may move running statistics
        m.loadStateDict(state);
        assertEquals(state, m.stateDict());
    }

    @Test
    default void nullInputIsRejectedClearly() {
        Module m = layer();
        NullPointerException e = assertThrows(NullPointerException.class, () -> m.forward(null));
        assertTrue(e.getMessage() != null && e.getMessage().contains(m.getClass().getSimpleName()), e.getMessage());
    }
}
