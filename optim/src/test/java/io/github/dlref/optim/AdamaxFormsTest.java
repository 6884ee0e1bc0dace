package io.github.dlref.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.dlref.autograd.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Keras 3 and Optax presets of {@link Adamax} against golden/adamax_forms.csv, which
 * golden/make_adamax_forms.py computes with NumPy float64 from each framework's published rule (Keras and Optax
 * are not installed here): parameters after every step and both buffers after the last. Tolerance
 * {@link Tolerances#PYTORCH_RELATIVE}, normwise per matrix.
 */
class AdamaxFormsTest {

    static final String RESOURCE = "/golden/adamax_forms.csv";

    static final Map<String, Function<List<Parameter>, Optimizer>> CASES = new LinkedHashMap<>();

    static {
        CASES.put("adamax_keras", ps -> Adamax.Hyperparameters.keras().withLearningRate(0.01).create(ps));
        CASES.put("adamax_keras_eps", ps -> Adamax.Hyperparameters.keras().withLearningRate(0.1).withEpsilon(0.1)
                .create(ps));
        CASES.put("adamax_optax", ps -> Adamax.Hyperparameters.optax(0.1).create(ps));
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
        TreeSet<String> inJava = new TreeSet<>();
        runs().forEach(a -> inJava.add(a.get()[0] + "/" + a.get()[1]));
        assertEquals(inJava, new TreeSet<>(golden.keySet()));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("runs")
    void matchesTheFrameworkFormula(String caseName, String problemName) {
        GoldenTrajectories.Run run = golden.get(caseName + "/" + problemName);
        assertNotNull(run);
        Problems.Problem problem = Problems.ALL.stream().filter(p -> p.name().equals(problemName)).findFirst()
                .orElseThrow();
        List<Parameter> params = problem.newParameters();
        Optimizer opt = CASES.get(caseName).apply(params);
        for (int step = 1; step <= PyTorchGoldenTest.STEPS; step++) {
            problem.setGradients(params);
            opt.step();
            for (Parameter p : params) {
                PyTorchGoldenTest.compare(run, "parameter " + p.name() + " after step " + step,
                        run.get("param", step, p.name()), p.value().toRowMajorArray());
            }
        }
        for (Parameter p : params) {
            for (String key : List.of("exp_avg", "exp_inf")) {
                PyTorchGoldenTest.compare(run, "state " + key + " of " + p.name(),
                        run.get("state", PyTorchGoldenTest.STEPS, p.name() + "." + key),
                        opt.state(p).buffer(key).toRowMajorArray());
            }
        }
    }
}
