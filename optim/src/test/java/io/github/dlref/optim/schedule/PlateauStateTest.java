package io.github.dlref.optim.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import io.github.dlref.optim.Optimizer;
import io.github.dlref.optim.SGD;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ReduceLearningRateOnPlateau#state()} and {@link ReduceLearningRateOnPlateau#restore}: a scheduler restored
 * from a snapshot (and an optimizer with the snapshot's learning rate) continues exactly as the one that took it.
 */
class PlateauStateTest {

    private static Optimizer sgd() {
        return SGD.Hyperparameters.pytorch(1.0).create(List.of(new Parameter("w", Matrix.rowVector(1.0))));
    }

    /** patience 1, factor 0.5, cooldown 1: with the metrics below the rate halves after calls 3 and 6. */
    private static final ReduceLearningRateOnPlateau.Settings SETTINGS = ReduceLearningRateOnPlateau.Settings.pytorch()
            .withPatience(1).withFactor(0.5).withCooldown(1);

    private static final double[] METRICS = {1.0, 0.9, 0.95, 0.97, 0.96, 0.99, 0.98, 0.5};

    @Test
    void aRestoredSchedulerContinuesLikeTheOriginal() {
        Optimizer whole = sgd();
        ReduceLearningRateOnPlateau uninterrupted = new ReduceLearningRateOnPlateau(List.of(whole), SETTINGS);
        double[] rates = new double[METRICS.length];
        for (int i = 0; i < METRICS.length; i++) {
            uninterrupted.step(METRICS[i]);
            rates[i] = whole.learningRate();
        }
        // by hand: best 0.9 after call 2; calls 3, 4 bad -> 2 > 1, halve (0.5), cooldown 1; call 5 bad but in
        // cooldown (count reset); calls 6, 7 bad -> halve (0.25); call 8 improves
        assertEquals(List.of(1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.25, 0.25),
                java.util.Arrays.stream(rates).boxed().toList());
        for (int cut = 0; cut <= METRICS.length; cut++) {
            Optimizer first = sgd();
            ReduceLearningRateOnPlateau before = new ReduceLearningRateOnPlateau(List.of(first), SETTINGS);
            for (int i = 0; i < cut; i++) {
                before.step(METRICS[i]);
            }
            ReduceLearningRateOnPlateau.State saved = before.state();
            Optimizer second = sgd();
            second.setLearningRate(first.learningRate());
            ReduceLearningRateOnPlateau after = new ReduceLearningRateOnPlateau(List.of(second), SETTINGS);
            after.restore(saved);
            assertEquals(saved, after.state());
            assertEquals(before.best(), after.best());
            assertEquals(before.badEpochs(), after.badEpochs());
            assertEquals(before.cooldownCounter(), after.cooldownCounter());
            for (int i = cut; i < METRICS.length; i++) {
                after.step(METRICS[i]);
                assertEquals(rates[i], second.learningRate(), "cut " + cut + ", call " + (i + 1));
            }
            assertEquals(uninterrupted.state(), after.state(), "cut " + cut);
        }
        assertEquals(new ReduceLearningRateOnPlateau.State(0.5, 0, 0), uninterrupted.state());
    }

    @Test
    void invalidStatesAreRefusedByName() {
        assertEquals("ReduceLearningRateOnPlateau.State: best must not be NaN", assertThrows(
                IllegalArgumentException.class, () -> new ReduceLearningRateOnPlateau.State(Double.NaN, 0, 0))
                .getMessage());
        assertEquals("ReduceLearningRateOnPlateau.State: badEpochs must be >= 0, got -1", assertThrows(
                IllegalArgumentException.class, () -> new ReduceLearningRateOnPlateau.State(1.0, -1, 0)).getMessage());
        assertEquals("ReduceLearningRateOnPlateau.State: cooldownCounter must be >= 0, got -2", assertThrows(
                IllegalArgumentException.class, () -> new ReduceLearningRateOnPlateau.State(1.0, 0, -2)).getMessage());
        ReduceLearningRateOnPlateau min = new ReduceLearningRateOnPlateau(List.of(sgd()), SETTINGS);
        assertEquals("ReduceLearningRateOnPlateau.restore: state must not be null", assertThrows(
                IllegalArgumentException.class, () -> min.restore(null)).getMessage());
        assertEquals("ReduceLearningRateOnPlateau.restore: best -Infinity cannot occur in mode MIN", assertThrows(
                IllegalArgumentException.class, () -> min.restore(new ReduceLearningRateOnPlateau.State(
                        Double.NEGATIVE_INFINITY, 0, 0))).getMessage());
        ReduceLearningRateOnPlateau max = new ReduceLearningRateOnPlateau(List.of(sgd()),
                SETTINGS.withMode(ReduceLearningRateOnPlateau.Mode.MAX));
        assertEquals("ReduceLearningRateOnPlateau.restore: best Infinity cannot occur in mode MAX", assertThrows(
                IllegalArgumentException.class, () -> max.restore(new ReduceLearningRateOnPlateau.State(
                        Double.POSITIVE_INFINITY, 0, 0))).getMessage());
        // the unreached sides are fine: +inf before the first call in MIN, -inf in MAX
        min.restore(new ReduceLearningRateOnPlateau.State(Double.POSITIVE_INFINITY, 0, 0));
        max.restore(new ReduceLearningRateOnPlateau.State(Double.NEGATIVE_INFINITY, 3, 2));
        assertEquals(new ReduceLearningRateOnPlateau.State(Double.NEGATIVE_INFINITY, 3, 2), max.state());
    }
}
