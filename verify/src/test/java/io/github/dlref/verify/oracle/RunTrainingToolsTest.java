package io.github.dlref.verify.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlref.math.Matrix;
import io.github.dlref.verify.TestTolerances;
import io.github.dlref.verify.oracle.spec.Spec;
import io.github.dlref.verify.oracle.spec.SpecException;
import io.github.dlref.verify.oracle.spec.SpecParser;
import io.github.dlref.verify.oracle.spec.SpecWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code dlref run} with issue 21's training tools against PyTorch 1.13 float64
 * ({@code scripts/golden/issue21_run_tools_torch.py}, output {@code issue21/run_tools_torch.json}): the five
 * gradient-clipping forms, parameter groups selected by role and by name (with a per-epoch StepLR and a per-step
 * cosine schedule acting on every group from its own rate), {@code reduce_on_plateau} monitored per epoch and per
 * step (relative and absolute thresholds, cooldown, {@code min_lr}, over groups) and L-BFGS (PyTorch's defaults,
 * strong Wolfe on mini-batches, cross-entropy with an L2 penalty). Every step's loss and first group's learning rate,
 * and every parameter after every step, agree to 1e-12 relative to each matrix's largest magnitude, except where
 * PyTorch's own trajectory is more sensitive than that to rounding (L-BFGS's later steps on the ill-conditioned
 * cases): there the budget is 100 times the measured sensitivity ({@link #budget}). Also the spec
 * errors of the new settings, one line each with its JSON path.
 */
class RunTrainingToolsTest {

    private static double normwise(Matrix expected, Matrix actual) {
        double scale = Math.max(expected.abs().maxValue(), Double.MIN_NORMAL);
        return expected.minus(actual).abs().maxValue() / scale;
    }

    private static Matrix matrix(JsonNode rows) {
        double[][] v = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            v[i] = new double[rows.get(i).size()];
            for (int j = 0; j < v[i].length; j++) {
                v[i][j] = rows.get(i).get(j).doubleValue();
            }
        }
        return Matrix.of(v);
    }

    static JsonNode cases() throws IOException {
        try (InputStream in = RunTrainingToolsTest.class.getResourceAsStream("/issue21/run_tools_torch.json")) {
            return new ObjectMapper().readTree(in).get("cases");
        }
    }

    /**
     * The error budget of a step: 1e-12 relative, or 100 times the measured sensitivity of PyTorch's own trajectory
     * at that step to a one-ulp change of an initial weight, whichever is larger. Only L-BFGS's later steps have a
     * sensitivity above 1e-14 (up to 5.5e-9: its curvature pairs divide by small differences of gradients).
     */
    private static double budget(double sensitivity) {
        return Math.max(TestTolerances.PYTORCH_NORMWISE_RELATIVE, 100 * sensitivity);
    }

    private static boolean close(double expected, double actual) {
        return Math.abs(actual - expected) <= TestTolerances.PYTORCH_NORMWISE_RELATIVE * Math.abs(expected);
    }

    @Test
    void runsMatchPyTorch() throws IOException {
        List<String> failures = new ArrayList<>();
        int compared = 0;
        int cases = 0;
        double worst = 0;
        for (JsonNode c : cases()) {
            cases++;
            String name = c.get("name").asText();
            Spec spec = SpecParser.parse(c.get("spec"));
            Trajectory t = Runner.run(spec);
            assertEquals(c.get("losses").size(), t.steps().size(), name);
            for (int s = 0; s < t.steps().size(); s++) {
                Trajectory.Step step = t.steps().get(s);
                double loss = c.get("losses").get(s).doubleValue();
                if (!close(loss, step.loss()) && s > 0 && Math.abs(step.loss() - loss) > budget(c.get("sensitivity")
                        .get(s - 1).doubleValue()) * Math.abs(loss)) {
                    failures.add(name + " step " + s + " loss: PyTorch " + loss + ", dlref " + step.loss());
                }
                double lr = c.get("learning_rates").get(s).doubleValue();
                if (!close(lr, step.learningRate().orElseThrow())) {
                    failures.add(name + " step " + s + " lr: PyTorch " + lr + ", dlref " + step.learningRate());
                }
                JsonNode params = c.get("parameters").get(s);
                assertEquals(params.size(), step.parameters().size(), name);
                double budget = budget(c.get("sensitivity").get(s).doubleValue());
                for (Map.Entry<String, Matrix> e : step.parameters().entrySet()) {
                    double err = normwise(matrix(params.get(e.getKey())), e.getValue());
                    compared++;
                    worst = Math.max(worst, err / budget);
                    if (err > budget) {
                        failures.add(name + " step " + s + " " + e.getKey() + ": relative error " + err + " > " + budget);
                    }
                }
            }
            // the spec reads back from its own writing, and runs to the same bits
            Spec again = SpecParser.parse(SpecWriter.toJson(spec));
            assertEquals(SpecWriter.toJson(spec), SpecWriter.toJson(again), name);
            assertEquals(TrajectoryJson.write(t).toString(), TrajectoryJson.write(Runner.run(again)).toString(), name);
        }
        assertEquals(15, cases);
        assertTrue(worst > 0.01, "worst error over budget " + worst);
        assertTrue(compared > 400, "compared " + compared);
        assertEquals(List.of(), failures);
    }

    @Test
    void theToolsChangeTheNumbers() throws IOException {
        // each case differs from the same spec without its tool (plain SGD for L-BFGS), so the comparison above can
        // fail
        for (JsonNode c : cases()) {
            String name = c.get("name").asText();
            ObjectNode plain = (ObjectNode) c.get("spec").deepCopy();
            ((ObjectNode) plain.get("training")).remove("clipping");
            plain.remove("schedule");
            ObjectNode optimizer = (ObjectNode) plain.get("optimizer");
            optimizer.remove("param_groups");
            if ("lbfgs".equals(optimizer.get("type").asText())) {
                plain.set("optimizer", new ObjectMapper().createObjectNode().put("type", "sgd").put("preset", "pytorch")
                        .put("lr", optimizer.has("lr") ? optimizer.get("lr").asDouble() : 1.0));
            }
            Trajectory with = Runner.run(SpecParser.parse(c.get("spec")));
            Trajectory without = Runner.run(SpecParser.parse(plain));
            Matrix last = with.steps().get(with.steps().size() - 1).parameters().get("2.weight");
            Matrix other = without.steps().get(without.steps().size() - 1).parameters().get("2.weight");
            assertTrue(normwise(last, other) > 1e-6, name);
        }
    }

    private static final String BASE = "{\"format\": \"dlref.spec.v1\", \"model\": {\"input\": 2, \"layers\": "
            + "[{\"type\": \"linear\", \"out\": 3}, {\"type\": \"tanh\"}, {\"type\": \"linear\", \"out\": 1}]}, "
            + "\"parameters\": {\"seed\": 1}, \"data\": {\"inputs\": [[1.0, 2.0], [0.5, -1.0], [0.0, 1.0]], "
            + "\"targets\": [[1.0], [0.0], [0.5]]}, \"loss\": {\"type\": \"mse\"}";

    private static String spec(String optimizer, String extra, String training) {
        return BASE + ", \"optimizer\": " + optimizer + extra + ", \"training\": {\"steps\": 2" + training + "}}";
    }

    private static String error(String text) {
        SpecException e = assertThrows(SpecException.class, () -> Runner.run(SpecParser.parse(text)));
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    private static final String SGD = "{\"type\": \"sgd\", \"preset\": \"pytorch\", \"lr\": 0.1}";

    @Test
    void badClippingIsOneLineWithItsJsonPath() {
        assertEquals("$.training.clipping.max_norm: expected a finite number >= 0.0, got -1.0",
                error(spec(SGD, "", ", \"clipping\": {\"type\": \"clip_grad_norm\", \"max_norm\": -1}")));
        assertEquals("$.training.clipping.clipnorm: expected a finite number > 0.0, got 0.0",
                error(spec(SGD, "", ", \"clipping\": {\"type\": \"keras_clipnorm\", \"clipnorm\": 0}")));
        assertTrue(error(spec(SGD, "", ", \"clipping\": {\"type\": \"clip_grad_value\"}"))
                .startsWith("$.training.clipping: missing required key \"clip_value\""));
        assertTrue(error(spec(SGD, "", ", \"clipping\": {\"type\": \"clip_norm\", \"max_norm\": 1}"))
                .startsWith("$.training.clipping.type: expected one of [\"clip_grad_norm\""));
        assertEquals("$.training.clipping.norm_type: expected a number >= 1.0 (or \"Infinity\"), got 0.5",
                error(spec(SGD, "", ", \"clipping\": {\"type\": \"clip_grad_norm\", \"max_norm\": 1, \"norm_type\": "
                        + "0.5}")));
        assertTrue(error(spec(SGD, "", ", \"clipping\": {\"type\": \"clip_grad_value\", \"clip_value\": 1, "
                + "\"norm_type\": 1}")).startsWith("$.training.clipping.norm_type: unknown key \"norm_type\""));
    }

    @Test
    void badParameterGroupsAreOneLineWithTheirJsonPath() {
        String groups = "{\"type\": \"sgd\", \"preset\": \"pytorch\", \"lr\": 0.1, \"param_groups\": ";
        assertEquals("$.optimizer.param_groups[0].params[0]: the model has no parameter \"9.weight\"; its parameters "
                + "are [\"0.weight\", \"0.bias\", \"2.weight\", \"2.bias\"]",
                error(spec(groups + "[{\"params\": [\"9.weight\"]}]}", "", "")));
        assertEquals("$.optimizer.param_groups[1].params: parameter \"0.weight\" is already in param_groups[0]; a "
                + "parameter belongs to one group",
                error(spec(groups + "[{\"params\": \"weights\"}, {\"params\": [\"0.weight\"]}]}", "", "")));
        assertEquals("$.optimizer.param_groups[0].params[1]: \"0.bias\" is listed twice",
                error(spec(groups + "[{\"params\": [\"0.bias\", \"0.bias\"]}]}", "", "")));
        assertTrue(error(spec(groups + "[{\"params\": \"norms\"}]}", "", ""))
                .startsWith("$.optimizer.param_groups[0].params: expected \"weights\", \"biases\" or an array"));
        assertTrue(error(spec(groups + "[{\"params\": []}]}", "", ""))
                .startsWith("$.optimizer.param_groups[0].params: expected \"weights\", \"biases\" or a non-empty"));
        assertTrue(error(spec(groups + "[{\"lr\": 0.1}]}", "", ""))
                .startsWith("$.optimizer.param_groups[0]: missing required key \"params\""));
        assertEquals("$.optimizer.param_groups[0].lr: expected a finite number >= 0.0, got -0.5",
                error(spec(groups + "[{\"params\": \"biases\", \"lr\": -0.5}]}", "", "")));
        assertTrue(error(spec(groups + "[{\"params\": \"biases\", \"betas\": [0.9, 0.99]}]}", "", ""))
                .startsWith("$.optimizer.param_groups[0].betas: unknown key \"betas\" for a parameter group of "
                        + "optimizer \"sgd\"; expected one of [\"params\", \"lr\", \"momentum\""));
        assertTrue(error(spec(groups + "[{\"params\": \"biases\", \"preset\": \"keras\"}]}", "", ""))
                .startsWith("$.optimizer.param_groups[0].preset: unknown key \"preset\""));
        assertEquals("$.optimizer.param_groups[0]: SGD: Nesterov momentum requires momentum > 0 and dampening = 0, "
                + "got momentum=0.0, dampening=0.0",
                error(spec(groups + "[{\"params\": \"biases\", \"nesterov\": true}]}", "", "")));
        assertTrue(error(spec(groups + "[]}", "", "")).startsWith("$.optimizer.param_groups: expected a non-empty"));
        assertTrue(error(spec(groups + "{\"params\": \"weights\"}}", "", ""))
                .startsWith("$.optimizer.param_groups: expected a non-empty"));
        assertTrue(error(spec("{\"type\": \"lbfgs\", \"preset\": \"pytorch\", \"param_groups\": [{\"params\": "
                + "\"weights\"}]}", "", "")).startsWith("$.optimizer.param_groups: unknown key \"param_groups\" for "
                        + "optimizer \"lbfgs\""));
    }

    @Test
    void badPlateauAndLbfgsSettingsAreOneLineWithTheirJsonPath() {
        assertEquals("$.schedule.factor: expected a finite number in [0.0, 1.0), got 1.0",
                error(spec(SGD, ", \"schedule\": {\"type\": \"reduce_on_plateau\", \"factor\": 1.0}", "")));
        assertEquals("$.schedule.patience: expected an integer >= 0, got -1",
                error(spec(SGD, ", \"schedule\": {\"type\": \"reduce_on_plateau\", \"patience\": -1}", "")));
        assertTrue(error(spec(SGD, ", \"schedule\": {\"type\": \"reduce_on_plateau\", \"mode\": \"lowest\"}", ""))
                .startsWith("$.schedule.mode: expected one of [\"min\", \"max\"]"));
        String lbfgs = "{\"type\": \"lbfgs\", \"preset\": \"pytorch\"";
        assertEquals("$.optimizer.lr: expected a finite number > 0.0, got 0.0", error(spec(lbfgs + ", \"lr\": 0}",
                "", "")));
        assertEquals("$.optimizer.max_iter: expected an integer >= 1, got 0",
                error(spec(lbfgs + ", \"max_iter\": 0}", "", "")));
        assertTrue(error(spec(lbfgs + ", \"line_search_fn\": \"wolfe\"}", "", ""))
                .startsWith("$.optimizer.line_search_fn: expected one of [\"none\", \"strong_wolfe\"]"));
        assertEquals("$.schedule: lbfgs keeps its step length lr fixed; a schedule is not applied to it (remove "
                + "\"schedule\")", error(spec(lbfgs + "}", ", \"schedule\": {\"type\": \"step\", \"step_size\": 1}",
                        "")));
        assertTrue(error(spec(lbfgs + "}", "", ", \"clipping\": {\"type\": \"clip_grad_value\", \"clip_value\": 1}"))
                .startsWith("$.training.clipping: lbfgs re-evaluates the loss inside its step"));
        assertTrue(error(spec(lbfgs + "}", ", \"output\": {\"optimizer_state\": true}", ""))
                .startsWith("$.output.optimizer_state: lbfgs keeps one history for all parameters"));
    }

    @Test
    void maxEvalDefaultsToPyTorchsFiveQuartersOfMaxIter() {
        Trajectory t = Runner.run(SpecParser.parse(spec("{\"type\": \"lbfgs\", \"preset\": \"pytorch\", \"max_iter\": "
                + "7}", "", "")));
        @SuppressWarnings("unchecked")
        Map<String, Object> h = (Map<String, Object>) t.optimizer().get("hyperparameters");
        assertEquals(7, h.get("maxIterations"));
        assertEquals(8, h.get("maxEvaluations"));
        assertEquals("NONE", h.get("lineSearch"));
        assertEquals("LBFGS", t.optimizer().get("class"));
        Trajectory given = Runner.run(SpecParser.parse(spec("{\"type\": \"lbfgs\", \"preset\": \"pytorch\", "
                + "\"max_eval\": 3}", "", "")));
        @SuppressWarnings("unchecked")
        Map<String, Object> g = (Map<String, Object>) given.optimizer().get("hyperparameters");
        assertEquals(3, g.get("maxEvaluations"));
        assertEquals(20, g.get("maxIterations"));
    }

    @Test
    void aTrajectoryDescribesTheGroupsAndTheClipping() {
        Trajectory t = Runner.run(SpecParser.parse(spec("{\"type\": \"sgd\", \"preset\": \"pytorch\", \"lr\": 0.1, "
                + "\"param_groups\": [{\"params\": [\"2.bias\"], \"lr\": 0.5}]}", "",
                ", \"clipping\": {\"type\": \"clip_grad_norm\", \"max_norm\": 0.25}")));
        Map<String, Object> o = t.optimizer();
        assertEquals("SGD", o.get("class"));
        List<?> groups = (List<?>) o.get("param_groups");
        assertEquals(2, groups.size());
        assertEquals(List.of("2.bias"), ((Map<?, ?>) groups.get(0)).get("params"));
        assertEquals(List.of("0.weight", "0.bias", "2.weight"), ((Map<?, ?>) groups.get(1)).get("params"));
        assertEquals(0.5, ((Map<?, ?>) ((Map<?, ?>) groups.get(0)).get("hyperparameters")).get("learningRate"));
        assertEquals(0.1, ((Map<?, ?>) ((Map<?, ?>) groups.get(1)).get("hyperparameters")).get("learningRate"));
        assertEquals(Map.of("type", "clip_grad_norm", "max_norm", 0.25), o.get("clipping"));
        assertEquals(0.5, t.steps().get(0).learningRate().orElseThrow());
    }

    @Test
    void trainRefusesTheToolsTheAppDoesNotHave() throws IOException {
        io.github.dlref.train.TrainingConfig c = new io.github.dlref.train.TrainingConfig(
                io.github.dlref.train.DataConfig.builtIn(io.github.dlref.train.DataSource.SPIRAL),
                new io.github.dlref.train.ModelConfig(List.of(5), io.github.dlref.train.Activation.RELU, 0.0, false,
                        io.github.dlref.train.InitScheme.PYTORCH),
                io.github.dlref.train.OptimizerConfig.of(io.github.dlref.train.OptimizerKind.SGD,
                        io.github.dlref.train.Preset.PYTORCH), io.github.dlref.train.ScheduleConfig.CONSTANT, 0.0, 0.0,
                1, 50, io.github.dlref.train.Seeds.of(3));
        String json = SpecWriter.toJson(SpecConversion.toSpec(c, c.prepareData()));
        String[][] edits = {
            {"\"drop_last\" : false", "\"clipping\" : {\"type\" : \"clip_grad_norm\", \"max_norm\" : 1.0}",
                "spec $.training.clipping: the spec conversion has no gradient clipping (dlref train clips with --clip-norm or "
                    + "--clip-value; dlref run executes this spec)"},
            {"\"preset\" : \"pytorch\"", "\"preset\" : \"pytorch\", \"param_groups\" : [{\"params\" : \"biases\", "
                    + "\"lr\" : 0.5}]", "spec $.optimizer"},
            {"\"type\" : \"sgd\"", "\"type\" : \"lbfgs\"", "spec $.optimizer"},
        };
        for (String[] e : edits) {
            String edited = json.contains(e[0]) ? json.replace(e[0], e[1])
                    : json.replace("\"shuffle\" : true", "\"shuffle\" : true, " + e[1]);
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                    () -> SpecConversion.fromSpec(SpecParser.parse(edited), null, null, null, null), e[1]);
            assertTrue(x.getMessage().startsWith(e[2]), x.getMessage());
        }
        String plateau = json.replace("\"training\" :", "\"schedule\" : {\"type\" : \"reduce_on_plateau\"}, "
                + "\"training\" :");
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> SpecConversion.fromSpec(SpecParser.parse(plateau), null, null, null, null));
        assertTrue(x.getMessage().startsWith("spec $.schedule"), x.getMessage());
    }
}
