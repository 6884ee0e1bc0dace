package io.github.dlref.verify.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlref.math.Matrix;
import io.github.dlref.train.Activation;
import io.github.dlref.train.DataConfig;
import io.github.dlref.train.DataSource;
import io.github.dlref.train.InitScheme;
import io.github.dlref.train.ModelConfig;
import io.github.dlref.train.OptimizerConfig;
import io.github.dlref.train.OptimizerKind;
import io.github.dlref.train.PreparedData;
import io.github.dlref.train.Preset;
import io.github.dlref.train.ScheduleConfig;
import io.github.dlref.train.Seeds;
import io.github.dlref.train.TrainingConfig;
import io.github.dlref.verify.TestTolerances;
import io.github.dlref.verify.oracle.spec.Component;
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
 * {@code dlref run} with issue 21's layers and losses against PyTorch float64 ({@code issue21/run_torch.py}): specs
 * with LayerNorm, GELU (both forms), ELU, SELU, SiLU, Softplus, Hardtanh and LogSoftmax, trained with weighted NLL,
 * cross-entropy with class weights and label smoothing, Huber, smooth L1 and KL divergence; every step's loss and
 * every parameter after every step agree to 1e-12 relative to each matrix's largest magnitude. Also the spec
 * errors of the new settings, and the app's activations round-tripping through specs.
 */
class Issue21RunTest {

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

    @Test
    void runsMatchPyTorch() throws IOException {
        JsonNode root;
        try (InputStream in = Issue21RunTest.class.getResourceAsStream("/issue21/run_torch.json")) {
            root = new ObjectMapper().readTree(in);
        }
        List<String> failures = new ArrayList<>();
        int compared = 0;
        for (JsonNode c : root.get("cases")) {
            String name = c.get("name").asText();
            Trajectory t = Runner.run(SpecParser.parse(c.get("spec")));
            assertEquals(c.get("losses").size(), t.steps().size(), name);
            for (int s = 0; s < t.steps().size(); s++) {
                Trajectory.Step step = t.steps().get(s);
                double expected = c.get("losses").get(s).doubleValue();
                if (Math.abs(step.loss() - expected) > TestTolerances.PYTORCH_NORMWISE_RELATIVE * Math.abs(expected)) {
                    failures.add(name + " step " + s + " loss: PyTorch " + expected + ", dlref " + step.loss());
                }
                JsonNode params = c.get("parameters").get(s);
                assertEquals(params.size(), step.parameters().size(), name + ": parameter names "
                        + step.parameters().keySet());
                for (Map.Entry<String, Matrix> e : step.parameters().entrySet()) {
                    Matrix theirs = matrix(params.get(e.getKey()));
                    double err = normwise(theirs, e.getValue());
                    compared++;
                    if (err > TestTolerances.PYTORCH_NORMWISE_RELATIVE) {
                        failures.add(name + " step " + s + " " + e.getKey() + ": relative error " + err);
                    }
                }
            }
        }
        assertTrue(compared > 50, "compared " + compared);
        assertEquals(List.of(), failures);
    }

    private static String spec(String layers, String loss, String data) {
        return "{\"format\": \"dlref.spec.v1\", \"model\": {\"input\": 2, \"layers\": [{\"type\": \"linear\", "
                + "\"out\": 3}" + layers + "]}, \"parameters\": {\"seed\": 1}, \"data\": " + data + ", \"loss\": "
                + loss + ", \"optimizer\": {\"type\": \"sgd\", \"preset\": \"pytorch\", \"lr\": 0.1}, "
                + "\"training\": {\"steps\": 1}}";
    }

    private static final String CLASSES = "{\"inputs\": [[1.0, 2.0], [0.5, -1.0]], \"classes\": [0, 2]}";

    private static String error(String text) {
        return assertThrows(SpecException.class, () -> Runner.run(SpecParser.parse(text))).getMessage();
    }

    @Test
    void badSettingsAreOneLineWithTheirJsonPath() {
        assertTrue(error(spec("", "{\"type\": \"nll\", \"weight\": [1.0, 2.0]}", CLASSES))
                .contains("$.loss.weight: expected one class weight per output column (3), got 2"), "weight count");
        assertTrue(error(spec("", "{\"type\": \"cross_entropy\", \"weight\": []}", CLASSES))
                .contains("$.loss.weight: expected a non-empty array of numbers"), "empty weight");
        assertTrue(error(spec("", "{\"type\": \"nll\", \"weight\": [1.0, -2.0, 1.0]}", CLASSES))
                .contains("$.loss.weight[1]"), "negative weight");
        assertTrue(error(spec("", "{\"type\": \"cross_entropy\", \"label_smoothing\": 1.5}", CLASSES))
                .contains("$.loss.label_smoothing"), "smoothing");
        assertTrue(error(spec(", {\"type\": \"hardtanh\", \"min_val\": 1.0, \"max_val\": -1.0}",
                "{\"type\": \"cross_entropy\"}", CLASSES)).contains("$.model.layers[1]: Hardtanh"), "hardtanh bounds");
        assertTrue(error(spec(", {\"type\": \"layer_norm\", \"eps\": 0}", "{\"type\": \"cross_entropy\"}", CLASSES))
                .contains("$.model.layers[1].eps"), "layer norm eps");
        assertTrue(error(spec(", {\"type\": \"gelu\", \"approximate\": \"erf\"}", "{\"type\": \"cross_entropy\"}",
                CLASSES)).contains("$.model.layers[1].approximate"), "gelu form");
        assertTrue(error(spec("", "{\"type\": \"kl_div\", \"reduction\": \"none\"}", CLASSES))
                .contains("$.loss.reduction"), "kl reduction");
        assertTrue(error(spec("", "{\"type\": \"huber\"}", CLASSES)).contains("$.loss.type"), "huber needs values");
    }

    @Test
    void weightedCrossEntropyRunsOnClassIndicesAndUnweightedOnOneHotRows() {
        assertTrue(io.github.dlref.verify.oracle.spec.SpecBuilders.needsClassIndices(
                Component.of("loss", "cross_entropy", "weight", List.of(1.0, 2.0))));
        assertTrue(!io.github.dlref.verify.oracle.spec.SpecBuilders.needsClassIndices(
                Component.of("loss", "cross_entropy", "label_smoothing", 0.1)));
        assertTrue(!io.github.dlref.verify.oracle.spec.SpecBuilders.needsClassIndices(
                Component.of("loss", "nll", "weight", List.of(1.0, 2.0))));
    }

    @Test
    void trainRefusesSettingsTheAppCannotReproduce() throws IOException {
        TrainingConfig c = new TrainingConfig(DataConfig.builtIn(DataSource.SPIRAL),
                new ModelConfig(List.of(5), Activation.ELU, 0.0, false, InitScheme.PYTORCH),
                OptimizerConfig.of(OptimizerKind.SGD, Preset.PYTORCH), ScheduleConfig.CONSTANT, 0.0, 0.0, 1, 50,
                Seeds.of(3));
        String json = SpecWriter.toJson(SpecConversion.toSpec(c, c.prepareData()));
        String[][] edits = {
            {"\"type\" : \"elu\"", "\"type\" : \"elu\", \"alpha\" : 0.5", "$.model.layers[1]"},
            {"\"type\" : \"elu\"", "\"type\" : \"softplus\", \"beta\" : 2.0", "$.model.layers[1]"},
            {"\"type\" : \"elu\"", "\"type\" : \"hardtanh\", \"max_val\" : 2.0", "$.model.layers[1]"},
            {"\"type\" : \"cross_entropy\"", "\"type\" : \"cross_entropy\", \"label_smoothing\" : 0.1",
                "$.loss: the app trains with cross_entropy without class weights or label smoothing"},
        };
        for (String[] e : edits) {
            assertTrue(json.contains(e[0]), json);
            String edited = json.replace(e[0], e[1]);
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                    () -> SpecConversion.fromSpec(SpecParser.parse(edited), null, null, null, null), e[1]);
            assertTrue(x.getMessage().contains(e[2]), x.getMessage());
        }
    }

    @Test
    void everyAppActivationSurvivesTheSpecRoundTrip() throws IOException {
        for (Activation a : Activation.values()) {
            Component layer = SpecConversion.activationLayer(a);
            assertEquals(a == Activation.GELU_TANH ? "gelu" : a.name().toLowerCase(java.util.Locale.ROOT),
                    layer.type());
        }
        assertEquals("tanh", SpecConversion.activationLayer(Activation.GELU_TANH).choice("approximate"));
        for (Activation a : Activation.values()) {
            TrainingConfig c = new TrainingConfig(DataConfig.builtIn(DataSource.SPIRAL),
                    new ModelConfig(List.of(5), a, 0.0, false, InitScheme.PYTORCH),
                    OptimizerConfig.of(OptimizerKind.SGD, Preset.PYTORCH), ScheduleConfig.CONSTANT, 0.0, 0.0, 1, 50,
                    Seeds.of(3));
            PreparedData data = c.prepareData();
            Spec spec = SpecConversion.toSpec(c, data);
            TrainingConfig back = SpecConversion.fromSpec(SpecParser.parse(SpecWriter.toJson(spec)), null, null, null,
                    null);
            assertEquals(c.model(), back.model(), a.name());
        }
    }
}
