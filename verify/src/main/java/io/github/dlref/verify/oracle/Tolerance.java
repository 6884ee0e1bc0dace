package io.github.dlref.verify.oracle;

/**
 * When another implementation's number {@code theirs} is accepted for dlref's {@code ours}:
 * {@code |theirs - ours| <= absolute + relative * |ours|} (the form of {@code numpy.allclose}, with dlref's
 * value as the reference). Non-finite values are accepted only when identical (the same infinity, or NaN for
 * NaN). With both tolerances 0 the comparison is exact: every bit must agree (except the sign of zero).
 *
 * @param absolute the absolute tolerance, finite and {@code >= 0}
 * @param relative the relative tolerance, finite and {@code >= 0}
 */
public record Tolerance(double absolute, double relative) {

    /**
     * The default of {@code check} and {@code diagnose}: absolute {@code 1e-12}, relative {@code 1e-9}. Two
     * float64 implementations of the same arithmetic that sum in different orders differ by a few ulps per
     * operation (relative {@code 1e-16} each), which stays far below {@code 1e-9} over short trajectories;
     * a different convention (an epsilon in another place, another reduction, another momentum form) shows
     * up at {@code 1e-8} relative or more within a few steps.
     */
    public static final Tolerance DEFAULT = new Tolerance(1e-12, 1e-9);

    /** Bit-for-bit comparison. */
    public static final Tolerance EXACT = new Tolerance(0.0, 0.0);

    /**
     * Validates.
     *
     * @param absolute the absolute tolerance
     * @param relative the relative tolerance
     * @throws IllegalArgumentException if a tolerance is negative, infinite or NaN
     */
    public Tolerance {
        if (!(absolute >= 0) || Double.isInfinite(absolute)) {
            throw new IllegalArgumentException("Tolerance: absolute must be finite and >= 0, got " + absolute);
        }
        if (!(relative >= 0) || Double.isInfinite(relative)) {
            throw new IllegalArgumentException("Tolerance: relative must be finite and >= 0, got " + relative);
        }
    }

    /**
     * Whether {@code theirs} is accepted for {@code ours}.
     *
     * @param ours dlref's value
     * @param theirs the other value
     * @return the verdict
     */
    public boolean accepts(double ours, double theirs) {
        if (!Double.isFinite(ours) || !Double.isFinite(theirs)) {
            return identical(ours, theirs);
        }
        return Math.abs(theirs - ours) <= absolute + relative * Math.abs(ours);
    }

    /**
     * Whether two values are the same number ({@code ==}, and NaN for NaN).
     *
     * @param a one value
     * @param b the other
     * @return {@code true} if equal as numbers or both NaN
     */
    public static boolean identical(double a, double b) {
        return a == b || (Double.isNaN(a) && Double.isNaN(b));
    }

    @Override
    public String toString() {
        return "|theirs - ours| <= " + absolute + " + " + relative + " |ours|";
    }
}
