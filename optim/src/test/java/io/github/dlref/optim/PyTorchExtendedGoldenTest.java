package io.github.dlref.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.optim.schedule.CosineDecay;
import io.github.dlref.optim.schedule.CosineWarmRestarts;
import io.github.dlref.optim.schedule.CyclicSchedule;
import io.github.dlref.optim.schedule.GroupLearningRateScheduler;
import io.github.dlref.optim.schedule.LearningRateSchedule;
import io.github.dlref.optim.schedule.LearningRateScheduler;
import io.github.dlref.optim.schedule.OneCycle;
import io.github.dlref.optim.schedule.ReduceLearningRateOnPlateau;
import io.github.dlref.optim.schedule.ReduceLearningRateOnPlateau.Mode;
import io.github.dlref.optim.schedule.ReduceLearningRateOnPlateau.ThresholdMode;
import io.github.dlref.optim.schedule.StepDecay;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The optimizers, clipping forms, parameter groups and schedules of issue 21 against PyTorch float64
 * (golden/pytorch_trajectories_extended.csv, written by golden/make_golden_extended.py with torch 1.13): the
 * parameters after every step, the learning rate of every group after every scheduler step, the total norm
 * {@code clip_grad_norm_} returns, and the optimizer state after the last step. Tolerance
 * {@link Tolerances#PYTORCH_RELATIVE}, normwise per matrix ({@link PyTorchGoldenTest#compare}).
 */
class PyTorchExtendedGoldenTest {

    static final String RESOURCE = "/golden/pytorch_trajectories_extended.csv";
    static final int STEPS = 10;
    static final double[] PLATEAU_METRICS = {10.0, 9.0, 9.5, 9.2, 8.99, 9.0, 9.1, 7.0, 7.0, 6.9995};
    static final List<String> ALL = List.of("cs231n", "bowl", "rosenbrock", "mlp");

    /** What one case runs on one problem: the groups (one optimizer unless grouped) and the per-step hooks. */
    record Setup(List<Optimizer> optimizers, Runnable afterStep, ToDoubleFunction<List<Parameter>> clip) {
    }

    /** A case: how to set it up on a problem's parameters, and the problems it runs on. */
    record Case(BiFunction<List<Parameter>, String, Setup> setup, List<String> problems) {
    }

    static final Map<String, Case> CASES = new LinkedHashMap<>();

    private static void single(String name, BiFunction<List<Parameter>, String, Optimizer> optimizer) {
        CASES.put(name, new Case((ps, problem) -> new Setup(List.of(optimizer.apply(ps, problem)), null, null), ALL));
    }

    private static Optimizer sgdMomentum(List<Parameter> ps, String problem) {
        return new SGD(ps, SGD.Hyperparameters.pytorch(PyTorchGoldenTest.SGD_LR.get(problem)).withMomentum(0.9));
    }

    private static void clipped(String name, ToDoubleFunction<List<Parameter>> clip) {
        CASES.put(name, new Case((ps, problem) -> new Setup(List.of(sgdMomentum(ps, problem)), null, clip), ALL));
    }

    /** SGD with momentum driven by a schedule built from its learning rate. */
    private static void scheduled(String name, DoubleFunction<LearningRateSchedule> schedule) {
        CASES.put(name, new Case((ps, problem) -> {
            Optimizer opt = sgdMomentum(ps, problem);
            LearningRateScheduler s = new LearningRateScheduler(opt, schedule.apply(opt.learningRate()));
            return new Setup(List.of(opt), s::step, null);
        }, ALL));
    }

    private static void plateau(String name, Function<Double, ReduceLearningRateOnPlateau.Settings> settings) {
        CASES.put(name, new Case((ps, problem) -> {
            Optimizer opt = sgdMomentum(ps, problem);
            ReduceLearningRateOnPlateau p = new ReduceLearningRateOnPlateau(List.of(opt),
                    settings.apply(opt.learningRate()));
            int[] step = {0};
            return new Setup(List.of(opt), () -> p.step(PLATEAU_METRICS[step[0]++]), null);
        }, ALL));
    }

    /** The mlp problem's parameters as PyTorch's two groups: weights (W1, W2) and biases (b1, b2). */
    private static ParameterGroups groups(List<Parameter> ps, OptimizerHyperparameters weights,
            OptimizerHyperparameters biases) {
        return new ParameterGroups(List.of(weights.create(List.of(ps.get(0), ps.get(2))),
                biases.create(List.of(ps.get(1), ps.get(3)))));
    }

    private static void grouped(String name, Function<List<Parameter>, ParameterGroups> groups,
            Function<ParameterGroups, Runnable> scheduler) {
        CASES.put(name, new Case((ps, problem) -> {
            ParameterGroups g = groups.apply(ps);
            return new Setup(g.groups(), scheduler == null ? null : scheduler.apply(g), null);
        }, List.of("mlp")));
    }

    static {
        NAdam.Hyperparameters nadam = NAdam.Hyperparameters.pytorch().withLearningRate(0.1);
        single("nadam_default", (ps, p) -> nadam.create(ps));
        single("nadam_momentum_decay", (ps, p) -> nadam.withMomentumDecay(0.5).withBetas(0.8, 0.99).create(ps));
        single("nadam_weight_decay", (ps, p) -> nadam.withWeightDecay(WeightDecay.coupledL2(0.1)).withEpsilon(1e-6)
                .create(ps));
        RAdam.Hyperparameters radam = RAdam.Hyperparameters.pytorch();
        single("radam_default", (ps, p) -> radam.withLearningRate(PyTorchGoldenTest.SGD_LR.get(p)).create(ps));
        single("radam_betas", (ps, p) -> radam.withLearningRate(PyTorchGoldenTest.SGD_LR.get(p)).withBetas(0.8, 0.9)
                .withEpsilon(1e-6).create(ps));
        single("radam_weight_decay", (ps, p) -> radam.withLearningRate(PyTorchGoldenTest.SGD_LR.get(p))
                .withBetas(0.9, 0.9).withWeightDecay(WeightDecay.coupledL2(0.1)).create(ps));
        Adamax.Hyperparameters adamax = Adamax.Hyperparameters.pytorch().withLearningRate(0.1);
        single("adamax_default", (ps, p) -> adamax.create(ps));
        single("adamax_betas_eps", (ps, p) -> adamax.withBetas(0.8, 0.9).withEpsilon(1e-3).create(ps));
        single("adamax_weight_decay", (ps, p) -> adamax.withWeightDecay(WeightDecay.coupledL2(0.1)).create(ps));
        single("adadelta_default", (ps, p) -> Adadelta.Hyperparameters.pytorch().create(ps));
        single("adadelta_rho_eps_weight_decay", (ps, p) -> Adadelta.Hyperparameters.pytorch().withLearningRate(0.5)
                .withRho(0.5).withEpsilon(1e-3).withWeightDecay(WeightDecay.coupledL2(0.1)).create(ps));
        single("rprop_default", (ps, p) -> Rprop.Hyperparameters.pytorch().create(ps));
        single("rprop_etas_step_sizes", (ps, p) -> Rprop.Hyperparameters.pytorch().withLearningRate(0.1)
                .withEtas(0.3, 1.5).withStepSizes(1e-3, 0.2).create(ps));
        ASGD.Hyperparameters asgd = ASGD.Hyperparameters.pytorch();
        single("asgd_default", (ps, p) -> asgd.withLearningRate(PyTorchGoldenTest.SGD_LR.get(p)).create(ps));
        single("asgd_t0_lambd_alpha", (ps, p) -> asgd.withLearningRate(PyTorchGoldenTest.SGD_LR.get(p))
                .withSchedule(0.05, 0.5, 3).create(ps));
        single("asgd_weight_decay", (ps, p) -> asgd.withLearningRate(PyTorchGoldenTest.SGD_LR.get(p))
                .withSchedule(1e-4, 0.75, 0).withWeightDecay(WeightDecay.coupledL2(0.1)).create(ps));
        clipped("clip_norm_1", ps -> GradientClipping.pytorchClipGradNorm(ps, 1.0));
        clipped("clip_norm_100", ps -> GradientClipping.pytorchClipGradNorm(ps, 100.0));
        clipped("clip_value_half", ps -> {
            GradientClipping.clipGradValue(ps, 0.5);
            return Double.NaN;
        });
        SGD.Hyperparameters sgdGroup = SGD.Hyperparameters.pytorch(0.2);
        Function<List<Parameter>, ParameterGroups> sgdGroups = ps -> groups(ps,
                sgdGroup.withLearningRate(0.1).withMomentum(0.9).withWeightDecay(WeightDecay.coupledL2(0.01)),
                sgdGroup.withLearningRate(0.05).withMomentum(0.5));
        grouped("groups_sgd", sgdGroups, null);
        Adam.Hyperparameters adam = Adam.Hyperparameters.pytorch();
        grouped("groups_adam_step", ps -> groups(ps,
                adam.withLearningRate(0.1).withWeightDecay(WeightDecay.coupledL2(0.1)),
                adam.withLearningRate(0.01).withBetas(0.8, 0.99).withEpsilon(1e-6)),
                g -> GroupLearningRateScheduler.fromInitialRates(g, lr -> new StepDecay(lr, 3, 0.5))::step);
        Adam.Hyperparameters adamW = Adam.Hyperparameters.pytorchAdamW().withLearningRate(0.1)
                .withWeightDecay(WeightDecay.decoupled(0.1));
        grouped("groups_adamw_cosine", ps -> groups(ps, adamW,
                adamW.withLearningRate(0.02).withWeightDecay(WeightDecay.decoupled(0.0))),
                g -> GroupLearningRateScheduler.fromInitialRates(g, lr -> CosineDecay.pytorch(lr, 6, 0.001))::step);
        grouped("groups_sgd_onecycle", sgdGroups, g -> new GroupLearningRateScheduler(g,
                List.of(OneCycle.pytorch(0.2, 12), OneCycle.pytorch(0.1, 12)))::step);
        scheduled("sched_onecycle_cos", lr -> OneCycle.pytorch(lr, 10));
        scheduled("sched_onecycle_linear_three_phase",
                lr -> new OneCycle(lr, 12, 0.25, OneCycle.Anneal.LINEAR, 10.0, 100.0, true));
        scheduled("sched_onecycle_cos_three_phase",
                lr -> new OneCycle(lr, 11, 0.4, OneCycle.Anneal.COS, 25.0, 1e4, true));
        scheduled("sched_warm_restarts", lr -> new CosineWarmRestarts(lr, 3, 1, 0.1 * lr));
        scheduled("sched_warm_restarts_mult", lr -> new CosineWarmRestarts(lr, 2, 2, 0.0));
        scheduled("sched_cyclic_triangular",
                lr -> new CyclicSchedule(0.2 * lr, lr, 2, 3, CyclicSchedule.Mode.TRIANGULAR, 1.0));
        scheduled("sched_cyclic_triangular2",
                lr -> new CyclicSchedule(0.1 * lr, lr, 2, 2, CyclicSchedule.Mode.TRIANGULAR2, 1.0));
        scheduled("sched_cyclic_exp_range",
                lr -> new CyclicSchedule(0.1 * lr, lr, 3, 3, CyclicSchedule.Mode.EXP_RANGE, 0.9));
        ReduceLearningRateOnPlateau.Settings plateau = ReduceLearningRateOnPlateau.Settings.pytorch();
        plateau("plateau_min_rel", lr -> plateau.withPatience(1));
        plateau("plateau_min_abs_cooldown", lr -> plateau.withFactor(0.5).withPatience(0)
                .withThreshold(0.05, ThresholdMode.ABSOLUTE).withCooldown(2));
        plateau("plateau_max_rel_min_lr", lr -> plateau.withMode(Mode.MAX).withFactor(0.3).withPatience(1)
                .withMinLearningRate(0.02 * lr));
        plateau("plateau_max_abs_eps", lr -> plateau.withMode(Mode.MAX).withFactor(0.5).withPatience(0)
                .withThreshold(0.5, ThresholdMode.ABSOLUTE).withEpsilon(0.3 * lr));
    }

    static Map<String, GoldenTrajectories.Run> golden;

    @BeforeAll
    static void load() {
        golden = GoldenTrajectories.load(RESOURCE);
    }

    static Stream<Arguments> runs() {
        List<Arguments> out = new ArrayList<>();
        CASES.forEach((name, c) -> c.problems().forEach(p -> out.add(Arguments.of(name, p))));
        return out.stream();
    }

    /** The golden file and this test cover the same cases (L-BFGS is LBFGSTest's). */
    @Test
    void everyGoldenRunHasAJavaCaseAndViceVersa() {
        TreeSet<String> inFile = new TreeSet<>();
        golden.keySet().stream().filter(k -> !k.startsWith("lbfgs_")).forEach(inFile::add);
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
        List<Parameter> params = problem.newParameters();
        Setup setup = CASES.get(caseName).setup().apply(params, problemName);
        checkParameters(run, 0, params);
        checkLearningRates(run, 0, setup.optimizers());
        for (int step = 1; step <= STEPS; step++) {
            problem.setGradients(params);
            if (setup.clip() != null) {
                double total = setup.clip().applyAsDouble(params);
                double[] expected = run.get("norm", step, "total");
                if (expected != null) {
                    PyTorchGoldenTest.compare(run, "total norm at step " + step, expected, new double[] {total});
                }
            }
            for (Optimizer o : setup.optimizers()) {
                o.step();
            }
            checkParameters(run, step, params);
            if (setup.afterStep() != null) {
                setup.afterStep().run();
                checkLearningRates(run, step, setup.optimizers());
            }
        }
        for (Optimizer o : setup.optimizers()) {
            checkState(run, o);
        }
    }

    private static void checkParameters(GoldenTrajectories.Run run, int step, List<Parameter> params) {
        for (Parameter p : params) {
            double[] expected = run.get("param", step, p.name());
            assertNotNull(expected, run.caseName() + ": no golden value of " + p.name() + " at step " + step);
            PyTorchGoldenTest.compare(run, "parameter " + p.name() + " after step " + step, expected,
                    p.value().toRowMajorArray());
        }
    }

    private static void checkLearningRates(GoldenTrajectories.Run run, int step, List<Optimizer> optimizers) {
        int checked = 0;
        for (int g = 0; g < optimizers.size(); g++) {
            String suffix = optimizers.size() == 1 ? "" : "." + g;
            double actual = optimizers.get(g).learningRate();
            for (String form : List.of("last", "closed")) {
                double[] expected = run.get("lr", step, form + suffix);
                if (expected != null) {
                    PyTorchGoldenTest.compare(run, "learning rate (" + form + ") of group " + g + " after " + step
                            + " scheduler steps", expected, new double[] {actual});
                    checked++;
                }
            }
        }
        assertTrue(checked > 0 || run.get("lr", step, "last") == null, run.caseName() + ": no learning rate checked");
    }

    /**
     * State keys as PyTorch's; a scalar PyTorch state (NAdam's {@code mu_product}, ASGD's {@code eta} and
     * {@code mu}) is a buffer here whose every element must equal it.
     */
    private static void checkState(GoldenTrajectories.Run run, Optimizer opt) {
        for (Parameter p : opt.parameters()) {
            ParameterState ours = opt.state(p);
            List<String> keys = run.stateKeys(STEPS, p.name());
            for (String key : keys) {
                double[] expected = run.get("state", STEPS, p.name() + "." + key);
                if (key.equals("step")) {
                    assertEquals(expected[0], (double) ours.step(), run.caseName() + ": step count of " + p.name());
                    continue;
                }
                if (key.equals("momentum_buffer")) {
                    continue;
                }
                double[] actual = ours.buffer(key).toRowMajorArray();
                if (expected.length == 1 && actual.length > 1) {
                    double[] spread = new double[actual.length];
                    java.util.Arrays.fill(spread, expected[0]);
                    expected = spread;
                }
                PyTorchGoldenTest.compare(run, "state " + key + " of " + p.name(), expected, actual);
            }
            for (String ourKey : ours.buffers().keySet()) {
                assertTrue(keys.contains(ourKey), run.caseName() + ": our buffer '" + ourKey + "' of " + p.name()
                        + " is not a PyTorch state key " + keys);
            }
        }
    }

    @AfterAll
    static void report() {
        System.out.println("PyTorchExtendedGoldenTest (with PyTorchGoldenTest's counters): "
                + PyTorchGoldenTest.compared + " values compared, " + PyTorchGoldenTest.identical
                + " bit-identical; worst normwise relative error " + PyTorchGoldenTest.worst + " at "
                + PyTorchGoldenTest.worstWhere);
    }
}
