package io.github.dlref.autograd.numeric;

/**
 * The finite-difference formula used for one partial derivative {@code df/dx_i} with step {@code h}
 * ({@code e_i} is the i-th unit vector).
 */
public enum DifferenceScheme {

    /**
     * {@code (f(x + h e_i) - f(x)) / h}: truncation error {@code O(h)} (for smooth {@code f}, about
     * {@code h/2 f''}). The whole gradient costs {@code n + 1} evaluations of {@code f}, the count the
     * bp-optimizers document gives for this "simpler scheme" (section "extension", with
     * {@code epsilon} for {@code h}); cs231n-opt-bp's first numeric formula.
     */
    FORWARD,

    /**
     * {@code (f(x + h e_i) - f(x - h e_i)) / (2h)}: the symmetric derivative of cs231n-opt-bp, truncation
     * error {@code O(h^2)} (about {@code h^2/6 f'''}); {@code 2n} evaluations for the whole gradient.
     */
    CENTRAL
}
