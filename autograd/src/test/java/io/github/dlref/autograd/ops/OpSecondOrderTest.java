package io.github.dlref.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import io.github.dlref.autograd.Autograd;
import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.Tolerances;
import io.github.dlref.autograd.check.GradCheck;
import io.github.dlref.autograd.check.GradCheckReport;
import io.github.dlref.autograd.ops.OpCase.Shape;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Second derivatives of every op of the catalogue ({@link OpCases}): the second-order check
 * ({@link GradCheck#gradGradCheck}, PyTorch's {@code gradgradcheck}) over every twice-differentiable op on random
 * inputs (fixed seed) and every shape configuration; the first derivatives that the differentiable backward rules
 * build equal the fast rules' bit for bit (a zero may differ in sign: {@code g * 0} with a mask); and the ops without second derivatives are exactly the piecewise-linear
 * ones, each shown to fail the second-order check at its kink (rather than pass it silently) and to have second
 * derivative 0 away from it.
 */
class OpSecondOrderTest {

    private static final long SEED = 42L;
    private static final int EXAMPLES_PER_SHAPE = 3;

    /** The op classes whose {@link Op#isTwiceDifferentiable()} is {@code false}, with the reason. */
    static final Map<String, String> NOT_TWICE_DIFFERENTIABLE = Map.of(
            "Abs", "derivative jumps from -1 to 1 at 0",
            "Relu", "derivative jumps from 0 to 1 at 0",
            "LeakyRelu", "derivative jumps from the slope to 1 at 0",
            "Clamp", "derivative jumps between 0 and 1 at the bounds",
            "Maximum", "gradient jumps between the operands where they are equal",
            "MaxPerRow", "gradient jumps between columns where a row's maximum ties");

    static Stream<OpCase> twiceDifferentiable() {
        return OpCases.ALL.stream().filter(c -> opOf(c).isTwiceDifferentiable());
    }

    static Stream<OpCase> notTwiceDifferentiable() {
        return OpCases.ALL.stream().filter(c -> !opOf(c).isTwiceDifferentiable());
    }

    static Stream<OpCase> all() {
        return OpCases.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("twiceDifferentiable")
    void passesTheSecondOrderCheckOnEveryShape(OpCase c) {
        for (Shape[] shapes : c.shapes()) {
            qt().withFixedSeed(SEED).withExamples(EXAMPLES_PER_SHAPE).forAll(c.inputs().apply(shapes))
                    .checkAssert(values -> {
                        GradCheckReport report = GradCheck.gradGradCheck(Tolerances.STRICT_GRADCHECK, c.function(),
                                variables(values));
                        assertTrue(report.passed(), () -> c + " on " + Arrays.toString(shapes) + ": " + report
                                + "\ninputs: " + Arrays.toString(values));
                        assertEquals(values.length * (values.length + 1), report.inputs().size(), report::toString);
                    });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void firstDerivativesWithAGraphEqualTheFastRulesBitForBit(OpCase c) {
        for (Shape[] shapes : c.shapes()) {
            qt().withFixedSeed(SEED).withExamples(EXAMPLES_PER_SHAPE).forAll(c.inputs().apply(shapes))
                    .checkAssert(values -> {
                        Tensor[] x = variables(values);
                        Tensor y = c.function().apply(x);
                        Matrix u = new Rng(7L).gaussian(y.rows(), y.cols(), 0.0, 1.0);
                        List<Tensor> fast = Autograd.grad(y, List.of(x), Tensor.constant(u), false);
                        List<Tensor> graph = Autograd.grad(y, List.of(x), Tensor.constant(u), true);
                        for (int i = 0; i < x.length; i++) {
                            assertFalse(fast.get(i).requiresGrad());
                            assertArrayEquals(fast.get(i).value(), graph.get(i).value(), c + " input " + i);
                        }
                        x[0].zeroGrad();
                        y.backward(u);
                        assertArrayEquals(x[0].grad(), fast.get(0).value(), c + ": grad(...) and backward(...)");
                    });
        }
    }

    @Test
    void theOpsWithoutSecondDerivativesAreExactlyThePiecewiseLinearOnes() throws Exception {
        Map<String, Boolean> flags = new TreeMap<>();
        for (OpCase c : OpCases.ALL) {
            flags.merge(c.op().getSimpleName(), opOf(c).isTwiceDifferentiable(), (a, b) -> a && b);
        }
        Set<String> onClasspath = OpCatalogCompletenessTest.opClassesOnClasspath().stream()
                .map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(onClasspath, flags.keySet(), "every op class is classified");
        Set<String> without = flags.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(NOT_TWICE_DIFFERENTIABLE.keySet()), without);
        assertEquals(28, flags.size() - without.size(), "twice-differentiable op classes");
    }

    /** One point on a kink per piecewise-linear op; there the second-order check must fail. */
    static Stream<Object[]> kinks() {
        Tensor zero = Tensor.variable("x", Matrix.rowVector(0.0, 1.0));
        return Stream.of(
                new Object[] {"Abs", (GradCheck.TensorFunction) xs -> xs[0].abs(), new Tensor[] {zero}},
                new Object[] {"Relu", (GradCheck.TensorFunction) xs -> xs[0].relu(), new Tensor[] {zero}},
                new Object[] {"LeakyRelu", (GradCheck.TensorFunction) xs -> xs[0].leakyRelu(0.1), new Tensor[] {zero}},
                new Object[] {"Clamp", (GradCheck.TensorFunction) xs -> xs[0].clamp(-0.5, 0.5),
                    new Tensor[] {Tensor.variable("x", Matrix.rowVector(0.5, 0.0))}},
                new Object[] {"Maximum", (GradCheck.TensorFunction) xs -> xs[0].max(xs[1]),
                    new Tensor[] {Tensor.variable("a", Matrix.rowVector(0.3, 1.0)),
                        Tensor.variable("b", Matrix.rowVector(0.3, -1.0))}},
                new Object[] {"MaxPerRow", (GradCheck.TensorFunction) xs -> xs[0].maxPerRow(),
                    new Tensor[] {Tensor.variable("x", Matrix.rowVector(0.7, 0.7, -1.0))}});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinks")
    void atAKinkTheSecondOrderCheckFails(String op, GradCheck.TensorFunction f, Tensor[] point) {
        GradCheckReport report = GradCheck.gradGradCheck(f, point);
        assertFalse(report.passed(), () -> op + " passed the second-order check at its kink: " + report);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notTwiceDifferentiable")
    void awayFromTheKinksTheSecondDerivativeIsZero(OpCase c) {
        Shape[] shapes = c.shapes().get(c.shapes().size() - 1);
        qt().withFixedSeed(SEED).withExamples(EXAMPLES_PER_SHAPE).forAll(c.inputs().apply(shapes))
                .checkAssert(values -> {
                    Tensor[] x = variables(values);
                    Tensor y = c.function().apply(x);
                    Matrix u = new Rng(3L).gaussian(y.rows(), y.cols(), 0.0, 1.0);
                    for (int j = 0; j < x.length; j++) {
                        Tensor g = Autograd.grad(y, List.of(x), Tensor.constant(u), true).get(j);
                        // the gradient depends on the upstream gradient only: no path back to the inputs
                        assertFalse(g.requiresGrad(), c + ": gradient " + j + " has a graph through the input");
                    }
                    assertTrue(GradCheck.gradGradCheck(Tolerances.STRICT_GRADCHECK, c.function(), variables(values))
                            .passed(), c::toString);
                });
    }

    static Op opOf(OpCase c) {
        Matrix[] values = new Matrix[c.shapes().get(0).length];
        for (int k = 0; k < values.length; k++) {
            Shape s = c.shapes().get(0)[k];
            values[k] = Matrix.filled(s.rows(), s.cols(), 0.3 + 0.1 * k);
        }
        Deque<Tensor> pending = new ArrayDeque<>();
        pending.push(c.function().apply(variables(values)));
        while (!pending.isEmpty()) {
            Tensor t = pending.pop();
            if (c.op().isInstance(t.creator())) {
                return t.creator();
            }
            t.inputs().forEach(pending::push);
        }
        throw new AssertionError(c + ": no " + c.op().getSimpleName() + " in the graph");
    }

    private static Tensor[] variables(Matrix[] values) {
        Tensor[] inputs = new Tensor[values.length];
        for (int k = 0; k < values.length; k++) {
            inputs[k] = Tensor.variable("x" + k, values[k]);
        }
        return inputs;
    }

    private static void assertArrayEquals(Matrix expected, Matrix actual, String message) {
        assertEquals(expected.shape(), actual.shape(), message);
        for (int k = 0; k < expected.size(); k++) {
            int entry = k;
            double e = expected.getFlat(k);
            double a = actual.getFlat(k);
            // bit for bit, except that a zero of a piecewise-linear op's mask may carry the upstream sign (g * 0)
            assertTrue(e == 0.0 ? a == 0.0 : Double.doubleToLongBits(e) == Double.doubleToLongBits(a),
                    () -> message + ": entry " + entry + ": " + e + " != " + a);
        }
    }
}
