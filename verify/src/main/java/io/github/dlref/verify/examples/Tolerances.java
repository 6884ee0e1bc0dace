package io.github.dlref.verify.examples;

/**
 * The tolerances of the worked-example catalog, in one place, each with its reason. Anything that is
 * not listed here is compared exactly or in ulps with a reason at the example.
 */
public final class Tolerances {

    private Tolerances() {
    }

    /**
     * Closed form against engine, where both evaluate the same real number along different rounding
     * paths (for example {@code h2 (y_hat2 - y2)} against the chain rule through exp, sum, division and
     * log): relative {@code 1e-12} plus absolute {@code 1e-15}. The measured differences are a few ulps
     * (below {@code 1e-15} relative); the bound leaves room for error amplification by cancellation
     * ({@code y_hat - y}) without letting any real mistake (at least {@code 1e-3} here) through.
     */
    public static final Comparison ROUNDING = new Comparison.Tolerance(1e-15, 1e-12,
            "same real number along different rounding paths");

    /**
     * A central difference with {@code h = 1e-5} against an exact derivative: truncation error about
     * {@code h^2 |f'''| / 6 = 1.7e-11 |f'''|} plus rounding about {@code eps |f| / h = 2.2e-11 |f|}; the
     * functions here have {@code |f|, |f'''|} of order 1 to 10, so the error is below {@code 1e-9}; the
     * bound is {@code 1e-8} absolute plus {@code 1e-8} relative.
     */
    public static final Comparison CENTRAL_DIFFERENCE = new Comparison.Tolerance(1e-8, 1e-8,
            "central difference h = 1e-5: O(h^2) truncation + eps/h rounding, about 1e-10 here");

    /**
     * A forward difference with {@code h = 1e-5} against an exact derivative: truncation error
     * {@code h |f''| / 2}, about {@code 5e-6 |f''|}; with {@code |f''|} of order 1 here the bound is
     * {@code 1e-4}.
     */
    public static final Comparison FORWARD_DIFFERENCE = new Comparison.Tolerance(1e-4, 0.0,
            "forward difference h = 1e-5: O(h) truncation h |f''| / 2");

    /** A value published rounded to 2 decimals: half a unit in the last printed place, {@code 0.005}. */
    public static final Comparison PUBLISHED_2_DECIMALS = new Comparison.Tolerance(0.005, 0.0,
            "published value is rounded to 2 decimals");

    /** A value published rounded to 4 decimals: half a unit in the last printed place, {@code 5e-5}. */
    public static final Comparison PUBLISHED_4_DECIMALS = new Comparison.Tolerance(5e-5, 0.0,
            "published value is rounded to 4 decimals");

    /**
     * An independent implementation (PyTorch float64) against the engine: at most 4 ulps, because the two
     * evaluate the same expression with the same operations but may use different {@code pow} and
     * reciprocal routines.
     */
    public static final Comparison INDEPENDENT_FLOAT64 = new Comparison.Ulps(4,
            "independent float64 implementation, same operations, possibly different pow/reciprocal rounding");

    /** Equality as doubles. */
    public static final Comparison EXACT = new Comparison.Exact();
}
