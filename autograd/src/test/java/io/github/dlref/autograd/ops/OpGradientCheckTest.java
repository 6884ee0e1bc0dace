package io.github.dlref.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.Tolerances;
import io.github.dlref.autograd.check.GradCheck;
import io.github.dlref.autograd.check.GradCheckReport;
import io.github.dlref.autograd.ops.OpCase.Shape;
import io.github.dlref.math.Matrix;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every entry of the catalogue ({@link OpCases}) passes {@link GradCheck} (full Jacobian, with
 * {@link Tolerances#STRICT_GRADCHECK}) on random inputs from QuickTheories (fixed seed) for every shape
 * configuration of the entry, among them {@code 1 x 1} and {@code 1 x n}.
 */
class OpGradientCheckTest {

    private static final long SEED = 42L;
    private static final int EXAMPLES_PER_SHAPE = 8;

    static Stream<OpCase> cases() {
        return OpCases.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void passesGradCheckOnEveryShape(OpCase c) {
        for (Shape[] shapes : c.shapes()) {
            qt().withFixedSeed(SEED).withExamples(EXAMPLES_PER_SHAPE).forAll(c.inputs().apply(shapes))
                    .checkAssert(values -> {
                        Tensor[] inputs = variables(values);
                        GradCheckReport report = GradCheck.check(Tolerances.STRICT_GRADCHECK, c.function(), inputs);
                        assertTrue(report.passed(), () -> c + " on " + Arrays.toString(shapes) + ": " + report
                                + "\ninputs: " + Arrays.toString(values));
                    });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void functionReallyAppliesTheOpUnderTest(OpCase c) {
        for (Shape[] shapes : c.shapes()) {
            Matrix[] values = new Matrix[shapes.length];
            for (int k = 0; k < shapes.length; k++) {
                values[k] = Matrix.filled(shapes[k].rows(), shapes[k].cols(), 0.3 + 0.1 * k);
            }
            Tensor output = c.function().apply(variables(values));
            assertTrue(graphContains(output, c.op()), () -> c + ": the graph has no " + c.op().getSimpleName());
        }
    }

    private static Tensor[] variables(Matrix[] values) {
        Tensor[] inputs = new Tensor[values.length];
        for (int k = 0; k < values.length; k++) {
            inputs[k] = Tensor.variable("x" + k, values[k]);
        }
        return inputs;
    }

    static boolean graphContains(Tensor output, Class<? extends Op> opClass) {
        Deque<Tensor> pending = new ArrayDeque<>();
        pending.push(output);
        while (!pending.isEmpty()) {
            Tensor t = pending.pop();
            if (opClass.isInstance(t.creator())) {
                return true;
            }
            t.inputs().forEach(pending::push);
        }
        return false;
    }
}
