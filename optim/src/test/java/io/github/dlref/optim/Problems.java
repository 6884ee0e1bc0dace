package io.github.dlref.optim;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four test problems of {@code golden/make_golden.py}, with closed-form gradients evaluated in exactly
 * the same order of double operations as the Python script, so that both sides hand the optimizer the same
 * bits whenever they hold the same parameters.
 */
final class Problems {

    private Problems() {
    }

    /** A problem: named parameters with initial values, and the gradient as a function of the values. */
    record Problem(String name, List<Spec> specs, Gradient gradient) {

        /** Fresh parameters at the initial values. */
        List<Parameter> newParameters() {
            List<Parameter> out = new ArrayList<>();
            for (Spec s : specs) {
                out.add(new Parameter(s.name(), Matrix.fromRowMajor(s.rows(), s.cols(), s.initial())));
            }
            return out;
        }

        /** Sets every parameter's gradient to the closed-form gradient at its current value. */
        void setGradients(List<Parameter> parameters) {
            Map<String, double[]> values = new LinkedHashMap<>();
            for (Parameter p : parameters) {
                values.put(p.name(), p.value().toRowMajorArray());
            }
            Map<String, double[]> grads = gradient.at(values);
            for (Parameter p : parameters) {
                p.zeroGrad();
                p.accumulateGrad(Matrix.fromRowMajor(p.rows(), p.cols(), grads.get(p.name())));
            }
        }
    }

    /** One parameter's name, shape and initial row-major value. */
    record Spec(String name, int rows, int cols, double... initial) {
    }

    /** Gradient of a problem at given row-major parameter values. */
    interface Gradient {
        Map<String, double[]> at(Map<String, double[]> values);
    }

    static final double[][] MLP_X = {{0.5, -1.0}, {1.5, 0.25}, {-0.75, 2.0}, {1.0, 1.0}};
    static final double[] MLP_Y = {1.0, -0.5, 0.25, 2.0};
    static final double[] BOWL_A = {1.0, 4.0, 0.5, 10.0};
    static final double[] BOWL_C = {1.0, -2.0, 0.5, 3.0};

    /** cs231n-opt-bp: {@code y = 3x^2 + 6x} from {@code x = 2}; {@code dy/dx = 6x + 6}; minimum at -1. */
    static final Problem CS231N = new Problem("cs231n", List.of(new Spec("x", 1, 1, 2.0)),
            v -> Map.of("x", new double[] {6.0 * v.get("x")[0] + 6.0}));

    /** {@code 1/2 sum a (theta - c)^2}, a 2x2 ill-conditioned bowl; minimum at {@code c}. */
    static final Problem BOWL = new Problem("bowl", List.of(new Spec("theta", 2, 2, -3.0, 4.0, 2.0, -1.0)), v -> {
        double[] t = v.get("theta");
        double[] g = new double[4];
        for (int k = 0; k < 4; k++) {
            g[k] = BOWL_A[k] * (t[k] - BOWL_C[k]);
        }
        return Map.of("theta", g);
    });

    /** Rosenbrock {@code (1 - x)^2 + 100 (y - x^2)^2} from {@code (-1.2, 1)}. */
    static final Problem ROSENBROCK = new Problem("rosenbrock", List.of(new Spec("xy", 1, 2, -1.2, 1.0)), v -> {
        double x = v.get("xy")[0];
        double y = v.get("xy")[1];
        double gx = -2.0 * (1.0 - x) - 400.0 * x * (y - x * x);
        double gy = 200.0 * (y - x * x);
        return Map.of("xy", new double[] {gx, gy});
    });

    /** 2-3-1 ReLU network, mean squared error over four samples. */
    static final Problem MLP = new Problem("mlp", List.of(
            new Spec("W1", 3, 2, 0.1, -0.2, 0.4, 0.3, -0.5, 0.6),
            new Spec("b1", 1, 3, 0.05, -0.1, 0.2),
            new Spec("W2", 1, 3, 0.3, -0.6, 0.9),
            new Spec("b2", 1, 1, 0.1)), Problems::mlpGradient);

    static final List<Problem> ALL = List.of(CS231N, BOWL, ROSENBROCK, MLP);

    private static Map<String, double[]> mlpGradient(Map<String, double[]> v) {
        double[] w1 = v.get("W1");
        double[] b1 = v.get("b1");
        double[] w2 = v.get("W2");
        double b2 = v.get("b2")[0];
        int nSamples = MLP_X.length;
        double[][] z = new double[nSamples][3];
        double[][] h = new double[nSamples][3];
        double[] dout = new double[nSamples];
        for (int n = 0; n < nSamples; n++) {
            double x0 = MLP_X[n][0];
            double x1 = MLP_X[n][1];
            for (int j = 0; j < 3; j++) {
                z[n][j] = (x0 * w1[2 * j] + x1 * w1[2 * j + 1]) + b1[j];
                h[n][j] = z[n][j] > 0.0 ? z[n][j] : 0.0;
            }
            double out = ((h[n][0] * w2[0] + h[n][1] * w2[1]) + h[n][2] * w2[2]) + b2;
            dout[n] = (2.0 * (out - MLP_Y[n])) / nSamples;
        }
        double[] gW2 = new double[3];
        double gB2 = 0.0;
        double[] gW1 = new double[6];
        double[] gB1 = new double[3];
        for (int n = 0; n < nSamples; n++) {
            gB2 = gB2 + dout[n];
            for (int j = 0; j < 3; j++) {
                gW2[j] = gW2[j] + dout[n] * h[n][j];
                double dz = z[n][j] > 0.0 ? dout[n] * w2[j] : 0.0;
                gB1[j] = gB1[j] + dz;
                gW1[2 * j] = gW1[2 * j] + dz * MLP_X[n][0];
                gW1[2 * j + 1] = gW1[2 * j + 1] + dz * MLP_X[n][1];
            }
        }
        return Map.of("W1", gW1, "b1", gB1, "W2", gW2, "b2", new double[] {gB2});
    }

    /** Runs {@code steps} optimizer steps with the problem's gradients. */
    static void run(Problem problem, List<Parameter> parameters, Optimizer optimizer, int steps) {
        for (int s = 0; s < steps; s++) {
            problem.setGradients(parameters);
            optimizer.step();
        }
    }
}
