package io.github.dlref.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.math.Matrix;
import org.junit.jupiter.api.Test;

/**
 * The engine's refusals, each with its exact message: misuse of leaves and results, and ops whose backward
 * breaks the contract (wrong number of gradients, a missing one, a wrong shape). Also detach and the
 * descriptions that messages use.
 */
class TensorMisuseTest {

    /** An identity op whose backward returns what the test asks for. */
    private static final class Faulty extends Op {
        private final Matrix[] answer;

        Faulty(Matrix... answer) {
            this.answer = answer;
        }

        @Override
        public int arity() {
            return 1;
        }

        @Override
        protected Matrix forward(Matrix... inputs) {
            return inputs[0];
        }

        @Override
        protected Matrix[] backward(Matrix gradOutput) {
            return answer;
        }
    }

    private static <T extends Throwable> String message(Class<T> type, org.junit.jupiter.api.function.Executable call) {
        return assertThrows(type, call).getMessage();
    }

    @Test
    void aBackwardRuleMustReturnOneGradientOfTheRightShapePerInput() {
        Tensor x = Tensor.variable("x", Matrix.rowVector(1, 2));
        assertEquals("Faulty.backward returned 2 gradients for 1 inputs", message(IllegalStateException.class,
                () -> Tensor.apply(new Faulty(Matrix.rowVector(1, 1), Matrix.rowVector(1, 1)), x).sum().backward()));
        assertEquals("Faulty.backward returned no gradient for input 0, which requires one",
                message(IllegalStateException.class,
                        () -> Tensor.apply(new Faulty(new Matrix[] {null}), x).sum().backward()));
        assertEquals("Faulty.backward: gradient for input 0 has shape 2x1 but the input has shape 1x2",
                message(IllegalStateException.class,
                        () -> Tensor.apply(new Faulty(Matrix.columnVector(1, 1)), x).sum().backward()));
        assertNull(x.grad(), "no contribution reached the leaf");
        // a null gradient is allowed for an input that needs none
        Tensor c = Tensor.constant(Matrix.rowVector(1, 2));
        Tensor y = Tensor.apply(new Faulty(new Matrix[] {null}), c).plus(x).sum();
        y.backward();
        assertEquals(Matrix.rowVector(1, 1), x.grad());
    }

    @Test
    void nullInputsAreRefusedNamingTheOp() {
        assertEquals("Faulty: input must not be null", assertThrows(NullPointerException.class,
                () -> Tensor.apply(new Faulty(), (Tensor) null)).getMessage());
    }

    @Test
    void onlyTensorsThatRequireAGradientRetainOrBackpropagateOne() {
        Tensor c = Tensor.constant(Matrix.scalar(2));
        assertEquals("retainGrad: tensor leaf (1x1) does not require a gradient",
                message(IllegalStateException.class, c::retainGrad));
        assertTrue(message(IllegalStateException.class, c::backward)
                .startsWith("backward: tensor leaf (1x1) does not require a gradient (no input of its graph"));
        Tensor x = Tensor.variable("x", Matrix.scalar(3));
        Tensor square = x.times(x);
        assertSame(square, square.retainGrad());
        square.times(2.0).backward();
        assertEquals(Matrix.scalar(2), square.grad(), "a retained intermediate keeps its own gradient");
        assertEquals(Matrix.scalar(12), x.grad());
    }

    @Test
    void accumulatedGradientsMustHaveTheTensorsShape() {
        Tensor x = Tensor.variable("x", Matrix.rowVector(1, 2));
        assertEquals("accumulateGrad: gradient shape 2x1 does not match tensor 'x' (1x2) of shape 1x2",
                message(IllegalArgumentException.class, () -> x.accumulateGrad(Matrix.columnVector(1, 1))));
        x.accumulateGrad(Matrix.rowVector(1, 2));
        x.accumulateGrad(Matrix.rowVector(10, 20));
        assertEquals(Matrix.rowVector(11, 22), x.grad());
    }

    @Test
    void onlyLeavesOfTheSameShapeCanBeAssigned() {
        Parameter w = new Parameter("w", Matrix.rowVector(1, 2));
        assertEquals("assign: new value of shape 1x3 does not match 'w' (1x2) of shape 1x2",
                message(IllegalArgumentException.class, () -> w.assign(Matrix.rowVector(1, 2, 3))));
        w.assign(Matrix.rowVector(5, 6));
        assertEquals(Matrix.rowVector(5, 6), w.value());
    }

    @Test
    void detachKeepsTheValueAndDropsTheGraph() {
        Tensor x = Tensor.variable("x", Matrix.rowVector(1, 2));
        Tensor y = x.times(3.0);
        Tensor d = y.detach();
        assertEquals(Matrix.rowVector(3, 6), d.value());
        assertFalse(d.requiresGrad());
        assertTrue(d.isLeaf());
        assertTrue(y.requiresGrad());
    }

    @Test
    void descriptionsNameTheTensor() {
        assertEquals("Tensor 'x' (1x2) requiresGrad " + Matrix.rowVector(1, 2),
                Tensor.variable("x", Matrix.rowVector(1, 2)).toString());
        assertEquals("Tensor leaf (1x1) " + Matrix.scalar(1), Tensor.constant(Matrix.scalar(1)).toString());
        Tensor r = Tensor.variable(Matrix.scalar(1)).times(2.0);
        assertTrue(r.toString().startsWith("Tensor result of "), r.toString());
        assertTrue(r.toString().contains(" (1x1) requiresGrad "), r.toString());
    }
}
