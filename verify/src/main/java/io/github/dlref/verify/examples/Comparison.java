package io.github.dlref.verify.examples;

/**
 * How a worked example's computed value is compared with its expected value. Every non-exact comparison
 * carries the reason for its tolerance. NaN never passes any comparison.
 */
public sealed interface Comparison permits Comparison.Exact, Comparison.Tolerance, Comparison.Ulps {

    /**
     * Whether {@code computed} is acceptable for {@code expected}.
     *
     * @param expected the expected value
     * @param computed the computed value
     * @return {@code true} if the comparison passes
     */
    boolean accepts(double expected, double computed);

    /**
     * A one-line description, such as {@code exact} or {@code |diff| <= 1e-8 + 1e-8 |expected| (central
     * difference ...)}.
     *
     * @return the description, including the reason for a tolerance
     */
    String describe();

    /**
     * Equality as IEEE doubles ({@code expected == computed}; {@code 0.0 == -0.0}): used where the
     * expected value is computed by the same arithmetic in the same order, or is exactly representable and
     * every operation on the way is exact (small integers, dyadic fractions).
     */
    record Exact() implements Comparison {

        /**
         * Passes when the two doubles are equal.
         *
         * @param expected the expected value
         * @param computed the computed value
         * @return {@code expected == computed}
         */
        @Override
        public boolean accepts(double expected, double computed) {
            return expected == computed;
        }

        /**
         * Describes the comparison.
         *
         * @return {@code "exact"}
         */
        @Override
        public String describe() {
            return "exact";
        }
    }

    /**
     * Passes when {@code |computed - expected| <= absolute + relative * |expected|} (the form of
     * {@code numpy.allclose} and PyTorch's {@code gradcheck}) for finite values; an infinity is accepted
     * only for the same infinity (without this rule the bound {@code relative * |expected|} would itself be
     * infinite).
     *
     * @param absolute the absolute tolerance, finite and {@code >= 0}
     * @param relative the relative tolerance, finite and {@code >= 0}
     * @param reason why this tolerance is right for the example: non-blank
     */
    record Tolerance(double absolute, double relative, String reason) implements Comparison {

        /**
         * Validates the tolerance.
         *
         * @param absolute the absolute tolerance
         * @param relative the relative tolerance
         * @param reason the reason
         * @throws IllegalArgumentException if a tolerance is negative or not finite, both are 0, or the
         *     reason is blank
         */
        public Tolerance {
            if (!(absolute >= 0) || !Double.isFinite(absolute) || !(relative >= 0) || !Double.isFinite(relative)) {
                throw new IllegalArgumentException("Tolerance: absolute and relative must be finite and >= 0, got "
                        + absolute + " and " + relative);
            }
            if (absolute == 0 && relative == 0) {
                throw new IllegalArgumentException("Tolerance: absolute and relative are both 0; use Exact");
            }
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("Tolerance: a reason is required");
            }
        }

        /**
         * Passes within the tolerance.
         *
         * @param expected the expected value
         * @param computed the computed value
         * @return whether {@code |computed - expected| <= absolute + relative * |expected|}
         */
        @Override
        public boolean accepts(double expected, double computed) {
            if (!Double.isFinite(expected) || !Double.isFinite(computed)) {
                return expected == computed; // an infinity matches only itself; NaN matches nothing
            }
            return Math.abs(computed - expected) <= absolute + relative * Math.abs(expected);
        }

        /**
         * Describes the comparison with its reason.
         *
         * @return the description
         */
        @Override
        public String describe() {
            return "|diff| <= " + absolute + " + " + relative + " |expected| (" + reason + ")";
        }
    }

    /**
     * Passes when the two doubles are at most {@code maxUlps} representable doubles apart (counted on the
     * ordered integer representation, so the distance across zero is counted too); an infinity is accepted
     * only for the same infinity.
     *
     * @param maxUlps the largest accepted distance in units in the last place, {@code >= 1}
     * @param reason why the distance is expected: non-blank
     */
    record Ulps(long maxUlps, String reason) implements Comparison {

        /**
         * Validates the fields.
         *
         * @param maxUlps the distance
         * @param reason the reason
         * @throws IllegalArgumentException if {@code maxUlps < 1} or the reason is blank
         */
        public Ulps {
            if (maxUlps < 1) {
                throw new IllegalArgumentException("Ulps: maxUlps must be >= 1 (use Exact for 0), got " + maxUlps);
            }
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("Ulps: a reason is required");
            }
        }

        /**
         * Passes within {@code maxUlps}.
         *
         * @param expected the expected value
         * @param computed the computed value
         * @return whether the distance is at most {@code maxUlps}
         */
        @Override
        public boolean accepts(double expected, double computed) {
            if (!Double.isFinite(expected) || !Double.isFinite(computed)) {
                return expected == computed; // an infinity matches only itself; NaN matches nothing
            }
            return distance(expected, computed) <= maxUlps;
        }

        /**
         * The number of representable doubles between two non-NaN values.
         *
         * @param a one value
         * @param b the other value
         * @return the distance in ulps ({@code Long.MAX_VALUE} if it does not fit)
         */
        public static long distance(double a, double b) {
            long ia = ordered(a);
            long ib = ordered(b);
            long d = ia - ib;
            if ((ia ^ ib) < 0 && (ia ^ d) < 0) {
                return Long.MAX_VALUE; // overflow of the subtraction
            }
            return Math.abs(d);
        }

        private static long ordered(double x) {
            long bits = Double.doubleToLongBits(x);
            return bits < 0 ? Long.MIN_VALUE - bits : bits;
        }

        /**
         * Describes the comparison with its reason.
         *
         * @return the description
         */
        @Override
        public String describe() {
            return "within " + maxUlps + " ulp (" + reason + ")";
        }
    }
}
