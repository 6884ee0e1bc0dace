package io.github.dlref.verify.examples;

import io.github.dlref.autograd.numeric.NumericGradient;
import io.github.dlref.autograd.numeric.ScalarFunction;
import io.github.dlref.autograd.scalar.ScalarGradMode;
import io.github.dlref.autograd.scalar.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The scalar worked examples of dl-optimization ("DL Optimization"): the 2-2-2 network with a ReLU
 * hidden layer, a softmax output and the cross-entropy loss, built scalar by scalar with the document's
 * names {@code w1..w8}, {@code b1..b4}.
 *
 * <p>The network (corrected output matrix, see erratum dl-optimization-1):
 * <pre>
 *   u1 = w1 x1 + w2 x2 + b1,  u2 = w3 x1 + w4 x2 + b2,  h_i = max(0, u_i)
 *   z1 = w5 h1 + w7 h2 + b3,  z2 = w6 h1 + w8 h2 + b4
 *   y_hat_j = e^{z_j} / (e^{z1} + e^{z2}),  l = -(y1 log y_hat1 + y2 log y_hat2)
 * </pre>
 * i.e. {@code W^h = [[w1, w2], [w3, w4]]}, {@code W^o = [[w5, w7], [w6, w8]]}, column convention
 * {@code z = W^o h + b^o} as in the document. The document's figure with concrete numbers is not available,
 * so the examples use three parameter settings chosen here (one with a dead ReLU unit, one with a soft
 * label); the claims are identities that must hold at every setting: {@code dl/dw8 = h2 (y_hat2 - y2)},
 * {@code dl/dz_i = y_hat_i - y_i} (for labels that sum to 1), and the softmax Jacobian of equation (2).
 * Each is checked against the engine and against central differences.
 */
public final class DlOptimizationExamples implements ExampleSource {

    private static final String BP = "Back propagation";
    private static final String SGD = "Stochastic optimization";

    /** One input, label and parameter vector {@code [w1..w8, b1..b4]}. */
    private record Setting(String name, double[] x, double[] y, double[] theta) {
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("A", new double[] {1.0, 2.0}, new double[] {0.0, 1.0},
                    new double[] {0.1, 0.2, -0.3, 0.4, 0.5, -0.6, 0.7, 0.8, 0.05, -0.05, 0.1, -0.1}),
            new Setting("B", new double[] {-1.5, 0.5}, new double[] {1.0, 0.0},
                    new double[] {0.3, -0.8, -0.6, 0.9, -0.4, 0.2, 1.1, -0.7, 0.2, 0.1, -0.3, 0.25}),
            new Setting("C", new double[] {0.7, -1.2}, new double[] {0.25, 0.75},
                    new double[] {1.0, -0.5, 0.3, -0.8, 0.9, 0.4, -1.2, 0.6, 0.1, 0.2, -0.2, 0.3}));

    private static final String[] PARAMETER_NAMES =
        {"w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "b1", "b2", "b3", "b4"};

    /** The forward pass's intermediate values. */
    private record Forward(Value[] u, Value[] h, Value[] z, Value[] yHat, Value loss) {
    }

    /** Creates the provider. */
    public DlOptimizationExamples() {
    }

    /**
     * The provider's name.
     *
     * @return {@code dl-optimization (scalar engine)}
     */
    @Override
    public String name() {
        return "dl-optimization (scalar engine)";
    }

    /**
     * Computes the examples.
     *
     * @return the examples, setting by setting, then the corrections
     */
    @Override
    public List<WorkedExample> examples() {
        ExampleList list = new ExampleList("dl-optimization");
        for (Setting s : SETTINGS) {
            identities(list, s);
        }
        corrections(list, SETTINGS.get(0));
        gradientDescentStep(list);
        return list.toList();
    }

    /**
     * The network as the scalar engine builds it.
     *
     * @param theta {@code [w1..w8, b1..b4]}
     * @param x the input
     * @param y the label
     * @param printedMatrix {@code true} to use the output matrix as the document prints it,
     *     {@code [[w5, w7], [w4, w8]]}
     * @return the forward values
     */
    private static Forward forward(Value[] theta, double[] x, double[] y, boolean printedMatrix) {
        Value[] u = {
            theta[0].times(x[0]).plus(theta[1].times(x[1])).plus(theta[8]),
            theta[2].times(x[0]).plus(theta[3].times(x[1])).plus(theta[9])};
        Value[] h = {u[0].relu(), u[1].relu()};
        Value secondRowFirst = printedMatrix ? theta[3] : theta[5];
        Value[] z = {
            theta[4].times(h[0]).plus(theta[6].times(h[1])).plus(theta[10]),
            secondRowFirst.times(h[0]).plus(theta[7].times(h[1])).plus(theta[11])};
        Forward withLogits = head(z, y);
        return new Forward(u, h, z, withLogits.yHat(), withLogits.loss());
    }

    /** Softmax and cross-entropy on given logits. */
    private static Forward head(Value[] z, double[] y) {
        Value[] e = {z[0].exp(), z[1].exp()};
        Value sum = e[0].plus(e[1]);
        Value[] yHat = {e[0].div(sum), e[1].div(sum)};
        Value loss = yHat[0].log().times(y[0]).plus(yHat[1].log().times(y[1])).neg();
        return new Forward(null, null, z, yHat, loss);
    }

    private static Value[] variables(double[] theta) {
        Value[] v = new Value[theta.length];
        for (int i = 0; i < theta.length; i++) {
            v[i] = Value.variable(theta[i], PARAMETER_NAMES[i]);
        }
        return v;
    }

    private static double loss(double[] theta, double[] x, double[] y) {
        try (ScalarGradMode.Scope scope = ScalarGradMode.noGrad()) {
            Value[] c = new Value[theta.length];
            for (int i = 0; i < theta.length; i++) {
                c[i] = Value.constant(theta[i]);
            }
            return forward(c, x, y, false).loss().data();
        }
    }

    private static double softmaxEntry(double[] z, int j) {
        double e0 = Math.exp(z[0]);
        double e1 = Math.exp(z[1]);
        return (j == 0 ? e0 : e1) / (e0 + e1);
    }

    private static void identities(ExampleList list, Setting s) {
        Value[] theta = variables(s.theta());
        Forward f = forward(theta, s.x(), s.y(), false);
        f.loss().backward();
        double h2 = f.h()[1].data();
        double[] yHat = {f.yHat()[0].data(), f.yHat()[1].data()};
        String at = " at setting " + s.name();

        // dl/dw8 = h2 (y_hat2 - y2), equation (1) with (3)
        double dw8 = h2 * (yHat[1] - s.y()[1]);
        list.add("dl-dw8/" + s.name() + "/engine", BP, "dl/dw8" + at + " (engine)", "h2 (y_hat2 - y2)", dw8,
                theta[7].grad(), Tolerances.ROUNDING);
        double numericW8 = NumericGradient.central(p -> loss(p, s.x(), s.y()), s.theta()).partial(7);
        list.add("dl-dw8/" + s.name() + "/numeric", BP, "dl/dw8" + at + " (central difference)",
                "h2 (y_hat2 - y2)", dw8, numericW8, Tolerances.CENTRAL_DIFFERENCE);

        // dl/dz_i = y_hat_i - y_i, equation (3)
        double[] z = {f.z()[0].data(), f.z()[1].data()};
        ScalarFunction lossOfLogits = p -> {
            try (ScalarGradMode.Scope scope = ScalarGradMode.noGrad()) {
                return head(new Value[] {Value.constant(p[0]), Value.constant(p[1])}, s.y()).loss().data();
            }
        };
        double[] numericZ = NumericGradient.central(lossOfLogits, z).gradient();
        for (int i = 0; i < 2; i++) {
            double expected = yHat[i] - s.y()[i];
            String stated = "y_hat" + (i + 1) + " - y" + (i + 1);
            list.add("dl-dz" + (i + 1) + "/" + s.name() + "/engine", BP, "dl/dz" + (i + 1) + at + " (engine)",
                    stated, expected, f.z()[i].grad(), Tolerances.ROUNDING);
            list.add("dl-dz" + (i + 1) + "/" + s.name() + "/numeric", BP,
                    "dl/dz" + (i + 1) + at + " (central difference)", stated, expected, numericZ[i],
                    Tolerances.CENTRAL_DIFFERENCE);
        }

        // the softmax Jacobian, equation (2): d y_hat_j / d z_i
        for (int j = 0; j < 2; j++) {
            Value[] zLeaves = {Value.variable(z[0], "z1"), Value.variable(z[1], "z2")};
            head(zLeaves, s.y()).yHat()[j].backward();
            final int jj = j;
            double[] numeric = NumericGradient.central(p -> softmaxEntry(p, jj), z).gradient();
            for (int i = 0; i < 2; i++) {
                double expected = i == j ? yHat[i] * (1 - yHat[i]) : -yHat[j] * yHat[i];
                String stated = i == j ? "y_hat_i (1 - y_hat_i)" : "-y_hat_j y_hat_i";
                String name = "dy_hat" + (j + 1) + "/dz" + (i + 1);
                String id = "softmax-jacobian/" + s.name() + "/dy" + (j + 1) + "-dz" + (i + 1);
                list.add(id + "/engine", BP, name + at + " (engine)", stated, expected, zLeaves[i].grad(),
                        Tolerances.ROUNDING);
                list.add(id + "/numeric", BP, name + at + " (central difference)", stated, expected, numeric[i],
                        Tolerances.CENTRAL_DIFFERENCE);
            }
        }
    }

    private static void corrections(ExampleList list, Setting s) {
        Value[] theta = variables(s.theta());
        Forward f = forward(theta, s.x(), s.y(), false);
        f.loss().backward();
        double h1 = f.h()[0].data();
        double[] yHat = {f.yHat()[0].data(), f.yHat()[1].data()};
        double[] z = {f.z()[0].data(), f.z()[1].data()};
        double[] y = s.y();
        String at = " at setting " + s.name();

        // dl-optimization-1: W^o printed with w4 where w6 belongs
        Value[] literal = variables(s.theta());
        forward(literal, s.x(), y, true).loss().backward();
        String matrix = "W^o = [[w5, w7], [w6, w8]] (z2 = w6 h1 + w8 h2 + b4)";
        list.addCorrected("dl-dw6/" + s.name() + "/engine", BP, "dl/dw6" + at + " (engine)", "h1 (y_hat2 - y2)",
                h1 * (yHat[1] - y[1]), theta[5].grad(), Tolerances.ROUNDING,
                Correction.evaluated("dl-optimization-1", "W^o = [[w5, w7], [w4, w8]]", matrix,
                        literal[5].grad(), "the network built from the printed matrix: w6 is never used, so "
                                + "the engine gives dl/dw6 = 0"));

        // dl-optimization-2: second line of the derivation of dl/dz_i (i = 2, the true class of setting A)
        int i = 1;
        double[][] jacobian = {
            {yHat[0] * (1 - yHat[0]), -yHat[0] * yHat[1]},
            {-yHat[1] * yHat[0], yHat[1] * (1 - yHat[1])}};
        double corrected = 0.0;
        double documentLine = 0.0;
        for (int k = 0; k < 2; k++) {
            corrected -= y[k] * (1 / yHat[k]) * jacobian[k][i];
            if (y[k] != 0) {
                documentLine += y[k] * (1 / y[k]) * jacobian[k][i];
            }
        }
        String correctedLine = "-sum_k y_k (1/y_hat_k) d y_hat_k / d z_i";
        list.addCorrected("dl-dz-derivation-line2/" + s.name(), BP, "dl/dz2" + at + " (engine)", correctedLine,
                corrected, f.z()[i].grad(), Tolerances.ROUNDING,
                Correction.evaluated("dl-optimization-2", "sum_k y_k (1/y_k) d y_hat_k / d z_i", correctedLine,
                        documentLine, "terms with y_k = 0 read as 0 (0 * 1/0 is undefined)"));

        // dl-optimization-3: third line of the derivation
        double correctedThird = -y[i] * (1 / yHat[i]) * (yHat[i] * (1 - yHat[i]));
        double documentThird = -y[i] * (1 / yHat[i]) * (1 - yHat[i]);
        for (int k = 0; k < 2; k++) {
            if (k != i) {
                correctedThird -= y[k] * (1 / yHat[k]) * (-yHat[k] * yHat[i]);
                documentThird -= y[k] * (1 / yHat[i]) * (-yHat[k] * yHat[i]);
            }
        }
        String correctedThirdForm = "-y_i (1/y_hat_i) y_hat_i (1 - y_hat_i) - sum_{k != i} y_k (1/y_hat_k) "
                + "(-y_hat_k y_hat_i), substituting (2)";
        list.addCorrected("dl-dz-derivation-line3/" + s.name(), BP, "dl/dz2" + at + " (engine)",
                correctedThirdForm, correctedThird, f.z()[i].grad(), Tolerances.ROUNDING,
                Correction.evaluated("dl-optimization-3", "-y_i (1/y_hat_i) (1 - y_hat_i) - sum_{k != i} y_k "
                        + "(1/y_hat_i) (-y_hat_j y_hat_i), substituting (1)", correctedThirdForm, documentThird,
                        "the free index j read as k"));

        // dl-optimization-4: first line of equation (2), d y_hat_2 / d z_1
        Value[] zLeaves = {Value.variable(z[0], "z1"), Value.variable(z[1], "z2")};
        head(zLeaves, y).yHat()[1].backward();
        double sum = Math.exp(z[0]) + Math.exp(z[1]);
        double correctedFirst = Math.exp(z[1]) / sum * 0.0 - Math.exp(z[1]) * Math.exp(z[0]) / (sum * sum);
        double documentFirst = Math.exp(z[1]) / sum * 0.0 - Math.exp(z[1]) / sum * Math.exp(z[0]);
        String correctedFirstForm = "e^{z_j} / sum_k e^{z_k} dz_j/dz_i - e^{z_j} e^{z_i} / (sum_k e^{z_k})^2";
        list.addCorrected("softmax-derivative-line1/" + s.name(), BP, "dy_hat2/dz1" + at + " (engine)",
                correctedFirstForm, correctedFirst, zLeaves[0].grad(), Tolerances.ROUNDING,
                Correction.evaluated("dl-optimization-4", "e^{z_j} / sum_k e^{z_k} dz_j/dz_i - e^{z_j} / "
                        + "sum_k e^{z_k} e^{z_i}", correctedFirstForm, documentFirst, "as printed, j = 2, i = 1"));
    }

    private static void gradientDescentStep(ExampleList list) {
        // full-batch GD on the three settings' samples with the parameters of setting A, eta = 0.1
        double eta = 0.1;
        double[] theta0 = SETTINGS.get(0).theta();
        Value[] theta = variables(theta0);
        List<Value> losses = new ArrayList<>();
        double closedSum = 0.0;
        double lossSum = 0.0;
        for (Setting s : SETTINGS) {
            Forward f = forward(theta, s.x(), s.y(), false);
            losses.add(f.loss());
            closedSum += f.h()[1].data() * (f.yHat()[1].data() - s.y()[1]);
            lossSum += f.loss().data();
        }
        int n = SETTINGS.size();
        Value meanLoss = Value.sum(losses).div(n);
        meanLoss.backward();
        double updated = theta0[7] - eta * theta[7].grad();
        double expected = theta0[7] - eta / n * closedSum;
        String form = "theta_{t+1} = theta_t - (eta/N) sum_n grad l(y_n, f(x_n; theta_t))";
        list.addCorrected("gd-step/w8", SGD, "w8 after one full-batch GD step, N = 3, eta = 0.1 (engine gradient of L)",
                "w8 - (eta/N) sum_n h2_n (y_hat2_n - y2_n)", expected, updated, Tolerances.ROUNDING,
                Correction.evaluated("dl-optimization-5", "theta_{t+1} = (eta/N) sum_n l(y_n, f(x_n; theta))",
                        form, eta / n * lossSum, "the printed right-hand side evaluated: a scaled mean loss"));
    }
}
