package io.github.dlref.optim;

/**
 * Every tolerance the optim tests use, with the reason for its size. One place, so that no test hides a
 * loose literal.
 */
public final class Tolerances {

    private Tolerances() {
    }

    /**
     * Agreement with PyTorch float64 golden trajectories, normwise per matrix:
     * {@code |ours_i - torch_i| <= 1e-12 * max_j |torch_j|}. We follow PyTorch's order of operations, but
     * PyTorch's vectorized CPU kernels may fuse a multiply-add (one rounding instead of two) and
     * {@code pow} in C and in Java may differ by an ulp, so results can differ in the last bits; an element
     * produced by cancellation ({@code 0.1 - 0.0999985}) keeps the absolute error of its operands, which
     * is why the scale is the matrix's largest entry and not the element. Measured over all 8364 golden
     * values: 5886 bit-identical, worst normwise relative error 3.3e-14 (ten steps amplify a last-bit
     * difference about 300-fold at most here), so 1e-12 leaves a margin of 30 and still fails on any
     * formula change.
     */
    public static final double PYTORCH_RELATIVE = 1e-12;

    /**
     * Agreement with an independent high-precision (BigDecimal, 40 significant digits) evaluation of a
     * documented formula, for the Keras, Optax and document forms that PyTorch does not have: the double
     * computation rounds at every operation (about 1.1e-16 relative each), a step has fewer than 20
     * operations per element and the tests run at most 10 steps on well-conditioned problems, so 1e-13
     * relative leaves a margin of more than 10 over the expected error while still catching any change in
     * the formula (which moves results by far more than 1e-13).
     */
    public static final double CLOSED_FORM_RELATIVE = 1e-13;

    /**
     * Two double computations of the same mathematical quantity by different operation orders (for
     * example PyTorch momentum vs heavy-ball momentum with constant learning rate): each rounds
     * independently, so they may differ by a few ulps per step, amplified mildly by the dynamics; 1e-13
     * relative for at most 50 steps of a contracting iteration.
     */
    public static final double REORDERED_RELATIVE = 1e-13;

    /** A difference that must be seen when an equivalence breaks: far above any rounding effect. */
    public static final double BREAKS_AT_LEAST = 1e-6;
}
