package io.github.dlref.verify.oracle.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.losses.CrossEntropyLoss;
import io.github.dlref.nn.losses.MSELoss;
import org.junit.jupiter.api.Test;

/**
 * {@link NominalBatchMeanLoss}: the sum over a batch divided by the nominal batch size, values and gradients in
 * closed form, and the spec's {@code nominal_batch_mean} with its refusals.
 */
class NominalBatchMeanLossTest {

    /** Two samples, one output: squared errors 1 and 9; MSE mean 5; over a nominal batch of 4: 10 / 4. */
    @Test
    void dividesTheSumByTheNominalBatchSize() {
        Matrix prediction = Matrix.of(new double[][] {{1.0}, {3.0}});
        Matrix target = Matrix.of(new double[][] {{0.0}, {0.0}});
        NominalBatchMeanLoss loss = new NominalBatchMeanLoss(new MSELoss(Reduction.MEAN), 4);
        assertEquals(2.5, loss.forward(Tensor.constant(prediction), target).item());
        Tensor p = Tensor.variable(prediction);
        loss.forward(p, target).backward();
        // d/dp sum (p - t)^2 / 4 = (p - t) / 2
        assertEquals(0.5, p.grad().get(0, 0));
        assertEquals(1.5, p.grad().get(1, 0));
        // a full batch of 4 is the plain mean
        Matrix four = Matrix.of(new double[][] {{1.0}, {3.0}, {1.0}, {3.0}});
        assertEquals(5.0, loss.forward(Tensor.constant(four), Matrix.zeros(4, 1)).item());
        assertEquals(Reduction.MEAN, loss.reduction());
        assertEquals(4, loss.batchSize());
        assertFalse(loss.acceptsClassIndices());
        assertTrue(loss.toString().startsWith("NominalBatchMeanLoss("), loss.toString());
        assertTrue(loss.toString().endsWith(", batch_size=4)"), loss.toString());
    }

    /** Class indices pass through: -log(1/2) per sample for equal logits, summed over 2 samples and divided by 4. */
    @Test
    void passesClassIndicesThrough() {
        NominalBatchMeanLoss loss = new NominalBatchMeanLoss(new CrossEntropyLoss(Reduction.MEAN), 4);
        assertTrue(loss.acceptsClassIndices());
        assertEquals(Math.log(2.0) / 2.0, loss.forward(Tensor.constant(Matrix.zeros(2, 2)), new int[] {0, 1}).item(),
                1e-16);
        assertTrue(loss.inner() instanceof CrossEntropyLoss);
    }

    @Test
    void refusesASummedInnerLossOrABatchBelowOne() {
        assertEquals("NominalBatchMeanLoss: the inner loss's reduction must be MEAN, got SUM", assertThrows(
                IllegalArgumentException.class, () -> new NominalBatchMeanLoss(new MSELoss(Reduction.SUM), 4))
                .getMessage());
        assertEquals(1, new NominalBatchMeanLoss(new MSELoss(Reduction.MEAN), 1).batchSize());
        assertEquals("NominalBatchMeanLoss: batch_size must be >= 1, got 0", assertThrows(
                IllegalArgumentException.class, () -> new NominalBatchMeanLoss(new MSELoss(Reduction.MEAN), 0))
                .getMessage());
    }

    @Test
    void theSpecLossBuildsItAndRefusesWhatItCannotDivide() {
        Component mse = Component.of("loss", "mse");
        NominalBatchMeanLoss built = (NominalBatchMeanLoss) SpecBuilders.loss(Component.of("loss",
                "nominal_batch_mean", "loss", mse, "batch_size", 8));
        assertEquals(8, built.batchSize());
        assertTrue(built.inner() instanceof MSELoss);
        SpecException sum = assertThrows(SpecException.class, () -> SpecBuilders.loss(Component.of("loss",
                "nominal_batch_mean", "loss", mse.with("reduction", "sum"), "batch_size", 8)));
        assertEquals("$.loss.loss.reduction: nominal_batch_mean divides a mean: expected \"mean\", got \"sum\"",
                sum.getMessage());
        Component weighted = Component.of("loss", "cross_entropy", "weight", java.util.List.of(1.0, 2.0));
        SpecException weights = assertThrows(SpecException.class, () -> SpecBuilders.loss(Component.of("loss",
                "nominal_batch_mean", "loss", weighted, "batch_size", 8)));
        assertEquals("$.loss.loss: nominal_batch_mean takes a loss without class weights that is not itself a "
                + "nominal_batch_mean, got \"cross_entropy\" with class weights", weights.getMessage());
        Component nested = Component.of("loss", "nominal_batch_mean", "loss", mse, "batch_size", 8);
        SpecException twice = assertThrows(SpecException.class, () -> SpecBuilders.loss(Component.of("loss",
                "nominal_batch_mean", "loss", nested, "batch_size", 8)));
        assertEquals("$.loss.loss: nominal_batch_mean takes a loss without class weights that is not itself a "
                + "nominal_batch_mean, got \"nominal_batch_mean\"", twice.getMessage());
        assertTrue(SpecBuilders.isClassificationLoss(Component.of("loss", "nominal_batch_mean", "loss",
                Component.of("loss", "cross_entropy"), "batch_size", 8)));
        assertFalse(SpecBuilders.isClassificationLoss(Component.of("loss", "nominal_batch_mean", "loss", mse,
                "batch_size", 8)));
    }
}
