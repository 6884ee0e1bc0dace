package io.github.dlref.verify.oracle.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import io.github.dlref.optim.Adam;
import io.github.dlref.optim.LBFGS;
import io.github.dlref.optim.Optimizer;
import io.github.dlref.optim.OptimizerState;
import io.github.dlref.optim.ParameterState;
import io.github.dlref.optim.SGD;
import io.github.dlref.optim.schedule.ReduceLearningRateOnPlateau;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The spec's training tools built from components: L-BFGS's and the plateau's settings, the resolution of parameter
 * groups, the grouped and clipping optimizers, and the schema and writer of the new settings.
 */
class TrainingToolsTest {

    private static final ModelSpec MODEL = new ModelSpec(2, List.of(Component.of("layer", "linear", "out", 3),
            Component.of("layer", "batchnorm"), Component.of("layer", "tanh"), Component.of("layer", "linear", "out", 1)));

    @Test
    void lbfgsDefaultsArePyTorchsAndMaxEvalFollowsMaxIter() {
        LBFGS.Hyperparameters d = TrainingTools.lbfgs(Component.of("optimizer", "lbfgs", "preset", "pytorch"));
        assertEquals(LBFGS.Hyperparameters.pytorch(), d);
        LBFGS.Hyperparameters h = TrainingTools.lbfgs(Component.of("optimizer", "lbfgs", "preset", "pytorch", "lr", 0.5,
                "max_iter", 9, "tolerance_grad", 1e-5, "tolerance_change", 1e-7, "history_size", 4, "line_search_fn",
                "strong_wolfe"));
        assertEquals(new LBFGS.Hyperparameters(0.5, 9, 11, 1e-5, 1e-7, 4, LBFGS.LineSearch.STRONG_WOLFE), h);
        assertEquals(6, TrainingTools.lbfgs(Component.of("optimizer", "lbfgs", "preset", "pytorch", "max_iter", 9,
                "max_eval", 6)).maxEvaluations());
        assertEquals(0.5, SpecBuilders.initialLearningRate(Component.of("optimizer", "lbfgs", "preset", "pytorch",
                "lr", 0.5)));
        SpecException e = assertThrows(SpecException.class, () -> SpecBuilders.hyperparameters(
                Component.of("optimizer", "lbfgs", "preset", "pytorch")));
        assertEquals("$.optimizer.type", e.path());
    }

    @Test
    void plateauSettingsArePyTorchsNames() {
        assertEquals(ReduceLearningRateOnPlateau.Settings.pytorch(), TrainingTools.plateau(Component.of("schedule",
                "reduce_on_plateau")));
        assertEquals(new ReduceLearningRateOnPlateau.Settings(ReduceLearningRateOnPlateau.Mode.MAX, 0.5, 3, 0.01,
                ReduceLearningRateOnPlateau.ThresholdMode.ABSOLUTE, 2, 0.001, 1e-6), TrainingTools.plateau(
                        Component.of("schedule", "reduce_on_plateau", "mode", "max", "factor", 0.5, "patience", 3,
                                "threshold", 0.01, "threshold_mode", "abs", "cooldown", 2, "min_lr", 0.001, "eps", 1e-6)));
        assertEquals("epoch", Component.of("schedule", "reduce_on_plateau").choice("interval"));
        SpecException e = assertThrows(SpecException.class, () -> SpecBuilders.schedule(Component.of("schedule",
                "reduce_on_plateau"), 0.1));
        assertEquals("$.schedule.type", e.path());
        TrainingTools.checkSchedule(Component.of("schedule", "reduce_on_plateau"), 0.1);
        TrainingTools.checkSchedule(Component.of("schedule", "step", "step_size", 2), 0.1);
        assertTrue(TrainingTools.isPlateau(Optional.of(Component.of("schedule", "reduce_on_plateau"))));
        assertFalse(TrainingTools.isPlateau(Optional.of(Component.of("schedule", "constant"))));
        assertFalse(TrainingTools.isPlateau(Optional.empty()));
    }

    private static Component groups(Object... groups) {
        return Component.of("optimizer", "sgd", "preset", "pytorch", "lr", 0.1, "momentum", 0.9, "param_groups",
                List.of(groups));
    }

    @Test
    void groupsSelectByRoleAndNameAndTheRestFormALastGroup() {
        assertEquals(Map.of("0.weight", "weights", "0.bias", "biases", "1.weight", "other", "1.bias", "other",
                "3.weight", "weights", "3.bias", "biases"), TrainingTools.roles(MODEL));
        Component c = groups(Map.of("params", "biases", "lr", 0.05), Map.of("params", List.of("1.weight")));
        assertEquals(List.of(List.of("0.bias", "3.bias"), List.of("1.weight"), List.of("0.weight", "1.bias",
                "3.weight")), TrainingTools.groupNames(c, MODEL));
        assertEquals(List.of(List.of("0.weight", "3.weight"), List.of("0.bias", "3.bias"), List.of("1.weight",
                "1.bias")), TrainingTools.groupNames(groups(Map.of("params", "weights"), Map.of("params", "biases")),
                        MODEL));
        Component first = TrainingTools.groupComponent(c, 0);
        assertEquals(0.05, first.number("lr"));
        assertEquals(0.9, first.number("momentum"));
        assertFalse(first.has("param_groups"));
        assertEquals(0.1, TrainingTools.groupComponent(c, 2).number("lr"));
        assertTrue(TrainingTools.hasGroups(c));
        assertFalse(TrainingTools.hasGroups(c.without("param_groups")));
        ModelSpec noBias = new ModelSpec(2, List.of(Component.of("layer", "linear", "out", 1, "bias", false)));
        SpecException e = assertThrows(SpecException.class, () -> TrainingTools.groupNames(groups(
                Map.of("params", "biases")), noBias));
        assertEquals("$.optimizer.param_groups[0].params: selects no parameter: the model has no biases (its "
                + "parameters are [\"0.weight\"])", e.getMessage());
        // every parameter selected: no implicit group
        assertEquals(1, TrainingTools.groupNames(groups(Map.of("params", "weights")), noBias).size());
    }

    private static List<Parameter> parameters() {
        return List.of(new Parameter("a", Matrix.of(new double[][] {{1.0, 2.0}})),
                new Parameter("b", Matrix.of(new double[][] {{3.0}})),
                new Parameter("c", Matrix.of(new double[][] {{-1.0}})));
    }

    @Test
    void theGroupedOptimizerStepsEachGroupWithItsOwnRateAndReportsInParameterOrder() {
        List<Parameter> ps = parameters();
        Optimizer slow = SGD.Hyperparameters.pytorch(0.1).create(List.of(ps.get(2), ps.get(0)));
        Optimizer fast = SGD.Hyperparameters.pytorch(1.0).create(List.of(ps.get(1)));
        GroupedOptimizer g = new GroupedOptimizer(ps, List.of(slow, fast));
        for (Parameter p : ps) {
            p.accumulateGrad(p.value().map(x -> 1.0));
        }
        g.step();
        assertEquals(0.9, ps.get(0).value().get(0, 0), 1e-15);
        assertEquals(2.0, ps.get(1).value().get(0, 0), 1e-15);
        assertEquals(-1.1, ps.get(2).value().get(0, 0), 1e-15);
        assertEquals(0.1, g.learningRate());
        assertEquals(ps, g.parameters());
        assertEquals(List.of(1L, 1L, 1L), g.state().stream().map(s -> s.step()).toList());
        assertEquals(1L, g.state(ps.get(1)).step());
        assertEquals(0.1, g.hyperparameters().learningRate());
        g.setLearningRate(0.3);
        assertEquals(0.3, slow.learningRate());
        assertEquals(0.3, fast.learningRate());
        g.zeroGrad();
        assertTrue(ps.stream().allMatch(p -> p.grad() == null || p.grad().abs().maxValue() == 0.0));
        assertEquals(2, g.groups().groups().size());
        assertThrows(IllegalArgumentException.class, () -> g.state(new Parameter("z", Matrix.zeros(1, 1))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GroupedOptimizer(ps,
                List.of(slow)));
        assertEquals("GroupedOptimizer: parameter 'b' is in no group", e.getMessage());
        IllegalArgumentException extra = assertThrows(IllegalArgumentException.class, () -> new GroupedOptimizer(
                List.of(ps.get(0), ps.get(2)), List.of(slow, fast)));
        assertTrue(extra.getMessage().contains("the groups hold 3 parameters, but 2 were given"), extra.getMessage());
    }

    /** Adam over a and c at rate 0.1, SGD with momentum over b at rate 0.5: two groups with different buffers. */
    private static GroupedOptimizer groupedOver(List<Parameter> ps) {
        Optimizer adam = Adam.Hyperparameters.pytorch().withLearningRate(0.1).create(List.of(ps.get(0), ps.get(2)));
        Optimizer sgd = SGD.Hyperparameters.pytorch(0.5).withMomentum(0.9).create(List.of(ps.get(1)));
        return new GroupedOptimizer(ps, List.of(adam, sgd));
    }

    /** Steps of f = sum (x^2 + x) over every parameter: the gradient 2x + 1 depends on where the steps led. */
    private static void quadraticSteps(GroupedOptimizer g, int steps) {
        for (int s = 0; s < steps; s++) {
            g.zeroGrad();
            for (Parameter p : g.parameters()) {
                p.accumulateGrad(p.value().map(x -> 2 * x + 1));
            }
            g.step();
        }
    }

    private static void assertSameStates(Optimizer expected, Optimizer actual) {
        List<ParameterState> e = expected.state();
        List<ParameterState> a = actual.state();
        assertEquals(e.size(), a.size());
        for (int i = 0; i < e.size(); i++) {
            assertEquals(e.get(i).step(), a.get(i).step());
            assertEquals(e.get(i).buffers().keySet(), a.get(i).buffers().keySet());
            for (String b : e.get(i).buffers().keySet()) {
                assertArrayEquals(e.get(i).buffers().get(b).toRowMajorArray(),
                        a.get(i).buffers().get(b).toRowMajorArray(), e.get(i).parameterName() + " " + b);
            }
        }
    }

    private static List<Parameter> copies(List<Parameter> ps) {
        return ps.stream().map(p -> new Parameter(p.name(), p.value())).toList();
    }

    @Test
    void aGroupedSnapshotResumesEveryGroupBitForBit() {
        List<Parameter> straight = parameters();
        GroupedOptimizer through = groupedOver(straight);
        quadraticSteps(through, 5);

        List<Parameter> first = parameters();
        GroupedOptimizer before = groupedOver(first);
        quadraticSteps(before, 3);
        OptimizerState saved = before.saveState();
        assertEquals("GroupedOptimizer", saved.optimizer());
        assertEquals(2, saved.groups().size());
        assertEquals("Adam", saved.groups().get(0).optimizer());
        assertEquals(0.5, saved.groups().get(1).learningRate());
        assertEquals(List.of("a", "b", "c"), saved.parameters().stream().map(s -> s.parameterName()).toList());
        assertEquals(List.of("a", "c"), saved.groups().get(0).parameters().stream().map(s -> s.parameterName())
                .toList());

        List<Parameter> resumed = copies(first);
        GroupedOptimizer after = groupedOver(resumed);
        after.setLearningRate(0.7);
        after.loadState(saved);
        assertEquals(0.1, after.groups().groups().get(0).learningRate());
        assertEquals(0.5, after.groups().groups().get(1).learningRate());
        quadraticSteps(after, 2);
        for (int i = 0; i < straight.size(); i++) {
            assertArrayEquals(straight.get(i).value().toRowMajorArray(), resumed.get(i).value().toRowMajorArray(),
                    straight.get(i).name());
        }
        assertSameStates(through, after);
    }

    @Test
    void aGroupedSnapshotThatDoesNotFitChangesNoGroup() {
        List<Parameter> ps = parameters();
        GroupedOptimizer g = groupedOver(ps);
        quadraticSteps(g, 2);
        GroupedOptimizer unchanged = groupedOver(copies(ps));
        unchanged.loadState(g.saveState());

        OptimizerState single = g.groups().groups().get(0).saveState();
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class, () -> g.loadState(single));
        assertEquals("GroupedOptimizer.loadState: snapshot is of a Adam, not a GroupedOptimizer", kind.getMessage());

        OptimizerState good = g.saveState();
        OptimizerState oneGroup = new OptimizerState("GroupedOptimizer", good.hyperparameters(), 0.1,
                good.parameters(), List.of(good.groups().get(0)));
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> g.loadState(oneGroup));
        assertEquals("GroupedOptimizer.loadState: snapshot has 1 parameter groups, this optimizer has 2",
                count.getMessage());

        // group 0 would fit (a fresh Adam's zero state), group 1 is Adam's snapshot where SGD's is expected
        List<Parameter> other = parameters();
        OptimizerState fresh = groupedOver(other).saveState();
        OptimizerState mixed = new OptimizerState("GroupedOptimizer", good.hyperparameters(), 0.1,
                good.parameters(), List.of(fresh.groups().get(0), fresh.groups().get(0)));
        IllegalArgumentException group = assertThrows(IllegalArgumentException.class, () -> g.loadState(mixed));
        assertEquals("GroupedOptimizer.loadState: parameter group 1: SGD.loadState: snapshot is of a Adam, not a SGD",
                group.getMessage());
        assertSameStates(unchanged, g);
        assertThrows(NullPointerException.class, () -> g.loadState(null));
    }

    @Test
    void theClippingOptimizerClipsBeforeItStepsAndDelegatesTheRest() {
        List<Parameter> ps = parameters();
        SGD sgd = new SGD(ps, SGD.Hyperparameters.pytorch(1.0));
        ClippingOptimizer o = new ClippingOptimizer(sgd, Component.of("clipping", "clip_grad_norm", "max_norm", 1.0));
        assertTrue(Double.isNaN(o.lastNorm()));
        ps.get(0).accumulateGrad(Matrix.of(new double[][] {{3.0, 4.0}}));
        o.step();
        assertEquals(5.0, o.lastNorm());
        double coefficient = 1.0 / (5.0 + 1e-6);
        assertEquals(1.0 - 3.0 * coefficient, ps.get(0).value().get(0, 0), 1e-15);
        assertEquals(2.0 - 4.0 * coefficient, ps.get(0).value().get(0, 1), 1e-15);
        assertEquals(3.0, ps.get(1).value().get(0, 0));
        assertEquals(sgd, o.inner());
        assertEquals("clip_grad_norm", o.clipping().type());
        o.setLearningRate(0.5);
        assertEquals(0.5, o.learningRate());
        assertEquals(sgd.hyperparameters(), o.hyperparameters());
        assertEquals(sgd.state(), o.state());
        assertEquals(sgd.state(ps.get(0)), o.state(ps.get(0)));
        o.loadState(o.saveState());
        assertEquals(ps, o.parameters());
        o.zeroGrad();
        assertTrue(ps.get(0).grad() == null || ps.get(0).grad().abs().maxValue() == 0.0);
        SpecException e = assertThrows(SpecException.class, () -> new ClippingOptimizer(sgd, Component.of("schedule",
                "constant")));
        assertEquals("$.training.clipping", e.path());
    }

    @Test
    void everyClippingFormIsTheLibrarysOwn() {
        double[][] g = {{3.0, -4.0}};
        Object[][] forms = {
            {Component.of("clipping", "clip_grad_value", "clip_value", 2.0), new double[] {2.0, -2.0}, Double.NaN},
            {Component.of("clipping", "keras_clipnorm", "clipnorm", 1.0), new double[] {0.6, -0.8}, Double.NaN},
            {Component.of("clipping", "keras_global_clipnorm", "global_clipnorm", 1.0), new double[] {0.6, -0.8}, 5.0},
            {Component.of("clipping", "optax_clip_by_global_norm", "max_norm", 10.0), new double[] {3.0, -4.0}, 5.0},
            {Component.of("clipping", "clip_grad_norm", "max_norm", 10.0), new double[] {3.0, -4.0}, 5.0},
        };
        for (Object[] f : forms) {
            Parameter p = new Parameter("w", Matrix.zeros(1, 2));
            p.accumulateGrad(Matrix.of(g));
            double norm = ClippingOptimizer.clip((Component) f[0], List.of(p));
            double[] expected = (double[]) f[1];
            assertEquals(expected[0], p.grad().get(0, 0), 1e-15, f[0].toString());
            assertEquals(expected[1], p.grad().get(0, 1), 1e-15, f[0].toString());
            assertEquals((double) f[2], norm, 0.0, f[0].toString());
        }
    }

    @Test
    void theNewSettingsAreInTheSchemaAndTheWriter() {
        String schema = SpecSchema.generate().toString();
        assertTrue(schema.contains("\"clipping\":{\"$ref\":\"#/$defs/clipping\"}"), "training.clipping");
        assertTrue(schema.contains("\"const\":\"reduce_on_plateau\""), "plateau");
        assertTrue(schema.contains("\"const\":\"lbfgs\""), "lbfgs");
        assertTrue(schema.contains("\"param_groups\":{\"type\":\"array\",\"minItems\":1,\"items\":{\"type\":"
                + "\"object\",\"additionalProperties\":false,\"required\":[\"params\"]"), "groups");
        Component c = groups(Map.of("params", List.of("0.weight"), "nesterov", true, "dampening", 0.0));
        String written = SpecWriter.component(c).toString();
        assertTrue(written.contains("\"param_groups\":[{"), written);
        assertTrue(written.contains("\"params\":[\"0.weight\"]"), written);
        assertEquals(TrainingSpec.fullBatch(3).withClipping(Optional.of(Component.of("clipping", "clip_grad_value",
                "clip_value", 1.0))).clipping().orElseThrow().number("clip_value"), 1.0);
        SpecException e = assertThrows(SpecException.class, () -> TrainingSpec.fullBatch(3).withClipping(
                Optional.of(Component.of("schedule", "constant"))));
        assertEquals("$.training.clipping", e.path());
    }
}
