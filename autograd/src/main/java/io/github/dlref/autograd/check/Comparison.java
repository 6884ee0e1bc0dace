package io.github.dlref.autograd.check;

/**
 * One analytic-versus-numeric comparison made by {@link GradCheck}: either one entry of the Jacobian
 * ({@link JacobianEntry}) or, in fast mode, one random projection of it ({@link Projection}).
 */
public sealed interface Comparison permits Comparison.JacobianEntry, Comparison.Projection {

    /**
     * The value computed by back-propagation.
     *
     * @return the analytic value
     */
    double analytic();

    /**
     * The central-difference estimate.
     *
     * @return the numeric value
     */
    double numeric();

    /**
     * The absolute error {@code |a - n|}.
     *
     * @return the absolute error (NaN if either value is NaN)
     */
    default double absoluteError() {
        return Math.abs(analytic() - numeric());
    }

    /**
     * CS231n's relative error {@code |a - n| / max(|a|, |n|)}, defined as 0 when both are 0 (about 1e-7 or
     * less is good for smooth functions, per the cs231n-opt-bp course notes).
     *
     * @return the relative error, in {@code [0, 2]} (NaN if either value is NaN)
     */
    default double relativeError() {
        double scale = Math.max(Math.abs(analytic()), Math.abs(numeric()));
        return scale == 0.0 ? 0.0 : absoluteError() / scale;
    }

    /**
     * How far this comparison is from failing, as {@code |a - n| / (atol + rtol |n|)}: at most 1 passes.
     * Infinite when the error is non-zero and the allowance is zero, or when a value is NaN.
     *
     * @param settings the tolerances
     * @return the ratio of the error to the allowed error
     */
    default double toleranceRatio(GradCheckSettings settings) {
        double error = absoluteError();
        if (Double.isNaN(error)) {
            return Double.POSITIVE_INFINITY;
        }
        if (error == 0.0) {
            return 0.0;
        }
        return error / (settings.atol() + settings.rtol() * Math.abs(numeric()));
    }

    /**
     * What was compared, for messages.
     *
     * @return a description of the position
     */
    String position();

    /**
     * An entry of the Jacobian: the derivative of output element {@code (outputRow, outputCol)} with
     * respect to input element {@code (inputRow, inputCol)}.
     *
     * @param inputRow the input element's row
     * @param inputCol the input element's column
     * @param outputRow the output element's row
     * @param outputCol the output element's column
     * @param analytic the back-propagated derivative
     * @param numeric the central-difference derivative
     */
    record JacobianEntry(int inputRow, int inputCol, int outputRow, int outputCol, double analytic, double numeric)
            implements Comparison {

        @Override
        public String position() {
            return "d output(" + outputRow + ", " + outputCol + ") / d input(" + inputRow + ", " + inputCol + ")";
        }
    }

    /**
     * A random projection {@code u^T J v} of the Jacobian (fast mode), with unit-norm Gaussian vectors
     * {@code u} (output-shaped) and {@code v} (input-shaped).
     *
     * @param analytic {@code <v, vjp(u)>} from back-propagation
     * @param numeric {@code <u, (f(x + h v) - f(x - h v)) / (2 h)>}
     */
    record Projection(double analytic, double numeric) implements Comparison {

        @Override
        public String position() {
            return "projection u^T J v";
        }
    }
}
