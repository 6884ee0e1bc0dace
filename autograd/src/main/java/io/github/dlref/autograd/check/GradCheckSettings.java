package io.github.dlref.autograd.check;

/**
 * The settings of a gradient check, with the project's defaults in one place ({@link #DEFAULTS}).
 *
 * <p>An analytic derivative {@code a} passes against its central-difference estimate {@code n} when
 * {@code |a - n| <= atol + rtol |n|} (the criterion of PyTorch's {@code torch.autograd.gradcheck}, which uses
 * {@code eps = 1e-6}, {@code atol = 1e-5}, {@code rtol = 1e-3}; the same defaults are the project's
 * convention).
 *
 * @param h the central-difference step: {@code n = (f(x + h) - f(x - h)) / (2 h)}; finite and {@code > 0}
 * @param atol the absolute tolerance, finite and {@code >= 0}
 * @param rtol the relative tolerance, finite and {@code >= 0}
 * @param fastMode whether to compare one random projection {@code u^T J v} per input first (PyTorch's
 *     {@code fast_mode}), falling back to the full Jacobian comparison when a projection fails
 * @param seed the seed of the {@link io.github.dlref.math.Rng} that draws the projection vectors
 */
public record GradCheckSettings(double h, double atol, double rtol, boolean fastMode, long seed) {

    /** h = 1e-6, atol = 1e-5, rtol = 1e-3, full Jacobian, seed 0. */
    public static final GradCheckSettings DEFAULTS = new GradCheckSettings(1e-6, 1e-5, 1e-3, false, 0L);

    /**
     * Validates every setting.
     *
     * @param h the central-difference step
     * @param atol the absolute tolerance
     * @param rtol the relative tolerance
     * @param fastMode whether to try the random projection first
     * @param seed the projection seed
     * @throws IllegalArgumentException naming the setting, its value and the valid range
     */
    public GradCheckSettings {
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new IllegalArgumentException("GradCheckSettings: h must be finite and > 0, got " + h);
        }
        if (!(atol >= 0) || Double.isInfinite(atol)) {
            throw new IllegalArgumentException("GradCheckSettings: atol must be finite and >= 0, got " + atol);
        }
        if (!(rtol >= 0) || Double.isInfinite(rtol)) {
            throw new IllegalArgumentException("GradCheckSettings: rtol must be finite and >= 0, got " + rtol);
        }
    }

    /**
     * These settings with another step.
     *
     * @param newH the step, finite and {@code > 0}
     * @return the new settings
     */
    public GradCheckSettings withH(double newH) {
        return new GradCheckSettings(newH, atol, rtol, fastMode, seed);
    }

    /**
     * These settings with other tolerances.
     *
     * @param newAtol the absolute tolerance, {@code >= 0}
     * @param newRtol the relative tolerance, {@code >= 0}
     * @return the new settings
     */
    public GradCheckSettings withTolerances(double newAtol, double newRtol) {
        return new GradCheckSettings(h, newAtol, newRtol, fastMode, seed);
    }

    /**
     * These settings with fast mode switched on, drawing projections from the given seed.
     *
     * @param projectionSeed the seed of the projection vectors
     * @return the new settings
     */
    public GradCheckSettings withFastMode(long projectionSeed) {
        return new GradCheckSettings(h, atol, rtol, true, projectionSeed);
    }

    /**
     * Whether an analytic value passes against a numeric one: {@code |a - n| <= atol + rtol |n|}
     * (false if either is NaN).
     *
     * @param analytic the analytic derivative
     * @param numeric the central-difference estimate
     * @return whether it passes
     */
    public boolean accepts(double analytic, double numeric) {
        return Math.abs(analytic - numeric) <= atol + rtol * Math.abs(numeric);
    }

    @Override
    public String toString() {
        return "h=" + h + ", atol=" + atol + ", rtol=" + rtol + (fastMode ? ", fast mode (seed " + seed + ")" : "");
    }
}
