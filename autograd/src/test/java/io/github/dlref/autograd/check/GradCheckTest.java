package io.github.dlref.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.GradMode;
import io.github.dlref.autograd.Parameter;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.Tolerances;
import io.github.dlref.autograd.check.Comparison.JacobianEntry;
import io.github.dlref.autograd.check.Comparison.Projection;
import io.github.dlref.autograd.check.GradCheck.TensorFunction;
import io.github.dlref.math.Matrix;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GradCheckTest {

    /**
     * With {@code a = [[1, 2, 3], [4, 5, 6]]} and {@code b} all ones, the fixture returns {@code dc_ij/db_ij = 1}
     * where the truth is {@code a_ij}. The error over the allowance {@code |1 - a| / (1e-5 + 1e-3 a)} grows with
     * {@code a} (0, 498, 666, 750, 800, 833), so the worst element is (1, 2), with analytic 1 and numeric 6.
     */
    private static final Matrix A = Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    private static final Matrix B = Matrix.ones(2, 3);
    private static final TensorFunction WRONG = xs -> Tensor.apply(new ProductWithWrongBackward(), xs[0], xs[1]);

    private static Tensor[] inputs() {
        return new Tensor[] {Tensor.variable("a", A), Tensor.variable("b", B)};
    }

    @Nested
    class CatchesAWrongBackward {

        @Test
        void theReportNamesTheInputAndTheElement() {
            GradCheckReport report = GradCheck.check(WRONG, inputs());
            assertFalse(report.passed());
            assertEquals(GradCheckReport.Method.FULL, report.method());
            assertTrue(report.input("a").passed(), report::toString);
            InputReport b = report.input("b");
            assertFalse(b.passed());
            assertEquals(1, b.index());
            assertEquals("2x3", b.shape());
            assertEquals(36, b.comparisons()); // 6 input elements x 6 output elements
            JacobianEntry worst = assertInstanceOf(JacobianEntry.class, b.worst());
            assertEquals(1, worst.inputRow());
            assertEquals(2, worst.inputCol());
            assertEquals(1, worst.outputRow());
            assertEquals(2, worst.outputCol());
            assertEquals(1.0, worst.analytic());
            assertEquals(6.0, worst.numeric(), Tolerances.CENTRAL_DIFFERENCE);
            assertEquals(5.0, b.maxAbsoluteError(), Tolerances.CENTRAL_DIFFERENCE);
            assertEquals(5.0 / 6.0, b.maxRelativeError(), Tolerances.CENTRAL_DIFFERENCE);
        }

        @Test
        void orThrowCarriesTheReportInItsMessage() {
            GradCheckException e = assertThrows(GradCheckException.class, () -> GradCheck.check(WRONG, inputs()).orThrow());
            assertFalse(e.report().passed());
            assertTrue(e.getMessage().contains("FAIL input 1 'b' (2x3)"), e.getMessage());
            assertTrue(e.getMessage().contains("worst d output(1, 2) / d input(1, 2): analytic 1.0, numeric 5.99999"),
                    e.getMessage());
        }

        @Test
        void fastModeDetectsItAndFallsBackToTheFullCheck() {
            GradCheckReport report = GradCheck.check(GradCheckSettings.DEFAULTS.withFastMode(7L), WRONG, inputs());
            assertEquals(GradCheckReport.Method.FULL_AFTER_FAST_FAILURE, report.method());
            assertFalse(report.passed());
            assertInstanceOf(JacobianEntry.class, report.input("b").worst());
        }

        @Test
        void parameterModeDetectsIt() {
            Parameter a = new Parameter("layer.a", A);
            Parameter b = new Parameter("layer.b", B);
            GradCheckReport report = GradCheck.checkParameters(GradCheckSettings.DEFAULTS,
                    () -> Tensor.apply(new ProductWithWrongBackward(), a, b).sum(), List.of(a, b));
            assertTrue(report.input("layer.a").passed());
            assertFalse(report.input("layer.b").passed());
        }
    }

    @Nested
    class PassesCorrectGradients {

        private final TensorFunction product = xs -> xs[0].times(xs[1]).matmul(xs[2]).tanh();

        private Tensor[] point() {
            return new Tensor[] {
                Tensor.variable(Matrix.of(new double[][] {{0.3, -0.7}, {1.1, 0.2}})),
                Tensor.constant(Matrix.of(new double[][] {{0.5, 2.0}, {-1.0, 0.4}})),
                Tensor.variable("w", Matrix.of(new double[][] {{0.9, -0.1, 0.4}, {0.2, 0.6, -0.8}}))
            };
        }

        @Test
        void onlyInputsThatRequireAGradientAreChecked() {
            GradCheckReport report = GradCheck.check(product, point()).orThrow();
            assertEquals(2, report.inputs().size());
            assertEquals(0, report.inputs().get(0).index());
            assertEquals("input 0", report.inputs().get(0).name());
            assertEquals(2, report.inputs().get(1).index());
            assertEquals("w", report.inputs().get(1).name());
            assertEquals(24, report.inputs().get(0).comparisons()); // 4 input elements x 6 output elements
            assertTrue(report.inputs().get(1).maxAbsoluteError() < Tolerances.CENTRAL_DIFFERENCE_POLYNOMIAL, report::toString);
        }

        @Test
        void theInputsAreNotTouched() {
            Tensor[] xs = point();
            Matrix before = xs[0].value();
            GradCheck.check(product, xs);
            assertSame(before, xs[0].value());
            assertNull(xs[0].grad());
            assertNull(xs[2].grad());
        }

        @Test
        void fastModePassesWithOneProjectionPerInput() {
            GradCheckReport report = GradCheck.check(GradCheckSettings.DEFAULTS.withFastMode(11L), product, point());
            assertTrue(report.passed(), report::toString);
            assertEquals(GradCheckReport.Method.FAST, report.method());
            assertEquals(1, report.inputs().get(0).comparisons());
            assertInstanceOf(Projection.class, report.inputs().get(0).worst());
        }

        @Test
        void fastModeIsReproducibleBitForBit() {
            GradCheckSettings fast = GradCheckSettings.DEFAULTS.withFastMode(3L);
            Comparison first = GradCheck.check(fast, product, point()).inputs().get(1).worst();
            Comparison second = GradCheck.check(fast, product, point()).inputs().get(1).worst();
            assertEquals(first, second);
            Comparison otherSeed = GradCheck.check(GradCheckSettings.DEFAULTS.withFastMode(4L), product, point())
                    .inputs().get(1).worst();
            assertFalse(first.equals(otherSeed), "a different seed draws different projections");
        }

        @Test
        void worksInsideANoGradScope() {
            try (GradMode.Scope scope = GradMode.noGrad()) {
                assertTrue(GradCheck.check(product, point()).passed());
            }
        }

        @Test
        void parameterModeRestoresValuesAndGradients() {
            Parameter w = new Parameter("w", Matrix.of(new double[][] {{0.5, -1.5}}));
            Matrix value = w.value();
            Matrix earlierGrad = Matrix.of(new double[][] {{7, 8}});
            w.accumulateGrad(earlierGrad);
            Tensor x = Tensor.constant(Matrix.of(new double[][] {{1, 2}, {3, -1}}));
            GradCheckReport report = GradCheck.checkParameters(Tolerances.STRICT_GRADCHECK,
                    () -> x.timesTranspose(w).sigmoid().sum(), List.of(w)).orThrow();
            assertEquals("w", report.inputs().get(0).name());
            assertSame(value, w.value());
            assertEquals(earlierGrad, w.grad());
        }
    }

    @Nested
    class SettingsAreUsed {

        @Test
        void aCoarseStepFailsOnACubicWhereTheDefaultPasses() {
            // central difference of x^3 at x = 1 with step h: 3 + h^2 exactly; h = 0.1 errs by 0.01 > 1e-5 + 3e-3
            TensorFunction cube = xs -> xs[0].pow(3);
            assertTrue(GradCheck.check(cube, Tensor.variable(Matrix.scalar(1))).passed());
            GradCheckReport coarse = GradCheck.check(GradCheckSettings.DEFAULTS.withH(0.1), cube,
                    Tensor.variable(Matrix.scalar(1)));
            assertFalse(coarse.passed());
            assertEquals(0.01, coarse.inputs().get(0).maxAbsoluteError(), Tolerances.ROUNDING);
        }

        @Test
        void defaultsArePyTorchs() {
            assertEquals(1e-6, GradCheckSettings.DEFAULTS.h());
            assertEquals(1e-5, GradCheckSettings.DEFAULTS.atol());
            assertEquals(1e-3, GradCheckSettings.DEFAULTS.rtol());
            assertFalse(GradCheckSettings.DEFAULTS.fastMode());
        }

        @Test
        void settingsOutsideTheirRangesAreRefusedByName() {
            GradCheckSettings d = GradCheckSettings.DEFAULTS;
            for (double bad : new double[] {0.0, -1e-6, Double.NaN, Double.POSITIVE_INFINITY}) {
                assertEquals("GradCheckSettings: h must be finite and > 0, got " + bad,
                        assertThrows(IllegalArgumentException.class, () -> d.withH(bad)).getMessage());
            }
            for (double bad : new double[] {-1e-9, Double.NaN, Double.POSITIVE_INFINITY}) {
                assertEquals("GradCheckSettings: atol must be finite and >= 0, got " + bad,
                        assertThrows(IllegalArgumentException.class, () -> d.withTolerances(bad, 0.0)).getMessage());
                assertEquals("GradCheckSettings: rtol must be finite and >= 0, got " + bad,
                        assertThrows(IllegalArgumentException.class, () -> d.withTolerances(0.0, bad)).getMessage());
            }
            GradCheckSettings exact = d.withTolerances(0.0, 0.0).withH(0.5);
            assertEquals(0.5, exact.h());
            assertTrue(exact.accepts(3.0, 3.0));
            assertFalse(exact.accepts(3.0, Math.nextUp(3.0)));
            assertEquals("h=0.5, atol=0.0, rtol=0.0", exact.toString());
            assertEquals("h=0.5, atol=0.0, rtol=0.0, fast mode (seed 9)", exact.withFastMode(9L).toString());
        }

        @Test
        void theCriterionIsAtolPlusRtolTimesNumeric() {
            GradCheckSettings s = GradCheckSettings.DEFAULTS;
            assertTrue(s.accepts(100.1, 100.0)); // 0.1 <= 1e-5 + 0.1
            assertFalse(s.accepts(100.2, 100.0));
            assertTrue(s.accepts(1e-5, 0.0));
            assertFalse(s.accepts(2e-5, 0.0));
            assertFalse(s.accepts(Double.NaN, 0.0));
        }

        @Test
        void badSettingsAreRejectedWithNameValueAndRange() {
            assertEquals("GradCheckSettings: h must be finite and > 0, got 0.0",
                    assertThrows(IllegalArgumentException.class, () -> GradCheckSettings.DEFAULTS.withH(0)).getMessage());
            assertEquals("GradCheckSettings: atol must be finite and >= 0, got -1.0",
                    assertThrows(IllegalArgumentException.class,
                            () -> GradCheckSettings.DEFAULTS.withTolerances(-1, 0)).getMessage());
            assertEquals("GradCheckSettings: rtol must be finite and >= 0, got NaN",
                    assertThrows(IllegalArgumentException.class,
                            () -> GradCheckSettings.DEFAULTS.withTolerances(0, Double.NaN)).getMessage());
        }
    }

    @Nested
    class Errors {

        @Test
        void cs231nRelativeErrorIsZeroWhenBothAreZero() {
            assertEquals(0.0, new Projection(0.0, 0.0).relativeError());
            assertEquals(0.5, new Projection(1.0, 2.0).relativeError());
            assertEquals(2.0, new Projection(-1.0, 1.0).relativeError());
        }

        @Test
        void anOutputWhoseShapeChangesIsReported() {
            TensorFunction unstable = xs -> xs[0].value().get(0, 0) > 1.0 ? xs[0].sumRows() : xs[0];
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> GradCheck.check(GradCheckSettings.DEFAULTS.withH(0.5), unstable,
                            Tensor.variable(Matrix.rowVector(0.8, 0.1))));
            assertTrue(e.getMessage().contains("output shape must not change"), e.getMessage());
        }

        @Test
        void nothingToCheckIsAPassWithNoInputs() {
            GradCheckReport report = GradCheck.check(xs -> xs[0].exp(), Tensor.constant(Matrix.scalar(1)));
            assertTrue(report.passed());
            assertTrue(report.inputs().isEmpty());
            assertTrue(report.toString().contains("nothing was compared"));
        }
    }
}
