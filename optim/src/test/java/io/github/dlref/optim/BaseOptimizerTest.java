package io.github.dlref.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The extension point: what {@link BaseOptimizer}'s constructors refuse, the initial values of buffers, and
 * that the example in its Javadoc is the code of {@code io.github.dlref.optim.custom.Lion}, which
 * {@link CustomLionTest} runs (so the example compiles and works).
 */
class BaseOptimizerTest {

    /** Hyper-parameters of the test rules below. */
    record Rate(double learningRate, WeightDecay weightDecay) implements OptimizerHyperparameters {
        @Override
        public Rate withLearningRate(double value) {
            return new Rate(value, weightDecay);
        }

        @Override
        public Rate withWeightDecay(WeightDecay value) {
            return new Rate(learningRate, value);
        }

        @Override
        public Optimizer create(List<Parameter> parameters) {
            return new Counting(parameters, this, List.of(new Slot("count")), new double[] {0.0});
        }
    }

    /** A rule with buffers given at construction, which counts its calls in each buffer element. */
    static final class Counting extends BaseOptimizer {
        private final List<Slot> slots;

        Counting(List<Parameter> parameters, OptimizerHyperparameters h, List<Slot> slots, double[] initial) {
            super("Counting", parameters, h, slots, initial);
            this.slots = slots;
        }

        @Override
        protected void update(String parameterName, long t, double lr, double[] theta, double[] g, Buffers buffers) {
            for (Slot slot : slots) {
                double[] b = buffers.get(slot);
                for (int k = 0; k < b.length; k++) {
                    b[k] = b[k] + 1.0;
                }
            }
        }
    }

    private static final Rate RATE = new Rate(0.1, WeightDecay.none());
    private static final List<Parameter> ONE = List.of(new Parameter("w", Matrix.rowVector(1.0, 2.0)));

    private static IllegalArgumentException refused(List<Slot> slots, double[] initial) {
        return assertThrows(IllegalArgumentException.class, () -> new Counting(ONE, RATE, slots, initial));
    }

    /** The optimizer names itself in its name, its description and its refusals. */
    @Test
    void namesItself() {
        Parameter w = new Parameter("w", Matrix.scalar(1.0));
        Counting opt = new Counting(List.of(w), new Rate(0.5, WeightDecay.none()), List.of(), new double[0]);
        assertEquals("Counting", opt.name());
        assertTrue(opt.toString().startsWith("Counting[") && opt.toString().contains("learningRate=0.5"),
                opt.toString());
        NullPointerException e = assertThrows(NullPointerException.class, () -> opt.loadState(null));
        assertEquals("Counting.loadState: state must not be null", e.getMessage());
    }

    @Test
    void buffersStartAtTheirInitialValuesAndAreUpdatedInPlace() {
        Parameter p = new Parameter("w", Matrix.rowVector(1.0, 2.0));
        Counting opt = new Counting(List.of(p), RATE, List.of(new Slot("a"), new Slot("b")), new double[] {0.5, -3.0});
        assertEquals(Matrix.rowVector(0.5, 0.5), opt.state(p).buffer("a"));
        assertEquals(Matrix.rowVector(-3.0, -3.0), opt.state(p).buffer("b"));
        p.accumulateGrad(Matrix.rowVector(0.0, 0.0));
        opt.step();
        opt.step();
        assertEquals(Matrix.rowVector(2.5, 2.5), opt.state(p).buffer("a"));
        assertEquals(Matrix.rowVector(-1.0, -1.0), opt.state(p).buffer("b"));
        assertEquals(List.of("a", "b"), List.copyOf(opt.state(p).buffers().keySet()));
    }

    @Test
    void theConstructorRefusesBadSlotsAndInitialValuesNamingThem() {
        assertEquals("Counting: buffer name 'a' is given more than once in slots [Slot[name=a], Slot[name=a]]",
                refused(List.of(new Slot("a"), new Slot("a")), new double[] {0.0, 0.0}).getMessage());
        assertEquals("Counting: initialValues must have one value per slot (1), got 2",
                refused(List.of(new Slot("a")), new double[] {0.0, 0.0}).getMessage());
        assertEquals("Counting: the initial value of buffer 'a' must be finite, got NaN",
                refused(List.of(new Slot("a")), new double[] {Double.NaN}).getMessage());
        assertEquals("Counting: slots must not be null", refused(null, new double[0]).getMessage());
        assertEquals("Counting: initialValues must not be null", refused(List.of(), null).getMessage());
        List<Slot> withNull = new ArrayList<>();
        withNull.add(null);
        assertEquals("Counting: slot 0 is null", refused(withNull, new double[] {0.0}).getMessage());
        assertEquals("Slot: name must be a non-empty string, got ",
                assertThrows(IllegalArgumentException.class, () -> new Slot("")).getMessage());
    }

    @Test
    void theConstructorRefusesAMissingNameOrHyperparametersThatAreNotARecord() {
        OptimizerHyperparameters notARecord = new OptimizerHyperparameters() {
            @Override
            public double learningRate() {
                return 0.1;
            }

            @Override
            public WeightDecay weightDecay() {
                return WeightDecay.none();
            }

            @Override
            public OptimizerHyperparameters withLearningRate(double value) {
                return this;
            }

            @Override
            public OptimizerHyperparameters withWeightDecay(WeightDecay value) {
                return this;
            }

            @Override
            public Optimizer create(List<Parameter> parameters) {
                throw new AssertionError("this test never creates an optimizer from these hyper-parameters");
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Counting(ONE, notARecord, List.of(), new double[0]));
        assertTrue(e.getMessage().startsWith("Counting: hyperparameters must be a record, got an instance of "),
                e.getMessage());
        assertEquals("Counting: hyperparameters must not be null", assertThrows(IllegalArgumentException.class,
                () -> new Counting(ONE, null, List.of(), new double[0])).getMessage());
        IllegalArgumentException noName = assertThrows(IllegalArgumentException.class,
                () -> new BaseOptimizer("", ONE, RATE, List.of()) {
                    @Override
                    protected void update(String parameterName, long t, double lr, double[] theta, double[] g,
                            Buffers buffers) {
                    }
                });
        assertEquals("BaseOptimizer: name must be a non-empty string, got \"\"", noName.getMessage());
    }

    @Test
    void theFourArgumentConstructorStartsEveryBufferAtZero() {
        Parameter p = new Parameter("w", Matrix.rowVector(1.0, 2.0));
        BaseOptimizer opt = new BaseOptimizer("Zeros", List.of(p), RATE, List.of(new Slot("z"))) {
            @Override
            protected void update(String parameterName, long t, double lr, double[] theta, double[] g,
                    Buffers buffers) {
            }
        };
        assertEquals(Matrix.rowVector(0.0, 0.0), opt.state(p).buffer("z"));
    }

    /** The lines of the example in BaseOptimizer's Javadoc, up to the end of the class. */
    private static List<String> javadocExample() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/main/java/io/github/dlref/optim/BaseOptimizer.java"),
                StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : lines) {
            String text = line.startsWith(" *") ? line.substring(Math.min(3, line.length())) : line;
            if (text.startsWith("public final class Lion")) {
                in = true;
            }
            if (in && !text.isBlank()) {
                out.add(text.stripTrailing());
            }
            if (in && text.equals("}")) {
                return out;
            }
        }
        throw new AssertionError("no example 'public final class Lion' in BaseOptimizer's Javadoc");
    }

    /** The code of custom/Lion.java without package, imports, Javadoc comments and blank lines. */
    private static List<String> lionSource() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/io/github/dlref/optim/custom/Lion.java"),
                StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        boolean comment = false;
        for (String line : lines) {
            String t = line.strip();
            if (t.startsWith("/**")) {
                comment = true;
            }
            boolean skip = comment || t.isEmpty() || t.startsWith("package ") || t.startsWith("import ");
            if (t.endsWith("*/")) {
                comment = false;
            }
            if (!skip) {
                out.add(line.stripTrailing());
            }
        }
        return out;
    }

    @Test
    void theJavadocExampleIsTheCodeOfTheTestedLion() throws IOException {
        assertEquals(lionSource(), javadocExample(),
                "BaseOptimizer's Javadoc example and custom/Lion.java (run by CustomLionTest) must stay equal");
    }
}
