package io.github.dlref.autograd.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Double backward in the scalar engine ({@link Value#gradients}): second derivatives of every primitive against
 * closed forms, mixed partials, first derivatives equal to {@link Value#backward()}'s bit for bit, and the
 * validation messages.
 */
class ValueSecondOrderTest {

    private static final double RELATIVE = 1e-15;

    /** Each primitive at a point: f, f' and f'' in closed form. */
    static Stream<Arguments> primitives() {
        double a = 0.7;
        double t = Math.tanh(a);
        double s = 1.0 / (1.0 + Math.exp(-a));
        return Stream.of(
                Arguments.of("x * x", (UnaryOperator<Value>) x -> x.times(x), a, 2 * a, 2.0),
                Arguments.of("x^3", (UnaryOperator<Value>) x -> x.pow(3.0), a, 3 * a * a, 6 * a),
                Arguments.of("x^-1.5", (UnaryOperator<Value>) x -> x.pow(-1.5), a, -1.5 * Math.pow(a, -2.5),
                        3.75 * Math.pow(a, -3.5)),
                Arguments.of("exp", (UnaryOperator<Value>) Value::exp, a, Math.exp(a), Math.exp(a)),
                Arguments.of("log", (UnaryOperator<Value>) Value::log, a, 1 / a, -1 / (a * a)),
                Arguments.of("sqrt", (UnaryOperator<Value>) Value::sqrt, a, 0.5 / Math.sqrt(a),
                        -0.25 * Math.pow(a, -1.5)),
                Arguments.of("tanh", (UnaryOperator<Value>) Value::tanh, a, 1 - t * t, -2 * t * (1 - t * t)),
                Arguments.of("sigmoid", (UnaryOperator<Value>) Value::sigmoid, a, s * (1 - s),
                        s * (1 - s) * (1 - 2 * s)),
                Arguments.of("x + x", (UnaryOperator<Value>) x -> x.plus(x), a, 2.0, 0.0),
                Arguments.of("1 / x", (UnaryOperator<Value>) x -> Value.constant(1.0).div(x), a, -1 / (a * a),
                        2 / (a * a * a)),
                Arguments.of("x - 3", (UnaryOperator<Value>) x -> x.minus(3.0), a, 1.0, 0.0),
                Arguments.of("relu (x > 0)", (UnaryOperator<Value>) x -> x.relu().times(x), a, 2 * a, 2.0),
                Arguments.of("relu (x < 0)", (UnaryOperator<Value>) x -> x.relu().times(x), -a, 0.0, 0.0),
                Arguments.of("max(x, 0.1) x", (UnaryOperator<Value>) x -> x.max(0.1).times(x), a, 2 * a, 2.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("primitives")
    void secondDerivativeOfEachPrimitive(String name, UnaryOperator<Value> f, double at, double first, double second) {
        Value x = Value.variable(at, "x");
        Value d1 = Value.gradients(f.apply(x), List.of(x), true).get(0);
        assertClose(first, d1.data(), name + " f'");
        double d2 = d1.requiresGrad() ? Value.gradients(d1, List.of(x), false).get(0).data() : 0.0;
        assertClose(second, d2, name + " f''");
        assertEquals(0.0, x.grad(), "gradients(...) leaves grad() alone");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("primitives")
    void firstDerivativesWithAGraphEqualBackwardBitForBit(String name, UnaryOperator<Value> f, double at,
            double first, double second) {
        Value x = Value.variable(at, "x");
        Value y = f.apply(x).tanh().times(f.apply(x));
        double graph = Value.gradients(y, List.of(x), true).get(0).data();
        double fast = Value.gradients(y, List.of(x), false).get(0).data();
        y.backward();
        assertEquals(x.grad(), graph, name);
        assertEquals(x.grad(), fast, name);
    }

    @Test
    void mixedPartialsOfAProduct() {
        // f(a, b) = a^2 b + tanh(a b): d^2f/da db = 2 a + sech^2(ab) (1 - 2 ab tanh(ab))
        double a0 = 0.3;
        double b0 = -1.2;
        Value a = Value.variable(a0, "a");
        Value b = Value.variable(b0, "b");
        Value f = a.pow(2.0).times(b).plus(a.times(b).tanh());
        Value dfda = Value.gradients(f, List.of(a, b), true).get(0);
        List<Value> row = Value.gradients(dfda, List.of(a, b), false);
        double t = Math.tanh(a0 * b0);
        double sech2 = 1 - t * t;
        assertClose(2 * b0 - 2 * b0 * b0 * t * sech2, row.get(0).data(), "d2f/da2");
        assertClose(2 * a0 + sech2 * (1 - 2 * a0 * b0 * t), row.get(1).data(), "d2f/da db");
        Value dfdb = Value.gradients(f, List.of(a, b), true).get(1);
        assertClose(row.get(1).data(), Value.gradients(dfdb, List.of(a), false).get(0).data(), "symmetry");
    }

    @Test
    void unreachedInputsGetZeroAndTheGraphCanBeReusedForThirdDerivatives() {
        Value x = Value.variable(2.0, "x");
        Value z = Value.variable(5.0, "z");
        List<Value> g = Value.gradients(x.pow(4.0), List.of(x, z), true);
        assertEquals(32.0, g.get(0).data());
        assertEquals(0.0, g.get(1).data());
        assertFalse(g.get(1).requiresGrad());
        Value second = Value.gradients(g.get(0), List.of(x), true).get(0);
        assertEquals(48.0, second.data());
        assertEquals(48.0, Value.gradients(second, List.of(x), false).get(0).data(), "24 x");
    }

    @Test
    void badArgumentsFailWithAMessage() {
        Value x = Value.variable(1.0, "x");
        Value c = Value.constant(2.0);
        assertEquals("gradients: 4.0 (const) does not require a gradient", assertThrows(IllegalStateException.class,
                () -> Value.gradients(c.times(c), List.of(x), false)).getMessage());
        assertEquals("gradients: input 1 2.0 (const) does not require a gradient", assertThrows(
                IllegalArgumentException.class, () -> Value.gradients(x.times(x), List.of(x, c), true)).getMessage());
        assertEquals("gradients: operand must not be null", assertThrows(IllegalArgumentException.class,
                () -> Value.gradients(null, List.of(x), true)).getMessage());
        assertTrue(Value.gradients(x.times(x), List.of(), true).isEmpty());
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(expected - actual) <= RELATIVE * Math.max(1.0, Math.abs(expected)),
                () -> what + ": expected " + expected + ", got " + actual);
    }
}
