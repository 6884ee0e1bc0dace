package io.github.dlref.autograd;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.dlref.math.Matrix;
import java.util.List;
import org.quicktheories.core.Gen;

/**
 * QuickTheories generators for the matrix engine's tests: matrices whose entries are drawn from a domain that
 * keeps a function away from its kinks and singularities (as PyTorch's gradcheck documentation advises).
 */
public final class MatrixGen {

    private MatrixGen() {
    }

    /** Where entries are drawn from. */
    public enum Domain {
        /** Uniform in {@code [-2, 2]}: smooth functions. */
        ANY,
        /** Magnitude uniform in {@code [0.1, 2]}, random sign: away from the kink at 0 (ReLU, abs, division). */
        AWAY_FROM_ZERO,
        /** Uniform in {@code [0.5, 3]}: the domain of log, sqrt and non-integer powers. */
        POSITIVE;

        /**
         * The generator of one entry.
         *
         * @return the generator
         */
        public Gen<Double> entries() {
            return switch (this) {
                case ANY -> doubles().between(-2.0, 2.0);
                case AWAY_FROM_ZERO -> doubles().between(0.1, 2.0).zip(booleans().all(), (m, s) -> s ? m : -m);
                case POSITIVE -> doubles().between(0.5, 3.0);
            };
        }
    }

    /**
     * A {@code rows x cols} matrix with entries from a domain.
     *
     * @param rows the rows
     * @param cols the columns
     * @param domain where entries come from
     * @return the generator
     */
    public static Gen<Matrix> matrices(int rows, int cols, Domain domain) {
        return matrices(rows, cols, domain.entries());
    }

    /**
     * A {@code rows x cols} matrix with entries from a generator, filled row-major.
     *
     * @param rows the rows
     * @param cols the columns
     * @param entries the entry generator
     * @return the generator
     */
    public static Gen<Matrix> matrices(int rows, int cols, Gen<Double> entries) {
        return lists().of(entries).ofSize(rows * cols).map(values -> Matrix.fromRowMajor(rows, cols, toArray(values)));
    }

    private static double[] toArray(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
