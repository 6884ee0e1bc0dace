package io.github.dlref.autograd.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Tolerances;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NumericGradientTest {

    @Test
    void forwardDifferencesEvaluateTheFunctionNPlusOneTimes() {
        AtomicInteger calls = new AtomicInteger();
        ScalarFunction f = x -> {
            calls.incrementAndGet();
            return x[0] * x[1] + x[2] * x[2] + x[3];
        };
        double[] x = {1.0, 2.0, 3.0, 4.0};
        GradientEstimate forward = NumericGradient.forward(f, x);
        assertEquals(5, calls.get()); // n + 1 with n = 4 (bp-optimizers)
        assertEquals(5, forward.evaluations());
        assertEquals(DifferenceScheme.FORWARD, forward.scheme());
        assertEquals(1e-5, forward.step());

        calls.set(0);
        GradientEstimate central = NumericGradient.central(f, x);
        assertEquals(8, calls.get()); // 2n
        assertEquals(8, central.evaluations());
        assertArrayEquals(new double[] {1.0, 2.0, 3.0, 4.0}, x); // the point is not modified
        // gradient (x1, x0, 2 x2, 1) = (2, 1, 6, 1)
        assertArrayEquals(new double[] {2.0, 1.0, 6.0, 1.0}, central.gradient(), Tolerances.CENTRAL_DIFFERENCE_POLYNOMIAL);
        assertArrayEquals(new double[] {2.0, 1.0, 6.0, 1.0}, forward.gradient(), Tolerances.FORWARD_DIFFERENCE); // O(h): x2^2 gives h
    }

    @Test
    void quadraticOfCs231nHasForwardErrorExactlyThreeH() {
        // y = 3x^2 + 6x at x = 2 (cs231n-opt-bp): (y(x + h) - y(x)) / h = 6x + 6 + 3h exactly in real
        // arithmetic, and the central quotient is exactly 6x + 6 = 18; double rounding adds about
        // eps * |y| / h = 2.2e-16 * 24 / 1e-5 = 5e-10.
        ScalarFunction y = x -> 3 * x[0] * x[0] + 6 * x[0];
        double h = 1e-5;
        double forward = NumericGradient.forward(y, new double[] {2.0}, h).partial(0);
        double central = NumericGradient.central(y, new double[] {2.0}, h).partial(0);
        assertEquals(18.0 + 3 * h, forward, Tolerances.QUOTIENT_ROUNDING);
        assertEquals(18.0, central, Tolerances.QUOTIENT_ROUNDING);
        assertTrue(Math.abs(forward - 18.0) > h); // the O(h) error, 3h, is really there
    }

    @Test
    void forwardErrorIsOrderHCentralErrorIsOrderHSquared() {
        // f = exp at x = 1, f' = f'' = f''' = e. Leading errors: forward h/2 * e, central h^2/6 * e.
        ScalarFunction f = x -> Math.exp(x[0]);
        double e = Math.E;
        double[] steps = {1e-1, 1e-2, 1e-3};
        double[] forwardErrors = new double[steps.length];
        double[] centralErrors = new double[steps.length];
        for (int k = 0; k < steps.length; k++) {
            double h = steps[k];
            forwardErrors[k] = NumericGradient.forward(f, new double[] {1.0}, h).partial(0) - e;
            centralErrors[k] = NumericGradient.central(f, new double[] {1.0}, h).partial(0) - e;
            // the error constants predicted by Taylor's theorem, to within the next term's share
            assertEquals(0.5 * e, forwardErrors[k] / h, 0.6 * e * h);
            assertEquals(e / 6, centralErrors[k] / (h * h), 0.1 * e * h * h + Tolerances.CENTRAL_ERROR_CONSTANT_ROUNDING);
        }
        for (int k = 1; k < steps.length; k++) {
            double forwardRatio = forwardErrors[k - 1] / forwardErrors[k];
            double centralRatio = centralErrors[k - 1] / centralErrors[k];
            // dividing h by 10 divides the forward error by about 10 and the central error by about 100
            assertEquals(10.0, forwardRatio, 0.6, "forward ratio at step " + steps[k]);
            assertEquals(100.0, centralRatio, 2.0, "central ratio at step " + steps[k]);
        }
    }

    @Test
    void multivariateGradientAgreesWithClosedForm() {
        // f(x, y) = x^2 y + sin(y): grad = (2xy, x^2 + cos y)
        ScalarFunction f = p -> p[0] * p[0] * p[1] + Math.sin(p[1]);
        double[] p = {1.5, -0.7};
        GradientEstimate central = NumericGradient.central(f, p);
        assertEquals(2 * 1.5 * -0.7, central.partial(0), Tolerances.CENTRAL_DIFFERENCE_POLYNOMIAL);
        assertEquals(1.5 * 1.5 + Math.cos(-0.7), central.partial(1), Tolerances.CENTRAL_DIFFERENCE_POLYNOMIAL);
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        ScalarFunction f = x -> x[0];
        assertThrows(IllegalArgumentException.class, () -> NumericGradient.forward(f, new double[0]));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> NumericGradient.central(f, new double[] {1.0}, 0.0)).getMessage().contains("step h"));
        assertThrows(IllegalArgumentException.class, () -> NumericGradient.central(f, new double[] {1.0}, -1e-5));
        assertThrows(IllegalArgumentException.class,
                () -> NumericGradient.forward(f, new double[] {Double.NaN}, 1e-5));
        assertThrows(IllegalArgumentException.class, () -> NumericGradient.forward(null, new double[] {1.0}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NumericGradient.central(x -> Math.log(x[0]), new double[] {0.0}, 1e-5));
        assertTrue(e.getMessage().contains("f returned NaN at x = [-1.0E-5]"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class,
                () -> NumericGradient.central(f, new double[] {1.0}).partial(1));
    }

    @Test
    void estimateIsAValueObjectThatCopiesItsArray() {
        double[] g = {1.0, 2.0};
        GradientEstimate a = new GradientEstimate(g, 3, 1e-5, DifferenceScheme.FORWARD);
        g[0] = 9.0;
        assertEquals(1.0, a.partial(0));
        a.gradient()[1] = 9.0;
        assertEquals(2.0, a.partial(1));
        GradientEstimate b = new GradientEstimate(new double[] {1.0, 2.0}, 3, 1e-5, DifferenceScheme.FORWARD);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new GradientEstimate(new double[] {1.0, 2.0}, 4, 1e-5, DifferenceScheme.CENTRAL));
        assertTrue(a.toString().contains("[1.0, 2.0]"));
        assertThrows(IllegalArgumentException.class,
                () -> new GradientEstimate(new double[] {1.0}, -1, 1e-5, DifferenceScheme.FORWARD));
        assertThrows(IllegalArgumentException.class,
                () -> new GradientEstimate(new double[] {1.0}, 1, 0.0, DifferenceScheme.FORWARD));
        // each field takes part in equality, one at a time
        double[] same = {1.0, 2.0};
        assertNotEquals(a, new GradientEstimate(new double[] {1.0, 2.5}, 3, 1e-5, DifferenceScheme.FORWARD));
        assertNotEquals(a, new GradientEstimate(same, 4, 1e-5, DifferenceScheme.FORWARD));
        assertNotEquals(a, new GradientEstimate(same, 3, 2e-5, DifferenceScheme.FORWARD));
        assertNotEquals(a, new GradientEstimate(same, 3, 1e-5, DifferenceScheme.CENTRAL));
        assertNotEquals(a, "not an estimate");
        assertEquals(2.0, a.partial(1));
        assertThrows(IndexOutOfBoundsException.class, () -> a.partial(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> a.partial(2));
        assertEquals("GradientEstimate: evaluations must be >= 0, got -1", assertThrows(IllegalArgumentException.class,
                () -> new GradientEstimate(same, -1, 1e-5, DifferenceScheme.FORWARD)).getMessage());
        for (double step : new double[] {0.0, -1e-5, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertEquals("GradientEstimate: step must be finite and > 0, got " + step,
                    assertThrows(IllegalArgumentException.class,
                            () -> new GradientEstimate(same, 1, step, DifferenceScheme.FORWARD)).getMessage());
        }
        assertEquals("GradientEstimate: gradient and scheme must not be null",
                assertThrows(IllegalArgumentException.class,
                        () -> new GradientEstimate(null, 1, 1e-5, DifferenceScheme.FORWARD)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GradientEstimate(same, 1, 1e-5, null));
        assertEquals(0, new GradientEstimate(new double[0], 0, 1e-5, DifferenceScheme.CENTRAL).gradient().length);
    }
}
