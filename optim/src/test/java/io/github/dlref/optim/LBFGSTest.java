package io.github.dlref.optim;

import static io.github.dlref.optim.SGDTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * L-BFGS against PyTorch 1.13 float64 (the {@code lbfgs_*} runs of golden/pytorch_trajectories_extended.csv:
 * two {@code step(closure)} calls with PyTorch's defaults, without line search and with strong Wolfe, and with
 * history 2 or 5 iterations per step, on Rosenbrock and a 4x3 least-squares problem), validation, and the least-squares minimum in closed form.
 */
class LBFGSTest {

    static final int STEPS = 2;
    static final String LINE_SEARCH_RESOURCE = "/golden/lbfgs_line_search.csv";
    static final int LINE_SEARCH_STEPS = 3;
    static final double[][] A = {{1.0, 2.0, 0.5}, {0.0, 1.0, -1.0}, {2.0, -1.0, 1.0}, {1.0, 1.0, 3.0}};
    static final double[] B = {1.0, -2.0, 0.5, 3.0};

    /** The script's least-squares loss and gradient, in its order of operations. */
    static double lsq(Parameter p) {
        double[] g = new double[3];
        double loss = lsq(p.value().toRowMajorArray(), g);
        p.zeroGrad();
        p.accumulateGrad(Matrix.rowVector(g));
        return loss;
    }

    /** {@link #lsq(Parameter)} with x held by "x01" (x[0], x[1]) and "x2" (x[2]), as the script's lsq_split. */
    static double lsqSplit(Parameter x01, Parameter x2) {
        double[] g = new double[3];
        double loss = lsq(new double[] {x01.value().getFlat(0), x01.value().getFlat(1), x2.value().getFlat(0)}, g);
        x01.zeroGrad();
        x01.accumulateGrad(Matrix.rowVector(g[0], g[1]));
        x2.zeroGrad();
        x2.accumulateGrad(Matrix.scalar(g[2]));
        return loss;
    }

    /** The least-squares loss at x; writes its gradient into g. */
    private static double lsq(double[] x, double[] g) {
        double[] r = new double[4];
        for (int i = 0; i < 4; i++) {
            r[i] = ((A[i][0] * x[0] + A[i][1] * x[1]) + A[i][2] * x[2]) - B[i];
        }
        for (int j = 0; j < 3; j++) {
            g[j] = ((A[0][j] * r[0] + A[1][j] * r[1]) + A[2][j] * r[2]) + A[3][j] * r[3];
        }
        return 0.5 * (((r[0] * r[0] + r[1] * r[1]) + r[2] * r[2]) + r[3] * r[3]);
    }

    static double rosenbrock(Parameter p) {
        double x = p.value().getFlat(0);
        double y = p.value().getFlat(1);
        double loss = (1.0 - x) * (1.0 - x) + 100.0 * ((y - x * x) * (y - x * x));
        Problems.ROSENBROCK.setGradients(List.of(p));
        return loss;
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"lbfgs_default, rosenbrock", "lbfgs_default, lsq", "lbfgs_strong_wolfe, rosenbrock",
        "lbfgs_strong_wolfe, lsq", "lbfgs_history_2, lsq",
        "lbfgs_max_iter_5_wolfe, rosenbrock", "lbfgs_max_iter_5_wolfe, lsq"})
    void matchesPyTorch(String caseName, String problem) {
        GoldenTrajectories.Run run = GoldenTrajectories.load(PyTorchExtendedGoldenTest.RESOURCE)
                .get(caseName + "/" + problem);
        assertNotNull(run, caseName + "/" + problem);
        boolean rosen = problem.equals("rosenbrock");
        Parameter p = rosen ? new Parameter("xy", Matrix.rowVector(-1.2, 1.0)) : new Parameter("x", Matrix.zeros(1, 3));
        LBFGS.Hyperparameters h = LBFGS.Hyperparameters.pytorch();
        if (caseName.endsWith("wolfe")) {
            h = h.withLineSearch(LBFGS.LineSearch.STRONG_WOLFE);
        }
        if (caseName.contains("history_2")) {
            h = h.withHistorySize(2);
        }
        if (caseName.contains("max_iter_5")) {
            h = h.withMaxIterations(5);
        }
        LBFGS lbfgs = new LBFGS(List.of(p), h);
        PyTorchGoldenTest.compare(run, "initial", run.get("param", 0, p.name()), p.value().toRowMajorArray());
        for (int step = 1; step <= STEPS; step++) {
            double loss = lbfgs.step(() -> rosen ? rosenbrock(p) : lsq(p));
            boolean amplified = !caseName.endsWith("wolfe") && rosen && step == 2;
            check(run, amplified, "loss returned by step " + step, run.get("loss", step, "returned"),
                    new double[] {loss});
            check(run, amplified, "parameter after step " + step, run.get("param", step, p.name()),
                    p.value().toRowMajorArray());
        }
        assertEquals(run.get("state", STEPS, p.name() + ".func_evals")[0], (double) lbfgs.functionEvaluations());
        assertEquals(run.get("state", STEPS, p.name() + ".n_iter")[0], (double) lbfgs.iterations());
    }

    /**
     * The line-search and flat-order runs of golden/lbfgs_line_search.csv (make_lbfgs_golden.py): strong Wolfe
     * with lr 0.01 (the first step is too short: extrapolation), 1e-30 and 30 (far too long: zoom), history 1
     * and 2 (eviction), lr 0.5 without line search, and lsq with x split over two parameters. On
     * Rosenbrock the line search's branch decisions amplify rounding: {@link Tolerances#LBFGS_AMPLIFIED_ROUNDING}.
     */
    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"lbfgs_wolfe_lr_0.01, rosenbrock, 0.01, 100, 20", "lbfgs_wolfe_lr_0.01, lsq, 0.01, 100, 20",
        "lbfgs_wolfe_lr_0.01, lsq_split, 0.01, 100, 20", "lbfgs_wolfe_lr_1e-30, rosenbrock, 1e-30, 100, 20",
        "lbfgs_wolfe_lr_1e-30, lsq, 1e-30, 100, 20", "lbfgs_wolfe_lr_30, rosenbrock, 30, 100, 20",
        "lbfgs_wolfe_lr_30, lsq, 30, 100, 20", "lbfgs_wolfe_lr_30, lsq_split, 30, 100, 20",
        "lbfgs_wolfe_history_1, lsq, 1, 1, 20",
        "lbfgs_wolfe_history_2_max_iter_5, rosenbrock, 1, 2, 5", "lbfgs_lr_0.5, rosenbrock, 0.5, 100, 20",
        "lbfgs_lr_0.5, lsq_split, 0.5, 100, 20"})
    void matchesPyTorchLineSearchRuns(String caseName, String problem, double lr, int history, int maxIterations) {
        GoldenTrajectories.Run run = GoldenTrajectories.load(LINE_SEARCH_RESOURCE).get(caseName + "/" + problem);
        assertNotNull(run, caseName + "/" + problem);
        List<Parameter> ps = switch (problem) {
            case "rosenbrock" -> List.of(new Parameter("xy", Matrix.rowVector(-1.2, 1.0)));
            case "lsq" -> List.of(new Parameter("x", Matrix.zeros(1, 3)));
            default -> List.of(new Parameter("x01", Matrix.zeros(1, 2)), new Parameter("x2", Matrix.zeros(1, 1)));
        };
        LBFGS.LineSearch lineSearch = caseName.contains("wolfe") ? LBFGS.LineSearch.STRONG_WOLFE
                : LBFGS.LineSearch.NONE;
        LBFGS lbfgs = new LBFGS(ps, new LBFGS.Hyperparameters(lr, maxIterations, maxIterations * 5 / 4, 1e-7, 1e-9,
                history, lineSearch));
        LBFGS.Closure closure = switch (problem) {
            case "rosenbrock" -> () -> rosenbrock(ps.get(0));
            case "lsq" -> () -> lsq(ps.get(0));
            default -> () -> lsqSplit(ps.get(0), ps.get(1));
        };
        boolean amplified = problem.equals("rosenbrock");
        for (int step = 1; step <= LINE_SEARCH_STEPS; step++) {
            double loss = lbfgs.step(closure);
            check(run, amplified, "loss returned by step " + step, run.get("loss", step, "returned"),
                    new double[] {loss});
            for (Parameter p : ps) {
                check(run, amplified, p.name() + " after step " + step, run.get("param", step, p.name()),
                        p.value().toRowMajorArray());
            }
        }
        String first = ps.get(0).name();
        assertEquals(run.get("state", LINE_SEARCH_STEPS, first + ".func_evals")[0],
                (double) lbfgs.functionEvaluations(), "func_evals");
        assertEquals(run.get("state", LINE_SEARCH_STEPS, first + ".n_iter")[0], (double) lbfgs.iterations(),
                "n_iter");
    }

    /** {@link PyTorchGoldenTest#compare}, or {@link Tolerances#LBFGS_AMPLIFIED_ROUNDING} normwise where stated. */
    private static void check(GoldenTrajectories.Run run, boolean amplified, String what, double[] expected,
            double[] actual) {
        if (!amplified) {
            PyTorchGoldenTest.compare(run, what, expected, actual);
            return;
        }
        double norm = 0.0;
        for (double e : expected) {
            norm = Math.max(norm, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(actual[i] - expected[i]) <= Tolerances.LBFGS_AMPLIFIED_ROUNDING * norm,
                    run.caseName() + " " + what + " element " + i + ": ours " + actual[i] + ", PyTorch " + expected[i]);
        }
    }

    /**
     * The least-squares minimum solves the normal equations A^T A x = A^T b: after three steps the residual
     * A^T (A x - b) (the gradient) is below 1e-4 (measured 2e-5), from about 10 at x = 0: L-BFGS stops on the
     * loss-change tolerance 1e-9, which leaves the gradient at about its square root.
     */
    @Test
    void reachesTheLeastSquaresMinimum() {
        Parameter p = new Parameter("x", Matrix.zeros(1, 3));
        LBFGS lbfgs = new LBFGS(List.of(p), LBFGS.Hyperparameters.pytorch());
        for (int i = 0; i < 3; i++) {
            lbfgs.step(() -> lsq(p));
        }
        lsq(p);
        for (double g : p.grad().toRowMajorArray()) {
            assertTrue(Math.abs(g) <= 1e-4, "normal-equation residual " + g);
        }
        assertTrue(lbfgs.functionEvaluations() >= lbfgs.iterations());
    }

    /**
     * Cubic interpolation of f(x) = (x - 1)^2 from x = 0 and 3 is exact: the minimizer 1; clamped to bounds; a
     * straight line is minimized at the lower bound.
     */
    @Test
    void cubicInterpolationOfAParabolaIsExact() {
        assertEquals(1.0, LBFGS.cubicInterpolate(0, 1, -2, 3, 4, 4, 0, 3), 1e-15);
        assertEquals(2.0, LBFGS.cubicInterpolate(0, 1, -2, 3, 4, 4, 2, 3), 0.0);
        assertEquals(1.0, LBFGS.cubicInterpolate(3, 4, 4, 0, 1, -2, 0, 3), 1e-15);
        // f(x) = x from x = 0 and 1 (d2^2 = 0 exactly, a zero denominator): increasing, so the lower bound
        assertEquals(0.25, LBFGS.cubicInterpolate(0, 0, 1, 1, 1, 1, 0.25, 2), 0.0);
        // no real minimizer (d2^2 < 0): the middle of the bounds
        assertEquals(1.5, LBFGS.cubicInterpolate(0, 0, 1.5, 1, 1, 1.5, 1, 2), 0.0);
    }

    @Test
    void aZeroGradientReturnsAtOnce() {
        Parameter p = new Parameter("w", Matrix.scalar(3.0));
        LBFGS lbfgs = new LBFGS(List.of(p), LBFGS.Hyperparameters.pytorch());
        double loss = lbfgs.step(() -> {
            p.zeroGrad();
            p.accumulateGrad(Matrix.scalar(0.0));
            return 7.0;
        });
        assertEquals(7.0, loss);
        assertEquals(3.0, p.value().scalarValue());
        assertEquals(1, lbfgs.functionEvaluations());
        assertEquals(0, lbfgs.iterations());
    }

    @Test
    void zeroGradClearsEveryParameter() {
        Parameter a = new Parameter("a", Matrix.scalar(1.0));
        Parameter b = new Parameter("b", Matrix.rowVector(1.0, 2.0));
        a.accumulateGrad(Matrix.scalar(3.0));
        b.accumulateGrad(Matrix.rowVector(4.0, 5.0));
        new LBFGS(List.of(a, b), LBFGS.Hyperparameters.pytorch()).zeroGrad();
        for (Parameter p : List.of(a, b)) {
            assertNull(p.grad(), p.name());
        }
    }

    @Test
    void validation() {
        LBFGS.Hyperparameters h = LBFGS.Hyperparameters.pytorch();
        assertEquals(Map.of("maxEvaluations", 12), Map.of("maxEvaluations", h.withMaxIterations(10).maxEvaluations()));
        assertMessage(() -> new LBFGS.Hyperparameters(0, 20, 25, 1e-7, 1e-9, 100, LBFGS.LineSearch.NONE),
                "learningRate must be in (0, inf), got 0.0");
        assertMessage(() -> h.withHistorySize(0), "historySize must be >= 1");
        assertMessage(() -> new LBFGS(List.of(), h), "parameters must not be empty");
        Parameter p = new Parameter("w", Matrix.scalar(1));
        assertMessage(() -> new LBFGS(List.of(p, p), h), "'w' appears more than once");
        assertMessage(() -> new LBFGS(List.of(p), h).step(null), "closure must not be null");
    }
}
