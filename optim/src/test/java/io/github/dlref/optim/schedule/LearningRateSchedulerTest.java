package io.github.dlref.optim.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import io.github.dlref.optim.AdaGrad;
import io.github.dlref.optim.Adam;
import io.github.dlref.optim.Optimizer;
import io.github.dlref.optim.RMSProp;
import io.github.dlref.optim.SGD;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduler sets each optimizer's learning rate to the closed form, step by step. */
class LearningRateSchedulerTest {

    @Test
    void drivesEveryOptimizer() {
        Parameter p = new Parameter("w", Matrix.scalar(1.0));
        List<Optimizer> optimizers = List.of(new SGD(List.of(p), SGD.Hyperparameters.pytorch(9.0)),
                new AdaGrad(List.of(p), AdaGrad.Hyperparameters.pytorch()),
                new RMSProp(List.of(p), RMSProp.Hyperparameters.keras()),
                new Adam(List.of(p), Adam.Hyperparameters.pytorch()));
        StepDecay schedule = new StepDecay(0.8, 2, 0.5);
        for (Optimizer opt : optimizers) {
            LearningRateScheduler s = new LearningRateScheduler(opt, schedule);
            assertEquals(0.8, opt.learningRate());
            assertEquals(0, s.currentStep());
            s.step();
            assertEquals(0.8, opt.learningRate());
            s.step();
            assertEquals(0.4, opt.learningRate());
            assertEquals(2, s.currentStep());
            assertEquals(0.4, s.currentLearningRate());
        }
    }

    /** A scheduler started at step k (resuming a run) sets schedule(k). */
    @Test
    void resumesAtAGivenStep() {
        Parameter p = new Parameter("w", Matrix.scalar(1.0));
        Optimizer opt = new SGD(List.of(p), SGD.Hyperparameters.pytorch(9.0));
        LearningRateScheduler s = new LearningRateScheduler(opt, new StepDecay(0.8, 2, 0.5), 4);
        assertEquals(0.2, opt.learningRate());
        assertThrows(IllegalArgumentException.class, () -> new LearningRateScheduler(opt, new Constant(0.1), -1));
        assertEquals(4, s.currentStep());
    }

    /**
     * Resuming a scheduled run: 10 steps straight against 5 steps, an optimizer snapshot, a new optimizer
     * restored from it and a scheduler started at step 5, then 5 more steps: bit-identical.
     */
    @Test
    void aScheduledRunResumesBitIdentically() {
        CosineDecay schedule = CosineDecay.pytorch(0.1, 10, 0.001);
        Adam.Hyperparameters h = Adam.Hyperparameters.pytorch();
        Parameter straight = new Parameter("w", Matrix.rowVector(2.0, -3.0));
        Adam a = new Adam(List.of(straight), h);
        LearningRateScheduler sa = new LearningRateScheduler(a, schedule);
        run(straight, a, sa, 10);

        Parameter first = new Parameter("w", Matrix.rowVector(2.0, -3.0));
        Adam b = new Adam(List.of(first), h);
        run(first, b, new LearningRateScheduler(b, schedule), 5);
        Parameter resumed = new Parameter("w", first.value());
        Adam c = new Adam(List.of(resumed), h);
        c.loadState(b.saveState());
        run(resumed, c, new LearningRateScheduler(c, schedule, 5), 5);
        assertEquals(straight.value(), resumed.value());
        assertEquals(a.saveState(), c.saveState());
    }

    private static void run(Parameter p, Optimizer opt, LearningRateScheduler s, int steps) {
        for (int i = 0; i < steps; i++) {
            double[] w = p.value().toRowMajorArray();
            p.zeroGrad();
            p.accumulateGrad(Matrix.rowVector(2 * w[0] * w[0] * w[0], w[1] - 1));
            opt.step();
            s.step();
        }
    }

    /** A schedule that produces an invalid learning rate is refused by the optimizer, with its message. */
    @Test
    void anInvalidValueIsRefused() {
        Parameter p = new Parameter("w", Matrix.scalar(1.0));
        Optimizer opt = new SGD(List.of(p), SGD.Hyperparameters.pytorch(0.1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LearningRateScheduler(opt, t -> -0.5));
        assertTrue(e.getMessage().contains("SGD: learningRate must be in [0, inf), got -0.5"), e.getMessage());
    }
}
