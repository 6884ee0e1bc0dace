package io.github.dlref.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.LayerContract;
import io.github.dlref.nn.Module;
import io.github.dlref.nn.TestData;
import io.github.dlref.nn.Tolerances;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The activation layers: the layer contract, and values at and around their kinks worked by hand. */
class ActivationsTest {

    private static final Matrix X = Matrix.rowVector(-2, 0, 3);

    private static Matrix apply(Module m, Matrix x) {
        return m.forward(Tensor.constant(x)).value();
    }

    private static Matrix gradient(Module m, Matrix x) {
        Tensor t = Tensor.variable(x);
        m.forward(t).sum().backward();
        return t.grad();
    }

    @Test
    void valuesAndGradientsAtTheKinks() {
        assertEquals(Matrix.rowVector(0, 0, 3), apply(new ReLU(), X));
        assertEquals(Matrix.rowVector(0, 0, 1), gradient(new ReLU(), X)); // ReLU'(0) = 0
        assertEquals(Matrix.rowVector(-0.02, 0, 3), apply(new LeakyReLU(), X));
        assertEquals(Matrix.rowVector(0.5, 0.5, 1), gradient(new LeakyReLU(0.5), X)); // slope at 0, as PyTorch
        assertEquals(0.5, apply(new Sigmoid(), X).get(0, 1));
        assertEquals(0.25, gradient(new Sigmoid(), X).get(0, 1));
        assertEquals(0.0, apply(new Tanh(), X).get(0, 1));
        assertEquals(1.0, gradient(new Tanh(), X).get(0, 1));
        Matrix p = apply(new Softmax(), Matrix.rowVector(0, Math.log(3)));
        assertEquals(0.25, p.get(0, 0), Tolerances.FEW_ULPS);
        assertEquals(0.75, p.get(0, 1), Tolerances.FEW_ULPS);
        assertEquals(X, apply(new Identity(), X));
        assertThrows(IllegalArgumentException.class, () -> new LeakyReLU(Double.NaN));
        assertEquals("LeakyReLU(negative_slope=0.01)", new LeakyReLU().toString());
    }

    private abstract static class Contract implements LayerContract {
        @Override
        public Matrix input() {
            return TestData.awayFromZero(3, 4, 5, 0.05);
        }
    }

    @Nested
    class ReLUContract extends Contract {
        @Override
        public Module layer() {
            return new ReLU();
        }
    }

    @Nested
    class LeakyReLUContract extends Contract {
        @Override
        public Module layer() {
            return new LeakyReLU();
        }
    }

    @Nested
    class SigmoidContract extends Contract {
        @Override
        public Module layer() {
            return new Sigmoid();
        }
    }

    @Nested
    class TanhContract extends Contract {
        @Override
        public Module layer() {
            return new Tanh();
        }
    }

    @Nested
    class SoftmaxContract extends Contract {
        @Override
        public Module layer() {
            return new Softmax();
        }
    }

    @Nested
    class IdentityContract extends Contract {
        @Override
        public Module layer() {
            return new Identity();
        }
    }
}
