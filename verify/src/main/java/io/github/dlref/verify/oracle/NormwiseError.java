package io.github.dlref.verify.oracle;

import java.util.Objects;

/**
 * The normwise relative error of one compared quantity, at its worst step: for a matrix (a parameter, its
 * gradient, a buffer, an optimizer-state buffer) {@code ||theirs - ours||_2 / ||ours||_2} over all its elements
 * (the Frobenius norm), for a scalar ({@code loss}, {@code lr}, {@code data_loss}) {@code |theirs - ours| / |ours|}.
 * 0 when both are 0 everywhere, infinite when ours is 0 and theirs is not, or when a value is not finite on one
 * side only. Unlike the elementwise relative error it is not misled by single entries near zero: a gradient
 * whose entries are {@code 1.3} and {@code 2.8e-17} (rounding noise around a true 0) has a normwise error of
 * about {@code 1e-16} when the other implementation writes {@code 0.0} for the second entry. It is the measure
 * of {@code numpy.testing} and LAPACK's error bounds.
 *
 * @param quantity {@code loss}, {@code lr}, {@code data_loss}, {@code gradients}, {@code parameters},
 *     {@code buffers} or {@code optimizer_state}
 * @param name the parameter or buffer name, or empty for a scalar quantity
 * @param error the largest normwise relative error over the steps
 * @param step the step where it occurs (the first such step; 0 for the initial snapshot)
 */
public record NormwiseError(String quantity, String name, double error, int step) {

    /**
     * Validates.
     *
     * @param quantity the quantity
     * @param name the name
     * @param error the error
     * @param step the step
     */
    public NormwiseError {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(name, "name");
    }

    /**
     * What was compared, such as {@code gradients 0.weight} or {@code loss}.
     *
     * @return the label
     */
    public String label() {
        return name.isEmpty() ? quantity : quantity + " " + name;
    }

    /**
     * The normwise relative error of one step's values.
     *
     * @param ours dlref's values
     * @param theirs the other implementation's values, of the same length
     * @return {@code ||theirs - ours|| / ||ours||} as described in the class comment
     */
    public static double of(double[] ours, double[] theirs) {
        double scale = 0.0;
        double diffScale = 0.0;
        for (int i = 0; i < ours.length; i++) {
            double o = ours[i];
            double t = theirs[i];
            if (Tolerance.identical(o, t)) {
                if (Double.isFinite(o)) {
                    scale = Math.max(scale, Math.abs(o));
                }
                continue;
            }
            if (!Double.isFinite(o) || !Double.isFinite(t)) {
                return Double.POSITIVE_INFINITY;
            }
            scale = Math.max(scale, Math.abs(o));
            diffScale = Math.max(diffScale, Math.abs(t - o));
        }
        if (diffScale == 0.0) {
            return 0.0;
        }
        if (scale == 0.0) {
            return Double.POSITIVE_INFINITY;
        }
        // scaled sums of squares: no overflow or underflow for any finite input
        double sum = 0.0;
        double diff = 0.0;
        for (int i = 0; i < ours.length; i++) {
            if (Double.isFinite(ours[i])) {
                double o = ours[i] / scale;
                sum += o * o;
                if (!Tolerance.identical(ours[i], theirs[i])) {
                    double d = (theirs[i] - ours[i]) / diffScale;
                    diff += d * d;
                }
            }
        }
        return (diffScale * Math.sqrt(diff)) / (scale * Math.sqrt(sum));
    }
}
