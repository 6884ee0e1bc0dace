package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.Module;
import org.junit.jupiter.api.Test;

/** Every app activation creates the nn layer it names, with PyTorch's default settings (checked by value). */
class ActivationTest {

    private static double at(Activation a, double x) {
        Module m = a.create();
        return m.forward(Tensor.constant(Matrix.scalar(x))).item();
    }

    @Test
    void eachActivationComputesItsFunction() {
        assertEquals(0.0, at(Activation.RELU, -2.0));
        assertEquals(Math.tanh(0.5), at(Activation.TANH, 0.5), 1e-15);
        assertEquals(1 / (1 + Math.exp(-0.5)), at(Activation.SIGMOID, 0.5), 1e-15);
        assertEquals(-0.02, at(Activation.LEAKY_RELU, -2.0), 1e-17);
        assertEquals(0.0, at(Activation.GELU, 0.0));
        assertEquals(1.0 * 0.8413447460685429, at(Activation.GELU, 1.0), 1e-15); // Phi(1)
        assertEquals(0.5 * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * 1.044715)), at(Activation.GELU_TANH, 1.0), 1e-15);
        assertEquals(Math.expm1(-1.0), at(Activation.ELU, -1.0), 1e-16);
        assertEquals(1.0507009873554804934193349852946 * 2.0, at(Activation.SELU, 2.0), 1e-15);
        assertEquals(2 / (1 + Math.exp(-2.0)), at(Activation.SILU, 2.0), 1e-15);
        assertEquals(Math.log1p(Math.exp(1.0)), at(Activation.SOFTPLUS, 1.0), 1e-15);
        assertEquals(21.0, at(Activation.SOFTPLUS, 21.0));
        assertEquals(-1.0, at(Activation.HARDTANH, -3.0));
        assertEquals(11, Activation.values().length);
    }
}
