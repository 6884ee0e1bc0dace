package io.github.dlref.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.optim.schedule.StaircaseInverseTimeDecay;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Keras 3 and Optax forms of NAdam, RAdam and gradient clipping, Dozat's NAdam (PyTorch 2) and Keras's
 * staircase inverse-time decay against golden/framework_forms_extended.csv, which
 * golden/make_framework_forms.py computes with NumPy float64 from each framework's published rule (Keras and
 * Optax are not installed here). Tolerance {@link Tolerances#PYTORCH_RELATIVE}, normwise per matrix.
 */
class FrameworkFormsExtendedTest {

    static final String RESOURCE = "/golden/framework_forms_extended.csv";

    /** An optimizer for a problem, and what to do to the gradients before each step (or null). */
    record Case(BiFunction<List<Parameter>, String, Optimizer> optimizer, Consumer<List<Parameter>> clip) {
    }

    static final Map<String, Case> CASES = new LinkedHashMap<>();

    static {
        CASES.put("nadam_keras", new Case((ps, p) -> NAdam.Hyperparameters.keras().withLearningRate(0.01).create(ps),
                null));
        CASES.put("nadam_dozat", new Case((ps, p) -> NAdam.Hyperparameters.pytorch().withLearningRate(0.1)
                .withForm(NAdam.Form.DOZAT).create(ps), null));
        CASES.put("nadam_optax", new Case((ps, p) -> NAdam.Hyperparameters.optax(0.1).create(ps), null));
        CASES.put("radam_optax", new Case((ps, p) -> RAdam.Hyperparameters.optax(PyTorchGoldenTest.SGD_LR.get(p))
                .create(ps), null));
        BiFunction<List<Parameter>, String, Optimizer> sgd = (ps, p) -> new SGD(ps,
                SGD.Hyperparameters.pytorch(PyTorchGoldenTest.SGD_LR.get(p)).withMomentum(0.9));
        CASES.put("clip_keras_norm", new Case(sgd, ps -> GradientClipping.kerasClipNorm(ps, 1.0)));
        CASES.put("clip_keras_global_norm", new Case(sgd, ps -> GradientClipping.kerasGlobalClipNorm(ps, 1.0)));
        CASES.put("clip_optax_global_norm", new Case(sgd, ps -> GradientClipping.optaxClipByGlobalNorm(ps, 1.0)));
    }

    static Map<String, GoldenTrajectories.Run> golden;

    @BeforeAll
    static void load() {
        golden = GoldenTrajectories.load(RESOURCE);
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

    @Test
    void everyReferenceRunHasAJavaCaseAndViceVersa() {
        TreeSet<String> inFile = new TreeSet<>(golden.keySet());
        inFile.remove("schedule_keras_staircase/none");
        TreeSet<String> inJava = new TreeSet<>();
        runs().forEach(a -> inJava.add(a.get()[0] + "/" + a.get()[1]));
        assertEquals(inJava, inFile);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("runs")
    void matchesTheFrameworkFormula(String caseName, String problemName) {
        GoldenTrajectories.Run run = golden.get(caseName + "/" + problemName);
        assertNotNull(run);
        Problems.Problem problem = Problems.ALL.stream().filter(p -> p.name().equals(problemName)).findFirst()
                .orElseThrow();
        List<Parameter> params = problem.newParameters();
        Case c = CASES.get(caseName);
        Optimizer opt = c.optimizer().apply(params, problemName);
        for (int step = 1; step <= PyTorchGoldenTest.STEPS; step++) {
            problem.setGradients(params);
            if (c.clip() != null) {
                c.clip().accept(params);
            }
            opt.step();
            for (Parameter p : params) {
                PyTorchGoldenTest.compare(run, "parameter " + p.name() + " after step " + step,
                        run.get("param", step, p.name()), p.value().toRowMajorArray());
            }
        }
    }

    @Test
    void kerasStaircaseInverseTimeDecay() {
        GoldenTrajectories.Run run = golden.get("schedule_keras_staircase/none");
        StaircaseInverseTimeDecay s = new StaircaseInverseTimeDecay(0.1, 0.5, 3);
        for (int t = 0; t <= 20; t++) {
            PyTorchGoldenTest.compare(run, "lr at step " + t, run.get("lr", t, "keras"), new double[] {s.learningRate(t)});
        }
    }
}
