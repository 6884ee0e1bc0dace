package io.github.dlref.verify.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code check}'s comparison ({@link Comparer}, {@link CheckReport}) on pairs of trajectories that dlref did not
 * compute: PyTorch 1.13 and NumPy runs of the same network in different conventions
 * ({@code scripts/golden/diagnose_trajectories.py}, committed in {@code src/test/resources/diagnose/}). One of each
 * pair plays dlref's part. Every expected number below was computed by {@code scripts/golden/comparer_expectations.py}
 * (an independent implementation, in Python, of the rule and the measures as documented; its output is committed
 * in {@code src/test/resources/compare/expectations.json}): the counts, the locations of the first difference, the
 * first failure, the largest absolute, relative and ratio errors and the largest ulp distance, and the normwise
 * errors (these to 1e-13 relative, since the script sums squares exactly and dlref sums scaled squares).
 */
class ComparerOtherImplementationsTest {

    static final Path DIR = Path.of("src", "test", "resources", "diagnose");

    static Trajectory load(String name) throws IOException {
        return TrajectoryJson.read(Files.readString(DIR.resolve(name + ".trajectory.json"), StandardCharsets.UTF_8));
    }

    static CheckReport compare(String ours, String theirs, Tolerance tolerance) throws IOException {
        return Comparer.compare(load(ours), load(theirs), tolerance);
    }

    static void normwise(CheckReport r, String label, double error, int step) {
        NormwiseError n = r.normwise().stream().filter(e -> e.label().equals(label)).findFirst().orElseThrow();
        assertEquals(error, n.error(), Math.abs(error) * 1e-13, label);
        assertEquals(step, n.step(), label);
    }

    /**
     * PyTorch's Adam (Algorithm 1, eps 1e-8) against a NumPy Keras Adam (epsilon hat 1e-7) under the default
     * tolerance: the two frameworks' gradients already differ by two ulps at step 1 (a different summation order),
     * and the parameters fail from the first update on.
     */
    @Test
    void pytorchAdamAgainstKerasAdamFailsAtTheFirstParameter() throws IOException {
        CheckReport r = compare("torch_adam", "numpy_keras_adam", Tolerance.DEFAULT);
        assertFalse(r.passed());
        assertEquals(30, r.steps());
        // per step: 4 sample indices, lr, loss, 13 gradient and 13 parameter values = 31; 30 steps
        assertEquals(930, r.compared());
        assertEquals(793, r.failures());
        Divergence first = r.firstDifference().orElseThrow();
        assertEquals("step 1, gradients 2.weight[0][0]", first.location());
        assertEquals(-0.09804686014139274, first.ours());
        assertEquals(-0.09804686014139272, first.theirs());
        assertEquals(2, first.ulpDistance());
        assertEquals("step 1, parameters 0.weight[0][0]", r.firstFailure().orElseThrow().location());
        assertEquals(1, r.firstFailureStep());
        assertEquals("step 14, gradients 2.bias[0][0]", r.maxAbsolute().orElseThrow().location());
        assertEquals(2.2768654199811778e-06, r.maxAbsoluteError());
        assertEquals("step 21, gradients 0.weight[2][0]", r.maxRelative().orElseThrow().location());
        assertEquals(0.00031251176740082113, r.maxRelativeError());
        assertEquals("step 21, gradients 0.weight[2][0]", r.worst().orElseThrow().location());
        assertEquals(182744.85556630837, r.maxErrorRatio());
        assertEquals("step 21, gradients 0.weight[2][0]", r.maxUlp().orElseThrow().location());
        assertEquals(2028692424256L, r.maxUlpDistance());
        assertEquals(List.of("lr", "loss", "gradients 0.weight", "gradients 0.bias", "gradients 2.weight",
                "gradients 2.bias", "parameters 0.weight", "parameters 0.bias", "parameters 2.weight",
                "parameters 2.bias"), r.normwise().stream().map(NormwiseError::label).toList());
        normwise(r, "lr", 0.0, 1);
        normwise(r, "loss", 5.448565132414051e-06, 24);
        normwise(r, "gradients 0.weight", 1.5306127407316077e-05, 26);
        normwise(r, "gradients 0.bias", 1.6838915382639528e-05, 19);
        normwise(r, "gradients 2.weight", 8.21601095625473e-06, 17);
        normwise(r, "gradients 2.bias", 7.505992403312431e-05, 19);
        normwise(r, "parameters 0.weight", 1.1718970285924311e-06, 23);
        normwise(r, "parameters 0.bias", 1.7113775523316184e-06, 15);
        normwise(r, "parameters 2.weight", 4.921649058795037e-07, 30);
        normwise(r, "parameters 2.bias", 2.9920460029227476e-06, 1);
        assertEquals(7.505992403312431e-05, r.maxNormwiseError(), 7.5e-18);
        assertEquals(Tolerance.DEFAULT, r.tolerance());
    }

    /**
     * The same pair under {@code |theirs - ours| <= 1e-6 + 1e-4 |ours|}: it passes, the largest errors are the same
     * values, but the worst value against the criterion and the largest ulp distance move (both depend on the
     * tolerance: the ratio's denominator, and which values count for ulps).
     */
    @Test
    void theSamePairPassesALooserTolerance() throws IOException {
        Tolerance loose = new Tolerance(1e-6, 1e-4);
        CheckReport r = compare("torch_adam", "numpy_keras_adam", loose);
        assertTrue(r.passed());
        assertEquals(930, r.compared());
        assertEquals(0, r.failures());
        assertTrue(r.firstFailure().isEmpty());
        assertEquals(Integer.MAX_VALUE, r.firstFailureStep());
        assertEquals("step 1, gradients 2.weight[0][0]", r.firstDifference().orElseThrow().location());
        assertEquals(2.2768654199811778e-06, r.maxAbsoluteError());
        assertEquals(0.00031251176740082113, r.maxRelativeError());
        assertEquals("step 17, gradients 2.weight[0][1]", r.worst().orElseThrow().location());
        assertEquals(0.5489022950925299, r.maxErrorRatio());
        assertEquals("step 19, gradients 2.bias[0][0]", r.maxUlp().orElseThrow().location());
        assertEquals(585137735720L, r.maxUlpDistance());
        normwise(r, "gradients 2.bias", 7.505992403312431e-05, 19);
    }

    /** PyTorch's momentum SGD with StepLR against Keras's heavy-ball form: equal until the rate first changes. */
    @Test
    void pytorchMomentumAgainstKerasMomentumFailsOnceTheRateChanges() throws IOException {
        CheckReport r = compare("torch_sgd_momentum_steplr", "numpy_keras_sgd_momentum_steplr", Tolerance.DEFAULT);
        assertFalse(r.passed());
        assertEquals(930, r.compared());
        assertEquals(661, r.failures());
        assertEquals("step 1, gradients 2.weight[0][0]", r.firstDifference().orElseThrow().location());
        assertEquals("step 6, parameters 0.weight[0][0]", r.firstFailure().orElseThrow().location());
        assertEquals(6, r.firstFailureStep());
        assertEquals("step 20, gradients 2.bias[0][0]", r.maxAbsolute().orElseThrow().location());
        assertEquals(0.6144993358751756, r.maxAbsoluteError());
        assertEquals("step 21, gradients 0.bias[0][0]", r.maxRelative().orElseThrow().location());
        assertEquals(1.93238699664751, r.maxRelativeError());
        assertEquals("step 21, gradients 0.bias[0][1]", r.worst().orElseThrow().location());
        assertEquals(82058720271.89635, r.maxErrorRatio());
        // opposite signs: the distance runs through zero
        assertEquals("step 17, gradients 2.bias[0][0]", r.maxUlp().orElseThrow().location());
        assertEquals(9193745396357372525L, r.maxUlpDistance());
        normwise(r, "lr", 0.0, 1);
        normwise(r, "loss", 3.4272902898165882, 8);
        normwise(r, "gradients 0.weight", 33.30119924266339, 18);
        normwise(r, "gradients 2.bias", 51.653982091701565, 15);
        normwise(r, "parameters 2.weight", 1.2878457214058532, 30);
        normwise(r, "parameters 2.bias", 0.76495666189191, 24);
        assertEquals(51.653982091701565, r.maxNormwiseError(), 51.65e-13);
    }

    /**
     * PyTorch's BatchNorm1d against a NumPy Keras BatchNormalization (epsilon 1e-3, momentum 0.99): the loss already
     * differs at step 1, and the running statistics ("buffers") are compared too.
     */
    @Test
    void pytorchBatchNormAgainstKerasBatchNormComparesTheBuffers() throws IOException {
        CheckReport r = compare("torch_batchnorm", "numpy_keras_batchnorm", Tolerance.DEFAULT);
        assertFalse(r.passed());
        // per step: 4 samples, lr, loss, 19 gradients, 19 parameters, 6 buffer values = 49
        assertEquals(1470, r.compared());
        assertEquals(1162, r.failures());
        Divergence first = r.firstDifference().orElseThrow();
        assertEquals("step 1, loss", first.location());
        assertEquals(0.7383908161182542, first.ours());
        assertEquals(0.7376946541367098, first.theirs());
        assertEquals("step 1, loss", r.firstFailure().orElseThrow().location());
        assertEquals("step 26, buffers 1.running_var[0][0]", r.maxAbsolute().orElseThrow().location());
        assertEquals(0.595129780046413, r.maxAbsoluteError());
        assertEquals("step 9, gradients 0.bias[0][2]", r.maxRelative().orElseThrow().location());
        assertEquals(2.0, r.maxRelativeError());
        assertEquals("step 16, gradients 0.weight[0][1]", r.worst().orElseThrow().location());
        assertEquals(64570255951.54787, r.maxErrorRatio());
        assertEquals("step 23, buffers 1.running_mean[0][2]", r.maxUlp().orElseThrow().location());
        assertEquals(9149067112469177158L, r.maxUlpDistance());
        assertEquals(List.of("lr", "loss", "gradients 0.weight", "gradients 0.bias", "gradients 1.weight",
                "gradients 1.bias", "gradients 3.weight", "gradients 3.bias", "parameters 0.weight",
                "parameters 0.bias", "parameters 1.weight", "parameters 1.bias", "parameters 3.weight",
                "parameters 3.bias", "buffers 1.running_mean", "buffers 1.running_var"),
                r.normwise().stream().map(NormwiseError::label).toList());
        normwise(r, "loss", 0.07522773443027092, 17);
        normwise(r, "gradients 0.bias", 541.3007163095792, 28);
        normwise(r, "gradients 1.bias", 0.11651293684258188, 4);
        normwise(r, "parameters 0.bias", 1.8420925981369254e-15, 30);
        normwise(r, "parameters 1.weight", 0.001121405352249612, 30);
        normwise(r, "buffers 1.running_mean", 0.8999999999999999, 1);
        normwise(r, "buffers 1.running_var", 2.7479910759845447, 30);
        assertEquals(541.3007163095792, r.maxNormwiseError(), 541.3e-13);
    }

    /**
     * Two PyTorch Adagrad runs (accumulator from 0 and from 0.1) under the exact tolerance: any difference fails
     * with an infinite error ratio, so the worst value is the first failure.
     */
    @Test
    void underTheExactToleranceEveryDifferenceIsAnInfiniteRatio() throws IOException {
        CheckReport r = compare("torch_adagrad", "torch_adagrad_initial_accumulator", Tolerance.EXACT);
        assertFalse(r.passed());
        assertEquals(930, r.compared());
        assertEquals(793, r.failures());
        Divergence first = r.firstDifference().orElseThrow();
        assertEquals("step 1, parameters 0.weight[0][0]", first.location());
        assertEquals(0.5999999999604935, first.ours());
        assertEquals(0.5624906395020628, first.theirs());
        assertEquals(first, r.firstFailure().orElseThrow());
        assertEquals(first, r.worst().orElseThrow());
        assertEquals(Double.POSITIVE_INFINITY, r.maxErrorRatio());
        assertEquals("step 4, gradients 2.bias[0][0]", r.maxAbsolute().orElseThrow().location());
        assertEquals(0.20908955449966682, r.maxAbsoluteError());
        assertEquals("step 19, gradients 0.weight[1][1]", r.maxRelative().orElseThrow().location());
        assertEquals(1.9801587993101428, r.maxRelativeError());
        // with atol = 0 every value counts for ulps (0 * |ours| >= 0)
        assertEquals("step 4, gradients 2.weight[0][2]", r.maxUlp().orElseThrow().location());
        assertEquals(9172244872209515360L, r.maxUlpDistance());
        normwise(r, "loss", 0.38705755952721493, 4);
        normwise(r, "gradients 2.bias", 3.4718134258614244, 6);
        normwise(r, "parameters 0.weight", 0.1034816595374067, 1);
        normwise(r, "parameters 2.bias", 0.07405006810591658, 7);
    }

    /** A trajectory compared with itself: nothing differs, every measure is 0 and every optional is empty. */
    @Test
    void aTrajectoryAgainstItselfIsIdentical() throws IOException {
        CheckReport r = compare("torch_batchnorm", "torch_batchnorm", Tolerance.EXACT);
        assertTrue(r.passed());
        assertEquals(1470, r.compared());
        assertEquals(0, r.failures());
        assertTrue(r.firstDifference().isEmpty());
        assertTrue(r.maxAbsolute().isEmpty());
        assertTrue(r.maxRelative().isEmpty());
        assertTrue(r.worst().isEmpty());
        assertTrue(r.maxUlp().isEmpty());
        assertEquals(0.0, r.maxAbsoluteError());
        assertEquals(0.0, r.maxRelativeError());
        assertEquals(0.0, r.maxNormwiseError());
        assertEquals(16, r.normwise().size());
    }
}
