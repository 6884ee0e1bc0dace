package io.github.dlref.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.scalar.ScalarGradMode;
import io.github.dlref.autograd.scalar.Value;
import io.github.dlref.math.Matrix;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14: the matrix engine ({@link Tensor}) and the scalar engine ({@link Value}) follow one domain-error
 * policy, PyTorch's: the IEEE result and its IEEE gradient without an exception, and an exception naming the op
 * in anomaly mode. Expected values are the closed-form derivatives evaluated in IEEE arithmetic (for example
 * {@code d ln a / da = 1 / a = -1} at {@code a = -1}, and {@code d (a / b) / db = -a / b^2 = -Infinity} at
 * {@code (1, 0)}), which is what {@code torch.log}, {@code torch.sqrt}, {@code torch.pow} and division return in
 * float64.
 */
class DomainErrorPolicyTest {

    /**
     * One domain error: a binary function of two scalars {@code (a, b)} (unary ops ignore {@code b}) written for
     * both engines, the expected IEEE value and gradients, and the op name an anomaly must mention.
     */
    record Case(String name, double a, double b, BinaryOperator<Tensor> tensor, BinaryOperator<Value> value,
            double expectedValue, double expectedGradA, double expectedGradB, String tensorOp, String valueOp) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        return List.of(
                // ln(-1) = NaN, d/da = 1/a = -1
                new Case("log(-1)", -1.0, 1.0, (a, b) -> a.log(), (a, b) -> a.log(), nan, -1.0, 0.0, "Log", "log"),
                // ln(0) = -Infinity, d/da = 1/0 = Infinity
                new Case("log(0)", 0.0, 1.0, (a, b) -> a.log(), (a, b) -> a.log(), -inf, inf, 0.0, "Log", "log"),
                // sqrt(-1) = NaN, d/da = 1/(2 sqrt a) = NaN
                new Case("sqrt(-1)", -1.0, 1.0, (a, b) -> a.sqrt(), (a, b) -> a.sqrt(), nan, nan, 0.0, "Sqrt",
                        "sqrt"),
                // sqrt(0) = 0, d/da = 1/(2 * 0) = Infinity
                new Case("sqrt(0)", 0.0, 1.0, (a, b) -> a.sqrt(), (a, b) -> a.sqrt(), 0.0, inf, 0.0, "Sqrt", "sqrt"),
                // (-8)^(1/3) = NaN (a real power of a negative base), d/da = (1/3) (-8)^(-2/3) = NaN
                new Case("pow(-8, 1/3)", -8.0, 1.0, (a, b) -> a.pow(1.0 / 3), (a, b) -> a.pow(1.0 / 3), nan, nan,
                        0.0, "Pow", "pow"),
                // 0^(-1) = Infinity, d/da = -1 * 0^(-2) = -Infinity
                new Case("pow(0, -1)", 0.0, 1.0, (a, b) -> a.pow(-1.0), (a, b) -> a.pow(-1.0), inf, -inf, 0.0,
                        "Pow", "pow"),
                // 1 / 0 = Infinity, d/da = 1/b = Infinity, d/db = -a/b^2 = -Infinity
                new Case("1 / 0", 1.0, 0.0, Tensor::div, Value::div, inf, inf, -inf, "Divide", "pow"),
                // 0 / 0 = NaN, d/da = 1/b = Infinity, d/db = -a/b^2 = -0/0 = NaN
                new Case("0 / 0", 0.0, 0.0, Tensor::div, Value::div, nan, inf, nan, "Divide", "pow"))
                .stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theMatrixEngineReturnsTheIeeeValueAndGradient(Case c) {
        Tensor a = Tensor.variable(Matrix.scalar(c.a()));
        Tensor b = Tensor.variable(Matrix.scalar(c.b()));
        Tensor y = c.tensor().apply(a, b);
        assertEquals(c.expectedValue(), y.item(), "value");
        y.backward();
        assertEquals(c.expectedGradA(), a.grad().scalarValue(), "gradient of a");
        assertEquals(c.expectedGradB(), b.grad() == null ? 0.0 : b.grad().scalarValue(), "gradient of b");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theScalarEngineReturnsTheSameIeeeValueAndGradient(Case c) {
        Value a = Value.variable(c.a(), "a");
        Value b = Value.variable(c.b(), "b");
        Value y = c.value().apply(a, b);
        assertEquals(c.expectedValue(), y.data(), "value");
        y.backward();
        assertEquals(c.expectedGradA(), a.grad(), "gradient of a");
        assertEquals(c.expectedGradB(), b.grad(), "gradient of b");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void anomalyModeOfTheMatrixEngineThrowsNamingTheOp(Case c) {
        try (GradMode.Scope anomaly = GradMode.detectAnomaly()) {
            AnomalyException e = assertThrows(AnomalyException.class, () -> c.tensor()
                    .apply(Tensor.variable(Matrix.scalar(c.a())), Tensor.variable(Matrix.scalar(c.b()))).backward());
            assertTrue(e.getMessage().startsWith("anomaly: " + c.tensorOp() + " "), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void anomalyModeOfTheScalarEngineThrowsNamingTheOp(Case c) {
        try (ScalarGradMode.Scope anomaly = ScalarGradMode.detectAnomaly()) {
            ArithmeticException e = assertThrows(ArithmeticException.class,
                    () -> c.value().apply(Value.variable(c.a(), "a"), Value.variable(c.b(), "b")).backward());
            assertTrue(e.getMessage().startsWith("anomaly: ") && e.getMessage().contains(c.valueOp()),
                    e.getMessage());
        }
    }

    @Test
    void theAnomalySwitchesAreOffByDefaultAndRestoredByTheirScopes() {
        assertFalse(GradMode.isAnomalyDetectionEnabled());
        assertFalse(ScalarGradMode.isAnomalyDetectionEnabled());
        try (ScalarGradMode.Scope anomaly = ScalarGradMode.detectAnomaly()) {
            assertTrue(ScalarGradMode.isAnomalyDetectionEnabled());
        }
        assertFalse(ScalarGradMode.isAnomalyDetectionEnabled());
    }
}
