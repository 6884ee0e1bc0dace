package io.github.dlref.math;

import static io.github.dlref.math.MatrixAssert.assertBitwise;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Algebraic properties of the products and norms, checked with QuickTheories on random matrices (fixed
 * seed, so a failure reproduces). Inner and outer dimensions run from 0 to 6 and the column count of the
 * right operand up to 18, so EJML's small kernels, its row-reordered kernels (15 columns and more) and its
 * matrix-vector kernels (one column) are all exercised, and so are empty shapes.
 */
class MatrixPropertiesTest {

    private static final long SEED = 42L;
    private static final int EXAMPLES = 60;

    /** Operands for a product: A is m x k; B and C are k x n. */
    record Operands(Matrix a, Matrix b, Matrix c) {
    }

    private static Gen<Operands> operands() {
        Gen<int[]> dims = integers().between(0, 6).zip(integers().between(0, 6), integers().between(0, 18),
                (m, k, n) -> new int[] {m, k, n});
        return dims.flatMap(d -> MatrixGenerators.matrices(d[0], d[1]).zip(MatrixGenerators.matrices(d[1], d[2]),
                MatrixGenerators.matrices(d[1], d[2]), Operands::new));
    }

    /**
     * The definition written out: {@code c_ij = (((0 + a_i0 b_0j) + a_i1 b_1j) + ...)}, summing over k in
     * ascending order from {@code +0.0}. An implementation independent of EJML.
     */
    private static Matrix naiveProduct(Matrix a, Matrix b) {
        double[] out = new double[a.rows() * b.cols()];
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < b.cols(); j++) {
                double s = 0.0;
                for (int k = 0; k < a.cols(); k++) {
                    s += a.get(i, k) * b.get(k, j);
                }
                out[i * b.cols() + j] = s;
            }
        }
        return Matrix.fromRowMajor(a.rows(), b.cols(), out);
    }

    @Test
    void matmulEqualsTheDefinitionBitForBit() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(operands())
                .checkAssert(o -> assertBitwise(naiveProduct(o.a(), o.b()), o.a().matmul(o.b())));
    }

    /**
     * {@code (AB)^T = B^T A^T} exactly: entry (i, j) of both sides is {@code sum_k a_jk b_ki} summed over k in
     * the same ascending order, and IEEE multiplication is commutative. No tolerance.
     */
    @Test
    void transposeOfAProductIsTheReversedProductOfTransposes() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(operands()).checkAssert(o ->
                assertBitwise(o.a().matmul(o.b()).transpose(), o.b().transpose().matmul(o.a().transpose())));
    }

    /**
     * The transposed variants equal the plain product on explicitly transposed operands, bit for bit:
     * EJML's kernels all sum over k in ascending order, and Matrix turns the one possible difference
     * (the sign of an exact zero) into {@code +0.0}.
     */
    @Test
    void transposedVariantsEqualMatmulOnExplicitTransposes() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(operands()).checkAssert(o -> {
            Matrix at = o.a().transpose(); // k x m
            Matrix bt = o.b().transpose(); // n x k
            assertBitwise(o.a().matmul(o.b()), at.transposeTimes(o.b()));
            assertBitwise(o.a().matmul(o.b()), o.a().timesTranspose(bt));
            assertBitwise(at.transpose().matmul(o.b()), at.transposeTimes(o.b()));
        });
    }

    /**
     * {@code A(B + C) = AB + AC} up to rounding, entry by entry within
     * {@link Tolerances#distributivityBound(int, double)}: {@code 2 gamma(k + 1)} times
     * {@code sum_l |a_il| (|b_lj| + |c_lj|)}.
     */
    @Test
    void matmulDistributesOverAddition() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(operands()).checkAssert(o -> {
            Matrix lhs = o.a().matmul(o.b().plus(o.c()));
            Matrix rhs = o.a().matmul(o.b()).plus(o.a().matmul(o.c()));
            Matrix magnitude = o.a().abs().matmul(o.b().abs().plus(o.c().abs()));
            int k = o.a().cols();
            for (int i = 0; i < lhs.rows(); i++) {
                for (int j = 0; j < lhs.cols(); j++) {
                    double diff = Math.abs(lhs.get(i, j) - rhs.get(i, j));
                    double bound = Tolerances.distributivityBound(k, magnitude.get(i, j));
                    if (!(diff <= bound)) {
                        fail("A(B + C) and AB + AC differ by " + diff + " > " + bound + " at (" + i + ", " + j
                                + ")\nA = " + o.a() + "\nB = " + o.b() + "\nC = " + o.c());
                    }
                }
            }
        });
    }

    /** {@code ||A + B||_p <= ||A||_p + ||B||_p} for p in {1, 1.5, 2, 3, infinity}, up to rounding. */
    @Test
    void normsSatisfyTheTriangleInequality() {
        Gen<Matrix[]> pairs = integers().between(0, 8).zip(integers().between(0, 8), (r, c) -> new int[] {r, c})
                .flatMap(s -> MatrixGenerators.matrices(s[0], s[1]).zip(MatrixGenerators.matrices(s[0], s[1]),
                        (a, b) -> new Matrix[] {a, b}));
        Gen<Double> orders = arbitrary().pick(1.0, 1.5, 2.0, 3.0, Double.POSITIVE_INFINITY);
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(pairs, orders).checkAssert((ab, p) -> {
            Matrix a = ab[0];
            Matrix b = ab[1];
            double lhs = a.plus(b).normP(p);
            double rhs = a.normP(p) + b.normP(p);
            double slack = Tolerances.triangleSlack(a.size());
            assertTrue(lhs <= rhs * (1 + slack),
                    () -> "p = " + p + ": ||A + B|| = " + lhs + " > ||A|| + ||B|| = " + rhs + "\nA = " + a + "\nB = " + b);
        });
    }

    /**
     * Scaling by a power of two is exact, so {@code ||2^e A||_p = 2^e ||A||_p} bit for bit for p = 1, 2 and
     * infinity (sums, squares and the correctly rounded square root all commute with exact scaling).
     */
    @Test
    void normsAreHomogeneousUnderPowerOfTwoScaling() {
        Gen<Matrix> matrices = integers().between(0, 6).zip(integers().between(0, 6), (r, c) -> new int[] {r, c})
                .flatMap(s -> MatrixGenerators.matrices(s[0], s[1]));
        Gen<Double> scales = arbitrary().pick(0.25, 2.0, -8.0, 1024.0);
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(matrices, scales).checkAssert((a, s) -> {
            for (double p : new double[] {1, 2, Double.POSITIVE_INFINITY}) {
                double expected = Math.abs(s) * a.normP(p);
                double actual = a.times(s).normP(p);
                assertTrue(expected == actual, () -> "p = " + p + ", scale " + s + ": " + actual + " != " + expected);
            }
        });
    }
}
