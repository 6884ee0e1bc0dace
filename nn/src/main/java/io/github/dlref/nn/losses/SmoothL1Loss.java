package io.github.dlref.nn.losses;

import io.github.dlref.autograd.ops.Reduction;

/**
 * The smooth L1 loss (Girshick 2015, Fast R-CNN; PyTorch {@code nn.SmoothL1Loss(beta)}), per element of the
 * error {@code d = p - t}: {@code l = d^2 / (2 beta)} for {@code |d| < beta}, {@code |d| - beta / 2} otherwise;
 * default {@code beta = 1}. Gradient {@code d / beta} inside, {@code sign(d)} outside. With {@code beta = 0} it is
 * the absolute error (PyTorch 1.13's gradient at {@code d = 0} is then {@code -1}, from its test
 * {@code d <= -beta}; dlref matches it).
 *
 * <p>PyTorch's two scalings: this loss is {@link HuberLoss} with {@code delta = beta} divided by {@code beta}
 * (for {@code beta > 0}): its linear piece has slope 1 whatever {@code beta}, Huber's has slope {@code delta}.
 * Reduction: {@code MEAN} (default) divides by the number of <b>elements</b>; {@code SUM} sums; {@code NONE}
 * returns the {@code N x D} losses. Targets: {@code N x D} values.
 */
public final class SmoothL1Loss extends HuberFamilyLoss {

    /** PyTorch's default {@code beta}. */
    public static final double DEFAULT_BETA = 1.0;

    /** The loss with PyTorch's defaults: {@code beta = 1}, {@code MEAN}. */
    public SmoothL1Loss() {
        this(DEFAULT_BETA, Reduction.MEAN);
    }

    /**
     * The loss with chosen settings.
     *
     * @param beta where the quadratic piece turns linear, finite and {@code >= 0}
     * @param reduction the reduction
     * @throws IllegalArgumentException if {@code beta} is negative or not finite
     */
    public SmoothL1Loss(double beta, Reduction reduction) {
        super("SmoothL1Loss", "beta", beta, true, reduction);
    }

    /**
     * The switch point.
     *
     * @return {@code beta}
     */
    public double beta() {
        return switchPoint();
    }
}
