package io.github.dlref.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.Tolerances;
import io.github.dlref.autograd.check.Comparison.JacobianEntry;
import io.github.dlref.math.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The second-order check, {@link GradCheck#gradGradCheck}, PyTorch's {@code gradgradcheck}. */
class GradGradCheckTest {

    private static final Tensor X = Tensor.variable("x", Matrix.rowVector(0.5, -1.25, 2.0));

    @Test
    void catchesASecondDerivativeLostByADetachedSavedValue() {
        // the first-order check cannot see the mistake: the gradient's values are right
        assertTrue(GradCheck.check(xs -> Tensor.apply(new SquareWithDetachedSecondOrder(), xs[0]), X).passed());
        GradCheckReport report = GradCheck.gradGradCheck(xs -> Tensor.apply(new SquareWithDetachedSecondOrder(), xs[0]),
                X);
        assertFalse(report.passed(), report::toString);
        InputReport wrong = report.input("d(grad x)/d(x)");
        assertFalse(wrong.passed());
        JacobianEntry worst = assertInstanceOf(JacobianEntry.class, wrong.worst());
        // d(grad x_k)/dx_k = 2 u_k: analytic 0 (detached), numeric 2 u_k with u ~ N(0, 1) drawn from seed 0
        assertEquals(0.0, worst.analytic());
        assertTrue(Math.abs(worst.numeric()) > 0.1, worst::toString);
        assertTrue(report.input("d(grad x)/d(gradOutput)").passed(), "the dependence on the upstream gradient is right");
        assertEquals(GradCheckReport.Method.FULL, report.method());
    }

    @Test
    void theCorrectSquarePasses() {
        GradCheckReport report = GradCheck.gradGradCheck(Tolerances.STRICT_GRADCHECK, xs -> xs[0].times(xs[0]), X);
        assertTrue(report.passed(), report::toString);
        assertEquals(List.of("d(grad x)/d(x)", "d(grad x)/d(gradOutput)"),
                report.inputs().stream().map(InputReport::name).toList());
        assertEquals(List.of(0, 1), report.inputs().stream().map(InputReport::index).toList());
        // the Jacobian of grad x (3 entries) with respect to x (3) and to u (3): 9 comparisons each
        assertEquals(9, report.inputs().get(0).comparisons());
        assertEquals(9, report.inputs().get(1).comparisons());
    }

    @Test
    void everyPairOfGradientAndInputIsReportedAndConstantsAreSkipped() {
        Tensor a = Tensor.variable("a", Matrix.of(new double[][] {{0.3, -0.7}, {1.1, 0.2}}));
        Tensor c = Tensor.constant(Matrix.of(new double[][] {{0.5, 0.25}, {-1.0, 2.0}}));
        Tensor b = Tensor.variable(Matrix.of(new double[][] {{0.4}, {-0.9}}));
        GradCheckReport report = GradCheck.gradGradCheck(Tolerances.STRICT_GRADCHECK,
                xs -> xs[0].times(xs[1]).matmul(xs[2]).tanh(), a, c, b);
        assertTrue(report.passed(), report::toString);
        assertEquals(List.of("d(grad a)/d(a)", "d(grad a)/d(input 2)", "d(grad a)/d(gradOutput)",
                "d(grad input 2)/d(a)", "d(grad input 2)/d(input 2)", "d(grad input 2)/d(gradOutput)"),
                report.inputs().stream().map(InputReport::name).toList());
        assertEquals(List.of(0, 2, 3, 0, 2, 3), report.inputs().stream().map(InputReport::index).toList());
    }

    @Test
    void fastModeProjectsAndFallsBackToTheFullCheckOnFailure() {
        GradCheckSettings fast = Tolerances.STRICT_GRADCHECK.withFastMode(5L);
        GradCheckReport good = GradCheck.gradGradCheck(fast, xs -> xs[0].exp().sum(), X);
        assertTrue(good.passed(), good::toString);
        assertEquals(GradCheckReport.Method.FAST, good.method());
        GradCheckReport bad = GradCheck.gradGradCheck(fast,
                xs -> Tensor.apply(new SquareWithDetachedSecondOrder(), xs[0]), X);
        assertFalse(bad.passed());
        assertEquals(GradCheckReport.Method.FULL_AFTER_FAST_FAILURE, bad.method());
    }

    @Test
    void aFunctionLinearInItsInputHasAConstantGradientAndPasses() {
        GradCheckReport report = GradCheck.gradGradCheck(xs -> xs[0].times(3.0).sum(), X);
        assertTrue(report.passed(), report::toString);
        assertEquals(0.0, report.input("d(grad x)/d(x)").maxAbsoluteError());
    }

    @Test
    void aFunctionThatIgnoresItsInputPasses() {
        Tensor other = Tensor.constant(Matrix.scalar(2.0));
        GradCheckReport report = GradCheck.gradGradCheck(xs -> xs[1].times(xs[1]), X, other);
        assertTrue(report.passed(), report::toString);
        assertTrue(report.inputs().isEmpty() || report.inputs().stream().allMatch(r -> r.maxAbsoluteError() == 0.0),
                report::toString);
    }

    @Test
    void badFunctionsAndArgumentsFailWithAMessage() {
        IllegalStateException nul = assertThrows(IllegalStateException.class,
                () -> GradCheck.gradGradCheck(xs -> null, X));
        assertEquals("GradCheck: the function returned null", nul.getMessage());
        assertThrows(NullPointerException.class, () -> GradCheck.gradGradCheck(null, X));
        assertThrows(NullPointerException.class, () -> GradCheck.gradGradCheck(xs -> xs[0], (Tensor) null));
        assertThrows(NullPointerException.class, () -> GradCheck.gradGradCheck(null, xs -> xs[0], X));
        UnsupportedOperationException firstOrderOnly = assertThrows(UnsupportedOperationException.class,
                () -> GradCheck.gradGradCheck(xs -> Tensor.apply(new ProductWithWrongBackward(), xs[0], xs[0]), X));
        assertTrue(firstOrderOnly.getMessage().startsWith("Op ProductWithWrongBackward has no differentiable backward"),
                firstOrderOnly.getMessage());
        int[] calls = {0};
        IllegalStateException shape = assertThrows(IllegalStateException.class, () -> GradCheck.gradGradCheck(
                xs -> ++calls[0] <= 1 ? xs[0].sum() : xs[0].times(xs[0]), X));
        assertTrue(shape.getMessage().contains("its output shape must not change"), shape.getMessage());
    }
}
