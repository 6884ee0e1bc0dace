package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dlref.optim.schedule.LearningRateSchedule;
import org.junit.jupiter.api.Test;

/**
 * {@link ScheduleConfig}: every refusal by its exact message, the accepted boundary values, the rates of every kind
 * against their closed forms (PyTorch's StepLR {@code lr0 gamma^floor(e / s)}, ExponentialLR {@code lr0 gamma^e},
 * bp-optimizers' inverse time {@code lr0 / (1 + r e)}, CosineAnnealingLR
 * {@code eta_min + (lr0 - eta_min) (1 + cos(pi e / T)) / 2}) with and without a given gamma, and the descriptions.
 */
class ScheduleConfigTest {

    static void refuses(String message, Runnable r) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, r::run).getMessage());
    }

    @Test
    void refusalsNameTheSettingAndItsValue() {
        assertEquals("schedule: kind must not be null",
                assertThrows(NullPointerException.class, () -> new ScheduleConfig(null, null, 1, 0)).getMessage());
        refuses("schedule: step size must be >= 1 epoch, got 0", () -> new ScheduleConfig(ScheduleKind.STEP, null, 0, 0));
        refuses("schedule: step size must be >= 1 epoch, got -3",
                () -> new ScheduleConfig(ScheduleKind.CONSTANT, null, -3, 0));
        refuses("schedule: minimum learning rate must be finite and >= 0, got -1.0E-9",
                () -> new ScheduleConfig(ScheduleKind.COSINE, null, 1, -1e-9));
        refuses("schedule: minimum learning rate must be finite and >= 0, got NaN",
                () -> new ScheduleConfig(ScheduleKind.COSINE, null, 1, Double.NaN));
        refuses("schedule: minimum learning rate must be finite and >= 0, got Infinity",
                () -> new ScheduleConfig(ScheduleKind.COSINE, null, 1, Double.POSITIVE_INFINITY));
        for (double bad : new double[] {-0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            refuses("schedule: inverse-time decay rate (gamma) must be finite and >= 0, got " + bad,
                    () -> new ScheduleConfig(ScheduleKind.INVERSE_TIME, bad, 1, 0));
        }
        for (ScheduleKind kind : new ScheduleKind[] {ScheduleKind.STEP, ScheduleKind.EXPONENTIAL}) {
            for (double bad : new double[] {0.0, -0.1, Math.nextUp(1.0), Double.NaN}) {
                refuses("schedule: gamma must be in (0, 1], got " + bad, () -> new ScheduleConfig(kind, bad, 1, 0));
            }
        }
        refuses("schedule: gamma applies to step, exponential, inverse_time, inverse_time_staircase and cyclic with mode exp_range, not constant",
                () -> new ScheduleConfig(ScheduleKind.CONSTANT, 0.5, 1, 0));
        refuses("schedule: gamma applies to step, exponential, inverse_time, inverse_time_staircase and cyclic with mode exp_range, "
                + "not cosine",
                () -> new ScheduleConfig(ScheduleKind.COSINE, 0.5, 1, 0));
    }

    @Test
    void boundaryValuesAreAccepted() {
        assertEquals(1, new ScheduleConfig(ScheduleKind.STEP, 1.0, 1, 0).stepSize());
        assertEquals(Double.MIN_VALUE, new ScheduleConfig(ScheduleKind.EXPONENTIAL, Double.MIN_VALUE, 1, 0).gamma());
        assertEquals(0.0, new ScheduleConfig(ScheduleKind.INVERSE_TIME, 0.0, 1, 0).gamma());
        assertEquals(0.0, new ScheduleConfig(ScheduleKind.COSINE, null, 1, 0.0).minLearningRate());
        assertEquals(new ScheduleConfig(ScheduleKind.CONSTANT, null, 10, 0.0), ScheduleConfig.CONSTANT);
        assertEquals(new ScheduleConfig(ScheduleKind.EXPONENTIAL, null, 10, 0.0), ScheduleConfig.of(ScheduleKind.EXPONENTIAL));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertEquals(0.1, ScheduleConfig.DEFAULT_STEP_GAMMA);
        assertEquals(0.9, ScheduleConfig.DEFAULT_EXPONENTIAL_GAMMA);
        assertEquals(1.0, ScheduleConfig.DEFAULT_DECAY_RATE);
        assertEquals(10, ScheduleConfig.DEFAULT_STEP_SIZE);
    }

    @Test
    void ratesFollowTheClosedForms() {
        LearningRateSchedule constant = ScheduleConfig.CONSTANT.create(0.3, 5);
        assertEquals(0.3, constant.learningRate(0));
        assertEquals(0.3, constant.learningRate(99));

        // StepLR default: gamma 0.1 every 10 epochs
        LearningRateSchedule step = ScheduleConfig.of(ScheduleKind.STEP).create(0.4, 50);
        assertEquals(0.4, step.learningRate(9));
        assertEquals(0.4 * 0.1, step.learningRate(10), 1e-18);
        assertEquals(0.4 * 0.1 * 0.1, step.learningRate(25), 1e-18);
        LearningRateSchedule step3 = new ScheduleConfig(ScheduleKind.STEP, 0.5, 3, 0).create(0.4, 50);
        assertEquals(0.4, step3.learningRate(2));
        assertEquals(0.2, step3.learningRate(3));
        assertEquals(0.1, step3.learningRate(8));
        assertEquals(0.05, step3.learningRate(9));

        LearningRateSchedule exp = ScheduleConfig.of(ScheduleKind.EXPONENTIAL).create(0.5, 10);
        assertEquals(0.5, exp.learningRate(0));
        assertEquals(0.5 * 0.9 * 0.9 * 0.9, exp.learningRate(3), 1e-16);
        LearningRateSchedule exp2 = new ScheduleConfig(ScheduleKind.EXPONENTIAL, 0.5, 10, 0).create(0.5, 10);
        assertEquals(0.0625, exp2.learningRate(3));

        LearningRateSchedule inverse = ScheduleConfig.of(ScheduleKind.INVERSE_TIME).create(0.5, 10);
        assertEquals(0.5 / 5, inverse.learningRate(4));
        LearningRateSchedule inverse2 = new ScheduleConfig(ScheduleKind.INVERSE_TIME, 0.25, 10, 0).create(0.5, 10);
        assertEquals(0.5 / 2, inverse2.learningRate(4));

        // cosine over 4 epochs from 0.5 to 0.1: cos(pi / 4) at epoch 1, 0.3 halfway, 0.1 at the end
        LearningRateSchedule cosine = new ScheduleConfig(ScheduleKind.COSINE, null, 10, 0.1).create(0.5, 4);
        assertEquals(0.5, cosine.learningRate(0));
        assertEquals(0.1 + 0.4 * (1 + Math.sqrt(0.5)) / 2, cosine.learningRate(1), 1e-16);
        assertEquals(0.3, cosine.learningRate(2), 1e-16);
        assertEquals(0.1, cosine.learningRate(4), 1e-16);
        // a period of at least one epoch: epochs = 0 gives the rate of a one-epoch period
        LearningRateSchedule one = new ScheduleConfig(ScheduleKind.COSINE, null, 10, 0.1).create(0.5, 0);
        assertEquals(0.1, one.learningRate(1), 1e-16);
        assertEquals(0.5, one.learningRate(2), 1e-16);
    }

    @Test
    void descriptionsNameTheKindAndItsSettings() {
        assertEquals("constant", ScheduleConfig.CONSTANT.describe());
        assertEquals("step(10, 0.1)", ScheduleConfig.of(ScheduleKind.STEP).describe());
        assertEquals("step(3, 0.5)", new ScheduleConfig(ScheduleKind.STEP, 0.5, 3, 0).describe());
        assertEquals("exponential(0.9)", ScheduleConfig.of(ScheduleKind.EXPONENTIAL).describe());
        assertEquals("exponential(0.25)", new ScheduleConfig(ScheduleKind.EXPONENTIAL, 0.25, 3, 0).describe());
        assertEquals("inverse_time(1.0)", ScheduleConfig.of(ScheduleKind.INVERSE_TIME).describe());
        assertEquals("inverse_time(2.5)", new ScheduleConfig(ScheduleKind.INVERSE_TIME, 2.5, 3, 0).describe());
        assertEquals("cosine(min 0.0)", ScheduleConfig.of(ScheduleKind.COSINE).describe());
        assertEquals("cosine(min 0.001)", new ScheduleConfig(ScheduleKind.COSINE, null, 3, 0.001).describe());
    }
}
