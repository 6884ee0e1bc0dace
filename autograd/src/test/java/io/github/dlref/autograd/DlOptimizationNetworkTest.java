package io.github.dlref.autograd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.autograd.scalar.Value;
import io.github.dlref.math.Matrix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The 2-2-2 network of dl-optimization ("DL Optimization", section "Back propagation": ReLU hidden layer, softmax
 * output, cross-entropy loss, parameters {@code w1..w8, b1..b4}) built twice, scalar by scalar with {@link Value}
 * in the document's column convention and with {@link Tensor}s in the project's row convention; the two agree to
 * {@link Tolerances#CROSS_ENGINE_RELATIVE}, and the Tensor version satisfies the document's identities
 * {@code dl/dz_i = y_hat_i - y_i} (equation 3) and {@code dl/dw8 = h2 (y_hat2 - y2)}.
 *
 * <p>Column convention of the document: {@code u = W^h x + b^h}, {@code h = relu(u)}, {@code z = W^o h + b^o},
 * with {@code W^h = [[w1, w2], [w3, w4]]} and {@code W^o = [[w5, w7], [w6, w8]]} (the document prints w4 where w6
 * belongs; see erratum dl-optimization-1 in {@code docs/errata.md}). Row convention here: a sample is a
 * {@code 1 x 2} row and {@code u = x (W^h)^T + b^h}, so the same matrices are used through
 * {@link Tensor#timesTranspose(Tensor)}. The three parameter settings are those of the scalar reproduction in
 * {@code verify} (in setting B the first hidden unit is dead, {@code u1 = -0.65}; setting C has a soft label).
 */
class DlOptimizationNetworkTest {

    /** One sample, label and parameter vector {@code [w1..w8, b1..b4]}. */
    record Setting(String name, double[] x, double[] y, double[] theta) {
        @Override
        public String toString() {
            return "setting " + name;
        }
    }

    static final List<Setting> SETTINGS = List.of(
            new Setting("A", new double[] {1.0, 2.0}, new double[] {0.0, 1.0},
                    new double[] {0.1, 0.2, -0.3, 0.4, 0.5, -0.6, 0.7, 0.8, 0.05, -0.05, 0.1, -0.1}),
            new Setting("B", new double[] {-1.5, 0.5}, new double[] {1.0, 0.0},
                    new double[] {0.3, -0.8, -0.6, 0.9, -0.4, 0.2, 1.1, -0.7, 0.2, 0.1, -0.3, 0.25}),
            new Setting("C", new double[] {0.7, -1.2}, new double[] {0.25, 0.75},
                    new double[] {1.0, -0.5, 0.3, -0.8, 0.9, 0.4, -1.2, 0.6, 0.1, 0.2, -0.2, 0.3}));

    static List<Setting> settings() {
        return SETTINGS;
    }

    // ------------------------------------------------------------------------------------------
    // The scalar reproduction, written out with the document's names

    /** Loss and the gradient {@code [dl/dw1..dl/dw8, dl/db1..dl/db4]} from the scalar engine. */
    record ScalarResult(double loss, double[] gradient) {
    }

    static Value scalarLoss(Value[] t, double[] x, double[] y) {
        Value w1 = t[0], w2 = t[1], w3 = t[2], w4 = t[3], w5 = t[4], w6 = t[5], w7 = t[6], w8 = t[7];
        Value b1 = t[8], b2 = t[9], b3 = t[10], b4 = t[11];
        Value h1 = w1.times(x[0]).plus(w2.times(x[1])).plus(b1).relu();
        Value h2 = w3.times(x[0]).plus(w4.times(x[1])).plus(b2).relu();
        Value z1 = w5.times(h1).plus(w7.times(h2)).plus(b3);
        Value z2 = w6.times(h1).plus(w8.times(h2)).plus(b4);
        Value sum = z1.exp().plus(z2.exp());
        Value yHat1 = z1.exp().div(sum);
        Value yHat2 = z2.exp().div(sum);
        return yHat1.log().times(y[0]).plus(yHat2.log().times(y[1])).neg();
    }

    static Value[] scalarParameters(double[] theta) {
        Value[] t = new Value[theta.length];
        for (int i = 0; i < theta.length; i++) {
            t[i] = Value.variable(theta[i]);
        }
        return t;
    }

    static ScalarResult scalar(Setting s) {
        Value[] t = scalarParameters(s.theta());
        Value loss = scalarLoss(t, s.x(), s.y());
        loss.backward();
        double[] gradient = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            gradient[i] = t[i].grad();
        }
        return new ScalarResult(loss.data(), gradient);
    }

    // ------------------------------------------------------------------------------------------
    // The same network with tensors

    /** The parameters as tensors: W^h, b^h (as a row), W^o, b^o (as a row). */
    record TensorNetwork(Parameter hiddenWeight, Parameter hiddenBias, Parameter outputWeight, Parameter outputBias) {

        static TensorNetwork of(double[] t) {
            return new TensorNetwork(
                    new Parameter("W^h", Matrix.of(new double[][] {{t[0], t[1]}, {t[2], t[3]}})),
                    new Parameter("b^h", Matrix.rowVector(t[8], t[9])),
                    new Parameter("W^o", Matrix.of(new double[][] {{t[4], t[6]}, {t[5], t[7]}})),
                    new Parameter("b^o", Matrix.rowVector(t[10], t[11])));
        }

        Tensor hidden(Matrix x) {
            return Tensor.constant(x).timesTranspose(hiddenWeight).plusRow(hiddenBias).relu();
        }

        Tensor logits(Tensor hidden) {
            return hidden.timesTranspose(outputWeight).plusRow(outputBias);
        }

        /** The gradient in the document's order {@code [w1..w8, b1..b4]}. */
        double[] gradient() {
            Matrix wh = hiddenWeight.grad();
            Matrix wo = outputWeight.grad();
            return new double[] {
                wh.get(0, 0), wh.get(0, 1), wh.get(1, 0), wh.get(1, 1),
                wo.get(0, 0), wo.get(1, 0), wo.get(0, 1), wo.get(1, 1),
                hiddenBias.grad().get(0, 0), hiddenBias.grad().get(0, 1),
                outputBias.grad().get(0, 0), outputBias.grad().get(0, 1)};
        }
    }

    private static final String[] NAMES = {"w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "b1", "b2", "b3", "b4"};

    private static void assertAgree(String what, double expected, double actual) {
        assertTrue(Tolerances.close(expected, actual, Tolerances.CROSS_ENGINE_RELATIVE),
                () -> what + ": expected " + expected + ", got " + actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void tensorNetworkAgreesWithTheScalarReproduction(Setting s) {
        ScalarResult expected = scalar(s);
        TensorNetwork net = TensorNetwork.of(s.theta());
        Tensor loss = net.logits(net.hidden(Matrix.rowVector(s.x()))).softmaxCrossEntropy(Matrix.rowVector(s.y()),
                Reduction.SUM);
        assertAgree("loss at " + s, expected.loss(), loss.item());
        loss.backward();
        double[] gradient = net.gradient();
        for (int i = 0; i < NAMES.length; i++) {
            assertAgree("dl/d" + NAMES[i] + " at " + s, expected.gradient()[i], gradient[i]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void tensorNetworkSatisfiesTheDocumentsIdentities(Setting s) {
        TensorNetwork net = TensorNetwork.of(s.theta());
        Tensor hidden = net.hidden(Matrix.rowVector(s.x()));
        Tensor logits = net.logits(hidden).retainGrad();
        logits.softmaxCrossEntropy(Matrix.rowVector(s.y()), Reduction.SUM).backward();
        Matrix yHat = Tensor.constant(logits.value()).softmax().value();
        for (int i = 0; i < 2; i++) {
            // equation (3): dl/dz_i = y_hat_i - y_i (the labels sum to 1 in every setting)
            assertAgree("dl/dz" + (i + 1) + " at " + s, yHat.get(0, i) - s.y()[i], logits.grad().get(0, i));
        }
        // equations (1) and (3): dl/dw8 = h2 (y_hat2 - y2)
        double h2 = hidden.value().get(0, 1);
        assertAgree("dl/dw8 at " + s, h2 * (yHat.get(0, 1) - s.y()[1]), net.outputWeight().grad().get(1, 1));
    }

    @Test
    void batchOfAllThreeSamplesGivesTheMeanLossGradient() {
        // L = (1/N) sum_n l(y_n, f(x_n; theta)) with the parameters of setting A (dl-optimization, "Stochastic
        // optimization"): the scalar engine sums the three losses, the tensor engine reduces a 3 x 2 batch
        double[] theta = SETTINGS.get(0).theta();
        Value[] t = scalarParameters(theta);
        List<Value> losses = new ArrayList<>();
        for (Setting s : SETTINGS) {
            losses.add(scalarLoss(t, s.x(), s.y()));
        }
        Value scalarMean = Value.sum(losses).div(SETTINGS.size());
        scalarMean.backward();

        Matrix x = Matrix.of(SETTINGS.stream().map(Setting::x).toArray(double[][]::new));
        Matrix y = Matrix.of(SETTINGS.stream().map(Setting::y).toArray(double[][]::new));
        TensorNetwork net = TensorNetwork.of(theta);
        Tensor mean = net.logits(net.hidden(x)).softmaxCrossEntropy(y, Reduction.MEAN);
        assertAgree("mean loss", scalarMean.data(), mean.item());
        mean.backward();
        double[] gradient = net.gradient();
        for (int i = 0; i < NAMES.length; i++) {
            assertAgree("dL/d" + NAMES[i], t[i].grad(), gradient[i]);
        }
    }
}
