package io.github.dlref.verify.oracle;

/**
 * One compared number: where it is in the trajectory and both values.
 *
 * @param step the step (0 for the initial snapshot)
 * @param quantity {@code samples} (the batch's sample indices, element {@code col}), {@code lr}, {@code loss},
 *     {@code data_loss}, {@code gradients}, {@code parameters}, {@code buffers} or {@code optimizer_state}
 * @param name the parameter or buffer name ({@code <parameter>.<state buffer>} for optimizer state, such as
 *     {@code 0.weight.exp_avg}), or empty for a scalar quantity
 * @param row the element's row (0 for a scalar)
 * @param col the element's column (0 for a scalar)
 * @param ours dlref's value
 * @param theirs the other implementation's value
 */
public record Divergence(int step, String quantity, String name, int row, int col, double ours, double theirs) {

    /**
     * The absolute error {@code |theirs - ours|} (infinite when exactly one side is not finite or they are
     * different non-finite values).
     *
     * @return the absolute error
     */
    public double absoluteError() {
        if (Tolerance.identical(ours, theirs)) {
            return 0.0;
        }
        double d = Math.abs(theirs - ours);
        return Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
    }

    /**
     * The relative error {@code |theirs - ours| / max(|ours|, |theirs|)} (CS231n's form, symmetric; 0 when both
     * are 0; infinite for non-finite disagreement).
     *
     * @return the relative error
     */
    public double relativeError() {
        double a = absoluteError();
        if (a == 0.0) {
            return 0.0;
        }
        double scale = Math.max(Math.abs(ours), Math.abs(theirs));
        return Double.isFinite(a) && Double.isFinite(scale) ? a / scale : Double.POSITIVE_INFINITY;
    }

    /**
     * The distance in units in the last place: how many representable doubles lie between {@code ours} and
     * {@code theirs}, counting one of them (0 when identical, 1 for neighbours; {@code +0.0} and {@code -0.0} are
     * the same). It is the natural measure of rounding differences between two implementations of the same
     * arithmetic, but only away from zero: near zero the doubles are dense, so {@code 2.8e-17} against
     * {@code 0.0} is billions of billions of ulps apart although both are rounding noise. {@link Long#MAX_VALUE}
     * for a non-finite disagreement or when the distance does not fit a long.
     *
     * @return the ulp distance
     */
    public long ulpDistance() {
        if (Tolerance.identical(ours, theirs)) {
            return 0L;
        }
        if (!Double.isFinite(ours) || !Double.isFinite(theirs)) {
            return Long.MAX_VALUE;
        }
        long a = ordered(ours);
        long b = ordered(theirs);
        long d = a - b;
        // a and b are both in [-2^63 + 2^52 ..., 2^63 - ...] for finite values, so overflow means opposite signs
        if (((a ^ b) & (a ^ d)) < 0) {
            return Long.MAX_VALUE;
        }
        return Math.abs(d);
    }

    /** Maps a finite double to a long so that consecutive doubles map to consecutive longs (-0.0 to 0). */
    static long ordered(double x) {
        long bits = Double.doubleToRawLongBits(x);
        return bits < 0 ? Long.MIN_VALUE - bits : bits;
    }

    /**
     * The error measured against a tolerance: {@code |theirs - ours| / (absolute + relative |ours|)}, so that the
     * value passes exactly when the ratio is at most 1 ({@link Tolerance#accepts}). 0 when identical; infinite
     * for a non-finite disagreement or any difference under a zero tolerance.
     *
     * @param tolerance the tolerance
     * @return the ratio
     */
    public double errorRatio(Tolerance tolerance) {
        double a = absoluteError();
        if (a == 0.0) {
            return 0.0;
        }
        double allowed = tolerance.absolute() + tolerance.relative() * Math.abs(ours);
        if (!Double.isFinite(a) || allowed == 0.0) {
            return Double.POSITIVE_INFINITY;
        }
        return a / allowed;
    }

    /**
     * Where the value is, such as {@code step 7, parameters 0.weight[2][1]} or {@code step 3, loss}.
     *
     * @return the location
     */
    public String location() {
        String where = step == 0 ? "initial" : "step " + step;
        if (name.isEmpty()) {
            return where + ", " + quantity;
        }
        return where + ", " + quantity + " " + name + "[" + row + "][" + col + "]";
    }

    /**
     * A one-line description with both values (in round-trip decimal) and both errors.
     *
     * @return the description
     */
    public String describe() {
        return location() + ": ours " + ours + ", theirs " + theirs + " (abs error " + absoluteError()
                + ", rel error " + relativeError() + ")";
    }
}
