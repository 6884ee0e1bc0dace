package io.github.dlref.autograd;

import io.github.dlref.autograd.check.GradCheckSettings;

/**
 * Every tolerance used by the matrix engine's tests, in one place, each with the reason for its size.
 *
 * <p>Error model: a central difference with step {@code h} has truncation error about
 * {@code h^2 |f'''| / 6} (about {@code 1e-13} for {@code h = 1e-6} and the bounded inputs the tests draw) and
 * rounding error about {@code eps |f| / h} with {@code eps = 2^-52 ~ 2.2e-16} (about {@code 2e-10 |f|}). The
 * test inputs keep {@code |f|} below about 20, so a correct backward rule differs from the numeric estimate by
 * at most a few {@code 1e-9}. A wrong rule (a missing factor, a sign, a transposed operand) errs by the size of
 * the derivative itself, {@code 1e-2} or more on these inputs.
 */
public final class Tolerances {

    private Tolerances() {
    }

    /**
     * The project's gradient-check criterion (PyTorch gradcheck's defaults: {@code h = 1e-6},
     * {@code atol = 1e-5}, {@code rtol = 1e-3}).
     */
    public static final GradCheckSettings PYTORCH_GRADCHECK = GradCheckSettings.DEFAULTS;

    /**
     * A stricter criterion for the op catalogue: {@code atol = 1e-7}, {@code rtol = 1e-6}. The error model above
     * bounds a correct rule's error by a few {@code 1e-9}; measured over the whole catalogue, the largest error is
     * {@code 1.9e-8} (division) and the largest ratio of error to allowance {@code 8e-3}, a margin above 100. A
     * backward rule that is off by 0.1 percent already fails (checked by corrupting {@code TransposeTimes}). It is tighter in both tolerances than {@link #PYTORCH_GRADCHECK},
     * so passing it implies passing PyTorch's criterion.
     */
    public static final GradCheckSettings STRICT_GRADCHECK = GradCheckSettings.DEFAULTS.withTolerances(1e-7, 1e-6);

    /**
     * Cross-engine agreement (scalar {@code Value} against matrix {@code Tensor}), relative to
     * {@code max(1, |expected|)}: {@code 1e-12}, as the issue requires. Both engines evaluate the same formulas
     * in double precision; they differ only in the order of a few additions (a matrix product sums in EJML's
     * order, the scalar network in the order it was written), each of which moves the result by a few ulps
     * ({@code ~1e-16} relative), far below the bound.
     */
    public static final double CROSS_ENGINE_RELATIVE = 1e-12;

    /**
     * Agreement with PyTorch float64 golden values, relative to {@code max(1, |expected|)}: {@code 1e-12}.
     * PyTorch and dlref compute the same formulas in double precision but in different summation orders and
     * with different {@code exp}/{@code log} implementations (each correct to about one ulp), so results agree to
     * a few {@code 1e-16} relative; the bound leaves room for the error amplification of log-sum-exp on these
     * inputs (condition number below 100).
     */
    public static final double GOLDEN_RELATIVE = 1e-12;

    /**
     * Hand-computed expected values that involve one or two roundings ({@code exp}, {@code log}, a division),
     * relative to {@code max(1, |expected|)}: {@code 1e-15}, a handful of ulps.
     */
    public static final double HAND_COMPUTED_RELATIVE = 1e-15;

    /**
     * Values of order 1 after one to a handful of roundings, absolute: {@code 1e-15}, about 4.5 ulps of 1 (for
     * example a softmax of logits shifted by an exact constant, or a gradient that is exactly 2 in real arithmetic).
     */
    public static final double FEW_ULPS = 1e-15;

    /**
     * The fused softmax cross-entropy at logits near 1000 against its closed form at the shifted logits, relative to
     * {@code max(1, |expected|)}: {@code 1e-13}. Subtracting the row maximum is exact, but the closed form evaluates
     * {@code log(1 + e + e^2)} and the engine a log-sum-exp of differently rounded terms; each side has a few ulps of
     * a value near 2, and the margin covers the mean over two rows. Without the shift the result is infinite.
     */
    public static final double LARGE_LOGITS_RELATIVE = 1e-13;

    /**
     * A gradient composed by the scalar engine against its closed form (for example sigmoid built from exp, add and
     * div against {@code y (1 - y)}), relative to {@code max(1, |expected|)}: {@code 1e-14}. Each side rounds at most
     * a dozen times, about {@code 1.3e-15} relative; a wrong rule is off by the size of the value.
     */
    public static final double COMPOSED_RELATIVE = 1e-14;

    /**
     * A central difference against the exact derivative of a smooth function with {@code |f|} and
     * {@code |f'''|} of order 1 to 10, absolute: {@code 1e-8}. With {@code h = 1e-5} the truncation error is
     * {@code h^2 |f'''| / 6 < 2e-10} and the rounding error {@code eps |f| / h < 2.2e-10}; with {@code h = 1e-6}
     * (gradcheck's default) the rounding error is {@code eps |f| / h < 2.2e-9}. A wrong derivative is off by
     * order 1.
     */
    public static final double CENTRAL_DIFFERENCE = 1e-8;

    /**
     * A central difference of a low-degree polynomial or of a function with {@code |f|} of order 1 (no truncation
     * error worth counting), absolute: {@code 1e-9}, above the rounding error {@code eps |f| / h}: at most
     * {@code 2.2e-10} for {@code h >= 1e-5} and {@code |f| <= 10}, or for {@code h = 1e-6} and {@code |f| <= 1}.
     */
    public static final double CENTRAL_DIFFERENCE_POLYNOMIAL = 1e-9;

    /**
     * The difference quotients of {@code y = 3x^2 + 6x} at {@code x = 2} ({@code |y| = 24}) with {@code h = 1e-5}
     * against their exact values ({@code 18 + 3h} forward, 18 central), absolute: {@code 5e-9}, ten times the
     * rounding error {@code eps |y| / h = 5e-10}; the forward quotient's {@code O(h)} term, {@code 3e-5}, is far
     * above it.
     */
    public static final double QUOTIENT_ROUNDING = 5e-9;

    /**
     * A forward difference with {@code h = 1e-5} of a function whose second derivative is at most 2, absolute:
     * {@code 2e-5}, the truncation error {@code h |f''| / 2 <= h} with a factor 2 of margin.
     */
    public static final double FORWARD_DIFFERENCE = 2e-5;

    /**
     * A value of order 0.01 to 100 computed along a short chain of roundings (under a hundred operations), absolute:
     * {@code 1e-12}; for example the error {@code h^2} of a central difference of {@code x^3} at a coarse step.
     */
    public static final double ROUNDING = 1e-12;

    /**
     * The gradient {@code exp(-10) = 4.54e-5} through {@code exp} and {@code log}, absolute: {@code 1e-20}, about 1.5
     * ulps of the value (its ulp is {@code 6.8e-21}).
     */
    public static final double EXP_MINUS_TEN = 1e-20;

    /**
     * The rounding share of a central difference's error constant {@code (D_h f - f') / h^2} for {@code f = exp} at
     * 1 with {@code h >= 1e-3}: the quotient's rounding error {@code eps e / h} divided by {@code h^2} is at most
     * {@code 6e-7}; {@code 1e-6} bounds it.
     */
    public static final double CENTRAL_ERROR_CONSTANT_ROUNDING = 1e-6;

    /**
     * The bound for a product of {@code n} roundings against {@link Math#pow}: each multiplication by a constant
     * rounds once (at most half an ulp, {@code 1.1e-16} relative), so the product of {@code n} factors near 1 is
     * within about {@code n} ulps of its exact value; the bound is {@code n * 2.3e-16 * 1.2}: {@code n} ulps of a
     * value up to 1.105 (whose ulp is {@code 2.2e-16}, rounded up to {@code 2.3e-16}), with a 20 percent margin.
     *
     * @param n the number of multiplications
     * @return the absolute tolerance for a result of order 1
     */
    public static double chainedProducts(int n) {
        return n * 2.3e-16 * 1.2;
    }

    /** A value printed rounded to 4 decimals (micrograd's README): half a unit in the last place, {@code 5e-5}. */
    public static final double PUBLISHED_4_DECIMALS = 5e-5;

    /**
     * Whether {@code actual} is within {@code relative * max(1, |expected|)} of {@code expected}.
     *
     * @param expected the reference
     * @param actual the value under test
     * @param relative the relative tolerance
     * @return whether they agree
     */
    public static boolean close(double expected, double actual, double relative) {
        return Math.abs(expected - actual) <= relative * Math.max(1.0, Math.abs(expected));
    }
}
