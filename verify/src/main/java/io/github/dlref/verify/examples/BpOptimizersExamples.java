package io.github.dlref.verify.examples;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.autograd.numeric.GradientEstimate;
import io.github.dlref.autograd.numeric.NumericGradient;
import io.github.dlref.autograd.scalar.ScalarGradMode;
import io.github.dlref.autograd.scalar.Value;
import io.github.dlref.math.Matrix;
import io.github.dlref.optim.Adam;
import io.github.dlref.optim.ExponentiallyWeightedAverage;
import io.github.dlref.optim.Optimizer;
import io.github.dlref.optim.RMSProp;
import io.github.dlref.optim.schedule.InverseTimeDecay;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The scalar worked examples of bp-optimizers ("backpropagation and optimization algorithms"),
 * reproduced with the scalar engine, scalar by scalar.
 *
 * <ul>
 *   <li>The sigmoid neuron's derivative {@code dy/dz = y (1 - y)}, against the engine's gradient of the
 *       composition {@code 1 / (1 + e^-z)} built from {@code exp}, {@code +} and {@code pow}.</li>
 *   <li>The 3-layer network of the first section (inputs M = 2, sigmoid hidden layer I = 3, linear output
 *       layer J = 2 as the document describes it, so {@code sigma' = 1} there; no biases; error
 *       {@code e = 0.5 sum_j e_j^2}, {@code e_j = t_j - v_j}): the delta rules
 *       {@code de/dw_ij = delta_j v_i} and {@code de/dw_mi = delta_i v_m} with
 *       {@code delta_i = sum_j delta_j w_ij sigma'(u_i)}, for every weight; the forward-difference
 *       gradient and its {@code n + 1} evaluations.</li>
 *   <li>BP1 to BP4 on a network with biases and sigmoid units in both layers (weights {@code w^l_jk}
 *       from neuron k of layer l - 1 to neuron j of layer l, as in BP4), with the corrected indices of
 *       BP2's scalar form and BP4's matrix form.</li>
 *   <li>The output layer of the vectorized section for a sigmoid unit with binary cross-entropy, one
 *       sample at a time: {@code dZ = A - Y} and {@code dA = -(Y/A - (1 - Y)/(1 - A))}, with the
 *       corrected sign of the loss and of {@code dA}.</li>
 *   <li>Scalar instances of the optimizer formulas, computed by the optim module: the bias-corrected
 *       exponentially weighted average ({@link ExponentiallyWeightedAverage}), the RMSprop step without
 *       epsilon ({@link RMSProp}, driving a {@link Parameter}), Adam's second moment for {@code db}
 *       ({@link Adam}'s {@code exp_avg_sq} buffer), and learning-rate decay ({@link InverseTimeDecay}).</li>
 * </ul>
 */
public final class BpOptimizersExamples implements ExampleSource {

    private static final String NEURON = "Knowledge preparation: sigmoid neuron";
    private static final String LAYER_J = "The n-th case, layer J";
    private static final String LAYER_I = "The n-th case, layer I";
    private static final String EXTENSION = "Gradient form: extension (numeric gradient)";
    private static final String BP = "Gradient form: BP1-BP4";
    private static final String VECTOR = "Vectorized: forward and back propagation";
    private static final String EWA = "Exponentially weighted averages";
    private static final String RMSPROP = "RMSprop";
    private static final String ADAM = "Adam optimization algorithm";
    private static final String DECAY = "Learning rate decay";

    /** Creates the provider. */
    public BpOptimizersExamples() {
    }

    /**
     * The provider's name.
     *
     * @return {@code bp-optimizers (scalar engine)}
     */
    @Override
    public String name() {
        return "bp-optimizers (scalar engine)";
    }

    /**
     * Computes the examples.
     *
     * @return the examples in document order
     */
    @Override
    public List<WorkedExample> examples() {
        ExampleList list = new ExampleList("bp-optimizers");
        sigmoidDerivative(list);
        threeLayer(list);
        bp1to4(list);
        binaryCrossEntropy(list);
        optimizers(list);
        return list.toList();
    }

    private static void sigmoidDerivative(ExampleList list) {
        for (double z0 : new double[] {-2.0, 0.5, 3.0}) {
            Value z = Value.variable(z0, "z");
            Value y = Value.constant(1.0).div(z.neg().exp().plus(1.0));
            y.backward();
            double yv = y.data();
            list.add("sigmoid-derivative/z=" + z0, NEURON,
                    "dy/dz of y = 1/(1 + e^-z) at z = " + z0 + " (engine, composed from exp, + and pow)",
                    "y (1 - y)", yv * (1 - yv), z.grad(), Tolerances.ROUNDING);
        }
    }

    // ------------------------------------------------------------------ the 3-layer network

    private static final double[] X = {0.5, -1.0};
    private static final double[] T = {1.0, 0.0};
    /** w_mi, input m to hidden i. */
    private static final double[][] W_MI = {{0.1, -0.2, 0.4}, {0.3, 0.5, -0.6}};
    /** w_ij, hidden i to output j. */
    private static final double[][] W_IJ = {{0.7, -0.3}, {-0.5, 0.2}, {0.6, 0.8}};

    /** Error of the 3-layer network as a function of all 12 weights, [w_mi row-major, w_ij row-major]. */
    private static Value threeLayerError(Value[] weights) {
        Value[] hidden = new Value[3];
        for (int i = 0; i < 3; i++) {
            hidden[i] = weights[i].times(X[0]).plus(weights[3 + i].times(X[1])).sigmoid();
        }
        List<Value> squares = new ArrayList<>();
        for (int j = 0; j < 2; j++) {
            List<Value> terms = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                terms.add(weights[6 + 2 * i + j].times(hidden[i]));
            }
            Value output = Value.sum(terms); // linear output layer
            Value e = output.neg().plus(T[j]);
            squares.add(e.pow(2.0));
        }
        return Value.sum(squares).times(0.5);
    }

    private static double[] threeLayerWeights() {
        double[] w = new double[12];
        for (int m = 0; m < 2; m++) {
            System.arraycopy(W_MI[m], 0, w, 3 * m, 3);
        }
        for (int i = 0; i < 3; i++) {
            System.arraycopy(W_IJ[i], 0, w, 6 + 2 * i, 2);
        }
        return w;
    }

    private static void threeLayer(ExampleList list) {
        double[] flat = threeLayerWeights();
        Value[] weights = new Value[flat.length];
        for (int k = 0; k < flat.length; k++) {
            weights[k] = Value.variable(flat[k]);
        }
        threeLayerError(weights).backward();

        // the delta rules, by hand
        double[] vI = new double[3];
        double[] sigmaPrime = new double[3];
        for (int i = 0; i < 3; i++) {
            double u = W_MI[0][i] * X[0] + W_MI[1][i] * X[1];
            vI[i] = 1 / (1 + Math.exp(-u));
            sigmaPrime[i] = vI[i] * (1 - vI[i]);
        }
        double[] deltaJ = new double[2];
        for (int j = 0; j < 2; j++) {
            double vJ = 0;
            for (int i = 0; i < 3; i++) {
                vJ += W_IJ[i][j] * vI[i];
            }
            double ej = T[j] - vJ;
            deltaJ[j] = ej * -1.0 * 1.0; // de/de_j * de_j/dv_j * dv_j/du_j (linear output: sigma' = 1)
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                list.add("three-layer/de-dw_i" + (i + 1) + "j" + (j + 1), LAYER_J,
                        "de/dw_ij, i = " + (i + 1) + ", j = " + (j + 1) + " (engine)", "delta_j^J v_i^I",
                        deltaJ[j] * vI[i], weights[6 + 2 * i + j].grad(), Tolerances.ROUNDING);
            }
        }
        for (int m = 0; m < 2; m++) {
            for (int i = 0; i < 3; i++) {
                double deltaI = (deltaJ[0] * W_IJ[i][0] + deltaJ[1] * W_IJ[i][1]) * sigmaPrime[i];
                list.add("three-layer/de-dw_m" + (m + 1) + "i" + (i + 1), LAYER_I,
                        "de/dw_mi, m = " + (m + 1) + ", i = " + (i + 1) + " (engine)",
                        "delta_i^I v_m^M, delta_i^I = sum_j delta_j^J w_ij sigma'(u_i)", deltaI * X[m],
                        weights[3 * m + i].grad(), Tolerances.ROUNDING);
            }
        }

        GradientEstimate forward = NumericGradient.forward(w -> {
            try (ScalarGradMode.Scope scope = ScalarGradMode.noGrad()) {
                Value[] c = new Value[w.length];
                for (int k = 0; k < w.length; k++) {
                    c[k] = Value.constant(w[k]);
                }
                return threeLayerError(c).data();
            }
        }, flat);
        list.add("three-layer/forward-difference-evaluations", EXTENSION,
                "evaluations of C for the forward-difference gradient over n = 12 weights", "n + 1 = 13", 13,
                forward.evaluations(), Tolerances.EXACT);
        double maxDifference = 0.0;
        for (int k = 0; k < flat.length; k++) {
            maxDifference = Math.max(maxDifference, Math.abs(forward.partial(k) - weights[k].grad()));
        }
        list.add("three-layer/forward-difference-error", EXTENSION,
                "max over the 12 weights of |forward difference (eps = 1e-5) - engine|",
                "0 up to the O(eps) truncation error", 0.0, maxDifference, Tolerances.FORWARD_DIFFERENCE);
    }

    // ------------------------------------------------------------------ BP1-BP4

    /** w^2_jk: input k to hidden j. */
    private static final double[][] W2 = {{0.1, 0.3}, {-0.2, 0.5}, {0.4, -0.6}};
    private static final double[] B2 = {0.05, -0.1, 0.2};
    /** w^3_jk: hidden k to output j. */
    private static final double[][] W3 = {{0.7, -0.5, 0.6}, {-0.3, 0.2, 0.8}};
    private static final double[] B3 = {0.1, -0.2};

    private static double sigmoid(double u) {
        return 1 / (1 + Math.exp(-u));
    }

    private static void bp1to4(ExampleList list) {
        Value[][] w2 = variables(W2, "w2_");
        Value[][] w3 = variables(W3, "w3_");
        Value[] b2 = variables(B2, "b2_");
        Value[] b3 = variables(B3, "b3_");
        Value[] u2 = new Value[3];
        Value[] v2 = new Value[3];
        for (int j = 0; j < 3; j++) {
            u2[j] = w2[j][0].times(X[0]).plus(w2[j][1].times(X[1])).plus(b2[j]);
            v2[j] = u2[j].sigmoid();
        }
        Value[] u3 = new Value[2];
        List<Value> squares = new ArrayList<>();
        for (int j = 0; j < 2; j++) {
            u3[j] = w3[j][0].times(v2[0]).plus(w3[j][1].times(v2[1])).plus(w3[j][2].times(v2[2])).plus(b3[j]);
            squares.add(u3[j].sigmoid().neg().plus(T[j]).pow(2.0));
        }
        Value cost = Value.sum(squares).times(0.5);
        cost.backward();

        // by hand
        double[] hu2 = new double[3];
        double[] hv2 = new double[3];
        for (int j = 0; j < 3; j++) {
            hu2[j] = W2[j][0] * X[0] + W2[j][1] * X[1] + B2[j];
            hv2[j] = sigmoid(hu2[j]);
        }
        double[] delta3 = new double[2];
        for (int j = 0; j < 2; j++) {
            double u = W3[j][0] * hv2[0] + W3[j][1] * hv2[1] + W3[j][2] * hv2[2] + B3[j];
            double v = sigmoid(u);
            delta3[j] = (v - T[j]) * v * (1 - v); // BP1: dC/dv_j sigma'(u_j)
            list.add("bp1/delta3_" + (j + 1), BP, "delta^L_" + (j + 1) + " = dC/du^L_" + (j + 1) + " (engine)",
                    "dC/dv_j sigma'(u^L_j)", delta3[j], u3[j].grad(), Tolerances.ROUNDING);
        }
        double[] delta2 = new double[3];
        String bp2 = "sum_k delta^{l+1}_k w^{l+1}_kj sigma'(u^l_j)";
        for (int j = 0; j < 3; j++) {
            double sigmaPrime = hv2[j] * (1 - hv2[j]);
            double document = 0.0;
            for (int k = 0; k < 2; k++) {
                delta2[j] += delta3[k] * W3[k][j] * sigmaPrime;
                document += delta3[k] * W2[j][k] * sigmaPrime;
            }
            list.addCorrected("bp2/delta2_" + (j + 1), BP, "delta^l_" + (j + 1) + " = dC/du^l_" + (j + 1)
                    + ", hidden layer (engine)", bp2, delta2[j], u2[j].grad(), Tolerances.ROUNDING,
                    Correction.evaluated("bp-optimizers-1", "sum_k dC/du^{l+1}_j du^{l+1}_k/dv^l_j dv^l_j/du^l_j "
                            + "= sum_k delta^{l+1}_k w^l_jk sigma'(u^l_j)", bp2, document,
                            "w^l_jk taken literally: the hidden layer's own weight from input k to neuron j"));
        }
        for (int j = 0; j < 3; j++) {
            list.add("bp3/b2_" + (j + 1), BP, "dC/db^l_" + (j + 1) + ", hidden layer (engine)", "delta^l_j",
                    delta2[j], b2[j].grad(), Tolerances.ROUNDING);
        }
        for (int j = 0; j < 2; j++) {
            list.add("bp3/b3_" + (j + 1), BP, "dC/db^L_" + (j + 1) + ", output layer (engine)", "delta^L_j",
                    delta3[j], b3[j].grad(), Tolerances.ROUNDING);
        }
        for (int j = 0; j < 3; j++) {
            for (int k = 0; k < 2; k++) {
                list.add("bp4/w2_" + (j + 1) + (k + 1), BP, "dC/dw^l_" + (j + 1) + (k + 1) + ", hidden layer (engine)",
                        "v^{l-1}_k delta^l_j", X[k] * delta2[j], w2[j][k].grad(), Tolerances.ROUNDING);
            }
        }
        for (int j = 0; j < 2; j++) {
            for (int k = 0; k < 3; k++) {
                list.add("bp4/w3_" + (j + 1) + (k + 1), BP, "dC/dw^L_" + (j + 1) + (k + 1) + ", output layer (engine)",
                        "v^{L-1}_k delta^L_j", hv2[k] * delta3[j], w3[j][k].grad(), Tolerances.ROUNDING);
            }
        }
        String matrixForm = "dC/dW^l = delta^l (v^{l-1})^T (n_l x n_{l-1}, the shape of W^l)";
        list.addCorrected("bp4/matrix-form-entry-12", BP, "dC/dw^l_12, hidden layer: entry (1, 2) of the matrix form",
                "(delta^l (v^{l-1})^T)_12 = delta^l_1 v^{l-1}_2", delta2[0] * X[1], w2[0][1].grad(),
                Tolerances.ROUNDING,
                Correction.evaluated("bp-optimizers-2", "dC/dw = v^{l-1} delta^l", matrixForm, X[0] * delta2[1],
                        "the product of the two column vectors read as the outer product v^{l-1} (delta^l)^T, "
                                + "whose shape 2 x 3 is the transpose of W^l's 3 x 2; its entry (1, 2) is "
                                + "v_1 delta_2"));
    }

    private static Value[][] variables(double[][] values, String prefix) {
        Value[][] v = new Value[values.length][];
        for (int j = 0; j < values.length; j++) {
            v[j] = new Value[values[j].length];
            for (int k = 0; k < values[j].length; k++) {
                v[j][k] = Value.variable(values[j][k], prefix + (j + 1) + (k + 1));
            }
        }
        return v;
    }

    private static Value[] variables(double[] values, String prefix) {
        Value[] v = new Value[values.length];
        for (int j = 0; j < values.length; j++) {
            v[j] = Value.variable(values[j], prefix + (j + 1));
        }
        return v;
    }

    // ------------------------------------------------------------------ binary cross-entropy

    private static final double[] LOGITS = {0.4, -1.3};
    private static final double[] LABELS = {1.0, 0.0};

    /** The per-example loss of a prediction {@code a}: corrected {@code -(Y log A + (1-Y) log(1-A))}. */
    private static Value crossEntropy(Value a, double y, boolean documentSign) {
        Value logLikelihood = a.log().times(y).plus(a.neg().plus(1.0).log().times(1.0 - y));
        return documentSign ? logLikelihood : logLikelihood.neg();
    }

    private static void binaryCrossEntropy(ExampleList list) {
        String correctedLoss = "L = -(Y log(Y_hat) + (1 - Y) log(1 - Y_hat)), so that dZ = dL/dZ = A - Y";
        String correctedDa = "dA = -(Y/A - (1 - Y)/(1 - A)), elementwise";
        double documentDa = 0.0;
        for (int s = 0; s < LOGITS.length; s++) {
            double a = sigmoid(LOGITS[s]);
            documentDa += LABELS[s] / a + (1 - LABELS[s]) / (1 - a);
        }
        documentDa = -documentDa;
        for (int s = 0; s < LOGITS.length; s++) {
            final int sample = s;
            String at = " for Z = " + LOGITS[s] + ", Y = " + LABELS[s];
            Function<Boolean, Double> dz = documentSign -> {
                Value z = Value.variable(LOGITS[sample], "Z");
                crossEntropy(z.sigmoid(), LABELS[sample], documentSign).backward();
                return z.grad();
            };
            double a = sigmoid(LOGITS[s]);
            list.addCorrected("bce/dZ-sample" + (s + 1), VECTOR, "dZ^[L] = dL/dZ" + at + " (engine)", "A - Y",
                    a - LABELS[s], dz.apply(false), Tolerances.ROUNDING,
                    Correction.evaluated("bp-optimizers-3", "L(Y_hat, Y) = (Y log(Y_hat) + (1 - Y) log(1 - Y_hat)",
                            correctedLoss, dz.apply(true), "the engine's dL/dZ of the printed L, which is Y - A"));
            Value aLeaf = Value.variable(a, "A");
            crossEntropy(aLeaf, LABELS[s], false).backward();
            double expected = -(LABELS[s] / a - (1 - LABELS[s]) / (1 - a));
            list.addCorrected("bce/dA-sample" + (s + 1), VECTOR, "dA^[L] = dL/dA" + at + " (engine)", correctedDa,
                    expected, aLeaf.grad(), Tolerances.ROUNDING,
                    Correction.evaluated("bp-optimizers-4", "dA^[L] = -np.sum(Y/A + (1 - Y)/(1 - A))", correctedDa,
                            documentDa, "the printed sum over the m = 2 samples of this example"));
        }
    }

    // ------------------------------------------------------------------ optimizer formulas, scalar

    private static void optimizers(ExampleList list) {
        // bias-corrected exponentially weighted average of a constant sequence theta_t = 5, beta = 0.9
        double beta = 0.9;
        ExponentiallyWeightedAverage average = new ExponentiallyWeightedAverage(beta);
        for (int t = 1; t <= 3; t++) {
            average.update(5.0);
        }
        list.add("ewa/v3", EWA, "v_3 of the constant sequence theta_t = 5, beta = 0.9, v_0 = 0",
                "5 (1 - 0.9^3) = 1.355 (biased towards v_0 = 0)", 1.355, average.value(), Tolerances.ROUNDING);
        list.add("ewa/v3-corrected", EWA, "v_3 / (1 - beta^3) for the same sequence", "5 (the bias is removed)",
                5.0, average.biasCorrected(), Tolerances.ROUNDING);

        // RMSprop's first step from a zero gradient (a parameter at a minimum, or a dead ReLU unit)
        double w0 = 0.5;
        double alpha = 0.01;
        double dw = 0.0;
        RMSProp.Hyperparameters rmsprop = RMSProp.Hyperparameters.bpOptimizers(alpha, beta);
        double corrected = oneStep(w0, dw, p -> new RMSProp(List.of(p), rmsprop));
        double document = rmspropAsPrinted(w0, dw, rmsprop.withEpsilon(0.0));
        String correctedRms = "w := w - alpha dw / (sqrt(S_dw) + epsilon), epsilon = 1e-8 (as in the document's Adam)";
        list.addCorrected("rmsprop/zero-gradient-step", RMSPROP,
                "w after one RMSprop step from w = 0.5 with dw = 0, alpha = 0.01, beta = 0.9",
                "0.5 (a zero gradient must not move w)", w0, corrected, Tolerances.EXACT,
                Correction.evaluated("bp-optimizers-5", "w := w - alpha dw / sqrt(S_dw)", correctedRms, document,
                        "0 / sqrt(0) = NaN"));

        // Adam's second moment for db (the short form omits the square)
        double db = 0.5;
        Adam.Hyperparameters adam = Adam.Hyperparameters.bpOptimizers(alpha);
        Parameter b = new Parameter("b", Matrix.scalar(0.0));
        b.accumulateGrad(Matrix.scalar(db));
        Adam adamOptimizer = new Adam(List.of(b), adam);
        adamOptimizer.step();
        double sdb = adamOptimizer.state(b).buffer("exp_avg_sq").get(0, 0);
        // the printed S_db is an exponentially weighted average of db itself, with beta2 as weight of the past
        double printedSdb = new ExponentiallyWeightedAverage(adam.beta2()).update(db);
        String correctedSdb = "S_db = beta2 S_db + (1 - beta2) db (.) db";
        list.addCorrected("adam/second-moment-db", ADAM,
                "S_db after one step from S_db = 0 with db = 0.5, beta2 = 0.999 (the complete form's square)",
                "(1 - 0.999) 0.25 = 2.5e-4", 2.5e-4, sdb, Tolerances.ROUNDING,
                Correction.evaluated("bp-optimizers-6", "S_db = beta2 S_db + (1 - beta2) db", correctedSdb,
                        printedSdb, "as printed in the short list under Adam"));

        // learning-rate decay with alpha_0 = 0.2, decay rate 1
        double alpha0 = 0.2;
        double decayRate = 1.0;
        InverseTimeDecay decay = InverseTimeDecay.bpOptimizers(alpha0, decayRate);
        String correctedDecay = "alpha = alpha_0 / (1 + decayRate * epochNum)";
        double[] expectedDecay = {0.2, 0.1};
        String[] statedDecay = {"alpha_0 = 0.2 (no decay before the first epoch)", "alpha_0 / 2 = 0.1"};
        for (int epoch = 0; epoch <= 1; epoch++) {
            // the printed form is the erratum, which the optim module deliberately does not offer: evaluated as written
            list.addCorrected("lr-decay/epoch-" + epoch, DECAY,
                    "alpha at epochNum = " + epoch + " with alpha_0 = 0.2, decayRate = 1", statedDecay[epoch],
                    expectedDecay[epoch], decay.learningRate(epoch), Tolerances.ROUNDING,
                    Correction.evaluated("bp-optimizers-7", "alpha = alpha_0 / (decayRate * epochNum)",
                            correctedDecay, alpha0 / (decayRate * epoch),
                            epoch == 0 ? "division by zero at epoch 0" : "as printed"));
        }
    }

    /**
     * The value of a 1 x 1 parameter {@code w0} after one step of an optimizer with gradient {@code g}.
     */
    private static double oneStep(double w0, double g, Function<Parameter, Optimizer> optimizer) {
        Parameter w = new Parameter("w", Matrix.scalar(w0));
        w.accumulateGrad(Matrix.scalar(g));
        optimizer.apply(w).step();
        return w.value().get(0, 0);
    }

    /**
     * One step of the document's epsilon-free RMSprop ({@code epsilon = 0}). The optim module refuses a zero
     * denominator {@code sqrt(S_dw)} rather than writing NaN; with {@code dw = 0} the printed step is then
     * {@code 0 / sqrt(0) = 0 / 0}, NaN.
     */
    private static double rmspropAsPrinted(double w0, double dw, RMSProp.Hyperparameters epsilonFree) {
        try {
            return oneStep(w0, dw, p -> new RMSProp(List.of(p), epsilonFree));
        } catch (ArithmeticException zeroDenominator) {
            if (dw != 0.0) {
                throw zeroDenominator;
            }
            return Double.NaN;
        }
    }
}
