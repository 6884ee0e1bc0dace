package io.github.dlref.verify.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.data.DataLoader;
import io.github.dlref.data.Dataset;
import io.github.dlref.autograd.scalar.Value;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.layers.Linear;
import io.github.dlref.optim.AdaGrad;
import io.github.dlref.optim.RMSProp;
import io.github.dlref.verify.TestTolerances;
import java.util.List;
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

    @Test
    void bpOptimizersLayerJFactorsOneByOne() {
        // layer J of bp-optimizers with a sigmoid output (the factors hold for any sigma): u_j = sum_i w_ij v_i,
        // v_j = sigma(u_j), e_j = t_j - v_j, e = 0.5 sum_j e_j^2; two outputs, three hidden values v_i
        double[] hidden = {0.6, -0.2, 0.9};
        double[][] weights = {{0.4, -0.5}, {0.3, 0.8}, {-0.6, 0.1}}; // w_ij, i in I, j in J
        double[] target = {1.0, 0.0};
        Value[] v = new Value[3];
        for (int i = 0; i < 3; i++) {
            v[i] = Value.variable(hidden[i], "v" + i);
        }
        Value[][] w = new Value[3][2];
        Value[] u = new Value[2];
        Value[] out = new Value[2];
        Value[] e = new Value[2];
        Value error = Value.constant(0.0);
        for (int j = 0; j < 2; j++) {
            Value sum = Value.constant(0.0);
            for (int i = 0; i < 3; i++) {
                w[i][j] = Value.variable(weights[i][j], "w" + i + j);
                sum = sum.plus(w[i][j].times(v[i]));
            }
            u[j] = sum;
            out[j] = u[j].sigmoid();
            e[j] = out[j].neg().plus(target[j]);
            error = error.plus(e[j].pow(2.0).times(0.5));
        }
        error.backward();
        double[] delta = new double[2];
        for (int j = 0; j < 2; j++) {
            double ej = target[j] - out[j].data();
            assertEquals(ej, e[j].grad(), TestTolerances.FEW_ULPS); // de/de_j = e_j = t_j - v_j
            assertEquals(-ej, out[j].grad(), TestTolerances.FEW_ULPS); // de_j/dv_j = -1
            double sigmaPrime = out[j].data() * (1.0 - out[j].data());
            delta[j] = ej * -1.0 * sigmaPrime; // dv_j/du_j = sigma'(u_j)
            assertEquals(delta[j], u[j].grad(), TestTolerances.FEW_ULPS);
            for (int i = 0; i < 3; i++) {
                assertEquals(delta[j] * hidden[i], w[i][j].grad(), TestTolerances.FEW_ULPS); // du_j/dw_ij = v_i
            }
        }
        for (int i = 0; i < 3; i++) { // de/dv_i = sum_j delta_j w_ij
            assertEquals(delta[0] * weights[i][0] + delta[1] * weights[i][1], v[i].grad(), TestTolerances.FEW_ULPS);
        }
    }

    @Test
    void bpOptimizersRmspropEvensOutTheStepSizes() {
        // gradients 100 and 0.01 on two elements: RMSprop's first step is alpha g / sqrt((1 - beta) g^2), the same
        // alpha / sqrt(1 - beta) for both, where plain gradient descent moves them 10^4 times apart
        double alpha = 0.01;
        double beta = 0.9;
        Parameter p = new Parameter("w", Matrix.rowVector(1.0, 1.0));
        RMSProp rmsprop = new RMSProp(List.of(p), RMSProp.Hyperparameters.bpOptimizers(alpha, beta));
        p.accumulateGrad(Matrix.rowVector(100.0, 0.01));
        rmsprop.step();
        double expected = alpha / Math.sqrt(1.0 - beta);
        assertEquals(expected, 1.0 - p.value().get(0, 0), 1e-9);
        assertEquals(expected, 1.0 - p.value().get(0, 1), 1e-6);
        assertTrue(Math.abs(p.value().get(0, 0) - p.value().get(0, 1)) < 1e-6, "equal steps");
    }

    @Test
    void dlBasicsBiasAsAColumnOfW() {
        // y_hat = W x + b equals [W | b] [x; 1]: the bias as one more column of W, the input with a constant 1
        Matrix w = Matrix.of(new double[][] {{0.5, -1.0, 2.0}, {1.5, 0.25, -0.75}});
        Matrix b = Matrix.columnVector(0.1, -0.2);
        Matrix x = Matrix.columnVector(2.0, 3.0, -1.0);
        Matrix withBias = w.matmul(x).plus(b);
        Matrix theta = Matrix.of(new double[][] {{0.5, -1.0, 2.0, 0.1}, {1.5, 0.25, -0.75, -0.2}});
        Matrix augmented = theta.matmul(Matrix.columnVector(2.0, 3.0, -1.0, 1.0));
        assertEquals(withBias, augmented);
        // and dlref's Linear, y = x W^T + b in the row convention, gives the same numbers
        Matrix linear = new Linear(w, b.transpose()).forward(Tensor.constant(x.transpose())).value();
        assertEquals(withBias.transpose(), linear);
        assertEquals(-3.9, linear.get(0, 0), TestTolerances.FEW_ULPS); // 1 - 3 - 2 + 0.1
    }

    @Test
    void dlBasicsObjectiveGradientsOfTheTwoTerms() {
        // J = L + s: dJ/dL = 1 and dJ/ds = 1, whatever the values of L and s
        Value loss = Value.variable(0.73, "L");
        Value penalty = Value.variable(0.21, "s");
        loss.plus(penalty).backward();
        assertEquals(1.0, loss.grad());
        assertEquals(1.0, penalty.grad());
    }

    @Test
    void dlBasicsLargerBatchesEstimateTheGradientMoreAccurately() {
        // per-sample "gradients" 0..7 (mean 3.5, population variance 5.25); the mean over a batch of B drawn without
        // replacement by the shuffling loader has variance (5.25 / B) (N - B) / (N - 1): 2.25 for B = 2, 0.75 for B = 4
        int n = 8;
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = i;
        }
        Dataset data = Dataset.regression(Matrix.columnVector(g), Matrix.columnVector(g));
        double[] variances = new double[2];
        int[] sizes = {2, 4};
        for (int k = 0; k < 2; k++) {
            DataLoader loader = new DataLoader(data, new DataLoader.Options(sizes[k], true, false, 42L));
            double sumSq = 0.0;
            int count = 0;
            for (int epoch = 0; epoch < 4000; epoch++) {
                DataLoader.Epoch e = loader.nextEpoch();
                for (int j = 0; j < e.batchCount(); j++) {
                    double mean = e.batch(j).targets().mean();
                    sumSq += (mean - 3.5) * (mean - 3.5);
                    count++;
                }
            }
            variances[k] = sumSq / count;
        }
        assertEquals(2.25, variances[0], 0.1);
        assertEquals(0.75, variances[1], 0.05);
        assertTrue(variances[1] < variances[0] / 2);
    }

    @Test
    void paramOptimizationProbabilisticLossIsPositiveForACorrectPrediction() {
        // logits (0.2, 1.0), class 2 predicted and true: p_2 = 1 / (1 + e^{-0.8}) < 1, so -ln p_2 > 0 and the
        // gradient p - y is not zero
        Tensor logits = Tensor.variable(Matrix.rowVector(0.2, 1.0));
        Tensor loss = logits.softmaxCrossEntropy(new int[] {1});
        loss.backward();
        double p2 = 1.0 / (1.0 + Math.exp(-0.8));
        assertEquals(-Math.log(p2), loss.item(), 1e-15);
        assertTrue(loss.item() > 0.3);
        assertEquals(p2 - 1.0, logits.grad().get(0, 1), 1e-15);
        assertEquals(1.0 - p2, logits.grad().get(0, 0), 1e-15);
    }

    @Test
    void paramOptimizationSaturatingActivationsAndDeadRelu() {
        for (double x : new double[] {-10.0, 10.0}) {
            Value a = Value.variable(x, "a");
            a.sigmoid().backward();
            assertTrue(a.grad() < 5e-5 && a.grad() > 0, "sigmoid'(" + x + ") = " + a.grad());
            Value b = Value.variable(x, "b");
            b.tanh().backward();
            assertTrue(b.grad() < 1e-8 && b.grad() > 0, "tanh'(" + x + ") = " + b.grad());
        }
        Value c = Value.variable(10.0, "c");
        c.relu().backward();
        assertEquals(1.0, c.grad()); // no saturation for positive inputs
        // a dead ReLU unit: pre-activation w x + b < 0 for every input, so w and b never get a gradient
        Value w = Value.variable(0.5, "w");
        Value bias = Value.variable(-10.0, "bias");
        for (double x : new double[] {-3.0, 0.0, 4.0, 9.0}) {
            w.times(x).plus(bias).relu().backward();
        }
        assertEquals(0.0, w.grad());
        assertEquals(0.0, bias.grad());
    }

    @Test
    void paramOptimizationAdaGradStepsShrinkAsOneOverSqrtT() {
        // a constant gradient g: V_t = t g^2 and the t-th step is alpha g / sqrt(t g^2) = alpha / sqrt(t), whatever g
        double alpha = 0.1;
        for (double g : new double[] {0.01, 50.0}) {
            Parameter p = new Parameter("theta", Matrix.scalar(0.0));
            AdaGrad adaGrad = new AdaGrad(List.of(p), AdaGrad.Hyperparameters.paramOptimization(alpha));
            double previous = 0.0;
            for (int t = 1; t <= 16; t++) {
                adaGrad.zeroGrad();
                p.accumulateGrad(Matrix.scalar(g));
                adaGrad.step();
                double step = previous - p.value().get(0, 0);
                previous = p.value().get(0, 0);
                assertEquals(alpha / Math.sqrt(t), step, 1e-7, "step " + t + " for g = " + g);
            }
        }
    }

    @Test
    void paramOptimizationWeightDecayDerivationLineByLine() {
        // f(theta) = 0.5 (theta . x - y)^2, g(theta) = f(theta) + lambda / (2 alpha) ||theta||_2^2
        double alpha = 0.1;
        double lambda = 0.01;
        double[] theta = {0.5, -1.2};
        double[] x = {2.0, 1.0};
        double y = 0.3;
        Value[] t = {Value.variable(theta[0], "t0"), Value.variable(theta[1], "t1")};
        Value f = t[0].times(x[0]).plus(t[1].times(x[1])).minus(Value.constant(y)).pow(2.0).times(0.5);
        Value norm2 = t[0].pow(2.0).plus(t[1].pow(2.0));
        assertEquals(Math.sqrt(0.25 + 1.44), Math.sqrt(norm2.data()), 1e-15); // ||theta||_2 = sqrt(sum theta_i^2)
        Value g = f.plus(norm2.times(lambda / (2 * alpha)));
        g.backward();
        double residual = theta[0] * x[0] + theta[1] * x[1] - y;
        for (int i = 0; i < 2; i++) {
            double gradF = residual * x[i];
            // line 2: grad g = grad f + (lambda / alpha) theta
            assertEquals(gradF + lambda / alpha * theta[i], t[i].grad(), 1e-15);
            // line 1 = line 3: theta - alpha grad g = theta - alpha grad f - lambda theta
            double line1 = theta[i] - alpha * t[i].grad();
            double line3 = theta[i] - alpha * gradF - lambda * theta[i];
            assertEquals(line3, line1, 1e-15);
        }
    }

    @Test
    void cs231nTheGradientIsTheDirectionOfSteepestAscent() {
        // f(x, y) = 3x^2 + 6x + x y + 2y^2 at (2, -1): the engine's gradient is (6x + 6 + y, x + 4y) = (17, -2); among
        // 3600 unit directions u the directional derivative (central difference) is largest along the gradient, and
        // its largest value is the gradient's norm sqrt(293)
        Value x = Value.variable(2.0, "x");
        Value y = Value.variable(-1.0, "y");
        Value f = x.pow(2.0).times(3.0).plus(x.times(6.0)).plus(x.times(y)).plus(y.pow(2.0).times(2.0));
        f.backward();
        assertEquals(17.0, x.grad());
        assertEquals(-2.0, y.grad());
        double h = 1e-6;
        double best = Double.NEGATIVE_INFINITY;
        double bestAngle = 0.0;
        for (int k = 0; k < 3600; k++) {
            double angle = 2 * Math.PI * k / 3600;
            double ux = Math.cos(angle);
            double uy = Math.sin(angle);
            double d = (quadratic(2.0 + h * ux, -1.0 + h * uy) - quadratic(2.0 - h * ux, -1.0 - h * uy)) / (2 * h);
            if (d > best) {
                best = d;
                bestAngle = angle;
            }
        }
        assertEquals(Math.sqrt(293.0), best, 1e-4);
        double gradientAngle = Math.atan2(-2.0, 17.0) + 2 * Math.PI;
        assertEquals(gradientAngle, bestAngle, 2 * Math.PI / 3600);
    }

    private static double quadratic(double x, double y) {
        return 3 * x * x + 6 * x + x * y + 2 * y * y;
    }
}
