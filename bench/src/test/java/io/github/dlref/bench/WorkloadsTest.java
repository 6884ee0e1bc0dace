package io.github.dlref.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.data.Dataset;
import io.github.dlref.data.synthetic.TwoMoons;
import io.github.dlref.math.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The workloads are what their names say: shapes, batch sizes, training that lowers the loss, the scalar
 * workload's loss against the same network evaluated independently with matrices, and lookup by name.
 */
class WorkloadsTest {

    private static final long SEED = 5L;

    @Test
    void everyNameBuildsItsWorkloadWithTheDocumentedBatch() {
        List<Integer> batches = List.of(32, 32, 128, 128, 128, 100);
        assertEquals(batches.size(), Workloads.names().size());
        for (int i = 0; i < batches.size(); i++) {
            String name = Workloads.names().get(i);
            Workload w = Workloads.create(name, SEED);
            assertEquals(name, w.name());
            assertEquals(batches.get(i), w.samplesPerStep(), name);
            assertTrue(Double.isFinite(w.step()), name);
        }
    }

    @Test
    void parameterShapesAreThoseOfTheNamedNetworks() {
        assertEquals(List.of("2x2", "1x2", "2x2", "1x2"), shapes(Workloads.small222(SEED)));
        assertEquals(List.of("100x2", "1x100", "3x100", "1x3"), shapes(Workloads.smallSpiral(SEED)));
        assertEquals(List.of("256x784", "1x256", "10x256", "1x10"), shapes(Workloads.largeFashion(SEED)));
        // micrograd's MLP(2, [16, 16, 1]) has 16*3 + 16*17 + 17 = 337 parameters
        assertEquals(List.of("1x337"), shapes(Workloads.scalarMicrograd(SEED)));
    }

    private static List<String> shapes(Workload w) {
        return w.parameterValues().stream().map(Matrix::shape).toList();
    }

    @Test
    void trainingLowersTheLoss() {
        for (String name : List.of(Workloads.SMALL_SPIRAL, Workloads.SCALAR_MICROGRAD)) {
            Workload w = Workloads.create(name, SEED);
            double first = average(w, 10);
            for (int s = 0; s < 80; s++) {
                w.step();
            }
            double later = average(w, 10);
            assertTrue(later < 0.8 * first, name + ": loss went from " + first + " to " + later);
        }
    }

    private static double average(Workload w, int steps) {
        double sum = 0.0;
        for (int s = 0; s < steps; s++) {
            sum += w.step();
        }
        return sum / steps;
    }

    @Test
    void scalarWorkloadComputesMicrogradsLossOfItsNetwork() {
        // Evaluate relu(relu(X W1^T + b1) W2^T + b2) W3^T + b3, the SVM loss and the L2 term independently,
        // with Matrix, from the parameters the workload reports (micrograd's order: per neuron, weights then bias).
        Workload w = Workloads.scalarMicrograd(SEED);
        double[] p = w.parameterValues().get(0).toRowMajorArray();
        Dataset moons = TwoMoons.microgradDemo(SEED);
        int[] at = {0};
        Matrix[] w1 = layer(p, at, 16, 2);
        Matrix[] w2 = layer(p, at, 16, 16);
        Matrix[] w3 = layer(p, at, 1, 16);
        assertEquals(337, at[0]);
        Matrix h1 = moons.features().timesTranspose(w1[0]).plusRow(w1[1]).max(0.0);
        Matrix h2 = h1.timesTranspose(w2[0]).plusRow(w2[1]).max(0.0);
        Matrix scores = h2.timesTranspose(w3[0]).plusRow(w3[1]);
        double dataLoss = 0.0;
        for (int i = 0; i < moons.size(); i++) {
            double y = 2.0 * moons.label(i) - 1.0;
            dataLoss += Math.max(0.0, 1.0 - y * scores.get(i, 0));
        }
        double expected = dataLoss / moons.size() + 1e-4 * Matrix.rowVector(p).frobeniusNormSquared();
        double computed = w.step();
        // different summation orders: agreement to a few ulps of the loss (about 1), far below its changes
        assertEquals(expected, computed, Tolerances.ROUNDING * Math.abs(expected));
        assertTrue(expected > 0.1, "the untrained loss is not tiny: " + expected);
    }

    /** The weight ({@code out x in}) and bias ({@code 1 x out}) of a layer stored neuron by neuron. */
    private static Matrix[] layer(double[] p, int[] at, int out, int in) {
        double[] weight = new double[out * in];
        double[] bias = new double[out];
        for (int o = 0; o < out; o++) {
            System.arraycopy(p, at[0], weight, o * in, in);
            bias[o] = p[at[0] + in];
            at[0] += in + 1;
        }
        return new Matrix[] {Matrix.fromRowMajor(out, in, weight), Matrix.rowVector(bias)};
    }

    @Test
    void sameSeedSameRunOtherSeedOtherRun() {
        Workload a = Workloads.small222(SEED);
        Workload b = Workloads.small222(SEED);
        Workload c = Workloads.small222(SEED + 1);
        for (int s = 0; s < 5; s++) {
            assertEquals(Double.doubleToLongBits(a.step()), Double.doubleToLongBits(b.step()));
        }
        c.step();
        assertEquals(a.parameterValues(), b.parameterValues());
        assertTrue(!a.parameterValues().get(0).equals(c.parameterValues().get(0)));
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Workloads.create("medium", SEED));
        assertTrue(e.getMessage().contains("unknown workload 'medium'"), e.getMessage());
        assertTrue(e.getMessage().contains(Workloads.SCALAR_MICROGRAD), e.getMessage());
    }

    @Test
    void productOperationsAreCountedForTheLargeWorkloadsOnly() {
        // five products per step: x W1^T (128x784 by 784x256), h W2^T (128x256 by 256x10), and backward
        // gW2 = g^T h (10x128 by 128x256), gh = g W2 (128x10 by 10x256), gW1 = gh^T x (256x128 by 128x784),
        // 2 m n k operations each
        long expected = 2L * 128 * 784 * 256 + 2L * 128 * 256 * 10 + 2L * 10 * 128 * 256 + 2L * 128 * 10 * 256
                + 2L * 256 * 128 * 784;
        assertEquals(104_726_528L, expected);
        for (String large : List.of(Workloads.LARGE_FASHION, Workloads.LARGE_FASHION_EJML,
                Workloads.LARGE_FASHION_EJML_PLAIN)) {
            assertEquals(expected, Workloads.productFlopsPerStep(large), large);
        }
        for (String small : List.of(Workloads.SMALL_222, Workloads.SMALL_SPIRAL, Workloads.SCALAR_MICROGRAD)) {
            assertEquals(0L, Workloads.productFlopsPerStep(small), small);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Workloads.productFlopsPerStep("huge"));
        assertTrue(e.getMessage().startsWith("Workloads: unknown workload 'huge'; known: small-222"), e.getMessage());
        assertEquals(Workloads.names().size(), Workloads.names().stream().filter(n -> Workloads.productFlopsPerStep(n)
                >= 0).count());
    }
}
