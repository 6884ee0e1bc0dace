package io.github.dlref.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import io.github.dlref.nn.GradChecks;
import io.github.dlref.nn.Module;
import io.github.dlref.nn.Sequential;
import io.github.dlref.nn.TestData;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every layer passes the gradient check (central differences, PyTorch's tolerances) with respect to its input
 * and its parameters, in training and evaluation mode where they differ. The upstream gradient is a fixed
 * random matrix {@code G}: the checked scalar is {@code sum(G * layer(x))}, so every output entry matters.
 */
class LayerGradCheckTest {

    /** The layer classes this test checks; {@link #everyLayerClassIsGradientChecked()} keeps it complete. */
    static final Set<Class<? extends Module>> CHECKED = Set.of(Linear.class, ReLU.class, LeakyReLU.class,
            Sigmoid.class, Tanh.class, Softmax.class, Identity.class, Dropout.class, BatchNorm.class,
            Sequential.class,
            // issue 21, checked in Issue21LayersTest.gradientChecks
            LayerNorm.class, GELU.class, ELU.class, SELU.class, SiLU.class, Softplus.class, Hardtanh.class,
            LogSoftmax.class);

    private static Tensor weighted(Tensor y, Matrix g) {
        return y.times(Tensor.constant(g)).sum();
    }

    private static void checkInput(Module layer, Matrix x) {
        Matrix g = TestData.gaussian(1000 + x.rows(), x.rows(), outputCols(layer, x));
        GradChecks.assertInputs(in -> weighted(layer.forward(in[0]), g), Tensor.variable("x", x));
    }

    private static void checkParameters(Module layer, Matrix x) {
        Matrix g = TestData.gaussian(2000 + x.rows(), x.rows(), outputCols(layer, x));
        GradChecks.assertParameters(() -> weighted(layer.forward(Tensor.constant(x)), g), layer.parameters());
    }

    private static int outputCols(Module layer, Matrix x) {
        return layer.forward(Tensor.constant(x)).cols();
    }

    @Test
    void linear() {
        Linear layer = new Linear(4, 3, new Rng(1));
        Matrix x = TestData.gaussian(2, 5, 4);
        checkInput(layer, x);
        checkParameters(layer, x);
        Linear noBias = new Linear(4, 3, false, new Rng(1));
        checkInput(noBias, x);
        checkParameters(noBias, x);
    }

    @Test
    void activations() {
        Matrix kinked = TestData.awayFromZero(3, 4, 5, 0.05); // finite differences must not straddle 0
        checkInput(new ReLU(), kinked);
        checkInput(new LeakyReLU(), kinked);
        checkInput(new LeakyReLU(-0.5), kinked);
        Matrix smooth = TestData.gaussian(4, 4, 5).times(2);
        checkInput(new Sigmoid(), smooth);
        checkInput(new Tanh(), smooth);
        checkInput(new Softmax(), smooth);
        checkInput(new Identity(), smooth);
    }

    @Test
    void dropoutWithAFixedMaskInTrainingAndAsIdentityInEvaluation() {
        Rng rng = new Rng(5);
        Dropout dropout = new Dropout(0.4, rng);
        Matrix x = TestData.gaussian(6, 4, 5);
        Matrix g = TestData.gaussian(7, 4, 5);
        Rng.State state = rng.state();
        // Restoring the generator before every evaluation fixes the mask, so f is deterministic.
        GradChecks.assertInputs(in -> {
            rng.restore(state);
            return weighted(dropout.forward(in[0]), g);
        }, Tensor.variable("x", x));
        Matrix mask = dropout.lastMask();
        assertTrue(mask.minValue() == 0.0 && mask.maxValue() == 1.0 / 0.6, "the mask drops and keeps: " + mask);
        // The fixed mask through the op directly.
        GradChecks.assertInputs(in -> weighted(in[0].dropoutMask(mask), g), Tensor.variable("x", x));
        dropout.eval();
        checkInput(dropout, x);
    }

    @Test
    void batchNormInTrainingAndEvaluationMode() {
        for (BatchNorm.Config config : new BatchNorm.Config[] {BatchNorm.Config.pytorch(), BatchNorm.Config.keras(),
            new BatchNorm.Config(1e-5, 0.1, BatchNorm.Convention.PYTORCH, false)}) {
            BatchNorm bn = new BatchNorm(3, config);
            if (config.affine()) {
                bn.gamma().assign(Matrix.rowVector(1.5, -0.5, 2.0));
                bn.beta().assign(Matrix.rowVector(0.1, 0.2, -0.3));
            }
            Matrix x = TestData.gaussian(8, 5, 3).times(2).plus(1);
            checkInput(bn, x);
            if (config.affine()) {
                checkParameters(bn, x);
            }
            bn.runningMean().update(Matrix.rowVector(0.5, -1, 2));
            bn.runningVar().update(Matrix.rowVector(2, 0.5, 3));
            bn.eval();
            checkInput(bn, x);
            if (config.affine()) {
                checkParameters(bn, x);
            }
        }
    }

    @Test
    void sequentialNetwork() {
        Rng rng = new Rng(9);
        Sequential net = new Sequential(new Linear(3, 4, rng), new Tanh(), new BatchNorm(4), new Linear(4, 2, rng),
                new Sigmoid());
        Matrix x = TestData.gaussian(10, 6, 3);
        checkInput(net, x);
        checkParameters(net, x);
        net.eval();
        checkInput(net, x);
        checkParameters(net, x);
    }

    @Test
    void everyLayerClassIsGradientChecked() throws IOException, URISyntaxException {
        Set<String> missing = new TreeSet<>();
        Set<Class<?>> found = new HashSet<>();
        // The main classes directory (not the test classes, which hold test-only modules).
        Path classes = Path.of(Module.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        for (String pkg : new String[] {"io/github/dlref/nn/layers", "io/github/dlref/nn"}) {
            Path dir = classes.resolve(pkg);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    String name = pkg.replace('/', '.') + "." + f.getFileName().toString().replace(".class", "");
                    Class<?> c;
                    try {
                        c = Class.forName(name);
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                    if (Module.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                        found.add(c);
                        if (!CHECKED.contains(c)) {
                            missing.add(c.getName());
                        }
                    }
                }
            }
        }
        assertEquals(Set.of(), missing, "layers without a gradient check in LayerGradCheckTest");
        // guards the scan itself: one that found nothing would pass the line above vacuously
        assertTrue(found.containsAll(CHECKED), () -> "the scan missed checked layers; found " + found);
    }
}
