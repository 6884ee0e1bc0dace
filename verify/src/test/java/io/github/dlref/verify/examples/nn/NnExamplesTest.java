package io.github.dlref.verify.examples.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.verify.TestTolerances;
import io.github.dlref.verify.examples.WorkedExample;
import io.github.dlref.verify.examples.nn.NnExamples.DeepNetwork;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NnExamplesTest {

    private static final List<WorkedExample> EXAMPLES = new NnExamples().examples();

    private static List<WorkedExample> withPrefix(String prefix) {
        return EXAMPLES.stream().filter(e -> e.id().startsWith(prefix)).toList();
    }

    private static List<WorkedExample> corrections(String erratumId) {
        return EXAMPLES.stream().filter(e -> e.correction().map(c -> c.erratumId().equals(erratumId)).orElse(false))
                .toList();
    }

    @Test
    void everyExamplePassesAndIdsAreUnique() {
        List<String> failures = EXAMPLES.stream().filter(e -> !e.passed())
                .map(e -> e.id() + ": expected " + e.expected() + ", computed " + e.computed()).toList();
        assertEquals(List.of(), failures);
        Set<String> ids = new HashSet<>();
        for (WorkedExample e : EXAMPLES) {
            assertTrue(ids.add(e.id()), "duplicate " + e.id());
        }
    }

    @Test
    void theIssuesReproductionsArePresent() {
        // bp-optimizers vectorized: dZ2 (1 x 4), dW2 (1 x 3), db2 (1), dW1 (3 x 2), db1 (3)
        assertEquals(4 + 3 + 1 + 6 + 3, withPrefix("bp-optimizers/vectorized/").size());
        // dl-basics: J, dJ/dW2 (2 x 3), dJ/dz (3), dJ/dW1 (3 x 2)
        assertEquals(1 + 6 + 3 + 6, withPrefix("dl-basics/two-layer/").size());
        assertEquals(5, withPrefix("dl-basics/orthogonal/").size());
        assertEquals(9, withPrefix("cs231n-opt-bp/matrix/svm-dW").size());
        assertEquals(9, withPrefix("cs231n-opt-bp/matrix/softmax-dW").size());
        assertEquals(2, withPrefix("param-optimization/vanishing-gradients/").size());
    }

    @Test
    void theExamplesAreNotTrivial() {
        // The compared gradients are not all zero (a zero gradient would make every comparison pass).
        for (String prefix : List.of("bp-optimizers/vectorized/dW1", "dl-basics/two-layer/dJ-dW1",
                "cs231n-opt-bp/matrix/svm-dW", "cs231n-opt-bp/matrix/softmax-dW")) {
            assertTrue(withPrefix(prefix).stream().filter(e -> Math.abs(e.computed()) > TestTolerances.CLEARLY_NON_ZERO).count() >= 3, prefix);
        }
        // dZ[2] = A - Y has the sign of the error: negative for the Y = 1 samples, positive for Y = 0
        List<WorkedExample> dz2 = withPrefix("bp-optimizers/vectorized/dZ2");
        assertTrue(dz2.get(0).computed() < 0 && dz2.get(1).computed() > 0 && dz2.get(2).computed() < 0
                && dz2.get(3).computed() > 0);
    }

    @Test
    void dlBasics1TheDocumentsDJdzIsRefuted() {
        List<WorkedExample> examples = corrections("dl-basics-1");
        assertEquals(3, examples.size());
        for (WorkedExample e : examples) {
            assertTrue(e.passed(), e.id());
            assertFalse(e.documentFormAccepted(), e.id());
            double document = e.correction().orElseThrow().documentValue().orElseThrow();
            assertTrue(document > 0 && document <= 1.0 / 16, "phi'(z)^2 of a sigmoid is in (0, 1/16]: " + document);
            assertTrue(Math.abs(document - e.computed()) > TestTolerances.CLEARLY_NON_ZERO, e.id());
        }
    }

    @Test
    void dlBasics2TheFinalFormIsRightAndTheMiddleFormHasNoValue() {
        List<WorkedExample> examples = corrections("dl-basics-2");
        assertEquals(6, examples.size());
        for (WorkedExample e : examples) {
            assertTrue(e.passed(), e.id());
            assertTrue(e.correction().orElseThrow().documentValue().isEmpty(), e.id());
        }
    }

    @Test
    void orthogonalInitializationPreservesNorms() {
        WorkedExample identity = withPrefix("dl-basics/orthogonal/W-Wt-identity").get(0);
        assertTrue(identity.computed() <= TestTolerances.ORTHOGONAL, "max |W W^T - I| = " + identity.computed());
        for (WorkedExample e : withPrefix("dl-basics/orthogonal/norm-preservation")) {
            assertTrue(e.expected() > 0.1, e.id()); // a real error vector, not zero
        }
    }

    /**
     * Measured with the fixed seeds (width 8, batch 16; ratio = ||dJ/dW^(1)||_F / ||dJ/dW^(L)||_F):
     * <pre>
     * depth     2      3      4       5       6       7       8       9       10
     * sigmoid   0.433  0.0347 0.00580 0.00474 4.37e-4 1.74e-4 2.08e-4 1.02e-5 6.60e-7
     * ReLU      1.16   0.598  0.263   0.631   0.412   0.631   0.988   0.208   1.01
     * BatchNorm 2.06   1.30   2.31    4.27    2.14    3.10    3.22    1.41    2.37
     * </pre>
     * The assertions keep margins of at least 1.7x over these values.
     */
    @Test
    void sigmoidGradientsVanishWithDepthWhileReluAndBatchNormKeepThem() {
        double[] sigmoid = new double[11];
        for (int depth = 2; depth <= 10; depth++) {
            sigmoid[depth] = NnExamples.vanishingRatio(DeepNetwork.SIGMOID, depth);
            double relu = NnExamples.vanishingRatio(DeepNetwork.RELU, depth);
            double batchNorm = NnExamples.vanishingRatio(DeepNetwork.SIGMOID_BATCH_NORM, depth);
            assertTrue(relu > 0.1 && relu < 10, "ReLU, depth " + depth + ": " + relu);
            assertTrue(batchNorm > 0.5 && batchNorm < 10, "BatchNorm, depth " + depth + ": " + batchNorm);
            if (depth >= 3) {
                assertTrue(sigmoid[depth] < 0.1 * Math.min(relu, batchNorm), "depth " + depth + ": sigmoid "
                        + sigmoid[depth] + ", ReLU " + relu + ", BatchNorm " + batchNorm);
            }
        }
        for (int depth = 2; depth <= 8; depth++) {
            assertTrue(sigmoid[depth + 2] < sigmoid[depth], "sigmoid ratio must shrink over two more layers: depth "
                    + depth + " " + sigmoid[depth] + ", depth " + (depth + 2) + " " + sigmoid[depth + 2]);
        }
        assertTrue(sigmoid[10] < TestTolerances.VANISHED, "depth 10: " + sigmoid[10]);
        assertEquals(sigmoid[10], NnExamples.vanishingRatio(DeepNetwork.SIGMOID));
    }

    @Test
    void runsAreDeterministicBitForBit() {
        List<WorkedExample> again = new NnExamples().examples();
        assertEquals(EXAMPLES.size(), again.size());
        for (int i = 0; i < again.size(); i++) {
            assertEquals(EXAMPLES.get(i).id(), again.get(i).id());
            assertEquals(Double.doubleToRawLongBits(EXAMPLES.get(i).computed()),
                    Double.doubleToRawLongBits(again.get(i).computed()), EXAMPLES.get(i).id());
        }
    }
}
