package io.github.dlref.math;

import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.quicktheories.core.Gen;

/**
 * QuickTheories generators for matrices. Entries lie in {@code [-1, 1]}: mostly uniform doubles, with
 * one in five drawn from the special values {@code 0.0, -0.0, 1.0, -1.0, 0.5} so that exact zeros and
 * signed zeros, where product kernels could differ, come up often. Magnitudes below {@code 2^-300} are
 * replaced by {@code 0.0} (keeping the sign), so that no product or square of two entries underflows:
 * the rounding-error bounds in {@link Tolerances} and the exact-scaling property assume no underflow.
 */
final class MatrixGenerators {

    private MatrixGenerators() {
    }

    /** An entry in {@code [-1, 1]}, with special values mixed in (20 percent). */
    static Gen<Double> entries() {
        return doubles().between(-1, 1).map(x -> Math.abs(x) < 0x1.0p-300 ? Math.copySign(0.0, x) : x)
                .mix(arbitrary().pick(0.0, -0.0, 1.0, -1.0, 0.5), 20);
    }

    /** A {@code rows x cols} matrix of {@link #entries()}. */
    static Gen<Matrix> matrices(int rows, int cols) {
        return lists().of(entries()).ofSize(rows * cols).map(MatrixGenerators::fromList)
                .map(values -> Matrix.fromRowMajor(rows, cols, values));
    }

    private static double[] fromList(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
