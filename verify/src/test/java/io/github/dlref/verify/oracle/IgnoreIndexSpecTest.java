package io.github.dlref.verify.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.math.Matrix;
import io.github.dlref.train.Activation;
import io.github.dlref.train.DataConfig;
import io.github.dlref.train.DataSource;
import io.github.dlref.train.InitScheme;
import io.github.dlref.train.ModelConfig;
import io.github.dlref.train.OptimizerConfig;
import io.github.dlref.train.OptimizerKind;
import io.github.dlref.train.Preset;
import io.github.dlref.train.ScheduleConfig;
import io.github.dlref.train.Seeds;
import io.github.dlref.train.TrainingConfig;
import io.github.dlref.nn.losses.CrossEntropyLoss;
import io.github.dlref.nn.losses.NLLLoss;
import io.github.dlref.verify.oracle.spec.Component;
import io.github.dlref.verify.oracle.spec.SpecBuilders;
import io.github.dlref.verify.oracle.spec.SpecException;
import io.github.dlref.verify.oracle.spec.SpecParser;
import io.github.dlref.verify.oracle.spec.SpecWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The oracle spec's {@code ignore_index} for {@code cross_entropy} and {@code nll} (PyTorch's): the losses it
 * builds, the class-index targets it implies, a run that ignores a class equal to a run without its samples, and
 * its errors.
 */
class IgnoreIndexSpecTest {

    private static String spec(String layers, String loss, String data) {
        return "{\"format\": \"dlref.spec.v1\", \"model\": {\"input\": 2, \"layers\": [{\"type\": \"linear\", "
                + "\"out\": 3}" + layers + "]}, \"parameters\": {\"seed\": 1}, \"data\": " + data + ", \"loss\": "
                + loss + ", \"optimizer\": {\"type\": \"sgd\", \"preset\": \"pytorch\", \"lr\": 0.1}, "
                + "\"training\": {\"steps\": 2}}";
    }

    @Test
    void buildsTheLossesWithTheIgnoredIndex() {
        Component ce = Component.of("loss", "cross_entropy", "ignore_index", 2);
        Component nll = Component.of("loss", "nll", "ignore_index", 0, "reduction", "sum");
        assertEquals(2, ((CrossEntropyLoss) SpecBuilders.loss(ce)).ignoreIndex());
        assertEquals(0, ((NLLLoss) SpecBuilders.loss(nll)).ignoreIndex());
        assertEquals(-100, ((CrossEntropyLoss) SpecBuilders.loss(Component.of("loss", "cross_entropy"))).ignoreIndex());
        assertEquals(-100, ((NLLLoss) SpecBuilders.loss(Component.of("loss", "nll"))).ignoreIndex());
        assertTrue(SpecBuilders.needsClassIndices(ce));
        assertTrue(SpecBuilders.needsClassIndices(nll));
        assertFalse(SpecBuilders.needsClassIndices(Component.of("loss", "nll")));
        assertFalse(SpecBuilders.needsClassIndices(Component.of("loss", "kl_div")));
    }

    @Test
    void ignoringAClassTrainsAsWithoutItsSamples() {
        String loss = "{\"type\": \"cross_entropy\", \"ignore_index\": 2, \"weight\": [0.5, 1.0, 2.0], "
                + "\"label_smoothing\": 0.1}";
        Trajectory ignoring = Runner.run(SpecParser.parse(spec("", loss,
                "{\"inputs\": [[1.0, 2.0], [0.5, -1.0], [-1.5, 0.25]], \"classes\": [0, 2, 1]}")));
        Trajectory without = Runner.run(SpecParser.parse(spec("", loss,
                "{\"inputs\": [[1.0, 2.0], [-1.5, 0.25]], \"classes\": [0, 1]}")));
        assertEquals(without.steps().size(), ignoring.steps().size());
        for (int s = 0; s < without.steps().size(); s++) {
            assertEquals(without.steps().get(s).loss(), ignoring.steps().get(s).loss(), 1e-15, "step " + s);
            for (Map.Entry<String, Matrix> e : without.steps().get(s).parameters().entrySet()) {
                Matrix other = ignoring.steps().get(s).parameters().get(e.getKey());
                assertTrue(e.getValue().approxEquals(other, 1e-15, 1e-15), "step " + s + " " + e.getKey());
            }
        }
        // the ignored sample would change the loss: without ignore_index it is different
        Trajectory all = Runner.run(SpecParser.parse(spec("", "{\"type\": \"cross_entropy\", \"weight\": [0.5, 1.0, "
                + "2.0], \"label_smoothing\": 0.1}", "{\"inputs\": [[1.0, 2.0], [0.5, -1.0], [-1.5, 0.25]], "
                + "\"classes\": [0, 2, 1]}")));
        assertTrue(Math.abs(all.steps().get(0).loss() - ignoring.steps().get(0).loss()) > 1e-3);
    }

    @Test
    void nllIgnoresOnLogSoftmaxOutputs() {
        String nll = "{\"type\": \"nll\", \"ignore_index\": 1}";
        Trajectory ignoring = Runner.run(SpecParser.parse(spec(", {\"type\": \"log_softmax\"}", nll,
                "{\"inputs\": [[1.0, 2.0], [0.5, -1.0]], \"classes\": [0, 1]}")));
        Trajectory without = Runner.run(SpecParser.parse(spec(", {\"type\": \"log_softmax\"}", nll,
                "{\"inputs\": [[1.0, 2.0]], \"classes\": [0]}")));
        assertEquals(without.steps().get(1).loss(), ignoring.steps().get(1).loss(), 1e-15);
    }

    @Test
    void badValuesAreOneLineWithTheirJsonPath() {
        String data = "{\"inputs\": [[1.0, 2.0], [0.5, -1.0]], \"classes\": [0, 2]}";
        String message = assertThrows(SpecException.class, () -> Runner.run(SpecParser.parse(spec("",
                "{\"type\": \"cross_entropy\", \"ignore_index\": 1.5}", data)))).getMessage();
        assertTrue(message.contains("$.loss.ignore_index"), message);
        String wrongLoss = assertThrows(SpecException.class, () -> Runner.run(SpecParser.parse(spec("",
                "{\"type\": \"mse\", \"ignore_index\": 1}", data)))).getMessage();
        assertTrue(wrongLoss.contains("$.loss.ignore_index"), wrongLoss);
    }

    @Test
    void theAppRefusesAnIgnoredIndex() throws Exception {
        TrainingConfig c = new TrainingConfig(DataConfig.builtIn(DataSource.SPIRAL),
                new ModelConfig(List.of(5), Activation.TANH, 0.0, false, InitScheme.PYTORCH),
                OptimizerConfig.of(OptimizerKind.SGD, Preset.PYTORCH), ScheduleConfig.CONSTANT, 0.0, 0.0, 1, 50,
                Seeds.of(3));
        String json = SpecWriter.toJson(SpecConversion.toSpec(c, c.prepareData()));
        assertTrue(json.contains("\"type\" : \"cross_entropy\""), json);
        String edited = json.replace("\"type\" : \"cross_entropy\"", "\"type\" : \"cross_entropy\", \"ignore_index\" : 1");
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> SpecConversion.fromSpec(SpecParser.parse(edited), null, null, null, null));
        assertTrue(x.getMessage().contains("$.loss: the app trains with cross_entropy without ignore_index"),
                x.getMessage());
    }
}
