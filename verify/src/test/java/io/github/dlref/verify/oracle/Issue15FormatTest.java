package io.github.dlref.verify.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlref.math.Matrix;
import io.github.dlref.verify.TestTolerances;
import io.github.dlref.verify.oracle.spec.ParametersSpec;
import io.github.dlref.verify.oracle.spec.Spec;
import io.github.dlref.verify.oracle.spec.SpecException;
import io.github.dlref.verify.oracle.spec.SpecParser;
import io.github.dlref.verify.oracle.spec.SpecWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's additions to the spec and trajectory formats, against implementations other than dlref:
 * <ul>
 *   <li>BatchNorm buffers with given starting values and evaluation-mode forwards (every layer's output, the scalar
 *       and its gradient with respect to the inputs), against PyTorch 1.13 float64 ({@code issue15/format_torch.py}:
 *       torch.nn, torch.optim, forward hooks, {@code torch.autograd.grad}): every value within
 *       {@code 1e-12 + 1e-12 |ours|} and every matrix within a normwise relative error of 1e-12;</li>
 *   <li>{@code "weight_layout": "inputs_x_outputs"}: a CS231n-style NumPy network that stores {@code W1} as
 *       {@code D x H} with 1-D biases ({@code issue15/cs231n_layout_numpy.py}) passes {@code check} against the
 *       spec that declares the layout, and {@code run} writes its weights in that layout;</li>
 *   <li>the parser's and comparer's refusals of the new fields, each naming the JSON path.</li>
 * </ul>
 */
class Issue15FormatTest {

    static final Tolerance TIGHT = new Tolerance(1e-12, 1e-12);

    static JsonNode resource(String name) throws IOException {
        try (InputStream in = Issue15FormatTest.class.getResourceAsStream("/issue15/" + name)) {
            return SpecParser.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void buffersAndEvaluationForwardsMatchPyTorch() throws IOException {
        JsonNode root = resource("format_torch.json");
        List<String> names = new java.util.ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            String name = c.get("name").asText();
            names.add(name);
            Spec spec = SpecParser.parse(c.get("spec"));
            Trajectory theirs = TrajectoryJson.read(c.get("trajectory"));
            Trajectory ours = Runner.run(spec);
            assertEquals(theirs.evaluations().size(), ours.evaluations().size(), name);
            assertFalse(ours.evaluations().isEmpty(), name);
            CheckReport report = Comparer.compare(ours, theirs, TIGHT);
            assertTrue(report.passed(), name + ": " + report.firstFailure());
            // normwise per matrix, except the gradient of the linear bias before BatchNorm: it is 0 in exact
            // arithmetic (the normalization removes it), both sides hold rounding residues of about 1e-17, and the
            // per-value criterion above (atol 1e-12) is the measure there
            for (NormwiseError e : report.normwise()) {
                boolean zeroByTheory = name.startsWith("batchnorm") && e.quantity().equals("gradients")
                        && e.name().equals("0.bias");
                assertTrue(e.error() <= TestTolerances.PYTORCH_NORMWISE_RELATIVE || zeroByTheory, name + ": " + e);
            }
            for (Trajectory.Step s : ours.steps()) {
                if (name.startsWith("batchnorm")) {
                    assertTrue(s.gradients().get("0.bias").abs().maxValue() < 1e-13, name + ": " + s.gradients().get("0.bias"));
                }
            }
            // every evaluation value was compared: outputs of every layer, the scalar and the input gradient
            long evaluationValues = 0;
            for (Trajectory.Evaluation e : ours.evaluations()) {
                for (Matrix m : e.outputs().values()) {
                    evaluationValues += (long) m.rows() * m.cols();
                }
                evaluationValues += 1 + (long) e.inputGradient().rows() * e.inputGradient().cols();
                assertEquals(spec.model().layers().size(), e.outputs().size(), name);
            }
            Trajectory plain = new Trajectory(theirs.producer(), theirs.optimizer(), theirs.initial(), theirs.steps());
            Trajectory oursPlain = Runner.run(spec.withOutput(new io.github.dlref.verify.oracle.spec.OutputSpec(false)));
            assertEquals(report.compared() - evaluationValues, Comparer.compare(oursPlain, plain, TIGHT).compared(),
                    name);
        }
        assertEquals(List.of("batchnorm_buffers_eval_weighted_cross_entropy", "layer_norm_gelu_eval_mse_targets",
                "batchnorm_plain_buffers_eval_sum"), names);
    }

    @Test
    void givenBuffersAreWhatTheFirstStepStartsFrom() throws IOException {
        JsonNode c = resource("format_torch.json").get("cases").get(0);
        Spec spec = SpecParser.parse(c.get("spec"));
        Trajectory ours = Runner.run(spec);
        Matrix mean = spec.parameters().buffers().get("1.running_mean");
        assertEquals(mean, ours.initial().get().buffers().get("1.running_mean"));
        // after the first step: 0.8 running + 0.2 batch mean (momentum 0.2), so not the default zeros' 0.2 batch mean
        Spec zeros = spec.withParameters(new ParametersSpec(spec.parameters().seed(), spec.parameters().values()));
        Matrix fromGiven = ours.steps().get(0).buffers().get("1.running_mean");
        Matrix fromZeros = Runner.run(zeros).steps().get(0).buffers().get("1.running_mean");
        for (int j = 0; j < mean.cols(); j++) {
            assertEquals(0.8 * mean.get(0, j), fromGiven.get(0, j) - fromZeros.get(0, j), 1e-15);
        }
    }

    @Test
    void theEvaluationChangesNothingInTheTraining() throws IOException {
        JsonNode c = resource("format_torch.json").get("cases").get(0);
        Spec spec = SpecParser.parse(c.get("spec"));
        Trajectory with = Runner.run(spec);
        Trajectory without = Runner.run(spec.withOutput(new io.github.dlref.verify.oracle.spec.OutputSpec(false)));
        assertEquals(TrajectoryJson.write(without).get("steps"), TrajectoryJson.write(with).get("steps"));
        assertTrue(without.evaluations().isEmpty());
    }

    @Test
    void aNumpyNetworkWithWeightsInputsByOutputsPassesCheck() throws IOException {
        Spec spec = SpecParser.parse(resource("cs231n_layout.spec.json"));
        assertEquals(ParametersSpec.INPUTS_X_OUTPUTS, spec.parameters().weightLayout());
        assertEquals(5, spec.parameters().values().get("0.weight").rows()); // in memory: outputs x inputs
        Trajectory theirs = TrajectoryJson.read(resource("cs231n_layout.numpy.trajectory.json"));
        Trajectory ours = Runner.run(spec);
        CheckReport report = Comparer.compare(ours, theirs, Tolerance.DEFAULT);
        assertTrue(report.passed(), String.valueOf(report.firstFailure()));
        assertTrue(report.maxNormwiseError() <= TestTolerances.PYTORCH_NORMWISE_RELATIVE, "" + report.maxNormwiseError());
        // run writes the layout it was asked for: W1 is 4 x 5 (D x H), and it says so
        ObjectNode written = TrajectoryJson.write(ours);
        assertEquals("inputs_x_outputs", written.get("weight_layout").asText());
        JsonNode w1 = written.get("steps").get(0).get("parameters").get("0.weight");
        assertEquals(4, w1.size());
        assertEquals(5, w1.get(0).size());
        assertEquals(4, written.get("steps").get(0).get("gradients").get("0.weight").size());
        // a divergence names the row and column of theirs as written: perturb W1[3][1] at step 2
        ObjectNode broken = (ObjectNode) resource("cs231n_layout.numpy.trajectory.json");
        ArrayNode row = (ArrayNode) broken.get("steps").get(1).get("parameters").get("0.weight").get(3);
        row.set(1, row.get(1).doubleValue() + 1e-6);
        CheckReport fails = Comparer.compare(ours, TrajectoryJson.read(broken), Tolerance.DEFAULT);
        assertEquals(1, fails.failures());
        assertEquals("step 2, parameters 0.weight[3][1]", fails.firstFailure().get().location());
        // the spec written back reads back equal, in its layout
        String text = SpecWriter.toJson(spec);
        assertTrue(text.contains("\"weight_layout\" : \"inputs_x_outputs\""), text);
        assertEquals(spec, SpecParser.parse(text));
    }

    @Test
    void theSameNumbersInTheDefaultLayoutAreRefusedWithThePath() throws IOException {
        ObjectNode spec = (ObjectNode) resource("cs231n_layout.spec.json");
        ((ObjectNode) spec.get("parameters")).remove("weight_layout");
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse(spec));
        assertEquals("$.parameters.values['0.weight']: expected a 5 x 4 matrix for \"0.weight\", got 4x5",
                e.getMessage());
        ObjectNode transposedShape = (ObjectNode) resource("cs231n_layout.spec.json");
        ((ObjectNode) transposedShape.get("parameters").get("values")).set("0.weight",
                SpecParser.readTree("[[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4]]"));
        assertEquals("$.parameters.values['0.weight']: expected a 4 x 5 matrix for \"0.weight\" (inputs x outputs, as "
                + "weight_layout says), got 5x4", assertThrows(SpecException.class,
                        () -> SpecParser.parse(transposedShape)).getMessage());
        // a trajectory that declares another layout than the spec's
        Spec pytorch = SpecParser.parse(resource("format_torch.json").get("cases").get(1).get("spec"));
        ObjectNode theirs = (ObjectNode) resource("cs231n_layout.numpy.trajectory.json");
        SpecException layout = assertThrows(SpecException.class, () -> Comparer.compare(Runner.run(pytorch),
                TrajectoryJson.read(theirs), Tolerance.DEFAULT));
        assertEquals("$.weight_layout: expected \"outputs_x_inputs\" (the spec's parameters.weight_layout), got "
                + "\"inputs_x_outputs\"", layout.getMessage());
        ObjectNode badLayout = (ObjectNode) resource("cs231n_layout.spec.json");
        ((ObjectNode) badLayout.get("parameters")).put("weight_layout", "columns");
        assertEquals("$.parameters.weight_layout: expected one of [\"outputs_x_inputs\", \"inputs_x_outputs\"], got "
                + "a string \"columns\"", assertThrows(SpecException.class, () -> SpecParser.parse(badLayout))
                        .getMessage());
    }

    static ObjectNode spec(int index) throws IOException {
        return (ObjectNode) resource("format_torch.json").get("cases").get(index).get("spec");
    }

    static String refusal(ObjectNode tree) {
        return assertThrows(SpecException.class, () -> SpecParser.parse(tree)).getMessage();
    }

    @Test
    void bufferErrorsNameThePath() throws IOException {
        ObjectNode unknown = spec(0);
        ((ObjectNode) unknown.get("parameters").get("buffers")).set("3.running_mean", SpecParser.readTree("[0.0]"));
        assertEquals("$.parameters.buffers['3.running_mean']: the model has no buffer \"3.running_mean\"; its buffers "
                + "are [\"1.running_mean\", \"1.running_var\"]", refusal(unknown));
        ObjectNode shape = spec(0);
        ((ObjectNode) shape.get("parameters").get("buffers")).set("1.running_var", SpecParser.readTree("[1.0, 2.0]"));
        assertEquals("$.parameters.buffers['1.running_var']: expected a 1 x 4 matrix for \"1.running_var\", got 1x2",
                refusal(shape));
        ObjectNode negative = spec(0);
        ((ObjectNode) negative.get("parameters").get("buffers")).set("1.running_var",
                SpecParser.readTree("[1.0, 2.0, -0.5, 1.0]"));
        assertEquals("$.parameters.buffers['1.running_var'][2]: expected a variance >= 0.0, got -0.5",
                refusal(negative));
        ObjectNode notObject = spec(0);
        ((ObjectNode) notObject.get("parameters")).put("buffers", 3);
        assertEquals("$.parameters.buffers: expected an object, got 3", refusal(notObject));
    }

    @Test
    void evaluationErrorsNameThePath() throws IOException {
        String[][] cases = {
            {"{\"inputs\": [[1, 2, 3]], \"scalar\": \"loss\", \"after_steps\": [0]}",
                "$.output.evaluation: missing required key \"targets\" (an N x K matrix) or \"classes\" (N class "
                        + "indices): \"scalar\" is \"loss\""},
            {"{\"inputs\": [[1, 2, 3]], \"classes\": [0], \"scalar\": \"sum\", \"after_steps\": [0]}",
                "$.output.evaluation.classes: given, but \"scalar\" is \"sum\", which uses no targets"},
            {"{\"inputs\": [[1, 2, 3]], \"classes\": [0], \"targets\": [[1, 0, 0]], \"scalar\": \"loss\", "
                    + "\"after_steps\": [0]}", "$.output.evaluation: give \"targets\" or \"classes\", not both"},
            {"{\"inputs\": [[1, 2, 3]], \"classes\": [0, 1], \"scalar\": \"loss\", \"after_steps\": [0]}",
                "$.output.evaluation.classes: expected 1 class indices (one per input row), got 2"},
            {"{\"inputs\": [[1, 2, 3]], \"classes\": [3], \"scalar\": \"loss\", \"after_steps\": [0]}",
                "$.output.evaluation.classes[0]: expected a class index in [0, 3) (the model's output width), got 3"},
            {"{\"inputs\": [[1, 2]], \"classes\": [1], \"scalar\": \"loss\", \"after_steps\": [0]}",
                "$.output.evaluation.inputs: expected rows of 3 values (model.input), got 2"},
            {"{\"inputs\": [[1, 2, 3]], \"targets\": [[1, 0]], \"scalar\": \"loss\", \"after_steps\": [0]}",
                "$.output.evaluation.targets: expected rows of 3 values (the model's output width), got 2"},
            {"{\"inputs\": [[1, 2, 3]], \"scalar\": \"sum\", \"after_steps\": [0, 6]}",
                "$.output.evaluation.after_steps[1]: expected a step in [0, 5] (training.steps), got 6"},
            {"{\"inputs\": [[1, 2, 3]], \"scalar\": \"sum\", \"after_steps\": [2, 2]}",
                "$.output.evaluation.after_steps[1]: expected a strictly increasing array of step numbers >= 0 (0: "
                        + "before the first step), got [2, 2]"},
            {"{\"inputs\": [[1, 2, 3]], \"scalar\": \"sum\", \"after_steps\": []}",
                "$.output.evaluation.after_steps: expected a non-empty array of step numbers, got []"},
            {"{\"inputs\": [[1, 2, 3]], \"scalar\": \"sum\", \"after_steps\": [-1]}",
                "$.output.evaluation.after_steps[0]: expected an integer >= 0, got -1"},
            {"{\"inputs\": [[1, 2, 3]], \"scalar\": \"mean\", \"after_steps\": [0]}",
                "$.output.evaluation.scalar: expected one of [\"loss\", \"sum\"], got a string \"mean\""},
            {"{\"inputs\": [[1, 2, 3]], \"scalar\": \"sum\", \"after_steps\": 3}",
                "$.output.evaluation.after_steps: expected an array of step numbers, got 3"},
            {"{\"inputs\": [[1, 2, 3]], \"scalar\": \"sum\", \"after_steps\": [1], \"at\": 1}",
                "$.output.evaluation.at: unknown key \"at\"; expected one of [\"inputs\", \"targets\", \"classes\", "
                        + "\"scalar\", \"after_steps\"]"},
            {"{\"inputs\": [[1, 2, 3]], \"after_steps\": [1]}",
                "$.output.evaluation: missing required key \"scalar\" (\"loss\" or \"sum\")"},
        };
        for (String[] c : cases) {
            ObjectNode tree = spec(0);
            ((ObjectNode) tree.get("output")).set("evaluation", SpecParser.readTree(c[0]));
            assertEquals(c[1], refusal(tree), c[0]);
        }
        ObjectNode regression = spec(1);
        ((ObjectNode) regression.get("output")).set("evaluation", SpecParser.readTree(
                "{\"inputs\": [[1, 2, 3]], \"classes\": [1], \"scalar\": \"loss\", \"after_steps\": [0]}"));
        assertEquals("$.output.evaluation.classes: class indices need a classification loss, and the spec's loss is "
                + "\"mse\"; give \"targets\" instead", refusal(regression));
    }

    @Test
    void evaluationsInTheirTrajectoryMustBeTheOnesAskedFor() throws IOException {
        JsonNode c = resource("format_torch.json").get("cases").get(2);
        Spec spec = SpecParser.parse(c.get("spec"));
        Trajectory ours = Runner.run(spec);
        ObjectNode missing = (ObjectNode) c.get("trajectory").deepCopy();
        missing.remove("evaluations");
        assertEquals("$.evaluations: missing: the spec's output.evaluation asks for evaluation-mode forwards after "
                + "steps [1, 3]", assertThrows(SpecException.class, () -> Comparer.compare(ours,
                        TrajectoryJson.read(missing), TIGHT)).getMessage());
        ObjectNode other = (ObjectNode) c.get("trajectory").deepCopy();
        ((ArrayNode) other.get("evaluations")).remove(0);
        assertEquals("$.evaluations: expected evaluation forwards after steps [1, 3] (output.evaluation.after_steps), "
                + "got [3]", assertThrows(SpecException.class, () -> Comparer.compare(ours,
                        TrajectoryJson.read(other), TIGHT)).getMessage());
        ObjectNode wrongLayer = (ObjectNode) c.get("trajectory").deepCopy();
        ObjectNode outputs = (ObjectNode) wrongLayer.get("evaluations").get(0).get("outputs");
        outputs.set("fc", outputs.remove("3"));
        assertEquals("$.evaluations[0].outputs: missing [3], found unknown [fc] (expected exactly [0, 1, 2, 3])",
                assertThrows(SpecException.class, () -> Comparer.compare(ours, TrajectoryJson.read(wrongLayer), TIGHT))
                        .getMessage());
        // a wrong input gradient is a failure located in the evaluation after its step
        ObjectNode wrong = (ObjectNode) c.get("trajectory").deepCopy();
        ArrayNode g = (ArrayNode) wrong.get("evaluations").get(1).get("input_gradient").get(2);
        g.set(0, -g.get(0).doubleValue());
        CheckReport report = Comparer.compare(ours, TrajectoryJson.read(wrong), TIGHT);
        assertEquals(1, report.failures());
        assertEquals("step 3, evaluation input_gradient[2][0]", report.firstFailure().get().location());
        ObjectNode unasked = (ObjectNode) c.get("trajectory").deepCopy();
        Trajectory plain = Runner.run(spec.withOutput(new io.github.dlref.verify.oracle.spec.OutputSpec(false)));
        assertTrue(Comparer.compare(plain, TrajectoryJson.read(unasked), TIGHT).passed());
        ObjectNode badKey = (ObjectNode) c.get("trajectory").deepCopy();
        ((ObjectNode) badKey.get("evaluations").get(0)).put("mode", "eval");
        assertEquals("$.evaluations[0].mode: unknown key \"mode\"; expected one of [after_step, outputs, scalar, "
                + "input_gradient]", assertThrows(SpecException.class, () -> TrajectoryJson.read(badKey))
                        .getMessage());
    }

    @Test
    void trajectoryReadingRefusesMalformedAdditionsWithThePath() {
        String base = "{\"format\": \"dlref.trajectory.v1\", \"steps\": []";
        assertEquals("$.weight_layout: expected one of [\"outputs_x_inputs\", \"inputs_x_outputs\"], got 3",
                assertThrows(SpecException.class, () -> TrajectoryJson.read(base + ", \"weight_layout\": 3}"))
                        .getMessage());
        assertEquals("$.evaluations: expected an array of evaluation forwards, got an object", assertThrows(SpecException.class,
                () -> TrajectoryJson.read(base + ", \"evaluations\": {}}")).getMessage());
        assertEquals("$.evaluations[0]: missing required key \"scalar\"", assertThrows(SpecException.class,
                () -> TrajectoryJson.read(base + ", \"evaluations\": [{\"after_step\": 0, \"outputs\": {}}]}"))
                        .getMessage());
        assertEquals("$.evaluations[0].after_step: expected an integer >= 0, got -1", assertThrows(SpecException.class,
                () -> TrajectoryJson.read(base + ", \"evaluations\": [{\"after_step\": -1}]}")).getMessage());
        Trajectory t = TrajectoryJson.read(base + ", \"weight_layout\": \"outputs_x_inputs\"}");
        assertEquals(java.util.Optional.of("outputs_x_inputs"), t.weightLayout());
    }

    @Test
    void aLossThatRefusesTheEvaluationTargetsIsASpecError() throws IOException {
        ObjectNode tree = spec(1);
        tree.set("loss", SpecParser.readTree("{\"type\": \"bce\"}"));
        tree.set("model", SpecParser.readTree("{\"input\": 3, \"layers\": [{\"type\": \"linear\", \"out\": 2},"
                + " {\"type\": \"sigmoid\"}]}"));
        ((ObjectNode) tree.get("parameters")).remove("values");
        ((ObjectNode) tree.get("parameters")).put("seed", 3);
        ObjectNode data = (ObjectNode) tree.get("data");
        data.set("targets", SpecParser.readTree("[[1, 0], [0, 1], [1, 1], [0, 0], [1, 0], [0, 1]]"));
        ((ObjectNode) tree.get("output").get("evaluation")).set("targets", SpecParser.readTree(
                "[[2, 0], [0, 1], [1, 1], [0, 0]]"));
        Spec spec = SpecParser.parse(tree);
        SpecException e = assertThrows(SpecException.class, () -> Runner.run(spec));
        assertTrue(e.getMessage().startsWith("$.output.evaluation: the loss refuses the evaluation targets after step 0: "),
                e.getMessage());
    }

    @Test
    void theTrajectoryWithEvaluationsRoundTripsAndValidates() throws Exception {
        JsonNode c = resource("format_torch.json").get("cases").get(0);
        Trajectory ours = Runner.run(SpecParser.parse(c.get("spec")));
        ObjectNode json = TrajectoryJson.write(ours);
        SchemasTest.valid("trajectory.schema.json", json);
        SchemasTest.valid("trajectory.schema.json", c.get("trajectory"));
        SchemasTest.valid("spec.schema.json", c.get("spec"));
        SchemasTest.valid("spec.schema.json", resource("cs231n_layout.spec.json"));
        SchemasTest.valid("trajectory.schema.json", resource("cs231n_layout.numpy.trajectory.json"));
        Trajectory back = TrajectoryJson.read(json);
        assertEquals(json, TrajectoryJson.write(back));
        Spec spec = SpecParser.parse(c.get("spec"));
        assertEquals(spec, SpecParser.parse(SpecWriter.toJson(spec)));
    }
}
