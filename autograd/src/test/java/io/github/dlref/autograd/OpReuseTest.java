package io.github.dlref.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.check.GradCheck;
import io.github.dlref.autograd.check.GradCheckReport;
import io.github.dlref.autograd.ops.Exp;
import io.github.dlref.autograd.ops.Pow;
import io.github.dlref.math.Matrix;
import org.junit.jupiter.api.Test;

/**
 * An op instance keeps the values its backward needs, so {@link Tensor#apply(Op, Tensor...)} refuses to apply
 * the same instance twice (issue 14: reuse silently gave a wrong gradient). Expected gradients are closed-form
 * derivatives and central differences.
 */
class OpReuseTest {

    private static final Matrix X = Matrix.rowVector(0.5, -1.0, 2.0);

    @Test
    void applyingTheSameInstanceTwiceInOneGraphIsRefusedNamingTheOp() {
        Tensor x = Tensor.variable(X);
        Exp exp = new Exp();
        Tensor inner = Tensor.apply(exp, x);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Tensor.apply(exp, inner));
        assertEquals("Op Exp: this instance was already applied; ops keep the values their backward needs, create"
                + " a new instance per application", e.getMessage());
    }

    @Test
    void freshInstancesGiveTheClosedFormGradientAndPassTheCentralDifferenceCheck() {
        // f(x) = sum exp(exp(x)), df/dx = exp(exp(x)) exp(x)
        Tensor x = Tensor.variable(X);
        Tensor.apply(new Exp(), Tensor.apply(new Exp(), x)).sum().backward();
        for (int j = 0; j < X.cols(); j++) {
            double v = X.get(0, j);
            double expected = StrictMath.exp(StrictMath.exp(v)) * StrictMath.exp(v);
            assertTrue(Tolerances.close(expected, x.grad().get(0, j), Tolerances.HAND_COMPUTED_RELATIVE),
                    "element " + j + ": expected " + expected + ", got " + x.grad().get(0, j));
        }
        GradCheckReport report = GradCheck.check(Tolerances.STRICT_GRADCHECK,
                in -> Tensor.apply(new Exp(), Tensor.apply(new Exp(), in[0])), Tensor.variable(X));
        assertTrue(report.passed(), report.toString());
    }

    @Test
    void reuseAcrossTwoBranchesIsRefusedToo() {
        // y = x^3 used on two branches: with one shared Pow instance the second application would overwrite the
        // base saved by the first one; the sum of both branches has gradient 2 * 3 x^2
        Tensor a = Tensor.variable(Matrix.scalar(2.0));
        Tensor b = Tensor.variable(Matrix.scalar(3.0));
        Pow cube = new Pow(3.0);
        Tensor first = Tensor.apply(cube, a);
        assertThrows(IllegalStateException.class, () -> Tensor.apply(cube, b));
        first.backward();
        assertEquals(12.0, a.grad().scalarValue());
        assertNull(b.grad());
    }

    @Test
    void reuseIsRefusedWithoutRecordingAsWell() {
        Exp exp = new Exp();
        try (GradMode.Scope scope = GradMode.noGrad()) {
            Tensor.apply(exp, Tensor.constant(X));
            assertThrows(IllegalStateException.class, () -> Tensor.apply(exp, Tensor.constant(X)));
        }
    }

    @Test
    void aWrongNumberOfInputsDoesNotUseUpTheInstance() {
        Exp exp = new Exp();
        assertThrows(IllegalArgumentException.class, () -> Tensor.apply(exp, Tensor.constant(X), Tensor.constant(X)));
        assertEquals(StrictMath.exp(0.5), Tensor.apply(exp, Tensor.constant(X)).value().get(0, 0));
    }
}
