package io.github.dlref.verify.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.math.Matrix;
import io.github.dlref.verify.oracle.spec.SpecException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link Comparer} on hand-made trajectories whose numbers are powers of two (so every error is exact): what it
 * compares and in which order (the initial snapshot, sample indices, {@code lr}, {@code loss}, {@code data_loss},
 * gradients, parameters, buffers, optimizer state, each only when theirs has it), how many values, and every
 * structural refusal by its JSON path and message.
 */
class ComparerStructureTest {

    static Map<String, Matrix> params(double w0, double w1, double b) {
        Map<String, Matrix> m = new LinkedHashMap<>();
        m.put("0.weight", Matrix.rowVector(w0, w1));
        m.put("0.bias", Matrix.rowVector(b));
        return m;
    }

    static Trajectory.Step step(int n, List<Integer> samples, Optional<Double> lr, double loss,
            Optional<Double> dataLoss, Map<String, Matrix> gradients, Map<String, Matrix> parameters,
            Map<String, Matrix> buffers, Map<String, Trajectory.ParameterStateRecord> state) {
        return new Trajectory.Step(n, Optional.empty(), Optional.empty(), samples, lr, loss, dataLoss, gradients,
                parameters, buffers, state);
    }

    static Trajectory.Step plain(int n, double loss, double w0) {
        return step(n, List.of(), Optional.empty(), loss, Optional.empty(), params(0.5, 0.25, 1), params(w0, 2, 4),
                Map.of(), Map.of());
    }

    static Trajectory trajectory(Optional<Trajectory.Snapshot> initial, Trajectory.Step... steps) {
        return new Trajectory("test", Map.of(), initial, List.of(steps));
    }

    static Map<String, Trajectory.ParameterStateRecord> state(long step, double expAvg) {
        return Map.of("0.weight", new Trajectory.ParameterStateRecord(step, Map.of("exp_avg",
                Matrix.rowVector(expAvg, 0.5))));
    }

    static SpecException refused(Trajectory ours, Trajectory theirs) {
        return assertThrows(SpecException.class, () -> Comparer.compare(ours, theirs, Tolerance.DEFAULT));
    }

    @Test
    void onlyWhatTheirsHasIsCompared() {
        Trajectory ours = trajectory(Optional.empty(), plain(1, 0.5, 1), plain(2, 0.25, 1));
        // per step: loss, 3 gradient and 3 parameter values
        CheckReport r = Comparer.compare(ours, ours, Tolerance.DEFAULT);
        assertEquals(14, r.compared());
        assertEquals(2, r.steps());
        assertEquals(List.of("loss", "gradients 0.weight", "gradients 0.bias", "parameters 0.weight",
                "parameters 0.bias"), r.normwise().stream().map(NormwiseError::label).toList());

        Trajectory.Step full = step(1, List.of(3, 1), Optional.of(0.125), 0.5, Optional.of(0.375), params(0.5, 0.25, 1),
                params(1, 2, 4), params(8, 16, 32), state(1, 0.25));
        Trajectory rich = trajectory(Optional.of(new Trajectory.Snapshot(params(1, 1, 1), params(0, 0, 1))), full);
        // initial: 3 parameters + 3 buffers; step: 2 samples, lr, loss, data_loss, 3 + 3 + 3, state step + 2 buffer
        CheckReport all = Comparer.compare(rich, rich, Tolerance.EXACT);
        assertEquals(6 + 2 + 3 + 9 + 3, all.compared());
        assertEquals(List.of("parameters 0.weight", "parameters 0.bias", "buffers 0.weight", "buffers 0.bias", "lr",
                "loss", "data_loss", "gradients 0.weight", "gradients 0.bias", "optimizer_state 0.weight.step",
                "optimizer_state 0.weight.exp_avg"), all.normwise().stream().map(NormwiseError::label).toList());

        // theirs without the initial snapshot, samples, lr, data loss, buffers and state: only loss and matrices
        Trajectory bare = trajectory(Optional.empty(), step(1, List.of(), Optional.empty(), 0.5, Optional.empty(),
                params(0.5, 0.25, 1), params(1, 2, 4), Map.of(), Map.of()));
        assertEquals(7, Comparer.compare(rich, bare, Tolerance.EXACT).compared());
        // ours without them: theirs' extras that need ours are skipped (initial, lr, data loss)
        Trajectory theirsRich = rich;
        Trajectory oursBare = trajectory(Optional.empty(), step(1, List.of(3, 1), Optional.empty(), 0.5,
                Optional.empty(), params(0.5, 0.25, 1), params(1, 2, 4), params(8, 16, 32), state(1, 0.25)));
        assertEquals(2 + 1 + 3 + 3 + 3 + 3, Comparer.compare(oursBare, theirsRich, Tolerance.EXACT).compared());
    }

    @Test
    void eachQuantityIsLocatedAndOrdered() {
        Trajectory.Step ours = step(1, List.of(3, 1), Optional.of(0.125), 0.5, Optional.of(0.375),
                params(0.5, 0.25, 1), params(1, 2, 4), params(8, 16, 32), state(1, 0.25));
        Trajectory.Snapshot initial = new Trajectory.Snapshot(params(1, 1, 1), params(0, 0, 1));

        Trajectory.Snapshot initialOff = new Trajectory.Snapshot(params(1, 1.5, 1), params(0, 0, 1));
        CheckReport r = Comparer.compare(trajectory(Optional.of(initial), ours), trajectory(Optional.of(initialOff),
                ours), Tolerance.DEFAULT);
        assertEquals("initial, parameters 0.weight[0][1]", r.firstFailure().orElseThrow().location());
        assertEquals(0, r.firstFailureStep());
        assertEquals(0.5, r.maxAbsoluteError());
        assertEquals(1, r.failures());

        Trajectory.Snapshot buffersOff = new Trajectory.Snapshot(params(1, 1, 1), params(0, 0, 2));
        assertEquals("initial, buffers 0.bias[0][0]", Comparer.compare(trajectory(Optional.of(initial), ours),
                trajectory(Optional.of(buffersOff), ours), Tolerance.DEFAULT).firstFailure().orElseThrow().location());

        Trajectory.Step samples = step(1, List.of(3, 2), Optional.of(0.125), 0.5, Optional.of(0.375),
                params(0.5, 0.25, 1), params(1, 2, 4), params(8, 16, 32), state(1, 0.25));
        Divergence d = Comparer.compare(trajectory(Optional.empty(), ours), trajectory(Optional.empty(), samples),
                Tolerance.DEFAULT).firstFailure().orElseThrow();
        assertEquals("step 1, samples batch[0][1]", d.location());
        assertEquals(1.0, d.ours());
        assertEquals(2.0, d.theirs());

        Trajectory.Step lr = step(1, List.of(3, 1), Optional.of(0.25), 0.5, Optional.of(0.375),
                params(0.5, 0.25, 1), params(1, 2, 4), params(8, 16, 32), state(1, 0.25));
        assertEquals("step 1, lr", first(ours, lr));
        Trajectory.Step dataLoss = step(1, List.of(3, 1), Optional.of(0.125), 0.5, Optional.of(0.5),
                params(0.5, 0.25, 1), params(1, 2, 4), params(8, 16, 32), state(1, 0.25));
        assertEquals("step 1, data_loss", first(ours, dataLoss));
        Trajectory.Step buffers = step(1, List.of(3, 1), Optional.of(0.125), 0.5, Optional.of(0.375),
                params(0.5, 0.25, 1), params(1, 2, 4), params(8, 16, 64), state(1, 0.25));
        assertEquals("step 1, buffers 0.bias[0][0]", first(ours, buffers));
        Trajectory.Step stateStep = step(1, List.of(3, 1), Optional.of(0.125), 0.5, Optional.of(0.375),
                params(0.5, 0.25, 1), params(1, 2, 4), params(8, 16, 32), state(2, 0.25));
        assertEquals("step 1, optimizer_state 0.weight.step[0][0]", first(ours, stateStep));
        Trajectory.Step stateBuffer = step(1, List.of(3, 1), Optional.of(0.125), 0.5, Optional.of(0.375),
                params(0.5, 0.25, 1), params(1, 2, 4), params(8, 16, 32), state(1, 0.75));
        CheckReport sr = Comparer.compare(trajectory(Optional.empty(), ours), trajectory(Optional.empty(), stateBuffer),
                Tolerance.DEFAULT);
        assertEquals("step 1, optimizer_state 0.weight.exp_avg[0][0]", sr.firstFailure().orElseThrow().location());
        assertEquals(0.5, sr.maxAbsoluteError());
        // ||(0.5, 0)|| / ||(0.25, 0.5)|| = 0.5 / sqrt(0.3125)
        assertEquals(0.5 / Math.sqrt(0.3125), sr.maxNormwiseError(), 1e-15);
        assertFalse(sr.passed());
        assertTrue(Comparer.compare(trajectory(Optional.empty(), ours), trajectory(Optional.empty(), ours),
                Tolerance.EXACT).passed());
    }

    static String first(Trajectory.Step ours, Trajectory.Step theirs) {
        return Comparer.compare(trajectory(Optional.empty(), ours), trajectory(Optional.empty(), theirs),
                Tolerance.DEFAULT).firstDifference().orElseThrow().location();
    }

    @Test
    void structuralDifferencesAreRefusedWithTheirJsonPath() {
        Trajectory two = trajectory(Optional.empty(), plain(1, 0.5, 1), plain(2, 0.25, 1));
        SpecException steps = refused(two, trajectory(Optional.empty(), plain(1, 0.5, 1)));
        assertEquals("$.steps", steps.path());
        assertEquals("$.steps: expected 2 steps (the spec's training.steps), got 1", steps.getMessage());

        Trajectory.Step withSamples = step(1, List.of(0, 1), Optional.empty(), 0.5, Optional.empty(),
                params(0.5, 0.25, 1), params(1, 2, 4), Map.of(), Map.of());
        Trajectory.Step threeSamples = step(1, List.of(0, 1, 2), Optional.empty(), 0.5, Optional.empty(),
                params(0.5, 0.25, 1), params(1, 2, 4), Map.of(), Map.of());
        assertEquals("$.steps[0].samples: expected 2 sample indices (the batch size), got 3",
                refused(trajectory(Optional.empty(), withSamples), trajectory(Optional.empty(), threeSamples))
                        .getMessage());

        Trajectory one = trajectory(Optional.empty(), plain(1, 0.5, 1));
        Map<String, Matrix> missing = Map.of("0.weight", Matrix.rowVector(1, 2));
        assertEquals("$.steps[0].gradients: missing [0.bias] (expected exactly [0.weight, 0.bias])",
                refused(one, trajectory(Optional.empty(), step(1, List.of(), Optional.empty(), 0.5, Optional.empty(),
                        missing, params(1, 2, 4), Map.of(), Map.of()))).getMessage());
        Map<String, Matrix> renamed = new LinkedHashMap<>(missing);
        renamed.put("x", Matrix.rowVector(1));
        assertEquals("$.steps[0].parameters: missing [0.bias], found unknown [x] (expected exactly [0.weight, 0.bias])",
                refused(one, trajectory(Optional.empty(), step(1, List.of(), Optional.empty(), 0.5, Optional.empty(),
                        params(0.5, 0.25, 1), renamed, Map.of(), Map.of()))).getMessage());
        Map<String, Matrix> extra = params(1, 2, 4);
        extra.put("x", Matrix.rowVector(1));
        SpecException unknown = refused(one, trajectory(Optional.empty(), step(1, List.of(), Optional.empty(), 0.5,
                Optional.empty(), params(0.5, 0.25, 1), extra, Map.of(), Map.of())));
        assertEquals("$.steps[0].parameters.x", unknown.path());
        assertEquals("$.steps[0].parameters.x: unknown name \"x\"; expected one of [0.weight, 0.bias]",
                unknown.getMessage());
        Map<String, Matrix> wide = params(1, 2, 4);
        wide.put("0.bias", Matrix.rowVector(4, 4));
        assertEquals("$.steps[0].parameters['0.bias']: expected a 1x1 matrix, got 1x2",
                refused(one, trajectory(Optional.empty(), step(1, List.of(), Optional.empty(), 0.5, Optional.empty(),
                        params(0.5, 0.25, 1), wide, Map.of(), Map.of()))).getMessage());
        Map<String, Matrix> tall = params(1, 2, 4);
        tall.put("0.bias", Matrix.of(new double[][] {{4}, {4}}));
        assertEquals("$.steps[0].parameters['0.bias']: expected a 1x1 matrix, got 2x1",
                refused(one, trajectory(Optional.empty(), step(1, List.of(), Optional.empty(), 0.5, Optional.empty(),
                        params(0.5, 0.25, 1), tall, Map.of(), Map.of()))).getMessage());
        assertEquals("$.initial.buffers: missing [0.weight, 0.bias], found unknown [y] (expected exactly "
                + "[0.weight, 0.bias])",
                refused(trajectory(Optional.of(new Trajectory.Snapshot(params(1, 1, 1), params(0, 0, 1))),
                        plain(1, 0.5, 1)), trajectory(Optional.of(new Trajectory.Snapshot(params(1, 1, 1),
                        Map.of("y", Matrix.rowVector(1)))), plain(1, 0.5, 1))).getMessage());

        assertEquals("$.steps[0].optimizer_state['0.weight']: dlref's optimizer has no state for \"0.weight\"; it has []",
                refused(one, trajectory(Optional.empty(), step(1, List.of(), Optional.empty(), 0.5, Optional.empty(),
                        params(0.5, 0.25, 1), params(1, 2, 4), Map.of(), state(1, 0.25)))).getMessage());
        Trajectory withState = trajectory(Optional.empty(), step(1, List.of(), Optional.empty(), 0.5, Optional.empty(),
                params(0.5, 0.25, 1), params(1, 2, 4), Map.of(), state(1, 0.25)));
        Map<String, Trajectory.ParameterStateRecord> bogus = Map.of("0.weight", new Trajectory.ParameterStateRecord(1,
                Map.of("bogus", Matrix.rowVector(1))));
        assertEquals("$.steps[0].optimizer_state['0.weight'].bogus: unknown optimizer buffer \"bogus\"; dlref's are "
                + "[exp_avg]", refused(withState, trajectory(Optional.empty(), step(1, List.of(), Optional.empty(), 0.5,
                Optional.empty(), params(0.5, 0.25, 1), params(1, 2, 4), Map.of(), bogus))).getMessage());
    }
}
