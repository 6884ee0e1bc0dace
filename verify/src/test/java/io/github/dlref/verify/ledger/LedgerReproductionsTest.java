package io.github.dlref.verify.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.scalar.Value;
import io.github.dlref.verify.TestTolerances;
import org.junit.jupiter.api.Test;

/**
 * Formulas of the documents that the ledger ({@code docs/ledger.md}) found computable but not yet computed by a
 * worked example or another test: each is computed here by dlref's engines and compared with the document's form,
 * evaluated by hand-written code (or a closed form) independent of the engine.
 */
class LedgerReproductionsTest {

    /** The 2-2-2 network of dl-optimization at setting A of the catalog, with labels {@code y}. */
    private record Net(Value[] theta, Value[] h, Value[] z, Value[] yHat, Value loss) {

        static Net of(double[] y) {
            double[] x = {1.0, 2.0};
            double[] t = {0.1, 0.2, -0.3, 0.4, 0.5, -0.6, 0.7, 0.8, 0.05, -0.05, 0.1, -0.1};
            Value[] theta = new Value[t.length];
            for (int i = 0; i < t.length; i++) {
                theta[i] = Value.variable(t[i], "theta" + i);
            }
            Value[] h = {
                theta[0].times(x[0]).plus(theta[1].times(x[1])).plus(theta[8]).relu(),
                theta[2].times(x[0]).plus(theta[3].times(x[1])).plus(theta[9]).relu()};
            Value[] z = {
                theta[4].times(h[0]).plus(theta[6].times(h[1])).plus(theta[10]),
                theta[5].times(h[0]).plus(theta[7].times(h[1])).plus(theta[11])};
            Value sum = z[0].exp().plus(z[1].exp());
            Value[] yHat = {z[0].exp().div(sum), z[1].exp().div(sum)};
            Value loss = yHat[0].log().times(y[0]).plus(yHat[1].log().times(y[1])).neg();
            return new Net(theta, h, z, yHat, loss);
        }
    }

    @Test
    void dlOptimizationEquationOneAndEquationThreeSeparately() {
        // (1): dz2/dw8 = h2, the engine's gradient of z2 alone
        Net net = Net.of(new double[] {0.0, 1.0});
        net.z()[1].backward();
        double h2 = net.h()[1].data();
        assertEquals(0.45, h2, TestTolerances.ROUNDING); // relu(-0.3 * 1 + 0.4 * 2 - 0.05)
        assertEquals(h2, net.theta()[7].grad());
        // and dz2/dw6 = h1, dz2/db4 = 1
        assertEquals(net.h()[0].data(), net.theta()[5].grad());
        assertEquals(1.0, net.theta()[11].grad());
    }

    @Test
    void dlOptimizationLineFourHoldsForLabelsOfAnySum() {
        // line 4 of (3), dl/dz_i = y_hat_i (sum_k y_k) - y_i, holds for any labels; line 5, y_hat_i - y_i, only for
        // labels that sum to 1. Labels (0.5, 1.0) sum to 1.5.
        double[] y = {0.5, 1.0};
        Net net = Net.of(y);
        net.loss().backward();
        double sumY = y[0] + y[1];
        for (int i = 0; i < 2; i++) {
            double yHat = net.yHat()[i].data();
            double lineFour = yHat * sumY - y[i];
            assertEquals(lineFour, net.z()[i].grad(), TestTolerances.ROUNDING);
            double lineFive = yHat - y[i];
            assertTrue(Math.abs(lineFive - net.z()[i].grad()) > 0.1, "line 5 needs sum_k y_k = 1");
        }
        // with a one-hot label both lines agree
        Net oneHot = Net.of(new double[] {0.0, 1.0});
        oneHot.loss().backward();
        assertEquals(oneHot.yHat()[1].data() - 1.0, oneHot.z()[1].grad(), TestTolerances.ROUNDING);
    }
}
