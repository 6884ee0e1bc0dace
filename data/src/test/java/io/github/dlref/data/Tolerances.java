package io.github.dlref.data;

/**
 * Every numeric tolerance of the data module's tests, in one place, each with its reason.
 */
public final class Tolerances {

    /** Machine epsilon, {@code 2^-52}. */
    public static final double EPS = Math.ulp(1.0);

    /**
     * Values of magnitude up to about 12 computed here and by numpy / scikit-learn with different but
     * equally valid rounding (numpy's {@code sin}/{@code cos} versus {@link StrictMath}, scikit-learn's
     * {@code x * (1 / range) - min / range} versus {@code (x - min) / range}, pairwise versus sequential
     * sums): a few ulps. Absolute 16 eps (3.6e-15) plus relative 4 eps.
     */
    public static final double REFERENCE_ATOL = 16 * EPS;

    /** The relative part of the reference comparison, 4 eps. */
    public static final double REFERENCE_RTOL = 4 * EPS;

    /**
     * Round trip {@code inverse(transform(x))} of a column-wise affine scaler: three roundings of values
     * bounded by {@code m = max(|x|, |min|, |max|)} (or the mean and standard deviation) give an error of at
     * most about {@code 4 eps m}; the tests allow {@code 8 eps m}.
     */
    public static final double ROUND_TRIP_ULPS = 8;

    /**
     * Mean and variance of standardized training columns, for the small, well-scaled random matrices of
     * the property tests (at most 40 rows, values within 1e3 of each other): the two-pass algorithm's error
     * is a small multiple of {@code N eps}, far below this bound of 1e-12.
     */
    public static final double STANDARDIZED_MOMENTS = 1e-12;

    /**
     * A sum of two squares of coordinates in the unit disc ({@code r cos t}, {@code r sin t} with {@code r <= 1})
     * against its exact bound 1: {@code 1e-15}, about 4.5 eps, above the rounding of the cosine, sine, products
     * and sum (at most about 4 eps).
     */
    public static final double UNIT_DISC_SLACK = 1e-15;

    /** A statistic printed rounded to 2 decimals (the UCI Iris summary table): half a unit in the last place. */
    public static final double PRINTED_TWO_DECIMALS = 0.005;

    /** A statistic printed rounded to 4 decimals (Fisher's 3.0573): half a unit in the last place. */
    public static final double PRINTED_FOUR_DECIMALS = 0.00005;

    private Tolerances() {
    }
}
