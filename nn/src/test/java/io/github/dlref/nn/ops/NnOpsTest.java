package io.github.dlref.nn.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Op;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import io.github.dlref.nn.GradChecks;
import io.github.dlref.nn.TestData;
import io.github.dlref.nn.Tolerances;
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

/** Gradient checks and conventions of nn's own ops and of the broadcasting helpers. */
class NnOpsTest {

    /** The op classes this test gradient-checks; {@link #everyOpClassIsGradientChecked()} keeps it complete. */
    static final Set<Class<? extends Op>> CHECKED = Set.of(RowNorm.class, BinaryCrossEntropy.class,
            ProbabilityCrossEntropy.class,
            // issue 21, checked in Issue21OpsTest
            Gelu.class, Elu.class, Silu.class, Softplus.class, Hardtanh.class, HuberElementwise.class,
            WeightedPick.class, NormalCdf.class);

    private static Tensor weighted(Tensor y, long seed) {
        return y.times(Tensor.constant(TestData.gaussian(seed, y.rows(), y.cols()))).sum();
    }

    @Test
    void rowNormGradCheck() {
        Matrix x = TestData.gaussian(1, 4, 5).times(2);
        for (double p : new double[] {1, 1.5, 2, 3, 7, Double.POSITIVE_INFINITY}) {
            Matrix input = p == 1 ? TestData.awayFromZero(2, 4, 5, 0.05) : x;
            GradChecks.assertInputs(in -> weighted(Tensor.apply(new RowNorm(p), in[0]), 3), Tensor.variable("x", input));
        }
    }

    @Test
    void rowNormValues() {
        Tensor y = Tensor.apply(new RowNorm(3), Tensor.constant(Matrix.of(new double[][] {{1, -2, 2}, {0, 0, 0}})));
        assertEquals(Math.cbrt(17), y.value().get(0, 0), Tolerances.FEW_ULPS);
        assertEquals(0.0, y.value().get(1, 0));
        assertEquals("RowNorm(p=3.0)", new RowNorm(3).name());
        assertEquals(3.0, new RowNorm(3).p());
        assertEquals(Double.POSITIVE_INFINITY, new RowNorm(Double.POSITIVE_INFINITY).p());
        assertThrows(IllegalArgumentException.class, () -> new RowNorm(Double.NaN));
    }

    /**
     * Gradients at entries that are exactly zero, by the documented subgradients: row (0, 2, -3) with upstream
     * 2 gives 2 sign(a) = (0, 2, -2) for p = 1; 2 a / ||a||_2 = (0, 4, -6) / sqrt(13) for p = 2;
     * 2 sign(a) (|a| / ||a||_3)^2 = (0, 8, -18) / 35^(2/3) for p = 3 (||a||_3 = 35^(1/3)); 2 sign(a) on the
     * maximum only, (0, 0, -2), for p = inf. A zero row gets 0 for every p.
     */
    @Test
    void rowNormGradientAtExactZeros() {
        Matrix a = Matrix.of(new double[][] {{0, 2, -3}, {0, 0, 0}});
        double c3 = StrictMath.pow(35, 2.0 / 3.0);
        double s13 = Math.sqrt(13);
        double[][] expected = {{0, 2, -2}, {0, 4 / s13, -6 / s13}, {0, 8 / c3, -18 / c3}, {0, 0, -2}};
        double[] orders = {1, 2, 3, Double.POSITIVE_INFINITY};
        for (int k = 0; k < orders.length; k++) {
            Tensor x = Tensor.variable(a);
            Tensor.apply(new RowNorm(orders[k]), x).backward(Matrix.columnVector(2, 5));
            for (int j = 0; j < 3; j++) {
                assertEquals(expected[k][j], x.grad().get(0, j), 1e-15, "p = " + orders[k] + ", column " + j);
                assertEquals(0.0, x.grad().get(1, j), "p = " + orders[k] + ", zero row, column " + j);
            }
        }
    }

    /** Used directly (not through a loss), the cross-entropy ops check the target's shape themselves. */
    @Test
    void crossEntropyOpsRefuseTargetsOfAnotherShape() {
        Tensor p = Tensor.constant(Matrix.filled(2, 3, 0.5));
        assertEquals("BinaryCrossEntropy: probabilities 2x3 and targets 3x2 differ in shape",
                assertThrows(IllegalArgumentException.class,
                        () -> Tensor.apply(new BinaryCrossEntropy(Matrix.zeros(3, 2)), p)).getMessage());
        assertEquals("ProbabilityCrossEntropy: probabilities 2x3 and targets 3x2 differ in shape",
                assertThrows(IllegalArgumentException.class,
                        () -> Tensor.apply(new ProbabilityCrossEntropy(Matrix.zeros(3, 2)), p)).getMessage());
    }

    @Test
    void binaryCrossEntropyGradCheck() {
        Matrix p = new Rng(4).uniform(3, 4, 0.05, 0.95);
        Matrix y = new Rng(5).uniform(3, 4, 0, 1);
        GradChecks.assertInputs(in -> weighted(Tensor.apply(new BinaryCrossEntropy(y), in[0]), 6),
                Tensor.variable("p", p));
    }

    @Test
    void binaryCrossEntropyUsesPyTorchsFloatEpsilon() {
        assertEquals(9.999999960041972e-13, BinaryCrossEntropy.GRAD_EPS);
        Tensor p = Tensor.variable(Matrix.scalar(0.0));
        Tensor.apply(new BinaryCrossEntropy(Matrix.scalar(1.0)), p).backward();
        assertEquals(-1 / BinaryCrossEntropy.GRAD_EPS, p.grad().scalarValue());
    }

    @Test
    void probabilityCrossEntropyGradCheck() {
        Matrix p = new Rng(7).uniform(3, 4, 0.05, 0.95);
        Matrix y = new Rng(8).uniform(3, 4, 0, 1).map(v -> v < 0.3 ? 0.0 : v);
        GradChecks.assertInputs(in -> weighted(Tensor.apply(new ProbabilityCrossEntropy(y), in[0]), 9),
                Tensor.variable("p", p));
    }

    @Test
    void broadcastRepeatsAndItsGradientSums() {
        Tensor row = Tensor.variable(Matrix.rowVector(1, 2));
        Tensor rows = Broadcast.rows(row, 3);
        assertEquals(Matrix.of(new double[][] {{1, 2}, {1, 2}, {1, 2}}), rows.value());
        rows.backward(Matrix.of(new double[][] {{1, 10}, {2, 20}, {3, 30}}));
        assertEquals(Matrix.rowVector(6, 60), row.grad());
        Tensor column = Tensor.variable(Matrix.columnVector(1, 2));
        Tensor columns = Broadcast.columns(column, 3);
        assertEquals(Matrix.of(new double[][] {{1, 1, 1}, {2, 2, 2}}), columns.value());
        columns.backward(Matrix.of(new double[][] {{1, 2, 3}, {10, 20, 30}}));
        assertEquals(Matrix.columnVector(6, 60), column.grad());
        GradChecks.assertInputs(in -> weighted(Broadcast.rows(in[0], 4), 10), Tensor.variable("r", Matrix.rowVector(1, -2)));
        GradChecks.assertInputs(in -> weighted(Broadcast.columns(in[0], 4), 11),
                Tensor.variable("c", Matrix.columnVector(1, -2)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Broadcast.rows(column, 2)).getMessage()
                .contains("need a 1xD row"));
        assertThrows(IllegalArgumentException.class, () -> Broadcast.columns(row, 2));
    }

    @Test
    void everyOpClassIsGradientChecked() throws IOException, URISyntaxException {
        Path classes = Path.of(Op.class.getClassLoader().getResource("io/github/dlref/nn/ops/RowNorm.class").toURI())
                .getParent();
        Set<String> missing = new TreeSet<>();
        Set<Class<?>> found = new HashSet<>();
        try (Stream<Path> files = Files.list(classes)) {
            for (Path f : files.filter(q -> q.toString().endsWith(".class")).toList()) {
                Class<?> c = Class.forName("io.github.dlref.nn.ops." + f.getFileName().toString().replace(".class", ""));
                if (Op.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                    found.add(c);
                    if (!CHECKED.contains(c)) {
                        missing.add(c.getName());
                    }
                }
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(Set.of(), missing, "nn ops without a gradient check in NnOpsTest");
        // guards the scan itself: one that found nothing would pass the line above vacuously
        assertTrue(found.containsAll(CHECKED), () -> "the scan missed checked ops; found " + found);
    }
}
