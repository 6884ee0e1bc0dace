package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The copy-with methods of {@link TrainingConfig}: each equals the canonical constructor with exactly that setting
 * replaced, and a copy is validated like a new configuration.
 */
class TrainingConfigCopyWithTest {

    private static final DataConfig DATA = DataConfig.builtIn(DataSource.IRIS);
    private static final ModelConfig MODEL = new ModelConfig(List.of(16), Activation.RELU, 0.0, false,
            InitScheme.PYTORCH);
    private static final OptimizerConfig OPTIMIZER = new OptimizerConfig(OptimizerKind.MOMENTUM, Preset.PYTORCH, 0.1, 0.9,
            null, null, null, null);
    private static final ScheduleConfig SCHEDULE = ScheduleConfig.CONSTANT;
    private static final TrainingConfig BASE = new TrainingConfig(DATA, MODEL, OPTIMIZER, SCHEDULE, 0.001, 0.002, 3,
            16, Seeds.of(7L));

    @Test
    void eachCopyReplacesExactlyItsSetting() {
        DataConfig data = DataConfig.builtIn(DataSource.SPIRAL);
        ModelConfig model = new ModelConfig(List.of(8, 4), Activation.TANH, 0.25, true, InitScheme.XAVIER);
        OptimizerConfig optimizer = new OptimizerConfig(OptimizerKind.ADAM, Preset.KERAS, 0.01, null, null, null,
                null, null);
        ScheduleConfig schedule = new ScheduleConfig(ScheduleKind.STEP, 0.5, 2, 0.0);
        Seeds seeds = Seeds.of(11L);
        assertEquals(new TrainingConfig(data, MODEL, OPTIMIZER, SCHEDULE, 0.001, 0.002, 3, 16, Seeds.of(7L)),
                BASE.withData(data));
        assertEquals(new TrainingConfig(DATA, model, OPTIMIZER, SCHEDULE, 0.001, 0.002, 3, 16, Seeds.of(7L)),
                BASE.withModel(model));
        assertEquals(new TrainingConfig(DATA, MODEL, optimizer, SCHEDULE, 0.001, 0.002, 3, 16, Seeds.of(7L)),
                BASE.withOptimizer(optimizer));
        assertEquals(new TrainingConfig(DATA, MODEL, optimizer, schedule, 0.001, 0.002, 3, 16, Seeds.of(7L)),
                BASE.withOptimizer(optimizer, schedule));
        assertEquals(new TrainingConfig(DATA, MODEL, OPTIMIZER, schedule, 0.001, 0.002, 3, 16, Seeds.of(7L)),
                BASE.withSchedule(schedule));
        assertEquals(new TrainingConfig(DATA, MODEL, OPTIMIZER, SCHEDULE, 0.5, 0.25, 3, 16, Seeds.of(7L)),
                BASE.withPenalties(0.5, 0.25));
        assertEquals(new TrainingConfig(DATA, MODEL, OPTIMIZER, SCHEDULE, 0.001, 0.002, 9, 16, Seeds.of(7L)),
                BASE.withEpochs(9));
        assertEquals(new TrainingConfig(DATA, MODEL, OPTIMIZER, SCHEDULE, 0.001, 0.002, 3, 32, Seeds.of(7L)),
                BASE.withBatchSize(32));
        assertEquals(new TrainingConfig(DATA, MODEL, OPTIMIZER, SCHEDULE, 0.001, 0.002, 3, 16, seeds),
                BASE.withSeeds(seeds));
    }

    @Test
    void aCopyIsValidatedLikeANewConfiguration() {
        assertMessage("training: epochs must be >= 1, got 0", () -> BASE.withEpochs(0));
        assertMessage("training: batch size must be >= 1, got 0", () -> BASE.withBatchSize(0));
        assertMessage("training: l1 must be finite and >= 0, got -1.0", () -> BASE.withPenalties(-1.0, 0.0));
        assertMessage("training: l2 must be finite and >= 0, got NaN", () -> BASE.withPenalties(0.0, Double.NaN));
        NullPointerException npe = assertThrows(NullPointerException.class, () -> BASE.withSchedule(null));
        assertTrue(npe.getMessage().contains("schedule"), npe.getMessage());
    }

    private static void assertMessage(String expected, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertEquals(expected, e.getMessage());
    }
}
