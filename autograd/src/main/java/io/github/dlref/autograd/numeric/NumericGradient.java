package io.github.dlref.autograd.numeric;

/**
 * Finite-difference gradients of scalar functions {@code f: R^n -> R}, by perturbing one coordinate at a
 * time (cs231n-opt-bp, "numerical gradient"; bp-optimizers, "extension").
 *
 * <ul>
 *   <li>{@link #forward(ScalarFunction, double[], double)}: {@code (f(x + h e_i) - f(x)) / h}, error
 *       {@code O(h)}, {@code n + 1} evaluations ({@code f(x)} once, then one per coordinate).</li>
 *   <li>{@link #central(ScalarFunction, double[], double)}: {@code (f(x + h e_i) - f(x - h e_i)) / (2h)},
 *       error {@code O(h^2)}, {@code 2n} evaluations.</li>
 * </ul>
 * The default step is {@link #DEFAULT_STEP} {@code = 1e-5}, the value cs231n-opt-bp recommends. The
 * perturbed coordinate is {@code x_i + h} (and {@code x_i - h}) as computed in double, and the quotient
 * divides by the nominal {@code h} (respectively {@code 2h}), as the documents write it. Evaluation order:
 * coordinates in increasing {@code i}; for the central scheme {@code f(x + h e_i)} before
 * {@code f(x - h e_i)}.
 *
 * <p>The gradient-check policy of the matrix engine (which step, which tolerances) is separate; these
 * helpers only compute difference quotients.
 */
public final class NumericGradient {

    /** The default step {@code h = 1e-5} (cs231n-opt-bp). */
    public static final double DEFAULT_STEP = 1e-5;

    private NumericGradient() {
    }

    /**
     * Forward differences with {@link #DEFAULT_STEP}.
     *
     * @param f the function
     * @param x the point; not modified
     * @return the estimate, with {@code n + 1} evaluations
     * @throws IllegalArgumentException see {@link #forward(ScalarFunction, double[], double)}
     */
    public static GradientEstimate forward(ScalarFunction f, double[] x) {
        return forward(f, x, DEFAULT_STEP);
    }

    /**
     * Forward differences {@code df/dx_i ~ (f(x + h e_i) - f(x)) / h}.
     *
     * @param f the function
     * @param x the point, length {@code n >= 1}, finite entries; not modified
     * @param h the step; finite and {@code > 0}
     * @return the estimate, with {@code n + 1} evaluations
     * @throws IllegalArgumentException if {@code f} or {@code x} is null, {@code x} is empty or not
     *     finite, {@code h} is out of range, or {@code f} returns a non-finite value (the message names
     *     the evaluation point)
     */
    public static GradientEstimate forward(ScalarFunction f, double[] x, double h) {
        double[] point = checkArguments("forward", f, x, h);
        double base = evaluate("forward", f, point);
        double[] gradient = new double[point.length];
        for (int i = 0; i < point.length; i++) {
            double xi = point[i];
            point[i] = xi + h;
            double plus = evaluate("forward", f, point);
            point[i] = xi;
            gradient[i] = (plus - base) / h;
        }
        return new GradientEstimate(gradient, point.length + 1, h, DifferenceScheme.FORWARD);
    }

    /**
     * Central differences with {@link #DEFAULT_STEP}.
     *
     * @param f the function
     * @param x the point; not modified
     * @return the estimate, with {@code 2n} evaluations
     * @throws IllegalArgumentException see {@link #central(ScalarFunction, double[], double)}
     */
    public static GradientEstimate central(ScalarFunction f, double[] x) {
        return central(f, x, DEFAULT_STEP);
    }

    /**
     * Central (symmetric) differences {@code df/dx_i ~ (f(x + h e_i) - f(x - h e_i)) / (2h)}.
     *
     * @param f the function
     * @param x the point, length {@code n >= 1}, finite entries; not modified
     * @param h the step; finite and {@code > 0}
     * @return the estimate, with {@code 2n} evaluations
     * @throws IllegalArgumentException if {@code f} or {@code x} is null, {@code x} is empty or not
     *     finite, {@code h} is out of range, or {@code f} returns a non-finite value (the message names
     *     the evaluation point)
     */
    public static GradientEstimate central(ScalarFunction f, double[] x, double h) {
        double[] point = checkArguments("central", f, x, h);
        double[] gradient = new double[point.length];
        for (int i = 0; i < point.length; i++) {
            double xi = point[i];
            point[i] = xi + h;
            double plus = evaluate("central", f, point);
            point[i] = xi - h;
            double minus = evaluate("central", f, point);
            point[i] = xi;
            gradient[i] = (plus - minus) / (2 * h);
        }
        return new GradientEstimate(gradient, 2 * point.length, h, DifferenceScheme.CENTRAL);
    }

    private static double[] checkArguments(String scheme, ScalarFunction f, double[] x, double h) {
        if (f == null || x == null) {
            throw new IllegalArgumentException(scheme + ": function and point must not be null");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException(scheme + ": the point must have at least one coordinate, got 0");
        }
        if (!(h > 0) || !Double.isFinite(h)) {
            throw new IllegalArgumentException(scheme + ": step h must be finite and > 0, got " + h);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(scheme + ": coordinate x[" + i + "] must be finite, got " + x[i]);
            }
        }
        return x.clone();
    }

    private static double evaluate(String scheme, ScalarFunction f, double[] point) {
        double[] argument = point.clone();
        double value = f.apply(argument);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(scheme + ": f returned " + value + " at x = "
                    + java.util.Arrays.toString(point));
        }
        return value;
    }
}
