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

    /**
     * Values of order 1 computed by hand and by the code with one to a handful of roundings (a schedule's rate, an
     * average of three numbers): {@code 1e-15}, about 4.5 ulps of 1; relative to the value where the caller says
     * so.
     */
    public static final double FEW_ULPS = 1e-15;

    /**
     * Values of order 10 after a handful of roundings (a bias-corrected average of a constant 10): {@code 1e-14},
     * about 5 ulps of 10 (whose ulp is {@code 1.8e-15}).
     */
    public static final double FEW_ULPS_OF_TEN = 1e-14;

    /**
     * Two momentum buffers driven by the same 30 gradients, each a recurrence contracting by {@code beta = 0.9},
     * compared through their difference, relative to {@code max(1, buffer)}: {@code 1e-14}. The contraction keeps
     * each buffer's accumulated rounding error below {@code ulp / (1 - beta)}, ten ulps of its scale (about
     * {@code 2.2e-15} relative), so the difference of two is within {@code 4.4e-15}.
     */
    public static final double CONTRACTING_BUFFERS_RELATIVE = 1e-14;

    /**
     * A value of order 1 to 10 after up to 60 steps of a contracting recurrence (an exponentially weighted
     * average with {@code beta = 0.9}, or the parameter offset of two momentum forms), absolute: {@code 1e-13}.
     * The contraction keeps the accumulated error below {@code ulp / (1 - beta)}, ten ulps of 10, about
     * {@code 1.8e-14}; a formula error changes the value by far more.
     */
    public static final double CONTRACTING_RECURRENCE = 1e-13;

    /**
     * A value computed along two rounding paths that include a cancellation {@code 1 - beta} with {@code beta}
     * near 1 or tens of accumulation steps, absolute for values up to 50 or relative to {@code max(1, |value|)} or
     * to a matrix's largest entry: {@code 1e-12}. For {@code beta = 0.98} the rounding of {@code 1 - beta} alone
     * is {@code 5.5e-15} relative, {@code 2.8e-13} at the effective window 50.
     */
    public static final double CANCELLATION = 1e-12;

    /**
     * Values near 0.1 whose expected double is reached by both computations: {@code 1e-17}, under one ulp of 0.1
     * ({@code 1.4e-17}), so only the same double passes.
     */
    public static final double BELOW_ONE_ULP_OF_A_TENTH = 1e-17;

    /**
     * The effect of the documents' corrective epsilon ({@code 1e-8} added to a root of order 0.25 to 1) on one step,
     * relative: at most {@code 4e-8}, so two steps that differ only by it agree within {@code 1e-7}.
     */
    public static final double EPSILON_CORRECTION_RELATIVE = 1e-7;

    /**
     * The smallest difference, relative to the quantity's scale (a step size or a parameter of order 1), that
     * tells two readings of a formula apart on the test problems: {@code 1e-3}. The derivations predict
     * differences of 1e-2 or more, rounding gives 1e-13 or less.
     */
    public static final double SEPARATED = 1e-3;

    /**
     * A difference of at least {@code 1e-2}: a run that must move visibly (a parameter from 3 to below it), or two
     * conventions that the test's derivation shows differ by more than that (Adam with L2 against decoupled decay).
     */
    public static final double SEPARATED_WIDELY = 1e-2;

    /**
     * What may remain of the start-up bias of an exponentially weighted average ({@code beta = 0.9}) of a constant
     * 10 after 60 steps: {@code 10 * 0.9^60 = 0.018} exactly, bounded by {@code 0.02}.
     */
    public static final double BIAS_AFTER_60_STEPS = 0.02;

    /** A difference that must be seen when an equivalence breaks: far above any rounding effect. */
    public static final double BREAKS_AT_LEAST = 1e-6;

    /**
     * L-BFGS without line search on Rosenbrock, after its second {@code step(closure)} (40 quasi-Newton
     * iterations): 1e-9 normwise. The first step agrees with PyTorch to 1e-12; over more iterations the
     * rounding of the dot products (PyTorch's vectorized kernels may fuse multiply-adds; dlref sums in flat
     * order) is amplified by the ill-conditioned curvature to 3.3e-11 (measured), still far below any
     * difference of arithmetic (a changed constant or a swapped branch moves the iterate by more than 1e-3). The
     * least-squares runs and every strong-Wolfe run agree to 1e-12.
     */
    public static final double LBFGS_AMPLIFIED_ROUNDING = 1e-9;
}
