package io.github.dlref.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What every optimizer must do, whatever its arithmetic: resume bit for bit from a snapshot, skip
 * parameters without a gradient, report and validate its state, validate its parameter list and learning
 * rate. Each optimizer's test class implements this interface and supplies every variant of the optimizer
 * (one per arithmetic branch), so each contract test runs on all of them.
 */
interface OptimizerContract {

    /**
     * Factories of the optimizer under test, one per variant (momentum forms, epsilon placements, AMSGrad,
     * weight decay kinds, ...), each creating a fresh optimizer over the given parameters.
     */
    List<Function<List<Parameter>, Optimizer>> variants();

    /** The optimizer's class name, as it appears in snapshots. */
    String optimizerName();

    private static List<Parameter> copy(List<Parameter> params) {
        return params.stream().map(p -> new Parameter(p.name(), p.value())).toList();
    }

    @Test
    default void resumingFromASnapshotIsBitIdenticalToRunningStraight() {
        for (Function<List<Parameter>, Optimizer> variant : variants()) {
            Problems.Problem problem = Problems.MLP;
            List<Parameter> straight = problem.newParameters();
            Optimizer a = variant.apply(straight);
            Problems.run(problem, straight, a, 10);

            List<Parameter> first = problem.newParameters();
            Optimizer b = variant.apply(first);
            Problems.run(problem, first, b, 5);
            OptimizerState snapshot = b.saveState();
            List<Parameter> resumed = copy(first);
            Optimizer c = variant.apply(resumed);
            c.loadState(snapshot);
            Problems.run(problem, resumed, c, 5);

            for (int i = 0; i < straight.size(); i++) {
                assertEquals(straight.get(i).value(), resumed.get(i).value(),
                        a + ": parameter " + straight.get(i).name() + " differs after resuming");
            }
            assertEquals(a.state(), c.state(), a + ": state differs after resuming");
        }
    }

    @Test
    default void snapshotsAreIndependentOfLaterSteps() {
        for (Function<List<Parameter>, Optimizer> variant : variants()) {
            List<Parameter> params = Problems.BOWL.newParameters();
            Optimizer opt = variant.apply(params);
            Problems.run(Problems.BOWL, params, opt, 2);
            OptimizerState snapshot = opt.saveState();
            List<ParameterState> before = List.copyOf(snapshot.parameters());
            Problems.run(Problems.BOWL, params, opt, 2);
            assertEquals(before, snapshot.parameters(), opt + ": a snapshot changed when the optimizer stepped");
            assertEquals(2, snapshot.parameters().get(0).step());
            assertEquals(4, opt.state(params.get(0)).step());
        }
    }

    @Test
    default void aParameterWithoutGradientIsSkipped() {
        for (Function<List<Parameter>, Optimizer> variant : variants()) {
            List<Parameter> params = Problems.MLP.newParameters();
            Optimizer opt = variant.apply(params);
            Problems.MLP.setGradients(params);
            Parameter skipped = params.get(1);
            Matrix before = skipped.value();
            ParameterState stateBefore = opt.state(skipped);
            skipped.zeroGrad();
            opt.step();
            assertEquals(before, skipped.value(), opt + ": parameter without gradient changed");
            assertEquals(stateBefore, opt.state(skipped), opt + ": state of parameter without gradient changed");
            assertEquals(0, opt.state(skipped).step());
            assertEquals(1, opt.state(params.get(0)).step());
            assertNotEquals(Problems.MLP.newParameters().get(0).value(), params.get(0).value(),
                    opt + ": parameter with gradient did not change");
        }
    }

    @Test
    default void zeroGradClearsEveryGradient() {
        for (Function<List<Parameter>, Optimizer> variant : variants()) {
            List<Parameter> params = Problems.MLP.newParameters();
            Optimizer opt = variant.apply(params);
            Problems.MLP.setGradients(params);
            opt.zeroGrad();
            for (Parameter p : params) {
                assertNull(p.grad(), opt + ": gradient of " + p.name() + " not cleared");
            }
        }
    }

    @Test
    default void freshStateHasStepZeroAndBuffersOfTheParameterShape() {
        for (Function<List<Parameter>, Optimizer> variant : variants()) {
            List<Parameter> params = Problems.MLP.newParameters();
            Optimizer opt = variant.apply(params);
            List<ParameterState> states = opt.state();
            assertEquals(params.size(), states.size());
            for (int i = 0; i < params.size(); i++) {
                ParameterState s = states.get(i);
                assertEquals(params.get(i).name(), s.parameterName());
                assertEquals(0, s.step());
                for (Map.Entry<String, Matrix> e : s.buffers().entrySet()) {
                    assertTrue(e.getValue().sameShape(params.get(i).value()),
                            opt + ": buffer " + e.getKey() + " has shape " + e.getValue().shape());
                }
                IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> s.buffer("nope"));
                assertTrue(ex.getMessage().contains("nope"), ex.getMessage());
            }
            assertEquals(optimizerName(), opt.saveState().optimizer());
            assertEquals(opt.hyperparameters(), opt.saveState().hyperparameters());
        }
    }

    @Test
    default void loadStateRejectsASnapshotThatDoesNotFit() {
        Function<List<Parameter>, Optimizer> variant = variants().get(variants().size() - 1);
        List<Parameter> params = Problems.MLP.newParameters();
        Optimizer opt = variant.apply(params);
        OptimizerState good = opt.saveState();

        OptimizerState otherClass = new OptimizerState("NotAnOptimizer", good.hyperparameters(), 0.1, good.parameters());
        IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class, () -> opt.loadState(otherClass));
        assertTrue(e1.getMessage().contains("NotAnOptimizer"), e1.getMessage());

        OptimizerState fewer = new OptimizerState(good.optimizer(), good.hyperparameters(), 0.1,
                good.parameters().subList(0, 2));
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> opt.loadState(fewer));
        assertTrue(e2.getMessage().contains("2 parameters"), e2.getMessage());

        List<ParameterState> renamed = new java.util.ArrayList<>(good.parameters());
        ParameterState p0 = renamed.get(0);
        renamed.set(0, new ParameterState("other", p0.step(), p0.buffers()));
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                () -> opt.loadState(new OptimizerState(good.optimizer(), good.hyperparameters(), 0.1, renamed)));
        assertTrue(e3.getMessage().contains("'other'"), e3.getMessage());

        List<ParameterState> extraBuffer = new java.util.ArrayList<>(good.parameters());
        Map<String, Matrix> buffers = new java.util.LinkedHashMap<>(p0.buffers());
        buffers.put("extra", Matrix.zeros(3, 2));
        extraBuffer.set(0, new ParameterState(p0.parameterName(), p0.step(), buffers));
        IllegalArgumentException e4 = assertThrows(IllegalArgumentException.class,
                () -> opt.loadState(new OptimizerState(good.optimizer(), good.hyperparameters(), 0.1, extraBuffer)));
        assertTrue(e4.getMessage().contains("extra"), e4.getMessage());

        if (!p0.buffers().isEmpty()) {
            String name = p0.buffers().keySet().iterator().next();
            Map<String, Matrix> wrongShape = new java.util.LinkedHashMap<>(p0.buffers());
            wrongShape.put(name, Matrix.zeros(2, 3));
            List<ParameterState> shaped = new java.util.ArrayList<>(good.parameters());
            shaped.set(0, new ParameterState(p0.parameterName(), p0.step(), wrongShape));
            IllegalArgumentException e5 = assertThrows(IllegalArgumentException.class,
                    () -> opt.loadState(new OptimizerState(good.optimizer(), good.hyperparameters(), 0.1, shaped)));
            assertTrue(e5.getMessage().contains("2x3"), e5.getMessage());
        }
        assertEquals(good, opt.saveState(), "a rejected snapshot must leave the optimizer unchanged");
    }

    @Test
    default void theParameterListIsValidated() {
        Function<List<Parameter>, Optimizer> variant = variants().get(0);
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> variant.apply(List.of()));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        Parameter p = new Parameter("w", Matrix.scalar(1.0));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> variant.apply(List.of(p, p)));
        assertTrue(twice.getMessage().contains("more than once"), twice.getMessage());
        // two layers both call their weight "w": allowed, state is positional (SameNameParametersTest)
        assertEquals(2, variant.apply(List.of(p, new Parameter("w", Matrix.scalar(2.0)))).parameters().size());
        Optimizer opt = variant.apply(List.of(p));
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                () -> opt.state(new Parameter("v", Matrix.scalar(0.0))));
        assertTrue(foreign.getMessage().contains("'v'"), foreign.getMessage());
    }

    @Test
    default void theLearningRateIsValidatedAndUsed() {
        for (Function<List<Parameter>, Optimizer> variant : variants()) {
            List<Parameter> params = Problems.BOWL.newParameters();
            Optimizer opt = variant.apply(params);
            IllegalArgumentException neg = assertThrows(IllegalArgumentException.class, () -> opt.setLearningRate(-0.5));
            assertTrue(neg.getMessage().contains("learningRate") && neg.getMessage().contains("-0.5")
                    && neg.getMessage().contains("[0, inf)"), neg.getMessage());
            assertThrows(IllegalArgumentException.class, () -> opt.setLearningRate(Double.NaN));
            opt.setLearningRate(0.0);
            assertEquals(0.0, opt.learningRate());
            Matrix before = params.get(0).value();
            Problems.run(Problems.BOWL, params, opt, 3);
            boolean unscaledDecay = opt.hyperparameters().toString().contains("DECOUPLED_UNSCALED");
            if (!unscaledDecay) {
                assertEquals(before, params.get(0).value(), opt + ": learning rate 0 changed the parameter");
            }
        }
    }

    @Test
    default void twoRunsGiveTheSameBits() {
        for (Function<List<Parameter>, Optimizer> variant : variants()) {
            List<Parameter> a = Problems.ROSENBROCK.newParameters();
            List<Parameter> b = Problems.ROSENBROCK.newParameters();
            Optimizer oa = variant.apply(a);
            Optimizer ob = variant.apply(b);
            Problems.run(Problems.ROSENBROCK, a, oa, 7);
            Problems.run(Problems.ROSENBROCK, b, ob, 7);
            assertEquals(a.get(0).value(), b.get(0).value());
            assertEquals(oa.state(), ob.state());
        }
    }
}
