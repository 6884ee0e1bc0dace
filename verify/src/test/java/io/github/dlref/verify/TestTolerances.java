package io.github.dlref.verify;

/**
 * Every tolerance of the verify module's tests, in one place, with the reason for its size. (The worked-example
 * catalog's own comparisons are part of its main code, {@code io.github.dlref.verify.examples.Tolerances}; the
 * oracle's default tolerance for {@code check} and {@code diagnose} is
 * {@code io.github.dlref.verify.oracle.Tolerance#DEFAULT}.)
 */
public final class TestTolerances {

    /**
     * A value of order 1 that the test writes by hand and the code computes with one to a handful of roundings
     * (a gradient step {@code 2 - 0.1 * 18}, a document's sign or factor error), absolute: {@code 1e-15}, about 4.5
     * ulps of 1.
     */
    public static final double FEW_ULPS = 1e-15;

    /**
     * A ratio or limit of order 1 computed along tens to hundreds of operations (the ratio of two gradient
     * components, a gradient-descent iterate that has converged in double precision), absolute: {@code 1e-12};
     * rounding contributes a few {@code 1e-16} per operation, a wrong formula at least {@code 1e-3} here.
     */
    public static final double ROUNDING = 1e-12;

    /**
     * Orthogonality {@code max |W W^T - I|} of an orthogonal initialization: {@code 1e-12}. Householder QR is
     * backward stable, so the deviation is a small multiple of the unit roundoff times the size.
     */
    public static final double ORTHOGONAL = 1e-12;

    /**
     * dlref's run against the PyTorch float64 golden values, normwise per matrix:
     * {@code |a - e| <= 1e-12 max_j |e_j|}. Both sides compute the same gradients in different summation orders;
     * the worst measured error is 2.5e-14 (docs/oracle.md), a margin of 40.
     */
    public static final double PYTORCH_NORMWISE_RELATIVE = 1e-12;

    /**
     * The sum of the partial derivatives of {@code max(a, b)} at a tie, against its exact value 1, absolute:
     * {@code 1e-8}. One of the examples estimates it with a central difference along {@code (1, 1)}, where max is
     * linear, so only the quotient's rounding error {@code eps |f| / h} (about {@code 1e-10} for inputs of order 1)
     * remains; a wrong tie rule gives 0 or 2.
     */
    public static final double CENTRAL_DIFFERENCE = 1e-8;

    /**
     * The worst absolute error of the whole gradient-check sweep must stay below {@code 1e-6}: the largest measured
     * is 5.5e-9 (docs/oracle.md), PyTorch's criterion would accept up to {@code 1e-5 + 1e-3 |n|}; this bound makes
     * a regression visible long before the criterion fails.
     */
    public static final double GRADCHECK_SWEEP_WORST = 1e-6;

    /**
     * The smallest magnitude that counts as clearly non-zero, or as clearly different from a document's value, for
     * the worked examples' gradients and corrections (values of order 0.01 to 1): {@code 1e-3}.
     */
    public static final double CLEARLY_NON_ZERO = 1e-3;

    /**
     * The gradient ratio below which a 10-layer sigmoid network's first-layer gradient counts as vanished:
     * {@code 1e-4}. Each sigmoid layer multiplies by at most {@code 1/4} times the weights; the measured ratio is
     * 6.6e-7 at depth 10 (the table in NnExamplesTest), while ReLU and BatchNorm networks stay of order 1.
     */
    public static final double VANISHED = 1e-4;

    private TestTolerances() {
    }
}
