package io.github.dlref.nn;

import io.github.dlref.autograd.check.GradCheckSettings;

/**
 * Every tolerance used by the nn tests, in one place, with the reason for its size.
 */
public final class Tolerances {

    private Tolerances() {
    }

    /**
     * Absolute part of the comparison with PyTorch float64 golden values: both sides compute in IEEE double,
     * but sum in different orders and use different (correctly rounded within an ulp or so) libm functions,
     * so values of order 1 agree to a few ulps (about 1e-15); 1e-12 leaves room for sums of tens of terms and
     * for differences of nearly equal numbers (batch-norm centering), while any formula or convention error
     * (a missing factor, a biased instead of unbiased variance, a wrong reduction) is far larger.
     */
    public static final double GOLDEN_ATOL = 1e-12;

    /** Relative part of the golden comparison (for the few values far from 1, such as the BCE edge gradient 1e12). */
    public static final double GOLDEN_RTOL = 1e-12;

    /**
     * Orthogonality of an orthogonal initialization, {@code max |W W^T - I|} (or {@code W^T W}): Householder QR
     * is backward stable, so the deviation is a small multiple of the unit roundoff times the size; the issue
     * asks for 1e-12.
     */
    public static final double ORTHOGONAL = 1e-12;

    /**
     * Agreement of two computations of the same closed form in a different order (a document's hand-written
     * formula against autograd): a few ulps of values of order 1 to 100.
     */
    public static final double SAME_FORMULA = 1e-12;

    /**
     * A value of order 1 computed from exact inputs with one to a handful of roundings (a square root, a cube root,
     * {@code log 2}, a sum of three products), against the same value computed directly, absolute: {@code 1e-15},
     * about 4.5 ulps of 1. Any formula error (a wrong factor, a missing term) is of the size of the value.
     */
    public static final double FEW_ULPS = 1e-15;

    /**
     * The second-order check ({@code GradCheck.gradGradCheck}) over nn's ops, layers and losses: central differences
     * with {@code h = 1e-6} of first derivatives of order 1 carry a truncation error near {@code h^2 f''''}
     * (1e-12) and a rounding error near {@code 1e-16 / h} (1e-10), so {@code atol = 1e-7}, {@code rtol = 1e-6}
     * (a hundred times stricter than PyTorch's defaults) still leave three orders of margin, while a wrong second
     * derivative (a missing term of a differentiable backward rule) is off by the size of the term.
     */
    public static final GradCheckSettings SECOND_ORDER_GRADCHECK = GradCheckSettings.DEFAULTS.withTolerances(1e-7,
            1e-6);

    /** A value published rounded to 2 decimals (the CS231n notes' loss 1.04): half a unit in the last place. */
    public static final double PUBLISHED_2_DECIMALS = 0.005;

    /**
     * Sampling bound for variance checks of initializers, in standard errors: the sample variance
     * {@code s^2} of {@code n} independent draws has standard error {@code sigma^2 sqrt((kappa - 1) / n)}, with
     * kurtosis {@code kappa = 3} for a normal and {@code 9/5} for a uniform distribution; a correct initializer
     * exceeds 5 standard errors with probability below 1e-6 (normal approximation), while a wrong fan or gain
     * (a factor 2 or more in variance) exceeds it by far for the sizes used.
     */
    public static final double VARIANCE_STANDARD_ERRORS = 5.0;
}
