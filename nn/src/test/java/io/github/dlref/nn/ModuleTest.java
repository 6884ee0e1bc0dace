package io.github.dlref.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import io.github.dlref.nn.layers.BatchNorm;
import io.github.dlref.nn.layers.Dropout;
import io.github.dlref.nn.layers.Identity;
import io.github.dlref.nn.layers.Linear;
import io.github.dlref.nn.layers.ReLU;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModuleTest {

    /** A module with a parameter, a buffer and a child, to test registration order and names. */
    private static final class Block extends Module {
        final Linear inner;

        Block(Rng rng) {
            registerParameter("scale", Matrix.filled(1, 2, 3.0), ParameterRole.SCALE);
            registerBuffer("count", Matrix.scalar(0.0));
            inner = registerModule("inner", new Linear(2, 2, rng));
        }

        @Override
        public Tensor forward(Tensor input) {
            return inner.forward(input);
        }
    }

    private static Sequential model() {
        Rng rng = new Rng(1);
        return new Sequential(new Linear(3, 2, rng), new BatchNorm(2), new ReLU(), new Block(rng),
                new Dropout(0.5, rng));
    }

    @Test
    void namesFollowPyTorchStateDictOrder() {
        Sequential m = model();
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "3.scale", "3.inner.weight", "3.inner.bias"),
                m.namedParameters().stream().map(NamedParameter::name).toList());
        assertEquals(List.of("1.running_mean", "1.running_var", "3.count"), List.copyOf(m.namedBuffers().keySet()));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "3.scale", "3.count", "3.inner.weight", "3.inner.bias"), List.copyOf(m.stateDict().keySet()));
        assertEquals(List.of(ParameterRole.WEIGHT, ParameterRole.BIAS, ParameterRole.SCALE, ParameterRole.SHIFT,
                ParameterRole.SCALE, ParameterRole.WEIGHT, ParameterRole.BIAS),
                m.namedParameters().stream().map(NamedParameter::role).toList());
        // 3x2 weight + 2 bias + 2 gamma + 2 beta + 2 scale + 2x2 weight + 2 bias
        assertEquals(6 + 2 + 2 + 2 + 2 + 4 + 2, m.parameterCount());
        assertSame(((Linear) m.get(0)).weight(), m.parameter("0.weight"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.parameter("9.weight"));
        assertTrue(e.getMessage().contains("9.weight") && e.getMessage().contains("0.bias"), e.getMessage());
    }

    @Test
    void sharedModuleIsListedUnderEachNameButCountedOnce() {
        Linear shared = new Linear(2, 2, new Rng(3));
        Sequential m = new Sequential(shared, new ReLU(), shared);
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"),
                m.namedParameters().stream().map(NamedParameter::name).toList());
        assertEquals(List.of(shared.weight(), shared.bias()), m.parameters());
        assertEquals(6, m.parameterCount());
    }

    @Test
    void trainAndEvalReachTheWholeTree() {
        Sequential m = model();
        assertTrue(m.isTraining());
        m.eval();
        assertFalse(m.isTraining());
        assertFalse(m.get(1).isTraining());
        assertFalse(((Block) m.get(3)).inner.isTraining());
        m.train();
        assertTrue(((Block) m.get(3)).inner.isTraining());
    }

    @Test
    void zeroGradClearsEveryParameter() {
        Sequential m = model();
        Tensor loss = m.forward(Tensor.constant(Matrix.ones(4, 3))).sum();
        loss.backward();
        assertTrue(m.parameters().stream().anyMatch(p -> p.grad() != null));
        m.zeroGrad();
        for (Parameter p : m.parameters()) {
            assertNull(p.grad(), p.name());
        }
    }

    @Test
    void registrationRejectsBadNamesDuplicatesAndCycles() {
        final class Probe extends Module {
            @Override
            public Tensor forward(Tensor input) {
                return input;
            }

            void add(String name) {
                registerParameter(name, Matrix.zeros(1, 1), ParameterRole.WEIGHT);
            }

            void child(String name, Module m) {
                registerModule(name, m);
            }
        }
        Probe p = new Probe();
        p.add("w");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> p.add("w")).getMessage()
                .contains("'w' is already used"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> p.add("a.b")).getMessage()
                .contains("not valid"));
        assertThrows(IllegalArgumentException.class, () -> p.add(""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> p.child("self", p)).getMessage()
                .contains("cyclic"));
        Probe outer = new Probe();
        outer.child("inner", p);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> p.child("outer", outer)).getMessage()
                .contains("cyclic"));
        // nulls are refused naming the module and the name
        assertEquals("Probe: name must not be null",
                assertThrows(NullPointerException.class, () -> p.add(null)).getMessage());
        assertEquals("Probe: child module 'c' must not be null",
                assertThrows(NullPointerException.class, () -> p.child("c", null)).getMessage());
        assertEquals(Map.of("inner", p), outer.namedChildren());
        assertThrows(UnsupportedOperationException.class, () -> outer.namedChildren().clear());
    }

    @Test
    void buffersAndChildrenNeedValidNamesAndModeSwitchesReturnTheModule() {
        final class Holder extends Module {
            @Override
            public Tensor forward(Tensor input) {
                return input;
            }

            void buffer(String name) {
                registerBuffer(name, Matrix.zeros(1, 1));
            }

            void child(String name) {
                registerModule(name, new ReLU());
            }
        }
        Holder h = new Holder();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> h.buffer("a.b")).getMessage()
                .startsWith("Holder: name 'a.b' is not valid"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> h.child("c.d")).getMessage()
                .startsWith("Holder: name 'c.d' is not valid"));
        h.buffer("b");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> h.child("b")).getMessage()
                .contains("'b' is already used"));
        assertSame(h, h.eval());
        assertFalse(h.isTraining());
        assertSame(h, h.train());
        assertTrue(h.isTraining());
        assertSame(h, h.train(false));
        assertFalse(h.isTraining());
    }

    @Test
    void buffersAndSequentialRefuseBadArguments() {
        assertEquals("Buffer: name must not be blank",
                assertThrows(IllegalArgumentException.class, () -> new Buffer(" ", Matrix.scalar(1))).getMessage());
        assertEquals("Buffer 'b': value must not be null",
                assertThrows(NullPointerException.class, () -> new Buffer("b", null)).getMessage());
        Buffer b = new Buffer("b", Matrix.rowVector(1, 2));
        assertEquals("Buffer 'b': new value has shape 2x1, expected 1x2", assertThrows(IllegalArgumentException.class,
                () -> b.update(Matrix.columnVector(1, 2))).getMessage());
        assertEquals("Buffer 'b': new value must not be null",
                assertThrows(NullPointerException.class, () -> b.update(null)).getMessage());
        b.update(Matrix.rowVector(3, 4));
        assertEquals(Matrix.rowVector(3, 4), b.value());
        assertEquals("Buffer 'b' 1x2", b.toString());
        assertEquals("Sequential: module 1 is null", assertThrows(NullPointerException.class,
                () -> new Sequential(java.util.Arrays.asList(new ReLU(), null))).getMessage());
        Sequential s = new Sequential(new ReLU(), new Identity());
        assertEquals(2, s.modules().size());
        assertTrue(s.get(1) instanceof Identity);
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(2));
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(-1));
        Map<String, Matrix> state = new java.util.HashMap<>(model().stateDict());
        state.put("0.weight", null);
        assertEquals("loadStateDict: value for '0.weight' is null",
                assertThrows(NullPointerException.class, () -> model().loadStateDict(state)).getMessage());
    }

    @Test
    void loadStateDictRoundTripsAndReplacesValues() {
        Sequential a = model();
        Sequential b = new Sequential(new Linear(3, 2, new Rng(99)), new BatchNorm(2), new ReLU(),
                new Block(new Rng(98)), new Dropout(0.5, new Rng(97)));
        a.forward(Tensor.constant(TestData.gaussian(5, 6, 3))); // move the running statistics
        b.loadStateDict(a.stateDict());
        assertEquals(a.stateDict(), b.stateDict());
    }

    @Test
    void loadStateDictReportsEveryProblemAndLeavesTheModelUnchanged() {
        Sequential m = model();
        Map<String, Matrix> before = m.stateDict();
        Map<String, Matrix> state = new LinkedHashMap<>(before);
        state.remove("0.bias");
        state.put("0.weight", Matrix.zeros(2, 3)); // a valid entry: must not be applied either
        state.put("1.running_var", Matrix.zeros(2, 2));
        state.put("extra", Matrix.zeros(1, 1));
        StateMismatchException e = assertThrows(StateMismatchException.class, () -> m.loadStateDict(state));
        assertEquals(List.of("0.bias"), e.missing());
        assertEquals(List.of("extra"), e.unexpected());
        assertEquals(List.of("1.running_var: model 1x2, state 2x2"), e.shapeMismatches());
        assertTrue(e.getMessage().contains("missing [0.bias]") && e.getMessage().contains("unexpected [extra]")
                && e.getMessage().contains("model was not changed"), e.getMessage());
        assertEquals(before, m.stateDict());
    }

    @Test
    void loadStateDictRejectsConflictingValuesForASharedParameter() {
        Linear shared = new Linear(2, 2, new Rng(3));
        Sequential m = new Sequential(shared, shared);
        Map<String, Matrix> before = m.stateDict();
        Map<String, Matrix> state = new HashMap<>(before);
        state.put("1.weight", Matrix.ones(2, 2));
        StateMismatchException e = assertThrows(StateMismatchException.class, () -> m.loadStateDict(state));
        assertEquals(List.of("[0.weight, 1.weight]"), e.conflicts());
        assertEquals(before, m.stateDict());
        state.put("0.weight", Matrix.ones(2, 2));
        m.loadStateDict(state);
        assertEquals(Matrix.ones(2, 2), shared.weight().value());
    }

    @Test
    void sequentialChainsAndPrintsLikePyTorch() {
        Linear first = new Linear(Matrix.of(new double[][] {{1, -1}}), Matrix.rowVector(0.5));
        Sequential m = new Sequential(first, new ReLU());
        Tensor y = m.forward(Tensor.constant(Matrix.of(new double[][] {{1, 3}, {3, 1}})));
        assertEquals(Matrix.columnVector(0.0, 2.5), y.value());
        assertEquals("Sequential(\n  (0): Linear(in_features=2, out_features=1, bias=true)\n  (1): ReLU()\n)",
                m.toString());
        assertEquals(2, m.size());
        assertSame(first, m.get(0));
        assertThrows(IndexOutOfBoundsException.class, () -> m.get(2));
        Tensor x = Tensor.constant(Matrix.ones(1, 1));
        assertSame(x, new Sequential().forward(x));
    }
}
