package io.github.dlref.verify.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.scalar.Value;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.layers.Linear;
import io.github.dlref.nn.losses.MSELoss;
import io.github.dlref.nn.losses.MulticlassHingeLoss;
import io.github.dlref.optim.SGD;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One test per entry of {@code docs/errata.md} found while building the ledger of the documents
 * ({@code docs/ledger.md}): the corrected form agrees with dlref's engine or library, and the document's form,
 * read as the erratum says, disagrees (or has no value).
 */
class LedgerErrataTest {

    private static final MSELoss MSE = new MSELoss();

    /** One step of the training procedure on the line y = w x + b: forward, loss, backward, SGD step. */
    private static void forwardBackwardStep(Linear line, SGD sgd) {
        MSE.forward(line.forward(Tensor.constant(Matrix.scalar(2.0))), Matrix.scalar(1.0)).backward();
        sgd.step();
    }

    private static double[] values(List<Parameter> ps) {
        return new double[] {ps.get(0).value().get(0, 0), ps.get(1).value().get(0, 0)};
    }

    @Test
    void dlOptimization6ZeroTheGradientsNotTheParameters() {
        // x = 2, y = 1, w = 1, b = 0, lr = 0.25: step 1 has dw = 2 (2w + b - 1) 2 = 4, db = 2, so w = 0, b = -0.5;
        // step 2 has residual -1.5, dw = -6, db = -3, so w = 1.5, b = 0.25 (all exact in binary)
        Linear corrected = new Linear(Matrix.scalar(1.0), Matrix.rowVector(0.0));
        SGD sgd = new SGD(corrected.parameters(), SGD.Hyperparameters.pytorch(0.25));
        sgd.zeroGrad();
        forwardBackwardStep(corrected, sgd);
        sgd.zeroGrad();
        // zeroing clears the gradients and keeps the parameters
        for (Parameter p : corrected.parameters()) {
            assertTrue(p.grad() == null || p.grad().get(0, 0) == 0.0, "gradient cleared");
        }
        assertEquals(0.0, values(corrected.parameters())[0]);
        assertEquals(-0.5, values(corrected.parameters())[1]);
        forwardBackwardStep(corrected, sgd);
        assertEquals(1.5, values(corrected.parameters())[0]);
        assertEquals(0.25, values(corrected.parameters())[1]);

        // not zeroing at all: step 2 uses the sum of both gradients, dw = 4 - 6, db = 2 - 3
        Linear accumulated = new Linear(Matrix.scalar(1.0), Matrix.rowVector(0.0));
        SGD sgd2 = new SGD(accumulated.parameters(), SGD.Hyperparameters.pytorch(0.25));
        forwardBackwardStep(accumulated, sgd2);
        forwardBackwardStep(accumulated, sgd2);
        assertEquals(0.5, values(accumulated.parameters())[0]);
        assertEquals(-0.25, values(accumulated.parameters())[1]);

        // the printed step, "clear the parameters": every iteration restarts from w = b = 0, so the second step
        // lands where the first did (residual -1, dw = -4, db = -2: w = 1, b = 0.5) and nothing is learned
        Linear cleared = new Linear(Matrix.scalar(1.0), Matrix.rowVector(0.0));
        SGD sgd3 = new SGD(cleared.parameters(), SGD.Hyperparameters.pytorch(0.25));
        double[] afterEach = new double[4];
        for (int step = 0; step < 2; step++) {
            for (Parameter p : cleared.parameters()) {
                p.assign(Matrix.filled(1, 1, 0.0));
            }
            sgd3.zeroGrad();
            forwardBackwardStep(cleared, sgd3);
            afterEach[2 * step] = values(cleared.parameters())[0];
            afterEach[2 * step + 1] = values(cleared.parameters())[1];
        }
        assertEquals(1.0, afterEach[2]);
        assertEquals(0.5, afterEach[3]);
        assertEquals(afterEach[0], afterEach[2]);
        assertNotEquals(values(corrected.parameters())[0], afterEach[2]);
    }

    /** Column-convention {@code W^[2]}, 2 x 3, and the hidden layer's input: 3 units, 4 samples. */
    private static final Matrix W2 = Matrix.of(new double[][] {{0.5, -0.3, 0.8}, {-0.7, 0.2, 0.4}});
    private static final Matrix Z1 = Matrix.of(new double[][] {
        {0.3, -1.2, 0.7, 0.1}, {-0.4, 0.9, 0.2, -1.5}, {1.1, 0.05, -0.6, 0.8}});
    /** A fixed upstream gradient {@code dA^[2]}: the objective is {@code sum(C (.) A^[2])}. */
    private static final Matrix C = Matrix.of(new double[][] {{0.9, -0.2, 0.4, -1.1}, {0.3, 0.6, -0.8, 0.2}});

    @Test
    void bpOptimizers8TheHadamardProductComesBeforeTheMatrixProduct() {
        // A^[1] = tanh(Z^[1]), Z^[2] = W^[2] A^[1], A^[2] = sigmoid(Z^[2]), objective sum(C (.) A^[2]), so dA^[2] = C
        Tensor a1 = Tensor.variable(Z1.map(Math::tanh));
        Tensor z2 = Tensor.constant(W2).matmul(a1);
        Tensor a2 = z2.sigmoid();
        a2.times(Tensor.constant(C)).sum().backward();
        Matrix s = z2.value().map(z -> 1.0 / (1.0 + Math.exp(-z)));
        Matrix gPrime = s.times(s.neg().plus(1.0)); // sigmoid'(Z^[2])
        // corrected: dA^[1] = W^[2]T (dA^[2] (.) g'(Z^[2])), 3 x 4
        Matrix corrected = W2.transposeTimes(C.times(gPrime));
        assertTrue(corrected.approxEquals(a1.grad(), 1e-14), "corrected form equals autograd");
        // printed: W^[2]T dA^[2] (.) g'(Z^[2]) multiplies first: a 3 x 4 matrix times a 2 x 4 one has no value
        Matrix productFirst = W2.transposeTimes(C);
        assertEquals("3x4", productFirst.shape());
        assertThrows(IllegalArgumentException.class, () -> productFirst.times(gPrime));

        // where the shapes agree (2 hidden units, square W^[2]) the printed order gives other numbers
        Matrix w2 = Matrix.of(new double[][] {{2.5, -1.5}, {-3.0, 1.0}});
        Tensor b1 = Tensor.variable(Z1.rowSlice(0, 2).map(Math::tanh));
        Tensor y2 = Tensor.constant(w2).matmul(b1);
        y2.sigmoid().times(Tensor.constant(C)).sum().backward();
        Matrix t = y2.value().map(z -> 1.0 / (1.0 + Math.exp(-z)));
        Matrix g2 = t.times(t.neg().plus(1.0));
        assertTrue(w2.transposeTimes(C.times(g2)).approxEquals(b1.grad(), 1e-14));
        Matrix printed = w2.transposeTimes(C).times(g2);
        assertTrue(printed.minus(b1.grad()).abs().maxValue() > 0.05, "printed order refuted: " + printed);
    }

    @Test
    void bpOptimizers9TheHadamardProductIsNotTheScalarProduct() {
        // BP1 on a sigmoid output layer with C = 0.5 ||v - t||^2: delta^L = (v - t) (.) sigma'(u^L), a vector
        Matrix u = Matrix.columnVector(0.4, -1.3);
        Matrix target = Matrix.columnVector(1.0, 0.0);
        Tensor uL = Tensor.variable(u);
        Tensor v = uL.sigmoid();
        v.minus(Tensor.constant(target)).pow(2.0).sum().times(0.5).backward();
        Matrix sv = v.value();
        Matrix gradV = sv.minus(target);
        Matrix sigmaPrime = sv.times(sv.neg().plus(1.0));
        Matrix hadamard = gradV.times(sigmaPrime);
        assertTrue(hadamard.approxEquals(uL.grad(), 1e-14), "elementwise product equals autograd's delta^L");
        // the scalar (inner) product is one number for the whole layer and matches neither component
        double scalar = gradV.dot(sigmaPrime);
        assertTrue(Math.abs(scalar - uL.grad().get(0, 0)) > 0.01 && Math.abs(scalar - uL.grad().get(1, 0)) > 0.01,
                "scalar product " + scalar + " refuted");
    }

    @Test
    void bpOptimizers10TheOutputIsYHatNotY() {
        // a sigmoid unit with binary cross-entropy, Z = 0.4, label Y = 1: dZ = A - Y = sigmoid(0.4) - 1
        Tensor z = Tensor.variable(Matrix.scalar(0.4));
        z.binaryCrossEntropyWithLogits(Matrix.scalar(1.0)).backward();
        double a = 1.0 / (1.0 + Math.exp(-0.4));
        assertEquals(a - 1.0, z.grad().get(0, 0), 1e-14);
        // with the output named Y as printed (Y = A^[L]), dZ^[L] = A^[L] - Y is 0 for every sample
        double printed = a - a;
        assertEquals(0.0, printed);
        assertTrue(Math.abs(z.grad().get(0, 0)) > 0.3);
    }

    /** Three samples (x, y) and the per-sample loss f_i(w) = 0.5 (w x_i - y_i)^2 at w = 0.8. */
    private static final double[][] SAMPLES = {{1.0, 2.0}, {-0.5, 0.3}, {2.0, 1.1}};
    private static final double W = 0.8;

    private static Value sampleLoss(Value w, double[] sample) {
        return w.times(sample[0]).minus(Value.constant(sample[1])).pow(2.0).times(0.5);
    }

    @Test
    void dlBasics6TheMiniBatchGradientAveragesPerSampleGradients() {
        // corrected: g_t = (1/|B|) sum_{i in B} grad f_i(W); the engine's gradient of the batch's mean loss
        Value w = Value.variable(W, "w");
        Value sum = Value.constant(0.0);
        double byHand = 0.0;
        for (double[] s : SAMPLES) {
            sum = sum.plus(sampleLoss(w, s));
            byHand += (W * s[0] - s[1]) * s[0];
        }
        sum.div(SAMPLES.length).backward();
        byHand /= SAMPLES.length;
        assertEquals(byHand, w.grad(), 1e-15);
        // printed: (1/|B|) sum_{i in B} grad f(x), whose summand has no i: the gradient at one sample x, whichever
        // sample x is, is not the batch's gradient
        for (double[] s : SAMPLES) {
            double printed = (W * s[0] - s[1]) * s[0];
            assertTrue(Math.abs(printed - w.grad()) > 0.1, "printed form at x = " + s[0]);
        }
    }

    @Test
    void dlBasics7TheRegularizedObjectiveSumsOverTheSamples() {
        // corrected: (1/N) sum_n Loss(y_n, f(x_n; theta)) + lambda l_2(theta), with l_2 = 0.5 theta^2, lambda = 0.1
        double lambda = 0.1;
        Value w = Value.variable(W, "w");
        Value sum = Value.constant(0.0);
        double byHand = 0.0;
        for (double[] s : SAMPLES) {
            sum = sum.plus(sampleLoss(w, s));
            byHand += 0.5 * (W * s[0] - s[1]) * (W * s[0] - s[1]);
        }
        Value objective = sum.div(SAMPLES.length).plus(w.pow(2.0).times(0.5 * lambda));
        byHand = byHand / SAMPLES.length + 0.5 * lambda * W * W;
        assertEquals(byHand, objective.data(), 1e-15);
        // printed: (1/N) sum_i Loss(y^(n), f(x^(n))) sums over i a term of one sample n: N copies of that sample's
        // loss divided by N, the objective of one sample, for every choice of n a different number
        for (double[] s : SAMPLES) {
            double printed = 0.5 * (W * s[0] - s[1]) * (W * s[0] - s[1]) + 0.5 * lambda * W * W;
            assertTrue(Math.abs(printed - objective.data()) > 0.05, "printed form with n at x = " + s[0]);
        }
    }

    @Test
    void paramOptimization2TheSvmLossCountsCorrectPointsInsideTheMargin() {
        // scores (1.5, 2.0) with true class 2: correctly classified (2.0 > 1.5) but inside the margin t = 1
        Tensor scores = Tensor.variable(Matrix.rowVector(1.5, 2.0));
        Tensor loss = new MulticlassHingeLoss().forward(scores, Matrix.rowVector(0.0, 1.0));
        loss.backward();
        assertEquals(0.5, loss.item(), 1e-15); // max(0, 1.5 - 2.0 + 1)
        assertEquals(1.0, scores.grad().get(0, 0));
        assertEquals(-1.0, scores.grad().get(0, 1));
        // beyond the margin the correct point contributes nothing, as the document says of every correct point
        Tensor far = Tensor.variable(Matrix.rowVector(0.5, 2.0));
        Tensor farLoss = new MulticlassHingeLoss().forward(far, Matrix.rowVector(0.0, 1.0));
        farLoss.backward();
        assertEquals(0.0, farLoss.item());
        assertEquals(0.0, far.grad().get(0, 0));
        // the perceptron's loss max(0, -y w.x) is 0 for every correctly classified point, inside the margin or not
        Value margin = Value.variable(0.5, "y w.x");
        Value perceptron = margin.neg().relu();
        perceptron.backward();
        assertEquals(0.0, perceptron.data());
        assertEquals(0.0, margin.grad());
    }

    @Test
    void cs231nOptBp3TheIntermediateFunctionKeepsItsName() {
        // f(x, y, z) = z * q(x, y), q = x + y, at the course's x = -2, y = 5, z = -4: the chain rule runs through the
        // function that is defined, q: df/dq = z, dq/dx = 1, so df/dx = z
        Value x = Value.variable(-2.0, "x");
        Value y = Value.variable(5.0, "y");
        Value z = Value.variable(-4.0, "z");
        Value q = x.plus(y);
        Value f = z.times(q);
        f.backward();
        assertEquals(-12.0, f.data());
        assertEquals(-4.0, q.grad()); // df/dq = z
        assertEquals(q.grad() * 1.0, x.grad()); // df/dx = df/dq dq/dx
        assertEquals(q.grad() * 1.0, y.grad());
        assertEquals(3.0, z.grad()); // df/dz = q
        // as printed, f = z * g(x, y) while the intermediate defined is q(x, y) = x + y: g has no definition, so
        // df/dg and dg/dx have no value until g is read as q (the erratum's correction, whose values are above)
    }
}
