package io.github.dlref.autograd.ops;

import static io.github.dlref.autograd.ops.OpCase.binary;
import static io.github.dlref.autograd.ops.OpCase.shape;
import static io.github.dlref.autograd.ops.OpCase.shaped;
import static io.github.dlref.autograd.ops.OpCase.unary;
import static org.quicktheories.generators.SourceDSL.doubles;

import io.github.dlref.autograd.MatrixGen;
import io.github.dlref.autograd.MatrixGen.Domain;
import io.github.dlref.autograd.ops.OpCase.Shape;
import io.github.dlref.math.Matrix;
import java.util.List;
import org.quicktheories.core.Gen;

/**
 * The gradient-check catalogue: at least one {@link OpCase} for every op class in
 * {@code io.github.dlref.autograd.ops} ({@code OpCatalogCompletenessTest} fails otherwise). Inputs are kept
 * away from kinks: {@link Domain#AWAY_FROM_ZERO} for ReLU, leaky ReLU, abs and divisors; clamp inputs at least
 * 0.05 from the bounds; elementwise-max operands at least 0.1 apart; row maxima at least 0.25 above the runner-up.
 */
final class OpCases {

    private OpCases() {
    }

    /** Targets and masks that depend only on the shape, so the checked function is deterministic. */
    static int[] classes(int rows, int cols) {
        int[] t = new int[rows];
        for (int i = 0; i < rows; i++) {
            t[i] = (2 * i + 1) % cols;
        }
        return t;
    }

    /** Soft labels: row i is proportional to (k + i + 1), normalised to sum to 1. */
    static Matrix softLabels(int rows, int cols) {
        return Matrix.build(rows, cols, (i, k) -> (k + i + 1.0) / (cols * (cols + 1) / 2.0 + (double) i * cols));
    }

    /** Targets in [0, 1] whose rows do not sum to 1 (cross-entropy allows this; the gradient has a mass term). */
    static Matrix unnormalisedTargets(int rows, int cols) {
        return Matrix.build(rows, cols, (i, k) -> ((3 * i + 5 * k) % 7) / 6.0);
    }

    /** An inverted-dropout mask with p = 1/3: entries 0 or 1 / (1 - p) = 1.5. */
    static Matrix dropoutMask(int rows, int cols) {
        return Matrix.build(rows, cols, (i, j) -> (i + 2 * j) % 3 == 1 ? 0.0 : 1.5);
    }

    /** Entries in [-1, 1] at least 0.05 from the clamp bounds -0.5 and 0.5. */
    private static Gen<Double> awayFromHalf() {
        return doubles().between(-1.0, 1.0).map(x -> Math.copySign(Math.abs(x) < 0.5 ? 0.9 * Math.abs(x)
                : 1.1 * Math.abs(x), x));
    }

    /** Two operands with every pair of entries at least 0.1 apart: b = a + d, |d| in [0.1, 2]. */
    private static Gen<Matrix[]> separatedPair(Shape[] c) {
        return in -> {
            Matrix a = MatrixGen.matrices(c[0].rows(), c[0].cols(), Domain.ANY).generate(in);
            Matrix d = MatrixGen.matrices(c[0].rows(), c[0].cols(), Domain.AWAY_FROM_ZERO).generate(in);
            return new Matrix[] {a, a.plus(d)};
        };
    }

    /**
     * Rows whose maximum exceeds the runner-up by at least 0.25: entry = 0.25 rank + 0.1 u - 0.5 for uniform u in
     * [0, 1), where rank orders the row's u values (equal values by column), so ranks within a row are distinct.
     */
    private static Gen<Matrix[]> distinctRowMaxima(Shape[] c) {
        return MatrixGen.matrices(c[0].rows(), c[0].cols(), doubles().between(0.0, 0.999)).map(u -> new Matrix[] {
            Matrix.build(u.rows(), u.cols(), (i, j) -> 0.25 * rankInRow(u, i, j) + 0.1 * u.get(i, j) - 0.5)
        });
    }

    private static int rankInRow(Matrix u, int i, int j) {
        int rank = 0;
        for (int k = 0; k < u.cols(); k++) {
            double other = u.get(i, k);
            if (other < u.get(i, j) || (other == u.get(i, j) && k < j)) {
                rank++;
            }
        }
        return rank;
    }

    private static List<Shape[]> configs(Shape[]... configs) {
        return List.of(configs);
    }

    private static final List<Shape[]> ROW_BROADCAST = configs(
            new Shape[] {shape(1, 1), shape(1, 1)}, new Shape[] {shape(1, 4), shape(1, 4)},
            new Shape[] {shape(3, 1), shape(1, 1)}, new Shape[] {shape(3, 4), shape(1, 4)});

    static final List<OpCase> ALL = List.of(
            binary("Add: a + b", Add.class, Domain.ANY, Domain.ANY, xs -> xs[0].plus(xs[1])),
            binary("Subtract: a - b", Subtract.class, Domain.ANY, Domain.ANY, xs -> xs[0].minus(xs[1])),
            binary("Multiply: a * b", Multiply.class, Domain.ANY, Domain.ANY, xs -> xs[0].times(xs[1])),
            binary("Divide: a / b", Divide.class, Domain.ANY, Domain.AWAY_FROM_ZERO, xs -> xs[0].div(xs[1])),
            binary("Add: x + x (input used twice)", Add.class, Domain.ANY, Domain.ANY, xs -> xs[0].plus(xs[0])),
            unary("Negate: -x", Negate.class, Domain.ANY, xs -> xs[0].neg()),
            unary("AddScalar: x + 0.75", AddScalar.class, Domain.ANY, xs -> xs[0].plus(0.75)),
            unary("MultiplyScalar: -1.5 x", MultiplyScalar.class, Domain.ANY, xs -> xs[0].times(-1.5)),
            shaped("MatMul: A B", MatMul.class, configs(
                    new Shape[] {shape(1, 1), shape(1, 1)}, new Shape[] {shape(1, 3), shape(3, 1)},
                    new Shape[] {shape(3, 1), shape(1, 4)}, new Shape[] {shape(1, 3), shape(3, 2)},
                    new Shape[] {shape(2, 3), shape(3, 4)}), Domain.ANY, xs -> xs[0].matmul(xs[1])),
            shaped("TransposeTimes: A^T B", TransposeTimes.class, configs(
                    new Shape[] {shape(1, 1), shape(1, 1)}, new Shape[] {shape(1, 3), shape(1, 2)},
                    new Shape[] {shape(4, 1), shape(4, 3)}, new Shape[] {shape(3, 2), shape(3, 4)}),
                    Domain.ANY, xs -> xs[0].transposeTimes(xs[1])),
            shaped("TimesTranspose: A B^T", TimesTranspose.class, configs(
                    new Shape[] {shape(1, 1), shape(1, 1)}, new Shape[] {shape(1, 3), shape(2, 3)},
                    new Shape[] {shape(3, 1), shape(2, 1)}, new Shape[] {shape(2, 3), shape(4, 3)}),
                    Domain.ANY, xs -> xs[0].timesTranspose(xs[1])),
            unary("Transpose: x^T", Transpose.class, Domain.ANY, xs -> xs[0].transpose()),
            shaped("AddRow: X + 1 r", AddRow.class, ROW_BROADCAST, Domain.ANY, xs -> xs[0].plusRow(xs[1])),
            unary("Sum: sum of all", Sum.class, Domain.ANY, xs -> xs[0].sum()),
            unary("SumRows: per-row sums", SumRows.class, Domain.ANY, xs -> xs[0].sumRows()),
            unary("SumCols: per-column sums", SumCols.class, Domain.ANY, xs -> xs[0].sumCols()),
            unary("Mean: mean of all", Mean.class, Domain.ANY, xs -> xs[0].mean()),
            unary("Exp: exp x", Exp.class, Domain.ANY, xs -> xs[0].exp()),
            unary("Log: ln x", Log.class, Domain.POSITIVE, xs -> xs[0].log()),
            unary("Sqrt: sqrt x", Sqrt.class, Domain.POSITIVE, xs -> xs[0].sqrt()),
            unary("Pow: x^3", Pow.class, Domain.ANY, xs -> xs[0].pow(3.0)),
            unary("Pow: x^-1.5", Pow.class, Domain.POSITIVE, xs -> xs[0].pow(-1.5)),
            unary("Pow: x^0", Pow.class, Domain.ANY, xs -> xs[0].pow(0.0)),
            unary("Abs: |x|", Abs.class, Domain.AWAY_FROM_ZERO, xs -> xs[0].abs()),
            unary("Relu: max(0, x)", Relu.class, Domain.AWAY_FROM_ZERO, xs -> xs[0].relu()),
            unary("LeakyRelu: slope 0.1", LeakyRelu.class, Domain.AWAY_FROM_ZERO, xs -> xs[0].leakyRelu(0.1)),
            unary("Sigmoid", Sigmoid.class, Domain.ANY, xs -> xs[0].sigmoid()),
            unary("Tanh", Tanh.class, Domain.ANY, xs -> xs[0].tanh()),
            unary("Softmax per row", Softmax.class, Domain.ANY, xs -> xs[0].softmax()),
            unary("LogSoftmax per row", LogSoftmax.class, Domain.ANY, xs -> xs[0].logSoftmax()),
            new OpCase("MaxPerRow", MaxPerRow.class, OpCase.ELEMENTWISE_SHAPES.stream().map(s -> new Shape[] {s}).toList(),
                    OpCases::distinctRowMaxima, xs -> xs[0].maxPerRow()),
            new OpCase("Maximum: max(a, b)", Maximum.class, OpCase.ELEMENTWISE_SHAPES.stream()
                    .map(s -> new Shape[] {s, s}).toList(), OpCases::separatedPair, xs -> xs[0].max(xs[1])),
            unary("Clamp to [-0.5, 0.5]", Clamp.class, awayFromHalf(), xs -> xs[0].clamp(-0.5, 0.5)),
            unary("FrobeniusNormSquared", FrobeniusNormSquared.class, Domain.ANY, xs -> xs[0].frobeniusNormSquared()),
            unary("DropoutMask (p = 1/3)", DropoutMask.class, Domain.ANY,
                    xs -> xs[0].dropoutMask(dropoutMask(xs[0].rows(), xs[0].cols()))),
            unary("SoftmaxCrossEntropy: class indices, mean", SoftmaxCrossEntropy.class, Domain.ANY,
                    xs -> xs[0].softmaxCrossEntropy(classes(xs[0].rows(), xs[0].cols()), Reduction.MEAN)),
            unary("SoftmaxCrossEntropy: class indices, none", SoftmaxCrossEntropy.class, Domain.ANY,
                    xs -> xs[0].softmaxCrossEntropy(classes(xs[0].rows(), xs[0].cols()), Reduction.NONE)),
            unary("SoftmaxCrossEntropy: soft labels, sum", SoftmaxCrossEntropy.class, Domain.ANY,
                    xs -> xs[0].softmaxCrossEntropy(softLabels(xs[0].rows(), xs[0].cols()), Reduction.SUM)),
            unary("SoftmaxCrossEntropy: rows not summing to 1, none", SoftmaxCrossEntropy.class, Domain.ANY,
                    xs -> xs[0].softmaxCrossEntropy(unnormalisedTargets(xs[0].rows(), xs[0].cols()), Reduction.NONE)),
            unary("BinaryCrossEntropyWithLogits: mean", BinaryCrossEntropyWithLogits.class, Domain.ANY,
                    xs -> xs[0].binaryCrossEntropyWithLogits(unnormalisedTargets(xs[0].rows(), xs[0].cols()))),
            unary("BinaryCrossEntropyWithLogits: none", BinaryCrossEntropyWithLogits.class, Domain.ANY,
                    xs -> xs[0].binaryCrossEntropyWithLogits(softLabels(xs[0].rows(), xs[0].cols()), Reduction.NONE)),
            unary("BinaryCrossEntropyWithLogits: sum", BinaryCrossEntropyWithLogits.class, Domain.ANY,
                    xs -> xs[0].binaryCrossEntropyWithLogits(unnormalisedTargets(xs[0].rows(), xs[0].cols()),
                            Reduction.SUM)));
}
