package io.github.dlref.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The gradients at non-differentiable points, each the documented convention (the project's CONVENTIONS, which
 * follow PyTorch; the PyTorch values were observed with torch 1.13 in float64, see
 * {@code src/test/resources/golden/}).
 */
class NonDifferentiablePointTest {

    /** The gradient of {@code sum(f(x))} with respect to x. */
    private static Matrix gradOfSum(Matrix x, UnaryOperator<Tensor> f) {
        Tensor v = Tensor.variable(x);
        f.apply(v).sum().backward();
        return v.grad();
    }

    private static final Matrix AROUND_ZERO = Matrix.rowVector(-1, 0, 1);

    @Test
    void reluHasZeroDerivativeAtZero() {
        assertEquals(Matrix.rowVector(0, 0, 1), gradOfSum(AROUND_ZERO, Tensor::relu));
    }

    @Test
    void absHasZeroDerivativeAtZeroLikeTorchSign() {
        assertEquals(Matrix.rowVector(-1, 0, 1), gradOfSum(AROUND_ZERO, Tensor::abs));
    }

    @Test
    void leakyReluUsesItsSlopeAtZero() {
        assertEquals(Matrix.rowVector(0.25, 0.25, 1), gradOfSum(AROUND_ZERO, x -> x.leakyRelu(0.25)));
    }

    @Test
    void clampPassesTheGradientAtBothBoundaries() {
        // torch.clamp([-1, 0, 1, 2, 3], 0, 2) has gradient [0, 1, 1, 1, 0]
        assertEquals(Matrix.rowVector(0, 1, 1, 1, 0), gradOfSum(Matrix.rowVector(-1, 0, 1, 2, 3), x -> x.clamp(0, 2)));
    }

    @Test
    void elementwiseMaxSplitsTiesEqually() {
        // torch.maximum([1, 2], [1, 3]): gradients [0.5, 0] and [0.5, 1]
        Tensor a = Tensor.variable(Matrix.rowVector(1, 2));
        Tensor b = Tensor.variable(Matrix.rowVector(1, 3));
        a.max(b).sum().backward();
        assertEquals(Matrix.rowVector(0.5, 0), a.grad());
        assertEquals(Matrix.rowVector(0.5, 1), b.grad());
    }

    @Test
    void maxPerRowSendsTheGradientToTheFirstMaximum() {
        // torch.max(x, dim=1) on [[1, 3, 3]] routes the gradient to index 1 only
        Matrix x = Matrix.of(new double[][] {{1, 3, 3}, {7, 7, 7}});
        assertEquals(Matrix.of(new double[][] {{0, 1, 0}, {1, 0, 0}}), gradOfSum(x, Tensor::maxPerRow));
    }

    @Test
    void powWithExponentZeroHasZeroGradientEvenAtZero() {
        assertEquals(Matrix.rowVector(0, 0, 0), gradOfSum(AROUND_ZERO, x -> x.pow(0)));
    }

    @Test
    void sqrtHasAnInfiniteDerivativeAtZero() {
        assertEquals(Matrix.rowVector(Double.POSITIVE_INFINITY), gradOfSum(Matrix.rowVector(0), Tensor::sqrt));
    }
}
