package io.github.dlref.autograd.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import io.github.dlref.autograd.Tolerances;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ValueTest {


    private static void assertClose(double expected, double actual, double relative) {
        double bound = relative * Math.max(1.0, Math.abs(expected));
        assertTrue(Math.abs(expected - actual) <= bound,
                () -> "expected " + expected + " but got " + actual + " (bound " + bound + ")");
    }

    @Nested
    class Primitives {

        @Test
        void addAndMulRouteGradients() {
            Value a = Value.variable(3.0, "a");
            Value b = Value.variable(-4.0, "b");
            Value y = a.times(b).plus(a); // y = ab + a
            y.backward();
            assertEquals(-9.0, y.data());
            assertEquals(-3.0, a.grad()); // b + 1
            assertEquals(3.0, b.grad()); // a
        }

        @Test
        void valueUsedTwiceReceivesBothContributions() {
            Value x = Value.variable(5.0);
            Value square = x.times(x);
            square.backward();
            assertEquals(10.0, x.grad());

            Value z = Value.variable(7.0);
            Value doubled = z.plus(z);
            doubled.backward();
            assertEquals(2.0, z.grad());
        }

        @Test
        void powWithConstantExponent() {
            Value x = Value.variable(2.0);
            Value y = x.pow(3.0);
            y.backward();
            assertEquals(8.0, y.data());
            assertEquals(12.0, x.grad());

            Value n = Value.variable(-2.0);
            Value inv = n.pow(-1.0);
            inv.backward();
            assertEquals(-0.5, inv.data());
            assertEquals(-0.25, n.grad()); // -1 * (-2)^-2

            Value m = Value.variable(-3.0);
            Value sq = m.pow(Value.constant(2.0));
            sq.backward();
            assertEquals(9.0, sq.data());
            assertEquals(-6.0, m.grad());
        }

        @Test
        void expLogTanh() {
            Value x = Value.variable(0.5);
            Value e = x.exp();
            e.backward();
            assertEquals(Math.exp(0.5), e.data());
            assertEquals(Math.exp(0.5), x.grad());

            Value p = Value.variable(4.0);
            Value l = p.log();
            l.backward();
            assertEquals(Math.log(4.0), l.data());
            assertEquals(0.25, p.grad());

            Value t = Value.variable(0.3);
            Value th = t.tanh();
            th.backward();
            double y = Math.tanh(0.3);
            assertEquals(y, th.data());
            assertEquals(1 - y * y, t.grad());
        }

        @Test
        void sigmoidIsOneOverOnePlusExpAndHasDerivativeYTimesOneMinusY() {
            for (double z : new double[] {-3.0, -0.5, 0.0, 1.0, 2.5}) {
                Value x = Value.variable(z);
                Value s = x.sigmoid();
                s.backward();
                double y = 1.0 / (1.0 + Math.exp(-z));
                assertClose(y, s.data(), Tolerances.COMPOSED_RELATIVE);
                assertClose(y * (1 - y), x.grad(), Tolerances.COMPOSED_RELATIVE);

                // the same function composed from primitives: 1 / (1 + e^-x)
                Value x2 = Value.variable(z);
                Value composed = Value.constant(1.0).div(x2.neg().exp().plus(1.0));
                composed.backward();
                assertClose(s.data(), composed.data(), Tolerances.COMPOSED_RELATIVE);
                assertClose(x.grad(), x2.grad(), Tolerances.COMPOSED_RELATIVE);
            }
            assertEquals(0.5, Value.variable(0.0).sigmoid().data());
        }

        @Test
        void sigmoidAndTanhStayFiniteWhereCompositionsOverflow() {
            Value x = Value.variable(-800.0);
            Value s = x.sigmoid();
            s.backward();
            assertEquals(0.0, s.data());
            assertEquals(0.0, x.grad());
            Value big = Value.variable(800.0);
            Value t = big.tanh();
            t.backward();
            assertEquals(1.0, t.data());
            assertEquals(0.0, big.grad());
            // sigmoid(800) = 1 / (1 + e^-800) rounds to 1 with derivative 0; e^800 / (1 + e^800) would be NaN
            Value large = Value.variable(800.0);
            Value one = large.sigmoid();
            one.backward();
            assertEquals(1.0, one.data());
            assertEquals(0.0, large.grad());
            // the composition overflows (IEEE Infinity; anomaly mode reports it)
            assertEquals(Double.POSITIVE_INFINITY, Value.variable(-800.0).neg().exp().data());
        }

        @Test
        void reluHasZeroDerivativeAtZero() {
            double[][] cases = {{2.0, 2.0, 1.0}, {-1.0, 0.0, 0.0}, {0.0, 0.0, 0.0}};
            for (double[] c : cases) {
                Value x = Value.variable(c[0]);
                Value r = x.relu();
                r.backward();
                assertEquals(c[1], r.data());
                assertEquals(c[2], x.grad());
            }
        }

        @Test
        void maxRoutesTheGradientToTheLargerInputAndSplitsTies() {
            Value a = Value.variable(3.0);
            Value b = Value.variable(2.0);
            Value m = a.max(b);
            m.backward();
            assertEquals(3.0, m.data());
            assertEquals(1.0, a.grad());
            assertEquals(0.0, b.grad());

            Value c = Value.variable(-1.0);
            Value d = Value.variable(4.0);
            c.max(d).backward();
            assertEquals(0.0, c.grad());
            assertEquals(1.0, d.grad());

            Value p = Value.variable(1.5);
            Value q = Value.variable(1.5);
            p.max(q).backward();
            assertEquals(0.5, p.grad());
            assertEquals(0.5, q.grad());

            // max(x, x) = x: the two halves accumulate to the derivative 1
            Value x = Value.variable(2.0);
            x.max(x).backward();
            assertEquals(1.0, x.grad());

            Value r = Value.variable(-2.0);
            Value withConstant = r.max(0.0);
            withConstant.backward();
            assertEquals(0.0, withConstant.data());
            assertEquals(0.0, r.grad());
        }

        @Test
        void compositionsSubDivNeg() {
            Value a = Value.variable(6.0);
            Value b = Value.variable(4.0);
            Value y = a.minus(b).div(b).neg(); // -(a - b) / b
            y.backward();
            assertEquals(-0.5, y.data());
            assertEquals(-0.25, a.grad()); // -1/b
            assertEquals(0.375, b.grad()); // a / b^2 = 6/16
            Value c = Value.variable(1.0);
            Value z = c.minus(3.0).times(2.0).div(4.0).plus(1.0);
            z.backward();
            assertEquals(0.0, z.data());
            assertEquals(0.5, c.grad());
            assertEquals(List.of(), Value.variable(1.0).inputs());
        }

        @Test
        void sumAddsLeftToRight() {
            Value a = Value.variable(1.0);
            Value b = Value.variable(2.0);
            Value c = Value.variable(3.0);
            Value s = Value.sum(List.of(a, b, c));
            assertEquals(6.0, s.data());
            assertEquals("+", s.op());
            assertSame(c, s.inputs().get(1));
            s.backward();
            assertEquals(1.0, a.grad());
            assertEquals(1.0, c.grad());
            assertThrows(IllegalArgumentException.class, () -> Value.sum(List.of()));
        }

        @Test
        void gradientOfSmoothExpressionsMatchesCentralDifferences() {
            // f(x) = tanh(x) * exp(-x^2 / 2) + sigmoid(3x) / (1 + x^2); derivative by hand is long, so the
            // check is against a central difference with h = 1e-5 (error about h^2 |f'''| / 6, below 1e-9)
            qt().withFixedSeed(42L).withExamples(50).forAll(doubles().between(-3.0, 3.0)).checkAssert(x0 -> {
                Value x = Value.variable(x0);
                Value f = expression(x);
                f.backward();
                double h = 1e-5;
                double numeric = (evaluate(x0 + h) - evaluate(x0 - h)) / (2 * h);
                assertTrue(Math.abs(x.grad() - numeric) <= Tolerances.CENTRAL_DIFFERENCE,
                        () -> "x=" + x0 + " engine " + x.grad() + " numeric " + numeric);
            });
        }

        private Value expression(Value x) {
            Value gauss = x.pow(2.0).div(-2.0).exp();
            Value left = x.tanh().times(gauss);
            Value right = x.times(3.0).sigmoid().div(x.pow(2.0).plus(1.0));
            return left.plus(right);
        }

        private double evaluate(double x0) {
            try (ScalarGradMode.Scope scope = ScalarGradMode.noGrad()) {
                return expression(Value.constant(x0)).data();
            }
        }
    }

    @Nested
    class Micrograd {

        // Expected values: PyTorch 1.13 float64, produced by scripts/golden/micrograd_torch.py, committed
        // as verify/src/main/resources/golden/micrograd-torch.json. test_sanity_check is integer-valued and
        // also follows by hand: z = -10, q = 40, h = 100, y = 100 + 40 - 160 = -20; dy/dx = 46.

        @Test
        void sanityCheckExpression() {
            Value x = Value.variable(-4.0);
            Value z = x.times(2.0).plus(2.0).plus(x);
            Value q = z.relu().plus(z.times(x));
            Value h = z.times(z).relu();
            Value y = h.plus(q).plus(q.times(x));
            y.backward();
            assertEquals(-20.0, y.data());
            assertEquals(46.0, x.grad());
        }

        @Test
        void moreOpsExpression() {
            Value a = Value.variable(-4.0);
            Value b = Value.variable(2.0);
            Value c = a.plus(b);
            Value d = a.times(b).plus(b.pow(3.0));
            c = c.plus(c.plus(1.0));
            c = c.plus(Value.constant(1.0).plus(c).plus(a.neg()));
            d = d.plus(d.times(2.0).plus(b.plus(a).relu()));
            d = d.plus(Value.constant(3.0).times(d).plus(b.minus(a).relu()));
            Value e = c.minus(d);
            Value f = e.pow(2.0);
            Value g = f.div(2.0);
            g = g.plus(Value.constant(10.0).div(f));
            g.backward();
            // PyTorch float64 values; the engine agrees to the last bit or within a few ulps, the bound
            // allows 4 ulps of each number
            assertEquals(24.70408163265306, g.data(), 4 * Math.ulp(24.70408163265306));
            assertEquals(138.83381924198252, a.grad(), 4 * Math.ulp(138.83381924198252));
            assertEquals(645.5772594752186, b.grad(), 4 * Math.ulp(645.5772594752186));
            // the README's printed 4-decimal values
            assertEquals(24.7041, g.data(), Tolerances.PUBLISHED_4_DECIMALS);
            assertEquals(138.8338, a.grad(), Tolerances.PUBLISHED_4_DECIMALS);
            assertEquals(645.5773, b.grad(), Tolerances.PUBLISHED_4_DECIMALS);
        }
    }

    @Nested
    class BackwardPass {

        @Test
        void hundredThousandDeepChainNeedsNoRecursion() {
            int depth = 100_000;
            Value x = Value.variable(0.5, "x");
            Value y = x;
            for (int i = 0; i < depth; i++) {
                y = y.plus(x); // y_k = (k + 1) x: a chain 100,000 additions deep, x used 100,001 times
            }
            y.backward();
            assertEquals((depth + 1) * 0.5, y.data());
            assertEquals(depth + 1.0, x.grad());
            assertEquals(depth + 1, y.topologicalOrder().size());
            y.zeroGrad();
            assertEquals(0.0, x.grad());

            Value t = Value.variable(0.1);
            Value u = t;
            for (int i = 0; i < depth; i++) {
                u = u.times(1.0); // 100,000 multiplications: d u / d t = 1 exactly
            }
            u.backward();
            assertEquals(1.0, t.grad());
        }

        @Test
        void accumulationOrderIsTheDocumentedOne() {
            // x feeds three consumers whose contributions are 1e16, 1 and -1e16 in that order of their
            // creation: a = x * 1e16, b = x * 1, c = x * (-1e16); y = (a + b) + c.
            // Post-order of the DFS from y: x, a, b, (a + b), c, y. Reverse order processes y, c, (a + b),
            // b, a, so x receives -1e16 (from c) first, then 1 (from b), then 1e16 (from a):
            // (-1e16 + 1) + 1e16 = 0 in double (because -1e16 + 1 rounds to -1e16), whereas the exact sum is 1.
            Value x = Value.variable(2.0);
            Value a = x.times(1e16);
            Value b = x.times(1.0);
            Value c = x.times(-1e16);
            Value y = a.plus(b).plus(c);
            List<Value> order = y.topologicalOrder();
            assertSame(x, order.get(0));
            assertSame(a, order.get(1));
            assertSame(b, order.get(2));
            assertSame(c, order.get(4));
            assertSame(y, order.get(5));
            y.backward();
            assertEquals(0.0, x.grad());
            // the same graph built again gives the same bits
            Value x2 = Value.variable(2.0);
            Value y2 = x2.times(1e16).plus(x2.times(1.0)).plus(x2.times(-1e16));
            y2.backward();
            assertEquals(Double.doubleToRawLongBits(x.grad()), Double.doubleToRawLongBits(x2.grad()));
        }

        @Test
        void leafGradientsAccumulateAcrossBackwardCallsInteriorOnesDoNot() {
            Value x = Value.variable(3.0);
            Value y = x.times(x); // interior
            Value z = y.times(2.0);
            z.backward();
            assertEquals(12.0, x.grad());
            assertEquals(2.0, y.grad());
            z.backward();
            assertEquals(24.0, x.grad()); // accumulated, like PyTorch leaves
            assertEquals(2.0, y.grad()); // interior gradient of the latest pass only
            z.zeroGrad();
            assertEquals(0.0, x.grad());
            assertEquals(0.0, y.grad());
            assertEquals(0.0, z.grad());
            x.backward(); // backward on a leaf seeds its own gradient
            assertEquals(1.0, x.grad());
        }

        @Test
        void constantsReceiveNoGradient() {
            Value k = Value.constant(5.0);
            Value x = Value.variable(2.0);
            Value y = x.times(k);
            assertTrue(y.requiresGrad());
            assertFalse(k.requiresGrad());
            y.backward();
            assertEquals(5.0, x.grad());
            assertEquals(0.0, k.grad());
            assertFalse(k.times(k).requiresGrad());
            assertEquals("const", k.times(k).op());
        }

        @Test
        void noGradScopeRecordsNothing() {
            Value x = Value.variable(2.0);
            Value y;
            try (ScalarGradMode.Scope scope = ScalarGradMode.noGrad()) {
                assertFalse(ScalarGradMode.isGradEnabled());
                y = x.times(x).plus(1.0);
                try (ScalarGradMode.Scope inner = ScalarGradMode.enableGrad()) {
                    assertTrue(x.times(x).requiresGrad());
                }
                assertFalse(ScalarGradMode.isGradEnabled());
                scope.close(); // closing twice is harmless
            }
            assertTrue(ScalarGradMode.isGradEnabled());
            assertEquals(5.0, y.data());
            assertFalse(y.requiresGrad());
            assertTrue(y.isLeaf());
            IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
            assertTrue(e.getMessage().contains("does not require a gradient"), e.getMessage());
        }
    }

    @Nested
    class Errors {

        @Test
        void backwardOnAConstantNamesTheProblem() {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Value.constant(1.0).plus(2.0).backward());
            assertTrue(e.getMessage().startsWith("backward: 3.0"), e.getMessage());
        }

        @Test
        void powRejectsAVariableExponent() {
            Value x = Value.variable(2.0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> x.pow(Value.variable(3.0, "n")));
            assertTrue(e.getMessage().contains("exponent must be a constant") && e.getMessage().contains("'n'"),
                    e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> x.pow(Double.NaN));
        }

        @Test
        void logOfNonPositiveSaysWhatAndWhereInAnomalyMode() {
            try (ScalarGradMode.Scope anomaly = ScalarGradMode.detectAnomaly()) {
                ArithmeticException e = assertThrows(ArithmeticException.class,
                        () -> Value.variable(-1.0, "y_hat").log());
                assertEquals("anomaly: log forward produced NaN for input -1.0 ('y_hat')", e.getMessage());
                ArithmeticException zero = assertThrows(ArithmeticException.class, () -> Value.variable(0.0).log());
                assertTrue(zero.getMessage().contains("-Infinity for input 0.0"), zero.getMessage());
                // also without recording: the rule is about the value, not the graph
                try (ScalarGradMode.Scope scope = ScalarGradMode.noGrad()) {
                    assertThrows(ArithmeticException.class, () -> Value.constant(0.0).log());
                }
            }
        }

        @Test
        void domainErrorsOfPowAndDivisionInAnomalyMode() {
            try (ScalarGradMode.Scope anomaly = ScalarGradMode.detectAnomaly()) {
                assertTrue(assertThrows(ArithmeticException.class, () -> Value.variable(-8.0).pow(1.0 / 3))
                        .getMessage().startsWith("anomaly: pow forward produced NaN"));
                assertTrue(assertThrows(ArithmeticException.class, () -> Value.variable(1.0).div(0.0))
                        .getMessage().startsWith("anomaly: pow forward produced Infinity for input 0.0"));
                // sqrt(0) = 0 is finite; its infinite local derivative shows in the backward pass
                Value x = Value.variable(0.0, "x");
                Value root = x.pow(0.5);
                assertEquals(0.0, root.data());
                ArithmeticException sqrt = assertThrows(ArithmeticException.class, root::backward);
                assertTrue(sqrt.getMessage().contains("'x'") && sqrt.getMessage().contains("'pow'"),
                        sqrt.getMessage());
            }
        }

        @Test
        void overflowIsReportedInAnomalyMode() {
            try (ScalarGradMode.Scope anomaly = ScalarGradMode.detectAnomaly()) {
                ArithmeticException e = assertThrows(ArithmeticException.class, () -> Value.variable(710.0).exp());
                assertTrue(e.getMessage().startsWith("anomaly: exp forward produced Infinity"), e.getMessage());
                assertThrows(ArithmeticException.class, () -> Value.variable(1e300).times(Value.variable(1e300)));
            }
            assertThrows(IllegalArgumentException.class, () -> Value.variable(Double.NaN));
            assertThrows(IllegalArgumentException.class, () -> Value.constant(Double.POSITIVE_INFINITY));
            assertThrows(IllegalArgumentException.class, () -> Value.variable(1.0, null));
            assertThrows(IllegalArgumentException.class, () -> Value.variable(1.0).plus((Value) null));
        }

        @Test
        void gradientOverflowDuringBackwardIsReportedInAnomalyMode() {
            // forward 1e-300 * 1e300 * 1e300 = 1e300 is finite, but d/dw = 1e300 * 1e300 overflows
            Value w = Value.variable(1e-300, "w");
            Value big = w.times(1e300).times(1e300);
            assertEquals(1e300, big.data(), 1e286);
            try (ScalarGradMode.Scope anomaly = ScalarGradMode.detectAnomaly()) {
                ArithmeticException e = assertThrows(ArithmeticException.class, big::backward);
                assertTrue(e.getMessage().contains("became Infinity"), e.getMessage());
            }
        }

        @Test
        void toStringShowsLabelDataAndGrad() {
            Value w = Value.variable(0.5, "w8");
            assertEquals("Value(w8, data=0.5, grad=0.0)", w.toString());
            assertEquals("Value(data=1.0, grad=0.0)", Value.constant(1.0).toString());
        }
    }
}
