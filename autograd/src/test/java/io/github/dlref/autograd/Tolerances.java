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
