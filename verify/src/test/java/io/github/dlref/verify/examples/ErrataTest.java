package io.github.dlref.verify.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.verify.TestTolerances;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One test per entry of {@code docs/errata.md} at the scalar level: the corrected form agrees with the
 * engine (and, where stated, numeric differences) and the document's form, evaluated as the erratum says,
 * disagrees.
 */
class ErrataTest {

    /** Asserts the erratum's examples exist, pass, and refute the document's form wherever it has a value. */
    private static List<WorkedExample> assertProven(String erratumId, int atLeast) {
        List<WorkedExample> examples = ExampleCatalogTest.corrections(erratumId);
        assertTrue(examples.size() >= atLeast, erratumId + " has " + examples.size() + " examples");
        for (WorkedExample e : examples) {
            assertTrue(e.comparison().accepts(e.expected(), e.computed()), e.id() + " corrected form");
            assertFalse(e.documentFormAccepted(), e.id() + " document form must be refuted");
            assertTrue(e.passed(), e.id());
        }
        return examples;
    }

    private static double documentValue(WorkedExample e) {
        return e.correction().orElseThrow().documentValue().orElseThrow();
    }

    @Test
    void cs231nOptBp1SoftmaxGradientOfTheCorrectClass() {
        List<WorkedExample> examples = assertProven("cs231n-opt-bp-1", 2);
        // (p_r - 1) X with X = (1, -2): the two components have ratio -2 and p_r - 1 < 0
        assertEquals(-2.0, examples.get(1).computed() / examples.get(0).computed(), TestTolerances.ROUNDING);
        assertTrue(examples.get(0).computed() < 0);
    }

    @Test
    void cs231nOptBp2MaxGateTie() {
        List<WorkedExample> examples = assertProven("cs231n-opt-bp-2", 2);
        for (WorkedExample e : examples) {
            assertEquals(0.0, documentValue(e));
            assertEquals(1.0, e.computed(), TestTolerances.CENTRAL_DIFFERENCE);
        }
        assertEquals(0.5, ExampleCatalogTest.find("cs231n-opt-bp/max-gate/tie-da").computed());
    }

    @Test
    void dlOptimization1OutputMatrix() {
        WorkedExample e = assertProven("dl-optimization-1", 1).get(0);
        assertEquals(0.0, documentValue(e)); // w6 unused in the printed matrix
        assertTrue(Math.abs(e.computed()) > 0.1);
    }

    @Test
    void dlOptimization2DerivationSecondLine() {
        WorkedExample e = assertProven("dl-optimization-2", 1).get(0);
        assertTrue(documentValue(e) > 0 && e.computed() < 0, "sign lost");
        assertEquals(e.computed(), ExampleCatalogTest.find("dl-optimization/dl-dz2/A/engine").computed());
    }

    @Test
    void dlOptimization3DerivationThirdLine() {
        WorkedExample e = assertProven("dl-optimization-3", 1).get(0);
        assertTrue(Math.abs(documentValue(e) - e.computed()) > 1.0);
    }

    @Test
    void dlOptimization4SoftmaxDerivativeFirstLine() {
        WorkedExample e = assertProven("dl-optimization-4", 1).get(0);
        assertEquals(e.computed(),
                ExampleCatalogTest.find("dl-optimization/softmax-jacobian/A/dy2-dz1/engine").computed());
    }

    @Test
    void dlOptimization5FullBatchGradientStep() {
        WorkedExample e = assertProven("dl-optimization-5", 1).get(0);
        // the corrected step moves w8 = 0.8 by a small amount; the printed right-hand side is a loss
        assertEquals(0.8, e.computed(), 0.01);
        assertTrue(Math.abs(documentValue(e) - 0.8) > 0.5);
    }

    @Test
    void bpOptimizers1Bp2Indices() {
        assertEquals(3, assertProven("bp-optimizers-1", 3).size());
    }

    @Test
    void bpOptimizers2Bp4MatrixForm() {
        assertProven("bp-optimizers-2", 1);
    }

    @Test
    void bpOptimizers3BinaryCrossEntropySign() {
        for (WorkedExample e : assertProven("bp-optimizers-3", 2)) {
            assertEquals(-e.computed(), documentValue(e), TestTolerances.FEW_ULPS); // Y - A instead of A - Y
        }
    }

    @Test
    void bpOptimizers4OutputGradientOfTheActivation() {
        List<WorkedExample> examples = assertProven("bp-optimizers-4", 2);
        // the printed form is one number for the whole batch; the correct one differs per sample
        assertEquals(documentValue(examples.get(0)), documentValue(examples.get(1)));
        assertTrue(examples.get(0).computed() < 0 && examples.get(1).computed() > 0);
    }

    @Test
    void bpOptimizers5RmspropEpsilon() {
        WorkedExample e = assertProven("bp-optimizers-5", 1).get(0);
        assertTrue(Double.isNaN(documentValue(e)));
    }

    @Test
    void bpOptimizers6AdamSquareOfDb() {
        WorkedExample e = assertProven("bp-optimizers-6", 1).get(0);
        assertEquals(2 * e.computed(), documentValue(e), TestTolerances.FEW_ULPS); // (1 - b2) db vs (1 - b2) db^2 at db = 0.5
    }

    @Test
    void bpOptimizers7LearningRateDecay() {
        List<WorkedExample> examples = assertProven("bp-optimizers-7", 2);
        assertEquals(Double.POSITIVE_INFINITY, documentValue(examples.get(0)));
        assertEquals(0.2, examples.get(0).computed()); // no decay at epoch 0
    }
}
