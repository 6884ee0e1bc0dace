package io.github.dlref.autograd.numeric;

import java.util.Arrays;

/**
 * A numeric gradient of {@code f: R^n -> R} together with how it was obtained.
 *
 * @param gradient the estimated partial derivatives {@code df/dx_i}, length {@code n}; the record keeps
 *     its own copy and {@link #gradient()} returns a copy
 * @param evaluations how many times {@code f} was evaluated: {@code n + 1} for
 *     {@link DifferenceScheme#FORWARD}, {@code 2n} for {@link DifferenceScheme#CENTRAL}
 * @param step the step {@code h}
 * @param scheme the difference formula
 */
public record GradientEstimate(double[] gradient, int evaluations, double step, DifferenceScheme scheme) {

    /**
     * Validates and copies the gradient.
     *
     * @param gradient the partial derivatives; not null
     * @param evaluations the number of evaluations; {@code >= 0}
     * @param step the step; finite and {@code > 0}
     * @param scheme the formula; not null
     * @throws IllegalArgumentException if any argument is out of range
     */
    public GradientEstimate {
        if (gradient == null || scheme == null) {
            throw new IllegalArgumentException("GradientEstimate: gradient and scheme must not be null");
        }
        if (evaluations < 0) {
            throw new IllegalArgumentException("GradientEstimate: evaluations must be >= 0, got " + evaluations);
        }
        if (!(step > 0) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("GradientEstimate: step must be finite and > 0, got " + step);
        }
        gradient = gradient.clone();
    }

    /**
     * The estimated partial derivatives.
     *
     * @return a copy of the gradient array
     */
    @Override
    public double[] gradient() {
        return gradient.clone();
    }

    /**
     * One partial derivative.
     *
     * @param i the coordinate, {@code 0 <= i < n}
     * @return {@code df/dx_i}
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    public double partial(int i) {
        if (i < 0 || i >= gradient.length) {
            throw new IndexOutOfBoundsException("GradientEstimate.partial: index " + i + " out of range [0, "
                    + gradient.length + ")");
        }
        return gradient[i];
    }

    /**
     * Compares all components (by {@link Double#compare(double, double)} semantics via
     * {@link Arrays#equals(double[], double[])}) and the other fields.
     *
     * @param o the other object
     * @return whether equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof GradientEstimate g && Arrays.equals(gradient, g.gradient)
                && evaluations == g.evaluations && Double.compare(step, g.step) == 0 && scheme == g.scheme;
    }

    /**
     * A hash consistent with {@link #equals(Object)}.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return ((Arrays.hashCode(gradient) * 31 + evaluations) * 31 + Double.hashCode(step)) * 31
                + scheme.hashCode();
    }

    /**
     * A readable form with the gradient's components.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "GradientEstimate[gradient=" + Arrays.toString(gradient) + ", evaluations=" + evaluations
                + ", step=" + step + ", scheme=" + scheme + "]";
    }
}
