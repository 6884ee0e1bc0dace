package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import io.github.dlref.optim.Optimizer;
import io.github.dlref.optim.SGD;
import io.github.dlref.optim.schedule.CyclicSchedule;
import io.github.dlref.optim.schedule.LearningRateSchedule;
import io.github.dlref.optim.schedule.OneCycle;
import io.github.dlref.optim.schedule.ReduceLearningRateOnPlateau;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21 in train: the schedules one_cycle, cosine_warm_restarts, cyclic, inverse_time_staircase and
 * reduce_on_plateau through {@link ScheduleConfig} against PyTorch 1.13 ({@code golden/make_issue21_train.py}),
 * reduce-on-plateau inside {@link TrainingRun} (what it monitors, its state in the checkpoint, a resumed run equal
 * to the uninterrupted one bit for bit), and checkpoints written before these settings existed.
 */
class NewSchedulesTrainTest {

    @TempDir
    Path tmp;

    private static JsonNode schedules() throws IOException {
        try (InputStream in = NewSchedulesTrainTest.class.getResourceAsStream("/golden/issue21_train.json")) {
            return new ObjectMapper().readTree(in).get("schedules");
        }
    }

    private static void rejects(String message, Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertEquals(message, ex.getMessage());
    }

    private static ScheduleConfig schedule(ScheduleKind kind, Double gamma, int stepSize, double min,
            Double stepSizeDown, CyclicSchedule.Mode cyclicMode, Integer periodMultiplier, Double pctStart,
            Double divFactor, Double finalDivFactor, OneCycle.Anneal anneal, Boolean threePhase) {
        return new ScheduleConfig(kind, gamma, stepSize, min, stepSizeDown, cyclicMode, periodMultiplier, pctStart,
                divFactor, finalDivFactor, anneal, threePhase, null, null, null, null, null, null);
    }

    /** PyTorch's epoch rates (a closed form computed in another order: a few units in the last place). */
    private static void matches(JsonNode expected, LearningRateSchedule actual, String what) {
        for (int e = 0; e < expected.size(); e++) {
            double x = expected.get(e).asDouble();
            double y = actual.learningRate(e);
            assertTrue(Math.abs(x - y) <= 1e-14 * Math.abs(x) + 1e-18, what + " epoch " + e + ": PyTorch " + x
                    + ", dlref " + y);
        }
    }

    @Test
    void theNewSchedulesGivePyTorchsRates() throws IOException {
        JsonNode golden = schedules();
        ScheduleConfig oneCycle = ScheduleConfig.of(ScheduleKind.ONE_CYCLE);
        matches(golden.get("one_cycle"), oneCycle.create(0.1, 10), "one_cycle");
        // after the cycle (the scheduler's step after the last epoch) the last epoch's rate is kept
        assertEquals(oneCycle.create(0.1, 10).learningRate(9), oneCycle.create(0.1, 10).learningRate(10));
        ScheduleConfig linear = schedule(ScheduleKind.ONE_CYCLE, null, 10, 0.0, null, null, null, 0.25, 10.0, 100.0,
                OneCycle.Anneal.LINEAR, true);
        matches(golden.get("one_cycle_linear_three_phase"), linear.create(0.1, 12), "one_cycle linear");
        assertEquals(linear.create(0.1, 12).learningRate(11), linear.create(0.1, 12).learningRate(40));
        matches(golden.get("cosine_warm_restarts"), schedule(ScheduleKind.COSINE_WARM_RESTARTS, null, 3, 0.001, null,
                null, 2, null, null, null, null, null).create(0.1, 16), "cosine_warm_restarts");
        matches(golden.get("cyclic_triangular"), schedule(ScheduleKind.CYCLIC, null, 3, 0.01, 2.0, null, null, null,
                null, null, null, null).create(0.1, 12), "cyclic");
        matches(golden.get("cyclic_triangular2"), schedule(ScheduleKind.CYCLIC, null, 3, 0.01, 2.0,
                CyclicSchedule.Mode.TRIANGULAR2, null, null, null, null, null, null).create(0.1, 12), "triangular2");
        matches(golden.get("cyclic_exp_range"), schedule(ScheduleKind.CYCLIC, 0.9, 3, 0.01, 2.0,
                CyclicSchedule.Mode.EXP_RANGE, null, null, null, null, null, null).create(0.1, 12), "exp_range");
        matches(golden.get("inverse_time_staircase"), new ScheduleConfig(ScheduleKind.INVERSE_TIME_STAIRCASE, 0.5, 3,
                0.0).create(0.1, 10), "inverse_time_staircase");
        // defaults: staircase rate 1, cyclic down = up, triangular, gamma 1; warm restarts T_mult 1
        assertEquals(0.1 / 3, ScheduleConfig.of(ScheduleKind.INVERSE_TIME_STAIRCASE).create(0.1, 30)
                .learningRate(20));
        assertEquals(0.1, ScheduleConfig.of(ScheduleKind.CYCLIC).create(0.1, 30).learningRate(10));
        assertEquals(0.05, ScheduleConfig.of(ScheduleKind.CYCLIC).create(0.1, 30).learningRate(15), 1e-17);
        assertEquals(0.1, ScheduleConfig.of(ScheduleKind.COSINE_WARM_RESTARTS).create(0.1, 30).learningRate(20));
    }

    @Test
    void plateauSettingsArePyTorchsAndReduceAsPyTorchDoes() throws IOException {
        JsonNode golden = schedules();
        ScheduleConfig config = ScheduleConfig.reduceOnPlateau(0.5, 1, null, null, null, 1, 0.02);
        ReduceLearningRateOnPlateau.Settings settings = config.plateauSettings();
        assertEquals(new ReduceLearningRateOnPlateau.Settings(ReduceLearningRateOnPlateau.Mode.MIN, 0.5, 1, 1e-4,
                ReduceLearningRateOnPlateau.ThresholdMode.RELATIVE, 1, 0.02, 1e-8), settings);
        assertEquals(ReduceLearningRateOnPlateau.Settings.pytorch(), ScheduleConfig.of(ScheduleKind.REDUCE_ON_PLATEAU)
                .plateauSettings());
        assertEquals(new ReduceLearningRateOnPlateau.Settings(ReduceLearningRateOnPlateau.Mode.MAX, 0.25, 3, 0.5,
                ReduceLearningRateOnPlateau.ThresholdMode.ABSOLUTE, 2, 0.0, 1e-8), ScheduleConfig.reduceOnPlateau(0.25,
                3, 0.5, ReduceLearningRateOnPlateau.ThresholdMode.ABSOLUTE, ReduceLearningRateOnPlateau.Mode.MAX, 2,
                0.0).plateauSettings());
        Optimizer sgd = SGD.Hyperparameters.pytorch(0.1).create(List.of(new Parameter("w", Matrix.rowVector(1.0))));
        ReduceLearningRateOnPlateau plateau = new ReduceLearningRateOnPlateau(List.of(sgd), settings);
        JsonNode metrics = golden.get("plateau_metrics");
        JsonNode rates = golden.get("plateau");
        for (int e = 0; e < metrics.size(); e++) {
            assertEquals(rates.get(e).asDouble(), sgd.learningRate(), "epoch " + e);
            plateau.step(metrics.get(e).asDouble());
        }
        assertEquals("reduce_on_plateau(min, factor 0.5, patience 1, threshold 1.0E-4 rel, cooldown 1, min 0.02)",
                config.describe());
        IllegalStateException create = assertThrows(IllegalStateException.class, () -> config.create(0.1, 10));
        assertEquals("schedule: reduce_on_plateau follows the monitored loss, not the epoch; use plateauSettings()",
                create.getMessage());
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> ScheduleConfig.of(ScheduleKind.STEP).plateauSettings());
        assertEquals("schedule: step has no plateau settings", none.getMessage());
    }

    @Test
    void settingsForAnotherScheduleOrOutOfRangeAreRefusedByName() {
        rejects("schedule: gamma applies to step, exponential, inverse_time, inverse_time_staircase and cyclic with "
                + "mode exp_range, not cyclic with mode triangular", () -> new ScheduleConfig(ScheduleKind.CYCLIC, 0.9,
                        3, 0.0));
        rejects("schedule: gamma applies to step, exponential, inverse_time, inverse_time_staircase and cyclic with "
                + "mode exp_range, not cyclic with mode triangular2", () -> schedule(ScheduleKind.CYCLIC, 0.9, 3, 0.0,
                        null, CyclicSchedule.Mode.TRIANGULAR2, null, null, null, null, null, null));
        rejects("schedule: gamma applies to step, exponential, inverse_time, inverse_time_staircase and cyclic with "
                + "mode exp_range, not one_cycle", () -> new ScheduleConfig(ScheduleKind.ONE_CYCLE, 0.9, 3, 0.0));
        rejects("schedule: cyclic exp_range gamma must be finite and >= 0, got -0.1", () -> schedule(
                ScheduleKind.CYCLIC, -0.1, 3, 0.0, null, CyclicSchedule.Mode.EXP_RANGE, null, null, null, null, null,
                null));
        rejects("schedule: inverse-time decay rate (gamma) must be finite and >= 0, got -1.0",
                () -> new ScheduleConfig(ScheduleKind.INVERSE_TIME_STAIRCASE, -1.0, 3, 0.0));
        rejects("schedule: step size down applies to cyclic only, not step", () -> schedule(ScheduleKind.STEP, null,
                3, 0.0, 2.0, null, null, null, null, null, null, null));
        rejects("schedule: cyclic mode applies to cyclic only, not cosine", () -> schedule(ScheduleKind.COSINE, null,
                3, 0.0, null, CyclicSchedule.Mode.TRIANGULAR, null, null, null, null, null, null));
        rejects("schedule: period multiplier applies to cosine_warm_restarts only, not cyclic", () -> schedule(
                ScheduleKind.CYCLIC, null, 3, 0.0, null, null, 2, null, null, null, null, null));
        rejects("schedule: pct start applies to one_cycle only, not constant", () -> schedule(ScheduleKind.CONSTANT,
                null, 3, 0.0, null, null, null, 0.3, null, null, null, null));
        rejects("schedule: div factor applies to one_cycle only, not constant", () -> schedule(ScheduleKind.CONSTANT,
                null, 3, 0.0, null, null, null, null, 25.0, null, null, null));
        rejects("schedule: final div factor applies to one_cycle only, not constant", () -> schedule(
                ScheduleKind.CONSTANT, null, 3, 0.0, null, null, null, null, null, 1e4, null, null));
        rejects("schedule: anneal applies to one_cycle only, not constant", () -> schedule(ScheduleKind.CONSTANT, null,
                3, 0.0, null, null, null, null, null, null, OneCycle.Anneal.COS, null));
        rejects("schedule: three phase applies to one_cycle only, not constant", () -> schedule(ScheduleKind.CONSTANT,
                null, 3, 0.0, null, null, null, null, null, null, null, true));
        for (String setting : List.of("factor", "patience", "threshold", "threshold mode", "mode", "cooldown")) {
            rejects("schedule: " + setting + " applies to reduce_on_plateau only, not cosine", () -> new ScheduleConfig(
                    ScheduleKind.COSINE, null, 3, 0.0, null, null, null, null, null, null, null, null,
                    setting.equals("factor") ? 0.5 : null, setting.equals("patience") ? 2 : null,
                    setting.equals("threshold") ? 0.1 : null, setting.equals("threshold mode")
                            ? ReduceLearningRateOnPlateau.ThresholdMode.ABSOLUTE : null,
                    setting.equals("mode") ? ReduceLearningRateOnPlateau.Mode.MAX : null,
                    setting.equals("cooldown") ? 1 : null));
        }
        rejects("schedule: step size down must be finite and > 0, got 0.0", () -> schedule(ScheduleKind.CYCLIC, null,
                3, 0.0, 0.0, null, null, null, null, null, null, null));
        rejects("schedule: period multiplier must be >= 1, got 0", () -> schedule(ScheduleKind.COSINE_WARM_RESTARTS,
                null, 3, 0.0, null, null, 0, null, null, null, null, null));
        rejects("schedule: pct start must be in [0, 1], got 1.5", () -> schedule(ScheduleKind.ONE_CYCLE, null, 3, 0.0,
                null, null, null, 1.5, null, null, null, null));
        rejects("schedule: pct start must be in [0, 1], got -0.5", () -> schedule(ScheduleKind.ONE_CYCLE, null, 3,
                0.0, null, null, null, -0.5, null, null, null, null));
        rejects("schedule: div factor must be finite and > 0, got 0.0", () -> schedule(ScheduleKind.ONE_CYCLE, null, 3,
                0.0, null, null, null, null, 0.0, null, null, null));
        rejects("schedule: final div factor must be finite and > 0, got Infinity", () -> schedule(
                ScheduleKind.ONE_CYCLE, null, 3, 0.0, null, null, null, null, null, Double.POSITIVE_INFINITY, null,
                null));
        rejects("schedule: factor must be in [0, 1), got 1.0", () -> ScheduleConfig.reduceOnPlateau(1.0, null, null,
                null, null, null, 0.0));
        rejects("schedule: factor must be in [0, 1), got -0.1", () -> ScheduleConfig.reduceOnPlateau(-0.1, null, null,
                null, null, null, 0.0));
        rejects("schedule: patience must be >= 0, got -1", () -> ScheduleConfig.reduceOnPlateau(null, -1, null, null,
                null, null, 0.0));
        rejects("schedule: threshold must be finite and >= 0, got NaN", () -> ScheduleConfig.reduceOnPlateau(null,
                null, Double.NaN, null, null, null, 0.0));
        rejects("schedule: cooldown must be >= 0, got -3", () -> ScheduleConfig.reduceOnPlateau(null, null, null, null,
                null, -3, 0.0));
        rejects("schedule: minimum learning rate must be finite and >= 0, got -1.0", () -> ScheduleConfig
                .reduceOnPlateau(null, null, null, null, null, null, -1.0));
        // one-cycle over too few epochs: every phase needs a positive length
        rejects("schedule: one_cycle over 2 epochs: OneCycle: phase 1 of 2 ends at step -0.4, not after its start 0.0"
                + " (pctStart 0.3, totalSteps 2); every phase needs a positive length",
                () -> ScheduleConfig.of(ScheduleKind.ONE_CYCLE).create(0.1, 2));
        assertEquals(0.0, ScheduleConfig.reduceOnPlateau(0.0, 0, 0.0, null, null, 0, 0.0).factor());
    }

    @Test
    void rangesIncludeTheirBoundsAndRejectJustBeyond() {
        assertEquals(1, new ScheduleConfig(ScheduleKind.STEP, 1.0, 1, 0.0).stepSize());
        rejects("schedule: step size must be >= 1 epoch, got 0", () -> new ScheduleConfig(ScheduleKind.STEP, null, 0,
                0.0));
        rejects("schedule: gamma must be in (0, 1], got 0.0", () -> new ScheduleConfig(ScheduleKind.STEP, 0.0, 1,
                0.0));
        rejects("schedule: gamma must be in (0, 1], got 1.0000000000000002", () -> new ScheduleConfig(
                ScheduleKind.EXPONENTIAL, Math.nextUp(1.0), 1, 0.0));
        assertEquals(0.1, new ScheduleConfig(ScheduleKind.INVERSE_TIME_STAIRCASE, 0.0, 1, 0.0).create(0.1, 5)
                .learningRate(4));
        // gamma 0: the peak of the first cycle (epoch 1) is scaled by 0^1
        assertEquals(0.0, schedule(ScheduleKind.CYCLIC, 0.0, 1, 0.0, null, CyclicSchedule.Mode.EXP_RANGE, null, null,
                null, null, null, null).create(0.1, 5).learningRate(1));
        assertEquals(0.1, schedule(ScheduleKind.CYCLIC, 1.0, 1, 0.0, null, CyclicSchedule.Mode.EXP_RANGE, null, null,
                null, null, null, null).create(0.1, 5).learningRate(1));
        assertEquals(0.1, schedule(ScheduleKind.COSINE_WARM_RESTARTS, null, 2, 0.0, null, null, 1, null, null, null,
                null, null).create(0.1, 5).learningRate(4));
        assertEquals(0.0, schedule(ScheduleKind.ONE_CYCLE, null, 1, 0.0, null, null, null, 0.0, null, null, null,
                null).pctStart());
        assertEquals(1.0, schedule(ScheduleKind.ONE_CYCLE, null, 1, 0.0, null, null, null, 1.0, null, null, null,
                null).pctStart());
        rejects("schedule: cyclic exp_range gamma must be finite and >= 0, got Infinity", () -> schedule(
                ScheduleKind.CYCLIC, Double.POSITIVE_INFINITY, 3, 0.0, null, CyclicSchedule.Mode.EXP_RANGE, null, null,
                null, null, null, null));
        rejects("schedule: inverse-time decay rate (gamma) must be finite and >= 0, got Infinity",
                () -> new ScheduleConfig(ScheduleKind.INVERSE_TIME, Double.POSITIVE_INFINITY, 3, 0.0));
        assertEquals(0.1 * 0.1, ScheduleConfig.of(ScheduleKind.STEP).create(0.1, 20).learningRate(10));
        assertEquals("step(10, 0.1)", ScheduleConfig.of(ScheduleKind.STEP).describe());
        assertEquals("step(2, 0.5)", new ScheduleConfig(ScheduleKind.STEP, 0.5, 2, 0.0).describe());
    }

    @Test
    void describeNamesEverySetting() {
        assertEquals("one_cycle(pct_start 0.3, div 25.0, final_div 10000.0, cos)",
                ScheduleConfig.of(ScheduleKind.ONE_CYCLE).describe());
        assertEquals("one_cycle(pct_start 0.25, div 10.0, final_div 100.0, linear, three-phase)", schedule(
                ScheduleKind.ONE_CYCLE, null, 3, 0.0, null, null, null, 0.25, 10.0, 100.0, OneCycle.Anneal.LINEAR,
                true).describe());
        assertEquals("one_cycle(pct_start 0.3, div 25.0, final_div 10000.0, cos)", schedule(ScheduleKind.ONE_CYCLE,
                null, 3, 0.0, null, null, null, null, null, null, null, false).describe());
        assertEquals("cosine_warm_restarts(T_0 3, T_mult 2, min 0.001)", schedule(ScheduleKind.COSINE_WARM_RESTARTS,
                null, 3, 0.001, null, null, 2, null, null, null, null, null).describe());
        assertEquals("cosine_warm_restarts(T_0 10, T_mult 1, min 0.0)",
                ScheduleConfig.of(ScheduleKind.COSINE_WARM_RESTARTS).describe());
        assertEquals("cyclic(triangular, base 0.0, up 10, down 10.0)", ScheduleConfig.of(ScheduleKind.CYCLIC)
                .describe());
        assertEquals("cyclic(exp_range, base 0.01, up 3, down 2.0, gamma 0.9)", schedule(ScheduleKind.CYCLIC, 0.9, 3,
                0.01, 2.0, CyclicSchedule.Mode.EXP_RANGE, null, null, null, null, null, null).describe());
        assertEquals("cyclic(exp_range, base 0.0, up 3, down 3.0, gamma 1.0)", schedule(ScheduleKind.CYCLIC, null, 3,
                0.0, null, CyclicSchedule.Mode.EXP_RANGE, null, null, null, null, null, null).describe());
        assertEquals("inverse_time_staircase(0.5 every 3)", new ScheduleConfig(ScheduleKind.INVERSE_TIME_STAIRCASE,
                0.5, 3, 0.0).describe());
        assertEquals("inverse_time_staircase(1.0 every 10)", ScheduleConfig.of(ScheduleKind.INVERSE_TIME_STAIRCASE)
                .describe());
        assertEquals("reduce_on_plateau(max, factor 0.25, patience 3, threshold 0.5 abs, cooldown 2, min 0.001)",
                ScheduleConfig.reduceOnPlateau(0.25, 3, 0.5, ReduceLearningRateOnPlateau.ThresholdMode.ABSOLUTE,
                        ReduceLearningRateOnPlateau.Mode.MAX, 2, 0.001).describe());
    }

    private static List<Double> rates(TrainingRun run) {
        List<Double> out = new ArrayList<>();
        for (EpochMetrics m : run.history()) {
            out.add(m.learningRate());
        }
        return out;
    }

    /** The rates a fresh plateau scheduler gives when fed the given losses (one per epoch). */
    private static List<Double> replay(ScheduleConfig config, double lr0, List<Double> monitored) {
        Optimizer sgd = SGD.Hyperparameters.pytorch(lr0).create(List.of(new Parameter("w", Matrix.rowVector(1.0))));
        ReduceLearningRateOnPlateau plateau = new ReduceLearningRateOnPlateau(List.of(sgd), config.plateauSettings());
        List<Double> out = new ArrayList<>();
        for (double m : monitored) {
            out.add(sgd.learningRate());
            plateau.step(m);
        }
        return out;
    }

    @Test
    void plateauMonitorsTheValidationLossOrWithoutValidationTheTrainingLoss() throws IOException {
        // a 20% relative threshold: the Iris losses stop improving that fast after a few epochs
        ScheduleConfig plateau = ScheduleConfig.reduceOnPlateau(0.5, 0, 0.2, null, null, null, 0.0);
        TrainingConfig config = Configs.iris(10, OptimizerConfig.of(OptimizerKind.ADAM, Preset.PYTORCH)
                .withLearningRate(0.05)).withSchedule(plateau);
        TrainingRun run = TrainingRun.start(config, config.prepareData());
        run.runToEnd();
        List<Double> validation = run.history().stream().map(EpochMetrics::validationLoss).toList();
        List<Double> training = run.history().stream().map(EpochMetrics::trainLoss).toList();
        List<Double> rates = rates(run);
        assertEquals(replay(plateau, 0.05, validation), rates);
        assertNotEquals(replay(plateau, 0.05, training), rates, "the validation loss is what is monitored");
        assertEquals(0.05, rates.get(0));
        assertTrue(rates.get(rates.size() - 1) < 0.05, "the rate was reduced: " + rates);

        TrainingConfig noValidation = config.withData(new DataConfig(DataSource.IRIS, null, null, false, 0, 0.0, 0.2));
        TrainingRun trainOnly = TrainingRun.start(noValidation, noValidation.prepareData());
        trainOnly.runToEnd();
        assertTrue(Double.isNaN(trainOnly.history().get(0).validationLoss()));
        List<Double> onlyTraining = trainOnly.history().stream().map(EpochMetrics::trainLoss).toList();
        assertEquals(replay(plateau, 0.05, onlyTraining), rates(trainOnly));
        assertTrue(rates(trainOnly).get(9) < 0.05, rates(trainOnly).toString());
    }

    @Test
    void aResumedRunOfEveryNewScheduleEqualsTheUninterruptedOne() throws IOException {
        OptimizerConfig adam = OptimizerConfig.of(OptimizerKind.ADAM, Preset.PYTORCH).withLearningRate(0.05);
        List<ScheduleConfig> cases = List.of(
                ScheduleConfig.reduceOnPlateau(0.5, 0, 0.2, null, null, 1, 0.001),
                ScheduleConfig.of(ScheduleKind.ONE_CYCLE),
                schedule(ScheduleKind.COSINE_WARM_RESTARTS, null, 2, 0.001, null, null, 2, null, null, null, null,
                        null),
                schedule(ScheduleKind.CYCLIC, 0.8, 2, 0.005, 1.0, CyclicSchedule.Mode.EXP_RANGE, null, null, null,
                        null, null, null),
                new ScheduleConfig(ScheduleKind.INVERSE_TIME_STAIRCASE, 0.5, 2, 0.0));
        int n = 0;
        for (ScheduleConfig s : cases) {
            TrainingConfig config = Configs.iris(5, adam).withSchedule(s);
            TrainingRun whole = NewOptimizersTrainTest.resumesBitForBit(config, tmp.resolve("s" + n++));
            List<Double> rates = rates(whole);
            double first = switch (s.kind()) {
                case ONE_CYCLE -> 0.05 / 25.0; // max_lr / div_factor
                case CYCLIC -> 0.005; // base_lr
                default -> 0.05;
            };
            assertEquals(first, rates.get(0), 1e-17, s.describe());
            assertTrue(rates.stream().distinct().count() > 1, s.describe() + ": " + rates);
            if (s.kind() != ScheduleKind.REDUCE_ON_PLATEAU) {
                for (int e = 0; e < rates.size(); e++) {
                    assertEquals(s.create(0.05, 5).learningRate(e), rates.get(e), s.describe() + " epoch " + e);
                }
            }
        }
    }

    @Test
    void thePlateauStateIsInTheCheckpointAndChecked() throws IOException {
        ScheduleConfig plateau = ScheduleConfig.reduceOnPlateau(0.5, 3, 0.2, null, null, 2, 0.0);
        TrainingConfig config = Configs.iris(6, OptimizerConfig.of(OptimizerKind.ADAM, Preset.PYTORCH)
                .withLearningRate(0.05)).withSchedule(plateau);
        TrainingRun run = TrainingRun.start(config, config.prepareData());
        for (int e = 0; e < 4; e++) {
            run.runEpoch(TrainingListener.NONE);
        }
        Checkpoint cp = run.checkpoint();
        ReduceLearningRateOnPlateau replayed = new ReduceLearningRateOnPlateau(List.of(SGD.Hyperparameters.pytorch(0.05)
                .create(List.of(new Parameter("w", Matrix.rowVector(1.0))))), plateau.plateauSettings());
        for (EpochMetrics m : run.history()) {
            replayed.step(m.validationLoss());
        }
        assertEquals(Optional.of(replayed.state()), cp.plateau());
        Path dir = tmp.resolve("plateau");
        cp.save(dir);
        Checkpoint back = Checkpoint.load(dir);
        assertEquals(cp.plateau(), back.plateau());
        assertEquals(cp.config(), back.config());
        String json = Files.readString(Checkpoint.current(dir).orElseThrow().resolve(Checkpoint.STATE_FILE));
        assertTrue(json.contains("\"plateau\""), json);
        assertTrue(json.contains("\"bad_epochs\" : " + replayed.badEpochs()), json);

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> cp.withPlateau(
                Optional.empty()));
        assertEquals("Checkpoint: the reduce-on-plateau state must be present exactly when the schedule is "
                + "reduce_on_plateau (schedule reduce_on_plateau, state missing)", missing.getMessage());
        Checkpoint plain = trainedPlain();
        IllegalArgumentException extra = assertThrows(IllegalArgumentException.class, () -> plain.withPlateau(
                Optional.of(new ReduceLearningRateOnPlateau.State(1.0, 0, 0))));
        assertEquals("Checkpoint: the reduce-on-plateau state must be present exactly when the schedule is "
                + "reduce_on_plateau (schedule constant, state present)", extra.getMessage());

        // a state file whose plateau object has a stray key is refused by name
        Path legacy = legacyCopy(dir, tmp.resolve("stray"));
        Path state = legacy.resolve(Checkpoint.STATE_FILE);
        Files.writeString(state, Files.readString(state).replace("\"bad_epochs\"", "\"bad_epoch\""));
        IOException stray = assertThrows(IOException.class, () -> Checkpoint.load(legacy));
        assertTrue(stray.getMessage().contains("unknown key \"bad_epoch\" in the plateau state"), stray.getMessage());
        // and a plateau schedule whose checkpoint lacks the state cannot be resumed
        Path noState = legacyCopy(dir, tmp.resolve("nostate"));
        Path noStateFile = noState.resolve(Checkpoint.STATE_FILE);
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(Files.readString(noStateFile));
        root.remove("plateau");
        Files.writeString(noStateFile, root.toPrettyString(), StandardCharsets.UTF_8);
        IOException absent = assertThrows(IOException.class, () -> Checkpoint.load(noState));
        assertTrue(absent.getMessage().contains("state missing"), absent.getMessage());
    }

    private Checkpoint trainedPlain() throws IOException {
        TrainingConfig config = Configs.iris(1, OptimizerConfig.of(OptimizerKind.SGD, Preset.PYTORCH));
        TrainingRun run = TrainingRun.start(config, config.prepareData());
        run.runToEnd();
        return run.checkpoint();
    }

    /** The current generation's files copied into a checkpoint directory of the first format (no manifest). */
    private static Path legacyCopy(Path dir, Path target) throws IOException {
        Path generation = Checkpoint.current(dir).orElseThrow();
        Files.createDirectories(target);
        for (String f : new String[] {Checkpoint.MODEL_FILE, Checkpoint.OPTIMIZER_FILE, Checkpoint.PREPROCESSING_FILE,
            Checkpoint.STATE_FILE}) {
            Files.copy(generation.resolve(f), target.resolve(f));
        }
        return target;
    }

    /** A checkpoint written before issue 21 (its config without the new keys) is read and resumed as before. */
    @Test
    void checkpointsWithoutTheNewSettingsStillRead() throws IOException {
        TrainingConfig config = Configs.everyState(3);
        TrainingRun whole = TrainingRun.start(config, config.prepareData());
        whole.runToEnd();
        TrainingRun first = TrainingRun.start(config, config.prepareData());
        first.runEpoch(TrainingListener.NONE);
        Path dir = tmp.resolve("new");
        first.checkpoint().save(dir);
        Path old = legacyCopy(dir, tmp.resolve("old"));
        Path stateFile = old.resolve(Checkpoint.STATE_FILE);
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(Files.readString(stateFile));
        ObjectNode cfg = (ObjectNode) root.get("config");
        assertTrue(cfg.has("clipping") && cfg.get("clipping").isNull(), cfg.toString());
        cfg.remove("clipping");
        ObjectNode optimizer = (ObjectNode) cfg.get("optimizer");
        ObjectNode schedule = (ObjectNode) cfg.get("schedule");
        int removed = 0;
        for (String key : List.of("momentumDecay", "rho", "etaMinus", "etaPlus", "stepSizeMin", "stepSizeMax",
                "lambda", "alpha", "t0")) {
            removed += optimizer.remove(key) != null ? 1 : 0;
        }
        for (String key : List.of("stepSizeDown", "cyclicMode", "periodMultiplier", "pctStart", "divFactor",
                "finalDivFactor", "anneal", "threePhase", "factor", "patience", "threshold", "thresholdMode", "mode",
                "cooldown")) {
            removed += schedule.remove(key) != null ? 1 : 0;
        }
        assertEquals(9 + 14, removed);
        Files.writeString(stateFile, root.toPrettyString(), StandardCharsets.UTF_8);
        Checkpoint loaded = Checkpoint.load(old);
        assertEquals(config, loaded.config());
        TrainingRun resumed = TrainingRun.resume(loaded, loaded.prepareData(), 3);
        resumed.runToEnd();
        assertEquals(whole.model().stateDict(), resumed.model().stateDict());
    }
}
