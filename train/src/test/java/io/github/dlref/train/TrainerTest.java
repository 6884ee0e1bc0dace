package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.data.Batch;
import io.github.dlref.data.DataLoader;
import io.github.dlref.data.Dataset;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.Sequential;
import io.github.dlref.nn.layers.Linear;
import io.github.dlref.nn.losses.MSELoss;
import io.github.dlref.optim.AdaGrad;
import io.github.dlref.optim.Optimizer;
import io.github.dlref.optim.SGD;
import io.github.dlref.optim.schedule.LearningRateScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static final MSELoss MSE = new MSELoss();

    /** y = w x + b with w = 1, b = 0. */
    private static Sequential line() {
        return new Sequential(List.of(new Linear(Matrix.scalar(1.0), Matrix.rowVector(0.0))));
    }

    private static Trainer sgd(Sequential model, double lr, Function<Optimizer, LearningRateScheduler> schedule,
            Trainer.ScheduleInterval interval) {
        ParameterBinding binding = new ParameterBinding(model);
        Optimizer optimizer = binding.bind(p -> new SGD(p, SGD.Hyperparameters.pytorch(lr)));
        return new Trainer(model, binding, optimizer, (prediction, batch, step) -> MSE.forward(prediction,
                batch.targets()), List.of(), schedule == null ? null : schedule.apply(optimizer), interval);
    }

    private static DataLoader.Epoch oneSample(double x, double y) {
        Dataset d = Dataset.regression(Matrix.scalar(x), Matrix.scalar(y));
        return new DataLoader(d, new DataLoader.Options(1, false, false, 0L)).nextEpoch();
    }

    @Test
    void oneStepIsTheClosedFormGradientStep() {
        // x = 2, y = 1: prediction 2, loss (2 - 1)^2 = 1, dL/dw = 2 (wx + b - y) x = 4, dL/db = 2;
        // SGD with lr 0.25: w = 1 - 0.25 * 4 = 0, b = 0 - 0.25 * 2 = -0.5 (all exact in binary)
        Sequential model = line();
        Trainer trainer = sgd(model, 0.25, null, Trainer.ScheduleInterval.STEP);
        Trainer.StepResult r = trainer.step(oneSample(2.0, 1.0).batch(0), Trainer.StepObserver.NONE);
        assertEquals(1L, r.step());
        assertEquals(1.0, r.dataLoss().item());
        assertEquals(1.0, r.objective().item());
        assertEquals(0.25, r.learningRate());
        assertEquals(2.0, r.prediction().item());
        assertEquals(0.0, model.stateDict().get("0.weight").get(0, 0));
        assertEquals(-0.5, model.stateDict().get("0.bias").get(0, 0));
        assertEquals(1L, trainer.stepsTaken());
    }

    @Test
    void theObserverSeesLossThenGradientsThenTheFinishedStep() {
        Sequential model = line();
        Trainer trainer = sgd(model, 0.25, null, Trainer.ScheduleInterval.STEP);
        List<String> events = new ArrayList<>();
        trainer.step(oneSample(2.0, 1.0).batch(0), new Trainer.StepObserver() {
            @Override
            public void lossComputed(long step, Batch batch, Tensor dataLoss, Tensor objective) {
                assertNull(model.namedParameters().get(0).parameter().grad(), "no gradient before backward");
                events.add("loss " + step);
            }

            @Override
            public void gradientsComputed(long step, Batch batch) {
                // the gradient is there and the parameter is not updated yet
                assertEquals(4.0, model.namedParameters().get(0).parameter().grad().get(0, 0));
                assertEquals(1.0, model.namedParameters().get(0).parameter().value().get(0, 0));
                events.add("gradients " + step);
            }

            @Override
            public void stepFinished(Trainer.StepResult result) {
                assertEquals(0.0, model.namedParameters().get(0).parameter().value().get(0, 0));
                events.add("finished " + result.step());
            }
        });
        assertEquals(List.of("loss 1", "gradients 1", "finished 1"), events);
    }

    @Test
    void anObserverThatThrowsBeforeBackwardLeavesTheModelUnchanged() {
        Sequential model = line();
        Trainer trainer = sgd(model, 0.25, null, Trainer.ScheduleInterval.STEP);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> trainer.step(oneSample(2.0, 1.0).batch(0), new Trainer.StepObserver() {
                    @Override
                    public void lossComputed(long step, Batch batch, Tensor dataLoss, Tensor objective) {
                        throw new IllegalStateException("stop");
                    }
                }));
        assertEquals("stop", e.getMessage());
        assertEquals(1.0, model.stateDict().get("0.weight").get(0, 0));
        assertEquals(0L, trainer.stepsTaken());
    }

    /** Four samples, batch size 1: four batches per epoch. */
    private static DataLoader fourSamples() {
        Dataset d = Dataset.regression(Matrix.columnVector(1, 2, 3, 4), Matrix.columnVector(0, 0, 0, 0));
        return new DataLoader(d, new DataLoader.Options(1, false, false, 0L));
    }

    private static List<Double> rates(Trainer.ScheduleInterval interval, long steps, List<Boolean> complete,
            double[] finalRate) {
        Sequential model = line();
        // schedule(t) = 1 / 2^(t + 4): every rate distinct and exact
        Trainer trainer = sgd(model, 1.0, o -> new LearningRateScheduler(o, t -> Math.scalb(1.0, (int) -(t + 4))),
                interval);
        List<Double> seen = new ArrayList<>();
        Trainer.StepObserver observer = new Trainer.StepObserver() {
            @Override
            public void stepFinished(Trainer.StepResult result) {
                seen.add(result.learningRate());
            }
        };
        DataLoader loader = fourSamples();
        while (trainer.stepsTaken() < steps) {
            complete.add(trainer.epoch(loader.nextEpoch(), steps - trainer.stepsTaken(), observer));
        }
        finalRate[0] = trainer.optimizer().learningRate();
        return seen;
    }

    @Test
    void aStepScheduleAdvancesAfterEveryStep() {
        List<Boolean> complete = new ArrayList<>();
        double[] last = new double[1];
        List<Double> seen = rates(Trainer.ScheduleInterval.STEP, 6, complete, last);
        assertEquals(List.of(1.0 / 16, 1.0 / 32, 1.0 / 64, 1.0 / 128, 1.0 / 256, 1.0 / 512), seen);
        assertEquals(List.of(true, false), complete);
        assertEquals(1.0 / 1024, last[0]);
    }

    @Test
    void anEpochScheduleAdvancesOnlyAfterCompleteEpochs() {
        List<Boolean> complete = new ArrayList<>();
        double[] last = new double[1];
        List<Double> seen = rates(Trainer.ScheduleInterval.EPOCH, 6, complete, last);
        assertEquals(List.of(1.0 / 16, 1.0 / 16, 1.0 / 16, 1.0 / 16, 1.0 / 32, 1.0 / 32), seen);
        assertEquals(List.of(true, false), complete);
        // the second epoch stopped after 2 of its 4 batches: the schedule did not advance
        assertEquals(1.0 / 32, last[0]);
        List<Boolean> exact = new ArrayList<>();
        rates(Trainer.ScheduleInterval.EPOCH, 8, exact, last);
        assertEquals(List.of(true, true), exact);
        assertEquals(1.0 / 64, last[0]);
    }

    @Test
    void anOptimizersArithmeticExceptionNamesTheStep() {
        // no bias, x = 0: the weight's gradient is 0, so AdaGrad without eps divides 0 by sqrt(0) + 0
        Sequential model = new Sequential(List.of(new Linear(Matrix.scalar(1.0), null)));
        ParameterBinding binding = new ParameterBinding(model);
        Optimizer optimizer = binding.bind(p -> new AdaGrad(p, AdaGrad.Hyperparameters.dlBasics(0.1).withEpsilon(0)));
        Trainer trainer = new Trainer(model, binding, optimizer, (prediction, batch, step) -> MSE.forward(prediction,
                batch.targets()), List.of(), null, Trainer.ScheduleInterval.EPOCH);
        OptimizerStepException e = assertThrows(OptimizerStepException.class,
                () -> trainer.epoch(oneSample(0.0, 1.0), 1, Trainer.StepObserver.NONE));
        assertEquals(1L, e.step());
        assertInstanceOf(ArithmeticException.class, e.getCause());
        assertTrue(e.getMessage().startsWith("step 1: "), e.getMessage());
        assertTrue(e.getMessage().endsWith(e.getCause().getMessage()), e.getMessage());
    }

    @Test
    void aNegativeStepLimitIsRefused() {
        Trainer trainer = sgd(line(), 0.25, null, Trainer.ScheduleInterval.EPOCH);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer.epoch(oneSample(1.0, 1.0), -1, Trainer.StepObserver.NONE));
        assertEquals("Trainer.epoch: maxSteps must be >= 0, got -1", e.getMessage());
        assertFalse(trainer.epoch(oneSample(1.0, 1.0), 0, Trainer.StepObserver.NONE));
    }
}
