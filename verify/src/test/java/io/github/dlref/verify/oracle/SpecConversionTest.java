package io.github.dlref.verify.oracle;

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
import io.github.dlref.train.ScheduleKind;
import io.github.dlref.train.Seeds;
import io.github.dlref.train.TrainingConfig;
import io.github.dlref.train.TrainingListener;
import io.github.dlref.train.TrainingRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.nn.Sequential;
import io.github.dlref.verify.oracle.spec.Spec;
import io.github.dlref.verify.oracle.spec.SpecBuilders;
import io.github.dlref.verify.oracle.spec.SpecParser;
import io.github.dlref.verify.oracle.spec.SpecWriter;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecConversionTest {

    private static TrainingConfig config(InitScheme init, OptimizerConfig optimizer, ScheduleConfig schedule) {
        return new TrainingConfig(DataConfig.builtIn(DataSource.SPIRAL),
                new ModelConfig(List.of(10, 6), Activation.TANH, 0.3, true, init), optimizer, schedule, 0.01, 0.002, 4,
                50, Seeds.of(99));
    }

    @Test
    void aConfigurationSurvivesTheSpecRoundTrip() throws IOException {
        List<TrainingConfig> configs = List.of(
                Configs.everyState(3),
                config(InitScheme.PYTORCH, OptimizerConfig.of(OptimizerKind.NESTEROV, Preset.KERAS)
                        .withLearningRate(0.05), ScheduleConfig.of(ScheduleKind.EXPONENTIAL)),
                config(InitScheme.KAIMING, new OptimizerConfig(OptimizerKind.RMSPROP, Preset.OPTAX, 0.01, 0.5, null, 0.8,
                        1e-6, 0.001), ScheduleConfig.of(ScheduleKind.COSINE)),
                config(InitScheme.XAVIER, OptimizerConfig.of(OptimizerKind.ADAMW, Preset.KERAS),
                        new ScheduleConfig(ScheduleKind.INVERSE_TIME, 0.5, 10, 0)),
                Configs.iris(2, OptimizerConfig.of(OptimizerKind.SGD, Preset.PYTORCH)));
        for (TrainingConfig c : configs) {
            PreparedData data = c.prepareData();
            Spec spec = SpecConversion.toSpec(c, data);
            Spec reread = SpecParser.parse(SpecWriter.toJson(spec));
            TrainingConfig back = SpecConversion.fromSpec(reread, null, null, null, null);
            assertEquals(c.model(), back.model());
            assertEquals(c.seeds().init(), back.seeds().init());
            assertEquals(c.seeds().loader(), back.seeds().loader());
            assertEquals(c.seeds().split(), back.seeds().split());
            if (c.model().dropout() > 0) {
                assertEquals(c.seeds().dropout(), back.seeds().dropout());
            }
            if (c.data().source() == DataSource.SPIRAL) {
                assertEquals(c.seeds().data(), back.seeds().data());
            }
            assertEquals(c.epochs(), back.epochs(), "steps / batches per epoch");
            assertEquals(c.batchSize(), back.batchSize());
            assertEquals(c.l1(), back.l1());
            assertEquals(c.l2(), back.l2());
            assertEquals(c.optimizer().create(List.of(new io.github.dlref.autograd.Parameter("p",
                    io.github.dlref.math.Matrix.rowVector(1)))).hyperparameters(), back.optimizer().create(List.of(
                    new io.github.dlref.autograd.Parameter("p", io.github.dlref.math.Matrix.rowVector(1))))
                    .hyperparameters(), c.optimizer().describe());
            for (int e = 0; e < c.epochs(); e++) {
                assertEquals(c.schedule().create(0.1, c.epochs()).learningRate(e),
                        back.schedule().create(0.1, back.epochs()).learningRate(e));
            }
            // the oracle's own model builder, from the spec, gives the app's initial weights bit for bit
            Sequential fromSpec = SpecBuilders.model(reread.model(), reread.parameters());
            assertEquals(c.model().build(data.numFeatures(), data.numClasses(), c.seeds()).model().stateDict(),
                    fromSpec.stateDict(), c.model().toString());
            // and the oracle's optimizer from the spec has the app's hyper-parameters
            assertEquals(back.optimizer().create(List.of(new io.github.dlref.autograd.Parameter("p",
                    io.github.dlref.math.Matrix.rowVector(1)))).hyperparameters(),
                    SpecBuilders.hyperparameters(reread.optimizer()));
        }
    }

    @Test
    void trainingTheSpecRepeatsTheRunBitForBit() throws IOException {
        TrainingConfig c = Configs.everyState(3);
        PreparedData data = c.prepareData();
        TrainingRun original = TrainingRun.start(c, data);
        original.runToEnd(TrainingListener.NONE, () -> { });
        TrainingConfig back = SpecConversion.fromSpec(SpecConversion.toSpec(c, data), null, null, null, null);
        TrainingRun again = TrainingRun.start(back, back.prepareData());
        again.runToEnd(TrainingListener.NONE, () -> { });
        assertEquals(original.model().stateDict(), again.model().stateDict());
    }

    private static void refuses(String fragment, String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpecConversion.fromSpec(SpecParser.parse(json), null, null, null, null));
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }

    private static final String BASE = "{\"format\": \"dlref.spec.v1\", \"model\": {\"input\": 4, \"layers\": ["
            + "{\"type\": \"linear\", \"out\": 5}, {\"type\": \"relu\"}, {\"type\": \"linear\", \"out\": 3}]},"
            + " \"parameters\": {\"seed\": 1}, \"data\": {\"dataset\": {\"type\": \"iris\"}},"
            + " \"loss\": {\"type\": \"cross_entropy\"}, \"optimizer\": {\"type\": \"adam\", \"preset\": \"pytorch\"},"
            + " \"training\": {\"steps\": 6, \"batch_size\": 30, \"shuffle\": true, \"seed\": 2}}";

    @Test
    void specsTheAppCannotTrainExactlyAreRefusedWithThePath() throws IOException {
        TrainingConfig ok = SpecConversion.fromSpec(SpecParser.parse(BASE), null, null, null, null);
        assertEquals(2, ok.epochs(), "6 steps of 3 batches (90 training samples, batch 30)");
        refuses("$.loss", BASE.replace("\"cross_entropy\"", "\"softmax_loss\""));
        refuses("$.training.steps", BASE.replace("\"steps\": 6", "\"steps\": 7"));
        refuses("$.training.shuffle", BASE.replace("\"shuffle\": true, \"seed\": 2", "\"shuffle\": false"));
        refuses("$.model.layers[1]", BASE.replace("{\"type\": \"relu\"}", "{\"type\": \"softmax\"}"));
        refuses("$.optimizer.amsgrad", BASE.replace("\"preset\": \"pytorch\"}", "\"preset\": \"pytorch\", "
                + "\"amsgrad\": true}"));
        refuses("$.optimizer.preset", BASE.replace("\"type\": \"adam\", \"preset\": \"pytorch\"",
                "\"type\": \"adam\", \"preset\": \"bp_optimizers\", \"lr\": 0.1"));
        refuses("$.data.dataset", BASE.replace("{\"type\": \"iris\"}", "{\"type\": \"xor\"}")
                .replace("\"input\": 4", "\"input\": 2").replace("\"out\": 3", "\"out\": 2"));
        refuses("$.schedule.interval", BASE.replace("\"training\"", "\"schedule\": {\"type\": \"step\", "
                + "\"step_size\": 2}, \"training\""));
    }

    @Test
    void onlyBuiltInDataHasASpecForm() throws IOException {
        TrainingConfig csv = new TrainingConfig(new DataConfig(DataSource.CSV, "x.csv", null, false, 0, null, null),
                Configs.everyState(1).model(), Configs.everyState(1).optimizer(), ScheduleConfig.CONSTANT, 0, 0, 1, 8,
                Seeds.of(1));
        PreparedData data = Configs.prepare(Configs.everyState(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpecConversion.toSpec(csv, data));
        assertTrue(e.getMessage().contains("no csv dataset"), e.getMessage());
    }
}
