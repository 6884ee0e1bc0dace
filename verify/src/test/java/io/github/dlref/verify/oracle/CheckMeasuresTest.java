package io.github.dlref.verify.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.math.Matrix;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The error measures of {@code check}: the error ratio against the tolerance, the ulp distance and the normwise
 * relative error, each against values worked out by hand (closed form), and the report of a run that passes with an
 * entry near zero, where the elementwise relative error is 1 and says nothing.
 */
class CheckMeasuresTest {

    static final Tolerance DEFAULT = Tolerance.DEFAULT;

    static Divergence d(double ours, double theirs) {
        return new Divergence(1, "parameters", "w", 0, 0, ours, theirs);
    }

    @Test
    void ulpDistanceCountsRepresentableDoubles() {
        assertEquals(0, d(1.0, 1.0).ulpDistance());
        assertEquals(0, d(0.0, -0.0).ulpDistance());
        assertEquals(1, d(1.0, Math.nextUp(1.0)).ulpDistance());
        assertEquals(1, d(Math.nextDown(1.0), 1.0).ulpDistance());
        assertEquals(3, d(-2.0, Math.nextDown(Math.nextDown(Math.nextDown(-2.0)))).ulpDistance());
        // across zero: from the smallest negative subnormal to the smallest positive one are 2 steps (via 0)
        assertEquals(2, d(-Double.MIN_VALUE, Double.MIN_VALUE).ulpDistance());
        // 1.0 is 2^52 ulps (of [1, 2)) above 0.5's exponent start... count [0.5, 1): 2^52 doubles
        assertEquals(1L << 52, d(0.5, 1.0).ulpDistance());
        // 2.8e-17 against 0: a huge count, which is why check reports ulps only where rtol |ours| >= atol
        assertTrue(d(0.0, 2.8e-17).ulpDistance() > 4_000_000_000_000_000_000L);
        assertEquals(Long.MAX_VALUE, d(1.0, Double.NaN).ulpDistance());
        assertEquals(Long.MAX_VALUE, d(Double.POSITIVE_INFINITY, 1.0).ulpDistance());
        assertEquals(0, d(Double.NaN, Double.NaN).ulpDistance());
        // opposite extremes do not fit a long
        assertEquals(Long.MAX_VALUE, d(-Double.MAX_VALUE, Double.MAX_VALUE).ulpDistance());
    }

    @Test
    void errorRatioIsOneAtTheToleranceBoundary() {
        Tolerance t = new Tolerance(0.5, 0.25);
        // allowed 0.5 + 0.25 * 2 = 1.0
        assertEquals(1.0, d(2.0, 3.0).errorRatio(t));
        assertTrue(t.accepts(2.0, 3.0));
        assertEquals(2.0, d(2.0, 4.0).errorRatio(t));
        assertFalse(t.accepts(2.0, 4.0));
        // the reference is ours: |ours| = 4 allows 1.5
        assertEquals(2.0 / 1.5, d(4.0, 2.0).errorRatio(t));
        assertEquals(0.0, d(2.0, 2.0).errorRatio(t));
        assertEquals(Double.POSITIVE_INFINITY, d(2.0, Math.nextUp(2.0)).errorRatio(Tolerance.EXACT));
        assertEquals(Double.POSITIVE_INFINITY, d(2.0, Double.NaN).errorRatio(t));
        assertEquals(0.0, d(Double.NaN, Double.NaN).errorRatio(t));
    }

    @Test
    void normwiseErrorIsTheRatioOfTwoNorms() {
        // ||(3, 4)|| = 5, ||(0.3, 0.4)|| = 0.5
        assertEquals(0.1, NormwiseError.of(new double[] {3, 4}, new double[] {3.3, 4.4}), 1e-15);
        assertEquals(0.0, NormwiseError.of(new double[] {3, 4}, new double[] {3, 4}));
        assertEquals(0.0, NormwiseError.of(new double[] {0, 0}, new double[] {0, -0.0}));
        assertEquals(Double.POSITIVE_INFINITY, NormwiseError.of(new double[] {0, 0}, new double[] {0, 1e-300}));
        assertEquals(Double.POSITIVE_INFINITY, NormwiseError.of(new double[] {1, 2}, new double[] {1, Double.NaN}));
        assertEquals(0.0, NormwiseError.of(new double[] {Double.NaN, 2}, new double[] {Double.NaN, 2}));
        // scaled: no overflow for entries near the largest double, no underflow near the smallest
        assertEquals(0.1, NormwiseError.of(new double[] {3e300, 4e300}, new double[] {3.3e300, 4.4e300}), 1e-15);
        assertEquals(0.1, NormwiseError.of(new double[] {3e-310, 4e-310}, new double[] {3.3e-310, 4.4e-310}), 1e-3);
        // an entry near zero does not dominate: (1.3, 2.8e-17) against (1.3, 0) is 2.8e-17 / 1.3
        assertEquals(2.8e-17 / 1.3, NormwiseError.of(new double[] {1.3, 2.8e-17}, new double[] {1.3, 0.0}), 1e-30);
        assertEquals("gradients 0.weight", new NormwiseError("gradients", "0.weight", 0, 1).label());
        assertEquals("loss", new NormwiseError("loss", "", 0, 1).label());
    }

    static Trajectory trajectory(double loss1, double[] w1, double loss2, double[] w2) {
        return new Trajectory("test", Map.of(), Optional.empty(), List.of(step(1, loss1, w1), step(2, loss2, w2)));
    }

    static Trajectory.Step step(int n, double loss, double[] w) {
        Matrix m = Matrix.rowVector(w);
        return new Trajectory.Step(n, Optional.empty(), Optional.empty(), List.of(), Optional.of(0.1), loss,
                Optional.empty(), Map.of("w", m), Map.of("w", m), Map.of(), Map.of());
    }

    /**
     * A passing run with an entry that is 2.8e-17 in theirs and 0 in ours: the elementwise relative error is 1
     * (CS231n's form), but the check passes, the worst value uses 2.8e-17 / 1e-12 = 2.8e-5 of the allowed error, the
     * normwise error is tiny, and the ulp distance leaves the near-zero entry out.
     */
    @Test
    void aPassingRunWithANearZeroEntryReportsMeaningfulErrors() {
        Trajectory ours = trajectory(0.5, new double[] {1.0, 0.0}, 0.25, new double[] {2.0, 0.0});
        Trajectory theirs = trajectory(0.5, new double[] {1.0, 2.8e-17}, Math.nextUp(0.25),
                new double[] {Math.nextUp(Math.nextUp(2.0)), 0.0});
        CheckReport r = Comparer.compare(ours, theirs, DEFAULT);
        assertTrue(r.passed());
        assertEquals(1.0, r.maxRelativeError());
        assertEquals(2.8e-17 / 1e-12, r.maxErrorRatio(), 1e-20);
        assertEquals("step 1, gradients w[0][1]", r.worst().orElseThrow().location());
        // 2 ulps of 2.0 (4.44e-16 each) at step 2 (gradient first, in compare order), the largest distance where rtol |ours| >= atol
        assertEquals(2, r.maxUlpDistance());
        assertEquals("step 2, gradients w[0][0]", r.maxUlp().orElseThrow().location());
        Map<String, NormwiseError> byLabel = new java.util.LinkedHashMap<>();
        r.normwise().forEach(n -> byLabel.put(n.label(), n));
        assertEquals(List.of("lr", "loss", "gradients w", "parameters w"), List.copyOf(byLabel.keySet()));
        assertEquals(0.0, byLabel.get("lr").error());
        assertEquals(Math.ulp(0.25) / 0.25, byLabel.get("loss").error());
        assertEquals(2, byLabel.get("loss").step());
        // step 1: 2.8e-17 / 1; step 2: 2 ulps of 2.0 over 2.0 (larger)
        assertEquals(2 * Math.ulp(2.0) / 2.0, byLabel.get("gradients w").error(), 1e-30);
        assertEquals(2, byLabel.get("gradients w").step());
        assertEquals(2 * Math.ulp(2.0) / 2.0, byLabel.get("parameters w").error(), 1e-30);
        assertEquals(2, byLabel.get("parameters w").step());
        assertEquals(Math.ulp(2.0), r.maxNormwiseError(), 1e-30);
        assertEquals(Integer.MAX_VALUE, r.firstFailureStep());
    }

    @Test
    void aFailingRunReportsTheStepOfTheFirstFailureAndTheWorstValue() {
        Trajectory ours = trajectory(0.5, new double[] {1.0, 3.0}, 0.25, new double[] {2.0, 4.0});
        Trajectory theirs = trajectory(0.5, new double[] {1.0, 3.0}, 0.25, new double[] {2.0, 4.4});
        CheckReport r = Comparer.compare(ours, theirs, DEFAULT);
        assertFalse(r.passed());
        assertEquals(2, r.firstFailureStep());
        assertEquals("step 2, gradients w[0][1]", r.worst().orElseThrow().location());
        assertEquals(0.4 / (1e-12 + 4e-9), r.maxErrorRatio(), 1e-3);
        // ||(0, 0.4)|| / ||(2, 4)|| = 0.4 / sqrt(20)
        assertEquals(0.4 / Math.sqrt(20), r.maxNormwiseError(), 1e-15);
        CheckReport same = Comparer.compare(ours, ours, DEFAULT);
        assertEquals(0.0, same.maxErrorRatio());
        assertEquals(0L, same.maxUlpDistance());
        assertEquals(0.0, same.maxNormwiseError());
        assertTrue(same.worst().isEmpty());
    }
}
