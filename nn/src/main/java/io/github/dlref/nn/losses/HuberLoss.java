package io.github.dlref.nn.losses;

import io.github.dlref.autograd.ops.Reduction;

/**
 * The Huber loss (Huber 1964; PyTorch {@code nn.HuberLoss(delta)}), per element of the error
 * {@code d = p - t}: {@code l = d^2 / 2} for {@code |d| < delta}, {@code delta (|d| - delta / 2)} otherwise;
 * default {@code delta = 1}. Quadratic near the target, linear (robust to outliers) far from it. Gradient
 * {@code dl/dp = clamp(d, -delta, delta)}.
 *
 * <p>Reduction: {@code MEAN} (default) divides by the number of <b>elements</b> {@code N D}; {@code SUM} sums;
 * {@code NONE} returns the {@code N x D} losses. PyTorch's two scalings: {@link SmoothL1Loss} with
 * {@code beta = delta} equals this loss divided by {@code delta} (tested), so the two coincide only at
 * {@code delta = 1}. Targets: {@code N x D} values.
 */
public final class HuberLoss extends HuberFamilyLoss {

    /** PyTorch's default {@code delta}. */
    public static final double DEFAULT_DELTA = 1.0;

    /** The loss with PyTorch's defaults: {@code delta = 1}, {@code MEAN}. */
    public HuberLoss() {
        this(DEFAULT_DELTA, Reduction.MEAN);
    }

    /**
     * The loss with chosen settings.
     *
     * @param delta where the quadratic piece turns linear, finite and {@code > 0}
     * @param reduction the reduction
     * @throws IllegalArgumentException if {@code delta} is not positive and finite
     */
    public HuberLoss(double delta, Reduction reduction) {
        super("HuberLoss", "delta", delta, false, reduction);
    }

    /**
     * The switch point.
     *
     * @return {@code delta}
     */
    public double delta() {
        return switchPoint();
    }
}
