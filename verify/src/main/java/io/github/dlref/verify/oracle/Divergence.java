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
