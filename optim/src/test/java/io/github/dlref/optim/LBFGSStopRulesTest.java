package io.github.dlref.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * L-BFGS's stopping rules against PyTorch 1.13 float64: golden/lbfgs_stop_rules.csv (make_lbfgs_golden.py), runs
 * in which each rule of {@code step()} ends some step, without line search and with strong Wolfe: the loss change
 * {@code |loss - previous loss| < toleranceChange}, the parameter change {@code max|t d| <= toleranceChange}, the
 * directional derivative {@code g.d > -toleranceChange}, {@code maxIterations}, {@code maxEvaluations},
 * {@code max|g| <= toleranceGrad} after an iteration and at a step's first evaluation. The script names the rule
 * that fired (read from torch's own local variables); the test checks that the golden data still exercises the
 * rule it is meant to, and that dlref stopped at the same point: after each of the three steps the returned loss,
 * the parameters, the closure calls of that step, and the running totals {@link LBFGS#functionEvaluations()} and
 * {@link LBFGS#iterations()} equal torch's ({@code state['func_evals']}, {@code state['n_iter']}). A rule that
 * fired one iteration early or late changes the counts exactly, and the parameters by far more than the
 * tolerance.
 *
 * <p>Tolerance: {@link Tolerances#PYTORCH_RELATIVE} (1e-12 normwise, {@link PyTorchGoldenTest#compare}) for every
 * run, Rosenbrock without line search included: dlref performs torch's operations in torch's order, and these
 * steps are at most 20 iterations long, too few for the rounding amplification that
 * {@link Tolerances#LBFGS_AMPLIFIED_ROUNDING} allows for in {@link LBFGSTest}'s 40-iteration Rosenbrock run (all 21
 * runs pass at 1e-12; a dot product may still differ from torch's in its last bits, see the boundary runs).
 */
class LBFGSStopRulesTest {

    static final String RESOURCE = "/golden/lbfgs_stop_rules.csv";
    static final int STEPS = 3;

    /**
     * One golden run: its hyper-parameters (torch's defaults where the script passes none: lr 1, max_iter 20,
     * max_eval 25, tolerance_grad 1e-7, tolerance_change 1e-9, history 100) and the rules the script recorded for
     * steps 1, 2 and 3, separated by spaces. A tolerance given as NaN is the script's "hyper" row: the {@code _equal}
     * runs set it to exactly the value a rule tested in another run, so that the comparison meets equality and
     * {@code <=} against {@code <} decides whether the step goes on: max|g| at the start, max|t d| on the first
     * iteration and one |loss - previous loss|, values dlref reproduces bit for bit. The boundaries of g.d and of
     * max|g| after an iteration have no such run: there dlref's value differs from torch's in the last bits.
     */
    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "lbfgs_stop_loss_change, lsq, 0.5, 20, 25, 1e-7, 1e-3, NONE,"
            + " loss_change directional_derivative directional_derivative",
        "lbfgs_stop_loss_change_wolfe, lsq, 0.5, 20, 25, 1e-7, 1e-3, STRONG_WOLFE,"
            + " loss_change directional_derivative directional_derivative",
        "lbfgs_stop_step_change, rosenbrock, 1e-3, 20, 25, 1e-7, 1e-2, NONE, step_change step_change step_change",
        "lbfgs_stop_step_change, lsq, 1e-3, 20, 25, 1e-7, 1e-2, NONE, step_change step_change step_change",
        "lbfgs_stop_step_change_wolfe, rosenbrock, 1, 20, 25, 1e-7, 1e-2, STRONG_WOLFE,"
            + " step_change directional_derivative directional_derivative",
        "lbfgs_stop_directional, lsq, 1, 20, 25, 1e-7, 1e-1, NONE,"
            + " directional_derivative directional_derivative directional_derivative",
        "lbfgs_stop_directional_wolfe, rosenbrock, 1, 20, 25, 1e-7, 1e-1, STRONG_WOLFE,"
            + " directional_derivative directional_derivative directional_derivative",
        "lbfgs_stop_directional_wolfe, lsq, 1, 20, 25, 1e-7, 1e-1, STRONG_WOLFE,"
            + " directional_derivative directional_derivative directional_derivative",
        "lbfgs_stop_tolerance_grad, lsq, 1, 20, 25, 1e-3, 1e-9, NONE,"
            + " tolerance_grad tolerance_grad_at_start tolerance_grad_at_start",
        "lbfgs_stop_tolerance_grad_wolfe, lsq, 1, 20, 25, 1e-3, 1e-9, STRONG_WOLFE,"
            + " tolerance_grad tolerance_grad_at_start tolerance_grad_at_start",
        "lbfgs_stop_max_eval, rosenbrock, 1, 10, 3, 1e-7, 1e-9, NONE, max_eval max_eval max_eval",
        "lbfgs_stop_max_eval, lsq, 1, 10, 3, 1e-7, 1e-9, NONE, max_eval max_eval max_eval",
        "lbfgs_stop_max_eval_wolfe, rosenbrock, 1, 10, 3, 1e-7, 1e-9, STRONG_WOLFE, max_eval max_eval max_eval",
        "lbfgs_stop_max_eval_wolfe, lsq, 1, 10, 3, 1e-7, 1e-9, STRONG_WOLFE, max_eval max_eval max_eval",
        "lbfgs_stop_max_iter, rosenbrock, 1, 3, 10, 1e-7, 1e-9, NONE, max_iter max_iter max_iter",
        "lbfgs_stop_max_iter, lsq, 1, 3, 10, 1e-7, 1e-9, NONE, max_iter max_iter directional_derivative",
        "lbfgs_stop_max_iter_wolfe, rosenbrock, 1, 3, 10, 1e-7, 1e-9, STRONG_WOLFE, max_iter max_iter max_iter",
        "lbfgs_stop_max_iter_wolfe, lsq, 1, 3, 10, 1e-7, 1e-9, STRONG_WOLFE,"
            + " max_iter max_iter directional_derivative",
        "lbfgs_stop_tolerance_grad_at_start_equal, lsq, 1, 20, 25, NaN, 1e-9, NONE,"
            + " tolerance_grad_at_start tolerance_grad_at_start tolerance_grad_at_start",
        "lbfgs_stop_step_change_equal, rosenbrock, 1e-3, 20, 25, 1e-7, NaN, NONE, step_change step_change step_change",
        "lbfgs_stop_loss_change_equal, lsq, 0.5, 20, 25, 1e-7, NaN, NONE,"
            + " directional_derivative directional_derivative directional_derivative"})
    void stopsWherePyTorchStops(String caseName, String problem, double lr, int maxIterations, int maxEvaluations,
            double toleranceGrad, double toleranceChange, LBFGS.LineSearch lineSearch, String rules) {
        GoldenTrajectories.Run run = GoldenTrajectories.load(RESOURCE).get(caseName + "/" + problem);
        assertNotNull(run, caseName + "/" + problem);
        String[] expectedRules = rules.split(" ");
        assertEquals(STEPS, expectedRules.length, "rules");
        toleranceGrad = tolerance(run, "tolerance_grad", toleranceGrad);
        toleranceChange = tolerance(run, "tolerance_change", toleranceChange);
        boolean rosen = problem.equals("rosenbrock");
        Parameter p = rosen ? new Parameter("xy", Matrix.rowVector(-1.2, 1.0)) : new Parameter("x", Matrix.zeros(1, 3));
        LBFGS lbfgs = new LBFGS(List.of(p), new LBFGS.Hyperparameters(lr, maxIterations, maxEvaluations,
                toleranceGrad, toleranceChange, 100, lineSearch));
        int[] calls = {0};
        LBFGS.Closure closure = () -> {
            calls[0]++;
            return rosen ? LBFGSTest.rosenbrock(p) : LBFGSTest.lsq(p);
        };
        PyTorchGoldenTest.compare(run, "initial", run.get("param", 0, p.name()), p.value().toRowMajorArray());
        for (int step = 1; step <= STEPS; step++) {
            assertEquals(List.of(expectedRules[step - 1]), stopRules(run, step), "rule that ended step " + step
                    + " in the golden run (regenerated data no longer exercises it?)");
            int callsBefore = calls[0];
            double loss = lbfgs.step(closure);
            String after = " after step " + step + " (torch stopped on " + expectedRules[step - 1] + ")";
            assertEquals(run.get("calls", step, "closure")[0], (double) (calls[0] - callsBefore),
                    "closure calls during step " + step + " (torch stopped on " + expectedRules[step - 1] + ")");
            assertEquals(run.get("state", step, p.name() + ".func_evals")[0], (double) lbfgs.functionEvaluations(),
                    "func_evals" + after);
            assertEquals(run.get("state", step, p.name() + ".n_iter")[0], (double) lbfgs.iterations(),
                    "n_iter" + after);
            PyTorchGoldenTest.compare(run, "loss returned by step " + step, run.get("loss", step, "returned"),
                    new double[] {loss});
            PyTorchGoldenTest.compare(run, "parameter" + after, run.get("param", step, p.name()),
                    p.value().toRowMajorArray());
        }
    }

    /** The tolerance of the script's "hyper" row (step 0) when {@code given} is NaN; else {@code given}, checked. */
    private static double tolerance(GoldenTrajectories.Run run, String key, double given) {
        double[] recorded = run.get("hyper", 0, key);
        if (Double.isNaN(given)) {
            assertNotNull(recorded, run.caseName() + ": no hyper row " + key);
            return recorded[0];
        }
        if (recorded != null) {
            assertEquals(recorded[0], given, run.caseName() + ": " + key);
        }
        return given;
    }

    /** The names of the "stop" rows of a step (one per step in a well-formed file). */
    private static List<String> stopRules(GoldenTrajectories.Run run, int step) {
        List<String> names = new ArrayList<>();
        String prefix = "stop/" + step + "/";
        for (String key : run.values().keySet()) {
            if (key.startsWith(prefix)) {
                names.add(key.substring(prefix.length()));
            }
        }
        return names;
    }
}
