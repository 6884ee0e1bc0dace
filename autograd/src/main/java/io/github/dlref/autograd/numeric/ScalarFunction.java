package io.github.dlref.autograd.numeric;

/**
 * A function {@code f: R^n -> R} evaluated in double precision, the object of numeric differentiation.
 * Implementations must not modify the argument array and must return the same value for the same
 * argument (no randomness, no hidden state), otherwise a difference quotient means nothing.
 */
@FunctionalInterface
public interface ScalarFunction {

    /**
     * Evaluates the function.
     *
     * @param x the point, of length {@code n}; not modified
     * @return {@code f(x)}
     */
    double apply(double[] x);
}
