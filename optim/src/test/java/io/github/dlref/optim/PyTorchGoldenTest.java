package io.github.dlref.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.optim.schedule.CosineDecay;
import io.github.dlref.optim.schedule.Constant;
import io.github.dlref.optim.schedule.ExponentialDecay;
import io.github.dlref.optim.schedule.InverseTimeDecay;
import io.github.dlref.optim.schedule.LearningRateSchedule;
import io.github.dlref.optim.schedule.LearningRateScheduler;
import io.github.dlref.optim.schedule.MultiStepDecay;
import io.github.dlref.optim.schedule.PolynomialDecay;
import io.github.dlref.optim.schedule.PowerDecay;
import io.github.dlref.optim.schedule.StepDecay;
import io.github.dlref.optim.schedule.Warmup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.DoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every PyTorch variant against PyTorch float64 (golden/pytorch_trajectories.csv, written by
 * golden/make_golden.py with torch 1.13): 10 steps on four problems, the parameters after every step, the
 * learning rate of every schedule step (PyTorch's recursive {@code get_last_lr()} and its closed form), and
 * the optimizer state (PyTorch's state keys) after the last step.
 *
 * <p>Tolerance {@link Tolerances#PYTORCH_RELATIVE}: 1e-12 relative to the largest magnitude in the same
 * matrix (see {@link #compare}); the measured worst case and the count of bit-identical values are printed
 * after the run.
 */
class PyTorchGoldenTest {

    static final int STEPS = 10;

    /** Plain SGD's learning rate per problem (make_golden.py's SGD_LR). */
    static final Map<String, Double> SGD_LR = Map.of("cs231n", 0.1, "bowl", 0.05, "rosenbrock", 0.001, "mlp", 0.1);

    /** A case: an optimizer factory (parameters, base learning rate) and an optional schedule factory. */
    record Case(BiFunction<List<Parameter>, String, Optimizer> optimizer,
            DoubleFunction<LearningRateSchedule> schedule) {
    }

    static final Map<String, Case> CASES = new LinkedHashMap<>();

    private static void sgd(String name, java.util.function.UnaryOperator<SGD.Hyperparameters> h,
            DoubleFunction<LearningRateSchedule> schedule) {
        CASES.put(name, new Case((ps, problem) -> new SGD(ps, h.apply(SGD.Hyperparameters.pytorch(SGD_LR.get(problem)))),
                schedule));
    }

    private static void fixed(String name, java.util.function.Function<List<Parameter>, Optimizer> f) {
        CASES.put(name, new Case((ps, problem) -> f.apply(ps), null));
    }

    static {
        sgd("sgd_plain", h -> h, null);
        sgd("sgd_momentum", h -> h.withMomentum(0.9), null);
        sgd("sgd_dampening", h -> h.withMomentum(0.9).withDampening(0.3), null);
        sgd("sgd_nesterov", h -> h.withMomentum(0.9).withNesterov(true), null);
        sgd("sgd_weight_decay", h -> h.withWeightDecay(WeightDecay.coupledL2(0.1)), null);
        sgd("sgd_nesterov_weight_decay",
                h -> h.withMomentum(0.9).withNesterov(true).withWeightDecay(WeightDecay.coupledL2(0.1)), null);
        AdaGrad.Hyperparameters adagrad = AdaGrad.Hyperparameters.pytorch().withLearningRate(0.1);
        fixed("adagrad_default", ps -> new AdaGrad(ps, adagrad));
        fixed("adagrad_lr_decay", ps -> new AdaGrad(ps, adagrad.withLearningRateDecay(0.05)));
        fixed("adagrad_initial_accumulator", ps -> new AdaGrad(ps, adagrad.withInitialAccumulatorValue(0.5)));
        fixed("adagrad_eps", ps -> new AdaGrad(ps, adagrad.withEpsilon(1e-3)));
        fixed("adagrad_weight_decay", ps -> new AdaGrad(ps, adagrad.withWeightDecay(WeightDecay.coupledL2(0.1))));
        RMSProp.Hyperparameters rms = RMSProp.Hyperparameters.pytorch();
        fixed("rmsprop_default", ps -> new RMSProp(ps, rms));
        fixed("rmsprop_centered", ps -> new RMSProp(ps, rms.withCentered(true)));
        fixed("rmsprop_momentum", ps -> new RMSProp(ps, rms.withMomentum(0.9)));
        fixed("rmsprop_centered_momentum", ps -> new RMSProp(ps, rms.withCentered(true).withMomentum(0.9)));
        fixed("rmsprop_alpha_eps_weight_decay", ps -> new RMSProp(ps,
                rms.withDecay(0.9).withEpsilon(1e-4).withWeightDecay(WeightDecay.coupledL2(0.1))));
        Adam.Hyperparameters adam = Adam.Hyperparameters.pytorch().withLearningRate(0.1);
        fixed("adam_default", ps -> new Adam(ps, adam));
        fixed("adam_betas_eps", ps -> new Adam(ps, adam.withBetas(0.8, 0.99).withEpsilon(1e-6)));
        fixed("adam_weight_decay", ps -> new Adam(ps, adam.withWeightDecay(WeightDecay.coupledL2(0.1))));
        fixed("adam_amsgrad", ps -> new Adam(ps, adam.withAmsGrad(Adam.AmsGrad.MAX_OF_RAW_SECOND_MOMENT)));
        Adam.Hyperparameters adamW = Adam.Hyperparameters.pytorchAdamW().withLearningRate(0.1)
                .withWeightDecay(WeightDecay.decoupled(0.1));
        fixed("adamw", ps -> new Adam(ps, adamW));
        fixed("adamw_amsgrad", ps -> new Adam(ps, adamW.withAmsGrad(Adam.AmsGrad.MAX_OF_RAW_SECOND_MOMENT)));
        sgd("sched_step", h -> h.withMomentum(0.9), lr -> new StepDecay(lr, 3, 0.5));
        sgd("sched_multistep", h -> h.withMomentum(0.9), lr -> new MultiStepDecay(lr, List.of(2L, 5L), 0.1));
        sgd("sched_exponential", h -> h.withMomentum(0.9), lr -> ExponentialDecay.perStep(lr, 0.8));
        sgd("sched_inverse_time", h -> h.withMomentum(0.9), lr -> InverseTimeDecay.bpOptimizers(lr, 0.5));
        sgd("sched_power", h -> h.withMomentum(0.9), lr -> PowerDecay.inverseSqrt(lr).shifted(1));
        sgd("sched_polynomial", h -> h.withMomentum(0.9), lr -> new PolynomialDecay(lr, 0.0, 8, 2.0));
        sgd("sched_cosine", h -> h.withMomentum(0.9), lr -> CosineDecay.pytorch(lr, 8, 0.001));
        sgd("sched_linear_warmup", h -> h.withMomentum(0.9), lr -> new Warmup(0.25 * lr, 4, new Constant(lr)));
        CASES.put("sched_adam_cosine", new Case((ps, problem) -> new Adam(ps, adam), lr -> CosineDecay.pytorch(lr, 10, 0.0)));
    }

    static Map<String, GoldenTrajectories.Run> golden;

    @BeforeAll
    static void load() {
        golden = GoldenTrajectories.load();
    }

    static Stream<Arguments> runs() {
        List<Arguments> out = new ArrayList<>();
        for (String c : CASES.keySet()) {
            for (Problems.Problem p : Problems.ALL) {
                out.add(Arguments.of(c, p.name()));
            }
        }
        return out.stream();
    }

    /** The golden file and this test cover the same cases: a new case on either side fails here. */
    @Test
    void everyGoldenRunHasAJavaCaseAndViceVersa() {
        TreeSet<String> inFile = new TreeSet<>(golden.keySet());
        TreeSet<String> inJava = new TreeSet<>();
        runs().forEach(a -> inJava.add(a.get()[0] + "/" + a.get()[1]));
        assertEquals(inJava, inFile);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("runs")
    void matchesPyTorch(String caseName, String problemName) {
        GoldenTrajectories.Run run = golden.get(caseName + "/" + problemName);
        assertNotNull(run, "no golden run " + caseName + "/" + problemName);
        Problems.Problem problem = Problems.ALL.stream().filter(p -> p.name().equals(problemName)).findFirst()
                .orElseThrow();
        Case c = CASES.get(caseName);
        List<Parameter> params = problem.newParameters();
        Optimizer opt = c.optimizer().apply(params, problemName);
        LearningRateScheduler scheduler = null;
        if (c.schedule() != null) {
            LearningRateSchedule schedule = c.schedule().apply(opt.learningRate());
            scheduler = new LearningRateScheduler(opt, schedule);
            checkLearningRate(run, 0, opt.learningRate());
        }
        checkParameters(run, 0, params);
        for (int step = 1; step <= STEPS; step++) {
            problem.setGradients(params);
            opt.step();
            checkParameters(run, step, params);
            if (scheduler != null) {
                scheduler.step();
                checkLearningRate(run, step, opt.learningRate());
            }
        }
        checkState(run, opt, params);
    }

    private static void checkParameters(GoldenTrajectories.Run run, int step, List<Parameter> params) {
        for (Parameter p : params) {
            double[] expected = run.get("param", step, p.name());
            assertNotNull(expected, run.caseName() + "/" + run.problem() + ": no golden value of " + p.name()
                    + " at step " + step);
            compare(run, "parameter " + p.name() + " after step " + step, expected, p.value().toRowMajorArray());
        }
    }

    private static void checkLearningRate(GoldenTrajectories.Run run, int step, double actual) {
        double[] last = run.get("lr", step, "last");
        assertNotNull(last, "no golden learning rate at step " + step);
        compare(run, "learning rate (PyTorch recursive) after " + step + " scheduler steps", last, new double[] {actual});
        double[] closed = run.get("lr", step, "closed");
        if (closed != null) {
            compare(run, "learning rate (PyTorch closed form) after " + step + " scheduler steps", closed,
                    new double[] {actual});
        }
    }

    private static void checkState(GoldenTrajectories.Run run, Optimizer opt, List<Parameter> params) {
        for (Parameter p : params) {
            ParameterState ours = opt.state(p);
            List<String> keys = run.stateKeys(STEPS, p.name());
            assertTrue(!keys.isEmpty() || ours.buffers().isEmpty(), "PyTorch recorded no state for " + p.name());
            for (String key : keys) {
                double[] expected = run.get("state", STEPS, p.name() + "." + key);
                if (key.equals("step")) {
                    assertEquals(expected[0], (double) ours.step(), run.caseName() + ": step count of " + p.name());
                } else {
                    compare(run, "state " + key + " of " + p.name(), expected,
                            ours.buffer(key).toRowMajorArray());
                }
            }
            for (String ourKey : ours.buffers().keySet()) {
                assertTrue(keys.contains(ourKey), run.caseName() + ": our buffer '" + ourKey + "' of " + p.name()
                        + " is not a PyTorch state key " + keys);
            }
        }
    }

    static long compared;
    static long identical;
    static double worst;
    static String worstWhere = "";

    /**
     * Normwise relative comparison: {@code |a_i - e_i| <= tol * max_j |e_j|} for every element {@code i} of
     * one matrix (the infinity-norm relative error {@code ||a - e|| / ||e||}). An element that comes out of
     * a cancellation (for example {@code 0.1 - 0.0999985}) carries the absolute rounding error of the
     * operands, about an ulp of the matrix's largest entries, not of itself; the norm is the honest scale.
     * An all-zero expected matrix must be matched exactly.
     */
    static void compare(GoldenTrajectories.Run run, String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        double norm = 0.0;
        for (double e : expected) {
            norm = Math.max(norm, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            compared++;
            if (Double.doubleToLongBits(a) == Double.doubleToLongBits(e)) {
                identical++;
            }
            double err = norm == 0.0 ? (a == e ? 0.0 : Double.POSITIVE_INFINITY) : Math.abs(a - e) / norm;
            if (err > worst) {
                worst = err;
                worstWhere = run.caseName() + "/" + run.problem() + " " + what + " [" + i + "]";
            }
            if (!(err <= Tolerances.PYTORCH_RELATIVE)) {
                fail(run.caseName() + "/" + run.problem() + ": " + what + " element " + i + ": ours " + a
                        + ", PyTorch " + e + ", normwise relative error " + err + " > " + Tolerances.PYTORCH_RELATIVE);
            }
        }
    }

    @org.junit.jupiter.api.AfterAll
    static void report() {
        System.out.println("PyTorchGoldenTest: " + compared + " values compared, " + identical
                + " bit-identical; worst normwise relative error " + worst + " at " + worstWhere);
    }
}
