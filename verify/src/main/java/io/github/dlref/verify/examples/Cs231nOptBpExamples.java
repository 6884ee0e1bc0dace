package io.github.dlref.verify.examples;

import io.github.dlref.autograd.numeric.GradientEstimate;
import io.github.dlref.autograd.numeric.NumericGradient;
import io.github.dlref.autograd.numeric.ScalarFunction;
import io.github.dlref.autograd.scalar.ScalarGradMode;
import io.github.dlref.autograd.scalar.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The scalar worked examples of cs231n-opt-bp ("CS231n: optimization and backpropagation"), reproduced
 * with the scalar engine ({@link Value}) and numeric differences ({@link NumericGradient}).
 *
 * <ul>
 *   <li>Following the gradient of {@code y = 3x^2 + 6x} from {@code x = 2}: gradient 18; one step with
 *       learning rates 0.1, 0.01 and 1 gives 0.2, 1.82 and -16; the loss falls for the first two and rises
 *       for 1; repeated steps with 0.1 converge to the minimum {@code x = -1}.</li>
 *   <li>Forward and central differences with {@code h = 1e-5} on the same function.</li>
 *   <li>The analytic gradients of the multiclass SVM loss and the softmax loss for one sample, with the
 *       corrected summation index of the softmax gradient for the correct class {@code W_r}.</li>
 *   <li>Computational graphs: {@code f = (x + y) z}; the sigmoid neuron with the CS231n course values
 *       {@code w = [2, -3, -3]}, {@code x = [-1, -2]} (the document's figures are not available; the
 *       course notes publish the values rounded to 2 decimals); the max gate, with its tie convention;
 *       {@code f = (x + y) / (2x + 3y)} with gradient accumulation.</li>
 * </ul>
 */
public final class Cs231nOptBpExamples implements ExampleSource {

    private static final String FOLLOW = "1 Optimization: following the gradient";
    private static final String NUMERIC = "1 Optimization: numerical gradient";
    private static final String ANALYTIC = "1 Optimization: analytic gradient";
    private static final String CHAIN = "2 Backpropagation: chain rule";
    private static final String SIGMOID = "2 Backpropagation: sigmoid neuron";
    private static final String MAX = "2 Backpropagation: max gate";
    private static final String ACCUMULATE = "2 Backpropagation: gradient accumulation";

    /** Creates the provider. */
    public Cs231nOptBpExamples() {
    }

    /**
     * The provider's name.
     *
     * @return {@code cs231n-opt-bp (scalar engine)}
     */
    @Override
    public String name() {
        return "cs231n-opt-bp (scalar engine)";
    }

    /**
     * Computes the examples.
     *
     * @return the examples in document order
     */
    @Override
    public List<WorkedExample> examples() {
        ExampleList list = new ExampleList("cs231n-opt-bp");
        quadratic(list);
        numeric(list);
        svm(list);
        softmax(list);
        product(list);
        sigmoidNeuron(list);
        maxGate(list);
        accumulation(list);
        return list.toList();
    }

    // ------------------------------------------------------------------ y = 3x^2 + 6x

    private static Value quadratic(Value x) {
        return x.pow(2.0).times(3.0).plus(x.times(6.0));
    }

    private static double quadraticValue(double x) {
        try (ScalarGradMode.Scope scope = ScalarGradMode.noGrad()) {
            return quadratic(Value.constant(x)).data();
        }
    }

    private static double quadraticGradient(double x0) {
        Value x = Value.variable(x0, "x");
        quadratic(x).backward();
        return x.grad();
    }

    private static void quadratic(ExampleList list) {
        double gradient = quadraticGradient(2.0);
        list.add("quadratic/gradient-at-2", FOLLOW, "dy/dx of y = 3x^2 + 6x at x = 2 (engine)", "18", 18.0,
                gradient, Tolerances.EXACT);
        double[] rates = {0.1, 0.01, 1.0};
        double[] statedX = {0.2, 1.82, -16.0};
        String[] statedText = {"0.2", "1.82", "-16"};
        // y at the new x, worked by hand: 3 * 0.04 + 1.2, 3 * 3.3124 + 10.92, 3 * 256 - 96; y(2) = 24
        double[] yAfter = {1.32, 20.8572, 672.0};
        String[] yStated = {"1.32 (falls below y(2) = 24)", "20.8572 (falls below 24, more slowly)",
            "672 (rises above 24)"};
        String[] names = {"0.1", "0.01", "1"};
        Comparison decimalStep = new Comparison.Ulps(2,
                "the learning rate and the stated result are decimal fractions that binary doubles round");
        for (int k = 0; k < rates.length; k++) {
            double x1 = 2.0 - rates[k] * gradient;
            list.add("quadratic/step-lr-" + names[k], FOLLOW,
                    "x after one step x - lr * dy/dx from x = 2, lr = " + names[k], statedText[k], statedX[k], x1,
                    k == 2 ? Tolerances.EXACT : decimalStep);
            list.add("quadratic/loss-after-lr-" + names[k], FOLLOW,
                    "y after one step with lr = " + names[k], yStated[k], yAfter[k], quadraticValue(x1),
                    Tolerances.ROUNDING);
        }
        double x = 2.0;
        for (int step = 0; step < 100; step++) {
            x = x - 0.1 * quadraticGradient(x);
        }
        list.add("quadratic/converges-to-minimum", FOLLOW,
                "x after 100 steps with lr = 0.1 from x = 2 (minimum of y)", "-1", -1.0, x,
                new Comparison.Tolerance(1e-12, 0.0,
                        "x_k + 1 = 3 * 0.4^k exactly, below 1e-39 after 100 steps; rounding leaves a few ulps"));
    }

    private static void numeric(ExampleList list) {
        ScalarFunction y = p -> quadraticValue(p[0]);
        double h = NumericGradient.DEFAULT_STEP;
        GradientEstimate forward = NumericGradient.forward(y, new double[] {2.0}, h);
        GradientEstimate central = NumericGradient.central(y, new double[] {2.0}, h);
        Comparison rounding = new Comparison.Tolerance(1e-8, 0.0,
                "only rounding remains: eps * |y| / h = 2.2e-16 * 24 / 1e-5 = 5e-10");
        list.add("numeric/forward-difference", NUMERIC,
                "(y(2 + h) - y(2)) / h for y = 3x^2 + 6x, h = 1e-5",
                "18 + 3h (the O(h) error of a forward difference on a quadratic is exactly 3h)", 18.0 + 3 * h,
                forward.partial(0), rounding);
        list.add("numeric/central-difference", NUMERIC,
                "(y(2 + h) - y(2 - h)) / 2h for y = 3x^2 + 6x, h = 1e-5",
                "18 (the symmetric difference is exact on a quadratic)", 18.0, central.partial(0), rounding);
    }

    // ------------------------------------------------------------------ SVM and softmax, one sample

    /** The sample {@code X_i}, 2 features. */
    private static final double[] SAMPLE = {1.0, -2.0};
    /** Class weight rows {@code W_1, W_2, W_3}. */
    private static final double[][] WEIGHTS = {{0.2, 0.1}, {0.5, -0.3}, {-0.4, -0.6}};
    /** The correct class r (0-based index 1, the document's {@code W_r} is {@code W_2}). */
    private static final int CORRECT = 1;
    /** The SVM margin t. */
    private static final double MARGIN = 1.0;

    private static Value[][] weightVariables() {
        Value[][] w = new Value[WEIGHTS.length][];
        for (int j = 0; j < WEIGHTS.length; j++) {
            w[j] = new Value[WEIGHTS[j].length];
            for (int d = 0; d < WEIGHTS[j].length; d++) {
                w[j][d] = Value.variable(WEIGHTS[j][d], "W" + (j + 1) + "," + (d + 1));
            }
        }
        return w;
    }

    private static Value score(Value[] row) {
        List<Value> terms = new ArrayList<>();
        for (int d = 0; d < row.length; d++) {
            terms.add(row[d].times(SAMPLE[d]));
        }
        return Value.sum(terms);
    }

    private static double scoreValue(double[] row) {
        double s = 0.0;
        for (int d = 0; d < row.length; d++) {
            s += row[d] * SAMPLE[d];
        }
        return s;
    }

    private static void svm(ExampleList list) {
        Value[][] w = weightVariables();
        Value correctScore = score(w[CORRECT]);
        List<Value> hinges = new ArrayList<>();
        for (int j = 0; j < w.length; j++) {
            if (j != CORRECT) {
                hinges.add(score(w[j]).minus(correctScore).plus(MARGIN).relu());
            }
        }
        Value loss = Value.sum(hinges);
        loss.backward();
        double sr = scoreValue(WEIGHTS[CORRECT]);
        int active = 0;
        for (int j = 0; j < WEIGHTS.length; j++) {
            if (j != CORRECT && scoreValue(WEIGHTS[j]) - sr + MARGIN > 0) {
                active++;
            }
        }
        for (int j = 0; j < WEIGHTS.length; j++) {
            boolean indicator = scoreValue(WEIGHTS[j]) - sr + MARGIN > 0;
            for (int d = 0; d < SAMPLE.length; d++) {
                double expected;
                String stated;
                if (j == CORRECT) {
                    expected = -SAMPLE[d] * active;
                    stated = "-X_i sum_{j != r} [W_j X_i - W_r X_i + t > 0]";
                } else {
                    expected = indicator ? SAMPLE[d] : 0.0;
                    stated = "X_i [W_j X_i - W_r X_i + t > 0]";
                }
                list.add("svm/dL-dW" + (j + 1) + "-" + (d + 1), ANALYTIC,
                        "dL_i/dW_" + (j + 1) + "[" + (d + 1) + "], multiclass SVM, r = " + (CORRECT + 1) + ", t = 1"
                                + " (engine)", stated, expected, w[j][d].grad(), Tolerances.EXACT);
            }
        }
    }

    private static void softmax(ExampleList list) {
        Value[][] w = weightVariables();
        List<Value> exps = new ArrayList<>();
        for (Value[] row : w) {
            exps.add(score(row).exp());
        }
        Value normalizer = Value.sum(exps);
        Value loss = exps.get(CORRECT).div(normalizer).log().neg();
        loss.backward();
        double[] e = new double[WEIGHTS.length];
        double sum = 0.0;
        for (int j = 0; j < WEIGHTS.length; j++) {
            e[j] = Math.exp(scoreValue(WEIGHTS[j]));
            sum += e[j];
        }
        for (int j = 0; j < WEIGHTS.length; j++) {
            for (int d = 0; d < SAMPLE.length; d++) {
                String id = "softmax/dL-dW" + (j + 1) + "-" + (d + 1);
                String quantity = "dL_i/dW_" + (j + 1) + "[" + (d + 1) + "], softmax loss, r = " + (CORRECT + 1)
                        + " (engine)";
                if (j != CORRECT) {
                    list.add(id, ANALYTIC, quantity, "e^{W_j X_i} / sum_t e^{W_t X_i} X_i",
                            e[j] / sum * SAMPLE[d], w[j][d].grad(), Tolerances.ROUNDING);
                } else {
                    String corrected = "(e^{W_r X_i} / sum_t e^{W_t X_i} - 1) X_i";
                    list.addCorrected(id, ANALYTIC, quantity, corrected, (e[j] / sum - 1.0) * SAMPLE[d],
                            w[j][d].grad(), Tolerances.ROUNDING,
                            Correction.notEvaluable("cs231n-opt-bp-1",
                                    "e^{W_r X_i} / sum_{i}^{k} e^{W_j X_i} X_i - X_i", corrected,
                                    "the denominator sums over i, which already names the sample, and leaves j "
                                            + "unbound; the softmax normalizer sums over the classes"));
                }
            }
        }
    }

    // ------------------------------------------------------------------ computational graphs

    private static void product(ExampleList list) {
        // CS231n course values: x = -2, y = 5, z = -4
        Value x = Value.variable(-2.0, "x");
        Value y = Value.variable(5.0, "y");
        Value z = Value.variable(-4.0, "z");
        Value f = x.plus(y).times(z);
        f.backward();
        list.add("product/f", CHAIN, "f = (x + y) z at x = -2, y = 5, z = -4 (course values)", "-12", -12.0,
                f.data(), Tolerances.EXACT);
        list.add("product/df-dx", CHAIN, "df/dx (engine)", "z = -4", -4.0, x.grad(), Tolerances.EXACT);
        list.add("product/df-dy", CHAIN, "df/dy (engine)", "z = -4", -4.0, y.grad(), Tolerances.EXACT);
        list.add("product/df-dz", CHAIN, "df/dz (engine)", "x + y = 3", 3.0, z.grad(), Tolerances.EXACT);
    }

    private static void sigmoidNeuron(ExampleList list) {
        double[] wv = {2.0, -3.0, -3.0};
        double[] xv = {-1.0, -2.0};
        Value[] w = {Value.variable(wv[0], "w0"), Value.variable(wv[1], "w1"), Value.variable(wv[2], "w2")};
        Value[] x = {Value.variable(xv[0], "x0"), Value.variable(xv[1], "x1")};
        Value dot = w[0].times(x[0]).plus(w[1].times(x[1])).plus(w[2]);
        Value f = dot.sigmoid();
        f.backward();
        // closed form, as in the course notes: dot = 1, f = 1 / (1 + e^-1), ddot = (1 - f) f
        double closedDot = wv[0] * xv[0] + wv[1] * xv[1] + wv[2];
        double closedF = 1.0 / (1 + Math.exp(-closedDot));
        double ddot = (1 - closedF) * closedF;
        double[] closed = {closedF, wv[0] * ddot, wv[1] * ddot, xv[0] * ddot, xv[1] * ddot, 1.0 * ddot};
        double[] course = {0.73, 0.39, -0.59, -0.20, -0.39, 0.20};
        String[] names = {"f", "df/dx0", "df/dx1", "df/dw0", "df/dw1", "df/dw2"};
        String[] ids = {"f", "df-dx0", "df-dx1", "df-dw0", "df-dw1", "df-dw2"};
        String[] formulas = {"1 / (1 + e^-(w0 x0 + w1 x1 + w2))", "w0 (1 - f) f", "w1 (1 - f) f",
            "x0 (1 - f) f", "x1 (1 - f) f", "(1 - f) f"};
        double[] computed = {f.data(), x[0].grad(), x[1].grad(), w[0].grad(), w[1].grad(), w[2].grad()};
        for (int k = 0; k < names.length; k++) {
            String quantity = names[k] + " of the sigmoid neuron, w = [2, -3, -3], x = [-1, -2] (engine)";
            list.add("sigmoid-neuron/" + ids[k] + "/closed-form", SIGMOID, quantity, formulas[k], closed[k],
                    computed[k], Tolerances.EXACT);
            list.add("sigmoid-neuron/" + ids[k] + "/course-value", SIGMOID, quantity,
                    String.format(java.util.Locale.ROOT, "%.2f (CS231n course notes)", course[k]), course[k],
                    computed[k], Tolerances.PUBLISHED_2_DECIMALS);
        }
    }

    private static void maxGate(ExampleList list) {
        // f = 2 (x y + max(z, w)) at x = 3, y = -4, z = 2, w = -1: by hand f = 2 (-12 + 2) = -20,
        // df/dx = 2y = -8, df/dy = 2x = 6, and the max gate routes its gradient 2 to z (z > w), 0 to w.
        Value x = Value.variable(3.0, "x");
        Value y = Value.variable(-4.0, "y");
        Value z = Value.variable(2.0, "z");
        Value w = Value.variable(-1.0, "w");
        Value f = x.times(y).plus(z.max(w)).times(2.0);
        f.backward();
        String quantity = " of f = 2 (x y + max(z, w)) at (3, -4, 2, -1) (engine)";
        list.add("max-gate/f", MAX, "f" + quantity, "-20 (by hand)", -20.0, f.data(), Tolerances.EXACT);
        list.add("max-gate/df-dx", MAX, "df/dx" + quantity, "2y = -8", -8.0, x.grad(), Tolerances.EXACT);
        list.add("max-gate/df-dy", MAX, "df/dy" + quantity, "2x = 6", 6.0, y.grad(), Tolerances.EXACT);
        list.add("max-gate/df-dz", MAX, "df/dz" + quantity, "2 [z > w] = 2 (routed to the larger input)", 2.0,
                z.grad(), Tolerances.EXACT);
        list.add("max-gate/df-dw", MAX, "df/dw" + quantity, "2 [w > z] = 0", 0.0, w.grad(), Tolerances.EXACT);

        // a tie: max(a, b) at a = b = 1.5
        Value a = Value.variable(1.5, "a");
        Value b = Value.variable(1.5, "b");
        a.max(b).backward();
        list.add("max-gate/tie-da", MAX, "d max(a, b)/da at a = b = 1.5 (engine)",
                "1/2 (dlref convention, as torch.maximum)", 0.5, a.grad(), Tolerances.EXACT);
        list.add("max-gate/tie-db", MAX, "d max(a, b)/db at a = b = 1.5 (engine)",
                "1/2 (dlref convention, as torch.maximum)", 0.5, b.grad(), Tolerances.EXACT);
        String corrected = "d/da + d/db = 1 at a tie (any subgradient (s, 1 - s), s in [0, 1]; dlref s = 1/2)";
        list.addCorrected("max-gate/tie-sum", MAX, "d max/da + d max/db at a = b = 1.5 (engine)", corrected, 1.0,
                a.grad() + b.grad(), Tolerances.EXACT,
                Correction.evaluated("cs231n-opt-bp-2", "df/dx = [x > y], df/dy = [y > x]", corrected, 0.0,
                        "both indicators are 0 at x = y"));
        ScalarFunction diagonal = p -> {
            try (ScalarGradMode.Scope scope = ScalarGradMode.noGrad()) {
                return Value.constant(1.5).plus(p[0]).max(Value.constant(1.5).plus(p[0])).data();
            }
        };
        double along = NumericGradient.central(diagonal, new double[] {0.0}).partial(0);
        list.addCorrected("max-gate/tie-sum-numeric", MAX,
                "d/dt max(a + t, b + t) at t = 0, a = b = 1.5 (central difference)", corrected, 1.0, along,
                Tolerances.CENTRAL_DIFFERENCE,
                Correction.evaluated("cs231n-opt-bp-2", "df/dx = [x > y], df/dy = [y > x]", corrected, 0.0,
                        "both indicators are 0 at x = y"));
    }

    private static Value ratio(Value x, Value y) {
        Value g = x.plus(y);
        Value h = x.times(2.0).plus(y.times(3.0)).pow(-1.0);
        return g.times(h);
    }

    private static void accumulation(ExampleList list) {
        double x0 = 1.0;
        double y0 = 2.0;
        Value x = Value.variable(x0, "x");
        Value y = Value.variable(y0, "y");
        ratio(x, y).backward();
        double denominator = 2 * x0 + 3 * y0;
        // the document's closed form for df/dx and the same rule for df/dy; 8 and 64 make both exact
        double dfdx = 1.0 / denominator + (-2 * (x0 + y0)) / (denominator * denominator);
        double dfdy = 1.0 / denominator + (-3 * (x0 + y0)) / (denominator * denominator);
        String quantity = " of f = (x + y) / (2x + 3y) at x = 1, y = 2";
        list.add("ratio/df-dx", ACCUMULATE, "df/dx" + quantity + " (engine, x used twice)",
                "1/(2x+3y) + -2(x+y)/(2x+3y)^2 = 1/32", dfdx, x.grad(), Tolerances.EXACT);
        list.add("ratio/df-dy", ACCUMULATE, "df/dy" + quantity + " (engine, y used twice)",
                "1/(2x+3y) + -3(x+y)/(2x+3y)^2 = -1/64", dfdy, y.grad(), Tolerances.EXACT);
        ScalarFunction f = p -> {
            try (ScalarGradMode.Scope scope = ScalarGradMode.noGrad()) {
                return ratio(Value.constant(p[0]), Value.constant(p[1])).data();
            }
        };
        GradientEstimate numeric = NumericGradient.central(f, new double[] {x0, y0});
        list.add("ratio/df-dx-numeric", ACCUMULATE, "df/dx" + quantity + " (central difference)",
                "1/(2x+3y) + -2(x+y)/(2x+3y)^2 = 1/32", dfdx, numeric.partial(0), Tolerances.CENTRAL_DIFFERENCE);
        list.add("ratio/df-dy-numeric", ACCUMULATE, "df/dy" + quantity + " (central difference)",
                "1/(2x+3y) + -3(x+y)/(2x+3y)^2 = -1/64", dfdy, numeric.partial(1), Tolerances.CENTRAL_DIFFERENCE);
    }
}
