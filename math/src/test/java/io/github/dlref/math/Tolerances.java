package io.github.dlref.math;

/**
 * Every tolerance the math tests use, in one place, each with the reason for its size.
 *
 * <p>Most math tests compare <b>bit for bit</b> ({@link Matrix#equals(Object)}) and need no tolerance:
 * construction, access, elementwise arithmetic on exactly representable values, sums in the documented
 * order, the three matrix products against one another and against a plain triple loop (all sum over
 * {@code k} in ascending order from {@code +0.0}), {@code (AB)^T = B^T A^T} (the same products in the
 * same order, with multiplication commutative in IEEE arithmetic), and every {@link Rng} draw against
 * {@code java.util.Random}. A tolerance appears only where rounding really makes two computations differ,
 * and it is sized from a rounding-error bound, not from observed output, so a real bug (an error of the
 * size of the data) still fails by many orders of magnitude.
 *
 * <p>Notation: {@code u = 2^-53} is the unit roundoff of IEEE double, and
 * {@code gamma(n) = n u / (1 - n u)} bounds the relative error of {@code n} successive roundings
 * (Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, 2nd ed., section 3.1).
 */
final class Tolerances {

    /** The unit roundoff {@code u = 2^-53} of IEEE 754 binary64 (half the machine epsilon). */
    static final double UNIT_ROUNDOFF = 0x1.0p-53;

    /**
     * Absolute per-entry tolerance for QR results: {@code Q R - A}, {@code Q^T Q - I} and hand-derived
     * factors, for matrices of at most 8 rows and columns whose columns have 2-norm at most 10.
     *
     * <p>Why 1e-13: Householder QR is backward stable; the computed factors satisfy
     * {@code A + dA = Q R} with {@code ||da_j|| <= c m n u ||a_j||} for a small constant {@code c} and
     * columns {@code a_j} (Higham, Theorem 19.4), and Q is orthonormal to the same order. For
     * {@code m = n = 8}, {@code c = 3} and {@code ||a_j|| <= 10} that is
     * {@code 3 * 64 * 1.1e-16 * 10 = 2.1e-14}; 1e-13 leaves a factor of about five above it, and is still
     * thirteen orders of magnitude below the error of a wrong factor (entries of order 1).
     */
    static final double QR_ABS = 1e-13;

    /**
     * Relative tolerance for general-{@code p} norms computed by hand from exact values (for example
     * {@code ||(3, 4, 5)||_3 = 216^(1/3) = 6}).
     *
     * <p>Why {@code 16 u} (about 1.8e-15): {@link StrictMath#pow(double, double)} (fdlibm) errs by less than
     * one ulp per call, the sum of at most 16 powers of small integers is exact, and the exponent
     * {@code 1/p} is itself rounded, which perturbs {@code s^(1/p)} by a relative {@code |ln s| u} (at most
     * {@code 6 u} for {@code s <= 300}). Two pow calls plus that gives under {@code 10 u}; 16 u rounds up.
     */
    static final double NORM_P_REL = 16 * UNIT_ROUNDOFF;

    /** A result may differ from the correctly rounded value by this many ulps: one (fdlibm's bound). */
    static final int TRANSCENDENTAL_ULPS = 1;

    /**
     * {@link Erf#erfc(double)} may differ from the correctly rounded value by this many ulps: two. Above
     * {@code |x| = 1.25} it is a product of two fdlibm exponentials (each within one ulp) and a quotient, so
     * its error bound is a little over one ulp of the exact value, which is up to two ulps from the correctly
     * rounded double; measured against mpmath, 12 of about 3000 points are 2 ulps off, none more. A wrong
     * coefficient or interval is off by many orders of magnitude more.
     */
    static final int ERFC_ULPS = 2;

    private Tolerances() {
    }

    /**
     * {@code gamma(n) = n u / (1 - n u)}: the relative error bound of a length-{@code n} chain of roundings.
     *
     * @param n the number of roundings, {@code n u < 1}
     * @return the bound
     */
    static double gamma(int n) {
        double nu = n * UNIT_ROUNDOFF;
        return nu / (1 - nu);
    }

    /**
     * The per-entry bound for {@code |A(B + C) - (AB + AC)|} at entry {@code (i, j)}.
     *
     * <p>Why: with inner dimension {@code k}, a computed dot product of {@code k} terms has relative error
     * at most {@code gamma(k)} of {@code sum |a_il| |x_lj|} (Higham, equation 3.5). The left side rounds
     * {@code b + c} once more before its dot product, the right side rounds the final sum once more, so
     * each side is within {@code gamma(k + 1) sum_l |a_il| (|b_lj| + |c_lj|)} of the exact value and the
     * two sides within twice that. The magnitude {@code absSum} is itself computed in floating point; the
     * extra factor {@code 1 + gamma(k + 1)} covers its own rounding.
     *
     * @param k the inner dimension
     * @param absSum {@code sum_l |a_il| (|b_lj| + |c_lj|)}, as computed
     * @return the tolerance for that entry
     */
    static double distributivityBound(int k, double absSum) {
        return 2 * gamma(k + 1) * absSum * (1 + gamma(k + 1));
    }

    /**
     * The relative slack allowed in the computed triangle inequality
     * {@code ||A + B||_p <= (||A||_p + ||B||_p)(1 + slack)} for matrices with {@code entries} entries.
     *
     * <p>Why: the exact norms satisfy the inequality; the computed ones may not by a few roundings. Forming
     * {@code A + B} rounds each entry once (relative {@code u}); each norm sums {@code entries} terms
     * ({@code gamma(entries)}), each term from a power with less than one ulp of error, and a final root
     * ({@code sqrt} or {@code pow}, less than one ulp, plus {@code |ln s| u} from rounding {@code 1/p}).
     * Three norms, each within {@code gamma(entries + 8)} for the sizes used (entries at most 64, sums at
     * most 128), give at most {@code 3 gamma(entries + 8)}; the slack is {@code 4 gamma(entries + 8)}, which
     * for 64 entries is about 3.2e-14 relative.
     *
     * @param entries the number of entries of each matrix
     * @return the relative slack
     */
    static double triangleSlack(int entries) {
        return 4 * gamma(entries + 8);
    }
}
