package io.github.dlref.verify.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.verify.oracle.spec.Component;
import io.github.dlref.verify.oracle.spec.ModelSpec;
import io.github.dlref.verify.oracle.spec.Spec;
import io.github.dlref.verify.oracle.spec.SpecBuilders;
import io.github.dlref.verify.oracle.spec.SpecParser;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * {@code diagnose} identifies each preset from a trajectory produced with it, starting from a spec that
 * declares another preset; it tells apart the conventions that differ (Keras epsilon-hat and Algorithm 1
 * Adam, epsilon inside and outside the square root, EMA and PyTorch momentum, mean and sum reduction, the
 * BatchNorm momentum conventions) and reports equal computations as indistinguishable.
 */
class DiagnoserTest {

    static final String PROBLEM = "{\"format\": \"dlref.spec.v1\", " + VectorWriter.MLP_PROBLEM
            .replace("\"output\": {\"optimizer_state\": true}", "\"output\": {\"optimizer_state\": false}")
            + ", \"optimizer\": %s}";

    static Spec spec(String optimizer) {
        return SpecParser.parse(PROBLEM.formatted(optimizer));
    }

    static Stream<Arguments> presets() {
        List<Arguments> out = new ArrayList<>();
        String[][] types = {{"sgd", "\"lr\": 0.1, \"momentum\": 0.9"}, {"adagrad", "\"lr\": 0.1"},
            {"rmsprop", "\"lr\": 0.01, \"alpha\": 0.9"}, {"adam", "\"lr\": 0.1"}, {"adamw", "\"lr\": 0.1"}};
        for (String[] t : types) {
            for (String preset : SpecBuilders.presets(t[0])) {
                String declared = preset.equals("pytorch") ? "keras" : "pytorch";
                if (t[0].equals("sgd") && declared.equals("keras")) {
                    declared = "bp_optimizers";
                }
                out.add(Arguments.of(t[0], preset, declared, t[1]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} declared as {2}")
    @MethodSource("presets")
    void identifiesEachPreset(String type, String preset, String declared, String settings) {
        Spec truth = spec("{\"type\": \"" + type + "\", \"preset\": \"" + preset + "\", " + settings + "}");
        Spec asDeclared = spec("{\"type\": \"" + type + "\", \"preset\": \"" + declared + "\", " + settings + "}");
        Trajectory theirs = Runner.run(truth);
        DiagnoseReport report = Diagnoser.diagnose(asDeclared, theirs, Tolerance.DEFAULT);
        Record truthHyper = Diagnoser.canonical(SpecBuilders.hyperparameters(truth.optimizer()));
        assertTrue(report.matches().stream().anyMatch(r -> Diagnoser.canonical(SpecBuilders.hyperparameters(
                r.variant().spec().optimizer())).equals(truthHyper) && r.variant().loss().contains("\"mean\"")), report.verdict());
        assertTrue(report.verdict().startsWith("matches "), report.verdict());
        boolean declaredDiffers = !Comparer.compare(Runner.run(asDeclared), theirs, Tolerance.DEFAULT).passed();
        DiagnoseReport.Result declaredResult = report.results().stream().filter(r -> r.variant().declared())
                .findFirst().orElseThrow();
        assertEquals(!declaredDiffers, declaredResult.matched());
        assertEquals(declaredDiffers, report.verdict().contains("not the spec's own"), report.verdict());
        for (DiagnoseReport.Result r : report.matches()) {
            assertTrue(Comparer.compare(Runner.run(r.variant().spec()), theirs, Tolerance.DEFAULT).passed());
        }
    }

    @Test
    void distinguishesConventionsThatDiffer() {
        String[][] pairs = {
            {"{\"type\": \"adam\", \"preset\": \"keras\", \"lr\": 0.1}", "{\"type\": \"adam\", \"preset\": \"pytorch\", \"lr\": 0.1}"},
            {"{\"type\": \"adagrad\", \"preset\": \"pytorch\", \"lr\": 0.1, \"eps_placement\": \"inside_sqrt\", \"eps\": 1e-4}",
                "{\"type\": \"adagrad\", \"preset\": \"pytorch\", \"lr\": 0.1, \"eps\": 1e-4}"},
            {"{\"type\": \"sgd\", \"preset\": \"bp_optimizers\", \"lr\": 0.1}", "{\"type\": \"sgd\", \"preset\": \"pytorch\", \"lr\": 0.1, \"momentum\": 0.9}"},
            {"{\"type\": \"rmsprop\", \"preset\": \"keras\", \"lr\": 0.01}", "{\"type\": \"rmsprop\", \"preset\": \"pytorch\", \"lr\": 0.01}"},
        };
        for (String[] p : pairs) {
            Spec truth = spec(p[0]);
            DiagnoseReport report = Diagnoser.diagnose(spec(p[1]), Runner.run(truth), Tolerance.DEFAULT);
            assertTrue(report.verdict().contains("not the spec's own"), p[0] + ": " + report.verdict());
            assertTrue(report.verdict().startsWith("matches " + Diagnoser.describeOptimizer(truth.optimizer())),
                    p[0] + ": " + report.verdict());
        }
    }

    @Test
    void identifiesTheSumReduction() {
        Spec declared = spec("{\"type\": \"adam\", \"preset\": \"pytorch\", \"lr\": 0.1}");
        Spec truth = new Spec(declared.model(), declared.parameters(), declared.data(),
                declared.loss().with("reduction", "sum"), declared.regularization(), declared.optimizer(),
                declared.schedule(), declared.training(), declared.output());
        DiagnoseReport report = Diagnoser.diagnose(declared, Runner.run(truth), Tolerance.DEFAULT);
        assertEquals(1, report.matches().size(), report.verdict());
        assertTrue(report.verdict().contains("loss reduction \"sum\"; not the spec's own"), report.verdict());
    }

    /** BatchNorm between the layers; theirs uses Keras's convention with its default momentum 0.99. */
    @Test
    void identifiesTheBatchNormConvention() {
        String bnProblem = PROBLEM.replace("{\"type\": \"relu\"}", "{\"type\": \"batchnorm\"}, {\"type\": \"relu\"}")
                .replace("\"2.weight\"", "\"3.weight\"").replace("\"2.bias\"", "\"3.bias\"");
        Spec declared = SpecParser.parse(bnProblem.formatted("{\"type\": \"sgd\", \"preset\": \"pytorch\", \"lr\": 0.1}"));
        List<Component> layers = new ArrayList<>(declared.model().layers());
        layers.set(1, layers.get(1).with("convention", "keras"));
        Spec truth = new Spec(new ModelSpec(2, layers), declared.parameters(), declared.data(), declared.loss(),
                declared.regularization(), declared.optimizer(), declared.schedule(), declared.training(),
                declared.output());
        DiagnoseReport report = Diagnoser.diagnose(declared, Runner.run(truth), Tolerance.DEFAULT);
        assertTrue(report.verdict().startsWith("matches plain SGD"), report.verdict());
        assertTrue(report.verdict().contains("BatchNorm Keras convention, momentum 0.99 (running = 0.99 running + "
                + "0.010000000000000009 batch, biased variance stored), eps 0.001 (Keras BatchNormalization's defaults); "
                + "not the spec's own"), report.verdict());
        assertFalse(report.verdict().contains("variants match"), report.verdict());
    }
}
