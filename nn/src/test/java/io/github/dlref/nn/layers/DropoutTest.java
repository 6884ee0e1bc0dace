package io.github.dlref.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import io.github.dlref.nn.LayerContract;
import io.github.dlref.nn.Module;
import org.junit.jupiter.api.Test;

class DropoutTest implements LayerContract {

    @Override
    public Module layer() {
        return new Dropout(0.5, new Rng(1));
    }

    @Override
    public Matrix input() {
        return io.github.dlref.nn.TestData.gaussian(1, 4, 3);
    }


    @Test
    void maskFollowsTheDocumentedDrawOrder() {
        Dropout dropout = new Dropout(0.3, new Rng(42));
        Matrix x = Matrix.filled(3, 4, 2.0);
        Tensor y = dropout.forward(Tensor.constant(x));
        Rng reference = new Rng(42);
        Matrix expected = Matrix.build(3, 4, (i, j) -> reference.nextDouble() >= 0.3 ? 2.0 / 0.7 : 0.0);
        assertEquals(expected, y.value());
        assertEquals(expected.times(0.5), dropout.lastMask());
    }

    @Test
    void sameSeedSameMaskAndSuccessiveCallsDrawNewMasks() {
        Matrix x = Matrix.ones(5, 5);
        Dropout a = new Dropout(0.5, new Rng(7));
        Dropout b = new Dropout(0.5, new Rng(7));
        Matrix first = a.forward(Tensor.constant(x)).value();
        assertEquals(first, b.forward(Tensor.constant(x)).value());
        Matrix second = a.forward(Tensor.constant(x)).value();
        assertTrue(!first.equals(second), "a new mask per call");
    }

    @Test
    void gradientIsTheMask() {
        Dropout dropout = new Dropout(0.5, new Rng(3));
        Tensor x = Tensor.variable(Matrix.ones(4, 4));
        dropout.forward(x).sum().backward();
        assertEquals(dropout.lastMask(), x.grad());
    }

    @Test
    void evaluationModeIsTheIdentityAndDrawsNothing() {
        Rng rng = new Rng(4);
        Dropout dropout = new Dropout(0.9, rng);
        dropout.eval();
        Rng.State before = rng.state();
        Tensor x = Tensor.variable(Matrix.ones(2, 2));
        assertSame(x, dropout.forward(x));
        assertEquals(before, rng.state());
    }

    @Test
    void edgeProbabilities() {
        Matrix x = Matrix.filled(3, 3, 1.5);
        assertEquals(x, new Dropout(0.0, new Rng(1)).forward(Tensor.constant(x)).value());
        assertEquals(Matrix.zeros(3, 3), new Dropout(1.0, new Rng(1)).forward(Tensor.constant(x)).value());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5, new Rng(1))).getMessage()
                .contains("must be in [0, 1], got 1.5"));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(Double.NaN, new Rng(1)));
    }

    @Test
    void invertedScalingKeepsTheExpectationWithinSamplingError() {
        // Each output entry is 0 or 1 / (1 - p): mean 1, variance p / (1 - p). For n = 10000 entries and p = 0.25
        // the standard error of the mean is sqrt(1/3 / 10000) = 0.0058; allow 5 of them.
        Dropout dropout = new Dropout(0.25, new Rng(11));
        Matrix y = dropout.forward(Tensor.constant(Matrix.ones(100, 100))).value();
        assertEquals(1.0, y.mean(), 5 * Math.sqrt((0.25 / 0.75) / 10000));
    }
}
